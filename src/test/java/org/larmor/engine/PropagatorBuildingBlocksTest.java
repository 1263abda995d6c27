package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.larmor.engine.ReferenceSimulationTest.CMat;
import org.larmor.sequence.Event;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larmor.engine.DensityMatrixOperationsTest.abx;
import static org.larmor.engine.DensityMatrixOperationsTest.blockOrder;
import static org.larmor.engine.DensityMatrixOperationsTest.hamiltonian;
import static org.larmor.engine.DensityMatrixOperationsTest.natural;
import static org.larmor.engine.DensityMatrixOperationsTest.order;
import static org.larmor.engine.DensityMatrixOperationsTest.randomHermitian;
import static org.larmor.engine.DensityMatrixOperationsTest.sandwich;
import static org.larmor.engine.DensityMatrixOperationsTest.state;

/**
 * The pieces the propagator is built from, each against the operator algebra written out with dense matrices: the
 * Hamiltonian's blocks, the one-spin SU(2) rotation of a shaped-pulse sample, a whole shaped pulse (exact per-sample
 * exponentials of the full Hamiltonian), and the crusher pathway bookkeeping (the explicit sum over order paths
 * whose Σ p·area vanishes).
 */
class PropagatorBuildingBlocksTest {
    @Test
    void hamiltonianBlocksAreTheFixedMBlocksOfTheFullHamiltonian() {
        Cluster c = abx();
        SpinSpace s = new SpinSpace(3);
        CMat h = hamiltonian(c);
        Cluster couplingsOnly = new Cluster(c.shiftPpm(), new double[3], c.jHz(), 1);
        CMat hj = hamiltonian(couplingsOnly);
        for (int k = 0; k < s.blocks(); k++) {
            DMatrixRMaj full = HamiltonianBlocks.block(s, k, c.offsetRadPerS(), c.jHz());
            DMatrixRMaj jOnly = HamiltonianBlocks.block(s, k, null, c.jHz());
            int start = s.blockStart[k];
            assertEquals(s.blockSize[k], full.numRows);
            for (int r = 0; r < s.blockSize[k]; r++) {
                for (int q = 0; q < s.blockSize[k]; q++) {
                    int a = natural(s, start + r);
                    int b = natural(s, start + q);
                    assertEquals(h.re[a][b], full.get(r, q), 1e-9, "H block " + k + " (" + r + "," + q + ")");
                    assertEquals(hj.re[a][b], jOnly.get(r, q), 1e-12, "H_J block " + k + " (" + r + "," + q + ")");
                    assertEquals(0, h.im[a][b], 1e-12, "H is real in the Zeeman basis");
                }
            }
        }
        // Nothing of H lies outside the blocks: it commutes with Fz.
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                if (Integer.bitCount(a) != Integer.bitCount(b)) {
                    assertEquals(0, Math.hypot(h.re[a][b], h.im[a][b]), 1e-12);
                }
            }
        }
    }

    @Test
    void twoSpinEnergiesFollowTheAbFormula() {
        // Two coupled spins: |αα⟩, |ββ⟩ at ±(Ω1 + Ω2)/2 + πJ/2; the M = 0 pair mixed by the flip-flop term πJ.
        double w1 = -2 * Math.PI * 300;
        double w2 = 2 * Math.PI * 500;
        double j = 7;
        SpinSpace s = new SpinSpace(2);
        Eigenbasis e = new Eigenbasis(s, new Cluster(new double[] {1, 3}, new double[] {w1, w2},
                new double[][] {{0, j}, {j, 0}}, 1));
        // Blocks of size 1: |αα⟩ and |ββ⟩ exactly.
        assertEquals((w1 + w2) / 2 + 2 * Math.PI * j / 4, e.energy[0], 1e-9);
        assertEquals(-(w1 + w2) / 2 + 2 * Math.PI * j / 4, e.energy[3], 1e-9);
        // The M = 0 block: ±½·sqrt((Ω1 − Ω2)² + (2πJ)²) − 2πJ/4 exactly (the AB formula).
        double half = Math.sqrt((w1 - w2) * (w1 - w2) + Math.pow(2 * Math.PI * j, 2)) / 2;
        double lo = Math.min(e.energy[1], e.energy[2]);
        double hi = Math.max(e.energy[1], e.energy[2]);
        assertEquals(-half - 2 * Math.PI * j / 4, lo, 1e-9);
        assertEquals(half - 2 * Math.PI * j / 4, hi, 1e-9);
    }

    @Test
    void sampleRotationIsTheExponentialOfTheEffectiveField() {
        CMat ix = CMat.single(1, 0, 'x');
        CMat iy = CMat.single(1, 0, 'y');
        CMat iz = CMat.single(1, 0, 'z');
        double[][] fields = {{3000, 0, 0}, {0, -2500, 0}, {0, 0, 1800}, {1200, -700, 2900}, {-40, 90, -3000},
            {0, 0, 0}};
        for (double[] f : fields) {
            double dt = 1.7e-4;
            double[] r = new double[8];
            java.util.Arrays.fill(r, Double.NaN);
            ShapedPulsePropagator.su2(f[0], f[1], f[2], dt, r);
            CMat exact = ix.scale(f[0] * dt).plus(iy.scale(f[1] * dt)).plus(iz.scale(f[2] * dt)).expMinusI();
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    String what = java.util.Arrays.toString(f) + " element " + a + b;
                    assertEquals(exact.re[a][b], r[4 * a + 2 * b], 1e-12, what);
                    assertEquals(exact.im[a][b], r[4 * a + 2 * b + 1], 1e-12, what);
                }
            }
        }
    }

    /** A short pulse of varied amplitude and phase (1–2 µs per sample, so the coupling splitting error is tiny). */
    static Event.ShapedPulse shortPulse(Random rnd, int samples, double carrierPpm) {
        double[] b1 = new double[samples];
        double[] ph = new double[samples];
        double[] dt = new double[samples];
        for (int k = 0; k < samples; k++) {
            b1[k] = k == samples / 2 ? 0 : 1000 + 4000 * rnd.nextDouble();
            ph[k] = 2 * Math.PI * rnd.nextDouble();
            dt[k] = (1 + rnd.nextDouble()) * 1e-6;
        }
        return new Event.ShapedPulse("p", b1, ph, dt, carrierPpm, -1, 0);
    }

    static double maxDifference(double[][] u, CMat exact, SpinSpace s) {
        double worst = 0;
        for (int a = 0; a < s.dim; a++) {
            for (int b = 0; b < s.dim; b++) {
                int na = natural(s, a);
                int nb = natural(s, b);
                worst = Math.max(worst, Math.hypot(u[0][a * s.dim + b] - exact.re[na][nb],
                        u[1][a * s.dim + b] - exact.im[na][nb]));
            }
        }
        return worst;
    }

    @Test
    void shapedPulsePropagatorMatchesExactPerSampleExponentials() {
        Random rnd = new Random(31);
        // Offsets of a few kHz and couplings of 10–40 Hz, so that each term of H matters at the tolerance used.
        double[][] j = {{0, 38, 11}, {38, 0, -17}, {11, -17, 0}};
        Cluster coupled = new Cluster(new double[] {2, 2.2, 3.5}, new double[] {-900, 2400, -5200}, j, 1);
        Cluster uncoupled = new Cluster(coupled.shiftPpm(), coupled.offsetRadPerS(), new double[3][3], 1);
        SpinSpace s = new SpinSpace(3);
        for (Cluster c : List.of(coupled, uncoupled)) {
            ShapedPulsePropagator sp = new ShapedPulsePropagator(s, c);
            for (double carrier : new double[] {0, 1300}) {
                for (double b1Scale : new double[] {1, 0.8}) {
                    Event.ShapedPulse p = shortPulse(rnd, 40, 3.0);
                    double[][] u = sp.propagator(p, c.offsetRadPerS(), carrier, b1Scale);
                    double[] scaled = p.b1Hz().clone();
                    for (int k = 0; k < scaled.length; k++) {
                        scaled[k] *= b1Scale;
                    }
                    Event.ShapedPulse ps = new Event.ShapedPulse("p", scaled, p.phaseRad(), p.durationS(), 3.0, -1, 0);
                    CMat exact = ShapedPulseTest.exactPropagator(c, c.offsetRadPerS(), carrier, ps);
                    double err = maxDifference(u, exact, s);
                    String what = (c == coupled ? "coupled" : "uncoupled") + ", carrier " + carrier
                            + ", B1 × " + b1Scale;
                    assertTrue(err < (c == coupled ? 1e-7 : 1e-12), what + ": max |ΔU| = " + err);
                }
            }
        }
    }

    @Test
    void aShapedPulseOfPureCouplingIsFreePrecessionUnderTheCouplings() {
        // Zero B1 and zero offsets: U = exp(−i·H_J·T), the Strang halves of consecutive samples merging into one.
        Cluster c = new Cluster(new double[] {2, 2.1, 2.2}, new double[3], abx().jHz(), 1);
        SpinSpace s = new SpinSpace(3);
        double[] dt = {1e-3, 2e-3, 0.5e-3, 1.5e-3};
        Event.ShapedPulse p = new Event.ShapedPulse("zero", new double[4], new double[4], dt, 2.0, -1, 0);
        ShapedPulsePropagator sp = new ShapedPulsePropagator(s, c);
        double[][] u = sp.propagator(p, new double[3], 0, 1);
        CMat exact = hamiltonian(c).scale(5e-3).expMinusI();
        assertTrue(maxDifference(u, exact, s) < 1e-12, "exp(−iH_J·T): " + maxDifference(u, exact, s));
        // The same again (the coupling steps are cached by length): the same U.
        double[][] again = sp.propagator(p, new double[3], 0, 1);
        assertTrue(maxDifference(again, exact, s) < 1e-12);
    }

    /** Σ |area| still to come, per dephasing direction (the unused directions zero). */
    /** Remaining crusher areas before the last pulse, per direction, and none after it. */
    static int[] dirs(int... remaining) {
        return java.util.Arrays.copyOf(remaining, 2 * Event.Crusher.MAX_DIRECTIONS);
    }

    /** Remaining free areas (before the last pulse) and the signed sum of areas after it, one direction. */
    static int[] dirsAfterLastPulse(int free, int after) {
        int[] out = dirs(free);
        out[Event.Crusher.MAX_DIRECTIONS] = after;
        return out;
    }

    /**
     * crusher(1) · U1 · crusher(1) · U2 · crusher(1) · acquire: after U2, the last pulse, only order −1 is detected,
     * so the last crusher moves every part that matters by −1 and the middle one must leave it at winding +1. Pruning
     * with that knowledge keeps fewer parts than the order-free bound |n| ≤ 3·Σ|A| and gives the same order −1
     * elements of the refocused part to the bit.
     */
    @Test
    void partsThatCannotEndAtOrderMinusOneArePrunedWithoutChangingTheDetectedElements() {
        Random rnd = new Random(53);
        Cluster c = abx();
        CMat rho0 = randomHermitian(8, rnd);
        double[][] u1 = CrusherPairKernelTest.randomUnitary(8, rnd);
        double[][] u2 = CrusherPairKernelTest.randomUnitary(8, rnd);
        DephasingPathways loose = new DephasingPathways(state(c, rho0, false));
        DephasingPathways tight = new DephasingPathways(state(c, rho0, false));
        loose.crush(new int[] {1}, dirs(2));
        tight.crush(new int[] {1}, dirsAfterLastPulse(1, 1));
        assertEquals(7, loose.all().size(), "windings −3..3 can all come back over two more crushers");
        assertEquals(6, tight.all().size(), "|n − 1| ≤ 3: windings −2..3 (−3 cannot end at zero)");
        for (DephasingPathways s : List.of(loose, tight)) {
            s.all().forEach(part -> part.applyUnitary(u1));
        }
        loose.crush(new int[] {1}, dirs(1));
        tight.crush(new int[] {1}, dirsAfterLastPulse(0, 1));
        assertEquals(7, loose.all().size(), "|n| ≤ 3 of −6..6");
        assertEquals(1, tight.all().size(), "only winding +1 can end at zero through order −1");
        for (DephasingPathways s : List.of(loose, tight)) {
            s.all().forEach(part -> part.applyUnitary(u2));
        }
        loose.crush(new int[] {1}, dirs(0));
        tight.crush(new int[] {1}, dirsAfterLastPulse(0, 0));
        DensityMatrix a = loose.refocused();
        DensityMatrix b = tight.refocused();
        SpinSpace space = a.space;
        int compared = 0;
        for (int i = 0; i < space.dim; i++) {
            for (int j = 0; j < space.dim; j++) {
                if (space.twiceM[i] - space.twiceM[j] == -2) {
                    assertEquals(a.re[i * space.dim + j], b.re[i * space.dim + j], 0.0, "re " + i + "," + j);
                    assertEquals(a.im[i * space.dim + j], b.im[i * space.dim + j], 0.0, "im " + i + "," + j);
                    compared += a.re[i * space.dim + j] != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(compared > 0, "order −1 elements were there to compare");
    }

    @Test
    void crusherPathwaysAreTheOrderPathsWhoseWindingsCancel() {
        // crusher(1) · U1 · crusher(1) · U2 · crusher(1) on three spins keeps Σ over p1 + p2 + p3 = 0 of
        // P_p3(U2·P_p2(U1·P_p1(ρ)·U1†)·U2†): written out here path by path.
        Random rnd = new Random(37);
        Cluster c = abx();
        // Complex, real and imaginary ρ: no element is taken for zero by one of its parts.
        for (CMat rho0 : DensityMatrixOperationsTest.hermitianKinds(8, rnd)) {
            double[][] u1 = CrusherPairKernelTest.randomUnitary(8, rnd);
            double[][] u2 = CrusherPairKernelTest.randomUnitary(8, rnd);
            DensityMatrix rho = state(c, rho0, false);
            CMat c1 = blockOrder(u1, rho.space);
            CMat c2 = blockOrder(u2, rho.space);
            CMat expected = new CMat(8);
            for (int p1 = -3; p1 <= 3; p1++) {
                for (int p2 = -3; p2 <= 3; p2++) {
                    int p3 = -p1 - p2;
                    if (Math.abs(p3) <= 3) {
                        CMat path = order(sandwich(c1, order(rho0, 3, p1)), 3, p2);
                        expected = expected.plus(order(sandwich(c2, path), 3, p3));
                    }
                }
            }
            DephasingPathways state = new DephasingPathways(rho);
            state.crush(new int[] {1}, dirs(2));
            for (DensityMatrix part : state.all()) {
                part.applyUnitary(u1);
            }
            state.crush(new int[] {1}, dirs(1));
            for (DensityMatrix part : state.all()) {
                part.applyUnitary(u2);
            }
            state.crush(new int[] {1}, dirs(0));
            assertEquals(1, state.all().size(), "after the last crusher only the refocused part is left");
            DensityMatrixOperationsTest.assertSame(expected, state.refocused(), 1e-11, "three-crusher pathways");
        }
    }

    @Test
    void crushersAlongTwoDirectionsRefocusOnlyWhenBothWindingsCancel() {
        // crusher(1, 0) · U · crusher(1, 2) · U' · crusher(0, 1): p1 + p2 = 0 and 2·p2 + p3 = 0.
        Random rnd = new Random(41);
        Cluster c = abx();
        CMat rho0 = randomHermitian(8, rnd);
        double[][] u1 = CrusherPairKernelTest.randomUnitary(8, rnd);
        double[][] u2 = CrusherPairKernelTest.randomUnitary(8, rnd);
        DensityMatrix rho = state(c, rho0, false);
        CMat c1 = blockOrder(u1, rho.space);
        CMat c2 = blockOrder(u2, rho.space);
        CMat expected = new CMat(8);
        for (int p1 = -3; p1 <= 3; p1++) {
            int p2 = -p1;
            int p3 = -2 * p2;
            if (Math.abs(p3) <= 3) {
                expected = expected.plus(order(sandwich(c2, order(sandwich(c1, order(rho0, 3, p1)), 3, p2)), 3, p3));
            }
        }
        DephasingPathways state = new DephasingPathways(rho);
        state.crush(new int[] {1, 0}, dirs(1, 3));
        state.all().forEach(part -> part.applyUnitary(u1));
        state.crush(new int[] {1, 2}, dirs(0, 1));
        state.all().forEach(part -> part.applyUnitary(u2));
        state.crush(new int[] {0, 1}, dirs(0, 0));
        DensityMatrixOperationsTest.assertSame(expected, state.refocused(), 1e-11, "two-direction pathways");
    }

    @Test
    void pathwayStatesCopyDeeplyAndAddPartByPart() {
        Random rnd = new Random(43);
        Cluster c = abx();
        CMat x = randomHermitian(8, rnd);
        DephasingPathways a = new DephasingPathways(state(c, x, false));
        a.crush(new int[] {1}, dirs(1));
        DephasingPathways b = a.copy();
        for (DensityMatrix part : b.all()) {
            part.rotate(new boolean[] {true, true, true}, 1.0, 0.2);
        }
        // The copy is independent: the original's refocused part is still P_0(x).
        DensityMatrixOperationsTest.assertSame(order(x, 3, 0), a.refocused(), 1e-15, "original untouched");
        // a + 2·a, part by part, into an empty state: 3·a.
        DephasingPathways sum = a.emptyLike();
        assertNull(sum.refocused());
        assertTrue(sum.all().isEmpty());
        sum.addScaled(a, 1);
        sum.addScaled(a, 2);
        assertEquals(a.all().size(), sum.all().size());
        DensityMatrixOperationsTest.assertSame(order(x, 3, 0).scale(3), sum.refocused(), 1e-14, "3·P_0");
        // Crushed twice with opposite areas and no pulse between, every order comes back to zero: ρ unchanged.
        DephasingPathways one = new DephasingPathways(state(c, x, false));
        one.crush(new int[] {1}, dirs(1));
        assertEquals(7, one.all().size(), "one part per order −3..3");
        one.crush(new int[] {-1}, dirs(0));
        assertNotNull(one.refocused());
        DensityMatrixOperationsTest.assertSame(x, one.refocused(), 1e-15, "crusher and its inverse");
    }
}
