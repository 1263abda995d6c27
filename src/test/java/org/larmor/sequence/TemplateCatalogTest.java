package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates read from YAML: header times, the default timings and editing conditions each paper defines, and the
 * mistakes a file can make in them, refused at the field with what was expected.
 */
class TemplateCatalogTest {
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    static Sequence read(String yaml) {
        return SequenceReader.parse("t.yaml", yaml + ACQ);
    }

    static InputException error(String yaml, int line, String field, String... phrases) {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("t.yaml", yaml + ACQ));
        return org.larmor.input.InputErrors.assertLocated(e, line, field, phrases);
    }

    /** Centres of the ideal pulses with bands (editing pulses) from the excitation, s. */
    static List<Double> editCentres(List<Event> events) {
        return Timeline.of(new Sequence.Variant("v", events)).entries().stream()
                .filter(e -> e.event() instanceof Event.Pulse p && !p.bands().isEmpty())
                .map(Timeline.Entry::centreS).toList();
    }

    @Test
    void headerTimesAreTheEchoAndMixingTimesInSeconds() {
        Sequence steam = read("template: steam\nb0_t: 3\nte_ms: 20\ntm_ms: 10\n");
        assertEquals(new Sequence.Timing(0.020, 0.010), steam.timing());
        assertEquals("STEAM", steam.label());
        Sequence fid = read("template: pulse_acquire\nb0_t: 3\n");
        assertEquals(0, fid.timing().echoTimeS());
        assertTrue(Double.isNaN(fid.timing().mixingTimeS()));
        assertEquals("FID", fid.label());
        Sequence press = read("template: press\nb0_t: 3\nte_ms: 30\nte1_ms: 13\nte2_ms: 17\n");
        assertEquals(0.030, press.timing().echoTimeS());
    }

    @Test
    void timesArePositiveAndAtMostTenSeconds() {
        error("template: spin_echo\nb0_t: 3\nte_ms: 0\n", 3, "te_ms", "must be a positive time in milliseconds, got 0");
        assertEquals(10.0, read("template: spin_echo\nb0_t: 3\nte_ms: 10000\n").timing().echoTimeS());
        error("template: spin_echo\nb0_t: 3\nte_ms: 10000.5\n", 3, "te_ms", "expected at most 10000 ms");
    }

    @Test
    void semiLaserDefaultsToTheCpmgSpacing() {
        // TE/8, TE/4, TE/4, TE/4, TE/8 at TE = 80 ms: adiabatic pulses at 10, 30, 50, 70 ms.
        Sequence s = read("template: semi_laser\nb0_t: 3\nte_ms: 80\n");
        List<Double> c = TemplateTimingTest.centres(s.variants().get(0).events());
        TemplateTimingTest.assertTimes(new double[] {0, 0.010, 0.030, 0.050, 0.070, 0.080}, c);
        Sequence given = read("template: semi_laser\nb0_t: 3\nte_ms: 80\nspacing_ms: [5, 20, 30, 20, 5]\n");
        TemplateTimingTest.assertTimes(new double[] {0, 0.005, 0.025, 0.055, 0.075, 0.080},
                TemplateTimingTest.centres(given.variants().get(0).events()));
        error("template: semi_laser\nb0_t: 3\nte_ms: 80\nspacing_ms: [5, 20, 30, 20, 4]\n", 4, "spacing_ms",
                "the five intervals must add up to TE = 80 ms, they add up to 79 ms");
        error("template: semi_laser\nb0_t: 3\nte_ms: 80\nspacing_ms: [5, 20, 30, 25]\n", 4, "spacing_ms",
                "expected a list of 5 values, got 4");
    }

    @Test
    void megaSlaserPlacesItsEditsBetweenTheAdiabaticPairsTeHalfApart() {
        // AFP 1 and 2 at 10 and 30 ms: the first edit midway (20 ms), the second TE/2 later (60 ms).
        Sequence s = read("template: mega_slaser\nb0_t: 3\nte_ms: 80\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\n");
        TemplateTimingTest.assertTimes(new double[] {0.020, 0.060}, editCentres(s.variant("ON", 0).events()));
        assertEquals("MEGA-SLASER", s.label());
        error("template: mega_slaser\nb0_t: 3\nte_ms: 80\nspacing_ms: [40, 20, 5, 5, 10]\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\n", 3, "te_ms",
                "does not fit before the echo", "give editing.times_ms");
    }

    @Test
    void megaPressEditsAreWrittenTimesOrTeOverFourEitherSideOfTheSecondRefocusingPulse() {
        Sequence s = read("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, flip_deg: 170, phase_deg: 90}\n");
        // Second refocusing pulse at TE1 + TE2/2 = 42.5 ms; TE/4 = 17 ms.
        TemplateTimingTest.assertTimes(new double[] {0.0255, 0.0595}, editCentres(s.variant("ON", 0).events()));
        Event.Pulse edit = s.variant("OFF", 0).events().stream().filter(e -> e instanceof Event.Pulse p
                && !p.bands().isEmpty()).map(e -> (Event.Pulse) e).findFirst().orElseThrow();
        assertEquals(List.of(new Event.Band(7.5, 60)), edit.bands());
        assertEquals(Math.toRadians(170), edit.flipRad());
        assertEquals(Math.toRadians(90), edit.phaseRad());
        Sequence w = read("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20, 50]}\n");
        TemplateTimingTest.assertTimes(new double[] {0.020, 0.050}, editCentres(w.variant("ON", 0).events()));
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [50, 20]}\n", 5,
                "editing.times_ms", "in order and before the echo at TE = 68 ms; got 50 and 20 ms");
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20, 68]}\n", 5,
                "editing.times_ms", "before the echo");
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20]}\n", 5,
                "editing.times_ms", "expected a list of 2 values");
    }

    @Test
    void onAndOffBandsMustNotOverlap() {
        // 60 Hz bands at 3 T (127.7 Hz/ppm): 0.47 ppm apart is 60.0 Hz (just clear), 0.46 ppm is 58.8 Hz (overlap).
        read("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 2.37, bandwidth_hz: 60}\n");
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 2.36, bandwidth_hz: 60}\n", 5, "editing.off_ppm",
                "ON and OFF editing bands overlap (1.9 and 2.36 ppm, 60.0 Hz wide at 127.73 MHz)");
    }

    @Test
    void hermesDefaultsAreSalehsFourSubExperimentsAndTheirHadamardSums() {
        Sequence s = read("template: hermes\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\nediting: {bandwidth_hz: 60}\n");
        assertEquals(List.of("A", "B", "C", "D"), s.conditions());
        assertEquals(List.of(1.9, 4.56), bands(s, "A"));
        assertEquals(List.of(1.9), bands(s, "B"));
        assertEquals(List.of(4.56), bands(s, "C"));
        assertEquals(List.of(7.5), bands(s, "D"));
        assertEquals(List.of(new Sequence.Combination("GABA", weights(1, 1, -1, -1)),
                new Sequence.Combination("GSH", weights(1, -1, 1, -1)),
                new Sequence.Combination("SUM", weights(1, 1, 1, 1))), s.combinations());
        Sequence h = read("template: hercules\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\nediting: {bandwidth_hz: 60}\n");
        assertEquals(List.of(4.58), bands(h, "A"));
        assertEquals(List.of(4.18), bands(h, "B"));
        assertEquals(List.of(1.9, 4.58), bands(h, "C"));
        assertEquals(List.of(1.9, 4.18), bands(h, "D"));
        assertEquals(new Sequence.Combination("GABA", weights(-1, -1, 1, 1)), h.combinations().get(0));
    }

    static Map<String, Double> weights(double a, double b, double c, double d) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("A", a);
        m.put("B", b);
        m.put("C", c);
        m.put("D", d);
        return m;
    }

    static List<Double> bands(Sequence s, String condition) {
        return s.variant(condition, 0).events().stream().filter(e -> e instanceof Event.Pulse p
                && !p.bands().isEmpty()).map(e -> (Event.Pulse) e).findFirst().orElseThrow().bands().stream()
                .map(Event.Band::centerPpm).toList();
    }

    @Test
    void writtenConditionsReplaceTheDefaultsAndAnEmptyOnePlaysNoEditingPulse() {
        Sequence s = read("template: hermes\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\n"
                + "editing: {bandwidth_hz: 60, conditions: {X: [1.9], NONE: []}}\n");
        assertEquals(List.of("X", "NONE"), s.conditions());
        assertEquals(List.of(), s.combinations(), "written conditions: no default combinations");
        assertTrue(s.variant("NONE", 0).events().stream().noneMatch(e -> e instanceof Event.Pulse p
                && !p.bands().isEmpty()));
        error("template: hermes\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\n"
                + "editing: {bandwidth_hz: 60, conditions: {X: [1.9]}}\n", 5, "editing.conditions",
                "at least two conditions, got 1");
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\n"
                + "editing: {bandwidth_hz: 60, on_ppm: 1.9, conditions: {X: [1.9], Y: [7.5]}}\n", 5,
                "editing.conditions", "not both");
        Sequence m = read("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\n"
                + "editing: {bandwidth_hz: 60, on_ppm: 1.9, off_ppm: 7.5}\ncombinations: {SUM: {ON: 0.5, OFF: 0.5}}\n");
        assertEquals(List.of(new Sequence.Combination("SUM", Map.of("ON", 0.5, "OFF", 0.5))), m.combinations());
        Sequence hermesMega = read("template: hermes\nb0_t: 3\nte1_ms: 17\nte2_ms: 63\n"
                + "editing: {bandwidth_hz: 60, on_ppm: 1.9, off_ppm: 7.5}\n");
        assertEquals(List.of("ON", "OFF"), hermesMega.conditions());
        assertEquals("DIFF", hermesMega.combinations().get(0).name());
    }

    @Test
    void combinationsNeedAWeightAndANameOfTheirOwn() {
        String mega = "template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\n";
        error(mega + "combinations: {DIFF: {}}\n", 6, "combinations.DIFF", "at least one condition with a weight");
        error(mega + "combinations: {ON: {ON: 1, OFF: -1}}\n", 6, "combinations.ON", "cannot have the name of a"
                + " condition (ON)");
    }

    @Test
    void aTimingErrorIsBlamedOnTheEditingTimesOnlyWhenAnEditingPulseIsInvolved() {
        // A 10 ms refocusing pulse does not fit in TE1/2 = 4 ms: the base timing, at te1_ms.
        error("template: mega_press\nb0_t: 3\nte1_ms: 8\nte2_ms: 60\n"
                + "refocusing: {shape: hard, duration_ms: 10, flip_deg: 180}\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20, 50]}\n", 3, "te1_ms",
                "refocusing 1");
        error("template: mega_slaser\nb0_t: 3\nte_ms: 80\nspacing_ms: [10, 20, 20, 20, 10]\n"
                + "refocusing: {shape: hard, duration_ms: 25, flip_deg: 180}\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20, 60]}\n", 4, "spacing_ms");
        error("template: mega_slaser\nb0_t: 3\nte_ms: 80\n"
                + "refocusing: {shape: hard, duration_ms: 25, flip_deg: 180}\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60, times_ms: [20, 60]}\n", 3, "te_ms");
        // Without times_ms, an editing pulse's clash is blamed on the base timing that placed it.
        error("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, shape: gaussian, duration_ms: 40}\n", 3, "te1_ms", "edit 1");
    }
}
