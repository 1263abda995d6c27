package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad edited, series and event-list sequences are refused with the file, line and field of the mistake. */
class EditedSequenceErrorsTest {
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";
    static final String EVENTS = "events:\n  - pulse: {flip_deg: 90}\n"
            + "  - pulse: {flip_deg: 180, band: {center_ppm: $edit_ppm, width_hz: 60}}\n  - acquire: {}\n";

    static InputException error(String yaml, int line, String field, String... phrases) {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("bad.yaml", yaml));
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yaml:" + line + ":"), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void aConditionSettingAnUndeclaredParameterIsRefusedAtThatKey() {
        error("template: events\nb0_t: 2.89\nparameters: {edit_ppm: 1.9}\nconditions:\n  ON: {edit_ppm: 1.9}\n"
                + "  OFF: {edit_pmm: 7.5}\n" + EVENTS + ACQ, 6, "conditions.OFF.edit_pmm", "edit_pmm",
                "not declared", "declared: edit_ppm");
    }

    @Test
    void aCombinationNamingAnUnknownConditionIsRefusedInEventListsAndEditedTemplates() {
        error("template: events\nb0_t: 2.89\nparameters: {edit_ppm: 1.9}\nconditions:\n  ON: {edit_ppm: 1.9}\n"
                + "  OFF: {edit_ppm: 7.5}\ncombinations:\n  DIFF: {ON: 1, OF: -1}\n" + EVENTS + ACQ, 8,
                "combinations.DIFF.OF", "\"OF\"", "conditions: ON, OFF");
        error("template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\ncombinations:\n  DIFF: {ON: 1, OF: -1}\n"
                + ACQ, 7, "combinations.DIFF.OF", "conditions: ON, OFF");
        error("template: hermes\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 63\nediting: {bandwidth_hz: 60}\ncombinations:\n"
                + "  GABA: {A: 1, B: 1, C: -1, E: -1}\n" + ACQ, 7, "combinations.GABA.E", "conditions: A, B, C, D");
    }

    @Test
    void aShapedEditingPulseOverlappingARefocusingPulseIsRefusedAtItsTimes() {
        // 20 ms Gaussian centred at 35 ms runs to 45 ms; the second refocusing pulse is at TE1 + TE2/2 = 42.5 ms.
        error("template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, shape: gaussian,\n  duration_ms: 20, times_ms: [35, 57]}\n"
                + ACQ, 6, "editing.times_ms", "overlaps", "2.5 ms");
    }

    @Test
    void aSeriesValueThatMakesTeImpossibleIsNamedInTheError() {
        // A 5 ms refocusing pulse needs TE2/2 ≥ 2.5 ms: TE2 = 4 ms is 0.5 ms too short.
        String press = "template: press\nb0_t: 2.89\nte1_ms: 20\nte2_ms: 20\n"
                + "refocusing: {shape: sinc, duration_ms: 5, flip_deg: 180}\n";
        error(press + "series: {parameter: te2_ms, values_ms: [20, 10, 4]}\n" + ACQ, 6, "series",
                "te2_ms = 4", "series value 3 of 3", "0.5 ms too short");
        error(press.replace("press", "jpress") + "series: {parameter: te2_ms, start_ms: 20, step_ms: -4, count: 6}\n"
                + ACQ, 6, "series", "te2_ms = 4", "series value 5 of 6");
        error(press + "series: {parameter: te2_ms, values_ms: [20, -5]}\n" + ACQ, 6, "series.values_ms[1]", "-5");
    }

    @Test
    void perStepFiltersAreRefusedForEditedSequences() {
        error("template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\ncoherence_selection: filters\n" + ACQ, 6,
                "coherence_selection", "crushers, none", "editing band");
        error("template: mega_slaser\nb0_t: 2.89\nte_ms: 68\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\ncoherence_selection: filters\n" + ACQ, 5,
                "coherence_selection", "editing band");
    }
}
