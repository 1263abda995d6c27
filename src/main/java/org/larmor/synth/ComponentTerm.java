package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Broad parametrised components (macromolecules or lipids): a scale s drawn per spectrum and, per component k of
 * relative amplitude a_k, a factor f_k, giving Σ_k s·a_k·f_k·g_k(t) with g_k a unit Gaussian line
 * ({@link ComponentTables}).
 */
final class ComponentTerm implements Term {
    private final String name;
    final Scenario.ComponentSet set;
    final int scale;
    final int amplitude;

    /**
     * @param name     "macromolecules" or "lipids"
     * @param scaleKey truth name of the scale ("mm_scale", "lipid_scale")
     * @param prefix   truth prefix of the components ("mm.", "lipid.")
     */
    ComponentTerm(String name, Scenario.ComponentSet set, String scaleKey, String prefix, Truth.Builder truth) {
        this.name = name;
        this.set = set;
        scale = truth.scalar(scaleKey);
        int first = -1;
        for (Peak p : set.peaks()) {
            int o = truth.scalar(prefix + p.name() + "_amplitude");
            first = first < 0 ? o : first;
        }
        amplitude = first;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double[] drawn = NuisanceSignals.drawComponents(set, rng);
        row[scale] = drawn[0];
        System.arraycopy(drawn, 1, row, amplitude, set.peaks().size());
    }
}
