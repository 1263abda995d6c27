package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event.Crusher;
import org.larmor.sequence.Event.Pulse;
import org.larmor.sequence.Templates.Selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edited sequences (MEGA-PRESS, MEGA-sLASER) built from their base pulses and editing pulses: the crusher layout is
 * checked against the pathway bookkeeping it must satisfy (Σ area × coherence order = 0 along every direction, for a
 * spin outside the editing band and for one inside it), and the timing against the pulse and crusher lengths added
 * by hand.
 */
class EditedTemplateTest {
    static final PulseSpec EXC = PulseSpec.ideal(90, 90);
    static final PulseSpec REF = PulseSpec.ideal(180, 0);
    static final Geometry NONSELECTIVE = new Geometry(null, 4.65, 0.5, 0);
    static final Pulse EDIT = new Pulse("ON", Math.PI, 0, List.of(new Event.Band(1.9, 60)));

    static List<Event> mega(double te1, double te2, double[] editTimes, Geometry g) {
        return Templates.edited(Templates.pressBase(te1, te2, EXC, REF), te1 + te2, List.of(EDIT, EDIT), editTimes, 0,
                g, Selection.CRUSHERS);
    }

    /**
     * Σ area × order along each crusher direction for the pathway −1 after the excitation, flipped by every
     * non-selective 180° and, when {@code inBand}, by the band-selective editing pulses too.
     */
    static int[] dephasing(List<Event> events, boolean inBand) {
        int[] sum = new int[Event.Crusher.MAX_DIRECTIONS];
        int order = 0;
        for (Event e : events) {
            if (e instanceof Pulse p) {
                if (Math.abs(p.flipRad() - Math.PI / 2) < 1e-12) {
                    order = -1;
                } else if (p.bands().isEmpty() || inBand) {
                    order = -order;
                }
            } else if (e instanceof Crusher c) {
                for (int k = 0; k < c.area().length; k++) {
                    sum[k] += c.area()[k] * order;
                }
            }
        }
        return sum;
    }

    static List<Crusher> crushers(List<Event> events) {
        return events.stream().filter(e -> e instanceof Crusher).map(e -> (Crusher) e).toList();
    }

    @Test
    void megaPressCrushersRefocusSpinsInsideAndOutsideTheEditingBand() {
        // TE1 = 17, TE2 = 51 ms; default editing pulses at 42.5 ∓ 17 ms: one each side of the second refocusing pulse.
        List<Event> ev = mega(0.017, 0.051, new double[] {0.0255, 0.0595}, NONSELECTIVE);
        Crusher r1 = new Crusher(new int[] {1, 0, 0});
        Crusher r2 = new Crusher(new int[] {0, 1, 0});
        Crusher e = new Crusher(new int[] {0, 0, 1});
        assertEquals(List.of(r1, r1, e, e, r2, r2, e, e), crushers(ev));
        assertEquals(0, Arrays.stream(dephasing(ev, false)).map(Math::abs).sum());
        assertEquals(0, Arrays.stream(dephasing(ev, true)).map(Math::abs).sum());
    }

    @Test
    void editingPulsesInOnePeriodGetOppositeCrusherSigns() {
        // Both editing pulses between the refocusing pulses (8.5 and 42.5 ms), where the order is +1: outside the
        // band the two pairs' windings, 2 × (+1) × s1 and 2 × (+1) × s2, cancel only if s2 = −s1.
        List<Event> ev = mega(0.017, 0.051, new double[] {0.015, 0.035}, NONSELECTIVE);
        List<Crusher> c = crushers(ev);
        assertEquals(List.of(new Crusher(new int[] {1, 0, 0}), new Crusher(new int[] {1, 0, 0}),
                new Crusher(new int[] {0, 0, 1}), new Crusher(new int[] {0, 0, 1}),
                new Crusher(new int[] {0, 0, -1}), new Crusher(new int[] {0, 0, -1}),
                new Crusher(new int[] {0, 1, 0}), new Crusher(new int[] {0, 1, 0})), c);
        assertEquals(0, Arrays.stream(dephasing(ev, false)).map(Math::abs).sum());
        assertEquals(0, Arrays.stream(dephasing(ev, true)).map(Math::abs).sum());
    }

    @Test
    void megaSlaserGivesEachAdiabaticPulseItsDirectionAndTheEditsAFifth() {
        double te = 0.080;
        double[] spacing = {te / 8, te / 4, te / 4, te / 4, te / 8};
        // Defaults: midway between AFP 1 and 2 (20 ms), and TE/2 later (60 ms).
        List<Event> ev = Templates.edited(Templates.semiLaserBase(spacing, EXC, REF), te, List.of(EDIT, EDIT),
                new double[] {0.020, 0.060}, 0, NONSELECTIVE, Selection.CRUSHERS);
        List<Crusher> c = crushers(ev);
        assertEquals(12, c.size());
        for (Crusher x : c) {
            assertEquals(5, x.area().length, x.toString());
        }
        assertEquals(new Crusher(new int[] {0, 0, 0, 0, 1}), c.get(2), c.toString());
        assertEquals(new Crusher(new int[] {0, 0, 0, 1, 0}), c.get(c.size() - 1), c.toString());
        assertEquals(0, Arrays.stream(dephasing(ev, false)).map(Math::abs).sum());
        assertEquals(0, Arrays.stream(dephasing(ev, true)).map(Math::abs).sum());
        // Delays add up to TE and put every pulse at its centre.
        List<Double> centres = TemplateTimingTest.centres(ev);
        TemplateTimingTest.assertTimes(new double[] {0, 0.010, 0.020, 0.030, 0.050, 0.060, 0.070, 0.080}, centres);
    }

    @Test
    void aConditionWithoutAnEditingPulseKeepsTheTiming() {
        List<Event> on = mega(0.017, 0.051, new double[] {0.0255, 0.0595}, NONSELECTIVE);
        List<Event> off = Templates.edited(Templates.pressBase(0.017, 0.051, EXC, REF), 0.068,
                Arrays.asList(null, null), new double[] {0.0255, 0.0595}, 0, NONSELECTIVE, Selection.CRUSHERS);
        assertTrue(off.stream().noneMatch(e -> e instanceof Pulse p && !p.bands().isEmpty()));
        assertEquals(4, crushers(off).size(), "only the refocusing pairs");
        List<Double> onDelays = delays(on);
        List<Double> offDelays = delays(off);
        assertEquals(onDelays, offDelays);
        // 8.5 to refocusing 1, then 17 to edit 1, 17 to refocusing 2 (42.5), 17 to edit 2, 8.5 to the echo.
        assertEquals(List.of(0.0085, 0.017, 0.017, 0.017, 0.0085), onDelays);
        TemplateTimingTest.assertTimes(new double[] {0, 0.0085, 0.0255, 0.0425, 0.0595, 0.068},
                TemplateTimingTest.centres(on));
    }

    static List<Double> delays(List<Event> ev) {
        List<Double> out = new ArrayList<>();
        for (Event e : ev) {
            if (e instanceof Event.Delay d) {
                out.add(d.durationS());
            }
        }
        return out;
    }

    @Test
    void editingPulsesAreLabelledByTheirPlaceAndCondition() {
        List<Event> ev = mega(0.017, 0.051, new double[] {0.0255, 0.0595}, NONSELECTIVE);
        assertEquals(List.of("excitation", "refocusing 1", "edit 1 ON", "refocusing 2", "edit 2 ON"),
                ev.stream().filter(e -> e instanceof Pulse).map(e -> ((Pulse) e).label()).toList());
        Pulse unnamed = new Pulse("", Math.PI, 0, List.of(new Event.Band(1.9, 60)));
        List<Event> bare = Templates.edited(Templates.pressBase(0.017, 0.051, EXC, REF), 0.068,
                List.of(unnamed, unnamed), new double[] {0.0255, 0.0595}, 0, NONSELECTIVE, Selection.NONE);
        assertEquals(List.of("excitation", "refocusing 1", "edit 1", "refocusing 2", "edit 2"),
                bare.stream().filter(e -> e instanceof Pulse).map(e -> ((Pulse) e).label()).toList());
        assertTrue(crushers(bare).isEmpty(), "no crushers with selection none");
        // A shaped editing pulse is relabelled the same way.
        Event.ShapedPulse shaped = (Event.ShapedPulse) TemplateTimingTest.hard(180, 0.002, 100).event("OFF", 7.5, -1,
                0);
        Event.ShapedPulse shapedBare = shaped.withLabel("");
        for (Event.ShapedPulse sp : List.of(shaped, shapedBare)) {
            List<Event> s = Templates.edited(Templates.pressBase(0.017, 0.051, EXC, REF), 0.068, List.of(sp, sp),
                    new double[] {0.0255, 0.0595}, 0.002, NONSELECTIVE, Selection.NONE);
            String suffix = sp.label().isEmpty() ? "" : " OFF";
            assertEquals(List.of("edit 1" + suffix, "edit 2" + suffix), s.stream()
                    .filter(e -> e instanceof Event.ShapedPulse).map(e -> ((Event.ShapedPulse) e).label()).toList());
            // The 2 ms editing pulses take 1 ms out of each delay beside them.
            assertEquals(List.of(0.0085, 0.016, 0.016, 0.016, 0.0075), delays(s));
        }
    }

    @Test
    void refocusingPulsesNeedTheirCrusherLobesBesideThem() {
        // crusher_ms 1, a 4 ms refocusing pulse: excitation → refocusing 1 needs 2 ms + one lobe = 3 ms.
        Geometry g = new Geometry(null, 4.65, 0.5, 0.001);
        PulseSpec ref = TemplateTimingTest.hard(180, 0.004, 1000);
        double[] edits = {0.012, 0.050};
        Templates.edited(Templates.pressBase(0.006, 0.060, EXC, ref), 0.066, List.of(EDIT, EDIT), edits, 0, g,
                Selection.CRUSHERS);
        TimingException x = assertThrows(TimingException.class, () -> Templates.edited(Templates.pressBase(0.0058,
                0.060, EXC, ref), 0.0658, List.of(EDIT, EDIT), edits, 0, g, Selection.CRUSHERS));
        assertEquals("refocusing 1 (centre 2.9 ms) overlaps excitation (centre 0 ms) by 0.1 ms: their centres are 2.9"
                + " ms apart, they need 3 ms with the crusher lobes", x.getMessage());
    }

    @Test
    void anEditingPulseBesideARefocusingPulseNeedsBothHalvesAndTwoLobes() {
        // Refocusing 1 at 3 ms (4 ms long), a 2 ms editing pulse: 2 + 1 + 2 × 1 ms lobes = 5 ms between centres.
        Geometry g = new Geometry(null, 4.65, 0.5, 0.001);
        PulseSpec ref = TemplateTimingTest.hard(180, 0.004, 1000);
        List<Templates.BasePulse> base = Templates.pressBase(0.006, 0.060, EXC, ref);
        Templates.edited(base, 0.066, List.of(EDIT, EDIT), new double[] {0.008, 0.041}, 0.002, g, Selection.CRUSHERS);
        TimingException x = assertThrows(TimingException.class, () -> Templates.edited(base, 0.066,
                List.of(EDIT, EDIT), new double[] {0.0075, 0.041}, 0.002, g, Selection.CRUSHERS));
        assertEquals("edit 1 (centre 7.5 ms) overlaps refocusing 1 (centre 3 ms) by 0.5 ms: their centres are 4.5 ms"
                + " apart, they need 5 ms with the crusher lobes", x.getMessage());
        // Without crushers the message says nothing of lobes: 3 ms needed, 2.5 ms given.
        x = assertThrows(TimingException.class, () -> Templates.edited(base, 0.066, List.of(EDIT, EDIT),
                new double[] {0.0055, 0.041}, 0.002, NONSELECTIVE, Selection.CRUSHERS));
        assertEquals("edit 1 (centre 5.5 ms) overlaps refocusing 1 (centre 3 ms) by 0.5 ms: their centres are 2.5 ms"
                + " apart, they need 3 ms", x.getMessage());
    }

    @Test
    void theLastPulseAndItsLobeMustEndBeforeTheEcho() {
        // Edit 2 (2 ms) at 64 ms with TE = 66 ms: 1 ms half-pulse + 1 ms lobe fits exactly; at 64.5 ms it is 0.5 ms late.
        Geometry g = new Geometry(null, 4.65, 0.5, 0.001);
        List<Templates.BasePulse> base = Templates.pressBase(0.006, 0.060, EXC, REF);
        List<Event> ok = Templates.edited(base, 0.066, List.of(EDIT, EDIT), new double[] {0.012, 0.064}, 0.002, g,
                Selection.CRUSHERS);
        assertEquals(0.001, delays(ok).get(delays(ok).size() - 1), 1e-15);
        TimingException x = assertThrows(TimingException.class, () -> Templates.edited(base, 0.066,
                List.of(EDIT, EDIT), new double[] {0.012, 0.0645}, 0.002, g, Selection.CRUSHERS));
        assertEquals("edit 2 (centre 64.5 ms) does not end before the echo at TE = 66 ms: 0.5 ms too late",
                x.getMessage());
        x = assertThrows(TimingException.class, () -> Templates.edited(base, 0.066, List.of(EDIT, EDIT),
                new double[] {0.012, 0.0655}, 0.002, NONSELECTIVE, Selection.CRUSHERS));
        assertEquals("edit 2 (centre 65.5 ms) does not end before the echo at TE = 66 ms: 0.5 ms too late",
                x.getMessage());
    }

    @Test
    void anEditingPulseBeforeTheExcitationOrFiltersAreRefused() {
        TimingException x = assertThrows(TimingException.class, () -> mega(0.017, 0.051,
                new double[] {-0.001, 0.030}, NONSELECTIVE));
        assertEquals("edit 1 at -1 ms comes before the excitation", x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Templates.edited(Templates.pressBase(0.017, 0.051, EXC,
                REF), 0.068, List.of(EDIT, EDIT), new double[] {0.0255, 0.0595}, 0, NONSELECTIVE, Selection.FILTERS));
    }
}
