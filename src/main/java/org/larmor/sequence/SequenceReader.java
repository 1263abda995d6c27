package org.larmor.sequence;

import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;
import org.larmor.input.FileNames;
import org.larmor.input.Sha256;
import org.larmor.sequence.Event.Band;
import org.larmor.sequence.Event.Pulse;
import org.larmor.sequence.Sequence.Combination;
import org.larmor.sequence.Sequence.Timing;
import org.larmor.sequence.Sequence.Variant;
import org.larmor.spin.Nucleus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sequence YAML (schema in {@code docs/sequences.md}), expands its template into the event model and
 * checks units, ranges and timing. Milliseconds exist only here: everything returned is in seconds and hertz.
 */
public final class SequenceReader {
    private static final Set<String> COMMON = Set.of("name", "description", "source", "notes", "template", "b0_t",
            "nucleus", "acquisition", "voxel_mm", "spatial", "carrier_ppm", "b1_scale", "rephase_fraction",
            "crusher_ms");
    /** Longest echo, mixing or delay time accepted, in ms: a guard against ms/s/µs mix-ups. */
    private static final double MAX_TIME_MS = 10_000;

    private SequenceReader() {
    }

    public static Sequence read(Path file) {
        return parse(file.toString(), YamlReader.text(file));
    }

    public static Sequence parse(String source, String text) {
        YamlMap m = YamlReader.read(source, text).asMap();
        String template = m.string("template");
        Set<String> own = switch (template) {
            case "pulse_acquire" -> Set.of("excitation");
            case "spin_echo" -> Set.of("te_ms", "excitation", "refocusing");
            case "press" -> Set.of("te_ms", "te1_ms", "te2_ms", "excitation", "refocusing");
            case "steam" -> Set.of("te_ms", "tm_ms", "excitation", "store", "recall");
            case "mega_press" -> Set.of("te_ms", "te1_ms", "te2_ms", "excitation", "refocusing", "editing");
            case "semi_laser" -> Set.of("te_ms", "spacing_ms", "excitation", "refocusing");
            case "events" -> Set.of("te_ms", "tm_ms", "events", "variants", "combinations");
            default -> throw m.require("template").error("unknown template \"" + template
                    + "\"; known: pulse_acquire, spin_echo, press, steam, mega_press, semi_laser, events");
        };
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(own);
        m.allowOnly(allowed);

        String name = m.string("name", FileNames.stem(source));
        String description = m.string("description", "");
        double b0 = m.number("b0_t", 0.01, 30, "T");
        Nucleus nucleus = Nucleus.H1;
        if (m.has("nucleus")) {
            YamlNode nn = m.require("nucleus");
            nucleus = Nucleus.parse(nn.asString()).orElseThrow(() -> nn.error("unknown nucleus \"" + nn.asString()
                    + "\""));
        }
        Acquisition acq = acquisition(m.map("acquisition"), nucleus);

        Path baseDir = Path.of(source).toAbsolutePath().getParent();
        double refPpm = acq.referencePpm();
        double carrier = m.number("carrier_ppm", -300, 300, "ppm", refPpm);
        double[] voxel = null;
        if (m.has("voxel_mm")) {
            voxel = m.list("voxel_mm").requireSize(3).asDoubles(0.1, 1000, "mm");
            for (int k = 0; k < 3; k++) {
                voxel[k] *= 1e-3;
            }
        }
        Geometry geometry = new Geometry(voxel, carrier, m.number("rephase_fraction", 0, 1, "", 0.5),
                m.number("crusher_ms", 0, 100, "ms", 0) * 1e-3);
        double b1Scale = m.number("b1_scale", 0.01, 10, "", 1.0);

        List<Variant> variants = new ArrayList<>();
        List<Combination> combinations = new ArrayList<>();
        Timing timing;
        YamlNode timingNode = m.has("te_ms") ? m.require("te_ms") : m.has("te1_ms") ? m.require("te1_ms") : m;
        try {
            switch (template) {
                case "pulse_acquire" -> {
                    variants.add(new Variant("main", Templates.pulseAcquire(
                            PulseSpecReader.read(m, "excitation", 90, 90, baseDir), geometry)));
                    timing = new Timing(0, Double.NaN);
                }
                case "spin_echo" -> {
                    double te = ms(m, "te_ms");
                    variants.add(new Variant("main", Templates.spinEcho(te,
                            PulseSpecReader.read(m, "excitation", 90, 90, baseDir),
                            PulseSpecReader.read(m, "refocusing", 180, 0, baseDir), geometry)));
                    timing = new Timing(te, Double.NaN);
                }
                case "press" -> {
                    double[] te = pressTimes(m);
                    variants.add(new Variant("main", Templates.press(te[0], te[1],
                            PulseSpecReader.read(m, "excitation", 90, 90, baseDir),
                            PulseSpecReader.read(m, "refocusing", 180, 0, baseDir), geometry)));
                    timing = new Timing(te[0] + te[1], Double.NaN);
                }
                case "steam" -> {
                    double te = ms(m, "te_ms");
                    double tm = ms(m, "tm_ms");
                    variants.add(new Variant("main", Templates.steam(te, tm,
                            PulseSpecReader.read(m, "excitation", 90, 90, baseDir),
                            PulseSpecReader.read(m, "store", 90, 90, baseDir),
                            PulseSpecReader.read(m, "recall", 90, 270, baseDir), geometry)));
                    timing = new Timing(te, tm);
                }
                case "semi_laser" -> {
                    double te = ms(m, "te_ms");
                    double[] spacing;
                    if (m.has("spacing_ms")) {
                        YamlList sp = m.list("spacing_ms").requireSize(5);
                        spacing = sp.asDoubles(0, MAX_TIME_MS, "ms");
                        double sum = 0;
                        for (int k = 0; k < 5; k++) {
                            spacing[k] *= 1e-3;
                            sum += spacing[k];
                        }
                        if (Math.abs(sum - te) > 1e-9) {
                            throw sp.error("the five intervals must add up to TE = " + fmtMs(te) + " ms, they add up to "
                                    + fmtMs(sum) + " ms");
                        }
                        timingNode = sp;
                    } else {
                        spacing = new double[] {te / 8, te / 4, te / 4, te / 4, te / 8};
                    }
                    variants.add(new Variant("main", Templates.semiLaser(spacing,
                            PulseSpecReader.read(m, "excitation", 90, 90, baseDir),
                            PulseSpecReader.read(m, "refocusing", 180, 0, baseDir), geometry)));
                    timing = new Timing(te, Double.NaN);
                }
                case "mega_press" -> timing = megaPress(m, b0, nucleus, variants, combinations, geometry, baseDir);
                default -> timing = events(m, variants, combinations);
            }
        } catch (TimingException e) {
            throw timingNode.error(e.getMessage());
        }
        Localisation localisation = null;
        boolean selective = variants.stream().flatMap(v -> v.events().stream())
                .anyMatch(e -> e instanceof Event.ShapedPulse sp && sp.axis() >= 0 || e instanceof Event.Gradient);
        if (selective) {
            localisation = localisation(m, voxel);
        } else if (m.has("spatial")) {
            throw m.require("spatial").error("'spatial' needs slice-selective shaped pulses and voxel_mm; with ideal"
                    + " pulses every position gives the same signal");
        }
        return new Sequence(name, description, template, b0, nucleus, acq, variants, combinations, timing,
                m.toPlain(), source, Sha256.hex(text), localisation, b1Scale);
    }

    /** The spatial grid: positions per axis over a field of view fov_factor × the voxel. */
    private static Localisation localisation(YamlMap m, double[] voxel) {
        if (voxel == null) {
            throw m.error("slice-selective pulses need voxel_mm: [x, y, z]");
        }
        int[] n = {64, 64, 64};
        double factor = 2.0;
        boolean full3d = false;
        if (m.has("spatial")) {
            YamlMap sp = m.map("spatial").allowOnly("positions", "fov_factor", "method");
            if (sp.has("positions")) {
                YamlNode pn = sp.require("positions");
                if (pn instanceof YamlList pl) {
                    pl.requireSize(3);
                    for (int k = 0; k < 3; k++) {
                        n[k] = pl.get(k).asInt();
                    }
                } else {
                    java.util.Arrays.fill(n, sp.integer("positions", 1, 4096));
                }
            }
            for (int k = 0; k < 3; k++) {
                if (n[k] < 1 || n[k] > 4096) {
                    throw sp.require("positions").error("positions per axis must be 1 to 4096");
                }
            }
            factor = sp.number("fov_factor", 1, 20, "", factor);
            String method = sp.string("method", "projection");
            if (!method.equals("projection") && !method.equals("full_3d")) {
                throw sp.require("method").error("expected 'projection' (1D projection, Zhang et al. 2017) or"
                        + " 'full_3d', got \"" + method + "\"");
            }
            full3d = method.equals("full_3d");
        }
        double[] fov = new double[3];
        for (int k = 0; k < 3; k++) {
            fov[k] = voxel[k] * factor;
        }
        return new Localisation(voxel, fov, n, full3d);
    }

    private static Acquisition acquisition(YamlMap a, Nucleus nucleus) {
        a.allowOnly("points", "spectral_width_hz", "reference_ppm", "lorentzian_fwhm_hz", "gaussian_fwhm_hz");
        int points = a.integer("points", 16, 1 << 20);
        double sw = a.number("spectral_width_hz", 100, 1e6, "Hz");
        double ref;
        if (a.has("reference_ppm")) {
            ref = a.number("reference_ppm", -300, 300, "ppm");
        } else if (nucleus == Nucleus.H1) {
            ref = 4.65;
        } else {
            throw a.error("missing required field 'reference_ppm' (the default 4.65 ppm applies to 1H only)");
        }
        double lw = a.number("lorentzian_fwhm_hz", 0, 1000, "Hz", 0);
        double gw = a.number("gaussian_fwhm_hz", 0, 1000, "Hz", 0);
        return new Acquisition(points, sw, ref, lw, gw);
    }

    /** TE1 and TE2 in seconds; TE, if written, must be their sum. */
    private static double[] pressTimes(YamlMap m) {
        double te1 = ms(m, "te1_ms");
        double te2 = ms(m, "te2_ms");
        if (m.has("te_ms")) {
            double te = ms(m, "te_ms");
            if (Math.abs(te - (te1 + te2)) > 1e-9) {
                throw m.require("te_ms").error("TE must equal TE1 + TE2 = " + fmtMs(te1 + te2) + " ms, got "
                        + fmtMs(te) + " ms");
            }
        }
        return new double[] {te1, te2};
    }

    private static Timing megaPress(YamlMap m, double b0, Nucleus nucleus, List<Variant> variants,
                                    List<Combination> combinations, Geometry geometry, Path baseDir) {
        double[] te = pressTimes(m);
        double te1 = te[0];
        double te2 = te[1];
        double total = te1 + te2;
        PulseSpec exc = PulseSpecReader.read(m, "excitation", 90, 90, baseDir);
        PulseSpec ref = PulseSpecReader.read(m, "refocusing", 180, 0, baseDir);
        YamlMap e = m.map("editing").allowOnly("on_ppm", "off_ppm", "bandwidth_hz", "flip_deg", "phase_deg",
                "times_ms", "shape", "file", "duration_ms", "samples", "truncation", "lobes", "hamming", "b1_max_hz");
        double on = e.number("on_ppm", -300, 300, "ppm");
        double off = e.number("off_ppm", -300, 300, "ppm");
        double hzPerPpm = nucleus.larmorHz(b0) * 1e-6;
        boolean ideal = !e.has("shape") && !e.has("file");
        PulseSpec editSpec = ideal ? null : PulseSpecReader.read(m, "editing", 180, 0, baseDir,
                Set.of("on_ppm", "off_ppm", "times_ms"));
        double bw;
        if (ideal) {
            bw = e.number("bandwidth_hz", 0.1, 1e5, "Hz");
        } else {
            bw = editSpec.bandwidthHz();
        }
        double editDuration = ideal ? 0 : editSpec.durationS();
        double refocus2 = te1 + te2 / 2;
        double t1;
        double t2;
        if (e.has("times_ms")) {
            YamlList times = e.list("times_ms").requireSize(2);
            t1 = times.get(0).asDoubleIn(0, MAX_TIME_MS, "ms") * 1e-3;
            t2 = times.get(1).asDoubleIn(0, MAX_TIME_MS, "ms") * 1e-3;
            if (!(t1 > te1 / 2 && t1 < refocus2)) {
                throw times.get(0).error("the first editing pulse must lie between the refocusing pulses, i.e. after "
                        + fmtMs(te1 / 2) + " ms and before " + fmtMs(refocus2) + " ms from the excitation; got "
                        + fmtMs(t1) + " ms");
            }
            if (!(t2 > refocus2 && t2 < total)) {
                throw times.get(1).error("the second editing pulse must lie between the second refocusing pulse and"
                        + " the echo, i.e. after " + fmtMs(refocus2) + " ms and before " + fmtMs(total)
                        + " ms from the excitation; got " + fmtMs(t2) + " ms");
            }
        } else {
            // Symmetric about the second refocusing pulse and TE/2 apart: J-refocusing of the edited partner is complete.
            t1 = refocus2 - total / 4;
            t2 = refocus2 + total / 4;
            if (!(t2 < total)) {
                throw m.require("te1_ms").error("with TE1 ≥ TE2 the default editing-pulse placement (second refocusing"
                        + " pulse ± TE/4) does not fit before the echo; give editing.times_ms");
            }
        }
        if (Math.abs(on - off) * hzPerPpm < bw) {
            throw e.require("off_ppm").error("ON and OFF editing bands overlap (" + on + " and " + off + " ppm, "
                    + String.format(java.util.Locale.ROOT, "%.1f", bw) + " Hz wide at "
                    + String.format(java.util.Locale.ROOT, "%.2f", hzPerPpm) + " MHz)");
        }
        for (String cond : List.of("ON", "OFF")) {
            double centre = cond.equals("ON") ? on : off;
            Event edit;
            if (ideal) {
                double flip = Math.toRadians(e.number("flip_deg", -720, 720, "degrees", 180));
                double phase = Math.toRadians(e.number("phase_deg", -360, 360, "degrees", 0));
                edit = new Pulse(cond, flip, phase, new Band(centre, bw));
            } else {
                edit = editSpec.event(cond, centre, -1, 0);
            }
            try {
                variants.add(new Variant(cond, Templates.megaPress(te1, te2, exc, ref, edit, editDuration, t1, t2,
                        geometry)));
            } catch (TimingException x) {
                throw (e.has("times_ms") ? e.require("times_ms") : m.require("te1_ms")).error(x.getMessage());
            }
        }
        Map<String, Double> diff = new LinkedHashMap<>();
        diff.put("ON", 1.0);
        diff.put("OFF", -1.0);
        combinations.add(new Combination("DIFF", diff));
        return new Timing(total, Double.NaN);
    }

    private static Timing events(YamlMap m, List<Variant> variants, List<Combination> combinations) {
        if (m.has("events") == m.has("variants")) {
            throw m.error("write either 'events' (one acquisition) or 'variants' (several, e.g. ON and OFF), not "
                    + (m.has("events") ? "both" : "neither"));
        }
        double implied;
        if (m.has("events")) {
            List<Event> ev = eventList(m.list("events"));
            variants.add(new Variant("main", ev));
            implied = totalDelay(ev);
        } else {
            YamlMap vs = m.map("variants");
            implied = Double.NaN;
            for (String name : vs.keys()) {
                List<Event> ev = eventList(vs.list(name));
                variants.add(new Variant(name, ev));
                implied = totalDelay(ev);
            }
            if (variants.isEmpty()) {
                throw vs.error("expected at least one variant");
            }
        }
        if (m.has("combinations")) {
            YamlMap cs = m.map("combinations");
            for (String name : cs.keys()) {
                YamlMap w = cs.map(name);
                Map<String, Double> weights = new LinkedHashMap<>();
                for (String v : w.keys()) {
                    if (variants.stream().noneMatch(x -> x.name().equals(v))) {
                        throw w.require(v).error("combination names variant \"" + v + "\", which is not defined");
                    }
                    weights.put(v, w.require(v).asDoubleIn(-1e6, 1e6, ""));
                }
                combinations.add(new Combination(name, weights));
            }
        }
        double te = m.has("te_ms") ? ms(m, "te_ms") : implied;
        double tm = m.has("tm_ms") ? ms(m, "tm_ms") : Double.NaN;
        return new Timing(te, tm);
    }

    private static double totalDelay(List<Event> events) {
        return events.stream().filter(e -> e instanceof Event.Delay).mapToDouble(e -> ((Event.Delay) e).durationS())
                .sum();
    }

    private static List<Event> eventList(YamlList list) {
        List<Event> out = new ArrayList<>();
        int pulses = 0;
        for (YamlNode item : list.items()) {
            YamlMap one = item.asMap();
            if (one.keys().size() != 1) {
                throw item.error("each event is a map with one key (pulse, delay, crusher, select_coherence or acquire), got "
                        + one.keys());
            }
            String kind = one.keys().iterator().next();
            if (!out.isEmpty() && out.get(out.size() - 1) instanceof Event.Acquire) {
                throw item.error("no event may follow 'acquire'");
            }
            switch (kind) {
                case "pulse" -> {
                    YamlMap p = one.map("pulse").allowOnly("flip_deg", "phase_deg", "label", "band");
                    pulses++;
                    Band band = null;
                    if (p.has("band")) {
                        YamlMap b = p.map("band").allowOnly("center_ppm", "width_hz");
                        band = new Band(b.number("center_ppm", -300, 300, "ppm"),
                                b.number("width_hz", 0.1, 1e5, "Hz"));
                    }
                    out.add(new Pulse(p.string("label", "pulse " + pulses),
                            Math.toRadians(p.number("flip_deg", -720, 720, "degrees")),
                            Math.toRadians(p.number("phase_deg", -360, 360, "degrees", 0)), band));
                }
                case "delay" -> {
                    YamlMap d = one.map("delay").allowOnly("duration_ms");
                    YamlNode v = d.require("duration_ms");
                    double ms = v.asDouble();
                    if (ms < 0) {
                        throw v.error("a delay cannot be negative, got " + fmtMs(ms * 1e-3) + " ms");
                    }
                    out.add(new Event.Delay(v.asDoubleIn(0, MAX_TIME_MS, "ms") * 1e-3));
                }
                case "crusher" -> {
                    YamlMap c = one.map("crusher").allowOnly("area");
                    YamlList area = c.list("area");
                    if (area.size() < 1 || area.size() > 3) {
                        throw area.error("expected 1 to 3 integer areas (one per dephasing direction), got "
                                + area.size());
                    }
                    int[] a = new int[3];
                    for (int k = 0; k < area.size(); k++) {
                        a[k] = area.get(k).asInt();
                        if (Math.abs(a[k]) > 16) {
                            throw area.get(k).error("crusher areas are small integers in relative units (|area| ≤ 16)");
                        }
                    }
                    out.add(new Event.Crusher(a));
                }
                case "select_coherence" -> {
                    YamlMap s = one.map("select_coherence").allowOnly("order");
                    out.add(new Event.SelectCoherence(s.integer("order", -64, 64)));
                }
                case "acquire" -> {
                    YamlNode a = one.require("acquire");
                    if (!(a instanceof YamlMap am && am.keys().isEmpty())) {
                        throw a.error("acquire takes no parameters here (they live under 'acquisition'); write"
                                + " 'acquire: {}'");
                    }
                    out.add(new Event.Acquire());
                }
                default -> throw item.error("unknown event '" + kind
                        + "'; known: pulse, delay, crusher, select_coherence, acquire");
            }
        }
        if (out.isEmpty() || !(out.get(out.size() - 1) instanceof Event.Acquire)) {
            throw list.error("the event list must end with 'acquire: {}'");
        }
        if (pulses == 0) {
            throw list.error("the event list has no pulse: nothing would be excited");
        }
        return out;
    }

    /** A time in ms, checked for sign and magnitude, returned in seconds. */
    private static double ms(YamlMap m, String key) {
        YamlNode v = m.require(key);
        double ms = v.asDouble();
        if (ms <= 0) {
            throw v.error("must be a positive time in milliseconds, got " + YamlMapFmt.fmt(ms));
        }
        if (ms > MAX_TIME_MS) {
            throw v.error("expected at most " + (long) MAX_TIME_MS + " ms, got " + YamlMapFmt.fmt(ms)
                    + " ms (is it in µs or s rather than ms?)");
        }
        return ms * 1e-3;
    }

    private static String fmtMs(double s) {
        return YamlMapFmt.fmt(Math.round(s * 1e9) / 1e6);
    }



    /** Number formatting for messages. */
    private static final class YamlMapFmt {
        static String fmt(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }
    }
}
