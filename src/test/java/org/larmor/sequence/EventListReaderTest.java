package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-written event lists: each event kind read into the model with its units converted (ms → s exactly, mT·ms/m
 * and mT/m → cycles/m and Hz/m with the proton's γ/2π), parameters substituted, and each mistake refused at its
 * file, line and field with what was expected.
 */
class EventListReaderTest {
    static final String HEAD = "template: events\nb0_t: 3\n";
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";
    /** γ/2π of 1H, CODATA 2018: 42.577 478 518 MHz/T. */
    static final double PROTON_HZ_PER_T = 42.577478518e6;

    static List<Event> events(String lines) {
        return SequenceReader.parse("ev.yaml", HEAD + "events:\n" + lines + ACQ).variants().get(0).events();
    }

    static InputException error(String yaml, int line, String field, String... phrases) {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("ev.yaml", yaml));
        return org.larmor.input.InputErrors.assertLocated(e, line, field, phrases);
    }

    static InputException eventError(String lines, int line, String field, String... phrases) {
        return error(HEAD + "events:\n" + lines + ACQ, line, field, phrases);
    }

    @Test
    void unlabelledPulsesAreNumberedInOrderCountingDisabledOnes() {
        List<Event> ev = events("  - pulse: {flip_deg: 180, enabled: false}\n  - pulse: {flip_deg: 90}\n"
                + "  - pulse: {flip_deg: 180}\n  - acquire: {}\n");
        assertEquals(List.of(new Event.Pulse("pulse 2", Math.PI / 2, 0), new Event.Pulse("pulse 3", Math.PI, 0),
                new Event.Acquire()), ev);
    }

    @Test
    void enabledTakesTrueFalseOrANumber() {
        List<Event> ev = events("  - pulse: {flip_deg: 90}\n  - delay: {duration_ms: 5, enabled: 0}\n"
                + "  - delay: {duration_ms: 7, enabled: 1}\n  - delay: {duration_ms: 9, enabled: true}\n"
                + "  - acquire: {}\n");
        assertEquals(List.of(new Event.Pulse("pulse 1", Math.PI / 2, 0), new Event.Delay(0.007),
                new Event.Delay(0.009), new Event.Acquire()), ev);
        eventError("  - pulse: {flip_deg: 90}\n  - delay: {duration_ms: 5, enabled: maybe}\n  - acquire: {}\n", 5,
                "events[1].delay.enabled", "expected true or false");
    }

    @Test
    void delaysAreMillisecondsConvertedExactlyAndMayBeZero() {
        List<Event> ev = events("  - pulse: {flip_deg: 90}\n  - delay: {duration_ms: 0}\n"
                + "  - delay: {duration_ms: 8.5}\n  - delay: {duration_ms: 0.001}\n  - acquire: {}\n");
        assertEquals(List.of(new Event.Delay(0), new Event.Delay(0.0085), new Event.Delay(0.000001)),
                ev.subList(1, 4));
    }

    @Test
    void gradientAreasInCyclesPerMetreOrMilliteslaMillisecondsPerMetre() {
        List<Event> ev = events("  - pulse: {flip_deg: 90}\n  - gradient: {axis: y, area_cycles_per_m: -250}\n"
                + "  - gradient: {axis: Z, area_mt_ms_per_m: 2}\n  - acquire: {}\nvoxel_mm: [20, 20, 20]\n");
        assertEquals(new Event.Gradient(1, -250), ev.get(1));
        Event.Gradient g = (Event.Gradient) ev.get(2);
        assertEquals(2, g.axis());
        // 2 mT·ms/m = 2e-6 T·s/m; × γ/2π gives 85.15 cycles/m.
        assertEquals(2e-6 * PROTON_HZ_PER_T, g.areaHzSPerM(), 1e-6 * g.areaHzSPerM());
        eventError("  - pulse: {flip_deg: 90}\n  - gradient: {axis: x, area_cycles_per_m: 1, area_mt_ms_per_m: 1}\n"
                + "  - acquire: {}\n", 5, "events[1].gradient", "one of them");
        eventError("  - pulse: {flip_deg: 90}\n  - gradient: {axis: x}\n  - acquire: {}\n", 5, "events[1].gradient",
                "area_cycles_per_m");
        eventError("  - pulse: {flip_deg: 90}\n  - gradient: {axis: w, area_cycles_per_m: 1}\n  - acquire: {}\n", 5,
                "events[1].gradient.axis", "expected an axis x, y or z");
    }

    @Test
    void crushersHaveOneToEightSmallIntegerAreas() {
        List<Event> ev = events("  - pulse: {flip_deg: 90}\n  - crusher: {area: [1, 0, 0, 0, 0, 0, 0, -16]}\n"
                + "  - crusher: {area: [16]}\n  - select_coherence: {order: -1}\n  - acquire: {}\n");
        assertEquals(new Event.Crusher(new int[] {1, 0, 0, 0, 0, 0, 0, -16}), ev.get(1));
        assertEquals(new Event.Crusher(new int[] {16}), ev.get(2));
        assertEquals(new Event.SelectCoherence(-1), ev.get(3));
        eventError("  - pulse: {flip_deg: 90}\n  - crusher: {area: [1, 0, 0, 0, 0, 0, 0, 0, 1]}\n  - acquire: {}\n",
                5, "events[1].crusher.area", "expected 1 to 8 integer areas", "got 9");
        eventError("  - pulse: {flip_deg: 90}\n  - crusher: {area: []}\n  - acquire: {}\n", 5,
                "events[1].crusher.area", "got 0");
        eventError("  - pulse: {flip_deg: 90}\n  - crusher: {area: [17]}\n  - acquire: {}\n", 5,
                "events[1].crusher.area[0]", "|area| ≤ 16");
    }

    @Test
    void aListWithoutAPulseOrWithAStrayKeyIsRefused() {
        eventError("  - delay: {duration_ms: 1}\n  - acquire: {}\n", 4, "events", "no pulse");
        eventError("  - pulse: {flip_deg: 90}\n  - wait: {duration_ms: 1}\n  - acquire: {}\n", 5, "events[1]",
                "unknown event 'wait'");
        eventError("  - pulse: {flip_deg: 90}\n  - {delay: {duration_ms: 1}, acquire: {}}\n", 5, "events[1]",
                "a map with one key");
        eventError("  - pulse: {flip_deg: 90}\n  - acquire: {points: 10}\n", 5, "events[1].acquire",
                "acquire takes no parameters");
        // A shaped pulse alone is a pulse.
        assertEquals(2, events("  - pulse: {shape: hard, duration_ms: 1}\n  - acquire: {}\n").size());
    }

    @Test
    void anglesInDegreesOrRadiansButNotBoth() {
        List<Event> ev = events("  - pulse: {flip_rad: 1.5, phase_rad: -0.25}\n  - pulse: {flip_deg: 180,"
                + " phase_deg: 90}\n  - acquire: {}\n");
        assertEquals(new Event.Pulse("pulse 1", 1.5, -0.25), ev.get(0));
        assertEquals(new Event.Pulse("pulse 2", Math.PI, Math.PI / 2), ev.get(1));
        eventError("  - pulse: {flip_deg: 90, flip_rad: 1.5}\n  - acquire: {}\n", 4, "events[0].pulse.flip_rad",
                "write flip_deg or flip_rad, not both");
        eventError("  - pulse: {phase_deg: 90}\n  - acquire: {}\n", 4, "events[0].pulse.flip_deg", "missing");
    }

    @Test
    void bandsAreOneOrAListButNotBoth() {
        List<Event> ev = events("  - pulse: {flip_deg: 90}\n  - pulse: {flip_deg: 180, bands: [{center_ppm: 1.9,"
                + " width_hz: 60}, {center_ppm: 4.56, width_hz: 80}]}\n  - acquire: {}\n");
        assertEquals(List.of(new Event.Band(1.9, 60), new Event.Band(4.56, 80)), ((Event.Pulse) ev.get(1)).bands());
        eventError("  - pulse: {flip_deg: 90, band: {center_ppm: 2, width_hz: 9}, bands: []}\n  - acquire: {}\n", 4,
                "events[0].pulse", "not both");
    }

    @Test
    void aSliceIsGivenByThicknessOrByGradientInHzOrMilliteslaPerMetre() {
        String pulse = "  - pulse: {shape: hard, duration_ms: 1, flip_deg: 90, slice: ";
        String tail = "}\n  - acquire: {}\nvoxel_mm: [20, 20, 20]\n";
        Event.ShapedPulse hz = (Event.ShapedPulse) events(pulse + "{axis: x, gradient_hz_per_m: 40000}" + tail)
                .get(0);
        assertEquals(0, hz.axis());
        assertEquals(40000, hz.gradientHzPerM());
        Event.ShapedPulse mt = (Event.ShapedPulse) events(pulse + "{axis: y, gradient_mt_per_m: 10}" + tail).get(0);
        assertEquals(1, mt.axis());
        // 10 mT/m × γ/2π = 425 774.8 Hz/m.
        assertEquals(1e-2 * PROTON_HZ_PER_T, mt.gradientHzPerM(), 1e-6 * mt.gradientHzPerM());
        Event.ShapedPulse th = (Event.ShapedPulse) events(pulse + "{axis: z, thickness_mm: 25}" + tail).get(0);
        assertEquals(2, th.axis());
        // G = bandwidth / thickness.
        assertEquals(th.origin().spec().bandwidthHz() / 0.025, th.gradientHzPerM(), 1e-9);
        assertEquals(0.025, th.origin().thicknessM());
        eventError(pulse + "{axis: x, thickness_mm: 20, gradient_hz_per_m: 5000}" + tail, 4,
                "events[0].pulse.slice", "exactly one");
        eventError(pulse + "{axis: x}" + tail, 4, "events[0].pulse.slice", "exactly one");
    }

    @Test
    void parametersAreSubstitutedAsNumbersOrTrueFalse() {
        Sequence s = SequenceReader.parse("ev.yaml", HEAD + "parameters: {te: 30, on: true, window: false}\n"
                + "events:\n  - pulse: {flip_deg: 90}\n  - delay: {duration_ms: \"${te / 2 * on}\"}\n"
                + "  - pulse: {shape: sinc, duration_ms: 2, flip_deg: 180, hamming: $window}\n"
                + "  - delay: {duration_ms: \"${te/2 + window}\"}\n  - acquire: {}\n" + ACQ);
        List<Event> ev = s.variants().get(0).events();
        assertEquals(new Event.Delay(0.015), ev.get(1));
        assertEquals(new Event.Delay(0.015), ev.get(3));
        Sequence plain = SequenceReader.parse("ev.yaml", HEAD + "events:\n  - pulse: {flip_deg: 90}\n"
                + "  - pulse: {shape: sinc, duration_ms: 2, flip_deg: 180, hamming: false}\n  - acquire: {}\n" + ACQ);
        assertEquals(plain.variants().get(0).events().get(1), ev.get(2), "hamming: $window is hamming: false");
        error(HEAD + "parameters: {te: 30}\nevents:\n  - pulse: {flip_deg: 90}\n  - delay: {duration_ms: $tee}\n"
                + "  - acquire: {}\n" + ACQ, 6, "events[1].delay.duration_ms", "unknown parameter 'tee'; defined: te");
        error(HEAD + "parameters: {te: thirty}\nevents:\n  - pulse: {flip_deg: 90}\n  - acquire: {}\n" + ACQ, 3,
                "parameters.te", "a parameter is a number or true/false");
    }

    @Test
    void anIndirectDimensionOfOneIncrementIsAccepted() {
        Sequence s = SequenceReader.parse("ev.yaml", HEAD + "indirect: {dimension: DIM_USER_0, parameter: te,"
                + " values_ms: [30], header_ms: [30]}\nconditions:\n  main:\n    increments:\n"
                + "      - events:\n          - pulse: {flip_deg: 90}\n          - delay: {duration_ms: 30}\n"
                + "          - acquire: {}\n" + ACQ);
        assertEquals(1, s.increments());
        assertEquals("te_30ms", s.variants().get(0).name());
        assertEquals(0.030, s.indirect().headerS()[0]);
        error(HEAD + "indirect: {dimension: DIM_USER_0, parameter: te, values_ms: [30, 40], header_ms: [30]}\n"
                + "conditions:\n  main:\n    increments:\n      - events: [pulse: {flip_deg: 90}, acquire: {}]\n"
                + ACQ, 3, "indirect.header_ms", "one value per entry of values_ms (2)");
        error(HEAD + "indirect: {dimension: DIM_EDIT, parameter: te, values_ms: [30], header_ms: [30]}\n"
                + "conditions:\n  main:\n    increments:\n      - events: [pulse: {flip_deg: 90}, acquire: {}]\n"
                + ACQ, 3, "indirect.dimension", "DIM_INDIRECT_0..2 or DIM_USER_0..2");
    }
}
