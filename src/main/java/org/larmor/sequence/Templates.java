package org.larmor.sequence;

import org.larmor.sequence.Event.Acquire;
import org.larmor.sequence.Event.Crusher;
import org.larmor.sequence.Event.Delay;
import org.larmor.sequence.Event.SelectCoherence;

import java.util.ArrayList;
import java.util.List;

/**
 * The named sequences, each a short list of steps that reads like its sequence diagram. Times are between pulse
 * centres; a shaped pulse's duration is taken out of the delays on either side, and a sequence whose pulses do not
 * fit its echo times is refused ({@link TimingException}). Acquisition starts at the echo top.
 *
 * <p>With a selective geometry, PRESS, STEAM and MEGA-PRESS select x, y, z with their first, second and third
 * pulses; sLASER selects x with its excitation, y with its first pair of adiabatic pulses and z with the second.
 * An excitation is followed by its rephasing lobe.
 *
 * <p>Coherence pathways (what crushers select): PRESS −1 → +1 → −1 and STEAM +1 → 0 → −1, as in the FSL-MRS
 * simulator's CoherenceFilter and in Moonen CTW et al., NMR Biomed 1989;2:201-208 (PRESS, STEAM comparison).
 */
public final class Templates {
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    private Templates() {
    }

    /** Pulse, then acquire: the FID (from the end of a shaped pulse). */
    public static List<Event> pulseAcquire(PulseSpec excitation, Geometry g) {
        Steps s = new Steps(g);
        s.excite("excitation", excitation, X);
        s.add(new SelectCoherence(-1));
        return s.acquire();
    }

    /** 90 – TE/2 – 180 – TE/2 – acquire (Hahn EL. Phys Rev 1950;80:580). */
    public static List<Event> spinEcho(double teS, PulseSpec excitation, PulseSpec refocusing, Geometry g) {
        Steps s = new Steps(g);
        s.excite("excitation", excitation, X);
        s.add(new SelectCoherence(+1));
        s.gap(teS / 2, excitation, refocusing, "TE/2");
        s.pulse("refocusing", refocusing, Y);
        s.add(new SelectCoherence(-1));
        s.gap(teS / 2, refocusing, null, "TE/2");
        return s.acquire();
    }

    /**
     * PRESS (Bottomley PA. US Patent 4,480,228, 1984; Ann NY Acad Sci 1987;508:333-348):
     * 90 – TE1/2 – 180 – (TE1+TE2)/2 – 180 – TE2/2 – acquire.
     */
    public static List<Event> press(double te1S, double te2S, PulseSpec excitation, PulseSpec refocusing, Geometry g) {
        Steps s = new Steps(g);
        s.excite("excitation", excitation, X);
        s.add(new SelectCoherence(-1));
        s.gap(te1S / 2, excitation, refocusing, "TE1/2");
        s.pulse("refocusing 1", refocusing, Y);
        s.add(new SelectCoherence(+1));
        s.gap((te1S + te2S) / 2, refocusing, refocusing, "(TE1 + TE2)/2");
        s.pulse("refocusing 2", refocusing, Z);
        s.add(new SelectCoherence(-1));
        s.gap(te2S / 2, refocusing, null, "TE2/2");
        return s.acquire();
    }

    /**
     * STEAM (Frahm J et al., J Magn Reson 1987;72:502-508): 90 – TE/2 – 90 – TM – 90 – TE/2 – acquire,
     * keeping the stimulated-echo pathway, which carries half the magnetisation.
     */
    public static List<Event> steam(double teS, double tmS, PulseSpec first, PulseSpec second, PulseSpec third,
                                    Geometry g) {
        Steps s = new Steps(g);
        s.excite("excitation", first, X);
        s.add(new SelectCoherence(+1));
        s.gap(teS / 2, first, second, "TE/2");
        s.prephase(second, Y);
        s.pulse("store", second, Y);
        s.add(new SelectCoherence(0));
        s.gap(tmS, second, third, "TM");
        s.excite("recall", third, Z);
        s.add(new SelectCoherence(-1));
        s.gap(teS / 2, third, null, "TE/2");
        return s.acquire();
    }

    /**
     * Semi-LASER (Scheenen TWJ et al., Magn Reson Med 2008;59:1-6; Öz G, Tkáč I. Magn Reson Med 2011;65:901-910):
     * a slice-selective excitation and two pairs of adiabatic full-passage refocusing pulses, the pairs selecting the
     * other two axes; pathway −1, +1, −1, +1, −1. {@code spacingS} are the five centre-to-centre intervals
     * (excitation → AFP 1 → AFP 2 → AFP 3 → AFP 4 → echo), summing to TE.
     */
    public static List<Event> semiLaser(double[] spacingS, PulseSpec excitation, PulseSpec afp, Geometry g) {
        Steps s = new Steps(g);
        s.excite("excitation", excitation, X);
        s.add(new SelectCoherence(-1));
        PulseSpec before = excitation;
        int[] axes = {Y, Y, Z, Z};
        for (int k = 0; k < 4; k++) {
            s.gap(spacingS[k], before, afp, "interval " + (k + 1));
            s.pulse("adiabatic " + (k + 1), afp, axes[k]);
            s.add(new SelectCoherence(k % 2 == 0 ? +1 : -1));
            before = afp;
        }
        s.gap(spacingS[4], afp, null, "interval 5");
        return s.acquire();
    }

    /**
     * MEGA-PRESS (Mescher M et al., NMR Biomed 1998;11:266-272): PRESS with two frequency-selective editing pulses
     * in the second echo period, centred {@code edit1S} and {@code edit2S} after the excitation. Refocusing of the
     * J-evolution of the edited coupling partner is complete when edit2 − edit1 = TE/2.
     *
     * <p>Pathways are selected as the gradients select them, by crusher pairs around each refocusing pulse and
     * around each editing pulse (one dephasing direction each), not by per-step order filters: a spin inside the
     * editing band is refocused by the editing pulses and so follows a different order path (−1, +1, −1, +1, −1)
     * than one outside (−1, +1, +1, −1, −1); the crusher pairs refocus both.
     *
     * @param edit the editing pulse of this condition, already an event (ideal band pulse or non-selective shaped)
     */
    public static List<Event> megaPress(double te1S, double te2S, PulseSpec excitation, PulseSpec refocusing,
                                        Event edit, double editDurationS, double edit1S, double edit2S, Geometry g) {
        double tR1 = te1S / 2;
        double tR2 = te1S + te2S / 2;
        double te = te1S + te2S;
        double hr = refocusing.durationS() / 2;
        double he = editDurationS / 2;
        Crusher aroundRefocusing1 = new Crusher(new int[] {1, 0, 0});
        Crusher aroundRefocusing2 = new Crusher(new int[] {0, 1, 0});
        Crusher aroundEdit = new Crusher(new int[] {0, 0, 1});
        Steps s = new Steps(g);
        s.excite("excitation", excitation, X);
        s.delay(tR1 - excitation.durationS() / 2 - hr, "excitation to refocusing 1", tR1);
        s.add(aroundRefocusing1);
        s.pulse("refocusing 1", refocusing, Y);
        s.add(aroundRefocusing1);
        s.delay(edit1S - tR1 - hr - he, "refocusing 1 to edit 1", edit1S - tR1);
        s.add(aroundEdit);
        s.add(relabel(edit, "edit 1"));
        s.add(aroundEdit);
        s.delay(tR2 - edit1S - he - hr, "edit 1 to refocusing 2", tR2 - edit1S);
        s.add(aroundRefocusing2);
        s.pulse("refocusing 2", refocusing, Z);
        s.add(aroundRefocusing2);
        s.delay(edit2S - tR2 - hr - he, "refocusing 2 to edit 2", edit2S - tR2);
        s.add(aroundEdit);
        s.add(relabel(edit, "edit 2"));
        s.add(aroundEdit);
        s.delay(te - edit2S - he, "edit 2 to the echo", te - edit2S);
        s.add(new SelectCoherence(-1));
        return s.acquire();
    }

    private static Event relabel(Event e, String label) {
        if (e instanceof Event.Pulse p) {
            return new Event.Pulse(label + (p.label().isEmpty() ? "" : " " + p.label()), p.flipRad(), p.phaseRad(),
                    p.band());
        }
        Event.ShapedPulse p = (Event.ShapedPulse) e;
        return new Event.ShapedPulse(label + (p.label().isEmpty() ? "" : " " + p.label()), p.b1Hz(), p.phaseRad(),
                p.durationS(), p.carrierPpm(), p.axis(), p.gradientHzPerM());
    }

    /** Builds an event list, turning pulse specs into events on their axes and checking every delay. */
    private static final class Steps {
        private final Geometry g;
        private final List<Event> events = new ArrayList<>();

        Steps(Geometry g) {
            this.g = g;
        }

        void add(Event e) {
            events.add(e);
        }

        void pulse(String label, PulseSpec p, int axis) {
            int a = g.selective() && !p.isIdeal() ? axis : -1;
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
            if (d > 0) {
                events.add(new Delay(d));
            }
        }

        private static void check(double d, String what, double spacingS) {
            if (d < -1e-12) {
                throw new TimingException(what + " is " + ms(spacingS) + " ms between pulse centres, " + ms(-d)
                        + " ms too short for the pulses (and crushers) on either side");
            }
        }

        /** Milliseconds with no more digits than needed (µs resolution). */
        private static String ms(double s) {
            return java.math.BigDecimal.valueOf(Math.round(s * 1e6) / 1e3).stripTrailingZeros().toPlainString();
        }

        List<Event> acquire() {
            events.add(new Acquire());
            return List.copyOf(events);
        }
    }
}
