package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void threadCountDoesNotChangeAByteOfAnFmrsOrADmrsDataset(@TempDir Path tmp) throws IOException {
        String fmrs = BASE + """
                repetition_time_s: 2
                fmrs:
                  dynamics: 12
                  design: {block: {first_onset_s: 4, on_s: 8, off_s: 8, blocks: 1}}
                  responses: {NAA: {change_percent: {dist: uniform, min: 2, max: 6}, time_constant_s: 5}}
                  bold: {narrowing_hz: 0.3}
                """;
        String dmrs = BASE + """
                diffusion:
                  gradients: {b_values_s_per_mm2: [0, 1000, 4000], directions: [[1, 0, 0], [0, 1, 0]]}
                  models:
                    default: {model: mono_exponential, adc_um2_per_ms: {dist: uniform, min: 0.1, max: 0.2}}
                  motion: {phase_sd_deg: 20, amplitude_loss: 0.3}
                  eddy_current: {amplitude_x_rad: 0.2, time_constant_ms: 10}
                """;
        for (String yaml : List.of(fmrs, dmrs)) {
            Synthesiser s = SynthFixtures.synthesiser(yaml);
            Path one = tmp.resolve("one" + yaml.length());
            Path two = tmp.resolve("two" + yaml.length());
            Dataset.write(s, one, new Dataset.Options(9, 4, 2, 1, true, true, false, false, false), "x", null);
            Dataset.write(s, two, new Dataset.Options(9, 4, 2, 2, true, true, false, false, false), "x", null);
            try (var files = Files.list(one)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.equals("manifest.json") && !name.equals("run.json")) {
                        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(two.resolve(name)), name);
                    }
                }
            }
        }
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
