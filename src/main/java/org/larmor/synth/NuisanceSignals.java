package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * The synthesiser's macromolecule (and lipid) components and residual-water lines as plain functions, for a model
 * that places them itself (the MRSI synthesiser, per tissue and per voxel): the same draws, in the same order from
 * the stream given, and the same signal, bit for bit, as {@link Synthesiser} makes (docs/synthesiser.md, steps 2
 * and 4). Units: FID amplitude at t = 0 in the basis's units (mM·protons).
 */
public final class NuisanceSignals {
    private NuisanceSignals() {
    }

    /**
     * One draw of a component set: {scale, A_0, …, A_{K−1}} with A_k = scale·a_k·f_k (a_k the table amplitude, f_k
     * the per-component factor), as the {@code macromolecules} and {@code lipids} terms draw them.
     */
    public static double[] drawComponents(Scenario.ComponentSet set, SplittableRandom rng) {
        double[] out = new double[set.peaks().size() + 1];
        double s = set.scale().sample(rng);
        out[0] = s;
        for (int k = 0; k < set.peaks().size(); k++) {
            out[k + 1] = s * set.peaks().get(k).amplitude() * set.componentScale().sample(rng);
        }
        return out;
    }

    /**
     * Σ_k A_k·exp(−i·2π·(δ_k − ref)·f0·t)·exp(−(π·w_k·f0·t)²/(4 ln 2)) on n points: {re, im}.
     *
     * @param drawn {@link #drawComponents}'s values (scale first)
     */
    public static double[][] components(Scenario.ComponentSet set, double[] drawn, int n, double dwellS,
                                        double hzPerPpm, double referencePpm) {
        double[][] out = new double[2][n];
        double[] ur = new double[n];
        double[] ui = new double[n];
        for (int k = 0; k < set.peaks().size(); k++) {
            Peak p = set.peaks().get(k);
            Lines.clear(ur, ui, n);
            Lines.addLine(ur, ui, n, dwellS, 1, 0, (referencePpm - p.ppm()) * hzPerPpm, 0, p.fwhmPpm() * hzPerPpm);
            Lines.addScaled(out[0], out[1], ur, ui, drawn[k + 1], n);
        }
        return out;
    }

    /**
     * One draw of randomly placed lines: per line {amplitude, ppm, width (Hz), phase (degrees)}, as the
     * {@code residual_water} and {@code baseline} terms draw them.
     */
    public static double[][] drawLines(Scenario.RandomLines spec, SplittableRandom rng) {
        double[][] out = new double[spec.count()][4];
        for (int k = 0; k < spec.count(); k++) {
            out[k][0] = spec.amplitude().sample(rng);
            out[k][1] = spec.ppm().sample(rng);
            out[k][2] = spec.widthHz().sample(rng);
            out[k][3] = spec.phaseDeg().sample(rng);
        }
        return out;
    }

    /**
     * Residual water: Σ_k A_k·exp(iθ_k)·exp(−i·2π·(δ_k − ref)·f0·t)·exp(−π·L_k·t) on n points, {re, im}.
     *
     * @param lines {@link #drawLines}'s values
     */
    public static double[][] residualWater(double[][] lines, int n, double dwellS, double hzPerPpm,
                                           double referencePpm) {
        double[][] out = new double[2][n];
        double[][] scratch = Lines.modulationScratch(n);
        for (double[] l : lines) {
            double ph = Math.toRadians(l[3]);
            Lines.modulateAdd(out[0], out[1], null, null, n, dwellS, l[0] * Math.cos(ph), l[0] * Math.sin(ph),
                    (referencePpm - l[1]) * hzPerPpm, l[2], scratch);
        }
        return out;
    }
}
