package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every term draws from its own stream: adding or removing a term leaves every other term's draws unchanged. */
class TermStreamsTest {
    private static final String BASE = """
            concentrations_mm:
              NAA: {dist: uniform, min: 8, max: 14}
              Cr: {dist: uniform, min: 4, max: 9}
            metabolite_lineshape:
              lorentzian_hz: {dist: uniform, min: 0.5, max: 3}
            lineshape:
              gaussian_hz: {dist: uniform, min: 2, max: 6}
              shift_hz: {dist: normal, mean: 0, sd: 2}
            phase:
              zero_order_deg: {dist: uniform, min: -180, max: 180}
            noise:
              snr: {dist: uniform, min: 20, max: 80}
            transients:
              averages: 4
              phase_jitter_deg: 5
            """;
    private static final String BASELINE = """
            baseline:
              components: 3
              amplitude: {dist: uniform, min: 0, max: 40}
            """;
    private static final String MM = """
            macromolecules:
              model: birch-3t
              scale: {dist: uniform, min: 10, max: 30}
            """;

    @Test
    void removingOrAddingATermLeavesTheOtherTermsDrawsUnchanged() {
        Synthesiser with = SynthFixtures.synthesiser(BASE + BASELINE);
        Synthesiser without = SynthFixtures.synthesiser(BASE);
        Synthesiser more = SynthFixtures.synthesiser(BASE + BASELINE + MM);
        assertTrue(with.termNames().contains("baseline"));
        assertTrue(!without.termNames().contains("baseline"));
        List<String> shared = without.schema().columns();
        for (int i = 0; i < 10; i++) {
            Sample a = with.generate(11, i, true, false);
            Sample b = without.generate(11, i, true, false);
            Sample c = more.generate(11, i, true, false);
            for (String col : shared) {
                double va = valueOf(a, col);
                assertEquals(valueOf(b, col), va, 0, col + " of spectrum " + i);
                assertEquals(valueOf(c, col), va, 0, col + " of spectrum " + i + " with MM added");
            }
            assertEquals(valueOf(a, "baseline_amplitude[1]"), valueOf(c, "baseline_amplitude[1]"), 0);
            // The noise deviates are the noise term's own too: the same noise with or without a baseline.
            assertEquals(a.component("noise").re()[100], b.component("noise").re()[100], 0);
        }
        // and the streams of different spectra differ
        assertNotEquals(valueOf(with.generate(11, 0, false, false), "NAA.concentration_mm"),
                valueOf(with.generate(11, 1, false, false), "NAA.concentration_mm"));
    }

    private static double valueOf(Sample s, String column) {
        return s.truth()[s.schema().columns().indexOf(column)];
    }

    @Test
    void theTruthSchemaIsDeclaredNotInferredFromADraw() {
        Synthesiser s = SynthFixtures.synthesiser(BASE + BASELINE);
        // Every array column has the length the scenario implies, and the row is exactly the schema's width.
        assertEquals(4, s.schema().length("transient_phase_deg"));
        assertEquals(3, s.schema().length("baseline_ppm"));
        assertEquals(s.schema().width(), s.generate(1, 0, false, false).truth().length);
        assertEquals(s.schema().width(), s.schema().columns().size());
    }
}
