package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.rf.PulseShapes;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence model's derived quantities: frequencies, spectra of a basis set, and the timeline of its events. */
class SequenceModelTest {
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    @Test
    void theLarmorFrequencyIsGammaTimesB0() {
        Sequence s = SequenceReader.parse("s.yaml", "template: spin_echo\nb0_t: 2.89\nte_ms: 30\n" + ACQ);
        // γ/2π of 1H, 42.577 478 MHz/T, at 2.89 T: 123.05 MHz, so 123.05 Hz per ppm.
        assertEquals(42.577478e6 * 2.89, s.larmorHz(), 1);
        assertEquals(42.577478 * 2.89, s.hzPerPpm(), 1e-6);
    }

    @Test
    void aSeriesOfAnEditedSequenceListsConditionsThenCombinationsAtEachIncrement() {
        Sequence s = SequenceReader.parse("m.yaml", "template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 60}\n"
                + "series: {parameter: te2_ms, values_ms: [51, 53.5]}\n" + ACQ);
        assertEquals(List.of("ON", "OFF"), s.conditions());
        assertEquals(2, s.increments());
        assertEquals(List.of("ON_te2_51ms", "OFF_te2_51ms", "DIFF_te2_51ms", "ON_te2_53.5ms", "OFF_te2_53.5ms",
                "DIFF_te2_53.5ms"), s.spectra().stream().map(Sequence.Spectrum::name).toList());
        assertEquals(List.of(false, false, true, false, false, true), s.spectra().stream()
                .map(Sequence.Spectrum::combination).toList());
        assertEquals(List.of(0, 0, 0, 1, 1, 1), s.spectra().stream().map(Sequence.Spectrum::increment).toList());
        assertEquals("OFF", s.variant("OFF", 1).condition());
        assertEquals(1, s.variant("OFF", 1).increment());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> s.variant("OFF", 2));
        assertEquals("no condition OFF at increment 2", x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.variant("DIFF", 0));
        Sequence plain = SequenceReader.parse("p.yaml", "template: press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "series: {parameter: te2_ms, values_ms: [51, 53.5]}\n" + ACQ);
        assertEquals(List.of("te2_51ms", "te2_53.5ms"), plain.spectra().stream().map(Sequence.Spectrum::name)
                .toList());
        Sequence single = SequenceReader.parse("p.yaml", "template: press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n" + ACQ);
        assertEquals(1, single.increments());
        assertEquals("main", single.spectrumName("main", 0));
    }

    @Test
    void indirectDimensionsAreEqualByValue() {
        Sequence.Indirect a = new Sequence.Indirect("DIM_USER_0", "te", "EchoTime", new double[] {0.03},
                new double[] {0.03});
        assertEquals(a, new Sequence.Indirect("DIM_USER_0", "te", "EchoTime", new double[] {0.03},
                new double[] {0.03}));
        assertEquals(a.hashCode(), new Sequence.Indirect("DIM_USER_0", "te", "EchoTime", new double[] {0.03},
                new double[] {0.03}).hashCode());
        assertNotEquals(a, new Sequence.Indirect("DIM_USER_1", "te", "EchoTime", new double[] {0.03},
                new double[] {0.03}));
        assertNotEquals(a, new Sequence.Indirect("DIM_USER_0", "t1", "EchoTime", new double[] {0.03},
                new double[] {0.03}));
        assertNotEquals(a, new Sequence.Indirect("DIM_USER_0", "te", "Other", new double[] {0.03},
                new double[] {0.03}));
        assertNotEquals(a, new Sequence.Indirect("DIM_USER_0", "te", "EchoTime", new double[] {0.04},
                new double[] {0.03}));
        assertNotEquals(a, new Sequence.Indirect("DIM_USER_0", "te", "EchoTime", new double[] {0.03},
                new double[] {0.04}));
        assertNotEquals(a, "te");
        assertEquals("te_30ms", a.label(0));
    }

    @Test
    void theTimelineRunsFromTheStartOfTheFirstPulse() {
        Event.ShapedPulse p = ShapedPulses.of("exc", PulseShapes.hard(), 0.002, 125, 0, 4.65, -1, 0);
        Sequence.Variant v = new Sequence.Variant("v", List.of(new Event.Delay(0.001), p, new Event.Delay(0.004),
                new Event.Pulse("ref", Math.PI, 0), new Event.Delay(0.005), new Event.Acquire()));
        Timeline t = Timeline.of(v);
        assertEquals(List.of(0.0, 0.001, 0.003, 0.007, 0.007, 0.012), t.entries().stream()
                .map(Timeline.Entry::startS).toList());
        assertEquals(0.002, t.entries().get(1).centreS(), 1e-15);
        // Centre of the first pulse (2 ms) to the acquisition (12 ms).
        assertEquals(0.010, t.impliedEchoTimeS(), 1e-15);
        Timeline fid = Timeline.of(new Sequence.Variant("f", List.of(new Event.Delay(0.001),
                new Event.Pulse("exc", Math.PI / 2, 0), new Event.Delay(0.002), new Event.Acquire())));
        assertEquals(0, fid.impliedEchoTimeS(), "one pulse: an FID");
        Timeline none = Timeline.of(new Sequence.Variant("n", List.of(new Event.Delay(0.001), new Event.Acquire())));
        assertTrue(Double.isNaN(none.impliedEchoTimeS()));
    }

    @Test
    void eachTimelineEntrySaysWhatTheEventDoes() {
        assertEquals("pulse 'edit', ideal, 180.0° phase 90.0°, band 1.900 ppm ± 30.0 Hz", Timeline.describe(
                new Event.Pulse("edit", Math.PI, Math.PI / 2, List.of(new Event.Band(1.9, 60)))));
        // 42.577 Hz/m per µT/m: 425 774.78 Hz/m is 10 mT/m.
        Event.ShapedPulse sel = ShapedPulses.of("s", PulseShapes.hard(), 0.001, 250, 0, 3, 1, 425774.78);
        assertEquals("pulse 's', shaped, 1 samples, B1max 250.0 Hz, carrier 3.000 ppm, selects y (10.0 mT/m)",
                Timeline.describe(sel));
        // Played at the bands' mean with their list shown; slice along x. At the pulse centre the two bands' modulations
        // are in phase: twice the single-band B1 (180° in 2 ms: 250 Hz).
        Event.ShapedPulse dual = (Event.ShapedPulse) TemplateTimingTest.hard(180, 0.002, 500).event("dual", 0,
                List.of(1.9, 4.56), 127.7, 0, 0, 0.025);
        assertEquals("pulse 'dual', shaped, 1 samples, B1max 500.0 Hz, carrier 3.230 ppm, bands [1.9, 4.56] ppm,"
                + " selects x (0.5 mT/m)",
                Timeline.describe(dual));
        Event.ShapedPulse single = (Event.ShapedPulse) TemplateTimingTest.hard(180, 0.002, 500).event("one", 0,
                List.of(1.9), 127.7, 0, -1, 0);
        assertEquals("pulse 'one', shaped, 1 samples, B1max 250.0 Hz, carrier 1.900 ppm", Timeline.describe(single));
        assertEquals("gradient lobe on z, area -12.50 cycles/m", Timeline.describe(new Event.Gradient(2, -12.5)));
        assertEquals("free evolution", Timeline.describe(new Event.Delay(1)));
        assertEquals("keep coherence order -1", Timeline.describe(new Event.SelectCoherence(-1)));
        assertEquals("crusher, areas [0, 1]", Timeline.describe(new Event.Crusher(new int[] {0, 1})));
        assertEquals("acquire", Timeline.describe(new Event.Acquire()));
        assertEquals(0, Timeline.duration(new Event.Pulse("p", 1, 0)));
        assertEquals(0.001, Timeline.duration(sel), 1e-18);
    }
}
