package org.larmor.validate;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;
import org.larmor.signal.Spectrum;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison measures against analytic lines. */
class ComparisonMetricsTest {
    private static final double MHZ = 123.2;
    private static final double DWELL = 2.5e-4;
    private static final CompareOptions BASIS_MODE = CompareOptions.defaults().withSpectrumMode(false);

    @Test
    void theSpectrumBetweenBinsIsTheDftAtTheBins() {
        Fid f = ValidateFixtures.noisy(ValidateFixtures.lines(MHZ, 512, DWELL, 3, false, new double[] {2.0, 3.2},
                new double[] {3, 1}), 0.1, 7);
        Spectrum s = Spectrum.of(f, MHZ, 4.65);
        double[][] d = SpectrumSampler.atFrequencies(f, s.frequencyHz());
        for (int k = 0; k < s.points(); k++) {
            assertEquals(s.re()[k], d[0][k], 1e-12);
            assertEquals(s.im()[k], d[1][k], 1e-12);
        }
    }

    @Test
    void theChirpZTransformGivesTheDirectSumOnUniformGrids() {
        Fid f = ValidateFixtures.noisy(ValidateFixtures.lines(MHZ, 3000, DWELL, 3, false, new double[] {2.0, 3.2},
                new double[] {3, 1}), 0.1, 9);
        double first = -1234.567;
        double step = 0.3137;
        int count = 5000;
        double[][] fast = SpectrumSampler.atUniformFrequencies(f, first, step, count);
        double[] hz = new double[count];
        for (int j = 0; j < count; j++) {
            hz[j] = first + j * step;
        }
        double[][] direct = SpectrumSampler.atFrequencies(f, hz);
        double max = ComparisonMetrics.maxModulus(direct);
        for (int j = 0; j < count; j++) {
            assertEquals(direct[0][j], fast[0][j], 1e-10 * max);
            assertEquals(direct[1][j], fast[1][j], 1e-10 * max);
        }
    }

    /** FWHM of an analytic Lorentzian (4 Hz) and Gaussian (6 Hz) line, as a comparison measures them. */
    @Test
    void linewidthsOfAnalyticLorentzianAndGaussianLinesAreWithinOnePercent() {
        Fid lor = ValidateFixtures.lines(MHZ, 8192, DWELL, 4, false, new double[] {2.0}, new double[] {3});
        Fid gau = ValidateFixtures.lines(MHZ, 8192, DWELL, 6, true, new double[] {2.0}, new double[] {3});
        Comparison c = Comparison.of(ValidateFixtures.of("lorentzian", MHZ, "1H", Map.of("line", lor)),
                ValidateFixtures.of("gaussian", MHZ, "1H", Map.of("line", gau)), BASIS_MODE.withWindow(1, 3));
        MetaboliteComparison r = c.rows().get(0);
        assertEquals(4, r.fwhmAHz(), 0.01 * 4);
        assertEquals(6, r.fwhmBHz(), 0.01 * 6);
        assertEquals(2, r.linewidthDifferenceHz(), 0.1);
        assertEquals(0, r.offsetPpm(), 1e-6);
        assertEquals(2.0, r.peakPpmA(), 1e-4);
        // Same area (amplitude 3), different shapes: neither a correlation of 1 nor a zero residual.
        assertTrue(r.correlation() < 0.99 && r.residual() > 0.05, r.toString());
    }

    /**
     * A measured spectrum (two singlets in white noise) against the same signal with other noise, shifted by
     * 0.01 ppm: SNR as the MRSinMRS definition gives it (height A/(πL) over the spectral noise dwell·σ·√N), and
     * each peak found 0.01 ppm higher.
     */
    @Test
    void spectrumModeMeasuresSnrAndPeakPositions() {
        int n = 4096;
        double fwhm = 4;
        double height = 3 / (Math.PI * fwhm);
        double sigma = height / 50 / (DWELL * Math.sqrt(n));
        Fid clean = ValidateFixtures.lines(MHZ, n, DWELL, fwhm, false, new double[] {2.01, 3.03},
                new double[] {3, 3});
        Fid a = ValidateFixtures.noisy(clean, sigma, 1);
        Fid b = ValidateFixtures.noisy(ValidateFixtures.shift(clean, 0.01 * MHZ, 1), sigma, 2);
        Comparison c = Comparison.of(ValidateFixtures.of("synthetic", MHZ, "1H", Map.of("synth", a)),
                ValidateFixtures.of("measured", MHZ, "1H", Map.of("svs", b)), CompareOptions.defaults());
        assertTrue(c.spectrumMode(), "one signal each: spectrum mode");
        assertEquals(0.2, c.gridLowPpm(), 1e-9);
        assertEquals(4.2, c.gridHighPpm(), 1e-9);
        MetaboliteComparison r = c.rows().get(0);
        SpectrumChecks s = r.spectrum();
        assertEquals(50, s.snrA(), 50 * 0.15);
        assertEquals(50, s.snrB(), 50 * 0.15);
        assertEquals(sigma * DWELL * Math.sqrt(n), s.noiseSdA(), 0.1 * sigma * DWELL * Math.sqrt(n));
        assertEquals(2, s.peaks().size());
        assertEquals(3.03, s.peaks().get(0).ppmA(), 0.002);
        assertEquals(2.01, s.peaks().get(1).ppmA(), 0.002);
        for (SpectrumChecks.PeakPair p : s.peaks()) {
            assertEquals(0.01, p.differencePpm(), 0.002);
        }
        assertEquals(0.01, r.offsetPpm(), 0.001);
        assertEquals(1, r.amplitudeRatio(), 0.05);
        Tolerances pass = Tolerances.parse(Map.of("snr", "0.3", "peak_ppm", "0.02", "offset_ppm", "0.02"));
        assertTrue(c.violations(pass, false).isEmpty(), c.violations(pass, false).toString());
        Tolerances fail = Tolerances.parse(Map.of("peak_ppm", "0.005"));
        assertEquals(2, c.violations(fail, false).size(), c.violations(fail, false).toString());
    }

    @Test
    void aPeakMissingFromTheMeasuredSpectrumIsReportedAsMissing() {
        Fid two = ValidateFixtures.lines(MHZ, 2048, DWELL, 4, false, new double[] {2.01, 3.03}, new double[] {3, 3});
        Fid one = ValidateFixtures.lines(MHZ, 2048, DWELL, 4, false, new double[] {3.03}, new double[] {3});
        Comparison c = Comparison.of(ValidateFixtures.of("a", MHZ, "1H", Map.of("synth", ValidateFixtures.noisy(two,
                0.01, 3))), ValidateFixtures.of("b", MHZ, "1H", Map.of("svs", ValidateFixtures.noisy(one, 0.01, 4))),
                CompareOptions.defaults());
        var peaks = c.rows().get(0).spectrum().peaks();
        assertEquals(2, peaks.size());
        assertEquals(0, peaks.get(0).differencePpm(), 1e-3);
        assertTrue(Double.isNaN(peaks.get(1).ppmB()), "nothing at 2.01 ppm in B");
        assertEquals(List.of("main/synth: no peak in B within ±0.1 ppm of 2.010 ppm"),
                c.violations(Tolerances.parse(Map.of("peak_ppm", "0.01")), false));
    }

    @Test
    void tolerancesNameTheMetricAndBound() {
        LoadedSpectra a = ValidateFixtures.loaded(ValidateFixtures.press(), "press");
        Comparison c = Comparison.of(a, ValidateFixtures.shifted(a, 0.05, 2), CompareOptions.defaults());
        Tolerances t = Tolerances.parse(Map.of("offset_ppm", "0.01", "correlation", "0.999"));
        assertEquals(3, c.violations(t, false).size(), c.violations(t, false).toString());
        assertTrue(c.violations(t, false).get(0).contains("|offset| 0.05000 ppm > 0.01"));
        Tolerances ratio = Tolerances.parse(Map.of("ratio", "0.1"));
        assertEquals(3, c.violations(ratio, false).size());
        Comparison relative = Comparison.of(a, ValidateFixtures.shifted(a, 0.05, 2),
                CompareOptions.defaults().withRelativeAmplitudes(true));
        assertTrue(relative.violations(ratio, false).isEmpty(), "a global scale is ignored with relative amplitudes");
        assertTrue(relative.toText(ratio, false).contains("all within tolerance"));
    }

    @Test
    void unknownToleranceKeysAreInputErrors() {
        org.larmor.input.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.larmor.input.InputException.class, () -> Tolerances.parse(Map.of("offset", "1")));
        assertTrue(e.getMessage().contains("unknown metric \"offset\"") && e.getMessage().contains("offset_ppm"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.larmor.input.InputException.class,
                () -> Tolerances.parse(Map.of("ratio", "-1"))).getMessage().contains("≥ 0"));
    }
}
