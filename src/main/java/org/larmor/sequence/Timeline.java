package org.larmor.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When each event of a variant happens: start and duration from the start of the first pulse, and the echo time it
 * implies (centre of the first pulse to the start of acquisition). This is how a user checks a vendor's timing
 * before simulating it; events that cannot fit were already refused when the sequence was read.
 *
 * @param entries one per event, in order
 */
public record Timeline(List<Entry> entries) {

    /** @param startS start time, s; @param durationS duration, s (0 for instantaneous events) */
    public record Entry(double startS, double durationS, Event event, String description) {
        public double centreS() {
            return startS + durationS / 2;
        }
    }

    /** The timeline of a 1H sub-experiment (gradients shown in mT/m with the proton γ). */
    public static Timeline of(Sequence.Variant v) {
        return of(v, org.larmor.spin.Nucleus.H1);
    }

    /** The timeline of a sub-experiment observing {@code nucleus}: slice gradients converted with its γ. */
    public static Timeline of(Sequence.Variant v, org.larmor.spin.Nucleus nucleus) {
        List<Entry> out = new ArrayList<>();
        double t = 0;
        for (Event e : v.events()) {
            double d = duration(e);
            out.add(new Entry(t, d, e, describe(e, nucleus)));
            t += d;
        }
        return new Timeline(out);
    }

    /** Centre of the first pulse to the start of acquisition: the echo time the events imply (the FID: 0). */
    public double impliedEchoTimeS() {
        Entry first = null;
        for (Entry e : entries) {
            if (e.event() instanceof Event.Pulse || e.event() instanceof Event.ShapedPulse) {
                first = e;
                break;
            }
        }
        Entry acq = entries.get(entries.size() - 1);
        if (first == null) {
            return Double.NaN;
        }
        int pulses = (int) entries.stream().filter(e -> e.event() instanceof Event.Pulse
                || e.event() instanceof Event.ShapedPulse).count();
        return pulses == 1 ? 0 : acq.startS() - first.centreS();
    }

    static double duration(Event e) {
        if (e instanceof Event.Delay d) {
            return d.durationS();
        }
        if (e instanceof Event.ShapedPulse p) {
            return p.totalDurationS();
        }
        return 0;
    }

    static String describe(Event e) {
        return describe(e, org.larmor.spin.Nucleus.H1);
    }

    /** One line per event; a slice gradient G (Hz/m of the observed nucleus) is shown as G/(γ/2π) in mT/m. */
    static String describe(Event e, org.larmor.spin.Nucleus nucleus) {
        if (e instanceof Event.Pulse p) {
            StringBuilder bands = new StringBuilder();
            for (Event.Band b : p.bands()) {
                bands.append(String.format(Locale.ROOT, ", band %.3f ppm ± %.1f Hz", b.centerPpm(), b.widthHz() / 2));
            }
            return String.format(Locale.ROOT, "pulse '%s', ideal, %.1f° phase %.1f°%s", p.label(),
                    Math.toDegrees(p.flipRad()), Math.toDegrees(p.phaseRad()), bands);
        }
        if (e instanceof Event.ShapedPulse p) {
            double peak = 0;
            for (double b : p.b1Hz()) {
                peak = Math.max(peak, b);
            }
            String bands = p.origin() == null || p.origin().bandsPpm().size() < 2 ? "" : ", bands "
                    + p.origin().bandsPpm() + " ppm";
            return String.format(Locale.ROOT, "pulse '%s', shaped, %d samples, B1max %.1f Hz, carrier %.3f ppm%s%s",
                    p.label(), p.b1Hz().length, peak, p.carrierPpm(), bands, p.axis() < 0 ? ""
                            : String.format(Locale.ROOT, ", selects %c (%.1f mT/m)", "xyz".charAt(p.axis()),
                            p.gradientHzPerM() / nucleus.gammaHzPerT() * 1e3));
        }
        if (e instanceof Event.Gradient g) {
            return String.format(Locale.ROOT, "gradient lobe on %c, area %.4g cycles/m", "xyz".charAt(g.axis()),
                    g.areaHzSPerM());
        }
        if (e instanceof Event.Delay) {
            return "free evolution";
        }
        if (e instanceof Event.SelectCoherence s) {
            return "keep coherence order " + s.order();
        }
        if (e instanceof Event.Crusher c) {
            return "crusher, areas " + java.util.Arrays.toString(c.area());
        }
        return "acquire";
    }
}
