package org.larmor.rf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Built-in analytic pulse shapes, sampled at the midpoints of {@code samples} equal intervals of normalised time
 * τ ∈ [−1, 1] (τ = 2t/T − 1). Signed waveforms are stored as amplitude ≥ 0 with phase 0 or π.
 */
public final class PulseShapes {
    /** Source recorded in built-in shapes. */
    public static final String BUILT_IN = "built-in";

    private PulseShapes() {
    }

    /** A rectangular (hard) pulse of phase 0: one sample. */
    public static PulseShape hard() {
        return hard(0);
    }

    /** A rectangular (hard) pulse of the given phase (rad): one sample. */
    public static PulseShape hard(double phaseRad) {
        return new PulseShape("hard", BUILT_IN, new double[] {1}, new double[] {phaseRad}, new double[] {1}, null,
                Map.of("TYPE", "rectangular", "PHASE_RAD", fmt(phaseRad)));
    }

    /**
     * A sinc pulse sin(πx)/(πx), x = n·τ, truncated at its n-th zero crossing on each side: 2n − 1 lobes and a
     * nominal time-bandwidth product 2n (its Fourier transform is a rectangle of width 2n/T). The optional Hamming
     * window 0.54 + 0.46·cos(πτ) lowers the side ripples of the profile at the cost of a wider transition.
     *
     * @param samples                number of samples (≥ 2)
     * @param zeroCrossingsEachSide  n ≥ 1
     * @param hammingWindow          whether to apply the Hamming window
     */
    public static PulseShape sinc(int samples, int zeroCrossingsEachSide, boolean hammingWindow) {
        requireSamples(samples);
        if (zeroCrossingsEachSide < 1) {
            throw new IllegalArgumentException("a sinc needs at least one zero crossing each side");
        }
        double[] a = new double[samples];
        double[] p = new double[samples];
        for (int k = 0; k < samples; k++) {
            double tau = tau(k, samples);
            double x = Math.PI * zeroCrossingsEachSide * tau;
            double v = x == 0 ? 1 : Math.sin(x) / x;
            if (hammingWindow) {
                v *= 0.54 + 0.46 * Math.cos(Math.PI * tau);
            }
            a[k] = v;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("TYPE", "sinc");
        meta.put("ZERO_CROSSINGS_EACH_SIDE", Integer.toString(zeroCrossingsEachSide));
        meta.put("WINDOW", hammingWindow ? "Hamming" : "none");
        return PulseShape.normalised("sinc" + (2 * zeroCrossingsEachSide - 1) + "lobe" + (hammingWindow ? "-hamming" : ""),
                BUILT_IN, a, p, ones(samples), null, meta);
    }

    /**
     * A Gaussian exp(−ln(1/e)·τ²), truncated where it has fallen to the fraction e of its peak.
     *
     * @param samples      number of samples (≥ 2)
     * @param edgeFraction amplitude at the ends relative to the peak, 0 &lt; e &lt; 1 (e.g. 0.01)
     */
    public static PulseShape gaussian(int samples, double edgeFraction) {
        requireSamples(samples);
        if (!(edgeFraction > 0 && edgeFraction < 1)) {
            throw new IllegalArgumentException("edge fraction must be in (0, 1), got " + edgeFraction);
        }
        double c = Math.log(1 / edgeFraction);
        double[] a = new double[samples];
        for (int k = 0; k < samples; k++) {
            double tau = tau(k, samples);
            a[k] = Math.exp(-c * tau * tau);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("TYPE", "gaussian");
        meta.put("EDGE_FRACTION", fmt(edgeFraction));
        return PulseShape.normalised("gauss", BUILT_IN, a, new double[samples], ones(samples), null, meta);
    }

    /**
     * A hyperbolic-secant adiabatic full passage, HSn: amplitude sech(β·|τ|ⁿ), and a frequency sweep of width R/T:
     * the phase slope (1/2π)·dφ/dt = (R/2T)·F(τ), F(τ) = ∫₀^τ sech²(β|s|ⁿ) ds / ∫₀¹ sech²(β|s|ⁿ) ds, runs from −R/2T
     * to +R/2T (Hz). The phase is its integral, φ(τ) = (πR/2)·∫₀^τ F(s) ds, zero at the centre, so the shape does
     * not depend on T. (With Larmor's precession sense, Ω = −2π·Δν, the resonance sweeps the spins from +R/2T down
     * to −R/2T; the inversion band is symmetric either way.) For n = 1 this is the Silver–Hoult pulse
     * (F = tanh(βτ)/tanh β).
     *
     * <p>Silver MS, Joseph RI, Hoult DI. Highly selective π/2 and π pulse generation. J Magn Reson
     * 1984;59:347-351. Tannús A, Garwood M. Improved performance of frequency-swept pulses using offset-independent
     * adiabaticity. J Magn Reson A 1996;120:133-137. Garwood M, DelaBarre L. The return of the frequency sweep:
     * designing adiabatic pulses for contemporary NMR. J Magn Reson 2001;153:155-177.
     *
     * @param samples              number of samples (≥ 2)
     * @param n                    order (1 = HS1)
     * @param bandwidthTimeProduct R = sweep bandwidth (Hz) × duration (s)
     * @param truncationBeta       β, the dimensionless truncation: the amplitude falls to sech(β) at the ends
     *                             (β = 5.298 for 1 %; see {@link #betaForEdgeAmplitude})
     */
    public static PulseShape hyperbolicSecant(int samples, int n, double bandwidthTimeProduct, double truncationBeta) {
        requireSamples(samples);
        if (n < 1 || !(bandwidthTimeProduct > 0) || !(truncationBeta > 0)) {
            throw new IllegalArgumentException("HSn needs n ≥ 1, R > 0 and β > 0");
        }
        // Sweep F and its integral G on a fine grid over s ∈ [0, 1] (trapezoid rule).
        int m = 64 * samples;
        double[] f = new double[m + 1];
        double[] g = new double[m + 1];
        double h = 1.0 / m;
        double prev = sech2(truncationBeta, n, 0);
        for (int i = 1; i <= m; i++) {
            double cur = sech2(truncationBeta, n, i * h);
            f[i] = f[i - 1] + 0.5 * (prev + cur) * h;
            prev = cur;
        }
        double norm = f[m];
        for (int i = 0; i <= m; i++) {
            f[i] /= norm;
        }
        for (int i = 1; i <= m; i++) {
            g[i] = g[i - 1] + 0.5 * (f[i - 1] + f[i]) * h;
        }
        double[] a = new double[samples];
        double[] p = new double[samples];
        for (int k = 0; k < samples; k++) {
            double tau = tau(k, samples);
            double s = Math.abs(tau);
            a[k] = 1 / Math.cosh(truncationBeta * Math.pow(s, n));
            double pos = s * m;
            int i = Math.min((int) pos, m - 1);
            double frac = pos - i;
            p[k] = 0.5 * Math.PI * bandwidthTimeProduct * (g[i] + frac * (g[i + 1] - g[i]));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("TYPE", "hyperbolic secant");
        meta.put("MODULATION", "adiabatic");
        meta.put("N", Integer.toString(n));
        meta.put("R", fmt(bandwidthTimeProduct));
        meta.put("BETA", fmt(truncationBeta));
        return PulseShape.normalised("HS" + n + "-R" + fmt(bandwidthTimeProduct), BUILT_IN, a, p, ones(samples),
                null, meta);
    }

    /** β with sech(β) = e: the truncation that leaves the fraction e of the peak amplitude at the ends. */
    public static double betaForEdgeAmplitude(double edgeFraction) {
        if (!(edgeFraction > 0 && edgeFraction < 1)) {
            throw new IllegalArgumentException("edge fraction must be in (0, 1)");
        }
        return Math.log((1 + Math.sqrt(1 - edgeFraction * edgeFraction)) / edgeFraction);
    }

    private static double sech2(double beta, int n, double s) {
        double c = Math.cosh(beta * Math.pow(s, n));
        return 1 / (c * c);
    }

    /** Normalised time of the midpoint of sample k of {@code samples}, in (−1, 1). */
    static double tau(int k, int samples) {
        return (2.0 * k + 1) / samples - 1;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static void requireSamples(int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("a shaped pulse needs at least 2 samples");
        }
    }

    /** Six significant digits, trailing zeros dropped: 15 → "15", 5.2982923 → "5.29829". */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
