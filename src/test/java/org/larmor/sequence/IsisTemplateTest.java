package org.larmor.sequence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larmor.sequence.EditedSequenceErrorsTest.error;

/**
 * The ISIS template (Ordidge RJ, Connelly A, Lohman JAB. J Magn Reson 1986;66:283-294) as data: its scans, signs and
 * timing, the off inversions kept on the grid with B1 factor 0 and written back, and its refusals of bad input.
 */
class IsisTemplateTest {
    static final String HEAD = "template: isis\nb0_t: 2.89\nnucleus: 31P\nvoxel_mm: [30, 30, 30]\n";
    static final String INV = "inversion: {shape: hs, n: 1, r: 20, duration_ms: 10}\n";
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 3000}\n";

    @Test
    void eightScansWithTheSignOfTheirInversionCountAndTheOffPulsesStillOnTheirAxes() {
        Sequence s = SequenceReader.parse("isis.yaml", HEAD + INV + "ti_ms: 8\n" + ACQ);
        assertEquals(List.of("none", "x", "y", "xy", "z", "xz", "yz", "xyz"), s.conditions());
        Map<String, Double> w = s.combinations().get(0).weights();
        assertEquals("ISIS", s.combinations().get(0).name());
        double[] expected = {1, -1, -1, 1, -1, 1, 1, -1};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k] / 8, w.get(s.conditions().get(k)), 0, s.conditions().get(k));
        }
        assertEquals("DIM_ISIS", s.conditionDimension());
        assertEquals("ISIS", s.label());
        for (String c : s.conditions()) {
            List<Event.ShapedPulse> inv = s.variant(c, 0).events().stream().filter(e -> e instanceof Event.ShapedPulse)
                    .map(e -> (Event.ShapedPulse) e).toList();
            assertEquals(3, inv.size(), c + ": every scan plays the three inversions");
            for (int a = 0; a < 3; a++) {
                assertEquals(a, inv.get(a).axis());
                boolean on = c.indexOf("xyz".charAt(a)) >= 0;
                assertEquals(on, inv.get(a).peakB1Hz() > 0, c + " axis " + a);
                assertEquals(on ? 1 : 0, inv.get(a).origin().b1Factor(), c);
            }
        }
        // TI 8 ms from the last inversion's centre to the ideal excitation: 3 ms free after the 10 ms pulse's half.
        Timeline t = Timeline.of(s.variant("none", 0));
        assertEquals(0.0, s.timing().echoTimeS());
        String events = EventListWriter.write(s, "test");
        assertTrue(events.contains("b1_factor: 0"), events);
        assertTrue(events.contains("conditions_dimension: DIM_ISIS"), events);
        assertTrue(events.contains("te_ms: 0\n"), events);
        assertTrue(t.impliedEchoTimeS() > 0.02);
    }

    @Test
    void aB1FactorIsReadAsANumberOrOnOffAndRefusedOnIdealPulses(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        String head = "template: events\nb0_t: 2.89\nvoxel_mm: [20, 20, 20]\nparameters: {inv: true}\n"
                + "conditions: {ON: {inv: true}, OFF: {inv: false}}\nevents:\n";
        String tail = "  - pulse: {flip_deg: 90, phase_deg: 90}\n  - acquire: {}\n" + ACQ;
        Sequence s = SequenceReader.parse("e.yaml", head + "  - pulse: {shape: hs, duration_ms: 8, flip_deg: 180,"
                + " slice: {axis: x, thickness_mm: 20}, b1_factor: $inv}\n" + tail);
        Event.ShapedPulse on = (Event.ShapedPulse) s.variant("ON", 0).events().get(0);
        Event.ShapedPulse off = (Event.ShapedPulse) s.variant("OFF", 0).events().get(0);
        assertEquals(on.axis(), off.axis());
        assertEquals(on.gradientHzPerM(), off.gradientHzPerM());
        assertEquals(0, off.peakB1Hz());
        Sequence half = SequenceReader.parse("e.yaml", head.replace("inv: true}\nc", "inv: 0.5}\nc")
                .replace("{inv: true}, OFF: {inv: false}", "{inv: 0.5}, OFF: {inv: 0}")
                + "  - pulse: {shape: hs, duration_ms: 8, flip_deg: 180, slice: {axis: x, thickness_mm: 20},"
                + " b1_factor: $inv}\n" + tail);
        Event.ShapedPulse h = (Event.ShapedPulse) half.variant("ON", 0).events().get(0);
        assertEquals(on.peakB1Hz() / 2, h.peakB1Hz(), 1e-12);
        Path f = dir.resolve("half.yaml");
        java.nio.file.Files.writeString(f, EventListWriter.write(half, "test"));
        assertEquals(half.variants(), SequenceReader.read(f).variants());
        error(head + "  - pulse: {flip_deg: 180, b1_factor: 0}\n" + tail, 7, "events[0].pulse.b1_factor",
                "enabled: false");
        error(head + "  - pulse: {shape: hs, duration_ms: 8, flip_deg: 180, b1_factor: -1}\n" + tail, 7,
                "events[0].pulse.b1_factor", "0");
    }

    @Test
    void badIsisInputIsRefusedWhereItIsWritten() {
        error(HEAD + "axes: [x, y, z, x]\n" + INV + "ti_ms: 8\n" + ACQ, 5, "axes", "1 to 3 axes", "got 4");
        error(HEAD + "axes: [x, x]\n" + INV + "ti_ms: 8\n" + ACQ, 5, "axes[1]", "twice");
        error(HEAD + "axes: [w]\n" + INV + "ti_ms: 8\n" + ACQ, 5, "axes[0]", "x, y or z");
        error(HEAD + "inversion: {shape: hs, duration_ms: 10, flip_deg: 90}\nti_ms: 8\n" + ACQ, 5,
                "inversion.flip_deg", "180", "got 90");
        error(HEAD + "inversion: {flip_deg: 180}\nti_ms: 8\n" + ACQ, 5, "inversion", "must be shaped");
        error("template: isis\nb0_t: 2.89\n" + INV + "ti_ms: 8\n" + ACQ, 1, "", "voxel_mm");
        error(HEAD + "ti_ms: 8\n" + ACQ, 1, "", "'inversion'");
        error(HEAD + INV + "ti_ms: 4\n" + ACQ, 6, "ti_ms", "TI", "too short");
        error(HEAD + INV + "ti_ms: 8\ninversion_spacing_ms: 6\n" + ACQ, 7, "inversion_spacing_ms",
                "too short");
    }
}
