package org.larmor.validate;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

/**
 * The measures that compare two spectra, A and B, sampled on one ascending ppm grid (see docs/validation.md). The
 * single-spectrum measures (SNR, FWHM, peak position, area, noise SD) are {@link SpectralMetrics}; these build on
 * them.
 *
 * <ul>
 *   <li><b>frequency offset</b> δ (ppm): the shift that best aligns B with A, B(p + δ) ∝ A(p): the maximum of the
 *       normalised cross-correlation |⟨A, B_δ⟩| / ‖B_δ‖ of the complex spectra, found on the grid's lags and then
 *       refined continuously (Brent's method) by evaluating B's spectrum exactly at the shifted ppm values
 *       ({@link SpectrumSampler}). By the Cauchy-Schwarz inequality the maximum is exactly at δ when B is a shifted,
 *       scaled copy of A, so the offset is not limited by the grid spacing.</li>
 *   <li><b>amplitude ratio</b> s = Σ Re A·Re B̃ / Σ (Re A)², the least-squares scale of aligned B (B̃) on A.</li>
 *   <li><b>correlation</b>: Pearson's r of Re A and Re B̃ over the grid.</li>
 *   <li><b>normalised residual</b> ‖Re A − Re B̃ / s‖ / ‖Re A‖: what remains of the difference once offset and
 *       scale are removed (0 for a shifted, scaled copy).</li>
 *   <li><b>phase</b> arg ⟨A, B̃⟩ in degrees: the zero-order phase of B relative to A.</li>
 * </ul>
 */
public final class ComparisonMetrics {
    /** Points of the fine local grid on which linewidths and peak positions are measured. */
    static final int LOCAL_POINTS = 801;

    private ComparisonMetrics() {
    }

    /** A FID's spectrum with the facts needed to place it on a ppm axis. */
    public record Source(Fid fid, double hzPerPpm, double referencePpm) {
        /** {re, im} at each ppm value. */
        public double[][] at(double[] ppm) {
            return SpectrumSampler.atPpm(fid, hzPerPpm, referencePpm, ppm);
        }

        /** {re, im} at each ppm value plus {@code shift}. */
        public double[][] at(double[] ppm, double shift) {
            double[] p = new double[ppm.length];
            for (int j = 0; j < p.length; j++) {
                p[j] = ppm[j] + shift;
            }
            return at(p);
        }

        /** {re, im} on the uniform grid firstPpm + j·stepPpm, j = 0 … count − 1 (chirp-z transform). */
        public double[][] atGrid(double firstPpm, double stepPpm, int count) {
            return SpectrumSampler.atUniformPpm(fid, hzPerPpm, referencePpm, firstPpm, stepPpm, count);
        }

        /** Spectral width in ppm. */
        public double widthPpm() {
            return 1 / fid.dwellS() / hzPerPpm;
        }

        /** Spacing of the unpadded DFT in ppm. */
        public double stepPpm() {
            return widthPpm() / fid.points();
        }
    }

    /**
     * The frequency offset δ in ppm such that B(p + δ) best matches A(p), searched within ±maxOffsetPpm.
     *
     * @param grid ascending ppm values grid[0] + j·step
     * @param step the grid's spacing in ppm (as the grid was made: grid[1] − grid[0] may differ in the last bit)
     * @param a    A's spectrum on the grid, {re, im}
     * @param b    B's spectrum on the grid, {re, im}
     */
    public static double offsetPpm(double[] grid, double step, double[][] a, double[][] b, Source bSource,
                                   double maxOffsetPpm) {
        int m = grid.length;
        int maxLag = (int) Math.min(Math.ceil(maxOffsetPpm / step), m / 2);
        int best = 0;
        double bestValue = -1;
        for (int k = -maxLag; k <= maxLag; k++) {
            double cr = 0;
            double ci = 0;
            double ea = 0;
            double eb = 0;
            int from = Math.max(0, -k);
            int to = Math.min(m, m - k);
            for (int j = from; j < to; j++) {
                double ar = a[0][j];
                double ai = a[1][j];
                double br = b[0][j + k];
                double bi = b[1][j + k];
                cr += ar * br + ai * bi;
                ci += ar * bi - ai * br;
                ea += ar * ar + ai * ai;
                eb += br * br + bi * bi;
            }
            double v = ea > 0 && eb > 0 ? Math.hypot(cr, ci) / Math.sqrt(ea * eb) : 0;
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        // Refine on A's support: there the normalised correlation peaks exactly at the true offset. B is evaluated
        // on the contiguous span of grid points that holds the support, then masked.
        double maxA = 0;
        for (int j = 0; j < m; j++) {
            maxA = Math.max(maxA, Math.hypot(a[0][j], a[1][j]));
        }
        boolean[] in = new boolean[m];
        int first = -1;
        int last = -1;
        for (int j = 0; j < m; j++) {
            in[j] = Math.hypot(a[0][j], a[1][j]) > 1e-3 * maxA;
            if (in[j]) {
                if (first < 0) {
                    first = j;
                }
                last = j;
            }
        }
        int from = first;
        int span = last - first + 1;
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(delta -> {
            double[][] bd = bSource.atGrid(grid[0] + from * step + delta, step, span);
            double cr = 0;
            double ci = 0;
            double eb = 0;
            for (int i = 0; i < span; i++) {
                if (!in[from + i]) {
                    continue;
                }
                double ar = a[0][from + i];
                double ai = a[1][from + i];
                cr += ar * bd[0][i] + ai * bd[1][i];
                ci += ar * bd[1][i] - ai * bd[0][i];
                eb += bd[0][i] * bd[0][i] + bd[1][i] * bd[1][i];
            }
            return eb > 0 ? Math.hypot(cr, ci) / Math.sqrt(eb) : 0;
        });
        BrentOptimizer brent = new BrentOptimizer(1e-12, step * 1e-7);
        UnivariatePointValuePair p = brent.optimize(new MaxEval(200), f, GoalType.MAXIMIZE,
                new SearchInterval((best - 1) * step, (best + 1) * step, best * step));
        // Identical inputs: the grid lag is the exact optimum, and Brent's estimate can only be rounding away from it.
        double atLag = f.getObjectiveFunction().value(best * step);
        return atLag >= p.getValue() ? best * step : p.getPoint();
    }

    /** Least-squares scale of {@code b} on {@code a}: Σ a·b / Σ a². */
    public static double amplitudeRatio(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
        }
        return ab / aa;
    }

    /** Pearson's correlation coefficient of two equally long arrays. */
    public static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int j = 0; j < n; j++) {
            ma += a[j];
            mb += b[j];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int j = 0; j < n; j++) {
            double da = a[j] - ma;
            double db = b[j] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** ‖a − b/scale‖ / ‖a‖. */
    public static double normalisedResidual(double[] a, double[] b, double scale) {
        double rr = 0;
        double aa = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j] / scale;
            rr += d * d;
            aa += a[j] * a[j];
        }
        return Math.sqrt(rr / aa);
    }

    /** arg Σ conj(a)·b in degrees, (−180, 180]. */
    public static double phaseDeg(double[][] a, double[][] b) {
        double cr = 0;
        double ci = 0;
        for (int j = 0; j < a[0].length; j++) {
            cr += a[0][j] * b[0][j] + a[1][j] * b[1][j];
            ci += a[0][j] * b[1][j] - a[1][j] * b[0][j];
        }
        return Math.toDegrees(Math.atan2(ci, cr));
    }

    /** Largest |z| of a complex array. */
    public static double maxModulus(double[][] z) {
        double m = 0;
        for (int j = 0; j < z[0].length; j++) {
            m = Math.max(m, Math.hypot(z[0][j], z[1][j]));
        }
        return m;
    }

    /**
     * The spectrum around {@code centrePpm}, ±{@code halfWidthPpm}, on a fine grid ({@link #LOCAL_POINTS} points) so
     * that {@link SpectralMetrics#fwhmHz} and {@link SpectralMetrics#peakPositionPpm} are accurate to far better
     * than 1 %.
     */
    public static Spectrum local(Source s, double centrePpm, double halfWidthPpm) {
        double lowHz = (s.referencePpm() - centrePpm - halfWidthPpm) * s.hzPerPpm();
        double highHz = (s.referencePpm() - centrePpm + halfWidthPpm) * s.hzPerPpm();
        return SpectrumSampler.onGrid(s.fid(), s.hzPerPpm(), s.referencePpm(), lowHz, highHz, LOCAL_POINTS);
    }

    /**
     * FWHM in Hz of the tallest point of the real spectrum within ±halfWidthPpm of centrePpm, measured on a fine
     * local grid; NaN where the line does not fall to half height inside that window (a shoulder of a multiplet).
     */
    public static double fwhmHz(Source s, double centrePpm, double halfWidthPpm) {
        Spectrum local = local(s, centrePpm, halfWidthPpm);
        try {
            return SpectralMetrics.fwhmHz(local, centrePpm - halfWidthPpm, centrePpm + halfWidthPpm);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /**
     * Position in ppm of the tallest point of the real spectrum within ±halfWidthPpm of centrePpm; NaN if that
     * point is at the window's edge (no peak inside the window, only a slope).
     */
    public static double peakPpm(Source s, double centrePpm, double halfWidthPpm) {
        Spectrum local = local(s, centrePpm, halfWidthPpm);
        int k = SpectralMetrics.peakIndex(local, centrePpm - halfWidthPpm, centrePpm + halfWidthPpm);
        if (k == 0 || k == local.points() - 1) {
            return Double.NaN;
        }
        return SpectralMetrics.peakPositionPpm(local, centrePpm - halfWidthPpm, centrePpm + halfWidthPpm);
    }
}
