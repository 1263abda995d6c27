package org.larmor.sequence;

import org.larmor.input.FileNames;
import org.larmor.input.InputException;
import org.larmor.input.Sha256;
import org.larmor.input.Units;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;
import org.larmor.input.YamlRewrite;
import org.larmor.sequence.Sequence.Combination;
import org.larmor.sequence.Sequence.Indirect;
import org.larmor.sequence.Sequence.Timing;
import org.larmor.sequence.Sequence.Variant;
import org.larmor.sequence.Templates.Selection;
import org.larmor.spin.Nucleus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a sequence YAML (schema in {@code docs/sequences.md}), expands its template into the event model and
 * checks units, ranges and timing. Milliseconds exist only here: everything returned is in seconds and hertz.
 *
 * <p>Any template can be swept over one of its parameters ({@code series:}), which makes an indirect dimension:
 * J-PRESS's t1 increments, a TE series. The template is expanded once per value, so every check it makes holds at
 * every increment.
 */
public final class SequenceReader {
    private static final Set<String> COMMON = Set.of("name", "description", "source", "notes", "template", "b0_t",
            "nucleus", "acquisition", "voxel_mm", "spatial", "carrier_ppm", "b1_scale", "b1_distribution", "rephase_fraction",
            "crusher_ms", "coherence_selection", "finite_crushers", "series", "sequence_label", "conditions_dimension",
            "manufacturer", "value_sources");

    private SequenceReader() {
    }

    /** Every key a file of this template may write (the common keys and the template's), or empty if unknown. */
    public static Set<String> keysOf(String template) {
        TemplateCatalog.Template t = TemplateCatalog.ALL.get(template);
        if (t == null) {
            return Set.of();
        }
        Set<String> out = new java.util.TreeSet<>(COMMON);
        out.addAll(t.keys());
        return out;
    }

    public static Sequence read(Path file) {
        return parse(file.toString(), YamlReader.text(file));
    }

    public static Sequence parse(String source, String text) {
        return parse(source, YamlReader.read(source, text).asMap(), Sha256.hex(text));
    }

    /**
     * A sequence from an already read (possibly rewritten, {@link org.larmor.input.YamlRewrite}) tree: a sweep's
     * grid point is its file with b0_t and the echo time replaced, and errors still name the lines the user wrote.
     *
     * @param source the file the tree was read from: names it in errors and resolves relative pulse files
     * @param sha256 the SHA-256 of that file's text, for provenance (the replaced values are in the tree)
     */
    public static Sequence parse(String source, YamlMap m, String sha256) {
        String template = m.string("template");
        boolean events = template.equals("events");
        TemplateCatalog.Template t = TemplateCatalog.ALL.get(template);
        if (t == null && !events) {
            throw m.require("template").error("unknown template \"" + template + "\"; known: "
                    + String.join(", ", TemplateCatalog.ALL.keySet()) + ", events");
        }
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(events ? EventListReader.KEYS : t.keys());
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
        double carrier = m.number("carrier_ppm", -300, 300, "ppm", acq.referencePpm());
        double[] voxel = null;
        if (m.has("voxel_mm")) {
            YamlList vl = m.list("voxel_mm").requireSize(3);
            voxel = new double[3];
            for (int k = 0; k < 3; k++) {
                voxel[k] = vl.get(k).asMilliIn(0.1, 1000, "mm");
            }
        }
        Geometry geometry = new Geometry(voxel, carrier, m.number("rephase_fraction", 0, 1, "", 0.5),
                m.milli("crusher_ms", 0, 100, "ms", 0));
        double b1Scale = m.number("b1_scale", B1Distribution.MIN_SCALE, B1Distribution.MAX_SCALE, "", 1.0);
        B1Distribution b1Distribution = null;
        if (m.has("b1_distribution")) {
            if (m.has("b1_scale")) {
                throw B1Distribution.exclusive(m.require("b1_distribution"));
            }
            b1Distribution = B1Distribution.read(m.require("b1_distribution"));
        }
        Selection selection = selection(m, events ? List.of(Selection.values()) : t.selections());
        TemplateCatalog.Context ctx = new TemplateCatalog.Context(b0, nucleus, geometry, baseDir, selection);

        List<Variant> variants = new ArrayList<>();
        List<Combination> combinations;
        Indirect indirect = null;
        Timing timing;
        if (events && m.has("series") && m.has("indirect")) {
            throw m.require("series").error("write 'series' (a parameter swept) or 'indirect' (expanded increments),"
                    + " not both");
        }
        if (m.has("series")) {
            Series s = series(m, t, events, ctx);
            variants.addAll(s.variants);
            combinations = s.combinations;
            indirect = s.indirect;
            timing = s.timing;
        } else if (events) {
            EventListReader.Result r = EventListReader.read(m, ctx);
            variants.addAll(r.variants());
            combinations = r.combinations();
            indirect = r.indirect();
            timing = r.timing();
        } else {
            if (template.equals("jpress")) {
                throw m.error("a J-PRESS needs its t1 increments: series: {parameter: te2_ms, start_ms, step_ms,"
                        + " count}");
            }
            TemplateCatalog.Expansion x = expand(t, m, ctx, null);
            variants.addAll(x.variants());
            combinations = x.combinations();
            timing = x.timing();
        }

        Localisation localisation = null;
        boolean selective = variants.stream().flatMap(v -> v.events().stream())
                .anyMatch(e -> e instanceof Event.ShapedPulse sp && sp.axis() >= 0 || e instanceof Event.Gradient);
        if (m.has("finite_crushers")) {
            // the crushers become gradient lobes, and the grid is the tissue extent
            localisation = finiteCrushers(m, variants, nucleus, voxel);
        } else if (selective) {
            localisation = localisation(m, voxel);
        } else if (m.has("spatial")) {
            throw m.require("spatial").error("'spatial' needs slice-selective shaped pulses and voxel_mm; with ideal"
                    + " pulses every position gives the same signal");
        }
        String label = m.string("sequence_label", events ? name.toUpperCase(Locale.ROOT) : t.label());
        String conditionDimension = m.string("conditions_dimension", events ? "DIM_EDIT" : t.conditionDimension());
        if (!conditionDimension.matches("DIM_(EDIT|ISIS|PHASE_CYCLE|MEAS|DYN|USER_[0-2])")) {
            throw m.require("conditions_dimension").error("expected a NIfTI-MRS dimension tag for sub-experiments:"
                    + " DIM_EDIT, DIM_ISIS, DIM_PHASE_CYCLE, DIM_MEAS, DIM_DYN or DIM_USER_0..2; got \""
                    + conditionDimension + "\"");
        }
        String manufacturer = m.has("manufacturer") ? m.string("manufacturer") : null;
        if (manufacturer != null && manufacturer.isBlank()) {
            throw m.require("manufacturer").error("expected the scanner manufacturer (Siemens, GE, Philips, …), got an"
                    + " empty text");
        }
        return new Sequence(name, description, template, label, b0, nucleus, acq, variants, combinations, indirect,
                timing, m.toPlain(), source, sha256, localisation, b1Scale, selection.id(),
                conditionDimension, manufacturer, valueSources(m), b1Distribution);
    }

    /**
     * {@code value_sources}: for a written value, where it came from ({@code te1_ms: "read from scan.rda (TE)"}).
     * Each key is a dotted path to a value the file writes ({@code acquisition.points}, {@code editing.on_ppm}); a
     * key that names nothing in the file is refused, so a source can never describe a value that is not there.
     */
    private static java.util.Map<String, String> valueSources(YamlMap m) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!m.has("value_sources")) {
            return out;
        }
        YamlMap vs = m.map("value_sources");
        for (String key : vs.keys()) {
            YamlNode v = vs.require(key);
            if (!(v instanceof org.larmor.input.YamlScalar) || v.asString().isBlank()) {
                throw v.error("expected the source of the value as text (\"read from …\", \"from preset …\","
                        + " \"stated on the command line\")");
            }
            YamlNode at = m;
            for (String part : key.split("\\.", -1)) {
                if (!(at instanceof YamlMap am) || part.isEmpty() || !am.has(part) || part.equals("value_sources")) {
                    throw v.error("'" + key + "' names no value in this file: a value source must describe a key"
                            + " the file writes (dotted for nested keys, e.g. acquisition.points)");
                }
                at = am.require(part);
            }
            out.put(key, v.asString());
        }
        return out;
    }

    /**
     * The template's expansion, with a timing error placed on {@code blame} (a series' node) or, when null, on the
     * field that sets the timing.
     */
    private static TemplateCatalog.Expansion expand(TemplateCatalog.Template t, YamlMap m, TemplateCatalog.Context c,
                                                    YamlNode blame) {
        try {
            return t.expander().expand(m, c);
        } catch (TimingException e) {
            YamlNode at = blame != null ? blame : m.has("te_ms") ? m.require("te_ms") : m.has("te1_ms")
                    ? m.require("te1_ms") : m.has("spacing_ms") ? m.require("spacing_ms") : m;
            throw at.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            if (!m.has("coherence_selection")) {
                throw e;
            }
            throw m.require("coherence_selection").error(e.getMessage());
        }
    }

    private static Selection selection(YamlMap m, List<Selection> offered) {
        if (!m.has("coherence_selection")) {
            return offered.get(0);
        }
        YamlNode n = m.require("coherence_selection");
        String s = n.asString().toLowerCase(Locale.ROOT);
        for (Selection x : offered) {
            if (x.id().equals(s)) {
                return x;
            }
        }
        throw n.error("expected one of " + String.join(", ", offered.stream().map(Selection::id).toList())
                + " here, got \"" + n.asString() + "\"" + (s.equals("filters") ? " (per-step filters drop the spins"
                + " inside an editing band)" : ""));
    }

    private record Series(List<Variant> variants, List<Combination> combinations, Indirect indirect, Timing timing) {
    }

    /**
     * A sweep of one parameter: {@code series: {parameter: te2_ms, values_ms: [...]}} or {@code {parameter,
     * start_ms, step_ms, count}}, with an optional NIfTI-MRS {@code dimension}. The template (or the event list, for
     * a parameter declared under {@code parameters}) is expanded at each value.
     */
    private static Series series(YamlMap m, TemplateCatalog.Template t, boolean events, TemplateCatalog.Context c) {
        YamlMap s = m.map("series").allowOnly("parameter", "values_ms", "start_ms", "step_ms", "count", "dimension");
        YamlNode pn = s.require("parameter");
        String parameter = pn.asString();
        if (!parameter.endsWith("_ms")) {
            throw pn.error("a series sweeps a time written in ms (a key ending in _ms), got '" + parameter + "'");
        }
        String path;
        if (events) {
            if (!m.has("parameters") || !m.map("parameters").has(parameter)) {
                throw pn.error("'" + parameter + "' is not declared under 'parameters'");
            }
            path = "parameters." + parameter;
        } else {
            if (!t.keys().contains(parameter)) {
                throw pn.error("template " + t.name() + " has no parameter '" + parameter + "'; its times: "
                        + String.join(", ", t.keys().stream().filter(k -> k.endsWith("_ms")).sorted().toList()));
            }
            if (parameter.equals("te_ms") && m.has("te1_ms")) {
                throw pn.error("sweep te1_ms or te2_ms of a PRESS-based template: te_ms is their sum");
            }
            path = parameter;
        }
        List<String> texts = new ArrayList<>();
        if (s.has("values_ms")) {
            if (s.has("start_ms") || s.has("step_ms") || s.has("count")) {
                throw s.require("values_ms").error("write values_ms, or start_ms, step_ms and count; not both");
            }
            for (YamlNode v : s.list("values_ms").items()) {
                v.asDoubleIn(0, TemplateCatalog.MAX_TIME_MS, "ms");
                texts.add(v.asScalar().text());
            }
        } else {
            // Checked as numbers first; then stepped exactly in decimal, so that 17 + 2·k ms is what is simulated.
            s.number("start_ms", 0, TemplateCatalog.MAX_TIME_MS, "ms");
            s.number("step_ms", -TemplateCatalog.MAX_TIME_MS, TemplateCatalog.MAX_TIME_MS, "ms");
            java.math.BigDecimal start = new java.math.BigDecimal(s.require("start_ms").asScalar().text());
            java.math.BigDecimal step = new java.math.BigDecimal(s.require("step_ms").asScalar().text());
            int count = s.integer("count", 1, 4096);
            for (int i = 0; i < count; i++) {
                texts.add(start.add(step.multiply(java.math.BigDecimal.valueOf(i))).toPlainString());
            }
        }
        if (texts.isEmpty()) {
            throw s.error("a series needs at least one value");
        }
        String dimension = s.string("dimension", events ? "DIM_USER_0" : t.dimension());
        if (!dimension.matches("DIM_(INDIRECT|USER)_[0-2]")) {
            throw s.require("dimension").error("expected DIM_INDIRECT_0..2 (a J-resolved time) or DIM_USER_0..2"
                    + " (any other series), got \"" + dimension + "\"");
        }
        String label = parameter.substring(0, parameter.length() - 3);
        double[] values = new double[texts.size()];
        double[] header = new double[texts.size()];
        List<Variant> variants = new ArrayList<>();
        List<Combination> combinations = null;
        Timing first = null;
        Indirect indirect = null;
        for (int i = 0; i < texts.size(); i++) {
            YamlMap mi = YamlRewrite.with(m, path, YamlRewrite.number(pn, texts.get(i)));
            values[i] = Units.milli(texts.get(i));
            List<Variant> vs;
            List<Combination> cs;
            Timing timing;
            try {
                if (events) {
                    EventListReader.Result r = EventListReader.read(mi, c);
                    vs = r.variants();
                    cs = r.combinations();
                    timing = r.timing();
                } else {
                    TemplateCatalog.Expansion x = expand(t, mi, c, s);
                    vs = x.variants();
                    cs = x.combinations();
                    timing = x.timing();
                }
            } catch (InputException e) {
                throw new InputException(e.location(), e.field(), "at " + parameter + " = " + texts.get(i)
                        + " (series value " + (i + 1) + " of " + texts.size() + "): " + e.problem());
            }
            header[i] = timing.echoTimeS();
            if (first == null) {
                first = timing;
                combinations = cs;
            }
            for (Variant v : vs) {
                variants.add(new Variant(v.condition(), v.condition(), i, v.events()));
            }
        }
        indirect = new Indirect(dimension, label, "EchoTime", values, header);
        List<Variant> named = new ArrayList<>();
        for (Variant v : variants) {
            String n = v.condition().equals("main") ? indirect.label(v.increment())
                    : v.condition() + "_" + indirect.label(v.increment());
            named.add(new Variant(n, v.condition(), v.increment(), v.events()));
        }
        return new Series(named, combinations, indirect, first);
    }

    /**
     * {@code finite_crushers}: the crusher events become gradient lobes of the given areas (in {@code variants}, in
     * place) and the grid is the tissue extent; {@code spatial} may then only choose the method and the tissue.
     */
    private static Localisation finiteCrushers(YamlMap m, List<Variant> variants, Nucleus nucleus, double[] voxel) {
        YamlNode fn = m.require("finite_crushers");
        FiniteCrushers fc = FiniteCrushers.read(fn);
        boolean full3d = false;
        Localisation.Tissue tissue = Localisation.Tissue.EVERYWHERE;
        if (m.has("spatial")) {
            YamlMap sp = m.map("spatial");
            for (String k : List.of("positions", "fov_factor", "fov_mm")) {
                if (sp.has(k)) {
                    throw sp.require(k).error("with finite_crushers the simulated extent is the tissue's:"
                            + " finite_crushers.fov_mm and finite_crushers.positions set it");
                }
            }
            sp.allowOnly("method", "tissue");
            tissue = tissue(sp);
            String method = sp.string("method", "projection");
            if (!method.equals("projection") && !method.equals("full_3d")) {
                throw sp.require("method").error("expected 'projection' (1D projection, Zhang et al. 2017) or"
                        + " 'full_3d', got \"" + method + "\"");
            }
            full3d = method.equals("full_3d");
        }
        Localisation loc = fc.check(fn, variants.stream().map(Variant::events).toList(), nucleus, voxel, full3d);
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            variants.set(i, new Variant(v.name(), v.condition(), v.increment(),
                    fc.apply(v.events(), nucleus.gammaHzPerT())));
        }
        return loc.withTissue(tissue);
    }

    /** {@code spatial.tissue}: where the spins are (everywhere, inside_voxel, outside_voxel). */
    private static Localisation.Tissue tissue(YamlMap sp) {
        if (!sp.has("tissue")) {
            return Localisation.Tissue.EVERYWHERE;
        }
        YamlNode tn = sp.require("tissue");
        Localisation.Tissue t = Localisation.Tissue.of(tn.asString());
        if (t == null) {
            throw tn.error("expected everywhere, inside_voxel (spins only in the nominal voxel box) or outside_voxel"
                    + " (only around it: lipid outside the voxel), got \"" + tn.asString() + "\"");
        }
        return t;
    }

    /** The spatial grid: positions per axis over a field of view fov_factor × the voxel (or fov_mm). */
    private static Localisation localisation(YamlMap m, double[] voxel) {
        if (voxel == null) {
            throw m.error("slice-selective pulses need voxel_mm: [x, y, z]");
        }
        int[] n = {64, 64, 64};
        double factor = 2.0;
        double[] fov = null;
        boolean full3d = false;
        Localisation.Tissue tissue = Localisation.Tissue.EVERYWHERE;
        if (m.has("spatial")) {
            YamlMap sp = m.map("spatial").allowOnly("positions", "fov_factor", "fov_mm", "method", "tissue");
            tissue = tissue(sp);
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
            if (sp.has("fov_factor") && sp.has("fov_mm")) {
                throw sp.require("fov_mm").error("write fov_factor or fov_mm, not both");
            }
            factor = sp.number("fov_factor", 1, 20, "", factor);
            if (sp.has("fov_mm")) {
                YamlList fl = sp.list("fov_mm").requireSize(3);
                fov = new double[3];
                for (int k = 0; k < 3; k++) {
                    fov[k] = fl.get(k).asMilliIn(0.1, 20000, "mm");
                    if (fov[k] < voxel[k]) {
                        throw fl.get(k).error("the simulated field must be at least the voxel ("
                                + Units.milliText(voxel[k]) + " mm)");
                    }
                }
            }
            String method = sp.string("method", "projection");
            if (!method.equals("projection") && !method.equals("full_3d")) {
                throw sp.require("method").error("expected 'projection' (1D projection, Zhang et al. 2017) or"
                        + " 'full_3d', got \"" + method + "\"");
            }
            full3d = method.equals("full_3d");
        }
        if (fov == null) {
            fov = new double[3];
            for (int k = 0; k < 3; k++) {
                fov[k] = voxel[k] * factor;
            }
        }
        return new Localisation(voxel, fov, n, full3d, tissue);
    }

    private static Acquisition acquisition(YamlMap a, Nucleus nucleus) {
        a.allowOnly("points", "spectral_width_hz", "reference_ppm", "lorentzian_fwhm_hz", "gaussian_fwhm_hz",
                "decoupling");
        int points = a.integer("points", 16, 1 << 20);
        double sw = a.number("spectral_width_hz", 100, 1e6, "Hz");
        double ref;
        org.larmor.spin.PpmConvention ppm = nucleus.ppmConvention();
        if (a.has("reference_ppm")) {
            ref = a.number("reference_ppm", -300, 300, "ppm");
        } else if (ppm.hasDefaultReceiver()) {
            ref = ppm.defaultReceiverPpm();
        } else {
            throw a.error("missing required field 'reference_ppm': " + nucleus + " has no default receiver frequency"
                    + " (its 0 ppm is " + ppm.zeroCompound() + "); defaults exist for " + String.join(", ",
                    java.util.Arrays.stream(Nucleus.values()).filter(n -> n.ppmConvention().hasDefaultReceiver())
                            .map(n -> n + " (" + n.ppmConvention().defaultReceiverPpm() + " ppm, "
                                    + n.ppmConvention().receiverCompound() + ")").toList()));
        }
        double lw = a.number("lorentzian_fwhm_hz", 0, 1000, "Hz", 0);
        double gw = a.number("gaussian_fwhm_hz", 0, 1000, "Hz", 0);
        Nucleus decoupled = null;
        if (a.has("decoupling")) {
            YamlMap d = a.map("decoupling").allowOnly("nucleus");
            YamlNode dn = d.require("nucleus");
            decoupled = Nucleus.parse(dn.asString()).orElseThrow(() -> dn.error("unknown nucleus \"" + dn.asString()
                    + "\""));
            if (decoupled == nucleus) {
                throw dn.error("expected a nucleus other than the observed one (" + nucleus + "): heteronuclear"
                        + " decoupling irradiates the partner nucleus; homonuclear decoupling is not modelled");
            }
        }
        return new Acquisition(points, sw, ref, lw, gw, decoupled);
    }
}
