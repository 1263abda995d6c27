package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Randomly placed lines: residual water (Lorentzian lines near 4.65 ppm of random amplitude, position and phase) or
 * a smooth baseline (broad Gaussian lines, FWHM of hundreds of Hz).
 */
final class LinesTerm implements Term {
    private final String name;
    final Scenario.RandomLines spec;
    final boolean lorentzian;
    final int amplitude;
    final int ppm;
    final int width;
    final int phase;

    /** @param name "residual_water" (Lorentzian) or "baseline" (Gaussian) */
    LinesTerm(String name, Scenario.RandomLines spec, Truth.Builder truth) {
        this.name = name;
        this.spec = spec;
        lorentzian = name.equals("residual_water");
        int count = spec.count();
        amplitude = truth.array(name + "_amplitude", count);
        ppm = truth.array(name + "_ppm", count);
        width = truth.array(name + (lorentzian ? "_lorentzian_hz" : "_fwhm_hz"), count);
        phase = truth.array(name + "_phase_deg", count);
    }

    @Override
    public String name() {
        return name;
    }

    int count() {
        return spec.count();
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double[][] drawn = NuisanceSignals.drawLines(spec, rng);
        for (int k = 0; k < spec.count(); k++) {
            row[amplitude + k] = drawn[k][0];
            row[ppm + k] = drawn[k][1];
            row[width + k] = drawn[k][2];
            row[phase + k] = drawn[k][3];
        }
    }
}
