package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Eddy currents of the localisation gradients: a time-dependent phase φ(t) = A·exp(−t/τ) of every signal (Klose U.
 * In vivo proton spectroscopy in presence of eddy currents. Magn Reson Med 1990;14:26-30).
 */
final class EddyCurrentTerm implements Term {
    private final Scenario.Lineshape ls;
    final int amplitude;
    final int timeConstant;

    EddyCurrentTerm(Scenario.Lineshape ls, Truth.Builder truth) {
        this.ls = ls;
        amplitude = truth.scalar("eddy_amplitude_rad");
        timeConstant = truth.scalar("eddy_time_constant_s");
    }

    @Override
    public String name() {
        return "eddy_current";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        row[amplitude] = ls.eddyAmplitudeRad().sample(rng);
        row[timeConstant] = ls.eddyTimeConstantS().sample(rng);
    }
}
