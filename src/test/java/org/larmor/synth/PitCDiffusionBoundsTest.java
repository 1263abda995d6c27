package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.YamlReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A diffusion model's parameters get hard bounds: a normal or log-normal kept to ±6 SD (within the allowed
 * range), a distribution without spread turned into its fixed value; all in m²/s.
 */
class PitCDiffusionBoundsTest {
    private static Distribution adc(String value, double maxBSPerM2) {
        DiffusionModel m = DiffusionModel.read(YamlReader.read("s.yaml", "d: {model: mono_exponential,"
                + " adc_um2_per_ms: " + value + "}").asMap().map("d"), maxBSPerM2);
        return ((DiffusionModel.MonoExponential) m).adcM2PerS();
    }

    private static Distribution adc(String value) {
        return adc(value, 3e9);
    }

    @Test
    void normalAndLogNormalAreKeptToSixSd() {
        Distribution.Normal n = assertInstanceOf(Distribution.Normal.class, adc("{dist: normal, mean: 0.5, sd: 0.05}"));
        assertEquals(0.5e-9, n.mean(), 1e-24);
        assertEquals(0.05e-9, n.sd(), 1e-24);
        assertEquals(0.2e-9, n.lo(), 1e-24);
        assertEquals(0.8e-9, n.hi(), 1e-24);
        Distribution.LogNormal l = assertInstanceOf(Distribution.LogNormal.class,
                adc("{dist: log_normal, median: 0.5, sigma: 0.05}"));
        assertEquals(0.5e-9, l.median(), 1e-24);
        assertEquals(0.05, l.sigma());
        assertEquals(0.5e-9 * Math.exp(-0.3), l.lo(), 1e-24);
        assertEquals(0.5e-9 * Math.exp(0.3), l.hi(), 1e-24);
    }

    @Test
    void distributionsWithoutSpreadBecomeFixed() {
        assertEquals(0.5e-9, ((Distribution.Fixed) adc("{dist: normal, mean: 0.5, sd: 0}")).value(), 1e-24);
        assertEquals(0.5e-9, ((Distribution.Fixed) adc("{dist: log_normal, median: 0.5, sigma: 0}")).value(), 1e-24);
        assertEquals(0.7e-9, ((Distribution.Fixed) adc("{dist: uniform, min: 0.7, max: 0.7}")).value(), 1e-24);
        assertEquals(0.6e-9, ((Distribution.Fixed) adc("{dist: truncated_normal, mean: 0.5, sd: 0.1, min: 0.6,"
                + " max: 0.6}")).value(), 1e-24);
        assertEquals(0.4e-9, ((Distribution.Fixed) adc("0.4")).value(), 1e-24);
    }

    @Test
    void aTableOfOnlyZeroBValuesIsAcceptedAndMonoExponentialHoldsForAnyB() {
        DiffusionModel m = DiffusionModel.read(YamlReader.read("s.yaml", "d: {model: mono_exponential,"
                + " adc_um2_per_ms: 0.4}").asMap().map("d"), 0);
        assertEquals(Double.POSITIVE_INFINITY, m.validUpTo());
        assertEquals(Double.POSITIVE_INFINITY, m.validUpTo(new double[] {0.4e-9}));
    }
}
