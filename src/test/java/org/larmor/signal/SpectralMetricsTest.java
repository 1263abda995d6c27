package org.larmor.signal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Metrics on analytic lines: FWHM of Lorentzian and Gaussian lines, positions, areas, SNR with known noise. */
class SpectralMetricsTest {
    static final double HZ_PER_PPM = 123.2;
    static final double DWELL = 2.5e-4;

    static Fid line(double ppm, double amplitude, double lorentzHz, double gaussHz, int points) {
        LineList l = new LineList(new double[] {(4.65 - ppm) * HZ_PER_PPM}, new double[] {amplitude},
                new double[] {0});
        return l.toFid(points, DWELL, lorentzHz, gaussHz);
    }

    @Test
    void fwhmOfAnalyticLorentzianAndGaussianLinesIsWithinOnePercent() {
        for (double w : new double[] {2, 5, 12}) {
            Spectrum lor = Spectrum.of(line(2.01, 1, w, 0, 8192), HZ_PER_PPM, 4.65, 65536);
            assertEquals(w, SpectralMetrics.fwhmHz(lor, 1.8, 2.2), 0.01 * w, "Lorentzian " + w + " Hz");
            Spectrum gau = Spectrum.of(line(2.01, 1, 0, w, 8192), HZ_PER_PPM, 4.65, 65536);
            assertEquals(w, SpectralMetrics.fwhmHz(gau, 1.8, 2.2), 0.01 * w, "Gaussian " + w + " Hz");
        }
    }

    @Test
    void lorentzianHeightAreaAndPositionMatchTheContinuousTransform() {
        double lw = 4;
        Spectrum s = Spectrum.of(line(3.027, 3, lw, 0, 16384), HZ_PER_PPM, 4.65, 65536);
        assertEquals(3.027, SpectralMetrics.peakPositionPpm(s, 2.9, 3.1), 1e-4);
        assertEquals(3 / (Math.PI * lw), SpectralMetrics.peakHeight(s, 2.9, 3.1), 0.002 * 3 / (Math.PI * lw));
        // Whole-spectrum area of a causal line is half its first point; a ±100 Hz window holds (2/π)·atan(100/HWHM) of it.
        assertEquals(1.5, SpectralMetrics.area(s, -20, 30), 1e-6);
        assertEquals(1.5 * (2 / Math.PI) * Math.atan(100 / (lw / 2)), SpectralMetrics.area(s, 3.027 - 100.0 / HZ_PER_PPM,
                3.027 + 100.0 / HZ_PER_PPM), 1e-3);
    }

    @Test
    void snrOfALineInKnownNoise() {
        int n = 4096;
        Fid clean = line(2.01, 3, 3, 0, n);
        double sigmaTime = 0.02;
        SplittableRandom rng = new SplittableRandom(7);
        double[] re = clean.re().clone();
        double[] im = clean.im().clone();
        for (int k = 0; k < n; k++) {
            re[k] += sigmaTime * rng.nextGaussian();
            im[k] += sigmaTime * rng.nextGaussian();
        }
        Spectrum s = Spectrum.of(new Fid(re, im, DWELL), HZ_PER_PPM, 4.65);
        // Each spectral point is dwell·Σ x_m·e^{…}: a sum of N complex terms whose parts have SD σ, so its real part
        // has SD dwell·σ·√N (the first point's half weight changes this by < 1/N).
        double expectedNoise = DWELL * sigmaTime * Math.sqrt(n);
        double noise = SpectralMetrics.noiseSd(s, -2, 0);
        assertEquals(expectedNoise, noise, 0.08 * expectedNoise, "noise SD");
        Spectrum cleanSpec = Spectrum.of(clean, HZ_PER_PPM, 4.65);
        double height = SpectralMetrics.peakHeight(cleanSpec, 1.9, 2.1);
        assertEquals(height / expectedNoise, SpectralMetrics.snr(s, 1.9, 2.1, -2, 0), 0.1 * height / expectedNoise);
    }
}
