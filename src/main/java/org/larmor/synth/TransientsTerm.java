package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Shot-to-shot instability: shot s (acquired at s·TR) is multiplied by a_s·exp(iθ_s)·exp(−i·2π·Δf_s·t), with a
 * linear frequency drift plus a random walk, phase jitter, and motion that corrupts a shot's amplitude, phase and
 * frequency with some probability.
 */
final class TransientsTerm implements Term {
    private final Scenario.Transients tr;
    private final Layout layout;
    final int drift;
    final int walk;
    final int jitter;
    final int motionProbability;
    final int shift;
    final int phase;
    final int amplitude;
    final int motion;

    TransientsTerm(Scenario.Transients tr, Layout layout, Truth.Builder truth) {
        this.tr = tr;
        this.layout = layout;
        drift = truth.scalar("drift_hz_per_s");
        walk = truth.scalar("random_walk_hz");
        jitter = truth.scalar("phase_jitter_deg");
        motionProbability = truth.scalar("motion_probability");
        int shots = layout.shots();
        shift = truth.array("transient_shift_hz", shots);
        phase = truth.array("transient_phase_deg", shots);
        amplitude = truth.array("transient_amplitude", shots);
        motion = truth.array("transient_motion", shots);
    }

    @Override
    public String name() {
        return "transients";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double d = tr.driftHzPerS().sample(rng);
        double w = tr.randomWalkHz().sample(rng);
        double j0 = tr.phaseJitterDeg().sample(rng);
        double p = tr.motionProbability().sample(rng);
        row[drift] = d;
        row[walk] = w;
        row[jitter] = j0;
        row[motionProbability] = p;
        double walked = 0;
        for (int s = 0; s < layout.shots(); s++) {
            if (s > 0 && w > 0) {
                walked += w * rng.nextGaussian();
            }
            double f = d * layout.shotTimeS(s) + walked;
            double ph = j0 > 0 ? j0 * rng.nextGaussian() : 0;
            double a = 1;
            boolean moved = p > 0 && rng.nextDouble() < p;
            if (moved) {
                a = tr.motionAmplitude().sample(rng);
                ph += tr.motionPhaseDeg().sample(rng);
                f += tr.motionShiftHz().sample(rng);
            }
            row[shift + s] = f;
            row[phase + s] = ph;
            row[amplitude + s] = a;
            row[motion + s] = moved ? 1 : 0;
        }
    }
}
