package org.larmor.synth;

import java.util.SplittableRandom;

/** Zero- and first-order phase: the spectrum is multiplied by exp(i·(φ0 + φ1·(δ − pivot))). */
final class PhaseTerm implements Term {
    private final Scenario.Phase phase;
    final int zeroOrder;
    final int firstOrder;

    PhaseTerm(Scenario.Phase phase, Truth.Builder truth) {
        this.phase = phase;
        zeroOrder = truth.scalar("phase0_deg");
        firstOrder = truth.scalar("phase1_deg_per_ppm");
    }

    @Override
    public String name() {
        return "phase";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        row[zeroOrder] = phase.zeroOrderDeg().sample(rng);
        row[firstOrder] = phase.firstOrderDegPerPpm().sample(rng);
    }
}
