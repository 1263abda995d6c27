package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequence files: templates expand into events; bad units and impossible timings are refused clearly. */
class SequenceReaderTest {
    static final String ACQ = "acquisition: {points: 2048, spectral_width_hz: 4000}\n";

    static InputException fails(String yaml) {
        return assertThrows(InputException.class, () -> SequenceReader.parse("seq.yaml", yaml));
    }

    @Test
    void pressExpandsIntoTheGeneralEventListWithSiUnits() {
        Sequence s = SequenceReader.parse("p.yaml", "template: press\nb0_t: 2.89\nte1_ms: 13\nte2_ms: 17\n" + ACQ);
        assertEquals(0.030, s.timing().echoTimeS(), 1e-15);
        List<Event> ev = s.variants().get(0).events();
        double total = ev.stream().filter(e -> e instanceof Event.Delay).mapToDouble(e -> ((Event.Delay) e)
                .durationS()).sum();
        assertEquals(0.030, total, 1e-15, "delays add up to TE");
        assertEquals(3, ev.stream().filter(e -> e instanceof Event.Pulse).count());
        assertTrue(ev.get(ev.size() - 1) instanceof Event.Acquire);
        assertEquals(4.65, s.acquisition().referencePpm());
        assertEquals(2.5e-4, s.acquisition().dwellS(), 1e-18);
    }

    @Test
    void aHandWrittenEventListEqualsTheTemplateItSpellsOut() {
        Sequence t = SequenceReader.parse("t.yaml", "template: spin_echo\nb0_t: 3\nte_ms: 30\n" + ACQ);
        Sequence e = SequenceReader.parse("e.yaml", "template: events\nb0_t: 3\nevents:\n"
                + "  - pulse: {label: excitation, flip_deg: 90, phase_deg: 90}\n"
                + "  - select_coherence: {order: 1}\n  - delay: {duration_ms: 15}\n"
                + "  - pulse: {label: refocusing, flip_deg: 180}\n  - select_coherence: {order: -1}\n"
                + "  - delay: {duration_ms: 15}\n  - acquire: {}\n" + ACQ);
        assertEquals(t.variants().get(0).events(), e.variants().get(0).events());
        assertEquals(0.030, e.timing().echoTimeS(), 1e-15);
    }

    @Test
    void megaPressHasOnOffAndTheirDifference() {
        Sequence s = SequenceReader.parse("m.yaml", "template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80}\n" + ACQ);
        assertEquals(List.of("ON", "OFF"), s.variants().stream().map(Sequence.Variant::name).toList());
        assertEquals("DIFF", s.combinations().get(0).name());
        // Default editing pulses: second refocusing pulse ± TE/4, so TE/2 apart.
        double[] times = new double[2];
        double t = 0;
        int k = 0;
        for (Event e : s.variants().get(0).events()) {
            if (e instanceof Event.Delay d) {
                t += d.durationS();
            } else if (e instanceof Event.Pulse p && !p.bands().isEmpty()) {
                times[k++] = t;
            }
        }
        assertEquals(0.068 / 2, times[1] - times[0], 1e-12);
        assertEquals(0.017 + 0.051 / 2 - 0.068 / 4, times[0], 1e-12);
    }

    @Test
    void timesInTheWrongUnitAreRefused() {
        InputException e = fails("template: spin_echo\nb0_t: 3\nte_ms: 35000000\n" + ACQ);
        assertEquals("te_ms", e.field());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("is it in µs or s rather than ms?"), e.getMessage());
        InputException tesla = fails("template: spin_echo\nb0_t: 123.2\nte_ms: 30\n" + ACQ);
        assertTrue(tesla.getMessage().contains("expected a value from 0.01 to 30 T, got 123.2"), tesla.getMessage());
    }

    @Test
    void negativeAndImpossibleTimingsAreRefused() {
        InputException neg = fails("template: spin_echo\nb0_t: 3\nte_ms: -30\n" + ACQ);
        assertTrue(neg.getMessage().contains("must be a positive time"), neg.getMessage());
        InputException sum = fails("template: press\nb0_t: 3\nte_ms: 30\nte1_ms: 40\nte2_ms: 17\n" + ACQ);
        assertTrue(sum.getMessage().contains("TE must equal TE1 + TE2 = 57 ms, got 30 ms"), sum.getMessage());
        assertEquals("te_ms", sum.field());
        InputException delay = fails("template: events\nb0_t: 3\nevents:\n  - pulse: {flip_deg: 90}\n"
                + "  - delay: {duration_ms: -5}\n  - acquire: {}\n" + ACQ);
        assertTrue(delay.getMessage().contains("a delay cannot be negative"), delay.getMessage());
        assertEquals(5, delay.location().line());
        // A 14 ms editing pulse centred 6.5 ms after the first refocusing pulse overlaps it by 0.5 ms.
        InputException edit = fails("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, shape: gaussian, duration_ms: 14, times_ms: [15, 60]}\n"
                + ACQ);
        assertTrue(edit.getMessage().contains("edit 1 (centre 15 ms) overlaps refocusing 1 (centre 8.5 ms) by 0.5 ms"),
                edit.getMessage());
        assertEquals("editing.times_ms", edit.field());
        assertEquals(5, edit.location().line());
        InputException tooLongTe1 = fails("template: mega_press\nb0_t: 3\nte1_ms: 51\nte2_ms: 17\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80}\n" + ACQ);
        assertTrue(tooLongTe1.getMessage().contains("give editing.times_ms"), tooLongTe1.getMessage());
    }

    @Test
    void structuralMistakesAreNamed() {
        InputException tmpl = fails("template: prss\nb0_t: 3\n" + ACQ);
        assertTrue(tmpl.getMessage().contains("unknown template \"prss\""), tmpl.getMessage());
        InputException key = fails("template: spin_echo\nb0_t: 3\nte_ms: 30\nte1_ms: 10\n" + ACQ);
        assertEquals("te1_ms", key.field());
        InputException acq = fails("template: spin_echo\nb0_t: 3\nte_ms: 30\n");
        assertEquals("acquisition", acq.field());
        InputException noAcquire = fails("template: events\nb0_t: 3\nevents:\n  - pulse: {flip_deg: 90}\n" + ACQ);
        assertTrue(noAcquire.getMessage().contains("must end with 'acquire: {}'"), noAcquire.getMessage());
        InputException after = fails("template: events\nb0_t: 3\nevents:\n  - pulse: {flip_deg: 90}\n"
                + "  - acquire: {}\n  - delay: {duration_ms: 1}\n" + ACQ);
        assertTrue(after.getMessage().contains("no event may follow 'acquire'"), after.getMessage());
        InputException overlap = fails("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 2.1, bandwidth_hz: 80}\n" + ACQ);
        assertTrue(overlap.getMessage().contains("bands overlap"), overlap.getMessage());
    }

    @Test
    void aStatedSliceBandwidthFarFromThePulsesOwnProfileIsRefused() {
        InputException e = fails("template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 10\nvoxel_mm: [20, 20, 20]\n"
                + "refocusing: {shape: sinc, lobes: 3, duration_ms: 4.4, bandwidth_hz: 1310, flip_deg: 180}\n" + ACQ);
        assertEquals("refocusing.bandwidth_hz", e.field());
        assertTrue(e.getMessage().contains("differs by more than 10 % from this pulse's simulated refocusing profile"
                + " FWHM"), e.getMessage());
        // Within 10 %: accepted (e.g. a vendor's own bandwidth definition).
        SequenceReader.parse("ok.yaml", "template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 10\nvoxel_mm: [20, 20, 20]\n"
                + "refocusing: {shape: sinc, lobes: 3, duration_ms: 4.4, bandwidth_hz: 950, flip_deg: 180}\n" + ACQ);
    }

    @Test
    void crushersMustFitBetweenThePulses() {
        String press = "template: press\nb0_t: 3\nte1_ms: 12\nte2_ms: 18\n"
                + "refocusing: {shape: sinc, lobes: 3, duration_ms: 4, flip_deg: 180}\n" + ACQ;
        // TE1/2 = 6 ms holds half the 4 ms refocusing pulse (2 ms) and a crusher of up to 4 ms.
        Sequence ok = SequenceReader.parse("ok.yaml", press + "crusher_ms: 3.5\n");
        assertEquals(0.030, Timeline.of(ok.variants().get(0)).impliedEchoTimeS(), 1e-12);
        InputException e = fails(press + "crusher_ms: 4.5\n");
        assertTrue(e.getMessage().contains("TE1/2 is 6 ms between pulse centres, 0.5 ms too short for the pulses (and"
                + " crushers)"), e.getMessage());
    }

    @Test
    void everyShippedSequenceReads() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("sequences"))) {
            List<java.nio.file.Path> list = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(list.size() >= 6);
            for (java.nio.file.Path p : list) {
                Sequence s = SequenceReader.read(p);
                assertTrue(s.b0T() > 1 && s.b0T() < 12, p.toString());
            }
        }
    }
}
