package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Spurious echoes and out-of-voxel signal of finite crushing: per metabolite m the component E_m (the basis
 * sequence simulated with {@code finite_crushers} minus the basis; org.larmor.sequence.FiniteCrushers), added as
 * s·c_m·E_m(t) with the metabolite's own damping and shift, s drawn per spectrum (1: as simulated). The amplitudes
 * follow from the crusher areas, the slice profiles and the tissue extent (Kreis R. NMR Biomed 2004;17:361-381 on
 * spurious echoes).
 */
final class SpuriousEchoTerm implements Term {
    private final Scenario.SpuriousEchoes spec;
    final int scale;

    SpuriousEchoTerm(Scenario.SpuriousEchoes spec, Truth.Builder truth) {
        this.spec = spec;
        scale = truth.scalar("spurious_echoes.scale");
    }

    @Override
    public String name() {
        return "spurious_echoes";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        row[scale] = spec.scale().sample(rng);
    }
}
