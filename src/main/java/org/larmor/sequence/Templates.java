package org.larmor.sequence;

import org.larmor.sequence.Event.Acquire;
import org.larmor.sequence.Event.Crusher;
import org.larmor.sequence.Event.Delay;
import org.larmor.sequence.Event.SelectCoherence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The named sequences, each a short list of steps that reads like its sequence diagram. Times are between pulse
 * centres; a shaped pulse's duration is taken out of the delays on either side, and a sequence whose pulses do not
 * fit its echo times is refused ({@link TimingException}). Acquisition starts at the echo top.
 *
 * <p>With a selective geometry, PRESS, STEAM and MEGA-PRESS select x, y, z with their first, second and third
 * pulses; sLASER selects x with its excitation, y with its first pair of adiabatic pulses and z with the second.
 * An excitation is followed by its rephasing lobe.
 *
 * <p>Coherence pathways are selected as {@link Selection} says. Filters keep PRESS −1 → +1 → −1 and STEAM
 * +1 → 0 → −1 (as the FSL-MRS simulator's CoherenceFilter; Moonen CTW et al., NMR Biomed 1989;2:201-208). Crushers
 * are pairs of equal lobes around each refocusing pulse, each pair along its own dephasing direction, and STEAM's
 * TE and TM crushers: the gradients the scanner plays. For these sequences both select the same pathways (tested to
 * 1e-9); in edited sequences they do not, and only crushers (or none) are offered.
 */
public final class Templates {
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    private Templates() {
    }

    /** How unwanted coherence pathways are removed. */
    public enum Selection {
        /** Per-step coherence-order filters (an ideal phase cycle). */
        FILTERS,
        /** Crusher gradients by their areas (exact pathway bookkeeping in the strong-crusher limit). */
        CRUSHERS,
        /** None: every pathway is acquired (the convention of the reference MATLAB toolkit's edited simulations). */
        NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A crusher along dephasing direction {@code direction} (of {@code count}) with area {@code area}. */
    static Crusher crusher(int direction, int count, int area) {
        int[] a = new int[count];
        a[direction] = area;
        return new Crusher(a);
    }

    /** Pulse, then acquire: the FID (from the end of a shaped pulse). */
    public static List<Event> pulseAcquire(PulseSpec excitation, Geometry g, Selection sel) {
        Steps s = new Steps(g, sel);
        s.excite("excitation", excitation, X);
        s.filter(-1);
        return s.acquire();
    }

    /** 90 – TE/2 – 180 – TE/2 – acquire (Hahn EL. Phys Rev 1950;80:580). */
    public static List<Event> spinEcho(double teS, PulseSpec excitation, PulseSpec refocusing, Geometry g,
                                       Selection sel) {
        Steps s = new Steps(g, sel);
        s.excite("excitation", excitation, X);
        s.filter(+1);
        s.gap(teS / 2, excitation, refocusing, "TE/2");
        s.crushed("refocusing", refocusing, Y, crusher(0, 1, 1));
        s.filter(-1);
        s.gap(teS / 2, refocusing, null, "TE/2");
        return s.acquire();
    }

    /**
     * PRESS (Bottomley PA. US Patent 4,480,228, 1984; Ann NY Acad Sci 1987;508:333-348):
     * 90 – TE1/2 – 180 – (TE1+TE2)/2 – 180 – TE2/2 – acquire.
     */
    public static List<Event> press(double te1S, double te2S, PulseSpec excitation, PulseSpec refocusing, Geometry g,
                                    Selection sel) {
        Steps s = new Steps(g, sel);
        s.excite("excitation", excitation, X);
        s.filter(-1);
        s.gap(te1S / 2, excitation, refocusing, "TE1/2");
        s.crushed("refocusing 1", refocusing, Y, crusher(0, 2, 1));
        s.filter(+1);
        s.gap((te1S + te2S) / 2, refocusing, refocusing, "(TE1 + TE2)/2");
        s.crushed("refocusing 2", refocusing, Z, crusher(1, 2, 1));
        s.filter(-1);
        s.gap(te2S / 2, refocusing, null, "TE2/2");
        return s.acquire();
    }

    /**
     * STEAM (Frahm J et al., J Magn Reson 1987;72:502-508): 90 – TE/2 – 90 – TM – 90 – TE/2 – acquire,
     * keeping the stimulated-echo pathway, which carries half the magnetisation. Crushers: equal TE lobes in both
     * TE/2 periods (one direction) and a TM spoiler (another), which keep +1 → 0 → −1 and the zero-quantum terms.
     */
    public static List<Event> steam(double teS, double tmS, PulseSpec first, PulseSpec second, PulseSpec third,
                                    Geometry g, Selection sel) {
        Steps s = new Steps(g, sel);
        s.excite("excitation", first, X);
        s.filter(+1);
        s.crush(crusher(0, 2, 1));
        s.gap(teS / 2, first, second, "TE/2");
        s.prephase(second, Y);
        s.pulse("store", second, Y);
        s.filter(0);
        s.crush(crusher(1, 2, 1));
        s.gap(tmS, second, third, "TM");
        s.excite("recall", third, Z);
        s.filter(-1);
        s.crush(crusher(0, 2, 1));
        s.gap(teS / 2, third, null, "TE/2");
        return s.acquire();
    }

    /**
     * Semi-LASER (Scheenen TWJ et al., Magn Reson Med 2008;59:1-6; Öz G, Tkáč I. Magn Reson Med 2011;65:901-910):
     * a slice-selective excitation and two pairs of adiabatic full-passage refocusing pulses, the pairs selecting the
     * other two axes; pathway −1, +1, −1, +1, −1. {@code spacingS} are the five centre-to-centre intervals
     * (excitation → AFP 1 → AFP 2 → AFP 3 → AFP 4 → echo), summing to TE.
     */
    public static List<Event> semiLaser(double[] spacingS, PulseSpec excitation, PulseSpec afp, Geometry g,
                                        Selection sel) {
        Steps s = new Steps(g, sel);
        s.excite("excitation", excitation, X);
        s.filter(-1);
        PulseSpec before = excitation;
        int[] axes = {Y, Y, Z, Z};
        for (int k = 0; k < 4; k++) {
            s.gap(spacingS[k], before, afp, "interval " + (k + 1));
            s.crushed("adiabatic " + (k + 1), afp, axes[k], crusher(k, 4, 1));
            s.filter(k % 2 == 0 ? +1 : -1);
            before = afp;
        }
        s.gap(spacingS[4], afp, null, "interval 5");
        return s.acquire();
    }

    /**
     * One scan of ISIS (Ordidge RJ, Connelly A, Lohman JAB. J Magn Reson 1986;66:283-294): slab-selective inversions
     * along {@code axes}, {@code spacingS} apart (centre to centre), each on or off in this scan; TI from the last
     * inversion's centre to the centre of a non-selective excitation; the FID from the end of the excitation.
     *
     * <p>An inversion that is off is played with B1 factor 0: its slice gradient, its time and its axis on the
     * spatial grid stay, so every scan is averaged over the same positions (a dropped pulse would drop its axis
     * and normalise the scan to one point, and the outer volume would not cancel). At TI, Mz is −1 inside each
     * inverted slab and +1 outside, so Σ over the 2^k scans of (−1)^(inversions on)·scan keeps only the voxel.
     * Each inversion is followed by a spoiler (a filter keeping order 0, or a crusher along its own direction).
     *
     * @param axes  the inverted axes, 0, 1, 2 (x, y, z), in playing order
     * @param on    for each of {@code axes}: the inversion is on in this scan
     */
    public static List<Event> isis(int[] axes, boolean[] on, double spacingS, double tiS, PulseSpec inversion,
                                   PulseSpec excitation, Geometry g, Selection sel) {
        Steps s = new Steps(g, sel);
        for (int k = 0; k < axes.length; k++) {
            if (k > 0) {
                s.gap(spacingS, inversion, inversion, "inversion spacing");
            }
            s.pulse("inversion " + "xyz".charAt(axes[k]), inversion, axes[k]);
            if (!on[k]) {
                s.scaleLast(0);
            }
            // The spoiler after each inversion: the transverse remnant an inversion leaves at its slab edges must not
            // reach the excitation. Each spoiler has a direction of its own, so no two can refocus it as an echo.
            s.filter(0);
            s.crush(crusher(k, axes.length, 1));
        }
        s.gap(tiS, inversion, excitation, "TI");
        // Non-selective: the voxel is the inversions' business.
        s.excite("excitation", excitation, -1);
        s.filter(-1);
        return s.acquire();
    }

    /** A pulse of an edited sequence's base (excitation or refocusing), at its centre time from the excitation. */
    public record BasePulse(String label, PulseSpec spec, double centreS, int axis) {
    }

    /** The base of an edited sequence: PRESS (Mescher et al. 1998) or semi-LASER (Andreychenko et al. 2012). */
    public static List<BasePulse> pressBase(double te1S, double te2S, PulseSpec excitation, PulseSpec refocusing) {
        return List.of(new BasePulse("excitation", excitation, 0, X),
                new BasePulse("refocusing 1", refocusing, te1S / 2, Y),
                new BasePulse("refocusing 2", refocusing, te1S + te2S / 2, Z));
    }

    /** The semi-LASER base: excitation and four adiabatic pulses at the cumulative {@code spacingS}. */
    public static List<BasePulse> semiLaserBase(double[] spacingS, PulseSpec excitation, PulseSpec afp) {
        List<BasePulse> out = new ArrayList<>();
        out.add(new BasePulse("excitation", excitation, 0, X));
        double t = 0;
        int[] axes = {Y, Y, Z, Z};
        for (int k = 0; k < 4; k++) {
            t += spacingS[k];
            out.add(new BasePulse("adiabatic " + (k + 1), afp, t, axes[k]));
        }
        return out;
    }

    /**
     * An edited sequence (MEGA-PRESS: Mescher M et al., NMR Biomed 1998;11:266-272; MEGA-sLASER: Andreychenko A et
     * al., Magn Reson Med 2012;68:1018-1025; HERMES: Saleh MG et al., NeuroImage 2016;142:576-582; HERCULES:
     * Oeltzschner G et al., NeuroImage 2019;185:181-190): a base sequence with frequency-selective editing pulses
     * centred at {@code editTimesS} from the excitation. An editing pulse of a condition may be null (that condition
     * plays none; the timing stays). Refocusing of the J-evolution of the edited coupling partner is complete when the
     * two editing pulses are TE/2 apart.
     *
     * <p>With crushers, each base refocusing pulse has a pair along its own direction and the editing pulses share one
     * more, with signs such that a spin outside the editing band (whose order the editing pulses leave alone) is
     * refocused as well as one inside it, which follows another order path. Per-step order filters would drop the
     * in-band path, so they are refused.
     */
    public static List<Event> edited(List<BasePulse> base, double teS, List<Event> edits, double[] editTimesS,
                                     double editDurationS, Geometry g, Selection sel) {
        if (sel == Selection.FILTERS) {
            throw new IllegalArgumentException("per-step coherence filters drop the spins inside an editing band;"
                    + " use crushers or none");
        }
        record Item(String label, double centreS, double durationS, PulseSpec spec, Event edit, int axis,
                    int index) {
        }
        List<Item> items = new ArrayList<>();
        for (int k = 0; k < base.size(); k++) {
            BasePulse b = base.get(k);
            items.add(new Item(b.label(), b.centreS(), b.spec().durationS(), b.spec(), null, b.axis(), k));
        }
        for (int k = 0; k < editTimesS.length; k++) {
            items.add(new Item("edit " + (k + 1), editTimesS[k], editDurationS, null, edits.get(k), -1, -1 - k));
        }
        items.sort(Comparator.comparingDouble(Item::centreS));
        if (items.get(0).index() != 0) {
            throw new TimingException("edit 1 at " + ms(items.get(0).centreS()) + " ms comes before the excitation");
        }
        int refocusing = base.size() - 1;
        int directions = refocusing + 1;
        // Order of the wanted pathway in each period: −1 after the excitation, sign flipped by each refocusing pulse.
        int order = -1;
        List<Integer> editOrder = new ArrayList<>();
        for (Item it : items) {
            if (it.index() > 0) {
                order = -order;
            } else if (it.index() < 0) {
                editOrder.add(order);
            }
        }
        Steps s = new Steps(g, sel);
        order = -1;
        int editsSeen = 0;
        double crusherS = g.crusherS();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            boolean crushedHere = it.index() != 0;
            if (i > 0) {
                Item prev = items.get(i - 1);
                boolean prevCrushed = prev.index() != 0;
                double spacing = it.centreS() - prev.centreS();
                double free = spacing - prev.durationS() / 2 - it.durationS() / 2;
                double lobes = crusherS * ((prevCrushed ? 1 : 0) + (crushedHere ? 1 : 0));
                if (free - lobes < -1e-12) {
                    throw new TimingException(it.label() + " (centre " + ms(it.centreS()) + " ms) overlaps "
                            + prev.label() + " (centre " + ms(prev.centreS()) + " ms) by " + ms(lobes - free)
                            + " ms: their centres are " + ms(spacing) + " ms apart, they need " + ms(
                            prev.durationS() / 2 + it.durationS() / 2 + lobes) + " ms"
                            + (lobes > 0 ? " with the crusher lobes" : ""));
                }
                s.delay(free, prev.label() + " to " + it.label(), spacing);
            }
            if (it.index() == 0) {
                s.excite(it.label(), it.spec(), it.axis());
            } else if (it.index() > 0) {
                s.crushed(it.label(), it.spec(), it.axis(), crusher(it.index() - 1, directions, 1));
                order = -order;
            } else {
                // The editing pulses' common direction, signed so that Σ area·order = 0 outside the band.
                int sign = editsSeen == 0 ? 1 : -editOrder.get(0) * editOrder.get(editsSeen);
                Crusher c = crusher(refocusing, directions, sign);
                if (it.edit() != null) {
                    s.crush(c);
                    s.add(relabel(it.edit(), it.label()));
                    s.crush(c);
                }
                editsSeen++;
            }
        }
        Item last = items.get(items.size() - 1);
        double free = teS - last.centreS() - last.durationS() / 2;
        double lobes = last.index() != 0 ? crusherS : 0;
        if (free - lobes < -1e-12) {
            throw new TimingException(last.label() + " (centre " + ms(last.centreS()) + " ms) does not end before"
                    + " the echo at TE = " + ms(teS) + " ms: " + ms(lobes - free) + " ms too late");
        }
        s.delay(free, last.label() + " to the echo", teS - last.centreS());
        return s.acquire();
    }

    private static Event relabel(Event e, String label) {
        if (e instanceof Event.Pulse p) {
            return p.withLabel(label + (p.label().isEmpty() ? "" : " " + p.label()));
        }
        Event.ShapedPulse p = (Event.ShapedPulse) e;
        return p.withLabel(label + (p.label().isEmpty() ? "" : " " + p.label()));
    }

    /** Milliseconds with no more digits than needed (µs resolution). */
    static String ms(double s) {
        return java.math.BigDecimal.valueOf(Math.round(s * 1e6) / 1e3).stripTrailingZeros().toPlainString();
    }

    /** Builds an event list, turning pulse specs into events on their axes and checking every delay. */
    private static final class Steps {
        private final Geometry g;
        private final Selection sel;
        private final List<Event> events = new ArrayList<>();

        Steps(Geometry g, Selection sel) {
            this.g = g;
            this.sel = sel;
        }

        void add(Event e) {
            events.add(e);
        }

        /** A coherence-order filter, when pathways are selected by filters. */
        void filter(int order) {
            if (sel == Selection.FILTERS) {
                events.add(new SelectCoherence(order));
            }
        }

        /** A crusher lobe, when pathways are selected by crushers. */
        void crush(Crusher c) {
            if (sel == Selection.CRUSHERS) {
                events.add(c);
            }
        }

        /** A refocusing pulse with its pair of crusher lobes. */
        void crushed(String label, PulseSpec p, int axis, Crusher c) {
            crush(c);
            pulse(label, p, axis);
            crush(c);
        }

        /** The last event, a shaped pulse, with its B1 scaled (0: off, its slice gradient still on). */
        void scaleLast(double factor) {
            Event.ShapedPulse p = (Event.ShapedPulse) events.remove(events.size() - 1);
            events.add(p.withB1Factor(factor));
        }

        void pulse(String label, PulseSpec p, int axis) {
            int a = g.selective() && !p.isIdeal() && axis >= 0 ? axis : -1;
            events.add(p.event(label, g.carrierPpm(), a, a >= 0 ? g.voxelM()[a] : 0));
        }

        /** A slice-selective excitation is followed by its rephasing lobe (−fraction of its gradient's area). */
        void excite(String label, PulseSpec p, int axis) {
            pulse(label, p, axis);
            Event e = events.get(events.size() - 1);
            if (e instanceof Event.ShapedPulse sp && sp.axis() >= 0) {
                events.add(new Event.Gradient(sp.axis(), -g.rephaseFraction() * sp.gradientHzPerM()
                        * sp.totalDurationS()));
            }
        }

        /** Before a slice-selective storing pulse: the lobe that pre-compensates its first half (STEAM). */
        void prephase(PulseSpec p, int axis) {
            if (g.selective() && !p.isIdeal()) {
                double grad = p.bandwidthHz() / g.voxelM()[axis];
                events.add(new Event.Gradient(axis, -0.5 * grad * p.durationS()));
            }
        }

        /**
         * Free evolution between two pulse centres {@code spacingS} apart (next null: the echo). Each refocusing pulse
         * (flip ≥ 135°) on either side brings a crusher lobe of {@link Geometry#crusherS} into the gap.
         */
        void gap(double spacingS, PulseSpec before, PulseSpec next, String what) {
            double crushers = g.crusherS() * (refocusing(before) + (next == null ? 0 : refocusing(next)));
            double free = spacingS - before.durationS() / 2 - (next == null ? 0 : next.durationS() / 2);
            check(free - crushers, what, spacingS);
            // Crushers are instantaneous pathway selection here; the time they take is free evolution.
            delay(free, what, spacingS);
        }

        private static int refocusing(PulseSpec p) {
            return Math.abs(p.flipRad()) >= Math.toRadians(135) ? 1 : 0;
        }

        void delay(double d, String what, double spacingS) {
            check(d, what, spacingS);
            // Snapped to the picosecond: 5.55 ms rather than the 5.549999999999999 ms of its floating-point sum,
            // so that an expanded event list reads as it was meant (a change of < 1e-15 s, far below any physics).
            double snapped = new java.math.BigDecimal(d).setScale(12, java.math.RoundingMode.HALF_EVEN).doubleValue();
            if (snapped > 0) {
                events.add(new Delay(snapped));
            }
        }

        private static void check(double d, String what, double spacingS) {
            if (d < -1e-12) {
                throw new TimingException(what + " is " + ms(spacingS) + " ms between pulse centres, " + ms(-d)
                        + " ms too short for the pulses (and crushers) on either side");
            }
        }

        List<Event> acquire() {
            events.add(new Acquire());
            return List.copyOf(events);
        }
    }
}
