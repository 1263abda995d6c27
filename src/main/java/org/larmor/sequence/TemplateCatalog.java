package org.larmor.sequence;

import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.sequence.Sequence.Combination;
import org.larmor.sequence.Sequence.Timing;
import org.larmor.sequence.Sequence.Variant;
import org.larmor.sequence.Templates.Selection;
import org.larmor.spin.Nucleus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every named template, registered once: its name, its conventional header label, the keys it reads, the coherence
 * selections it offers, and how its YAML becomes conditions of events. The engine knows none of these names; each
 * expands into the general event model ({@link Templates} has the step lists).
 */
final class TemplateCatalog {
    /** Longest echo, mixing or delay time accepted, in ms: a guard against ms/s/µs mix-ups. */
    static final double MAX_TIME_MS = 10_000;

    /** What a template needs besides its own keys. */
    record Context(double b0T, Nucleus nucleus, Geometry geometry, Path baseDir, Selection selection) {
        double hzPerPpm() {
            return nucleus.larmorHz(b0T) * 1e-6;
        }
    }

    /** A template's conditions of events, its combinations and header times. */
    record Expansion(List<Variant> variants, List<Combination> combinations, Timing timing) {
    }

    interface Expander {
        Expansion expand(YamlMap m, Context c);
    }

    /**
     * @param name       as written after {@code template:}
     * @param label      LCModel SEQ / NIfTI-MRS SequenceName
     * @param keys       the template's own keys
     * @param selections coherence selections offered, the default first
     * @param dimension  NIfTI-MRS tag of a series over this template's parameter (DIM_INDIRECT_0 for J-PRESS)
     * @param conditionDimension NIfTI-MRS tag of its conditions' dimension by default (DIM_EDIT; ISIS: DIM_ISIS)
     */
    record Template(String name, String label, Set<String> keys, List<Selection> selections, String dimension,
                    String conditionDimension, Expander expander) {
        Template(String name, String label, Set<String> keys, List<Selection> selections, String dimension,
                 Expander expander) {
            this(name, label, keys, selections, dimension, "DIM_EDIT", expander);
        }
    }

    private static final Set<String> PRESS_KEYS = Set.of("te_ms", "te1_ms", "te2_ms", "excitation", "refocusing");
    private static final Set<String> SLASER_KEYS = Set.of("te_ms", "spacing_ms", "excitation", "refocusing");
    private static final List<Selection> PLAIN = List.of(Selection.FILTERS, Selection.CRUSHERS, Selection.NONE);
    private static final List<Selection> EDITED = List.of(Selection.CRUSHERS, Selection.NONE);
    private static final Set<String> EDIT_KEYS = Set.of("editing", "combinations");
    private static final Set<String> ISIS_KEYS = Set.of("axes", "inversion", "excitation", "ti_ms",
            "inversion_spacing_ms");

    static final Map<String, Template> ALL = new LinkedHashMap<>();

    static {
        add(new Template("pulse_acquire", "FID", Set.of("excitation"), PLAIN, "DIM_USER_0", (m, c) -> single(
                Templates.pulseAcquire(PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir()), c.geometry(),
                        c.selection()), new Timing(0, Double.NaN))));
        add(new Template("spin_echo", "SPIN-ECHO", Set.of("te_ms", "excitation", "refocusing"), PLAIN, "DIM_USER_0",
                (m, c) -> {
                    double te = ms(m, "te_ms");
                    return single(Templates.spinEcho(te, PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir()),
                            PulseSpecReader.read(m, "refocusing", 180, 0, c.baseDir()), c.geometry(),
                            c.selection()), new Timing(te, Double.NaN));
                }));
        add(new Template("press", "PRESS", PRESS_KEYS, PLAIN, "DIM_USER_0", TemplateCatalog::press));
        add(new Template("jpress", "JPRESS", PRESS_KEYS, PLAIN, "DIM_INDIRECT_0", TemplateCatalog::press));
        add(new Template("steam", "STEAM", Set.of("te_ms", "tm_ms", "excitation", "store", "recall"), PLAIN,
                "DIM_USER_0", (m, c) -> {
                    double te = ms(m, "te_ms");
                    double tm = ms(m, "tm_ms");
                    return single(Templates.steam(te, tm, PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir()),
                            PulseSpecReader.read(m, "store", 90, 90, c.baseDir()),
                            PulseSpecReader.read(m, "recall", 90, 270, c.baseDir()), c.geometry(), c.selection()),
                            new Timing(te, tm));
                }));
        add(new Template("semi_laser", "SLASER", SLASER_KEYS, PLAIN, "DIM_USER_0", (m, c) -> {
            double te = ms(m, "te_ms");
            return single(Templates.semiLaser(spacing(m, te), PulseSpecReader.read(m, "excitation", 90, 90,
                    c.baseDir()), PulseSpecReader.read(m, "refocusing", 180, 0, c.baseDir()), c.geometry(),
                    c.selection()), new Timing(te, Double.NaN));
        }));
        add(edited("mega_press", "MEGA-PRESS", false, null));
        add(edited("mega_slaser", "MEGA-SLASER", true, null));
        // HERMES, GABA + GSH (Saleh MG et al., NeuroImage 2016;142:576-582): A = both ON, B = GABA ON, C = GSH ON,
        // D = neither (7.5 ppm); GABA = A + B − C − D, GSH = A − B + C − D, SUM = A + B + C + D.
        add(edited("hermes", "HERMES", false, new Editing(
                conditions("A", List.of(1.9, 4.56), "B", List.of(1.9), "C", List.of(4.56), "D", List.of(7.5)),
                combos("GABA", new double[] {1, 1, -1, -1}, "GSH", new double[] {1, -1, 1, -1}, "SUM",
                        new double[] {1, 1, 1, 1}))));
        // HERCULES (Oeltzschner G et al., NeuroImage 2019;185:181-190), sub-experiments as MRSCloud labels them
        // (Hui SCN et al., Magn Reson Med 2022;88:1994-2004): A = 4.58, B = 4.18, C = 1.9 + 4.58, D = 1.9 + 4.18 ppm;
        // GABA = C + D − A − B (1.9 ON − OFF), GSH = A + C − B − D (4.58 ON − 4.18 OFF), SUM = A + B + C + D.
        add(edited("hercules", "HERCULES", false, new Editing(
                conditions("A", List.of(4.58), "B", List.of(4.18), "C", List.of(1.9, 4.58), "D", List.of(1.9, 4.18)),
                combos("GABA", new double[] {-1, -1, 1, 1}, "GSH", new double[] {1, -1, 1, -1}, "SUM",
                        new double[] {1, 1, 1, 1}))));
        add(new Template("isis", "ISIS", ISIS_KEYS, PLAIN, "DIM_USER_0", "DIM_ISIS", TemplateCatalog::isis));
    }

    private TemplateCatalog() {
    }

    private static void add(Template t) {
        ALL.put(t.name(), t);
    }

    private static Expansion single(List<Event> events, Timing timing) {
        return new Expansion(List.of(new Variant("main", events)), List.of(), timing);
    }

    private static Expansion press(YamlMap m, Context c) {
        double[] te = pressTimes(m);
        return single(Templates.press(te[0], te[1], PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir()),
                PulseSpecReader.read(m, "refocusing", 180, 0, c.baseDir()), c.geometry(), c.selection()),
                new Timing(te[0] + te[1], Double.NaN));
    }

    /**
     * ISIS (Ordidge RJ, Connelly A, Lohman JAB. J Magn Reson 1986;66:283-294): 2^k scans, k = 1–3 inverted axes,
     * each inversion on or off; conditions named by the inversions that are on ("none", "x", "xy", …, binary order
     * with the first axis fastest) and one combination, ISIS = Σ (−1)^(inversions on)·scan / 2^k: the voxel's signal
     * with the amplitude of one scan (the outer volume cancels; each scan carries the voxel once).
     */
    private static Expansion isis(YamlMap m, Context c) {
        int[] axes = isisAxes(m);
        if (!c.geometry().selective()) {
            throw m.error("ISIS selects its voxel with slab-selective inversions: give voxel_mm: [x, y, z] (the slab"
                    + " thickness along each inverted axis)");
        }
        if (!m.has("inversion")) {
            throw m.error("missing required field 'inversion': the slab-selective 180° pulse, adiabatic as a rule"
                    + " (e.g. {shape: hs, n: 1, r: 10, duration_ms: 8})");
        }
        YamlMap invMap = m.map("inversion");
        if (invMap.has("flip_deg") && invMap.require("flip_deg").asDouble() != 180) {
            throw invMap.require("flip_deg").error("an ISIS inversion pulse is 180° (Mz −1 inside the slab), got "
                    + org.larmor.input.Units.text(invMap.require("flip_deg").asDouble()) + "°");
        }
        PulseSpec inv = PulseSpecReader.read(m, "inversion", 180, 0, c.baseDir());
        if (inv.isIdeal()) {
            throw m.require("inversion").error("the inversion pulse must be shaped (shape: hs, or file:) to select a"
                    + " slab; an ideal pulse inverts every position");
        }
        PulseSpec exc = PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir());
        double ti = ms(m, "ti_ms");
        double spacing = m.has("inversion_spacing_ms") ? ms(m, "inversion_spacing_ms") : inv.durationS();
        int k = axes.length;
        int scans = 1 << k;
        List<Variant> variants = new ArrayList<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int scan = 0; scan < scans; scan++) {
            boolean[] on = new boolean[k];
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < k; j++) {
                on[j] = ((scan >> j) & 1) == 1;
                if (on[j]) {
                    name.append("xyz".charAt(axes[j]));
                }
            }
            String cond = name.length() == 0 ? "none" : name.toString();
            try {
                variants.add(new Variant(cond, Templates.isis(axes, on, spacing, ti, inv, exc, c.geometry(),
                        c.selection())));
            } catch (TimingException x) {
                YamlNode at = x.getMessage().startsWith("TI") ? m.require("ti_ms")
                        : m.has("inversion_spacing_ms") ? m.require("inversion_spacing_ms") : m.require("inversion");
                throw at.error(x.getMessage());
            }
            weights.put(cond, (Integer.bitCount(scan) % 2 == 0 ? 1.0 : -1.0) / scans);
        }
        return new Expansion(variants, List.of(new Combination("ISIS", weights)), new Timing(0, Double.NaN));
    }

    /** The inverted axes: 1 to 3 distinct of x, y, z (default all three: a 3D voxel). */
    private static int[] isisAxes(YamlMap m) {
        if (!m.has("axes")) {
            return new int[] {0, 1, 2};
        }
        YamlList l = m.list("axes");
        if (l.size() < 1 || l.size() > 3) {
            throw l.error("ISIS inverts along 1 to 3 axes (x, y, z), got " + l.size());
        }
        int[] out = new int[l.size()];
        for (int j = 0; j < out.length; j++) {
            YamlNode n = l.get(j);
            String a = n.asString().toLowerCase(java.util.Locale.ROOT);
            int axis = "xyz".indexOf(a);
            if (a.length() != 1 || axis < 0) {
                throw n.error("expected an axis x, y or z, got " + n.describe());
            }
            for (int i = 0; i < j; i++) {
                if (out[i] == axis) {
                    throw n.error("axis " + a + " is listed twice; each axis is inverted once per scan");
                }
            }
            out[j] = axis;
        }
        return out;
    }

    /** Default conditions (name → editing bands, ppm) and combinations of an edited template. */
    private record Editing(Map<String, List<Double>> conditions, Map<String, Map<String, Double>> combinations) {
    }

    private static Map<String, List<Double>> conditions(Object... nameAndBands) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndBands.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Double> bands = (List<Double>) nameAndBands[i + 1];
            out.put((String) nameAndBands[i], bands);
        }
        return out;
    }

    private static Map<String, Map<String, Double>> combos(Object... nameAndWeights) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndWeights.length; i += 2) {
            double[] w = (double[]) nameAndWeights[i + 1];
            Map<String, Double> m = new LinkedHashMap<>();
            String[] names = {"A", "B", "C", "D"};
            for (int k = 0; k < w.length; k++) {
                m.put(names[k], w[k]);
            }
            out.put((String) nameAndWeights[i], m);
        }
        return out;
    }

    /**
     * An edited template over the PRESS or the semi-LASER base. {@code defaults} are its conditions and combinations
     * (null: MEGA's ON/OFF from on_ppm and off_ppm, DIFF = ON − OFF); {@code editing.conditions} and
     * {@code combinations} in the file replace them.
     */
    private static Template edited(String name, String label, boolean slaser, Editing defaults) {
        Set<String> keys = new java.util.HashSet<>(slaser ? SLASER_KEYS : PRESS_KEYS);
        keys.addAll(EDIT_KEYS);
        return new Template(name, label, Set.copyOf(keys), EDITED, "DIM_USER_0", (m, c) -> {
            List<Templates.BasePulse> base;
            double te;
            PulseSpec exc = PulseSpecReader.read(m, "excitation", 90, 90, c.baseDir());
            PulseSpec ref = PulseSpecReader.read(m, "refocusing", 180, 0, c.baseDir());
            if (slaser) {
                te = ms(m, "te_ms");
                base = Templates.semiLaserBase(spacing(m, te), exc, ref);
            } else {
                double[] t = pressTimes(m);
                te = t[0] + t[1];
                base = Templates.pressBase(t[0], t[1], exc, ref);
            }
            return editedExpansion(m, c, base, te, defaults);
        });
    }

    private static Expansion editedExpansion(YamlMap m, Context c, List<Templates.BasePulse> base, double te,
                                             Editing defaults) {
        YamlMap e = m.map("editing").allowOnly("on_ppm", "off_ppm", "conditions", "bandwidth_hz", "flip_deg",
                "phase_deg", "times_ms", "shape", "file", "duration_ms", "samples", "truncation", "lobes", "hamming",
                "b1_max_hz", "n", "r");
        double hzPerPpm = c.hzPerPpm();
        Map<String, List<Double>> conds = new LinkedHashMap<>();
        if (e.has("conditions")) {
            if (e.has("on_ppm") || e.has("off_ppm")) {
                throw e.require("conditions").error("write either on_ppm/off_ppm (MEGA's ON and OFF) or conditions,"
                        + " not both");
            }
            YamlMap cm = e.map("conditions");
            for (String k : cm.keys()) {
                YamlList bands = cm.list(k);
                List<Double> ppm = new ArrayList<>();
                for (YamlNode b : bands.items()) {
                    ppm.add(b.asDoubleIn(-300, 300, "ppm"));
                }
                conds.put(k, ppm);
            }
            if (conds.size() < 2) {
                throw cm.error("an edited sequence needs at least two conditions, got " + conds.size());
            }
        } else if (defaults != null && !e.has("on_ppm")) {
            conds.putAll(defaults.conditions());
        } else {
            double on = e.number("on_ppm", -300, 300, "ppm");
            double off = e.number("off_ppm", -300, 300, "ppm");
            conds.put("ON", List.of(on));
            conds.put("OFF", List.of(off));
        }
        boolean ideal = !e.has("shape") && !e.has("file");
        PulseSpec editSpec = ideal ? PulseSpec.ideal(e.number("flip_deg", -720, 720, "degrees", 180),
                e.number("phase_deg", -360, 360, "degrees", 0)) : PulseSpecReader.read(m, "editing", 180, 0,
                c.baseDir(), Set.of("on_ppm", "off_ppm", "times_ms", "conditions"));
        double bw = ideal ? e.number("bandwidth_hz", 0.1, 1e5, "Hz") : editSpec.bandwidthHz();
        if (e.has("on_ppm") && e.has("off_ppm")) {
            double on = conds.get("ON").get(0);
            double off = conds.get("OFF").get(0);
            if (Math.abs(on - off) * hzPerPpm < bw) {
                throw e.require("off_ppm").error("ON and OFF editing bands overlap (" + on + " and " + off + " ppm, "
                        + String.format(java.util.Locale.ROOT, "%.1f", bw) + " Hz wide at "
                        + String.format(java.util.Locale.ROOT, "%.2f", hzPerPpm) + " MHz)");
            }
        }
        double[] times = editTimes(e, m, base, te);
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, List<Double>> cond : conds.entrySet()) {
            Event edit = cond.getValue().isEmpty() ? null : editSpec.event(cond.getKey(), c.geometry().carrierPpm(),
                    cond.getValue(), hzPerPpm, bw, -1, 0);
            List<Event> edits = new ArrayList<>();
            edits.add(edit);
            edits.add(edit);
            try {
                variants.add(new Variant(cond.getKey(), Templates.edited(base, te, edits, times,
                        editSpec.durationS(), c.geometry(), c.selection())));
            } catch (TimingException x) {
                // Blame what the user wrote: the editing times if an editing pulse is involved, else the base timing.
                boolean aboutEdit = x.getMessage().contains("edit ");
                YamlNode timing = m.has("spacing_ms") ? m.require("spacing_ms") : m.has("te1_ms")
                        ? m.require("te1_ms") : m.require("te_ms");
                throw (aboutEdit && e.has("times_ms") ? e.require("times_ms") : timing).error(x.getMessage());
            }
        }
        List<Combination> combinations = new ArrayList<>();
        if (m.has("combinations")) {
            YamlMap cs = m.map("combinations");
            combinations.addAll(combinations(cs, List.copyOf(conds.keySet())));
        } else if (defaults != null && !e.has("conditions") && !e.has("on_ppm")) {
            defaults.combinations().forEach((n, w) -> combinations.add(new Combination(n, w)));
        } else if (!e.has("conditions")) {
            // MEGA's on_ppm/off_ppm: DIFF = ON − OFF.
            Map<String, Double> diff = new LinkedHashMap<>();
            diff.put("ON", 1.0);
            diff.put("OFF", -1.0);
            combinations.add(new Combination("DIFF", diff));
        }
        return new Expansion(variants, combinations, new Timing(te, Double.NaN));
    }

    /**
     * Editing-pulse centres from the excitation: as written, or by default TE/2 apart (complete J-refocusing of the
     * edited partner: for weak coupling its J phase is ∝ t1 − (t2 − t1) + (TE − t2), zero when t2 − t1 = TE/2).
     * PRESS: around the second refocusing pulse (± TE/4). Semi-LASER: the first midway between adiabatic pulses 1
     * and 2, the second TE/2 later (midway between 3 and 4 for the default CPMG spacing).
     */
    private static double[] editTimes(YamlMap e, YamlMap m, List<Templates.BasePulse> base, double te) {
        if (e.has("times_ms")) {
            YamlList times = e.list("times_ms").requireSize(2);
            double t1 = times.get(0).asMilliIn(0, MAX_TIME_MS, "ms");
            double t2 = times.get(1).asMilliIn(0, MAX_TIME_MS, "ms");
            if (!(t1 < t2 && t2 < te)) {
                throw times.error("editing pulses must be in order and before the echo at TE = " + Templates.ms(te)
                        + " ms; got " + Templates.ms(t1) + " and " + Templates.ms(t2) + " ms");
            }
            return new double[] {t1, t2};
        }
        double t1;
        if (base.size() == 3) {
            t1 = base.get(2).centreS() - te / 4;
        } else {
            t1 = (base.get(1).centreS() + base.get(2).centreS()) / 2;
        }
        double t2 = t1 + te / 2;
        if (!(t2 < te)) {
            throw (m.has("te1_ms") ? m.require("te1_ms") : m.require("te_ms")).error("with this timing the default"
                    + " editing-pulse placement (TE/2 apart) does not fit before the echo; give editing.times_ms");
        }
        return new double[] {t1, t2};
    }

    /** Combinations written as {NAME: {condition: weight, …}}, each condition checked to exist. */
    static List<Combination> combinations(YamlMap cs, List<String> conditions) {
        List<Combination> out = new ArrayList<>();
        for (String name : cs.keys()) {
            YamlMap w = cs.map(name);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (String v : w.keys()) {
                if (!conditions.contains(v)) {
                    throw w.require(v).error("combination " + name + " names condition \"" + v + "\", which is not"
                            + " defined; conditions: " + String.join(", ", conditions));
                }
                weights.put(v, w.require(v).asDoubleIn(-1e6, 1e6, ""));
            }
            if (weights.isEmpty()) {
                throw w.error("a combination needs at least one condition with a weight");
            }
            if (conditions.contains(name)) {
                throw cs.require(name).error("a combination cannot have the name of a condition (" + name + ")");
            }
            out.add(new Combination(name, weights));
        }
        return out;
    }

    /** Semi-LASER's five intervals: as written (adding up to TE), or the CPMG spacing TE/8, TE/4, TE/4, TE/4, TE/8. */
    private static double[] spacing(YamlMap m, double te) {
        if (!m.has("spacing_ms")) {
            return new double[] {te / 8, te / 4, te / 4, te / 4, te / 8};
        }
        YamlList sp = m.list("spacing_ms").requireSize(5);
        double[] spacing = new double[5];
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            spacing[k] = sp.get(k).asMilliIn(0, MAX_TIME_MS, "ms");
            sum += spacing[k];
        }
        if (Math.abs(sum - te) > 1e-9) {
            throw sp.error("the five intervals must add up to TE = " + fmtMs(te) + " ms, they add up to "
                    + fmtMs(sum) + " ms");
        }
        return spacing;
    }

    /** TE1 and TE2 in seconds; TE, if written, must be their sum. */
    static double[] pressTimes(YamlMap m) {
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

    /** A time in ms, checked for sign and magnitude, returned in seconds (exact; see Units). */
    static double ms(YamlMap m, String key) {
        YamlNode v = m.require(key);
        double ms = v.asDouble();
        if (ms <= 0) {
            throw v.error("must be a positive time in milliseconds, got " + org.larmor.input.Units.text(ms));
        }
        if (ms > MAX_TIME_MS) {
            throw v.error("expected at most " + (long) MAX_TIME_MS + " ms, got " + org.larmor.input.Units.text(ms)
                    + " ms (is it in µs or s rather than ms?)");
        }
        return v.asMilliIn(0, MAX_TIME_MS, "ms");
    }

    static String fmtMs(double s) {
        return org.larmor.input.Units.text(Math.round(s * 1e9) / 1e6);
    }
}
