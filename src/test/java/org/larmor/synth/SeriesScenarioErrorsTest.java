package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edited, fMRS and dMRS scenarios that cannot be made are refused, naming the file, line, field and the remedy. */
class SeriesScenarioErrorsTest {
    private static final String NAA = "concentrations_mm: {NAA: 10, Cr: 8}\n";
    private static final String DESIGN = "  design: {block: {first_onset_s: 4, on_s: 8, off_s: 8, blocks: 1}}\n";

    private static void assertRead(String yaml, String... parts) {
        InputException e = assertThrows(InputException.class, () -> SynthFixtures.scenario(yaml));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
    }

    private static void assertBuilt(String yaml, String... parts) {
        InputException e = assertThrows(InputException.class, () -> SynthFixtures.synthesiser(yaml));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void editingErrors() {
        assertRead(NAA + "editing: {conditions: [ON]}\n", "at least two conditions");
        assertRead(NAA + "editing: {conditions: [ON, on]}\n", "listed twice");
        assertRead(NAA + "edited_mm: {fwhm_ppm: 0.1, amplitude: 2}\n", "edited_mm needs an edited acquisition");
        assertRead(NAA + "editing: {combinations: {DIFF: {}}}\n", "has no weights");
        InputException e = assertThrows(InputException.class, () -> ScenarioReader.parse("t.yaml",
                "basis: {sequence: sequences/mega-press-te68-3t.yaml, condition: DIFF}\n" + NAA + "editing: {}\n",
                java.nio.file.Path.of("").toAbsolutePath(), java.util.List.of()));
        assertTrue(e.getMessage().contains("t.yaml:3") && e.getMessage().contains("remove basis.condition"),
                e.getMessage());
    }

    @Test
    void fmrsErrors() {
        assertRead(NAA + "fmrs:\n  dynamics: 8\n" + DESIGN, "repetition time", "repetition_time_s");
        assertRead(NAA + "repetition_time_s: 2\nfmrs:\n  dynamics: 8\n" + DESIGN
                + "  responses: {Lac: {change_percent: 10}}\n", "fmrs.responses", "\"Lac\" has no concentration");
        assertRead(NAA + "repetition_time_s: 2\nfmrs:\n  dynamics: 8\n" + DESIGN
                + "  responses: {NAA: {change_percent: 2000}}\n", "change_percent");
        assertRead(NAA + "repetition_time_s: 2\nfmrs:\n  dynamics: 1\n" + DESIGN, "dynamics");
        assertRead(NAA + "repetition_time_s: 2\ntransients: {averages: 2, repetition_time_s: 3}\n",
                "contradicts the scan's repetition_time_s");
        // A BOLD narrowing larger than the narrowest line's Lorentzian width would sharpen it beyond its own T2.
        assertBuilt(NAA + "repetition_time_s: 2\nmetabolite_lineshape: {lorentzian_hz: 0.2}\nfmrs:\n  dynamics: 8\n"
                + DESIGN + "  bold: {narrowing_hz: 0.5}\n", "fmrs.bold.narrowing_hz", "0.2 Hz");
        // The canonical response overshoots its plateau: a narrowing just below the line's width at a full
        // response still sharpens it beyond its T2 at the overshoot (a 40 s block: peak about 1.1).
        String longBlock = "  design: {block: {first_onset_s: 4, on_s: 40, off_s: 20, blocks: 1}}\n";
        assertBuilt(NAA + "repetition_time_s: 2\nmetabolite_lineshape: {lorentzian_hz: 0.2}\nfmrs:\n  dynamics: 40\n"
                + longBlock + "  bold: {narrowing_hz: 0.19}\n", "fmrs.bold.narrowing_hz", "peak of 1.");
        SynthFixtures.synthesiser(NAA + "repetition_time_s: 2\nmetabolite_lineshape: {lorentzian_hz: 0.2}\nfmrs:\n"
                + "  dynamics: 40\n" + longBlock + "  bold: {narrowing_hz: 0.15}\n");
        // A design longer than the series would never be sampled.
        assertBuilt(NAA + "repetition_time_s: 2\nfmrs:\n  dynamics: 4\n" + DESIGN, "fmrs.dynamics", "runs to 12",
                "ends at 8");
    }

    @Test
    void diffusionErrors() {
        String gradients = "  gradients: {b_values_s_per_mm2: [0, 1000]}\n";
        assertRead(NAA + "diffusion:\n" + gradients + "  models:\n    NAA: {model: mono_exponential,"
                + " adc_um2_per_ms: 0.15}\n", "metabolite \"Cr\" has no diffusion model", "default:");
        assertRead(NAA + "diffusion:\n" + gradients + "  models:\n    Lac: {model: sticks,"
                + " axial_diffusivity_um2_per_ms: 0.5}\n    default: {model: mono_exponential, adc_um2_per_ms: 0.1}\n",
                "diffusion.models", "\"Lac\" has no concentration");
        assertRead(NAA + "repetition_time_s: 2\nfmrs:\n  dynamics: 8\n" + DESIGN + "diffusion:\n" + gradients
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.1}\n", "either fmrs or diffusion");
        assertRead(NAA + "diffusion:\n" + gradients + "  models:\n    default: {model: mono_exponential,"
                + " adc_um2_per_ms: 0.1}\n  motion: {phase_sd_deg: 400}\n", "motion.phase_sd_deg");
    }

    @Test
    void waterReferenceRelaxationNeedsItsTimes() {
        assertBuilt(NAA + "water_reference: {t1_ms: 1300}\n", "water_reference.t1_ms", "TR");
        assertRead(NAA + "water_reference: {t1_ms: 0.1}\n", "t1_ms");
    }
}
