package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.rf.PulseShapes;
import org.larmor.sequence.Event.Acquire;
import org.larmor.sequence.Event.Crusher;
import org.larmor.sequence.Event.Delay;
import org.larmor.sequence.Event.Pulse;
import org.larmor.sequence.Event.SelectCoherence;
import org.larmor.sequence.Templates.Selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each template's events against its definition in the paper, worked out by hand: pulse centres, delays between
 * them, the coherence orders kept and the crusher pairs; and finite pulses taken out of the delays either side.
 */
class TemplateTimingTest {
    static final Geometry NONSELECTIVE = new Geometry(null, 4.65, 0.5, 0);
    static final PulseSpec EXC = PulseSpec.ideal(90, 90);
    static final PulseSpec REF = PulseSpec.ideal(180, 0);

    /** A hard (rectangular) pulse of {@code durationS}: one sample, so its timing is all there is to it. */
    static PulseSpec hard(double flipDeg, double durationS, double bandwidthHz) {
        double b1 = flipDeg / 360 / durationS;
        return new PulseSpec(Math.toRadians(flipDeg), 0, PulseShapes.hard(), durationS, b1, bandwidthHz, "hard",
                Map.of());
    }

    static Pulse pulse(String label, double flipDeg, double phaseDeg) {
        return new Pulse(label, Math.toRadians(flipDeg), Math.toRadians(phaseDeg));
    }

    /** Centres of the pulses (from the start of the first) and the start of acquisition, in that order. */
    static List<Double> centres(List<Event> events) {
        List<Double> out = new ArrayList<>();
        for (Timeline.Entry e : Timeline.of(new Sequence.Variant("v", events)).entries()) {
            if (e.event() instanceof Pulse || e.event() instanceof Event.ShapedPulse || e.event() instanceof Acquire) {
                out.add(e.centreS());
            }
        }
        return out;
    }

    static void assertTimes(double[] expectedS, List<Double> actualS) {
        assertEquals(expectedS.length, actualS.size(), actualS.toString());
        for (int k = 0; k < expectedS.length; k++) {
            assertEquals(expectedS[k], actualS.get(k), 1e-12, "time " + k + " of " + actualS);
        }
    }

    static void assertGradient(int axis, double areaHzSPerM, Event e) {
        assertTrue(e instanceof Event.Gradient, String.valueOf(e));
        Event.Gradient g = (Event.Gradient) e;
        assertEquals(axis, g.axis(), g.toString());
        assertEquals(areaHzSPerM, g.areaHzSPerM(), 1e-9 * Math.abs(areaHzSPerM), g.toString());
    }

    @Test
    void pulseAcquireIsAnExcitationFilteredToMinusOneThenTheFid() {
        assertEquals(List.of(pulse("excitation", 90, 90), new SelectCoherence(-1), new Acquire()),
                Templates.pulseAcquire(EXC, NONSELECTIVE, Selection.FILTERS));
        assertEquals(List.of(pulse("excitation", 90, 90), new Acquire()),
                Templates.pulseAcquire(EXC, NONSELECTIVE, Selection.NONE));
    }

    @Test
    void hahnSpinEchoHasTheRefocusingPulseAtHalfTe() {
        double te = 0.030;
        assertEquals(List.of(pulse("excitation", 90, 90), new SelectCoherence(1), new Delay(0.015),
                        pulse("refocusing", 180, 0), new SelectCoherence(-1), new Delay(0.015), new Acquire()),
                Templates.spinEcho(te, EXC, REF, NONSELECTIVE, Selection.FILTERS));
        assertEquals(List.of(pulse("excitation", 90, 90), new Delay(0.015), new Crusher(new int[] {1}),
                        pulse("refocusing", 180, 0), new Crusher(new int[] {1}), new Delay(0.015), new Acquire()),
                Templates.spinEcho(te, EXC, REF, NONSELECTIVE, Selection.CRUSHERS));
    }

    @Test
    void pressRefocusesAtHalfTe1AndAtTe1PlusHalfTe2() {
        // Bottomley: 90 – TE1/2 – 180 – (TE1 + TE2)/2 – 180 – TE2/2 – echo. TE1 = 13, TE2 = 17 ms.
        List<Event> f = Templates.press(0.013, 0.017, EXC, REF, NONSELECTIVE, Selection.FILTERS);
        assertEquals(List.of(pulse("excitation", 90, 90), new SelectCoherence(-1), new Delay(0.0065),
                pulse("refocusing 1", 180, 0), new SelectCoherence(1), new Delay(0.015),
                pulse("refocusing 2", 180, 0), new SelectCoherence(-1), new Delay(0.0085), new Acquire()), f);
        assertTimes(new double[] {0, 0.0065, 0.013 + 0.0085, 0.030}, centres(f));
        List<Event> c = Templates.press(0.013, 0.017, EXC, REF, NONSELECTIVE, Selection.CRUSHERS);
        Crusher first = new Crusher(new int[] {1, 0});
        Crusher second = new Crusher(new int[] {0, 1});
        assertEquals(List.of(pulse("excitation", 90, 90), new Delay(0.0065), first, pulse("refocusing 1", 180, 0),
                first, new Delay(0.015), second, pulse("refocusing 2", 180, 0), second, new Delay(0.0085),
                new Acquire()), c);
    }

    @Test
    void finitePulsesComeOutOfTheDelaysOnEitherSide() {
        // 2 ms excitation, 4 ms refocusing pulses; TE1 = 20, TE2 = 10 ms. Centres stay at 0, 10, 25 ms; echo at 30.
        PulseSpec exc = hard(90, 0.002, 1000);
        PulseSpec ref = hard(180, 0.004, 1000);
        List<Event> ev = Templates.press(0.020, 0.010, exc, ref, NONSELECTIVE, Selection.NONE);
        List<Double> delays = ev.stream().filter(e -> e instanceof Delay).map(e -> ((Delay) e).durationS()).toList();
        assertEquals(List.of(0.007, 0.011, 0.003), delays, "10 − 1 − 2, 15 − 2 − 2, 5 − 2 ms, snapped to the decimal");
        assertTrue(ev.stream().noneMatch(e -> e instanceof Event.Gradient), "non-selective: no rephasing lobe");
        List<Double> t = centres(ev);
        // Timeline times run from the start of the excitation, whose centre is 1 ms in.
        assertTimes(new double[] {0.001, 0.011, 0.026, 0.031}, t);
        assertEquals(0.030, Timeline.of(new Sequence.Variant("v", ev)).impliedEchoTimeS(), 1e-12);
    }

    @Test
    void aGapExactlyFilledByItsPulsesHasNoDelayAndOneTooShortIsRefused() {
        // TE2/2 = 2 ms is exactly half the 4 ms refocusing pulse: no delay before acquisition.
        PulseSpec ref = hard(180, 0.004, 1000);
        List<Event> ev = Templates.press(0.020, 0.004, EXC, ref, NONSELECTIVE, Selection.NONE);
        assertTrue(ev.get(ev.size() - 2) instanceof Event.ShapedPulse, ev.toString());
        TimingException x = assertThrows(TimingException.class, () -> Templates.press(0.020, 0.003, EXC, ref,
                NONSELECTIVE, Selection.NONE));
        assertEquals("TE2/2 is 1.5 ms between pulse centres, 0.5 ms too short for the pulses (and crushers) on either"
                + " side", x.getMessage());
    }

    @Test
    void crusherTimeIsNeededBesideRefocusingPulsesOnly() {
        // crusher_ms 1: a pulse of ≥ 135° brings a lobe into each gap beside it; a 90° brings none.
        Geometry crush = new Geometry(null, 4.65, 0.5, 0.001);
        PulseSpec ref = hard(180, 0.004, 1000);
        // TE1/2 = 3 ms holds half the refocusing pulse (2 ms) and one lobe (1 ms), exactly.
        Templates.press(0.006, 0.030, EXC, ref, crush, Selection.CRUSHERS);
        TimingException x = assertThrows(TimingException.class, () -> Templates.press(0.0058, 0.030, EXC, ref, crush,
                Selection.CRUSHERS));
        assertTrue(x.getMessage().startsWith("TE1/2 is 2.9 ms between pulse centres, 0.1 ms too short"),
                x.getMessage());
        // (TE1 + TE2)/2 between two refocusing pulses needs two halves and two lobes: 6 ms.
        Templates.press(0.006, 0.006, EXC, ref, crush, Selection.CRUSHERS);
        x = assertThrows(TimingException.class, () -> Templates.press(0.006, 0.0058, EXC, ref, crush,
                Selection.CRUSHERS));
        assertTrue(x.getMessage().startsWith("(TE1 + TE2)/2 is 5.9 ms"), x.getMessage());
        // A 134° pulse is not a refocusing pulse: no lobe. 135° and −180° are.
        Templates.spinEcho(0.004, EXC, hard(134, 0.004, 1000), crush, Selection.CRUSHERS);
        x = assertThrows(TimingException.class, () -> Templates.spinEcho(0.004, EXC, hard(135, 0.004, 1000), crush,
                Selection.CRUSHERS));
        assertTrue(x.getMessage().startsWith("TE/2 is 2 ms between pulse centres, 1 ms too short"), x.getMessage());
        assertThrows(TimingException.class, () -> Templates.spinEcho(0.004, EXC, hard(-180, 0.004, 1000), crush,
                Selection.CRUSHERS));
    }

    @Test
    void steamStoresAfterHalfTeAndRecallsAfterTm() {
        // Frahm: 90 – TE/2 – 90 – TM – 90 – TE/2 – echo; orders +1, 0, −1. TE = 20, TM = 10 ms.
        PulseSpec third = PulseSpec.ideal(90, 270);
        List<Event> f = Templates.steam(0.020, 0.010, EXC, EXC, third, NONSELECTIVE, Selection.FILTERS);
        assertEquals(List.of(pulse("excitation", 90, 90), new SelectCoherence(1), new Delay(0.010),
                pulse("store", 90, 90), new SelectCoherence(0), new Delay(0.010), pulse("recall", 90, 270),
                new SelectCoherence(-1), new Delay(0.010), new Acquire()), f);
        assertTimes(new double[] {0, 0.010, 0.020, 0.030}, centres(f));
        Crusher te = new Crusher(new int[] {1, 0});
        Crusher tm = new Crusher(new int[] {0, 1});
        assertEquals(List.of(pulse("excitation", 90, 90), te, new Delay(0.010), pulse("store", 90, 90), tm,
                new Delay(0.010), pulse("recall", 90, 270), te, new Delay(0.010), new Acquire()),
                Templates.steam(0.020, 0.010, EXC, EXC, third, NONSELECTIVE, Selection.CRUSHERS));
    }

    @Test
    void semiLaserPlaysFourAdiabaticPulsesAtTheCumulativeSpacing() {
        double[] spacing = {0.005, 0.010, 0.010, 0.010, 0.005};
        List<Event> f = Templates.semiLaser(spacing, EXC, REF, NONSELECTIVE, Selection.FILTERS);
        assertTimes(new double[] {0, 0.005, 0.015, 0.025, 0.035, 0.040}, centres(f));
        assertEquals(List.of(-1, 1, -1, 1, -1), f.stream().filter(e -> e instanceof SelectCoherence)
                .map(e -> ((SelectCoherence) e).order()).toList());
        List<Event> c = Templates.semiLaser(spacing, EXC, REF, NONSELECTIVE, Selection.CRUSHERS);
        List<Event> crushers = c.stream().filter(e -> e instanceof Crusher).toList();
        assertEquals(List.of(new Crusher(new int[] {1, 0, 0, 0}), new Crusher(new int[] {1, 0, 0, 0}),
                new Crusher(new int[] {0, 1, 0, 0}), new Crusher(new int[] {0, 1, 0, 0}),
                new Crusher(new int[] {0, 0, 1, 0}), new Crusher(new int[] {0, 0, 1, 0}),
                new Crusher(new int[] {0, 0, 0, 1}), new Crusher(new int[] {0, 0, 0, 1})), crushers);
        assertEquals(List.of("excitation", "adiabatic 1", "adiabatic 2", "adiabatic 3", "adiabatic 4"),
                c.stream().filter(e -> e instanceof Pulse).map(e -> ((Pulse) e).label()).toList());
        List<Templates.BasePulse> base = Templates.semiLaserBase(spacing, EXC, REF);
        assertEquals(List.of("excitation", "adiabatic 1", "adiabatic 2", "adiabatic 3", "adiabatic 4"),
                base.stream().map(Templates.BasePulse::label).toList());
        // A 6 ms adiabatic pulse needs 3 ms after the excitation and 6 ms between two of them.
        double[] first = {0.002, 0.010, 0.010, 0.010, 0.005};
        TimingException x = assertThrows(TimingException.class, () -> Templates.semiLaser(first, EXC,
                hard(180, 0.006, 1000), NONSELECTIVE, Selection.NONE));
        assertTrue(x.getMessage().startsWith("interval 1 is 2 ms between pulse centres, 1 ms too short"),
                x.getMessage());
        double[] tight = {0.004, 0.005, 0.010, 0.010, 0.005};
        x = assertThrows(TimingException.class, () -> Templates.semiLaser(tight, EXC, hard(180, 0.006, 1000),
                NONSELECTIVE, Selection.NONE));
        assertTrue(x.getMessage().startsWith("interval 2 is 5 ms between pulse centres, 1 ms too short"),
                x.getMessage());
        assertTimes(new double[] {0, 0.005, 0.015, 0.025, 0.035}, base.stream().map(Templates.BasePulse::centreS)
                .toList());
        assertEquals(List.of(0, 1, 1, 2, 2), base.stream().map(Templates.BasePulse::axis).toList());
    }

    @Test
    void selectivePulsesSelectXYZWithGradientsFromTheirBandwidth() {
        // 20 × 25 × 30 mm voxel; 1 kHz excitation and 2 kHz refocusing bandwidths: G = BW / thickness.
        Geometry g = new Geometry(new double[] {0.020, 0.025, 0.030}, 3.0, 0.5, 0);
        PulseSpec exc = hard(90, 0.002, 1000);
        PulseSpec ref = hard(180, 0.004, 2000);
        List<Event> ev = Templates.press(0.020, 0.010, exc, ref, g, Selection.NONE);
        List<Event.ShapedPulse> pulses = ev.stream().filter(e -> e instanceof Event.ShapedPulse)
                .map(e -> (Event.ShapedPulse) e).toList();
        assertEquals(List.of(0, 1, 2), pulses.stream().map(Event.ShapedPulse::axis).toList());
        assertEquals(1000 / 0.020, pulses.get(0).gradientHzPerM(), 1e-9);
        assertEquals(2000 / 0.025, pulses.get(1).gradientHzPerM(), 1e-9);
        assertEquals(2000 / 0.030, pulses.get(2).gradientHzPerM(), 1e-9);
        assertEquals(3.0, pulses.get(0).carrierPpm());
        // The excitation's rephasing lobe: −½ of its slice gradient's area, G·T = 50 000 Hz/m · 2 ms = 100 cycles/m.
        assertGradient(0, -50, ev.get(1));
        // Ideal pulses stay ideal (and non-selective) in a selective geometry.
        assertTrue(Templates.press(0.020, 0.010, EXC, REF, g, Selection.NONE).stream()
                .noneMatch(e -> e instanceof Event.ShapedPulse || e instanceof Event.Gradient));
        // A rephase fraction of 0.25 scales the lobe.
        Geometry quarter = new Geometry(g.voxelM(), 3.0, 0.25, 0);
        assertGradient(0, -25, Templates.pulseAcquire(exc, quarter, Selection.NONE).get(1));
    }

    @Test
    void steamPrephasesItsStoringPulseAlongY() {
        // Before the store pulse (1 kHz, 2 ms, 25 mm along y): −½·(BW/thickness)·T = −½ · 40 000 · 0.002 cycles/m.
        Geometry g = new Geometry(new double[] {0.020, 0.025, 0.030}, 4.65, 0.5, 0);
        PulseSpec p = hard(90, 0.002, 1000);
        List<Event> ev = Templates.steam(0.020, 0.010, p, p, p, g, Selection.NONE);
        List<Event> grads = ev.stream().filter(e -> e instanceof Event.Gradient).toList();
        assertEquals(3, grads.size(), grads.toString());
        assertGradient(0, -0.5 * 50_000 * 0.002, grads.get(0));
        assertGradient(1, -0.5 * 40_000 * 0.002, grads.get(1));
        assertGradient(2, -0.5 * 1000 / 0.030 * 0.002, grads.get(2));
        int store = ev.indexOf(ev.stream().filter(e -> e instanceof Event.ShapedPulse sp && sp.label().equals("store"))
                .findFirst().orElseThrow());
        assertGradient(1, -40, ev.get(store - 1));
        // Ideal pulses: no prephasing lobe.
        assertTrue(Templates.steam(0.020, 0.010, EXC, EXC, EXC, g, Selection.NONE).stream()
                .noneMatch(e -> e instanceof Event.Gradient));
    }

    @Test
    void millisecondsArePrintedToTheMicrosecond() {
        assertEquals("8.5", Templates.ms(0.0085));
        assertEquals("30", Templates.ms(0.030));
        assertEquals("0.001", Templates.ms(0.0000012));
        assertEquals("5.55", Templates.ms(0.00555));
        assertEquals("-2.5", Templates.ms(-0.0025));
    }

    @Test
    void delaysAreSnappedToThePicosecond() {
        // (0.1 + 0.2)/2 ms is 1.5000000000000001e-4 s in doubles: the event holds the 0.15 ms that was meant.
        assertEquals(1.5000000000000001e-4, (0.0001 + 0.0002) / 2);
        List<Event> ev = Templates.press(0.0001, 0.0002, EXC, REF, NONSELECTIVE, Selection.NONE);
        assertEquals(new Delay(0.00015), ev.get(3));
        assertEquals(new Delay(0.00005), ev.get(1));
    }
}
