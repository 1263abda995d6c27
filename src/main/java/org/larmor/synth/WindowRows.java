package org.larmor.synth;

/**
 * The real part of a spectrum at a few bins, for the SNR reference height, the largest of them: Re S_k =
 * dwell·Σ_t w_t·Re(x_t·exp(−2πi·kt/n)), w_0 = ½ and w_t = 1 otherwise (the first point of an FID counts half: the
 * spectrum convention of {@link org.larmor.signal.Fourier}).
 * <p>
 * How: the window's bins are k0 + j for |j| ≤ J about a middle bin k0 (modulo n). The FID is shifted once,
 * y_t = x_t·e_t with e_t = dwell·w_t·exp(−2πi·k0·t/n), and then each j ≥ 0 is one pass over y that gives two bins:
 * with A_j = Σ_t y_t^re·cos(2πjt/n) and B_j = Σ_t y_t^im·sin(2πjt/n), Re S_{k0+j} = A_j + B_j and Re S_{k0−j} =
 * A_j − B_j. The window holds about a dozen of a spectrum's 2048 bins, so this is about seven passes of two fused
 * multiply-adds per point, which the vector API runs a vector of points at a time; the FFT pruned to those bins
 * that it replaces runs its first stages in full, a butterfly at a time (a ninth of a synthesised spectrum's time),
 * and one pass per bin instead of per pair of bins reads twice the tables from the second-level cache.
 * <p>
 * Each sum is {@value #SUMS} interleaved partial sums (point t into sum t mod {@value #SUMS}), each a chain of fused
 * multiply-adds, combined pairwise (p0 + p1, p2 + p3, …, then those pairs, and so on): the same order on vectors of
 * 8 or 4 lanes and in the scalar loop, so that a seed gives the same bits on any machine, with or without the vector
 * API ({@code WindowRowsTest}). Many chains, not one: a single chain of vectors waits on its own latency at every
 * step. The error is that of the shift (one rounding per product) and of a blocked sum of n products, a few units in
 * the last place of Σ|terms|, as for the transform it replaces.
 */
final class WindowRows {
    /** Above this many bins the passes cost more than the transform they replace (n·bins/2 against n·log n). */
    static final int MAX_ROWS = 32;
    /** Partial sums per sum. */
    static final int SUMS = 32;

    private final int n;
    private final double[] shiftRe;
    private final double[] shiftIm;
    /** cos(2πjt/n), sin(2πjt/n) for j = 0 … J. */
    private final double[][] cos;
    private final double[][] sin;
    /** Each bin's j (k = k0 + j modulo n). */
    private final int[] offsets;

    /**
     * @param n     points
     * @param dwell dwell time, s (the shift carries it, so that a bin is in signal × seconds, as the spectrum)
     * @param bins  the bins, each in [0, n)
     */
    WindowRows(int n, double dwell, int[] bins) {
        this.n = n;
        // The middle bin: the one that makes the largest |j| least (the window may wrap around bin 0).
        int k0 = bins.length == 0 ? 0 : bins[0];
        int reach = Integer.MAX_VALUE;
        for (int c : bins) {
            int r = 0;
            for (int k : bins) {
                r = Math.max(r, Math.abs(offset(k, c, n)));
            }
            if (r < reach) {
                reach = r;
                k0 = c;
            }
        }
        offsets = new int[bins.length];
        int most = 0;
        for (int b = 0; b < bins.length; b++) {
            offsets[b] = offset(bins[b], k0, n);
            most = Math.max(most, Math.abs(offsets[b]));
        }
        shiftRe = new double[n];
        shiftIm = new double[n];
        for (int t = 0; t < n; t++) {
            double w = (t == 0 ? 0.5 : 1) * dwell;
            double a = angle(k0, t, n);
            shiftRe[t] = w * Math.cos(a);
            shiftIm[t] = -w * Math.sin(a);
        }
        int passes = bins.length == 0 ? 0 : most + 1;
        cos = new double[passes][n];
        sin = new double[passes][n];
        for (int j = 0; j < passes; j++) {
            for (int t = 0; t < n; t++) {
                double a = angle(j, t, n);
                cos[j][t] = Math.cos(a);
                sin[j][t] = Math.sin(a);
            }
        }
    }

    /** Passes per spectrum, J + 1 (0 for no bins). */
    int passes() {
        return cos.length;
    }

    /** 2π·((k·t) mod n)/n: the angle reduced exactly before it is rounded, whatever the size of k·t. */
    private static double angle(long k, long t, int n) {
        return 2 * Math.PI * ((k * t) % n) / n;
    }

    /** k − k0 modulo n, in (−n/2, n/2]. */
    private static int offset(int k, int k0, int n) {
        int j = Math.floorMod(k - k0, n);
        return j > n / 2 ? j - n : j;
    }

    /**
     * The largest Re S_k over the bins (−∞ for none), by {@code kernel} when it is not null; {@code yRe}, {@code yIm}
     * (n points each) are scratch.
     */
    double maxRealPart(double[] re, double[] im, double[] yRe, double[] yIm, BlockKernel kernel) {
        if (offsets.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int t = 0; t < n; t++) {
            yRe[t] = re[t] * shiftRe[t] - im[t] * shiftIm[t];
            yIm[t] = re[t] * shiftIm[t] + im[t] * shiftRe[t];
        }
        double[] a = new double[cos.length];
        double[] b = new double[cos.length];
        double[] pair = new double[2];
        for (int j = 0; j < cos.length; j++) {
            if (kernel == null) {
                sums(yRe, yIm, cos[j], sin[j], n, pair);
            } else {
                kernel.dftPair(yRe, yIm, cos[j], sin[j], n, pair);
            }
            a[j] = pair[0];
            b[j] = pair[1];
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j : offsets) {
            best = Math.max(best, j >= 0 ? a[j] + b[j] : a[-j] - b[-j]);
        }
        return best;
    }

    /** Σ_t yRe_t·c_t into ab[0] and Σ_t yIm_t·s_t into ab[1], in the order of the class comment. */
    static void sums(double[] yRe, double[] yIm, double[] c, double[] s, int n, double[] ab) {
        finish(yRe, yIm, c, s, 0, n, new double[SUMS], new double[SUMS], ab);
    }

    /** The points from {@code from} on, each into its partial sums, then the partial sums combined into ab. */
    static void finish(double[] yRe, double[] yIm, double[] c, double[] s, int from, int n, double[] pa,
                       double[] pb, double[] ab) {
        for (int t = from; t < n; t++) {
            int l = t & (SUMS - 1);
            pa[l] = Math.fma(yRe[t], c[t], pa[l]);
            pb[l] = Math.fma(yIm[t], s[t], pb[l]);
        }
        ab[0] = combine(pa);
        ab[1] = combine(pb);
    }

    /** Pairwise, in place: p[0] + p[1] into p[0], p[2] + p[3] into p[2], …, then p[0] + p[2], and so on. */
    private static double combine(double[] p) {
        for (int step = 1; step < SUMS; step *= 2) {
            for (int l = 0; l < SUMS; l += 2 * step) {
                p[l] += p[l + step];
            }
        }
        return p[0];
    }
}
