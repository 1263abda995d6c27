package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.engine.Simulator;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event-list MEGA-PRESS written once with parameters (conditions setting edit_ppm, delays as expressions of te1
 * and te2) is the same sequence as the two conditions written out by hand, event for event; and, being the MEGA-PRESS
 * timing (refocusing at TE1/2 and TE1 + TE2/2, edits at TE/4 either side of the second), it gives the template's
 * spectra.
 */
class ParameterSubstitutionTest {
    static final String HEAD = "template: events\nb0_t: 2.89\n";
    static final String ACQ = "acquisition: {points: 4096, spectral_width_hz: 4000}\n";

    /** One condition's events; {@code d} are the five delays and {@code edit} the band centre, as written. */
    static String events(String indent, String[] d, String edit) {
        String i = indent;
        return i + "- pulse: {flip_deg: 90, phase_deg: 90}\n"
                + i + "- delay: {duration_ms: " + d[0] + "}\n"
                + i + "- crusher: {area: [1]}\n" + i + "- pulse: {flip_deg: 180}\n" + i + "- crusher: {area: [1]}\n"
                + i + "- delay: {duration_ms: " + d[1] + "}\n"
                + i + "- crusher: {area: [0, 0, 1]}\n"
                + i + "- pulse: {flip_deg: 180, band: {center_ppm: " + edit + ", width_hz: 60}}\n"
                + i + "- crusher: {area: [0, 0, 1]}\n"
                + i + "- delay: {duration_ms: " + d[2] + "}\n"
                + i + "- crusher: {area: [0, 1]}\n" + i + "- pulse: {flip_deg: 180}\n" + i + "- crusher: {area: [0, 1]}\n"
                + i + "- delay: {duration_ms: " + d[3] + "}\n"
                + i + "- crusher: {area: [0, 0, 1]}\n"
                + i + "- pulse: {flip_deg: 180, band: {center_ppm: " + edit + ", width_hz: 60}}\n"
                + i + "- crusher: {area: [0, 0, 1]}\n"
                + i + "- delay: {duration_ms: " + d[4] + "}\n"
                + i + "- acquire: {}\n";
    }

    static Sequence parametrised() {
        String[] d = {"\"${te1/2}\"", "\"${te1 + te2/2 - (te1 + te2)/4 - te1/2}\"", "\"${(te1 + te2)/4}\"",
                "\"${(te1 + te2)/4}\"", "\"${te2/2 - (te1 + te2)/4}\""};
        return SequenceReader.parse("param.yaml", HEAD + "parameters: {edit_ppm: 1.9, te1: 17, te2: 51}\n"
                + "conditions:\n  ON: {edit_ppm: 1.9}\n  OFF: {edit_ppm: 7.5}\n"
                + "combinations: {DIFF: {ON: 1, OFF: -1}}\n"
                + "events:\n" + events("  ", d, "$edit_ppm") + ACQ);
    }

    static Sequence byHand() {
        String[] d = {"8.5", "17", "17", "17", "8.5"};
        return SequenceReader.parse("hand.yaml", HEAD + "conditions:\n"
                + "  ON:\n    events:\n" + events("      ", d, "1.9")
                + "  OFF:\n    events:\n" + events("      ", d, "7.5")
                + "combinations: {DIFF: {ON: 1, OFF: -1}}\n" + ACQ);
    }

    @Test
    void conditionsSettingAParameterGiveExactlyTheEventsWrittenOutByHand() {
        Sequence p = parametrised();
        Sequence h = byHand();
        assertEquals(List.of("ON", "OFF"), p.conditions());
        assertEquals(h.conditions(), p.conditions());
        for (String c : p.conditions()) {
            assertEquals(h.variant(c, 0).events(), p.variant(c, 0).events(), c);
        }
        assertNotEquals(p.variant("ON", 0).events(), p.variant("OFF", 0).events(), "the parameter took effect");
        assertEquals(h.combinations(), p.combinations());
        assertEquals(0.068, p.timing().echoTimeS(), 1e-12, "TE implied by the delays: 8.5 + 17 + 17 + 17 + 8.5 ms");
    }

    @Test
    void theEventListMegaPressGivesTheTemplatesSpectra() {
        SpinSystem ax = SpinSystem.of("ax", List.of(Spin.proton("A", 3.0), Spin.proton("X", 1.9)),
                List.of(new Coupling("A", "X", 7.5)));
        Sequence template = SequenceReader.parse("mega.yaml", "template: mega_press\nb0_t: 2.89\nte1_ms: 17\n"
                + "te2_ms: 51\nediting: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\n" + ACQ);
        Map<String, LineList> t = Simulator.simulate(ax, template);
        Map<String, LineList> e = Simulator.simulate(ax, parametrised());
        for (String c : List.of("ON", "OFF")) {
            double[] ft = t.get(c).toFid(2048, 1.0 / 4000, 2, 0).re();
            double[] fe = e.get(c).toFid(2048, 1.0 / 4000, 2, 0).re();
            double max = 0;
            double d = 0;
            for (int k = 0; k < ft.length; k++) {
                max = Math.max(max, Math.abs(ft[k]));
                d = Math.max(d, Math.abs(ft[k] - fe[k]));
            }
            assertTrue(max > 0.5, c + ": a signal");
            assertTrue(d < 1e-10 * max, c + ": event list vs template, relative " + d / max);
        }
    }
}
