package org.larmor.signal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The metrics, the spectrum's axis and the transform on small hand-made inputs whose answers are worked out by
 * hand: a parabola's vertex, piecewise-linear half-height crossings, a straight baseline plus a residual pattern
 * orthogonal to it, a four-point FID.
 */
class SpectralMetricsExactTest {
    /** 101 points at f = 2·(k − 50) Hz; hzPerPpm 1 and reference 0 make ppm = −f exactly. */
    static Spectrum spectrum(double[] re) {
        double[] f = new double[re.length];
        for (int k = 0; k < re.length; k++) {
            f[k] = 2.0 * (k - 50);
        }
        return new Spectrum(re, new double[re.length], f, 1, 0);
    }

    @Test
    void peakPositionIsTheVertexOfTheParabolaThroughTheMaximumAndItsNeighbours() {
        double f0 = 3.3;
        double[] re = new double[101];
        for (int k = 0; k < re.length; k++) {
            double f = 2.0 * (k - 50);
            re[k] = 10 - 0.01 * (f - f0) * (f - f0);
        }
        Spectrum s = spectrum(re);
        assertEquals(-f0, SpectralMetrics.peakPositionPpm(s, -20, 20), 1e-12, "vertex at +3.3 Hz = −3.3 ppm");
        assertEquals(52, SpectralMetrics.peakIndex(s, -20, 20), "largest sample at f = 4 Hz");
    }

    @Test
    void peakIndexStaysInsideTheWindowAndTakesTheFirstOfEqualMaxima() {
        double[] re = new double[101];
        re[46] = 5; // f = −8 Hz, ppm 8
        re[48] = 5; // ppm 4
        re[53] = 9; // ppm −6: just outside a window ending at −4 ppm
        re[45] = 9; // ppm 10: just outside the window [−4, 8] ppm on the other side
        Spectrum s = spectrum(re);
        assertEquals(46, SpectralMetrics.peakIndex(s, -4, 8));
        assertEquals(5, SpectralMetrics.peakHeight(s, -4, 8), 0);
    }

    @Test
    void indexRangeIncludesPointsExactlyOnTheWindowEdges() {
        Spectrum s = spectrum(new double[101]);
        assertArrayEquals(new int[] {48, 53}, s.indexRange(-4, 4), "ppm 4, 2, 0, −2, −4");
        assertArrayEquals(new int[] {48, 53}, s.indexRange(4, -4), "either order");
        assertArrayEquals(new int[] {50, 51}, s.indexRange(0, 0));
        assertEquals(2.0, s.resolutionHz(), 0);
    }

    @Test
    void fwhmInterpolatesLinearlyBetweenTheSamplesAroundHalfHeight() {
        double[] re = new double[101];
        // f = −6, −4, −2, 0, 2, 4, 6 Hz around the peak at 0 Hz; half height 5.
        double[] v = {0, 2, 6, 10, 7, 3, 0};
        System.arraycopy(v, 0, re, 47, v.length);
        Spectrum s = spectrum(re);
        // Left: between (−4 Hz, 2) and (−2 Hz, 6) at −4 + 2·3/4 = −2.5 Hz; right: between (2 Hz, 7) and (4 Hz, 3)
        // at 2 + 2·2/4 = 3 Hz.
        assertEquals(5.5, SpectralMetrics.fwhmHz(s, -20, 20), 1e-12);
    }

    @Test
    void areaIsTheSumTimesTheSpacing() {
        double[] re = new double[101];
        re[49] = 1;
        re[50] = 2;
        re[51] = 4;
        re[60] = 100; // outside [−2, 2] ppm
        assertEquals(2 * 7, SpectralMetrics.area(spectrum(re), -2, 2), 1e-12);
    }

    @Test
    void noiseSdRemovesTheStraightLineAndDividesByNMinusTwo() {
        double[] re = new double[101];
        // Window [−38, 40] ppm: k = 30 … 69, 40 points. Residual pattern +1, −1, −1, +1 per four points sums to
        // zero and is orthogonal to the index, so the least-squares line is exactly 5 + 0.3·x and the residuals are
        // exactly the pattern: Σ r² = 40, SD = √(40/38).
        int[] pattern = {1, -1, -1, 1};
        for (int k = 0; k < re.length; k++) {
            re[k] = 1000; // outside the window: must not count
        }
        for (int j = 0; j < 40; j++) {
            re[30 + j] = 5 + 0.3 * j + pattern[j % 4];
        }
        Spectrum s = spectrum(re);
        assertArrayEquals(new int[] {30, 70}, s.indexRange(-38, 40));
        assertEquals(Math.sqrt(40.0 / 38), SpectralMetrics.noiseSd(s, -38, 40), 1e-12);
        assertEquals(re[s.indexRange(-38, 40)[0] + 39] / Math.sqrt(40.0 / 38),
                SpectralMetrics.snr(s, 40, -38, -38, 40), 1e-9, "largest value in the window over the SD");
    }

    @Test
    void spectrumOfAFourPointFidByHand() {
        // x = (4, 1, 0, 0), dwell 0.5 s; first point halved: (2, 1, 0, 0); X_k = 2 + exp(−iπk/2):
        // X_0 = 3, X_1 = 2 − i, X_2 = 1, X_3 = 2 + i; ascending frequency −1, −0.5, 0, 0.5 Hz is bins 2, 3, 0, 1.
        Spectrum s = Spectrum.of(new Fid(new double[] {4, 1, 0, 0}, new double[4], 0.5), 1, 0);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5}, s.frequencyHz(), 1e-15);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 1}, s.re(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 0, -0.5}, s.im(), 1e-15);
    }

    @Test
    void binFrequenciesAboveHalfAreNegative() {
        assertEquals(0.4, Fourier.binFrequencyHz(2, 5, 1), 1e-15, "odd N: bin 2 of 5 is positive");
        assertEquals(-0.4, Fourier.binFrequencyHz(3, 5, 1), 1e-15);
        assertEquals(-0.5, Fourier.binFrequencyHz(2, 4, 1), 1e-15, "even N: the Nyquist bin counts as negative");
        assertEquals(0.25, Fourier.binFrequencyHz(1, 4, 1), 1e-15);
        assertEquals(0, Fourier.forward(new double[0], new double[0])[0].length, "empty in, empty out");
    }

    @Test
    void edgesOfTheSpectrumAreHandledWithoutLeavingIt() {
        double[] re = new double[101];
        re[0] = 3; // the largest value on the first point (ppm 100): no neighbour on the left, no refinement
        re[1] = 1;
        Spectrum s = spectrum(re);
        assertArrayEquals(new int[] {0, 6}, s.indexRange(90, 100), "a window that starts at the first point");
        assertEquals(100, SpectralMetrics.peakPositionPpm(s, 90, 100), 0);
        double[] last = new double[101];
        last[100] = 3;
        last[99] = 1;
        assertEquals(-100, SpectralMetrics.peakPositionPpm(spectrum(last), -100, -90), 0);
        // A peak that has not fallen to half height at the edge has no FWHM.
        assertThrows(IllegalArgumentException.class, () -> SpectralMetrics.fwhmHz(s, 90, 100));
        assertThrows(IllegalArgumentException.class, () -> SpectralMetrics.fwhmHz(spectrum(last), -100, -90));
    }

    @Test
    void noiseWindowNeedsEightPoints() {
        double[] re = new double[101];
        for (int k = 0; k < re.length; k++) {
            re[k] = k % 2;
        }
        Spectrum s = spectrum(re);
        // ppm 0 … −14: 8 points, accepted; ppm 0 … −12: 7 points, refused.
        assertEquals(8, s.indexRange(-14, 0)[1] - s.indexRange(-14, 0)[0]);
        SpectralMetrics.noiseSd(s, -14, 0);
        assertThrows(IllegalArgumentException.class, () -> SpectralMetrics.noiseSd(s, -12, 0));
    }

    @Test
    void spectrumOfAnOddLengthFidByHand() {
        // x = (2, 1, 0), dwell 1 s; halved first point: (1, 1, 0); X_k = 1 + exp(−2πik/3).
        // Ascending frequency −1/3, 0, +1/3 Hz is bins 2, 0, 1.
        Spectrum s = Spectrum.of(new Fid(new double[] {2, 1, 0}, new double[3], 1), 1, 0);
        double c = Math.cos(2 * Math.PI / 3);
        double sn = Math.sin(2 * Math.PI / 3);
        assertArrayEquals(new double[] {-1.0 / 3, 0, 1.0 / 3}, s.frequencyHz(), 1e-15);
        assertArrayEquals(new double[] {1 + c, 2, 1 + c}, s.re(), 1e-15);
        assertArrayEquals(new double[] {sn, 0, -sn}, s.im(), 1e-15);
    }

    @Test
    void directTransformOfComplexInputByHand() {
        // N = 3 goes through the direct sum. x = (0, i, 0): X_k = i·exp(−2πik/3) = sin(2πk/3) + i·cos(2πk/3);
        // x = (1, 0, 0) + (0, 0, i) adds 1 + i·exp(−4πik/3).
        double[][] a = Fourier.forward(new double[] {0, 0, 0}, new double[] {0, 1, 0});
        double[][] b = Fourier.forward(new double[] {1, 0, 0}, new double[] {0, 0, 1});
        for (int k = 0; k < 3; k++) {
            double w = 2 * Math.PI * k / 3;
            assertEquals(Math.sin(w), a[0][k], 1e-15, "Re X_" + k);
            assertEquals(Math.cos(w), a[1][k], 1e-15, "Im X_" + k);
            assertEquals(1 + Math.sin(2 * w), b[0][k], 1e-15, "Re X_" + k);
            assertEquals(Math.cos(2 * w), b[1][k], 1e-15, "Im X_" + k);
        }
    }

    @Test
    void aSampleExactlyAtHalfHeightIsTheCrossing() {
        // A triangle sampled at its half-height points: f = −4, −2, 0, 2, 4 Hz carry 0, 5, 10, 5, 0, so the
        // crossings are the samples at ±2 Hz and the FWHM is 4 Hz with nothing to interpolate.
        double[] re = new double[101];
        System.arraycopy(new double[] {0, 5, 10, 5, 0}, 0, re, 48, 5);
        assertEquals(4, SpectralMetrics.fwhmHz(spectrum(re), -20, 20), 1e-12);
        // Shoulders that stay at half height for a second sample: walking out from the maximum, the first sample
        // at half height is the crossing (f = ±2 Hz), not the outer end of the shoulder.
        double[] shoulders = new double[101];
        System.arraycopy(new double[] {0, 5, 5, 10, 5, 5, 0}, 0, shoulders, 47, 7);
        assertEquals(4, SpectralMetrics.fwhmHz(spectrum(shoulders), -20, 20), 1e-12);
    }

    @Test
    void zeroOrderPhaseOfTheFidRotatesTheSpectrumByTheSameAngle() {
        // S is linear in the FID, so e^{iφ}·x has the spectrum e^{iφ}·S(x), first point included; checked on a
        // complex FID for a power-of-two (FFT) and an odd (direct sum) length.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double phi = 0.9;
        double c = Math.cos(phi);
        double sn = Math.sin(phi);
        for (int n : new int[] {8, 7}) {
            double[] re = new double[n];
            double[] im = new double[n];
            double[] rr = new double[n];
            double[] ri = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = rng.nextGaussian();
                im[k] = rng.nextGaussian();
                rr[k] = c * re[k] - sn * im[k];
                ri[k] = sn * re[k] + c * im[k];
            }
            Spectrum s = Spectrum.of(new Fid(re, im, 1e-3), 100, 0);
            Spectrum r = Spectrum.of(new Fid(rr, ri, 1e-3), 100, 0);
            for (int k = 0; k < n; k++) {
                assertEquals(c * s.re()[k] - sn * s.im()[k], r.re()[k], 1e-14, "Re at " + k + " of " + n);
                assertEquals(sn * s.re()[k] + c * s.im()[k], r.im()[k], 1e-14, "Im at " + k + " of " + n);
            }
        }
    }

    @Test
    void zeroFillingCannotShorten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spectrum.of(Fid.zeros(16, 1e-3), 100, 0, 8));
        assertEquals("zero-filling cannot shorten: 8 < 16", e.getMessage());
    }
}
