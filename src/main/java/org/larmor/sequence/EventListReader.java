package org.larmor.sequence;

import org.larmor.input.InputException;
import org.larmor.input.Units;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlRewrite;
import org.larmor.input.YamlScalar;
import org.larmor.sequence.Sequence.Combination;
import org.larmor.sequence.Sequence.Indirect;
import org.larmor.sequence.Sequence.Timing;
import org.larmor.sequence.Sequence.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The general event model as YAML ({@code template: events}; schema in docs/sequences.md): ideal and shaped pulses
 * (with bands, carrier and slice), gradients, crushers, delays, coherence filters and the acquisition; named
 * parameters with {@code $name} / {@code ${expression}} in any value; conditions that set parameters (or carry their
 * own event lists); combinations; and, as Larmor writes expanded sequences, an indirect dimension with one event
 * list per increment.
 */
final class EventListReader {
    static final Set<String> KEYS = Set.of("te_ms", "tm_ms", "events", "parameters", "conditions", "combinations",
            "indirect");
    private static final Set<String> AXES = Set.of("x", "y", "z");

    /** The conditions, combinations, indirect dimension and header times of an event-list file. */
    record Result(List<Variant> variants, List<Combination> combinations, Indirect indirect, Timing timing) {
    }

    private EventListReader() {
    }

    static Result read(YamlMap m, TemplateCatalog.Context c) {
        Map<String, YamlNode> defaults = new LinkedHashMap<>();
        if (m.has("parameters")) {
            YamlMap p = m.map("parameters");
            for (String k : p.keys()) {
                YamlScalar s = p.require(k).asScalar();
                if (!s.isNumber() && !s.isBoolean()) {
                    throw s.error("a parameter is a number or true/false, got " + s.describe());
                }
                defaults.put(k, s);
            }
        }
        Indirect indirect = m.has("indirect") ? indirect(m.map("indirect")) : null;
        List<Variant> variants = new ArrayList<>();
        if (m.has("conditions")) {
            YamlMap cs = m.map("conditions");
            if (cs.keys().isEmpty()) {
                throw cs.error("expected at least one condition");
            }
            for (String name : cs.keys()) {
                YamlMap cond = cs.map(name);
                Map<String, YamlNode> params = new LinkedHashMap<>(defaults);
                for (String k : cond.keys()) {
                    if (k.equals("events") || k.equals("increments")) {
                        continue;
                    }
                    if (!defaults.containsKey(k)) {
                        throw new InputException(cond.keyLocation(k), cond.childPath(k), "condition " + name
                                + " sets parameter '" + k + "', which is not declared under 'parameters'"
                                + (defaults.isEmpty() ? "" : " (declared: " + String.join(", ", defaults.keySet())
                                + ")"));
                    }
                    YamlScalar s = cond.require(k).asScalar();
                    if (!s.isNumber() && !s.isBoolean()) {
                        throw s.error("a parameter is a number or true/false, got " + s.describe());
                    }
                    params.put(k, s);
                }
                if (cond.has("increments")) {
                    if (indirect == null) {
                        throw cond.require("increments").error("'increments' needs the 'indirect' dimension");
                    }
                    YamlList incs = cond.list("increments");
                    if (incs.size() != indirect.valuesS().length) {
                        throw incs.error("expected " + indirect.valuesS().length + " increments (one per indirect"
                                + " value), got " + incs.size());
                    }
                    for (int i = 0; i < incs.size(); i++) {
                        YamlMap inc = incs.get(i).asMap().allowOnly("events");
                        variants.add(variant(nameOf(name, i, indirect), name, i, inc.list("events"), params, c));
                    }
                    continue;
                }
                if (indirect != null) {
                    throw cond.error("with an 'indirect' dimension each condition gives its 'increments'");
                }
                YamlList events;
                if (cond.has("events")) {
                    events = cond.list("events");
                } else if (m.has("events")) {
                    events = m.list("events");
                } else {
                    throw cond.error("condition " + name + " has no events, and there is no top-level 'events' list");
                }
                variants.add(variant(name, name, 0, events, params, c));
            }
        } else {
            if (!m.has("events")) {
                throw m.error("missing required field 'events' (or 'conditions', each with its events)");
            }
            if (indirect != null) {
                throw m.require("indirect").error("an 'indirect' dimension needs 'conditions' with 'increments'");
            }
            variants.add(variant("main", "main", 0, m.list("events"), defaults, c));
        }
        List<String> names = new ArrayList<>(new LinkedHashSet<>(variants.stream().map(Variant::condition).toList()));
        List<Combination> combinations = m.has("combinations")
                ? TemplateCatalog.combinations(m.map("combinations"), names) : List.of();
        // te_ms: 0 is an FID whose events start earlier than its excitation (ISIS: the inversions come first).
        double te = !m.has("te_ms") ? Timeline.of(variants.get(0)).impliedEchoTimeS()
                : m.require("te_ms").asScalar().isNumber() && m.require("te_ms").asDouble() == 0 ? 0
                : TemplateCatalog.ms(m, "te_ms");
        double tm = m.has("tm_ms") ? TemplateCatalog.ms(m, "tm_ms") : Double.NaN;
        return new Result(variants, combinations, indirect, new Timing(te, tm));
    }

    private static String nameOf(String condition, int increment, Indirect indirect) {
        String inc = indirect.label(increment);
        return condition.equals("main") ? inc : condition + "_" + inc;
    }

    private static Indirect indirect(YamlMap d) {
        d.allowOnly("dimension", "parameter", "header", "values_ms", "header_ms");
        String dim = d.string("dimension");
        if (!dim.matches("DIM_(INDIRECT|USER)_[0-2]")) {
            throw d.require("dimension").error("expected DIM_INDIRECT_0..2 or DIM_USER_0..2, got \"" + dim + "\"");
        }
        YamlList v = d.list("values_ms");
        YamlList h = d.list("header_ms");
        if (v.size() < 1 || v.size() != h.size()) {
            throw h.error("header_ms needs one value per entry of values_ms (" + v.size() + ")");
        }
        double[] vs = new double[v.size()];
        double[] hs = new double[v.size()];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = v.get(i).asMilliIn(-TemplateCatalog.MAX_TIME_MS, TemplateCatalog.MAX_TIME_MS, "ms");
            hs[i] = h.get(i).asMilliIn(-TemplateCatalog.MAX_TIME_MS, TemplateCatalog.MAX_TIME_MS, "ms");
        }
        return new Indirect(dim, d.string("parameter"), d.string("header", "EchoTime"), vs, hs);
    }

    private static Variant variant(String name, String condition, int increment, YamlList events,
                                   Map<String, YamlNode> params, TemplateCatalog.Context c) {
        YamlList resolved = (YamlList) substitute(events, params);
        return new Variant(name, condition, increment, eventList(resolved, c));
    }

    /** Every scalar written {@code $name} or {@code ${expression}} replaced by its value. */
    static YamlNode substitute(YamlNode node, Map<String, YamlNode> params) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            YamlScalar s = v.asScalar();
            numbers.put(k, s.isBoolean() ? (Boolean.parseBoolean(s.text()) ? 1.0 : 0.0) : s.asDouble());
        });
        return YamlRewrite.scalars(node, s -> {
            if (s.isNumber() || s.isBoolean() || !Expression.is(s.text())) {
                return s;
            }
            String t = s.text().trim();
            if (!t.startsWith("${") && params.containsKey(t.substring(1))
                    && params.get(t.substring(1)).asScalar().isBoolean()) {
                return YamlRewrite.bool(s, Boolean.parseBoolean(params.get(t.substring(1)).asScalar().text()));
            }
            try {
                return YamlRewrite.number(s, Units.text(Expression.evaluate(t, numbers)));
            } catch (IllegalArgumentException x) {
                throw s.error(x.getMessage());
            }
        });
    }

    static List<Event> eventList(YamlList list, TemplateCatalog.Context c) {
        List<Event> out = new ArrayList<>();
        int pulses = 0;
        for (YamlNode item : list.items()) {
            YamlMap one = item.asMap();
            if (one.keys().size() != 1) {
                throw item.error("each event is a map with one key (pulse, delay, gradient, crusher,"
                        + " select_coherence or acquire), got " + one.keys());
            }
            String kind = one.keys().iterator().next();
            if (!out.isEmpty() && out.get(out.size() - 1) instanceof Event.Acquire) {
                throw item.error("no event may follow 'acquire'");
            }
            YamlNode body = one.require(kind);
            if (body instanceof YamlMap bm && bm.has("enabled") && !enabled(bm.require("enabled"))) {
                if (kind.equals("pulse")) {
                    pulses++;
                }
                continue;
            }
            switch (kind) {
                case "pulse" -> {
                    pulses++;
                    out.add(pulse(one, pulses, c));
                }
                case "delay" -> {
                    YamlMap d = one.map("delay").allowOnly("duration_ms", "enabled");
                    YamlNode v = d.require("duration_ms");
                    double ms = v.asDouble();
                    if (ms < 0) {
                        throw v.error("a delay cannot be negative, got " + Units.text(ms) + " ms");
                    }
                    out.add(new Event.Delay(v.asMilliIn(0, TemplateCatalog.MAX_TIME_MS, "ms")));
                }
                case "gradient" -> {
                    YamlMap g = one.map("gradient").allowOnly("axis", "area_cycles_per_m", "area_mt_ms_per_m",
                            "enabled");
                    int axis = axis(g.require("axis"));
                    double area;
                    if (g.has("area_cycles_per_m") == g.has("area_mt_ms_per_m")) {
                        throw g.error("give the lobe's area as area_cycles_per_m (γ/2π·∫G dt) or area_mt_ms_per_m,"
                                + " one of them");
                    } else if (g.has("area_cycles_per_m")) {
                        area = g.number("area_cycles_per_m", -1e9, 1e9, "cycles/m");
                    } else {
                        // mT/m · ms = 1e-6 T·s/m; times γ/2π (Hz/T) gives cycles per metre.
                        area = g.number("area_mt_ms_per_m", -1e5, 1e5, "mT·ms/m") * 1e-6
                                * c.nucleus().gammaHzPerT();
                    }
                    out.add(new Event.Gradient(axis, area));
                }
                case "crusher" -> {
                    YamlMap cm = one.map("crusher").allowOnly("area", "enabled");
                    YamlList area = cm.list("area");
                    if (area.size() < 1 || area.size() > Event.Crusher.MAX_DIRECTIONS) {
                        throw area.error("expected 1 to " + Event.Crusher.MAX_DIRECTIONS + " integer areas (one per"
                                + " dephasing direction), got " + area.size());
                    }
                    int[] a = new int[area.size()];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = area.get(k).asInt();
                        if (Math.abs(a[k]) > 16) {
                            throw area.get(k).error("crusher areas are small integers in relative units (|area| ≤ 16)");
                        }
                    }
                    out.add(new Event.Crusher(a));
                }
                case "select_coherence" -> {
                    YamlMap s = one.map("select_coherence").allowOnly("order", "enabled");
                    out.add(new Event.SelectCoherence(s.integer("order", -64, 64)));
                }
                case "acquire" -> {
                    if (!(body instanceof YamlMap am && am.keys().isEmpty())) {
                        throw body.error("acquire takes no parameters here (they live under 'acquisition'); write"
                                + " 'acquire: {}'");
                    }
                    out.add(new Event.Acquire());
                }
                default -> throw item.error("unknown event '" + kind
                        + "'; known: pulse, delay, gradient, crusher, select_coherence, acquire");
            }
        }
        if (out.isEmpty() || !(out.get(out.size() - 1) instanceof Event.Acquire)) {
            throw list.error("the event list must end with 'acquire: {}'");
        }
        if (out.stream().noneMatch(e -> e instanceof Event.Pulse || e instanceof Event.ShapedPulse)) {
            throw list.error("the event list has no pulse: nothing would be excited");
        }
        return out;
    }

    private static boolean enabled(YamlNode n) {
        YamlScalar s = n.asScalar();
        if (s.isBoolean()) {
            return n.asBoolean();
        }
        if (s.isNumber()) {
            return n.asDouble() != 0;
        }
        throw n.error("expected true or false, got " + n.describe());
    }

    private static int axis(YamlNode n) {
        String a = n.asString().toLowerCase(java.util.Locale.ROOT);
        if (!AXES.contains(a)) {
            throw n.error("expected an axis x, y or z, got " + n.describe());
        }
        return "xyz".indexOf(a);
    }

    /** An ideal pulse (flip, phase, bands) or a shaped one (a pulse description, carrier, bands, slice). */
    private static Event pulse(YamlMap one, int count, TemplateCatalog.Context c) {
        YamlMap p = one.map("pulse");
        String label = p.string("label", "pulse " + count);
        boolean shaped = p.has("file") || (p.has("shape") && !p.string("shape").equals("ideal"));
        if (!shaped) {
            p.allowOnly("label", "flip_deg", "flip_rad", "phase_deg", "phase_rad", "band", "bands", "shape",
                    "enabled", "b1_factor");
            if (p.has("b1_factor")) {
                throw p.require("b1_factor").error("b1_factor scales a shaped pulse's B1 (its slice gradient stays"
                        + " on); an ideal pulse has no B1 samples: switch it off with 'enabled: false'");
            }
            double flip = angle(p, "flip", null);
            double phase = angle(p, "phase", 0.0);
            List<Event.Band> bands = new ArrayList<>();
            if (p.has("band") && p.has("bands")) {
                throw p.error("write 'band' (one) or 'bands' (a list), not both");
            }
            if (p.has("band")) {
                bands.add(band(p.map("band")));
            }
            if (p.has("bands")) {
                for (YamlNode b : p.list("bands").items()) {
                    bands.add(band(b.asMap()));
                }
            }
            return new Event.Pulse(label, flip, phase, bands);
        }
        PulseSpec spec = PulseSpecReader.read(one, "pulse", 90, 0, c.baseDir(), Set.of("label", "carrier_ppm",
                "bands_ppm", "slice", "enabled", "b1_factor"));
        double factor = p.has("b1_factor") ? b1Factor(p.require("b1_factor")) : 1;
        List<Double> bands = new ArrayList<>();
        if (p.has("bands_ppm")) {
            for (YamlNode b : p.list("bands_ppm").items()) {
                bands.add(b.asDoubleIn(-300, 300, "ppm"));
            }
            if (bands.isEmpty()) {
                throw p.require("bands_ppm").error("expected at least one band (ppm)");
            }
        }
        double carrier = p.number("carrier_ppm", -300, 300, "ppm", c.geometry().carrierPpm());
        if (!bands.isEmpty() && p.has("carrier_ppm")) {
            throw p.require("carrier_ppm").error("a pulse played at bands_ppm has its carrier there (the bands' mean);"
                    + " remove carrier_ppm");
        }
        int axis = -1;
        double thickness = Double.NaN;
        double gradient = 0;
        if (p.has("slice")) {
            YamlMap s = p.map("slice").allowOnly("axis", "thickness_mm", "gradient_hz_per_m", "gradient_mt_per_m");
            axis = axis(s.require("axis"));
            int given = (s.has("thickness_mm") ? 1 : 0) + (s.has("gradient_hz_per_m") ? 1 : 0)
                    + (s.has("gradient_mt_per_m") ? 1 : 0);
            if (given != 1) {
                throw s.error("give the slice as thickness_mm (the gradient follows from the pulse's bandwidth), or"
                        + " as gradient_hz_per_m or gradient_mt_per_m: exactly one");
            }
            if (s.has("thickness_mm")) {
                thickness = s.milli("thickness_mm", 0.01, 10000, "mm");
            } else if (s.has("gradient_hz_per_m")) {
                gradient = s.number("gradient_hz_per_m", 1, 1e9, "Hz/m");
            } else {
                gradient = s.number("gradient_mt_per_m", 1e-3, 1e3, "mT/m") * 1e-3 * c.nucleus().gammaHzPerT();
            }
        }
        Event.ShapedPulse e;
        if (!Double.isNaN(thickness)) {
            e = (Event.ShapedPulse) spec.event(label, carrier, bands, c.hzPerPpm(), 0, axis, thickness);
        } else {
            Event.ShapedPulse free = (Event.ShapedPulse) spec.event(label, carrier, bands, c.hzPerPpm(), 0, -1, 0);
            e = new Event.ShapedPulse(label, free.b1Hz(), free.phaseRad(), free.durationS(), free.carrierPpm(), axis,
                    axis >= 0 ? gradient : 0, new Event.Origin(spec, bands, Double.NaN));
        }
        return factor == 1 ? e : e.withB1Factor(factor);
    }

    /**
     * A shaped pulse's B1 factor in this sub-experiment: a number in [0, 10], or true (1) / false (0), so that a
     * condition can switch a pulse off with its slice gradient still on ({@code b1_factor: $inv_x}).
     */
    private static double b1Factor(YamlNode n) {
        YamlScalar s = n.asScalar();
        if (s.isBoolean()) {
            return n.asBoolean() ? 1 : 0;
        }
        if (!s.isNumber()) {
            throw n.error("expected a B1 factor (a number from 0 to 10, or true/false), got " + n.describe());
        }
        return n.asDoubleIn(0, 10, "");
    }

    private static Event.Band band(YamlMap b) {
        b.allowOnly("center_ppm", "width_hz");
        return new Event.Band(b.number("center_ppm", -300, 300, "ppm"), b.number("width_hz", 0.1, 1e5, "Hz"));
    }

    /** An angle written in degrees ({@code <key>_deg}) or radians ({@code <key>_rad}); fallback null: required. */
    private static double angle(YamlMap p, String key, Double fallbackRad) {
        boolean deg = p.has(key + "_deg");
        boolean rad = p.has(key + "_rad");
        if (deg && rad) {
            throw p.require(key + "_rad").error("write " + key + "_deg or " + key + "_rad, not both");
        }
        if (deg) {
            return Math.toRadians(p.number(key + "_deg", -720, 720, "degrees"));
        }
        if (rad) {
            return p.number(key + "_rad", -4 * Math.PI, 4 * Math.PI, "rad");
        }
        if (fallbackRad == null) {
            return Math.toRadians(p.number(key + "_deg", -720, 720, "degrees"));
        }
        return fallbackRad;
    }
}
