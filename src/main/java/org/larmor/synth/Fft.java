package org.larmor.synth;

import org.larmor.signal.Fourier;

import java.util.ArrayList;
import java.util.List;

/**
 * In-place complex FFT on separate real and imaginary arrays, with precomputed twiddle factors and bit-reversal
 * table, so that the per-spectrum first-order phase allocates nothing. Forward: X_k = Σ x_m·exp(−2πi·mk/N) (the
 * convention of {@link Fourier}); inverse: x_m = (1/N)·Σ X_k·exp(+2πi·mk/N). Radix-2 (Cooley–Tukey) for powers
 * of two; other lengths use the direct sum of {@link Fourier} (exact, O(N²)).
 */
public final class Fft {
    private final int n;
    private final boolean pow2;
    private final double[] cos;
    private final double[] sin;
    private final int[] reverse;
    private final double[][] stageCos;
    private final double[][] stageSin;

    public Fft(int n) {
        this.n = n;
        this.pow2 = n > 0 && (n & (n - 1)) == 0;
        if (pow2) {
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                double a = -2 * Math.PI * k / n;
                cos[k] = Math.cos(a);
                sin[k] = Math.sin(a);
            }
            int bits = Integer.numberOfTrailingZeros(n);
            stageCos = new double[bits + 1][];
            stageSin = new double[bits + 1][];
            for (int b = 1; b <= bits; b++) {
                int half = 1 << (b - 1);
                int step = n >> b;
                stageCos[b] = new double[half];
                stageSin[b] = new double[half];
                for (int j = 0; j < half; j++) {
                    stageCos[b][j] = cos[j * step];
                    stageSin[b][j] = sin[j * step];
                }
            }
            reverse = new int[n];
            for (int k = 0; k < n; k++) {
                reverse[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
            }
        } else {
            cos = null;
            sin = null;
            reverse = null;
            stageCos = null;
            stageSin = null;
        }
    }

    public int size() {
        return n;
    }

    public void forward(double[] re, double[] im) {
        if (!pow2) {
            double[][] f = Fourier.forward(re, im);
            System.arraycopy(f[0], 0, re, 0, n);
            System.arraycopy(f[1], 0, im, 0, n);
            return;
        }
        transform(re, im, 1);
    }

    public void inverse(double[] re, double[] im) {
        if (!pow2) {
            for (int k = 0; k < n; k++) {
                im[k] = -im[k];
            }
            forward(re, im);
            for (int k = 0; k < n; k++) {
                re[k] /= n;
                im[k] = -im[k] / n;
            }
            return;
        }
        transform(re, im, -1);
        double s = 1.0 / n;
        for (int k = 0; k < n; k++) {
            re[k] *= s;
            im[k] *= s;
        }
    }

    /**
     * The forward transform at the output bins of {@code bins} only ({@link #prune}): the other bins are left
     * holding partial sums. Each bin is the same double as {@link #forward} gives, bit for bit: it is made by the
     * same butterflies, in the same order, from the same inputs; the butterflies that feed no wanted bin (most of
     * the last stages, for a window of a few bins) are skipped. Powers of two only.
     */
    void forward(double[] re, double[] im, Pruning bins) {
        if (bins.n != n || !pow2) {
            throw new IllegalArgumentException("pruning of another length");
        }
        transform(re, im, 1, bins);
    }

    /**
     * Which butterflies a set of output bins needs, per stage of size 8 and more (the combined stages of sizes 2h
     * and 4h, and a last radix-2 stage): runs of butterflies next to one another in a block, as pairs (first point
     * b + j, count), or null when every butterfly is needed.
     */
    static final class Pruning {
        private final int n;
        private final int[][] passes;
        private final int[] last;

        private Pruning(int n, int[][] passes, int[] last) {
            this.n = n;
            this.passes = passes;
            this.last = last;
        }
    }

    /** The butterflies that output bins {@code bins} of an n-point transform (n a power of two) depend on. */
    static Pruning prune(int n, int[] bins) {
        if (n <= 0 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("pruning needs a power of two, got " + n);
        }
        boolean[] need = new boolean[n];
        for (int k : bins) {
            need[k] = true;
        }
        List<Integer> sizes = new ArrayList<>();
        int size = 8;
        for (; size <= n && size * 2 <= n; size <<= 2) {
            sizes.add(size);
        }
        int[] last = null;
        if (size <= n) {
            // The last radix-2 stage, of this size: butterflies (a, a + half).
            int half = size >> 1;
            List<Integer> used = new ArrayList<>();
            boolean[] in = new boolean[n];
            for (int start = 0; start < n; start += size) {
                for (int a = start; a < start + half; a++) {
                    if (need[a] || need[a + half]) {
                        used.add(a);
                        in[a] = true;
                        in[a + half] = true;
                    }
                }
            }
            last = used.size() == n / 2 ? null : runs(used, half);
            need = in;
        }
        int[][] passes = new int[sizes.size()][];
        for (int p = sizes.size() - 1; p >= 0; p--) {
            int h = sizes.get(p) >> 1;
            List<Integer> used = new ArrayList<>();
            boolean[] in = new boolean[n];
            for (int b = 0; b < n; b += 4 * h) {
                for (int j = 0; j < h; j++) {
                    int p0 = b + j;
                    if (need[p0] || need[p0 + h] || need[p0 + 2 * h] || need[p0 + 3 * h]) {
                        used.add(p0);
                        for (int q = 0; q < 4; q++) {
                            in[p0 + q * h] = true;
                        }
                    }
                }
            }
            passes[p] = used.size() == n / 4 ? null : runs(used, h);
            need = in;
        }
        return new Pruning(n, passes, last);
    }

    /**
     * Runs of consecutive butterflies from their first points, in order: (first, count) pairs, a run never crossing
     * from one block's butterflies (the first {@code span} points of a block of 2·span, or 4·span) to the next.
     */
    private static int[] runs(List<Integer> firsts, int span) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < firsts.size(); ) {
            int start = firsts.get(i);
            int len = 1;
            while (i + len < firsts.size() && firsts.get(i + len) == start + len && (start + len) % span != 0) {
                len++;
            }
            out.add(start);
            out.add(len);
            i += len;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void transform(double[] re, double[] im, int sign) {
        transform(re, im, sign, null);
    }

    /**
     * @param sign 1 for exp(−2πi·mk/N), −1 for exp(+2πi·mk/N)
     * @param bins the butterflies to make in the stages of size 8 and more; null: all
     */
    /**
     * {@link #forward(double[], double[], Pruning)} of the FID (srcRe, srcIm) with its first point times
     * {@code firstScale}, into (re, im); the source is left as it is. The same doubles as copying, scaling and
     * transforming in place: the copy is made in bit-reversed order, which is the transform's first step.
     */
    void forward(double[] srcRe, double[] srcIm, double firstScale, double[] re, double[] im, Pruning bins) {
        if (bins.n != n || !pow2) {
            throw new IllegalArgumentException("pruning of another length");
        }
        for (int k = 0; k < n; k++) {
            int r = reverse[k];
            re[k] = srcRe[r];
            im[k] = srcIm[r];
        }
        re[0] *= firstScale;
        im[0] *= firstScale;
        stages(re, im, 1, bins);
    }

    private void transform(double[] re, double[] im, int sign, Pruning bins) {
        for (int k = 0; k < n; k++) {
            int r = reverse[k];
            if (r > k) {
                double t = re[k];
                re[k] = re[r];
                re[r] = t;
                t = im[k];
                im[k] = im[r];
                im[r] = t;
            }
        }
        stages(re, im, sign, bins);
    }

    /** The butterflies of {@link #transform}, on input already in bit-reversed order. */
    private void stages(double[] re, double[] im, int sign, Pruning bins) {
        if (n < 4) {
            // Stage 1 (twiddle 1) alone.
            for (int a = 0; a + 1 < n; a += 2) {
                double tr = re[a + 1];
                double ti = im[a + 1];
                re[a + 1] = re[a] - tr;
                im[a + 1] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        } else {
            // Stage 1 (twiddle 1) and stage 2 (twiddles 1 and ∓i) without multiplications, four points at a time.
            for (int a = 0; a < n; a += 4) {
                for (int p = a; p < a + 4; p += 2) {
                    double tr = re[p + 1];
                    double ti = im[p + 1];
                    re[p + 1] = re[p] - tr;
                    im[p + 1] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
                double tr = re[a + 2];
                double ti = im[a + 2];
                re[a + 2] = re[a] - tr;
                im[a + 2] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
                // b = a + 3 times −i (forward) or +i (inverse)
                double br = re[a + 3];
                double bi = im[a + 3];
                tr = sign * bi;
                ti = -sign * br;
                re[a + 3] = re[a + 1] - tr;
                im[a + 3] = im[a + 1] - ti;
                re[a + 1] += tr;
                im[a + 1] += ti;
            }
        }
        // Remaining stages two at a time (radix 2², half the passes over the data): sizes 2h and 4h together.
        int size = 8;
        for (int pass = 0; size <= n; size <<= 2, pass++) {
            if (size * 2 > n) {
                int[] runs = bins == null ? null : bins.last;
                if (runs == null) {
                    for (int start = 0; start < n; start += size) {
                        radix2(re, im, size, sign, start, start, start + size / 2);
                    }
                } else {
                    for (int r = 0; r < runs.length; r += 2) {
                        int a = runs[r];
                        radix2(re, im, size, sign, a - a % size, a, a + runs[r + 1]);
                    }
                }
                break;
            }
            int h = size >> 1;
            int block = 4 * h;
            int[] runs = bins == null ? null : bins.passes[pass];
            if (runs == null) {
                for (int b = 0; b < n; b += block) {
                    radix4(re, im, size, sign, b, 0, h);
                }
            } else {
                for (int r = 0; r < runs.length; r += 2) {
                    int j = runs[r] % block;
                    radix4(re, im, size, sign, runs[r] - j, j, j + runs[r + 1]);
                }
            }
        }
    }

    /**
     * Butterflies j0 ≤ j &lt; j1 of the block at b of the stages of sizes 2h and 4h together (radix 2², half the
     * passes over the data; h = size/2): points b + j, + h, + 2h, + 3h.
     */
    private void radix4(double[] re, double[] im, int size, int sign, int b, int j0, int j1) {
        int h = size >> 1;
        double[] w2r = stageCos[Integer.numberOfTrailingZeros(size)];
        double[] w2i = stageSin[Integer.numberOfTrailingZeros(size)];
        double[] w4r = stageCos[Integer.numberOfTrailingZeros(size) + 1];
        double[] w4i = stageSin[Integer.numberOfTrailingZeros(size) + 1];
        for (int j = j0; j < j1; j++) {
            double c2 = w2r[j];
            double s2 = sign * w2i[j];
            double c4 = w4r[j];
            double s4 = sign * w4i[j];
            int p0 = b + j;
            int p1 = p0 + h;
            int p2 = p1 + h;
            int p3 = p2 + h;
            double x1r = re[p1];
            double x1i = im[p1];
            double tr = x1r * c2 - x1i * s2;
            double ti = x1r * s2 + x1i * c2;
            double x0r = re[p0];
            double x0i = im[p0];
            double a0r = x0r + tr;
            double a0i = x0i + ti;
            double a1r = x0r - tr;
            double a1i = x0i - ti;
            double x3r = re[p3];
            double x3i = im[p3];
            tr = x3r * c2 - x3i * s2;
            ti = x3r * s2 + x3i * c2;
            double x2r = re[p2];
            double x2i = im[p2];
            double a2r = x2r + tr;
            double a2i = x2i + ti;
            double a3r = x2r - tr;
            double a3i = x2i - ti;
            double ur = a2r * c4 - a2i * s4;
            double ui = a2r * s4 + a2i * c4;
            double vr = a3r * c4 - a3i * s4;
            double vi = a3r * s4 + a3i * c4;
            // times W_4h^h = ∓i (forward −i, inverse +i)
            double wr = sign * vi;
            double wi = -sign * vr;
            re[p0] = a0r + ur;
            im[p0] = a0i + ui;
            re[p2] = a0r - ur;
            im[p2] = a0i - ui;
            re[p1] = a1r + wr;
            im[p1] = a1i + wi;
            re[p3] = a1r - wr;
            im[p3] = a1i - wi;
        }
    }

    /** Butterflies (a, a + size/2), a0 ≤ a &lt; a1, of the radix-2 stage of this size, in the block at start. */
    private void radix2(double[] re, double[] im, int size, int sign, int start, int a0, int a1) {
        int half = size >> 1;
        double[] wr = stageCos[Integer.numberOfTrailingZeros(size)];
        double[] wi = stageSin[Integer.numberOfTrailingZeros(size)];
        for (int a = a0; a < a1; a++) {
            int j = a - start;
            double cr = wr[j];
            double ci = sign * wi[j];
            int b = a + half;
            double xr = re[b];
            double xi = im[b];
            double tr = xr * cr - xi * ci;
            double ti = xr * ci + xi * cr;
            double ar = re[a];
            double ai = im[a];
            re[b] = ar - tr;
            im[b] = ai - ti;
            re[a] = ar + tr;
            im[a] = ai + ti;
        }
    }
}
