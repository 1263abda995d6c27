package org.larmor.realism;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.signal.Spectrum;
import org.larmor.spin.Nucleus;
import org.larmor.validate.PpmWindow;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each feature of {@link FeatureExtractor} against analytic spectra: Lorentzians of known width, place and phase. */
class FeatureExtractorTest {
    static final int N = 2048;
    static final double DWELL = 2.5e-4;
    static final double MHZ = 123.2;
    static final double REF = Nucleus.H1.ppmConvention().defaultReceiverPpm();

    static final FeatureExtractor NAA = new FeatureExtractor(FeatureSettings.defaults1H(ReferencePeak.named("NAA",
            null)).withNoise(new PpmWindow(-10, -1)));

    /** Adds A·e^{iφ}·exp(−i2π(δ − ref)f0·t)·exp(−πLt) (the on-disk sign convention) to re, im. */
    static void line(double[] re, double[] im, double amplitude, double ppm, double fwhmHz, double phaseDeg) {
        double w = -2 * Math.PI * (ppm - REF) * MHZ;
        double phi = Math.toRadians(phaseDeg);
        for (int k = 0; k < N; k++) {
            double t = k * DWELL;
            double env = amplitude * Math.exp(-Math.PI * fwhmHz * t);
            re[k] += env * Math.cos(w * t + phi);
            im[k] += env * Math.sin(w * t + phi);
        }
    }

    static void noise(double[] re, double[] im, double sd, long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < N; k++) {
            re[k] += sd * r.nextGaussian();
            im[k] += sd * r.nextGaussian();
        }
    }

    static SpectrumFeatures measure(double[] re, double[] im) {
        return NAA.measure("test", new Fid(re, im, DWELL), MHZ, REF);
    }

    @Test
    void lorentzianGivesItsWidthPositionAndPhase() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.03, 6.0, 30);
        noise(re, im, 1e-9, 1); // a noise SD for the SNR; far too small to move anything
        SpectrumFeatures f = measure(re, im);
        assertFalse(f.isRefused(), f.refusal());
        assertEquals(6.0, f.value(Feature.LINEWIDTH), 0.01 * 6.0, "FWHM within 1 %");
        assertEquals((2.03 - 2.008) * MHZ, f.value(Feature.OFFSET), 0.01, "offset in Hz");
        assertEquals(30, f.value(Feature.PHASE), 0.01, "zero-order phase in degrees");
        assertEquals(1 / (Math.PI * 6.0), f.peakHeight(), 1e-3 / (Math.PI * 6.0), "height A/(πL)");
    }

    @Test
    void snrIsPeakHeightOverTheNoiseSdOfTheSpectrum() {
        double[] re = new double[N];
        double[] im = new double[N];
        double height = 1 / (Math.PI * 6.0);
        double target = 40;
        // Spectral noise SD of the real part: σ·dwell·√(N − 3/4) (docs/metrics.md, first point halved).
        double sigma = height / (target * DWELL * Math.sqrt(N - 0.75));
        line(re, im, 1, 2.008, 6.0, -70);
        noise(re, im, sigma, 7);
        SpectrumFeatures f = measure(re, im);
        assertEquals(sigma * DWELL * Math.sqrt(N - 0.75), f.noiseSd(), 0.08 * f.noiseSd());
        assertEquals(target, f.value(Feature.SNR), 0.1 * target);
        assertEquals(-70, f.value(Feature.PHASE), 6, "phase found through the noise (SD about 2°)");
        assertEquals(6.0, f.value(Feature.LINEWIDTH), 1.0);
    }

    @Test
    void zeroOrderPhaseChangesOnlyThePhaseFeature() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.01, 5.0, 0);
        line(re, im, 3, REF, 15.0, 0);   // residual water
        line(re, im, 20, 2.6, 300.0, 0); // a broad baseline hump
        noise(re, im, 2e-4, 3);
        SpectrumFeatures a = measure(re, im);
        double c = Math.cos(Math.toRadians(120));
        double s = Math.sin(Math.toRadians(120));
        double[] r2 = new double[N];
        double[] i2 = new double[N];
        for (int k = 0; k < N; k++) {
            r2[k] = re[k] * c - im[k] * s;
            i2[k] = re[k] * s + im[k] * c;
        }
        SpectrumFeatures b = measure(r2, i2);
        for (Feature f : Feature.values()) {
            if (f == Feature.PHASE) {
                assertEquals(a.value(f) + 120, b.value(f), 1e-6);
            } else {
                assertEquals(a.value(f), b.value(f), 1e-6 * Math.max(1, Math.abs(a.value(f))), f.key());
            }
        }
    }

    @Test
    void residualWaterIsTwentyLogOfItsRmsMagnitudeOverThePeak() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.008, 6.0, 0);
        noise(re, im, 1e-9, 2);
        SpectrumFeatures dry = measure(re, im);
        assertTrue(dry.value(Feature.RESIDUAL_WATER) < -20, "a NAA line's tail alone: " + dry.value(
                Feature.RESIDUAL_WATER));
        double[] r1 = re.clone();
        double[] i1 = im.clone();
        line(r1, i1, 50, REF, 12.0, 40);
        double[] r2 = re.clone();
        double[] i2 = im.clone();
        line(r2, i2, 500, REF, 12.0, 40);
        SpectrumFeatures f1 = measure(r1, i1);
        SpectrumFeatures f2 = measure(r2, i2);
        double w1 = f1.value(Feature.RESIDUAL_WATER);
        assertEquals(20 + 20 * Math.log10(f1.peakHeight() / f2.peakHeight()), f2.value(Feature.RESIDUAL_WATER) - w1,
                0.2, "ten times the water is 20 dB more, less the change of h (its tail is under the peak)");
        assertEquals(0, f2.value(Feature.PHASE), 1, "the water's dispersion tail does not tilt the peak's phase");
        // Direct: 20·log10(RMS|S| over 4.4–5.0 ppm / h) of the water line's own spectrum.
        double[] wr = new double[N];
        double[] wi = new double[N];
        line(wr, wi, 50, REF, 12.0, 40);
        Spectrum ws = Spectrum.of(new Fid(wr, wi, DWELL), MHZ, REF);
        double expected = 20 * Math.log10(FeatureExtractor.rmsMagnitude(ws, new PpmWindow(4.4, 5.0))
                / measure(r1, i1).peakHeight());
        assertEquals(expected, w1, 0.1);
    }

    @Test
    void baselineIsTheRmsOfTheSmoothPartOverThePeak() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.008, 6.0, 0);
        noise(re, im, 1e-9, 4);
        double clean = measure(re, im).value(Feature.BASELINE);
        double[] br = new double[N];
        double[] bi = new double[N];
        line(br, bi, 10, 2.6, 300.0, 0);
        for (int k = 0; k < N; k++) {
            re[k] += br[k];
            im[k] += bi[k];
        }
        SpectrumFeatures f = measure(re, im);
        Spectrum bs = Spectrum.of(new Fid(br, bi, DWELL), MHZ, REF);
        int[] r = bs.indexRange(0.2, 4.2);
        double ss = 0;
        for (int k = r[0]; k < r[1]; k++) {
            ss += bs.re()[k] * bs.re()[k];
        }
        double expected = 20 * Math.log10(Math.sqrt(ss / (r[1] - r[0])) / f.peakHeight());
        assertEquals(expected, f.value(Feature.BASELINE), 0.5, "the running median passes the broad hump");
        assertTrue(clean < expected - 15, "a lone narrow line has little smooth part: " + clean);
    }

    @Test
    void theBandIsNormalisedToThePeakAndAlignedOnIt() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.05, 6.0, 45);
        noise(re, im, 1e-9, 9);
        SpectrumFeatures f = measure(re, im);
        double[] ppm = NAA.bandPpm();
        int at = (int) Math.round((2.008 - ppm[0]) / NAA.settings().bandStepPpm());
        int unaligned = (int) Math.round((2.05 - ppm[0]) / NAA.settings().bandStepPpm());
        assertEquals(1, f.band()[at], 0.02, "aligned: the peak, height 1, at its expected shift");
        FeatureExtractor plain = new FeatureExtractor(NAA.settings().withBandAligned(false));
        SpectrumFeatures g = plain.measure("test", new Fid(re, im, DWELL), MHZ, REF);
        assertEquals(1, g.band()[unaligned], 0.02, "unaligned: where it is");
        assertTrue(g.band()[at] < 0.5);
    }

    @Test
    void noiseAloneHasNoNaaPeak() {
        double[] re = new double[N];
        double[] im = new double[N];
        noise(re, im, 1e-3, 5);
        SpectrumFeatures f = measure(re, im);
        assertTrue(f.isRefused());
        assertTrue(f.refusal().startsWith("no NAA peak"), f.refusal());
        assertTrue(Double.isNaN(f.value(Feature.SNR)));
    }

    @Test
    void aWaterTailIsNotAnNaaPeak() {
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1000, REF, 20.0, 0);
        noise(re, im, 1e-3, 6);
        SpectrumFeatures f = measure(re, im);
        assertTrue(f.isRefused());
        assertTrue(f.refusal().startsWith("no NAA peak"), f.refusal());
    }

    @Test
    void aPeakBelowTheThresholdIsRefused() {
        double[] re = new double[N];
        double[] im = new double[N];
        double height = 1 / (Math.PI * 6.0);
        line(re, im, 1, 2.008, 6.0, 0);
        noise(re, im, height / (1.5 * DWELL * Math.sqrt(N - 0.75)), 8); // SNR 1.5
        SpectrumFeatures f = measure(re, im);
        assertTrue(f.isRefused());
        assertTrue(f.refusal().contains("below the threshold 5"), f.refusal());
    }

    @Test
    void aWindowOutsideTheSpectralWidthIsABadInput() {
        FeatureExtractor fx = new FeatureExtractor(FeatureSettings.defaults1H(ReferencePeak.named("NAA", null))
                .withNoise(new PpmWindow(-40, -30)));
        double[] re = new double[N];
        double[] im = new double[N];
        line(re, im, 1, 2.008, 6.0, 0);
        InputException e = assertThrows(InputException.class, () -> fx.measure("x.nii", new Fid(re, im, DWELL),
                MHZ, REF));
        assertTrue(e.getMessage().startsWith("x.nii: the noise window"), e.getMessage());
    }

    @Test
    void referencesAreNamedOrGivenInPpm() {
        assertEquals(3.027, ReferencePeak.named("tCr", null).expectedPpm());
        assertEquals(3.027, ReferencePeak.named("Cr", null).expectedPpm());
        assertEquals(REF, ReferencePeak.named("water", null).expectedPpm());
        ReferencePeak p = ReferencePeak.named("1.33", "1.2,1.45");
        assertEquals(1.2, p.lowPpm());
        assertThrows(InputException.class, () -> ReferencePeak.named("Lac?", null));
        assertThrows(InputException.class, () -> ReferencePeak.named("NAA", "2.5,3.0"));
    }
}
