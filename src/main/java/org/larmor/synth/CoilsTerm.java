package org.larmor.synth;

import java.util.SplittableRandom;

/** Receive coils: complex sensitivities S_c and noise of relative SD σ_c, correlated with coefficient ρ. */
final class CoilsTerm implements Term {
    private final Scenario.Coils cs;
    final int correlation;
    final int magnitude;
    final int phase;
    final int sd;

    CoilsTerm(Scenario.Coils cs, Truth.Builder truth) {
        this.cs = cs;
        correlation = truth.scalar("coil_noise_correlation");
        magnitude = truth.array("coil_sensitivity_magnitude", cs.count());
        phase = truth.array("coil_sensitivity_phase_deg", cs.count());
        sd = truth.array("coil_noise_sd", cs.count());
    }

    @Override
    public String name() {
        return "coils";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        row[correlation] = cs.noiseCorrelation().sample(rng);
        for (int q = 0; q < cs.count(); q++) {
            row[magnitude + q] = cs.sensitivityMagnitude().sample(rng);
            row[phase + q] = cs.sensitivityPhaseDeg().sample(rng);
            row[sd + q] = cs.noiseSd().sample(rng);
        }
    }
}
