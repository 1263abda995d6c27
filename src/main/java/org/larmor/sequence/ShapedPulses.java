package org.larmor.sequence;

import org.larmor.rf.PulseShape;

/**
 * Turns a normalised waveform into the engine's event: B1 of each sample from the calibrated peak B1, phases with
 * the pulse's own phase added, sample durations from the waveform's relative durations.
 */
public final class ShapedPulses {
    private ShapedPulses() {
    }

    /**
     * @param shape          normalised waveform
     * @param durationS      total duration, s
     * @param b1MaxHz        peak nutation rate γB1max/2π, Hz (from calibration)
     * @param phaseRad       overall phase added to every sample
     * @param carrierPpm     RF carrier frequency as a chemical shift
     * @param axis           −1 (non-selective) or 0, 1, 2
     * @param gradientHzPerM slice-selection gradient γG/2π, Hz/m
     */
    public static Event.ShapedPulse of(String label, PulseShape shape, double durationS, double b1MaxHz,
                                       double phaseRad, double carrierPpm, int axis, double gradientHzPerM) {
        int n = shape.sampleCount();
        double[] b1 = new double[n];
        double[] ph = new double[n];
        double[] dt = new double[n];
        double[] frac = shape.dwellFractions();
        for (int k = 0; k < n; k++) {
            b1[k] = b1MaxHz * shape.amplitude(k);
            ph[k] = shape.phaseRad(k) + phaseRad;
            dt[k] = durationS * frac[k];
        }
        return new Event.ShapedPulse(label, b1, ph, dt, carrierPpm, axis, gradientHzPerM);
    }
}
