package org.larmor.rf;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A normalised RF waveform: per sample a relative amplitude (peak exactly 1), a phase in radians, a relative
 * duration weight and, for gradient-modulated pulses (GOIA), a relative gradient. The shape carries no absolute
 * scale: a duration (s) and a peak B1 (Hz, γB1/2π) turn it into a pulse; see {@link BlochSimulator} and
 * {@link PulseAnalysis}.
 *
 * <p>Sample k lasts {@code durationS · dwellFractions()[k]}; amplitude and phase are constant over it
 * (piecewise-constant waveform, as a scanner's RF amplifier plays it).
 *
 * <p>The arrays are copied in and out; a shape is immutable.
 *
 * @param name           pulse name (from the file's header, or the file name)
 * @param source         where it came from: a file path, or {@code "built-in"}
 * @param amplitude      relative amplitude per sample, 0 … 1, with peak exactly 1 (≥ 1 sample)
 * @param phaseRad       phase per sample (rad); the RF field of sample k points along (cos φ_k, sin φ_k) in the
 *                       rotating frame
 * @param durationWeight relative duration of each sample, ≥ 0, positive sum (all 1 when the format gives none)
 * @param gradient       relative slice gradient per sample (peak |g| = 1), or null for a constant gradient
 * @param metadata       header fields as read from the file (key → value text), in file order
 */
public record PulseShape(String name, String source, double[] amplitude, double[] phaseRad, double[] durationWeight,
                         double[] gradient, Map<String, String> metadata) {
    /** Tolerance (rad) within which a phase counts as 0 or π in {@link #isAmplitudeModulatedOnly()}. */
    public static final double BINARY_PHASE_TOLERANCE_RAD = 1e-4;

    public PulseShape {
        if (name == null || source == null) {
            throw new IllegalArgumentException("name and source are required");
        }
        int n = amplitude.length;
        if (n == 0) {
            throw new IllegalArgumentException("a pulse shape needs at least one sample");
        }
        if (phaseRad.length != n || durationWeight.length != n || (gradient != null && gradient.length != n)) {
            throw new IllegalArgumentException("amplitude, phase, duration weight and gradient differ in length");
        }
        amplitude = amplitude.clone();
        phaseRad = phaseRad.clone();
        durationWeight = durationWeight.clone();
        gradient = gradient == null ? null : gradient.clone();
        double peak = 0;
        double weightSum = 0;
        for (int k = 0; k < n; k++) {
            if (!(amplitude[k] >= 0 && amplitude[k] <= 1 + 1e-9) || !Double.isFinite(phaseRad[k])) {
                throw new IllegalArgumentException("sample " + k + ": amplitude must be in [0, 1] and phase finite");
            }
            if (!(durationWeight[k] >= 0) || Double.isInfinite(durationWeight[k])) {
                throw new IllegalArgumentException("sample " + k + ": duration weight must be ≥ 0");
            }
            if (gradient != null && !Double.isFinite(gradient[k])) {
                throw new IllegalArgumentException("sample " + k + ": gradient must be finite");
            }
            peak = Math.max(peak, amplitude[k]);
            weightSum += durationWeight[k];
        }
        if (Math.abs(peak - 1) > 1e-9) {
            throw new IllegalArgumentException("amplitudes must be normalised to a peak of 1, got " + peak);
        }
        if (!(weightSum > 0)) {
            throw new IllegalArgumentException("duration weights must have a positive sum");
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    /**
     * A shape from signed or unsigned amplitudes (any scale) and phases, uniform sample durations, no gradient.
     * Negative amplitudes become positive with the phase advanced by π; the result is normalised to a peak of 1.
     */
    public static PulseShape of(String name, String source, double[] amplitude, double[] phaseRad) {
        double[] w = new double[amplitude.length];
        Arrays.fill(w, 1.0);
        return normalised(name, source, amplitude, phaseRad, w, null, Map.of());
    }

    /**
     * As {@link #of}, with duration weights, gradient (any scale, normalised to peak |g| = 1; null for none) and
     * metadata.
     */
    public static PulseShape normalised(String name, String source, double[] amplitude, double[] phaseRad,
                                        double[] durationWeight, double[] gradient, Map<String, String> metadata) {
        int n = amplitude.length;
        if (phaseRad.length != n) {
            throw new IllegalArgumentException("amplitude and phase differ in length");
        }
        double[] a = new double[n];
        double[] p = new double[n];
        double peak = 0;
        for (int k = 0; k < n; k++) {
            a[k] = Math.abs(amplitude[k]);
            p[k] = amplitude[k] < 0 ? phaseRad[k] + Math.PI : phaseRad[k];
            peak = Math.max(peak, a[k]);
        }
        if (!(peak > 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("all amplitudes are zero (or not finite)");
        }
        for (int k = 0; k < n; k++) {
            a[k] /= peak;
        }
        a[indexOfMax(a)] = 1.0;
        double[] g = null;
        if (gradient != null) {
            double gPeak = 0;
            for (double v : gradient) {
                gPeak = Math.max(gPeak, Math.abs(v));
            }
            if (!(gPeak > 0)) {
                throw new IllegalArgumentException("the gradient waveform is zero throughout");
            }
            g = new double[n];
            for (int k = 0; k < n; k++) {
                g[k] = gradient[k] / gPeak;
            }
        }
        return new PulseShape(name, source, a, p, durationWeight, g, metadata);
    }

    private static int indexOfMax(double[] a) {
        int best = 0;
        for (int k = 1; k < a.length; k++) {
            if (a[k] > a[best]) {
                best = k;
            }
        }
        return best;
    }

    public int sampleCount() {
        return amplitude.length;
    }

    @Override
    public double[] amplitude() {
        return amplitude.clone();
    }

    @Override
    public double[] phaseRad() {
        return phaseRad.clone();
    }

    @Override
    public double[] durationWeight() {
        return durationWeight.clone();
    }

    /** Relative gradient per sample (peak |g| = 1), or null when the shape has no gradient waveform. */
    @Override
    public double[] gradient() {
        return gradient == null ? null : gradient.clone();
    }

    public double amplitude(int k) {
        return amplitude[k];
    }

    public double phaseRad(int k) {
        return phaseRad[k];
    }

    public boolean hasGradient() {
        return gradient != null;
    }

    /** Fraction of the total duration taken by each sample; the fractions sum to 1. */
    public double[] dwellFractions() {
        double sum = 0;
        for (double w : durationWeight) {
            sum += w;
        }
        double[] f = new double[durationWeight.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = durationWeight[k] / sum;
        }
        return f;
    }

    /**
     * The amplitude integral over normalised time, |Σ_k a_k·exp(iφ_k)·f_k| (f_k the dwell fractions): 1 for a
     * rectangular pulse. For an amplitude-modulated pulse (phases φ0 and φ0 + π only) the on-resonance rotation is
     * about one fixed axis, and the flip angle is exactly θ = 2π·B1max·T·(this integral) — the basis of the
     * Siemens AMPINT and Bruker SHAPE_INTEGFAC calibrations.
     */
    public double amplitudeIntegral() {
        double[] f = dwellFractions();
        double re = 0;
        double im = 0;
        for (int k = 0; k < f.length; k++) {
            re += amplitude[k] * Math.cos(phaseRad[k]) * f[k];
            im += amplitude[k] * Math.sin(phaseRad[k]) * f[k];
        }
        return Math.hypot(re, im);
    }

    /**
     * Σ_k a_k·f_k: 1 for a rectangular pulse. Bounds the on-resonance flip of any phase modulation from above
     * (θ ≤ 2π·B1max·T·(this integral)), so it gives the lowest B1 worth searching.
     */
    public double absoluteIntegral() {
        double[] f = dwellFractions();
        double s = 0;
        for (int k = 0; k < f.length; k++) {
            s += amplitude[k] * f[k];
        }
        return s;
    }

    /** Σ_k a_k²·f_k: the RF energy relative to a rectangular pulse of the same peak and duration (SAR scaling). */
    public double powerIntegral() {
        double[] f = dwellFractions();
        double s = 0;
        for (int k = 0; k < f.length; k++) {
            s += amplitude[k] * amplitude[k] * f[k];
        }
        return s;
    }

    /**
     * True when every sample with non-zero amplitude has the phase φ0 or φ0 + π (within
     * {@link #BINARY_PHASE_TOLERANCE_RAD}), φ0 being the phase of the first such sample: a real, signed waveform
     * on a fixed axis (phase 0/π in the files). Zero-amplitude samples are ignored.
     */
    public boolean isAmplitudeModulatedOnly() {
        double phi0 = Double.NaN;
        for (int k = 0; k < amplitude.length; k++) {
            if (amplitude[k] == 0) {
                continue;
            }
            if (Double.isNaN(phi0)) {
                phi0 = phaseRad[k];
                continue;
            }
            double d = Math.IEEEremainder(phaseRad[k] - phi0, Math.PI);
            if (Math.abs(d) > BINARY_PHASE_TOLERANCE_RAD) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PulseShape s && s.name.equals(name) && s.source.equals(source)
                && Arrays.equals(s.amplitude, amplitude) && Arrays.equals(s.phaseRad, phaseRad)
                && Arrays.equals(s.durationWeight, durationWeight) && Arrays.equals(s.gradient, gradient)
                && s.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(amplitude) * 31 + Arrays.hashCode(phaseRad) + name.hashCode();
    }

    @Override
    public String toString() {
        return "PulseShape[" + name + ", " + amplitude.length + " samples" + (gradient != null ? ", gradient" : "")
                + ", from " + source + "]";
    }
}
