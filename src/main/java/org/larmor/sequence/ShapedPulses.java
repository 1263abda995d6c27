package org.larmor.sequence;

import java.util.List;

/**
 * Turns a normalised waveform into the engine's event: B1 of each sample from the calibrated peak B1, phases with
 * the pulse's own phase added, sample durations from the waveform's relative durations.
 *
 * <p>A multi-band pulse (HERMES and HERCULES editing) is the single-band waveform modulated to each band and summed,
 * B1(t) = B1max·a(t)·Σ_j exp(i·2π·(δ_j − δ_c)·f0·(t − T/2)), played at the carrier δ_c (the bands' mean), with the
 * modulation's phase zero at the pulse centre. Each band then gets the single-band flip angle, as long as the bands
 * are further apart than the pulse's bandwidth (Saleh MG et al., NeuroImage 2016;142:576-582).
 */
public final class ShapedPulses {
    private ShapedPulses() {
    }

    /**
     * A single-band pulse from a waveform, for code that builds events directly (tests, the Java API).
     *
     * @param durationS total duration, s
     * @param b1MaxHz   peak nutation rate γB1max/2π, Hz
     * @param phaseRad  overall phase added to every sample
     */
    public static Event.ShapedPulse of(String label, org.larmor.rf.PulseShape shape, double durationS, double b1MaxHz,
                                       double phaseRad, double carrierPpm, int axis, double gradientHzPerM) {
        PulseSpec spec = new PulseSpec(Double.NaN, phaseRad, shape, durationS, b1MaxHz, Double.NaN, "waveform",
                java.util.Map.of());
        return of(label, spec, carrierPpm, List.of(), Double.NaN, axis, gradientHzPerM, null);
    }

    /**
     * @param spec           the pulse: waveform, duration, peak B1, overall phase
     * @param carrierPpm     RF carrier frequency as a chemical shift
     * @param bandsPpm       two or more bands to modulate to, or empty
     * @param hzPerPpm       f0·10⁻⁶ (used with bands)
     * @param axis           −1 (non-selective) or 0, 1, 2
     * @param gradientHzPerM slice-selection gradient γG/2π, Hz/m
     */
    static Event.ShapedPulse of(String label, PulseSpec spec, double carrierPpm, List<Double> bandsPpm,
                                double hzPerPpm, int axis, double gradientHzPerM, Event.Origin origin) {
        var shape = spec.shape();
        int n = shape.sampleCount();
        double[] b1 = new double[n];
        double[] ph = new double[n];
        double[] dt = new double[n];
        double[] frac = shape.dwellFractions();
        double t = 0;
        for (int k = 0; k < n; k++) {
            b1[k] = spec.b1MaxHz() * shape.amplitude(k);
            ph[k] = shape.phaseRad(k) + spec.phaseRad();
            dt[k] = spec.durationS() * frac[k];
            if (!bandsPpm.isEmpty()) {
                double tc = t + dt[k] / 2 - spec.durationS() / 2;
                double re = 0;
                double im = 0;
                for (double band : bandsPpm) {
                    double phi = 2 * Math.PI * (band - carrierPpm) * hzPerPpm * tc;
                    re += Math.cos(phi);
                    im += Math.sin(phi);
                }
                b1[k] *= Math.hypot(re, im);
                ph[k] += Math.atan2(im, re);
            }
            t += dt[k];
        }
        return new Event.ShapedPulse(label, b1, ph, dt, carrierPpm, axis, gradientHzPerM, origin);
    }
}
