package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.engine.ReferenceSimulationTest.CMat;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each density-matrix operation against the operator algebra written out independently with dense complex matrices
 * (Kronecker products of Pauli matrices, Taylor-series exponentials): a rotation is exp(−iθ(cos φ·Fx + sin φ·Fy))
 * acting as R·ρ·R†, free precession is exp(−iHt)·ρ·exp(+iHt) with the full strong-coupling H, a gradient lobe is
 * exp(+iφFz)·ρ·exp(−iφFz), a coherence filter keeps the elements with M_row − M_col = p. Each operation is checked on a
 * random Hermitian ρ holding every coherence order, and from either basis, since the matrix changes basis lazily.
 */
class DensityMatrixOperationsTest {
    static final double TOL = 1e-11;

    /** A strongly coupled three-spin cluster (Δδ·f0 comparable to J) so that the eigenbasis is not the Zeeman one. */
    static Cluster abx() {
        double[][] j = {{0, 12.5, 3.1}, {12.5, 0, -6.4}, {3.1, -6.4, 0}};
        return new Cluster(new double[] {2.0, 2.1, 3.9}, new double[] {-70.0, 31.0, 910.0}, j, 1);
    }

    static CMat hamiltonian(Cluster c) {
        int n = c.spins();
        CMat[] ix = CMat.all(n, 'x');
        CMat[] iy = CMat.all(n, 'y');
        CMat[] iz = CMat.all(n, 'z');
        CMat h = new CMat(1 << n);
        for (int i = 0; i < n; i++) {
            h = h.plus(iz[i].scale(c.offsetRadPerS()[i]));
            for (int k = i + 1; k < n; k++) {
                h = h.plus(ix[i].times(ix[k]).plus(iy[i].times(iy[k])).plus(iz[i].times(iz[k]))
                        .scale(2 * Math.PI * c.jHz()[i][k]));
            }
        }
        return h;
    }

    /** The natural-order (spin 0 most significant) index of the state at SpinSpace index idx. */
    static int natural(SpinSpace s, int idx) {
        return ShapedPulseTest.reverse(s.stateAt[idx], s.spins);
    }

    /** ρ (Zeeman basis, block order) as a natural-order matrix. */
    static CMat toC(DensityMatrix rho) {
        assertFalse(rho.inEigenbasis());
        SpinSpace s = rho.space;
        CMat m = new CMat(s.dim);
        for (int a = 0; a < s.dim; a++) {
            for (int b = 0; b < s.dim; b++) {
                m.re[natural(s, a)][natural(s, b)] = rho.re[a * s.dim + b];
                m.im[natural(s, a)][natural(s, b)] = rho.im[a * s.dim + b];
            }
        }
        return m;
    }

    static void load(DensityMatrix rho, CMat m) {
        SpinSpace s = rho.space;
        for (int a = 0; a < s.dim; a++) {
            for (int b = 0; b < s.dim; b++) {
                rho.re[a * s.dim + b] = m.re[natural(s, a)][natural(s, b)];
                rho.im[a * s.dim + b] = m.im[natural(s, a)][natural(s, b)];
            }
        }
    }

    static CMat randomHermitian(int d, Random rnd) {
        CMat m = new CMat(d);
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double xr = rnd.nextGaussian();
                double xi = a == b ? 0 : rnd.nextGaussian();
                m.re[a][b] = xr;
                m.im[a][b] = xi;
                m.re[b][a] = xr;
                m.im[b][a] = -xi;
            }
        }
        return m;
    }

    /**
     * Hermitian matrices of three kinds: complex, real symmetric (every element with a zero imaginary part) and
     * imaginary antisymmetric (every element with a zero real part), so that no element is skipped as zero by
     * looking at one of its parts only.
     */
    static CMat[] hermitianKinds(int d, Random rnd) {
        CMat complex = randomHermitian(d, rnd);
        CMat real = randomHermitian(d, rnd);
        CMat imag = randomHermitian(d, rnd);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                real.im[a][b] = 0;
                imag.re[a][b] = 0;
            }
        }
        return new CMat[] {complex, real, imag};
    }

    /** A density matrix of the cluster holding the given Zeeman-basis matrix, left in the requested basis. */
    static DensityMatrix state(Cluster c, CMat m, boolean inEigenbasis) {
        SpinSpace s = new SpinSpace(c.spins());
        DensityMatrix rho = new DensityMatrix(s, new Eigenbasis(s, c));
        load(rho, m);
        if (inEigenbasis) {
            rho.toEigen();
            assertTrue(rho.inEigenbasis());
        }
        return rho;
    }

    static void assertSame(CMat expected, DensityMatrix actual, double tol, String what) {
        actual.toZeeman();
        CMat got = toC(actual);
        double worst = 0;
        double scale = 0;
        for (int a = 0; a < got.d(); a++) {
            for (int b = 0; b < got.d(); b++) {
                worst = Math.max(worst, Math.hypot(got.re[a][b] - expected.re[a][b], got.im[a][b] - expected.im[a][b]));
                scale = Math.max(scale, Math.hypot(expected.re[a][b], expected.im[a][b]));
            }
        }
        assertTrue(scale > 0.1, what + ": the expected matrix is not trivial");
        assertTrue(worst < tol * scale, what + ": max |Δρ| = " + worst);
    }

    static CMat sandwich(CMat u, CMat rho) {
        return u.times(rho).times(u.dagger());
    }

    @Test
    void thermalEquilibriumIsTheSumOfIz() {
        Cluster c = abx();
        SpinSpace s = new SpinSpace(3);
        DensityMatrix rho = new DensityMatrix(s, new Eigenbasis(s, c));
        CMat fz = new CMat(8);
        for (CMat iz : CMat.all(3, 'z')) {
            fz = fz.plus(iz);
        }
        assertSame(fz, rho, 1e-15, "ρ0 = Fz");
        // Tr(Fz²) = n·2^n/4.
        assertEquals(3 * 8 / 4.0, rho.frobeniusNormSquared(), 1e-15);
        assertEquals(0, rho.traceRe(), 1e-15);
    }

    @Test
    void rotationIsExpMinusIThetaAboutTheAxisAtPhasePhi() {
        Random rnd = new Random(11);
        Cluster c = abx();
        CMat[] ix = CMat.all(3, 'x');
        CMat[] iy = CMat.all(3, 'y');
        boolean[][] masks = {{true, false, false}, {false, true, true}, {true, true, true}, {false, false, true}};
        double[][] pulses = {{Math.PI / 2, 0}, {Math.PI, Math.PI / 2}, {0.7, 0.4}, {2.3, -1.1}, {Math.PI / 3, 3.0}};
        for (boolean[] mask : masks) {
            for (double[] pulse : pulses) {
                for (boolean fromEigen : new boolean[] {false, true}) {
                    CMat rho0 = randomHermitian(8, rnd);
                    CMat gen = new CMat(8);
                    for (int k = 0; k < 3; k++) {
                        if (mask[k]) {
                            gen = gen.plus(ix[k].scale(Math.cos(pulse[1]))).plus(iy[k].scale(Math.sin(pulse[1])));
                        }
                    }
                    CMat r = gen.scale(pulse[0]).expMinusI();
                    DensityMatrix rho = state(c, rho0, fromEigen);
                    rho.rotate(mask, pulse[0], pulse[1]);
                    assertSame(sandwich(r, rho0), rho, TOL, "rotation " + java.util.Arrays.toString(mask) + " "
                            + java.util.Arrays.toString(pulse) + (fromEigen ? " from the eigenbasis" : ""));
                }
            }
        }
    }

    @Test
    void ninetyDegreePulseAboutXTurnsIzIntoMinusIy() {
        // Analytic: exp(−i(π/2)Ix)·Iz·exp(+i(π/2)Ix) = −Iy, for one spin.
        Cluster one = new Cluster(new double[] {1}, new double[] {0}, new double[1][1], 1);
        SpinSpace s = new SpinSpace(1);
        DensityMatrix rho = new DensityMatrix(s, new Eigenbasis(s, one));
        rho.rotate(new boolean[] {true}, Math.PI / 2, 0);
        assertEquals(0, rho.re[0], 1e-15);
        assertEquals(0, rho.re[3], 1e-15);
        // −Iy = [[0, i/2], [−i/2, 0]] in (α, β).
        assertEquals(0.5, rho.im[1], 1e-15);
        assertEquals(-0.5, rho.im[2], 1e-15);
        assertEquals(0, rho.re[1], 1e-15);
        // About y (φ = 90°): Iz → +Ix.
        DensityMatrix y = new DensityMatrix(s, new Eigenbasis(s, one));
        y.rotate(new boolean[] {true}, Math.PI / 2, Math.PI / 2);
        assertEquals(0.5, y.re[1], 1e-15);
        assertEquals(0.5, y.re[2], 1e-15);
        assertEquals(0, y.im[1], 1e-15);
    }

    @Test
    void applyUnitaryIsUrhoUDagger() {
        Random rnd = new Random(5);
        Cluster c = abx();
        for (boolean fromEigen : new boolean[] {false, true}) {
            double[][] u = CrusherPairKernelTest.randomUnitary(8, rnd);
            // Some exact zeros, as a block-diagonal pulse propagator has: keep U unitary by zeroing a whole
            // 2×2 sub-block structure (U ⊕ 1): rows/columns 6 and 7 become identity.
            double[][] v = blockUnitary(u, rnd);
            // exp(−i·θ·Ix_0)·exp(−i·θ'·Iy_2): entries that are purely real or purely imaginary.
            CMat rx = CMat.single(3, 0, 'x').scale(1.1).expMinusI()
                    .times(CMat.single(3, 2, 'y').scale(0.6).expMinusI());
            double[][] r = fromNatural(rx, new SpinSpace(3));
            for (double[][] w : new double[][][] {u, v, r}) {
                for (CMat rho0 : hermitianKinds(8, rnd)) {
                    DensityMatrix rho = state(c, rho0, fromEigen);
                    rho.applyUnitary(w);
                    assertSame(sandwich(blockOrder(w, rho.space), rho0), rho, TOL, "U·ρ·U†");
                    assertTrue(rho.hermiticityError() < 1e-12);
                }
            }
        }
    }

    /** A unitary that leaves the last two basis states alone: a random 6×6 unitary ⊕ 1₂. */
    private static double[][] blockUnitary(double[][] unused, Random rnd) {
        double[][] small = CrusherPairKernelTest.randomUnitary(6, rnd);
        double[] re = new double[64];
        double[] im = new double[64];
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                re[a * 8 + b] = small[0][a * 6 + b];
                im[a * 8 + b] = small[1][a * 6 + b];
            }
        }
        re[6 * 8 + 6] = 1;
        re[7 * 8 + 7] = 1;
        return new double[][] {re, im};
    }

    /** A block-order {re, im} matrix as a natural-order CMat. */
    static CMat blockOrder(double[][] u, SpinSpace s) {
        CMat m = new CMat(s.dim);
        for (int a = 0; a < s.dim; a++) {
            for (int b = 0; b < s.dim; b++) {
                m.re[natural(s, a)][natural(s, b)] = u[0][a * s.dim + b];
                m.im[natural(s, a)][natural(s, b)] = u[1][a * s.dim + b];
            }
        }
        return m;
    }

    /** A natural-order matrix as block-order {re, im}. */
    static double[][] fromNatural(CMat m, SpinSpace s) {
        double[] re = new double[s.dim * s.dim];
        double[] im = new double[s.dim * s.dim];
        for (int a = 0; a < s.dim; a++) {
            for (int b = 0; b < s.dim; b++) {
                re[a * s.dim + b] = m.re[natural(s, a)][natural(s, b)];
                im[a * s.dim + b] = m.im[natural(s, a)][natural(s, b)];
            }
        }
        return new double[][] {re, im};
    }

    /** P_p on a natural-order matrix: keep the elements with M_row − M_col = p. */
    static CMat order(CMat m, int n, int p) {
        CMat out = new CMat(m.d());
        for (int a = 0; a < m.d(); a++) {
            for (int b = 0; b < m.d(); b++) {
                // M = (n − 2·#β)/2, #β = number of set bits.
                int twoP = (n - 2 * Integer.bitCount(a)) - (n - 2 * Integer.bitCount(b));
                if (twoP == 2 * p) {
                    out.re[a][b] = m.re[a][b];
                    out.im[a][b] = m.im[a][b];
                }
            }
        }
        return out;
    }

    @Test
    void pulseBetweenCrushersKeepsThePathwaysWhoseOrderChangesSign() {
        Random rnd = new Random(9);
        Cluster c = abx();
        // A random unitary, and a product of one-spin rotations (entries exactly zero, real or imaginary).
        double[][] rotation = fromNatural(CMat.single(3, 1, 'x').scale(0.9).expMinusI()
                .times(CMat.single(3, 0, 'y').scale(2.2).expMinusI()), new SpinSpace(3));
        for (boolean fromEigen : new boolean[] {false, true}) {
            for (double[][] u : new double[][][] {CrusherPairKernelTest.randomUnitary(8, rnd), rotation}) {
                for (CMat rho0 : hermitianKinds(8, rnd)) {
                    DensityMatrix rho = state(c, rho0, fromEigen);
                    CMat uc = blockOrder(u, rho.space);
                    CMat expected = new CMat(8);
                    for (int p = -3; p <= 3; p++) {
                        expected = expected.plus(order(sandwich(uc, order(rho0, 3, p)), 3, -p));
                    }
                    rho.applyBetweenCrushers(u);
                    assertSame(expected, rho, TOL, "Σ_p P₋ₚ(U·Pₚ(ρ)·U†)");
                }
            }
        }
        // Only some orders present (a Zeeman order ±1 state): the empty orders are skipped, the result unchanged.
        CMat fx = new CMat(8);
        for (CMat x : CMat.all(3, 'x')) {
            fx = fx.plus(x);
        }
        double[][] u = CrusherPairKernelTest.randomUnitary(8, rnd);
        DensityMatrix rho = state(c, fx, false);
        CMat uc = blockOrder(u, rho.space);
        CMat expected = order(sandwich(uc, order(fx, 3, 1)), 3, -1)
                .plus(order(sandwich(uc, order(fx, 3, -1)), 3, 1));
        rho.applyBetweenCrushers(u);
        assertSame(expected, rho, TOL, "Fx between crushers");
    }

    @Test
    void gradientLobeWindsEachOrderByItsPhase() {
        Random rnd = new Random(3);
        Cluster c = abx();
        CMat fz = new CMat(8);
        for (CMat iz : CMat.all(3, 'z')) {
            fz = fz.plus(iz);
        }
        for (double phi : new double[] {0.3, -2.1, Math.PI}) {
            CMat rho0 = randomHermitian(8, rnd);
            DensityMatrix rho = state(c, rho0, false);
            rho.wind(phi);
            // exp(+iφFz)·ρ·exp(−iφFz): element (a, b) gains exp(+iφ(M_a − M_b)).
            CMat z = fz.scale(-phi).expMinusI();
            assertSame(sandwich(z, rho0), rho, TOL, "wind " + phi);
        }
    }

    @Test
    void freePrecessionIsExpMinusIHtWithTheFullStrongCouplingHamiltonian() {
        Random rnd = new Random(13);
        Cluster c = abx();
        CMat h = hamiltonian(c);
        for (double t : new double[] {3.7e-3, 41e-3}) {
            for (boolean fromEigen : new boolean[] {false, true}) {
                for (CMat rho0 : hermitianKinds(8, rnd)) {
                    DensityMatrix rho = state(c, rho0, fromEigen);
                    rho.evolve(t);
                    assertTrue(rho.inEigenbasis(), "evolution leaves ρ in the eigenbasis");
                    assertSame(sandwich(h.scale(t).expMinusI(), rho0), rho, 1e-9, "evolve " + t);
                }
            }
        }
        // Two delays in a row are one delay of the summed length.
        CMat rho0 = randomHermitian(8, rnd);
        DensityMatrix rho = state(c, rho0, false);
        rho.evolve(0.01);
        rho.evolve(0.0);
        rho.evolve(0.02);
        assertSame(sandwich(h.scale(0.03).expMinusI(), rho0), rho, 1e-9, "evolve 10 + 0 + 20 ms");
    }

    @Test
    void theEigenbasisDiagonalisesTheHamiltonian() {
        Cluster c = abx();
        CMat h = hamiltonian(c);
        DensityMatrix rho = state(c, h, true);
        int d = rho.dim;
        double[] e = rho.eigen.energy;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double expected = a == b ? e[a] : 0;
                assertEquals(expected, rho.re[a * d + b], 1e-9, "H in its eigenbasis, " + a + "," + b);
                assertEquals(0, rho.im[a * d + b], 1e-12);
            }
        }
        // The eigenvalues are those of H: Σ E = Tr H = 0, Σ E² = Tr H².
        double sum = 0;
        double sum2 = 0;
        for (double x : e) {
            sum += x;
            sum2 += x * x;
        }
        double trH2 = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                trH2 += h.re[a][b] * h.re[a][b] + h.im[a][b] * h.im[a][b];
            }
        }
        assertEquals(0, sum, 1e-9);
        assertEquals(trH2, sum2, 1e-9 * trH2);
        // And back.
        assertSame(h, rho, 1e-13, "H → eigenbasis → Zeeman");
    }

    @Test
    void relaxationDampsCoherencesByT2AndPopulationsByT1() {
        // Uncoupled spins with distinct offsets: the eigenbasis is the Zeeman basis (up to signs), so populations
        // are the diagonal and coherences the off-diagonal elements.
        Random rnd = new Random(17);
        Cluster c = new Cluster(new double[] {1, 2}, new double[] {-300, 800}, new double[2][2], 1);
        double t = 0.05;
        double t1 = 1.2;
        double t2 = 0.08;
        double[][] cases = {{t1, t2}, {Double.NaN, t2}, {t1, Double.NaN}};
        for (double[] times : cases) {
            CMat rho0 = randomHermitian(4, rnd);
            DensityMatrix rho = state(c, rho0, false);
            rho.relax(t, times[0], times[1]);
            double pop = Double.isNaN(times[0]) ? 1 : Math.exp(-t / times[0]);
            double coh = Double.isNaN(times[1]) ? 1 : Math.exp(-t / times[1]);
            CMat expected = new CMat(4);
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    double f = a == b ? pop : coh;
                    expected.re[a][b] = f * rho0.re[a][b];
                    expected.im[a][b] = f * rho0.im[a][b];
                }
            }
            assertSame(expected, rho, 1e-13, "relax T1 " + times[0] + " T2 " + times[1]);
        }
        // No relaxation times, or no time: unchanged.
        CMat rho0 = randomHermitian(4, rnd);
        DensityMatrix rho = state(c, rho0, false);
        rho.relax(t, Double.NaN, Double.NaN);
        rho.relax(0, t1, t2);
        assertSame(rho0, rho, 1e-15, "no relaxation");
    }

    @Test
    void relaxationOfACoupledSystemActsOnItsEigenstates() {
        // With T1 = T2 every element decays alike, in any basis; with T2 only, the trace (a sum of eigenstate
        // populations) is kept while Tr(ρ·Fx), a coherence, decays.
        Random rnd = new Random(19);
        Cluster c = abx();
        CMat rho0 = randomHermitian(8, rnd);
        DensityMatrix rho = state(c, rho0, false);
        rho.relax(0.03, 0.1, 0.1);
        assertSame(rho0.scale(Math.exp(-0.3)), rho, 1e-12, "T1 = T2");
        DensityMatrix t2only = state(c, rho0, false);
        double tr = t2only.traceRe();
        t2only.relax(0.03, Double.NaN, 0.01);
        assertEquals(tr, t2only.traceRe(), 1e-12);
        assertTrue(t2only.hermiticityError() < 1e-12);
        assertTrue(t2only.frobeniusNormSquared() < state(c, rho0, false).frobeniusNormSquared());
        // A state that commutes with H (here H itself, whose Zeeman matrix has flip-flop elements off the diagonal)
        // is a mixture of eigenstate populations: T2 leaves it alone, T1 scales it.
        CMat h = hamiltonian(c);
        DensityMatrix populations = state(c, h, false);
        populations.relax(0.05, Double.NaN, 0.01);
        assertSame(h, populations, 1e-12, "eigenstate populations do not dephase");
        populations.relax(0.05, 0.5, 0.01);
        assertSame(h.scale(Math.exp(-0.1)), populations, 1e-12, "eigenstate populations decay by T1");
    }

    @Test
    void coherenceFilterKeepsOneOrderInEitherBasis() {
        Random rnd = new Random(23);
        Cluster c = abx();
        for (int p = -3; p <= 3; p++) {
            CMat rho0 = randomHermitian(8, rnd);
            DensityMatrix zeeman = state(c, rho0, false);
            zeeman.selectCoherence(p);
            assertFalse(zeeman.inEigenbasis());
            CMat kept = order(rho0, 3, p);
            if (Math.abs(p) < 3) {
                assertSame(kept, zeeman, 1e-15, "order " + p);
            }
            DensityMatrix eigen = state(c, rho0, true);
            eigen.selectCoherence(p);
            assertTrue(eigen.inEigenbasis());
            if (Math.abs(p) < 3) {
                assertSame(kept, eigen, 1e-12, "order " + p + " in the eigenbasis");
            }
            // Orders ±3 of three spins are the single corner elements.
            int d = 8;
            int nonZero = 0;
            zeeman.toZeeman();
            for (int k = 0; k < d * d; k++) {
                if (zeeman.re[k] != 0 || zeeman.im[k] != 0) {
                    nonZero++;
                }
            }
            // Number of element pairs with M_a − M_b = p: Σ_k C(3,k)·C(3,k+p).
            int count = 0;
            for (int k = 0; k <= 3; k++) {
                if (k + p >= 0 && k + p <= 3) {
                    count += binomial(3, k) * binomial(3, k + p);
                }
            }
            assertEquals(count, nonZero, "order " + p);
        }
    }

    private static int binomial(int n, int k) {
        int r = 1;
        for (int i = 0; i < k; i++) {
            r = r * (n - i) / (i + 1);
        }
        return r;
    }

    @Test
    void addScaledBringsTheOtherMatrixIntoThisOnesBasis() {
        Random rnd = new Random(29);
        Cluster c = abx();
        for (boolean mineEigen : new boolean[] {false, true}) {
            for (boolean otherEigen : new boolean[] {false, true}) {
                CMat x = randomHermitian(8, rnd);
                CMat y = randomHermitian(8, rnd);
                DensityMatrix mine = state(c, x, mineEigen);
                DensityMatrix other = state(c, y, otherEigen);
                mine.addScaled(other, -0.75);
                assertEquals(mineEigen, mine.inEigenbasis());
                assertSame(x.plus(y.scale(-0.75)), mine, 1e-12, "x − 0.75·y, " + mineEigen + "/" + otherEigen);
            }
        }
        // An empty copy keeps the basis, so adding into it needs no change.
        DensityMatrix e = state(c, randomHermitian(8, rnd), true);
        DensityMatrix z = e.emptyLike();
        assertTrue(z.inEigenbasis());
        assertEquals(0, z.frobeniusNormSquared());
        DensityMatrix copy = e.copy();
        assertTrue(copy.inEigenbasis());
        assertEquals(e.frobeniusNormSquared(), copy.frobeniusNormSquared(), 0);
    }

    @Test
    void traceHermiticityAndNormOfHandBuiltMatrices() {
        SpinSpace s = new SpinSpace(1);
        Cluster one = new Cluster(new double[] {1}, new double[] {0}, new double[1][1], 1);
        DensityMatrix rho = new DensityMatrix(s, new Eigenbasis(s, one));
        // [[2, 1 + 0.3i], [0.5 + 0.3i, −0.5]]: ρ − ρ† has (0,1) element 0.5 + 0.6i.
        rho.re[0] = 2;
        rho.re[1] = 1;
        rho.im[1] = 0.3;
        rho.re[2] = 0.5;
        rho.im[2] = 0.3;
        rho.re[3] = -0.5;
        rho.im[3] = 7; // the imaginary part of a diagonal element is not in traceRe
        assertEquals(1.5, rho.traceRe(), 0);
        assertEquals(Math.max(Math.hypot(0.5, 0.6), 14), rho.hermiticityError(), 1e-15);
        rho.im[3] = 0;
        assertEquals(Math.hypot(0.5, 0.6), rho.hermiticityError(), 1e-15);
        assertEquals(4 + 1 + 0.09 + 0.25 + 0.09 + 0.25, rho.frobeniusNormSquared(), 1e-15);
    }
}
