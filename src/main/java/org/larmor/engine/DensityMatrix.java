package org.larmor.engine;

/**
 * The density matrix of one cluster, as flat row-major real and imaginary arrays, held either in the Zeeman basis
 * (where pulses are products of 2×2 rotations) or in the Hamiltonian's eigenbasis (where free evolution is a phase
 * per element). It changes basis lazily, so consecutive delays and coherence filters cost one transform.
 *
 * <p>This is the propagator's mutable workspace; nothing outside the engine sees it.
 */
final class DensityMatrix {
    final SpinSpace space;
    final Eigenbasis eigen;
    final int dim;
    final double[] re;
    final double[] im;
    private boolean inEigenbasis;

    /** Thermal equilibrium in the high-temperature limit, deviation part ρ0 = Σ_i Iz_i (diagonal, real). */
    DensityMatrix(SpinSpace space, Eigenbasis eigen) {
        this.space = space;
        this.eigen = eigen;
        this.dim = space.dim;
        this.re = new double[dim * dim];
        this.im = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            re[i * dim + i] = space.twiceM[i] / 2.0;
        }
    }

    private DensityMatrix(DensityMatrix like) {
        this.space = like.space;
        this.eigen = like.eigen;
        this.dim = like.dim;
        this.re = new double[dim * dim];
        this.im = new double[dim * dim];
        this.inEigenbasis = like.inEigenbasis;
    }

    /** A zero density matrix on the same space and in the same basis as this one. */
    DensityMatrix emptyLike() {
        return new DensityMatrix(this);
    }

    boolean inEigenbasis() {
        return inEigenbasis;
    }

    /**
     * Rotation of the spins in {@code mask} by flip θ about the axis at phase φ:
     * ρ → R·ρ·R†, R = Π_k exp(−iθ(cos φ·Ix_k + sin φ·Iy_k)), applied one spin at a time (O(n·d²), no d×d product).
     */
    void rotate(boolean[] mask, double flipRad, double phaseRad) {
        toZeeman();
        double c = Math.cos(flipRad / 2);
        double s = Math.sin(flipRad / 2);
        // R = [[c, −i·s·e^{−iφ}], [−i·s·e^{+iφ}, c]] in (|α⟩, |β⟩)
        double r01re = -s * Math.sin(phaseRad);
        double r01im = -s * Math.cos(phaseRad);
        double r10re = s * Math.sin(phaseRad);
        double r10im = -s * Math.cos(phaseRad);
        for (int k = 0; k < space.spins; k++) {
            if (!mask[k]) {
                continue;
            }
            int bit = 1 << k;
            for (int bits = 0; bits < dim; bits++) {
                if ((bits & bit) != 0) {
                    continue;
                }
                int a = space.indexOf[bits];
                int b = space.indexOf[bits | bit];
                // Rows: new_a = c·row_a + r01·row_b ; new_b = r10·row_a + c·row_b
                int ra = a * dim;
                int rb = b * dim;
                for (int col = 0; col < dim; col++) {
                    double xar = re[ra + col];
                    double xai = im[ra + col];
                    double xbr = re[rb + col];
                    double xbi = im[rb + col];
                    re[ra + col] = c * xar + r01re * xbr - r01im * xbi;
                    im[ra + col] = c * xai + r01re * xbi + r01im * xbr;
                    re[rb + col] = r10re * xar - r10im * xai + c * xbr;
                    im[rb + col] = r10re * xai + r10im * xar + c * xbi;
                }
                // Columns: (ρR†)_{x,a} = ρ_xa·c + ρ_xb·conj(r01) ; (ρR†)_{x,b} = ρ_xa·conj(r10) + ρ_xb·c
                for (int row = 0; row < dim; row++) {
                    int ia = row * dim + a;
                    int ib = row * dim + b;
                    double xar = re[ia];
                    double xai = im[ia];
                    double xbr = re[ib];
                    double xbi = im[ib];
                    re[ia] = c * xar + r01re * xbr + r01im * xbi;
                    im[ia] = c * xai + r01re * xbi - r01im * xbr;
                    re[ib] = r10re * xar + r10im * xai + c * xbr;
                    im[ib] = r10re * xai - r10im * xar + c * xbi;
                }
            }
        }
    }

    /**
     * ρ → U·ρ·U† for a unitary U given in the Zeeman basis (block order), {re, im} row-major: T = U·ρ, then T·U†,
     * each row a combination of full rows ({@link DenseKernel#combine}), the sums in k order.
     */
    void applyUnitary(double[][] u) {
        toZeeman();
        double[] ur = u[0];
        double[] ui = u[1];
        int d = dim;
        DenseKernel kernel = DenseKernel.best();
        UnitaryScratch s = UnitaryScratch.of(d);
        // T_a = Σ_k U_ak·ρ_k
        for (int a = 0; a < d; a++) {
            kernel.combine(ur, ui, a * d, 1, 1, d, re, im, 0, d, s.tr, s.ti, a * d, d);
        }
        // (U†)_k = conj(U_·k): row k of U† is column k of U, conjugated
        double[] hr = s.hr;
        double[] hi = s.hi;
        if (u.length >= 4) {
            System.arraycopy(u[2], 0, hr, 0, d * d);
            for (int k = 0; k < d * d; k++) {
                hi[k] = -u[3][k];
            }
        } else {
            transpose(ur, ui, hr, hi, d);
            for (int k = 0; k < d * d; k++) {
                hi[k] = -hi[k];
            }
        }
        // ρ_a = Σ_k T_ak·(U†)_k
        for (int a = 0; a < d; a++) {
            kernel.combine(s.tr, s.ti, a * d, 1, 1, d, hr, hi, 0, d, re, im, a * d, d);
        }
    }

    /** applyUnitary's work arrays, one set per thread. */
    private static final class UnitaryScratch {
        private static final ThreadLocal<UnitaryScratch> PER_THREAD = new ThreadLocal<>();
        final double[] tr;
        final double[] ti;
        final double[] hr;
        final double[] hi;
        private final int dim;

        private UnitaryScratch(int dim) {
            this.dim = dim;
            tr = new double[dim * dim];
            ti = new double[dim * dim];
            hr = new double[dim * dim];
            hi = new double[dim * dim];
        }

        static UnitaryScratch of(int dim) {
            UnitaryScratch s = PER_THREAD.get();
            if (s == null || s.dim < dim) {
                s = new UnitaryScratch(dim);
                PER_THREAD.set(s);
            }
            return s;
        }
    }

    /**
     * A pulse between two equal crusher lobes along directions of their own: ρ → Σ_p P₋ₚ(U·Pₚ(ρ)·U†), where Pₚ keeps
     * the elements of coherence order p. Only pathways whose order changes sign at the pulse are refocused by such
     * a pair; the others stay wound and are lost. Pₚ(ρ) has one block diagonal of total M, and only one of the
     * result's is kept, so this costs one dense U·ρ·U† (2d³) whatever the number of orders, where splitting ρ by
     * order and propagating each part costs that per order present.
     *
     * <p>Both products are combinations of rows of the full length d ({@link DenseKernel#combine}), not row updates
     * over one M block (sizes 1 to C(n, n/2), mostly shorter than one vector): the first keeps U·Pₚ(ρ) transposed
     * and summed per block of ρ's row index, so that each ρ element scales a whole column of U; the second gathers,
     * for each block of the result's column, the matching orders into one d × d matrix V, so that each element of U†
     * scales a whole row of V. Every element is
     * the same sum of the same products in the same order as in block rows (addition and multiplication commute
     * exactly); terms that are exactly zero may now be added where they were skipped, which can only change the sign
     * of an exact zero, and the result is written as 0.0 + x, as before, so even those agree. The orders ρ does not
     * hold are skipped in both products (crush parts hold a few of the 2n + 1): their products are exact zeros.
     */
    void applyBetweenCrushers(double[][] u) {
        toZeeman();
        double[] ur = u[0];
        double[] ui = u[1];
        int n = space.spins;
        int d = dim;
        int dd = d * d;
        DenseKernel kernel = DenseKernel.best();
        CrusherPairScratch w = CrusherPairScratch.of(n, d);
        // Uᵀ: given with U (u[2], u[3]) when the caller applies one U to many parts, else made here.
        double[] utr;
        double[] uti;
        if (u.length >= 4) {
            utr = u[2];
            uti = u[3];
        } else {
            utr = w.utr;
            uti = w.uti;
            transpose(ur, ui, utr, uti, d);
        }
        // Tt[α][b][a] = Σ_{k in block α} ρ_kb·U_ak, in k order: (U·Pₚ(ρ))_ab for p = M_α − M_b. The coefficients of
        // one such row are a stretch of a column of ρ (stride d).
        // Which orders ρ holds (present[p + n]): the products of an absent order are exact zeros, and are skipped.
        boolean[] present = ordersPresent();
        double[] ttr = w.ttr;
        double[] tti = w.tti;
        for (int alpha = 0; alpha <= n; alpha++) {
            int k0 = space.blockStart[alpha];
            int rows = space.blockSize[alpha];
            for (int b = 0; b < d; b++) {
                // ρ_kb, k in block α, has order M_k − M_b = β_b − α
                if (present[(n - space.twiceM[b]) / 2 - alpha + n]) {
                    kernel.combine(re, im, k0 * d + b, d, 1, rows, utr, uti, k0 * d, d, ttr, tti, alpha * dd + b * d,
                            d);
                }
            }
        }
        // The result's element (a, b) has order M_a − M_b = −p: it needs (U·Pₚ(ρ))_ak with p = M_b − M_a = α − β (α,
        // β the blocks of a and b), which is Tt[src][k][a] for the block src = β_k + β − α of M_k + p. Only the
        // span of blocks α whose order is present is combined; the rest of the result is zero.
        double[] vr = w.vr;
        double[] vi = w.vi;
        double[] otr = w.otr;
        double[] oti = w.oti;
        int[] spanStart = new int[n + 1];
        int[] spanEnd = new int[n + 1];
        for (int beta = 0; beta <= n; beta++) {
            int lo = -1;
            int hi = -1;
            for (int alpha = 0; alpha <= n; alpha++) {
                if (present[alpha - beta + n]) {
                    lo = lo < 0 ? alpha : lo;
                    hi = alpha;
                }
            }
            if (lo < 0) {
                continue;
            }
            int a0 = space.blockStart[lo];
            int a1 = space.blockStart[hi] + space.blockSize[hi];
            spanStart[beta] = a0;
            spanEnd[beta] = a1;
            for (int k = 0; k < d; k++) {
                int betaK = (n - space.twiceM[k]) / 2;
                int rk = k * d;
                for (int alpha = lo; alpha <= hi; alpha++) {
                    int c0 = space.blockStart[alpha];
                    int len = space.blockSize[alpha];
                    int src = betaK + beta - alpha;
                    if (src < 0 || src > n || !present[alpha - beta + n]) {
                        java.util.Arrays.fill(vr, rk + c0, rk + c0 + len, 0);
                        java.util.Arrays.fill(vi, rk + c0, rk + c0 + len, 0);
                    } else {
                        System.arraycopy(ttr, src * dd + rk + c0, vr, rk + c0, len);
                        System.arraycopy(tti, src * dd + rk + c0, vi, rk + c0, len);
                    }
                }
            }
            // Widened to whole vectors: the extra columns are computed from whatever V holds there and discarded.
            int w0 = widenDown(a0, kernel.lanes());
            int w1 = widenUp(a1, kernel.lanes(), d);
            int b0 = space.blockStart[beta];
            for (int b = b0; b < b0 + space.blockSize[beta]; b++) {
                // Row b of the result, transposed: Σ_k (U†)_kb·V_k, with (U†)_kb = conj(U_bk).
                kernel.combine(ur, ui, b * d, 1, -1, d, vr, vi, w0, d, otr, oti, b * d + w0, w1 - w0);
            }
        }
        // Zero, then the spans written back (transposed): a crush part after MEGA-PRESS's second editing crusher
        // holds one order, whose span is one block per column block, a fifth of the matrix for six spins, so most of
        // the strided writes are gone.
        java.util.Arrays.fill(re, 0, dd, 0.0);
        java.util.Arrays.fill(im, 0, dd, 0.0);
        for (int b = 0; b < d; b++) {
            int beta = (n - space.twiceM[b]) / 2;
            for (int a = spanStart[beta]; a < spanEnd[beta]; a++) {
                re[a * d + b] = 0.0 + otr[b * d + a];
                im[a * d + b] = 0.0 + oti[b * d + a];
            }
        }
    }

    /**
     * Which coherence orders hold a non-zero element: present[p + n]. Block pair by block pair (α the row's block,
     * β the column's, order β − α), each left at its first non-zero element and skipped once its order is known.
     */
    private boolean[] ordersPresent() {
        int n = space.spins;
        int d = dim;
        boolean[] present = new boolean[2 * n + 1];
        for (int alpha = 0; alpha <= n; alpha++) {
            int r0 = space.blockStart[alpha];
            int r1 = r0 + space.blockSize[alpha];
            for (int beta = 0; beta <= n; beta++) {
                int order = beta - alpha + n;
                if (present[order]) {
                    continue;
                }
                int c0 = space.blockStart[beta];
                int c1 = c0 + space.blockSize[beta];
                scan:
                for (int a = r0; a < r1; a++) {
                    for (int b = a * d + c0; b < a * d + c1; b++) {
                        if (re[b] != 0 || im[b] != 0) {
                            present[order] = true;
                            break scan;
                        }
                    }
                }
            }
        }
        return present;
    }

    /**
     * The crusher-pair products' work arrays, one set per thread and grown to the largest cluster seen, so that the
     * thousands of pair applications of an edited sequence allocate nothing.
     */
    private static final class CrusherPairScratch {
        private static final ThreadLocal<CrusherPairScratch> PER_THREAD = new ThreadLocal<>();
        final double[] utr;
        final double[] uti;
        final double[] ttr;
        final double[] tti;
        final double[] vr;
        final double[] vi;
        final double[] otr;
        final double[] oti;
        private final int spins;

        private CrusherPairScratch(int spins, int d) {
            this.spins = spins;
            int dd = d * d;
            utr = new double[dd];
            uti = new double[dd];
            ttr = new double[(spins + 1) * dd];
            tti = new double[(spins + 1) * dd];
            vr = new double[dd];
            vi = new double[dd];
            otr = new double[dd];
            oti = new double[dd];
        }

        static CrusherPairScratch of(int spins, int d) {
            CrusherPairScratch s = PER_THREAD.get();
            if (s == null || s.spins < spins) {
                s = new CrusherPairScratch(spins, d);
                PER_THREAD.set(s);
            }
            return s;
        }
    }

    /** Winds each element by exp(+i·p·phasePerOrder), p = M_row − M_col (a gradient lobe at one position). */
    void wind(double phasePerOrder) {
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                int p2 = space.twiceM[a] - space.twiceM[b];
                if (p2 == 0) {
                    continue;
                }
                double ph = phasePerOrder * p2 / 2.0;
                double c = Math.cos(ph);
                double s = Math.sin(ph);
                int idx = a * dim + b;
                double xr = re[idx];
                double xi = im[idx];
                re[idx] = xr * c - xi * s;
                im[idx] = xr * s + xi * c;
            }
        }
    }

    /** A copy of this density matrix. */
    DensityMatrix copy() {
        DensityMatrix c = new DensityMatrix(this);
        System.arraycopy(re, 0, c.re, 0, re.length);
        System.arraycopy(im, 0, c.im, 0, im.length);
        return c;
    }

    /** this += w·other (same basis required). */
    void addScaled(DensityMatrix other, double w) {
        if (other.inEigenbasis != inEigenbasis) {
            if (other.inEigenbasis) {
                other.toZeeman();
            } else {
                other.toEigen();
            }
            if (other.inEigenbasis != inEigenbasis) {
                throw new IllegalStateException("basis mismatch");
            }
        }
        for (int k = 0; k < re.length; k++) {
            re[k] += w * other.re[k];
            im[k] += w * other.im[k];
        }
    }

    /** Free precession for t seconds: ρ_ab → ρ_ab·exp(−i(E_a − E_b)t) in the eigenbasis. */
    void evolve(double tS) {
        if (tS == 0) {
            return;
        }
        toEigen();
        double[] e = eigen.energy;
        for (int a = 0; a < dim; a++) {
            int row = a * dim;
            for (int b = 0; b < dim; b++) {
                double xr = re[row + b];
                double xi = im[row + b];
                if (xr == 0 && xi == 0) {
                    continue;
                }
                double phi = -(e[a] - e[b]) * tS;
                double cr = Math.cos(phi);
                double ci = Math.sin(phi);
                re[row + b] = xr * cr - xi * ci;
                im[row + b] = xr * ci + xi * cr;
            }
        }
    }

    /**
     * Relaxation over t seconds, in the eigenbasis: coherences (a ≠ b) decay as exp(−t/T2), eigenstate populations as
     * exp(−t/T1). Recovery towards equilibrium is not added: magnetisation that regrows during a delay is not on the
     * crusher-selected pathway of the signal (it is dephased in STEAM's TM and not refocused in echo sequences).
     * NaN times mean no relaxation.
     */
    void relax(double tS, double t1S, double t2S) {
        relax(tS, t1S, t2S, 0);
    }

    /**
     * As {@link #relax(double, double, double)}, with the populations relaxing towards {@code equilibrium}·ρ0
     * rather than towards zero: ρ_aa → e·ρ0_aa + (ρ_aa − e·ρ0_aa)·exp(−t/T1), the regrowth 1 − 2·exp(−t/T1) of an
     * inverted magnetisation. ρ0 = Σ Iz is M·1 on each block of fixed M, so it is diagonal in the eigenbasis too.
     * Only right while ρ is the whole physical state (before any coherence selection).
     *
     * @param equilibrium weight of ρ0 regrown towards (0: no regrowth; a spatial average's total weight)
     */
    void relax(double tS, double t1S, double t2S, double equilibrium) {
        if (tS == 0 || (Double.isNaN(t1S) && Double.isNaN(t2S))) {
            return;
        }
        toEigen();
        double coh = Double.isNaN(t2S) ? 1 : Math.exp(-tS / t2S);
        double pop = Double.isNaN(t1S) ? 1 : Math.exp(-tS / t1S);
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                double f = a == b ? pop : coh;
                re[a * dim + b] *= f;
                im[a * dim + b] *= f;
            }
            re[a * dim + a] += equilibrium * space.twiceM[a] / 2.0 * (1 - pop);
        }
    }

    /**
     * Keeps the elements of coherence order p = M_row − M_col, zeroing the rest. Blocks of fixed M are the same in
     * both bases, so this works in either.
     */
    void selectCoherence(int order) {
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                if (space.twiceM[a] - space.twiceM[b] != 2 * order) {
                    re[a * dim + b] = 0;
                    im[a * dim + b] = 0;
                }
            }
        }
    }

    void toEigen() {
        if (!inEigenbasis) {
            transform(true);
            inEigenbasis = true;
        }
    }

    void toZeeman() {
        if (inEigenbasis) {
            transform(false);
            inEigenbasis = false;
        }
    }

    /**
     * X → W·X·Wᵀ with W = Vᵀ (to the eigenbasis) or V (back), V the block-diagonal real eigenvectors: block pair by
     * block pair X_ab → V_aᵀ·X_ab·V_b, computed as two passes of full-length row combinations. The first is T = W·X
     * (each row of T a combination of the rows of X in its block); the second is Wᵀ applied from the right, taken
     * on Tᵀ so that its rows are long too. Every element is the sum in k order of the same products as the matrix
     * products of EJML that did this before (the tests keep that code and compare: equal, up to the sign of zeros).
     * Block pairs outside the hull of the coherence orders present are zero and stay zero, and are not computed.
     */
    private void transform(boolean forward) {
        double[][] w = forward ? eigen.toEigenRows : eigen.fromEigenRows;
        // Plain loops, fast from the first call: basis changes are most of an ideal-pulse run, which is over before
        // C2 has compiled vector code (with the vector API a cold `larmor basis` of 46 metabolites took 0.9-1.0 s to
        // simulate instead of 0.5 s).
        ScalarKernel kernel = ScalarKernel.INSTANCE;
        int d = dim;
        int n = space.spins;
        TransformScratch s = TransformScratch.of(d);
        // The hull [lo, hi] of the coherence orders present: block pair (α, β) holds order β − α, and one outside the
        // hull is zero before and after (V is block-diagonal), so only the hull's block pairs are computed.
        int lo = n + 1;
        int hi = -n - 1;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                if (re[a * d + b] != 0 || im[a * d + b] != 0) {
                    int order = (space.twiceM[a] - space.twiceM[b]) / 2;
                    lo = Math.min(lo, order);
                    hi = Math.max(hi, order);
                }
            }
        }
        if (lo > hi) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            return;
        }
        // T = W·X on the columns of blocks β = α + lo … α + hi.
        for (int alpha = 0; alpha <= n; alpha++) {
            int b0 = Math.max(0, alpha + lo);
            int b1 = Math.min(n, alpha + hi);
            if (b0 > b1) {
                continue;
            }
            int c0 = space.blockStart[b0];
            int c1 = space.blockStart[b1] + space.blockSize[b1];
            int k0 = space.blockStart[alpha];
            int size = space.blockSize[alpha];
            for (int r = 0; r < size; r++) {
                kernel.combineReal(w[alpha], r * size, size, re, im, k0 * d + c0, d, s.tr, s.ti, (k0 + r) * d + c0,
                        c1 - c0);
            }
        }
        transpose(s.tr, s.ti, s.ttr, s.tti, d);
        // (T·Wᵀ)ᵀ row j = Σ_k W_jk·Tᵀ_k on the rows i of blocks α = β − hi … β − lo, the rest of the result zero.
        int[] keepStart = new int[n + 1];
        int[] keepEnd = new int[n + 1];
        for (int beta = 0; beta <= n; beta++) {
            int a0 = Math.max(0, beta - hi);
            int a1 = Math.min(n, beta - lo);
            if (a0 > a1) {
                continue;
            }
            keepStart[beta] = space.blockStart[a0];
            keepEnd[beta] = space.blockStart[a1] + space.blockSize[a1];
            int c0 = keepStart[beta];
            int c1 = keepEnd[beta];
            int k0 = space.blockStart[beta];
            int size = space.blockSize[beta];
            for (int r = 0; r < size; r++) {
                kernel.combineReal(w[beta], r * size, size, s.ttr, s.tti, k0 * d + c0, d, s.ttr2, s.tti2,
                        (k0 + r) * d + c0, c1 - c0);
            }
        }
        for (int b = 0; b < d; b++) {
            int beta = (n - space.twiceM[b]) / 2;
            for (int a = 0; a < d; a++) {
                boolean inside = a >= keepStart[beta] && a < keepEnd[beta];
                re[a * d + b] = inside ? s.ttr2[b * d + a] : 0.0;
                im[a * d + b] = inside ? s.tti2[b * d + a] : 0.0;
            }
        }
    }

    /**
     * yᵀ = x for d × d {re, im}, in 8 × 8 tiles so that the strided side stays within a few cache lines.
     * With U, it makes the Uᵀ that {@link #applyBetweenCrushers} takes.
     */
    static void transpose(double[] xr, double[] xi, double[] yr, double[] yi, int d) {
        for (int a0 = 0; a0 < d; a0 += 8) {
            int a1 = Math.min(d, a0 + 8);
            for (int b0 = 0; b0 < d; b0 += 8) {
                int b1 = Math.min(d, b0 + 8);
                for (int a = a0; a < a1; a++) {
                    for (int b = b0; b < b1; b++) {
                        yr[b * d + a] = xr[a * d + b];
                        yi[b * d + a] = xi[a * d + b];
                    }
                }
            }
        }
    }

    private static int widenDown(int start, int lanes) {
        return start / lanes * lanes;
    }

    private static int widenUp(int end, int lanes, int limit) {
        return Math.min(limit, (end + lanes - 1) / lanes * lanes);
    }

    /** The basis change's work arrays, one set per thread, grown to the largest dimension seen. */
    private static final class TransformScratch {
        private static final ThreadLocal<TransformScratch> PER_THREAD = new ThreadLocal<>();
        final double[] tr;
        final double[] ti;
        final double[] ttr;
        final double[] tti;
        final double[] ttr2;
        final double[] tti2;
        private final int dim;

        private TransformScratch(int dim) {
            this.dim = dim;
            tr = new double[dim * dim];
            ti = new double[dim * dim];
            ttr = new double[dim * dim];
            tti = new double[dim * dim];
            ttr2 = new double[dim * dim];
            tti2 = new double[dim * dim];
        }

        static TransformScratch of(int dim) {
            TransformScratch s = PER_THREAD.get();
            if (s == null || s.dim < dim) {
                s = new TransformScratch(dim);
                PER_THREAD.set(s);
            }
            return s;
        }
    }

    /** Σ_i ρ_ii (real part; the imaginary part of a Hermitian trace is zero). */
    double traceRe() {
        double t = 0;
        for (int i = 0; i < dim; i++) {
            t += re[i * dim + i];
        }
        return t;
    }

    /** max |ρ − ρ†|. */
    double hermiticityError() {
        double worst = 0;
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                double dr = re[a * dim + b] - re[b * dim + a];
                double di = im[a * dim + b] + im[b * dim + a];
                worst = Math.max(worst, Math.hypot(dr, di));
            }
        }
        return worst;
    }

    /** Tr(ρ·ρ†) = Σ |ρ_ab|², invariant under unitary evolution and under the orthogonal basis change. */
    double frobeniusNormSquared() {
        double t = 0;
        for (int k = 0; k < re.length; k++) {
            t += re[k] * re[k] + im[k] * im[k];
        }
        return t;
    }
}
