package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.rf.PulseShapes;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event-list writer on what the shipped sequences do not exercise: every header field, every event kind, angles
 * with no exact decimal in degrees, strings that need escaping, and slices given by gradient. Each is checked by
 * reading the text back: the same sequence, field by field and event by event.
 */
class EventListWriterTest {
    static final String ACQ = "acquisition: {points: 512, spectral_width_hz: 2000, reference_ppm: 4.7,"
            + " lorentzian_fwhm_hz: 1.5, gaussian_fwhm_hz: 2}\n";

    static Sequence back(Sequence s) {
        return SequenceReader.parse("back.yaml", EventListWriter.write(s, "test"));
    }

    @Test
    void everyEventKindAndHeaderFieldReadsBackTheSame() {
        Sequence s = SequenceReader.parse("all.yaml", "template: events\nname: all\n"
                + "description: \"a \\\"quoted\\\" back\\\\slash,\\ttab and\\nnewline\"\nsource: \"Someone 2024\"\n"
                + "sequence_label: ALLKINDS\ncoherence_selection: crushers\nconditions_dimension: DIM_USER_1\n"
                + "b0_t: 6.98\nb1_scale: 0.9\nvoxel_mm: [20, 22.5, 30]\nspatial: {positions: [3, 4, 5], fov_mm: [40, 45,"
                + " 60], method: full_3d}\nte_ms: 12.5\ntm_ms: 7.25\n"
                + "events:\n"
                + "  - pulse: {label: \"one\", flip_rad: 1, phase_rad: 8.7e-5}\n"
                + "  - pulse: {flip_deg: 22.5, bands: [{center_ppm: 1.9, width_hz: 60}, {center_ppm: 4.56, width_hz:"
                + " 80}]}\n"
                + "  - gradient: {axis: z, area_cycles_per_m: -123.25}\n"
                + "  - crusher: {area: [0, -2, 3]}\n"
                + "  - select_coherence: {order: 0}\n"
                + "  - delay: {duration_ms: 0.0125}\n"
                + "  - pulse: {shape: hard, duration_ms: 1, slice: {axis: y, gradient_hz_per_m: 40000}}\n"
                + "  - pulse: {shape: hard, duration_ms: 1, slice: {axis: x, thickness_mm: 20}}\n"
                + "  - pulse: {shape: sinc, duration_ms: 2, flip_deg: 180, bands_ppm: [1.9, 4.56]}\n"
                + "  - pulse: {shape: sinc, duration_ms: 2, flip_deg: 180, carrier_ppm: 3.2}\n"
                + "  - acquire: {}\n" + ACQ);
        String text = EventListWriter.write(s, "test");
        Sequence b = SequenceReader.parse("back.yaml", text);
        EventListRoundTripTest.assertSameSequence(s, b);
        assertEquals(s.description(), b.description());
        assertEquals("all", b.name());
        assertEquals("a \"quoted\" back\\slash,\ttab and\nnewline", b.description());
        assertEquals("Someone 2024", b.parameters().get("source"));
        assertEquals("ALLKINDS", b.label());
        assertEquals("DIM_USER_1", b.conditionDimension());
        assertEquals(0.9, b.b1Scale());
        assertEquals(0.0125, b.timing().echoTimeS());
        assertEquals(0.00725, b.timing().mixingTimeS());
        assertEquals(new Acquisition(512, 2000, 4.7, 1.5, 2), b.acquisition());
        assertTrue(b.localisation().full3d());
        // 8.7e-5 rad has no decimal in degrees that maps back to it exactly: it is written in radians. One radian
        // has (57.29577951308232°).
        assertTrue(text.contains("phase_rad: 8.7E-5"), text);
        assertTrue(text.contains("flip_deg: 57.29577951308232"), text);
        assertTrue(text.contains("flip_deg: 22.5"), text);
        // The slice keeps the form it was given in.
        assertTrue(text.contains("slice: {axis: y, gradient_hz_per_m: 40000}"), text);
        assertTrue(text.contains("slice: {axis: x, thickness_mm: 20}"), text);
        assertTrue(text.contains("bands_ppm: [1.9, 4.56]"), text);
        assertTrue(text.contains("carrier_ppm: 3.2"), text);
        // The second pass is the first (after the comment naming the file it came from).
        String again = EventListWriter.write(b, "test");
        assertEquals(text.substring(text.indexOf('\n')), again.substring(again.indexOf('\n')));
    }

    @Test
    void defaultsAreLeftOutOfTheText() {
        Sequence s = SequenceReader.parse("d.yaml", "template: pulse_acquire\nb0_t: 3\n" + ACQ);
        String text = EventListWriter.write(s, "gen");
        assertTrue(text.startsWith("# d: the events of d.yaml (template pulse_acquire), written by gen.\n"), text);
        assertFalse(text.contains("description:"), text);
        assertFalse(text.contains("source:"), text);
        assertFalse(text.contains("b1_scale"), text);
        assertFalse(text.contains("conditions_dimension"), text);
        assertFalse(text.contains("te_ms"), text);
        assertFalse(text.contains("tm_ms"), text);
        assertFalse(text.contains("voxel_mm"), text);
        Sequence b = back(s);
        assertEquals(Double.NaN, b.timing().mixingTimeS());
        assertEquals("DIM_EDIT", b.conditionDimension());
        assertEquals(1.0, b.b1Scale());
        EventListRoundTripTest.assertSameSequence(s, b);
    }

    @Test
    void aShapeNamedUnderPulseIsWrittenAsItsShapeAndABuiltInOneHasNoFile() {
        Sequence s = SequenceReader.parse("g.yaml", "template: pulse_acquire\nb0_t: 3\n"
                + "excitation: {pulse: gaussian, duration_ms: 2, samples: 32}\n" + ACQ);
        Event.ShapedPulse p = (Event.ShapedPulse) s.variants().get(0).events().get(0);
        assertEquals("gaussian", p.origin().spec().written().get("shape"));
        assertFalse(p.origin().spec().written().containsKey("file"));
        assertFalse(p.origin().spec().written().containsKey("pulse"));
        EventListRoundTripTest.assertSameSequence(s, back(s));
    }

    @Test
    void aPulseBuiltFromSamplesHasNoDescriptionToWrite() {
        Event.ShapedPulse p = ShapedPulses.of("samples", PulseShapes.hard(), 0.001, 250, 0, 4.65, -1, 0);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> EventListWriter.event(p));
        assertTrue(x.getMessage().contains("shaped pulse 'samples' was built in code from samples"), x.getMessage());
    }

    @Test
    void eachEventIsOneFlowMapLine() {
        assertEquals("delay: {duration_ms: 8.5}", EventListWriter.event(new Event.Delay(0.0085)));
        assertEquals("gradient: {axis: y, area_cycles_per_m: -2.5}", EventListWriter.event(new Event.Gradient(1,
                -2.5)));
        assertEquals("crusher: {area: [1, 0, -1]}", EventListWriter.event(new Event.Crusher(new int[] {1, 0, -1})));
        assertEquals("select_coherence: {order: -1}", EventListWriter.event(new Event.SelectCoherence(-1)));
        assertEquals("acquire: {}", EventListWriter.event(new Event.Acquire()));
        assertEquals("pulse: {label: \"x\", flip_deg: 90, phase_deg: 180, bands: [{center_ppm: 1.9, width_hz: 60}]}",
                EventListWriter.event(new Event.Pulse("x", Math.PI / 2, Math.PI, List.of(new Event.Band(1.9, 60)))));
        assertEquals("\"a\\\"b\\\\c\\nd\\te\"", EventListWriter.quote("a\"b\\c\nd\te"));
    }
}
