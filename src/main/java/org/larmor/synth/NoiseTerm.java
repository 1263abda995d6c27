package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * Complex white Gaussian noise on every averaged sub-spectrum, of one SD σ: given, or set from a target SNR of
 * the reference singlet in the reference sub-spectrum (OFF, or the one named; docs/metrics.md), so that a
 * difference of two sub-spectra has √2·σ, as on a scanner. The deviates come from this term's stream after its
 * draws; the per-transient noise from a second stream ({@link Synthesiser}).
 */
final class NoiseTerm implements Term {
    private final Scenario.Noise noise;
    final int snrTarget;
    final int referenceHeight;
    final int sd;
    final int sdTransient;

    NoiseTerm(Scenario.Noise noise, boolean transients, Truth.Builder truth) {
        this.noise = noise;
        snrTarget = noise != null && noise.snr() != null ? truth.scalar("snr_target") : -1;
        referenceHeight = truth.scalar("reference_height");
        sd = truth.scalar("noise_sd");
        sdTransient = transients ? truth.scalar("noise_sd_transient") : -1;
    }

    @Override
    public String name() {
        return "noise";
    }

    /** Draws the target SNR into its column; a given SD goes straight to noise_sd (made final by the signal). */
    @Override
    public void draw(SplittableRandom rng, double[] row) {
        row[sd] = 0;
        if (noise == null) {
            return;
        }
        if (noise.snr() != null) {
            row[snrTarget] = noise.snr().sample(rng);
        } else {
            row[sd] = noise.sd().sample(rng);
        }
    }

    /** The SD of the averaged noise for a reference height h: h/(SNR·dwell·√(n − ¾)) (docs/metrics.md). */
    double sigma(double[] row, double height, double dwell, int n) {
        if (snrTarget < 0) {
            return row[sd];
        }
        return height > 0 ? height / (row[snrTarget] * dwell * Math.sqrt(n - 0.75)) : 0;
    }
}
