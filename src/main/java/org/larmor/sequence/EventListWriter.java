package org.larmor.sequence;

import org.larmor.input.Units;

import java.util.List;
import java.util.Map;

/**
 * Writes a sequence as the general event model's YAML ({@code template: events}): every condition's (and
 * increment's) expanded events, with each shaped pulse as the description that makes it (its calibrated B1 and
 * bandwidth filled in) rather than as samples. Reading the text back gives the same events to the last bit: times
 * and lengths are written in ms and mm by moving the decimal point of the shortest exact form of each double
 * ({@link Units}), angles in the degrees that map back exactly, everything else as Java's round-trip decimal.
 *
 * <p>This is what {@code larmor timeline --events} prints: a template shown as the event list a user can edit.
 */
public final class EventListWriter {
    private EventListWriter() {
    }

    /** The YAML text of {@code seq} as an event list. */
    public static String write(Sequence seq, String generator) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(seq.name()).append(": the events of ").append(seq.origin()).append(" (template ")
                .append(seq.template()).append("), written by ").append(generator).append(".\n");
        sb.append("# Read back (larmor basis --sequence THIS_FILE) it gives the same events to the last bit.\n");
        sb.append("template: events\n");
        sb.append("name: ").append(quote(seq.name())).append('\n');
        if (!seq.description().isEmpty()) {
            sb.append("description: ").append(quote(seq.description())).append('\n');
        }
        Object source = seq.parameters().get("source");
        if (source instanceof String s) {
            sb.append("source: ").append(quote(s)).append('\n');
        }
        sb.append("sequence_label: ").append(quote(seq.label())).append('\n');
        sb.append("coherence_selection: ").append(seq.coherenceSelection()).append('\n');
        if (!seq.conditionDimension().equals("DIM_EDIT")) {
            sb.append("conditions_dimension: ").append(seq.conditionDimension()).append('\n');
        }
        sb.append("b0_t: ").append(Units.text(seq.b0T())).append('\n');
        sb.append("nucleus: ").append(seq.nucleus().symbol()).append('\n');
        Acquisition a = seq.acquisition();
        sb.append("acquisition: {points: ").append(a.points()).append(", spectral_width_hz: ")
                .append(Units.text(a.spectralWidthHz())).append(", reference_ppm: ").append(Units.text(a.referencePpm()))
                .append(", lorentzian_fwhm_hz: ").append(Units.text(a.lorentzianFwhmHz()))
                .append(", gaussian_fwhm_hz: ").append(Units.text(a.gaussianFwhmHz()))
                .append(a.decoupled() == null ? "" : ", decoupling: {nucleus: " + a.decoupled().symbol() + "}")
                .append("}\n");
        if (seq.b1Scale() != 1) {
            sb.append("b1_scale: ").append(Units.text(seq.b1Scale())).append('\n');
        }
        if (seq.b1Distribution() != null) {
            sb.append("b1_distribution: ").append(seq.b1Distribution().yaml()).append('\n');
        }
        Localisation l = seq.localisation();
        if (l != null) {
            sb.append("voxel_mm: ").append(milliList(l.voxelM())).append('\n');
            sb.append("spatial: {positions: [").append(l.positions()[0]).append(", ").append(l.positions()[1])
                    .append(", ").append(l.positions()[2]).append("], fov_mm: ").append(milliList(l.fovM()))
                    .append(", method: ").append(l.full3d() ? "full_3d" : "projection")
                    .append(l.tissue() == Localisation.Tissue.EVERYWHERE ? "" : ", tissue: " + l.tissue().key())
                    .append("}\n");
        }
        if (seq.timing().echoTimeS() > 0) {
            sb.append("te_ms: ").append(Units.milliText(seq.timing().echoTimeS())).append('\n');
        } else if (seq.timing().echoTimeS() == 0 && Timeline.of(seq.variants().get(0)).impliedEchoTimeS() != 0) {
            // An FID after a preparation (ISIS' inversions): the events alone would imply an echo time.
            sb.append("te_ms: 0\n");
        }
        if (Double.isFinite(seq.timing().mixingTimeS())) {
            sb.append("tm_ms: ").append(Units.milliText(seq.timing().mixingTimeS())).append('\n');
        }
        Sequence.Indirect ind = seq.indirect();
        if (ind != null) {
            sb.append("indirect:\n  dimension: ").append(ind.dimension()).append("\n  parameter: ")
                    .append(quote(ind.parameter())).append("\n  header: ").append(ind.header())
                    .append("\n  values_ms: ").append(milliList(ind.valuesS()))
                    .append("\n  header_ms: ").append(milliList(ind.headerS())).append('\n');
        }
        sb.append("conditions:\n");
        for (String c : seq.conditions()) {
            sb.append("  ").append(quote(c)).append(":\n");
            if (ind == null) {
                sb.append("    events:\n");
                events(sb, seq.variant(c, 0).events(), "      ");
            } else {
                sb.append("    increments:\n");
                for (int i = 0; i < seq.increments(); i++) {
                    sb.append("      - events:\n");
                    events(sb, seq.variant(c, i).events(), "          ");
                }
            }
        }
        if (!seq.combinations().isEmpty()) {
            sb.append("combinations:\n");
            for (Sequence.Combination c : seq.combinations()) {
                sb.append("  ").append(quote(c.name())).append(": {");
                String sep = "";
                for (Map.Entry<String, Double> w : c.weights().entrySet()) {
                    sb.append(sep).append(quote(w.getKey())).append(": ").append(Units.text(w.getValue()));
                    sep = ", ";
                }
                sb.append("}\n");
            }
        }
        return sb.toString();
    }

    private static void events(StringBuilder sb, List<Event> events, String indent) {
        for (Event e : events) {
            sb.append(indent).append("- ").append(event(e)).append('\n');
        }
    }

    /** One event as a one-line flow map. */
    static String event(Event e) {
        if (e instanceof Event.Pulse p) {
            StringBuilder s = new StringBuilder("pulse: {label: ").append(quote(p.label()));
            angle(s, "flip", p.flipRad());
            angle(s, "phase", p.phaseRad());
            if (!p.bands().isEmpty()) {
                s.append(", bands: [");
                String sep = "";
                for (Event.Band b : p.bands()) {
                    s.append(sep).append("{center_ppm: ").append(Units.text(b.centerPpm())).append(", width_hz: ")
                            .append(Units.text(b.widthHz())).append('}');
                    sep = ", ";
                }
                s.append(']');
            }
            return s.append('}').toString();
        }
        if (e instanceof Event.ShapedPulse p) {
            if (p.origin() == null || p.origin().spec().written().isEmpty()) {
                throw new IllegalArgumentException("shaped pulse '" + p.label() + "' was built in code from samples;"
                        + " it has no pulse description to write");
            }
            StringBuilder s = new StringBuilder("pulse: {label: ").append(quote(p.label()));
            for (Map.Entry<String, Object> w : p.origin().spec().written().entrySet()) {
                s.append(", ").append(w.getKey()).append(": ").append(value(w.getValue()));
            }
            List<Double> bands = p.origin().bandsPpm();
            if (!bands.isEmpty()) {
                s.append(", bands_ppm: [");
                for (int k = 0; k < bands.size(); k++) {
                    s.append(k == 0 ? "" : ", ").append(Units.text(bands.get(k)));
                }
                s.append(']');
            } else {
                s.append(", carrier_ppm: ").append(Units.text(p.carrierPpm()));
            }
            if (p.axis() >= 0) {
                s.append(", slice: {axis: ").append("xyz".charAt(p.axis()));
                if (Double.isNaN(p.origin().thicknessM())) {
                    s.append(", gradient_hz_per_m: ").append(Units.text(p.gradientHzPerM()));
                } else {
                    s.append(", thickness_mm: ").append(Units.milliText(p.origin().thicknessM()));
                }
                s.append('}');
            }
            if (p.origin().b1Factor() != 1) {
                // The calibrated B1 is written above; this sub-experiment plays it scaled (0: off, gradient on).
                s.append(", b1_factor: ").append(Units.text(p.origin().b1Factor()));
            }
            return s.append('}').toString();
        }
        if (e instanceof Event.Gradient g) {
            return "gradient: {axis: " + "xyz".charAt(g.axis()) + ", area_cycles_per_m: "
                    + Units.text(g.areaHzSPerM()) + "}";
        }
        if (e instanceof Event.Delay d) {
            return "delay: {duration_ms: " + Units.milliText(d.durationS()) + "}";
        }
        if (e instanceof Event.Crusher c) {
            StringBuilder s = new StringBuilder("crusher: {area: [");
            for (int k = 0; k < c.area().length; k++) {
                s.append(k == 0 ? "" : ", ").append(c.area()[k]);
            }
            return s.append("]}").toString();
        }
        if (e instanceof Event.SelectCoherence s) {
            return "select_coherence: {order: " + s.order() + "}";
        }
        return "acquire: {}";
    }

    private static void angle(StringBuilder s, String key, double rad) {
        String deg = Units.degreesText(rad);
        if (deg != null) {
            s.append(", ").append(key).append("_deg: ").append(deg);
        } else {
            s.append(", ").append(key).append("_rad: ").append(Double.toString(rad));
        }
    }

    private static String milliList(double[] si) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < si.length; k++) {
            s.append(k == 0 ? "" : ", ").append(Units.milliText(si[k]));
        }
        return s.append(']').toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return Units.text(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return quote(String.valueOf(v));
    }

    /** A YAML double-quoted string. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(ch);
            }
        }
        return q.append('"').toString();
    }
}
