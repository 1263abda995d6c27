package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlReader;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dMRS signal models attenuate as their papers write, read their units, and refuse what they cannot model. */
class DiffusionModelTest {
    /** 1 s/mm² in s/m². */
    private static final double S_PER_MM2 = 1e6;
    /** 1 µm²/ms in m²/s. */
    private static final double UM2_PER_MS = 1e-9;

    private static DiffusionModel read(String yaml, double maxBSPerMm2) {
        YamlMap m = YamlReader.read("scenario.yaml", "diffusion:\n  NAA: " + yaml + "\n").asMap().map("diffusion")
                .map("NAA");
        return DiffusionModel.read(m, maxBSPerMm2 * S_PER_MM2);
    }

    private static InputException refused(String yaml, double maxBSPerMm2) {
        return assertThrows(InputException.class, () -> read(yaml, maxBSPerMm2));
    }

    private static DiffusionModel.MonoExponential mono(double dUm2PerMs) {
        return new DiffusionModel.MonoExponential(Distribution.fixed(dUm2PerMs * UM2_PER_MS));
    }

    private static double[] params(double... v) {
        return v;
    }

    /** ∫₀¹ exp(−x μ²) dμ by composite Simpson's rule on 200 000 intervals (error below 10⁻¹⁵ for x ≤ 50). */
    private static double simpsonPowderAverage(double x) {
        int n = 200_000;
        double h = 1.0 / n;
        double s = 1 + Math.exp(-x);
        for (int k = 1; k < n; k++) {
            double mu = k * h;
            s += (k % 2 == 1 ? 4 : 2) * Math.exp(-x * mu * mu);
        }
        return s * h / 3;
    }

    // ---------------------------------------------------------------------------------------------- mono

    @Test
    void monoExponentialIsOneAtBZeroAndExpMinusBDAtThousand() {
        DiffusionModel m = mono(0.15);
        double[] p = m.draw(new SplittableRandom(1), null);
        assertEquals(1.0, m.attenuation(p, 0), 0.0, "S(0)/S(0) = 1 exactly");
        // b·D = 1000 s/mm² × 0.15 µm²/ms = 10⁹ s/m² × 1.5·10⁻¹⁰ m²/s = 0.15; e^−0.15 = 0.860707976425057...
        assertEquals(0.8607079764250578, m.attenuation(p, 1000 * S_PER_MM2), 1e-15);
        assertEquals(Math.exp(-0.45), m.attenuation(p, 3000 * S_PER_MM2), 1e-15);
    }

    @Test
    void logLinearFitAtSmallBRecoversTheDiffusivity() {
        double d = 0.18 * UM2_PER_MS;
        DiffusionModel m = new DiffusionModel.MonoExponential(Distribution.fixed(d));
        double[] slopeAndIntercept = logLinearFit(m, params(d), 0, 200, 11);
        assertEquals(-d, slopeAndIntercept[0], 1e-9 * d, "slope of ln S against b is −D");
        assertEquals(0, slopeAndIntercept[1], 1e-13, "ln S(0) = 0");
    }

    @Test
    void sticksLookLikeAThirdOfTheirAxialDiffusivityAtSmallB() {
        // The powder average starts as exp(−b·D·⟨μ²⟩) with ⟨μ²⟩ = ∫₀¹ μ² dμ = 1/3.
        double d = 0.5 * UM2_PER_MS;
        DiffusionModel m = new DiffusionModel.Sticks(Distribution.fixed(d));
        double[] fit = logLinearFit(m, params(d), 0, 2, 11);
        assertEquals(-d / 3, fit[0], 1e-3 * d / 3);
    }

    /** Least-squares line through (b, ln S) for b from lo to hi s/mm² (n points); {slope per s/m², intercept}. */
    private static double[] logLinearFit(DiffusionModel m, double[] p, double loSPerMm2, double hiSPerMm2, int n) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            double b = (loSPerMm2 + (hiSPerMm2 - loSPerMm2) * k / (n - 1)) * S_PER_MM2;
            double y = Math.log(m.attenuation(p, b));
            sx += b;
            sy += y;
            sxx += b * b;
            sxy += b * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {slope, (sy - slope * sx) / n};
    }

    // ---------------------------------------------------------------------------------------------- kurtosis

    @Test
    void kurtosisWithZeroKIsMonoExponentialAndOtherwiseTheCumulantFormula() {
        DiffusionModel.Kurtosis k = new DiffusionModel.Kurtosis(Distribution.fixed(0.15 * UM2_PER_MS),
                Distribution.fixed(0));
        DiffusionModel mono = mono(0.15);
        double[] pk = k.draw(new SplittableRandom(1), null);
        double[] pm = mono.draw(new SplittableRandom(1), null);
        for (double b : new double[] {0, 100, 1000, 3000, 10_000, 50_000}) {
            assertEquals(mono.attenuation(pm, b * S_PER_MM2), k.attenuation(pk, b * S_PER_MM2), 0.0);
        }
        double[] p = params(0.15 * UM2_PER_MS, 1.2);
        assertEquals(1.0, k.attenuation(p, 0), 0.0);
        // b·D = 0.45 at 3000 s/mm²: exp(−0.45 + 0.45²·1.2/6) = exp(−0.4095).
        assertEquals(Math.exp(-0.4095), k.attenuation(p, 3000 * S_PER_MM2), 1e-15);
        assertEquals(0.6639821582314965, k.attenuation(p, 3000 * S_PER_MM2), 1e-15);
    }

    @Test
    void kurtosisSignalHasItsMinimumAtThreeOverDK() {
        DiffusionModel.Kurtosis k = new DiffusionModel.Kurtosis(Distribution.fixed(0), Distribution.fixed(0));
        double[] p = params(0.2 * UM2_PER_MS, 1.5);
        double limit = k.validUpTo(p);
        assertEquals(3 / (0.2 * UM2_PER_MS * 1.5), limit, 1e-6 * limit);
        assertEquals(10_000 * S_PER_MM2, limit, 1e-6 * limit, "3/(0.2 µm²/ms · 1.5) = 10 000 s/mm²");
        assertTrue(k.attenuation(p, 0.99 * limit) > k.attenuation(p, limit), "falls up to the limit");
        assertTrue(k.attenuation(p, 1.01 * limit) > k.attenuation(p, limit), "rises beyond it");
        assertEquals(Double.POSITIVE_INFINITY, k.validUpTo(params(0.2 * UM2_PER_MS, 0)));
        assertEquals(Double.POSITIVE_INFINITY, mono(0.2).validUpTo(params(0.2 * UM2_PER_MS)));
    }

    // ---------------------------------------------------------------------------------------------- sticks

    @Test
    void sticksEqualANumericalPowderAverageFromTinyToLargeBD() {
        DiffusionModel.Sticks s = new DiffusionModel.Sticks(Distribution.fixed(0));
        for (double bd : new double[] {1e-8, 1e-4, 0.05, 0.5, 0.999, 1.0, 1.001, 2, 5, 12, 30, 50}) {
            // D = 1 µm²/ms, b chosen so that b·D = bd.
            double d = UM2_PER_MS;
            double b = bd / d;
            assertEquals(simpsonPowderAverage(bd), s.attenuation(params(d), b), 1e-9, "b·D = " + bd);
        }
        assertEquals(1.0, s.attenuation(params(UM2_PER_MS), 0), 0.0, "S(0)/S(0) = 1 exactly");
        // Series branch at tiny b·D: 1 − x/3 + x²/10 to rounding.
        double x = 1e-8;
        assertEquals(1 - x / 3 + x * x / 10, DiffusionModel.Sticks.powderAverage(x), 1e-16);
    }

    @Test
    void sticksAttenuationIsContinuousWhereTheSeriesHandsOverToErf() {
        double x = DiffusionModel.Sticks.SERIES_BELOW;
        double below = DiffusionModel.Sticks.powderAverage(Math.nextDown(x));
        double at = DiffusionModel.Sticks.powderAverage(x);
        assertEquals(at, below, 1e-14);
        // √π/2 · erf(1) = 0.746824132812427..., the integral of exp(−μ²) over [0, 1].
        assertEquals(0.7468241328124270, at, 1e-15);
    }

    @Test
    void sticksDecayAsOneOverSquareRootOfBAtLargeB() {
        DiffusionModel.Sticks s = new DiffusionModel.Sticks(Distribution.fixed(0));
        double d = 0.5 * UM2_PER_MS;
        double[] p = params(d);
        double b1 = 100 / d;    // b·D = 100: erf(10) = 1 to double precision
        double b4 = 4 * b1;
        assertEquals(0.5, s.attenuation(p, b4) / s.attenuation(p, b1), 1e-12, "quadrupling b halves the signal");
        assertEquals(Math.sqrt(Math.PI / (4 * 100)), s.attenuation(p, b1), 1e-15);
        // Far slower than the mono-exponential decay with the same small-b ADC (D/3).
        assertTrue(s.attenuation(p, b1) > 1e5 * Math.exp(-100.0 / 3));
    }

    // ----------------------------------------------------------------------------------- drawing and truth

    @Test
    void parametersAreDrawnInSIAndReportedInMicrometreSquaredPerMillisecond() {
        DiffusionModel k = read("{model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: 0.8}", 3000);
        assertEquals("kurtosis", k.name());
        assertEquals(List.of("adc_um2_per_ms", "kurtosis"), k.parameterNames());
        assertEquals(2, k.parameterCount());
        double[] p = k.draw(new SplittableRandom(3), new double[2]);
        assertEquals(0.15e-9, p[0], 1e-24, "m²/s inside");
        assertEquals(0.8, p[1], 0.0);
        double[] truth = k.truthValues(p);
        assertEquals(0.15, truth[0], 1e-15, "µm²/ms in the truth table");
        assertEquals(0.8, truth[1], 0.0, "K is dimensionless");

        DiffusionModel s = read("{model: sticks, axial_diffusivity_um2_per_ms: {dist: uniform, min: 0.3, max: 0.6}}",
                50_000);
        assertEquals(List.of("axial_diffusivity_um2_per_ms"), s.parameterNames());
        assertEquals("sticks", s.name());
        SplittableRandom rng = new SplittableRandom(4);
        double[] into = new double[1];
        for (int i = 0; i < 1000; i++) {
            assertSame(into, s.draw(rng, into), "fills the caller's array");
            assertTrue(into[0] >= 0.3e-9 && into[0] <= 0.6e-9, "drawn in m²/s within the bounds: " + into[0]);
            double t = s.truthValues(into)[0];
            assertTrue(t >= 0.3 && t <= 0.6, "truth in µm²/ms: " + t);
        }
        assertEquals("mono_exponential", read("{model: mono_exponential, adc_um2_per_ms: 0.1}", 3000).name());
        assertEquals(List.of("adc_um2_per_ms"), read("{model: mono_exponential, adc_um2_per_ms: 0.1}", 3000)
                .parameterNames());
    }

    @Test
    void fixedParametersDrawNoRandomNumbers() {
        DiffusionModel m = read("{model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: {dist: uniform, min: 1, max: 1}}",
                3000);
        SplittableRandom used = new SplittableRandom(7);
        m.draw(used, null);
        assertEquals(new SplittableRandom(7).nextLong(), used.nextLong(), "the stream is untouched");
        DiffusionModel varying = read("{model: mono_exponential, adc_um2_per_ms: {dist: uniform, min: 0.1, max: 0.2}}",
                3000);
        SplittableRandom drawn = new SplittableRandom(7);
        varying.draw(drawn, null);
        assertTrue(new SplittableRandom(7).nextLong() != drawn.nextLong(), "a distribution draws");
        // Built in code, a constant distribution that is not a Fixed record draws nothing either.
        DiffusionModel built = new DiffusionModel.Kurtosis(new Distribution.Uniform(1e-10, 1e-10),
                new Distribution.Normal(1, 0, 0, 3));
        SplittableRandom untouched = new SplittableRandom(8);
        assertArrayEquals(new double[] {1e-10, 1}, built.draw(untouched, null), 0.0);
        assertEquals(new SplittableRandom(8).nextLong(), untouched.nextLong());
    }

    // ------------------------------------------------------------------------------------------------- read

    @Test
    void unknownOrMissingModelIsALocatedError() {
        InputException e = refused("{model: diffusion_tensor, adc_um2_per_ms: 0.15}", 3000);
        assertTrue(e.getMessage().startsWith("scenario.yaml:2:"), e.getMessage());
        assertEquals("diffusion.NAA.model", e.field());
        assertTrue(e.getMessage().contains("unknown diffusion model \"diffusion_tensor\"; known: mono_exponential,"
                + " kurtosis, sticks"), e.getMessage());
        e = refused("{adc_um2_per_ms: 0.15}", 3000);
        assertEquals("diffusion.NAA.model", e.field());
        assertTrue(e.getMessage().contains("missing required field"), e.getMessage());
    }

    @Test
    void missingAndForeignParametersAreNamed() {
        InputException e = refused("{model: kurtosis, adc_um2_per_ms: 0.15}", 3000);
        assertEquals("diffusion.NAA.kurtosis", e.field());
        assertTrue(e.getMessage().contains("missing required field: the apparent kurtosis"), e.getMessage());
        e = refused("{model: sticks}", 3000);
        assertEquals("diffusion.NAA.axial_diffusivity_um2_per_ms", e.field());
        assertTrue(e.getMessage().contains("in µm²/ms for the sticks model"), e.getMessage());
        e = refused("{model: mono_exponential, adc_um2_per_ms: 0.15, kurtosis: 1}", 3000);
        assertEquals("diffusion.NAA.kurtosis", e.field());
        assertTrue(e.getMessage().contains("unknown key; allowed here: adc_um2_per_ms, model"), e.getMessage());
        e = refused("{model: sticks, adc_um2_per_ms: 0.15}", 3000);
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void valuesOutsideTheirPhysicalRangeAreRefused() {
        InputException e = refused("{model: mono_exponential, adc_um2_per_ms: 5}", 3000);
        assertEquals("diffusion.NAA.adc_um2_per_ms", e.field());
        assertTrue(e.getMessage().contains("expected a value from 0.001 to 3.5 µm²/ms, got 5"), e.getMessage());
        e = refused("{model: sticks, axial_diffusivity_um2_per_ms: {dist: uniform, min: 0, max: 1}}", 3000);
        assertTrue(e.getMessage().contains("expected a value from 0.001 to 3.5 µm²/ms, got 0"), e.getMessage());
        e = refused("{model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: 4}", 100);
        assertTrue(e.getMessage().contains("expected a value from 0 to 3, got 4"), e.getMessage());
        e = refused("{model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: -0.5}", 100);
        assertTrue(e.getMessage().contains("got -0.5"), e.getMessage());
        e = refused("{model: mono_exponential, adc_um2_per_ms: {dist: normal, mean: 0.15, sd: 0.1}}", 3000);
        assertTrue(e.getMessage().contains("reaches outside the allowed range"), e.getMessage());
    }

    @Test
    void kurtosisIsRefusedWhereItsSignalWouldRiseWithinTheTable() {
        // D = 0.15 µm²/ms, K = 1: valid below 3/(0.15·10⁻⁹) s/m² = 20 000 s/mm².
        assertInstanceOf(DiffusionModel.Kurtosis.class, read("{model: kurtosis, adc_um2_per_ms: 0.15,"
                + " kurtosis: 1}", 19_999));
        InputException e = refused("{model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: 1}", 20_000);
        assertEquals("diffusion.NAA.kurtosis", e.field());
        assertTrue(e.getMessage().startsWith("scenario.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("b < 3/(D·K)") && e.getMessage().contains("with D up to 0.15 µm²/ms and"
                + " K up to 1 that is b < 20000 s/mm², but the gradient table reaches 20000 s/mm²"), e.getMessage());
        // The limit is set by the largest D·K a spectrum can draw: D up to 1 µm²/ms gives 3000 s/mm² (the
        // smallest D, 0.1, would allow 30 000).
        read("{model: kurtosis, adc_um2_per_ms: {dist: uniform, min: 0.1, max: 1}, kurtosis: 1}", 2999);
        e = refused("{model: kurtosis, adc_um2_per_ms: {dist: uniform, min: 0.1, max: 1},"
                + " kurtosis: {dist: uniform, min: 0.5, max: 1}}", 5000);
        assertTrue(e.getMessage().contains("D up to 1 µm²/ms and K up to 1 that is b < 3000 s/mm²"), e.getMessage());
        // K = 0 is Gaussian diffusion: valid at any b.
        read("{model: kurtosis, adc_um2_per_ms: 3, kurtosis: 0}", 100_000);
    }

    @Test
    void normalDistributionsAreBoundedAtSixSdForTheValidityCheck() {
        // D ~ N(0.5, 0.05²) µm²/ms is kept to [0.2, 0.8]; with K = 1 the limit is 3/(0.8·10⁻⁹) s/m² = 3750 s/mm².
        DiffusionModel.Kurtosis k = (DiffusionModel.Kurtosis) read("{model: kurtosis,"
                + " adc_um2_per_ms: {dist: normal, mean: 0.5, sd: 0.05}, kurtosis: 1}", 3000);
        Distribution.Normal d = assertInstanceOf(Distribution.Normal.class, k.adcM2PerS());
        assertEquals(0.8e-9, d.hi(), 1e-22);
        assertEquals(0.2e-9, d.lo(), 1e-22);
        assertEquals(3750 * S_PER_MM2, k.validUpTo(), 1e-3 * S_PER_MM2);
        InputException e = refused("{model: kurtosis, adc_um2_per_ms: {dist: normal, mean: 0.5, sd: 0.05},"
                + " kurtosis: 1}", 4000);
        assertTrue(e.getMessage().contains("D up to 0.8 µm²/ms"), e.getMessage());
        DiffusionModel.Kurtosis l = (DiffusionModel.Kurtosis) read("{model: kurtosis, adc_um2_per_ms: 0.1,"
                + " kurtosis: {dist: log_normal, median: 1, sigma: 0.1}}", 3000);
        Distribution.LogNormal kl = assertInstanceOf(Distribution.LogNormal.class, l.kurtosis());
        assertEquals(Math.exp(0.6), kl.hi(), 1e-12);
        SplittableRandom rng = new SplittableRandom(11);
        double[] p = new double[2];
        for (int i = 0; i < 10_000; i++) {
            k.draw(rng, p);
            assertTrue(p[0] >= 0.2e-9 && p[0] <= 0.8e-9, "draw " + p[0]);
        }
    }

    @Test
    void constantDistributionsAreReadAsFixed() {
        DiffusionModel.MonoExponential m = (DiffusionModel.MonoExponential) read("{model: mono_exponential,"
                + " adc_um2_per_ms: {dist: normal, mean: 0.2, sd: 0}}", 3000);
        assertInstanceOf(Distribution.Fixed.class, m.adcM2PerS());
        assertArrayEquals(new double[] {0.2}, m.truthValues(m.draw(new SplittableRandom(1), null)), 1e-15);
    }
}
