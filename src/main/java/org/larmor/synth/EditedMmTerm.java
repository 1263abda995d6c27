package org.larmor.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The co-edited macromolecule signal at 3.0 ppm: the MM resonance at 1.7 ppm is close enough to GABA's 1.9 ppm
 * editing pulse to be inverted by it, and the 3.0 ppm MM signal coupled to it appears in the difference spectrum
 * ("GABA+"; Henry PG et al., Magn Reson Med 2001;45:517-520; modelled as one Gaussian as in Osprey, Oeltzschner G
 * et al., J Neurosci Methods 2020;343:108827). Condition c gets amplitude a·w_c.
 */
final class EditedMmTerm implements Term {
    final Scenario.EditedMm spec;
    final double[] weights;
    final int amplitude;
    final int perCondition;

    EditedMmTerm(Scenario.EditedMm spec, List<String> conditions, Truth.Builder truth) {
        this.spec = spec;
        weights = new double[conditions.size()];
        spec.conditions().forEach((name, w) -> {
            int c = -1;
            for (int k = 0; k < conditions.size(); k++) {
                if (conditions.get(k).equalsIgnoreCase(name)) {
                    c = k;
                }
            }
            if (c < 0) {
                throw org.larmor.input.InputException.of("edited_mm.conditions", "condition \"" + name
                        + "\" is not acquired; the conditions are " + conditions);
            }
            weights[c] = w;
        });
        amplitude = truth.scalar("edited_mm.amplitude");
        perCondition = truth.array("edited_mm.condition_amplitude", conditions.size());
    }

    @Override
    public String name() {
        return "edited_mm";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double a = spec.amplitude().sample(rng);
        row[amplitude] = a;
        for (int c = 0; c < weights.length; c++) {
            row[perCondition + c] = a * weights[c];
        }
    }
}
