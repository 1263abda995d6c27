package org.larmor.synth;

import org.larmor.input.InputException;
import org.larmor.input.Location;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;
import org.larmor.input.FileNames;
import org.larmor.input.Sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a scenario YAML (schema in docs/synthesiser.md). Every key is checked (a misspelt key is an error naming
 * the allowed ones), every number against its unit's range, every distribution for impossible bounds; errors carry
 * file, line and field. Milliseconds and degrees exist only in the YAML keys that say so; the {@link Scenario} is
 * in seconds, hertz and radians except where its names say otherwise.
 */
public final class ScenarioReader {
    /** Highest concentration accepted (mM): above pure water (55.5 M of molecules). */
    static final double MAX_MM = 120_000;

    private ScenarioReader() {
    }

    /**
     * Reads a scenario file.
     *
     * @param presetDirs folders searched (after the scenario's own folder and its {@code presets/}) for a
     *                   concentration preset given by name
     */
    public static Scenario read(Path file, List<Path> presetDirs) {
        String text = YamlReader.text(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir, presetDirs);
    }

    /**
     * @param source   name for messages
     * @param text     the YAML
     * @param baseDir  folder that relative paths in the scenario are resolved against
     */
    public static Scenario parse(String source, String text, Path baseDir, List<Path> presetDirs) {
        YamlMap m = YamlReader.read(source, text).asMap();
        m.allowOnly("name", "description", "notes", "source", "seed", "basis", "concentrations_mm",
                "metabolite_lineshape", "lineshape", "phase", "macromolecules", "lipids", "residual_water", "baseline",
                "noise", "transients", "coils", "water_reference", "repetition_time_s", "editing", "edited_mm", "fmrs",
                "diffusion", "spurious_echoes");
        String name = m.string("name", FileNames.stem(source));
        String description = m.string("description", "");
        Long seed = null;
        if (m.has("seed")) {
            YamlNode s = m.require("seed");
            double v = s.asDouble();
            if (v != Math.rint(v) || v < 0 || v > 9.007199254740992E15) {
                throw s.error("expected a whole number from 0 to 2^53, got " + s.asScalar().text());
            }
            seed = (long) v;
        }
        Scenario.BasisSpec basis = basis(m.map("basis"), baseDir);
        ConcentrationCopula[] copula = new ConcentrationCopula[1];
        List<Scenario.Metabolite> metabolites = metabolites(m, baseDir, presetDirs, copula);
        Scenario.Lineshape lineshape = lineshape(m.get("lineshape").map(YamlNode::asMap).orElse(null));
        Scenario.Phase phase = phase(m.get("phase").map(YamlNode::asMap).orElse(null));
        Scenario.ComponentSet mm = components(m, "macromolecules", ComponentTables.MACROMOLECULES);
        Scenario.ComponentSet lipids = components(m, "lipids", ComponentTables.LIPIDS);
        Scenario.RandomLines water = m.has("residual_water") ? residualWater(m.map("residual_water")) : null;
        Scenario.RandomLines baseline = m.has("baseline") ? randomLines(m.map("baseline"), "fwhm_hz", 6,
                uniform(0.2, 4.4), uniform(150, 400)) : null;
        Scenario.Noise noise = m.has("noise") ? noise(m.map("noise")) : null;
        double tr = m.number("repetition_time_s", 1e-3, 100, "s", Double.NaN);
        Scenario.Transients transients = m.has("transients") ? transients(m.map("transients"), tr) : null;
        if (Double.isNaN(tr) && transients != null) {
            tr = transients.repetitionTimeS();
        }
        Scenario.Coils coils = m.has("coils") ? coils(m.map("coils")) : null;
        Scenario.WaterReference waterRef = m.has("water_reference") ? waterReference(m.map("water_reference")) : null;
        Scenario.Editing editing = m.has("editing") ? editing(m.map("editing")) : null;
        if (editing != null && basis.condition() != null) {
            throw m.require("editing").error("an edited acquisition uses every condition of the basis: remove"
                    + " basis.condition (or remove editing: to synthesise one condition as a static spectrum)");
        }
        Scenario.EditedMm editedMm = m.has("edited_mm") ? editedMm(m.map("edited_mm")) : null;
        if (editedMm != null && editing == null) {
            throw m.require("edited_mm").error("edited_mm needs an edited acquisition: add an editing: block");
        }
        Scenario.Fmrs fmrs = m.has("fmrs") ? fmrs(m.map("fmrs"), baseDir, metabolites) : null;
        Scenario.Diffusion diffusion = m.has("diffusion") ? diffusion(m.map("diffusion"), baseDir, metabolites)
                : null;
        if (fmrs != null && diffusion != null) {
            throw m.require("diffusion").error("give either fmrs or diffusion: a series of both is not modelled");
        }
        if (fmrs != null && Double.isNaN(tr)) {
            throw m.require("fmrs").error("an fMRS series needs the repetition time: add repetition_time_s");
        }
        return new Scenario(name, description, source, Sha256.hex(text), seed, basis, metabolites, lineshape, phase, mm,
                lipids, water, baseline, noise, transients, coils, waterRef, tr, editing, editedMm, fmrs, diffusion,
                m.toPlain(), copula[0], spuriousEchoes(m, basis, baseDir));
    }

    /** {@code spurious_echoes: {sequence: finite.yaml, scale: …}}: needs a basis Larmor simulates. */
    private static Scenario.SpuriousEchoes spuriousEchoes(YamlMap m, Scenario.BasisSpec basis, Path baseDir) {
        if (!m.has("spurious_echoes")) {
            return null;
        }
        YamlMap s = m.map("spurious_echoes").allowOnly("sequence", "scale");
        if (!basis.kind().equals("sequence")) {
            throw s.error("spurious echoes are simulated: they need basis: {sequence: …} (Larmor simulates the basis"
                    + " and the same sequence with finite crushers), not a basis file");
        }
        return new Scenario.SpuriousEchoes(existing(s.require("sequence"), baseDir),
                dist(s, "scale", 0, 100, "", Distribution.fixed(1)), s.location());
    }

    /**
     * The {@code basis:} block of a scenario, read as {@code larmor synth} reads it (for other readers of the same
     * block, such as an MRSI scenario's).
     *
     * @param baseDir folder that relative paths are resolved against
     */
    public static Scenario.BasisSpec basisSpec(YamlMap b, Path baseDir) {
        return basis(b, baseDir);
    }

    /**
     * The metabolites of a map holding a {@code concentrations_mm:} block (a preset and overrides), read as
     * {@code larmor synth} reads it; a copula there is refused (its correlated draws need the synthesiser).
     */
    public static List<Scenario.Metabolite> concentrations(YamlMap holder, Path baseDir, List<Path> presetDirs) {
        ConcentrationCopula[] copula = new ConcentrationCopula[1];
        List<Scenario.Metabolite> out = metabolites(holder, baseDir, presetDirs, copula);
        if (copula[0] != null) {
            throw holder.map("concentrations_mm").require("copula").error("a copula is not read here: give each"
                    + " concentration its own distribution");
        }
        return out;
    }

    /** A scenario of a basis and its metabolites only (no other term), e.g. to load the basis with SynthBasis. */
    public static Scenario basisOnly(String name, String source, String sha256, Scenario.BasisSpec basis,
                                     List<Scenario.Metabolite> metabolites) {
        return new Scenario(name, "", source, sha256, null, basis, metabolites, lineshape(null), phase(null), null,
                null, null, null, null, null, null, null, Double.NaN, null, null, null, null, Map.of(), null,
                null);
    }

    // ---------------------------------------------------------------------------------------------------- basis

    private static Scenario.BasisSpec basis(YamlMap b, Path baseDir) {
        List<String> kinds = List.of("sequence", "lcmodel", "fsl", "nifti", "jmrui");
        b.allowOnly("sequence", "lcmodel", "fsl", "nifti", "jmrui", "spin_systems", "condition", "points",
                "spectrometer_mhz", "reference_ppm", "linewidth_hz", "nucleus");
        String kind = null;
        for (String k : kinds) {
            if (b.has(k)) {
                if (kind != null) {
                    throw b.require(k).error("give one basis source, not both '" + kind + "' and '" + k + "'");
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw b.error("missing the basis source: one of " + String.join(", ", kinds)
                    + " (a sequence YAML that Larmor simulates, or a basis file/folder)");
        }
        Path path = existing(b.require(kind), baseDir);
        Path spin = b.has("spin_systems") ? existing(b.require("spin_systems"), baseDir) : null;
        String condition = b.has("condition") ? b.string("condition") : null;
        int points = b.integer("points", 16, 1 << 20, 0);
        double mhz = b.number("spectrometer_mhz", 1, 2000, "MHz", Double.NaN);
        org.larmor.spin.Nucleus nucleus = org.larmor.spin.Nucleus.H1;
        if (b.has("nucleus")) {
            org.larmor.input.YamlNode nn = b.require("nucleus");
            nucleus = org.larmor.spin.Nucleus.parse(nn.asString()).orElseThrow(() -> nn.error("unknown nucleus \""
                    + nn.asString() + "\""));
        }
        org.larmor.spin.PpmConvention ppm = nucleus.ppmConvention();
        if (!kind.equals("sequence") && !b.has("reference_ppm") && !ppm.hasDefaultReceiver()) {
            throw b.error("missing required field 'reference_ppm': " + nucleus + " has no default receiver frequency");
        }
        double ref = b.number("reference_ppm", -300, 300, "ppm", ppm.defaultReceiverPpm());
        double lw = b.number("linewidth_hz", 0, 1000, "Hz", Double.NaN);
        if (kind.equals("sequence") && (b.has("spectrometer_mhz") || b.has("reference_ppm")
                || b.has("linewidth_hz") || b.has("nucleus"))) {
            throw b.error("spectrometer_mhz, reference_ppm, linewidth_hz and nucleus come from the sequence when"
                    + " Larmor simulates the basis; give them only for basis files");
        }
        return new Scenario.BasisSpec(kind, path, spin, condition, points, mhz, ref, lw, nucleus.symbol(),
                b.location());
    }

    private static Path existing(YamlNode n, Path baseDir) {
        Path p = Path.of(n.asString());
        Path resolved = p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
        if (!Files.exists(resolved)) {
            throw n.error("file or folder not found: " + resolved);
        }
        return resolved;
    }

    // ---------------------------------------------------------------------------------------------- metabolites

    private static List<Scenario.Metabolite> metabolites(YamlMap m, Path baseDir, List<Path> presetDirs,
                                                         ConcentrationCopula[] copulaOut) {
        YamlMap c = m.map("concentrations_mm");
        Map<String, Object[]> byKey = new LinkedHashMap<>();
        if (c.has("preset")) {
            YamlNode p = c.require("preset");
            Path file = preset(p, baseDir, presetDirs);
            YamlMap pm = YamlReader.read(file).asMap();
            pm.allowOnly("name", "description", "sources", "notes", "concentrations_mm");
            YamlMap pc = pm.map("concentrations_mm");
            for (String key : pc.keys()) {
                putMetabolite(byKey, key, pc.require(key), pc.keyLocation(key), false);
            }
        }
        java.util.Set<String> own = new java.util.HashSet<>();
        for (String key : c.keys()) {
            if (key.equals("preset") || key.equals("copula") || key.equals("source")) {
                continue;
            }
            // An entry may override the preset's, but not another entry of the scenario.
            putMetabolite(byKey, key, c.require(key), c.keyLocation(key), !own.contains(Names.key(key)));
            own.add(Names.key(key));
        }
        if (c.has("source")) {
            c.string("source");
        }
        if (c.has("copula")) {
            copulaOut[0] = copula(c.map("copula"), byKey, own);
        }
        if (byKey.isEmpty()) {
            throw c.error("no metabolite: list at least one under concentrations_mm (or give a preset)");
        }
        Distribution defaultL = Distribution.fixed(0);
        Distribution defaultShift = Distribution.fixed(0);
        Map<String, YamlMap> per = new LinkedHashMap<>();
        if (m.has("metabolite_lineshape")) {
            YamlMap ml = m.map("metabolite_lineshape");
            ml.allowOnly("lorentzian_hz", "shift_hz", "per_metabolite");
            defaultL = dist(ml, "lorentzian_hz", 0, 200, "Hz", defaultL);
            defaultShift = dist(ml, "shift_hz", -500, 500, "Hz", defaultShift);
            if (ml.has("per_metabolite")) {
                YamlMap pm = ml.map("per_metabolite");
                for (String key : pm.keys()) {
                    if (!byKey.containsKey(Names.key(key))) {
                        throw new InputException(pm.keyLocation(key), pm.childPath(key), "metabolite \"" + key
                                + "\" has no concentration: add it under concentrations_mm");
                    }
                    YamlMap one = pm.map(key);
                    one.allowOnly("lorentzian_hz", "shift_hz");
                    per.put(Names.key(key), one);
                }
            }
        }
        List<Scenario.Metabolite> out = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : byKey.entrySet()) {
            Object[] v = e.getValue();
            YamlMap one = per.get(e.getKey());
            Distribution l = one == null ? defaultL : dist(one, "lorentzian_hz", 0, 200, "Hz", defaultL);
            Distribution s = one == null ? defaultShift : dist(one, "shift_hz", -500, 500, "Hz", defaultShift);
            out.add(new Scenario.Metabolite((String) v[0], (Location) v[1], (Distribution) v[2], l, s));
        }
        return out;
    }

    /**
     * The {@code copula:} block of {@code concentrations_mm}: {@code marginals} (metabolite → distribution, each with
     * a spread), {@code correlation} (the normal scores' correlation matrix, rows and columns in the order of the
     * marginals) and an optional {@code source}. A copula metabolite may override a preset's entry but not an entry
     * of the scenario's own.
     */
    private static ConcentrationCopula copula(YamlMap cop, Map<String, Object[]> byKey, java.util.Set<String> own) {
        cop.allowOnly("marginals", "correlation", "source");
        String source = cop.string("source", "");
        YamlMap marg = cop.map("marginals");
        List<String> names = new ArrayList<>();
        List<Distribution> dists = new ArrayList<>();
        for (String key : marg.keys()) {
            if (own.contains(Names.key(key))) {
                throw new InputException(marg.keyLocation(key), marg.childPath(key), "metabolite \"" + key
                        + "\" is both in the copula and an entry of concentrations_mm: give it once");
            }
            Distribution d = Distribution.parse(marg.require(key), 0, MAX_MM, "mM");
            if (d.isFixed()) {
                throw marg.require(key).error("a metabolite of the copula needs a distribution with a spread (a"
                        + " fixed concentration correlates with nothing): move it out of the copula");
            }
            for (String other : names) {
                if (Names.key(other).equals(Names.key(key))) {
                    throw new InputException(marg.keyLocation(key), marg.childPath(key), "metabolite listed twice"
                            + " in the copula (as \"" + other + "\" and \"" + key + "\")");
                }
            }
            putMetabolite(byKey, key, marg.require(key), marg.keyLocation(key), true);
            names.add(key);
            dists.add(d);
        }
        if (names.size() < 2) {
            throw marg.error("a copula needs at least 2 metabolites, got " + names.size());
        }
        YamlList rows = cop.list("correlation");
        if (rows.size() != names.size()) {
            throw rows.error("expected " + names.size() + " rows, one per metabolite of marginals (" + String.join(
                    ", ", names) + "), got " + rows.size());
        }
        double[][] r = new double[names.size()][];
        for (int i = 0; i < r.length; i++) {
            YamlNode row = rows.get(i);
            if (!(row instanceof YamlList l) || l.size() != names.size()) {
                throw row.error("expected a row of " + names.size() + " correlations (for " + String.join(", ",
                        names) + "), got " + row.describe());
            }
            r[i] = l.asDoubles(-1, 1, "");
        }
        try {
            ConcentrationCopula.cholesky(r);
        } catch (ConcentrationCopula.InvalidCorrelation e) {
            YamlNode at = e.row() >= 0 ? rows.get(e.row()) : rows;
            throw at.error("the correlation matrix of " + String.join(", ", names) + " is not a valid correlation"
                    + " matrix: " + e.getMessage());
        }
        return new ConcentrationCopula(names, dists, r, source);
    }

    private static void putMetabolite(Map<String, Object[]> byKey, String name, YamlNode node, Location loc,
                                      boolean override) {
        Distribution d = Distribution.parse(node, 0, MAX_MM, "mM");
        String key = Names.key(name);
        Object[] old = byKey.get(key);
        if (old != null && !override) {
            throw new InputException(loc, name, "metabolite listed twice (as \"" + old[0] + "\" and \"" + name
                    + "\")");
        }
        byKey.put(key, new Object[] {old != null ? old[0] : name, loc, d});
    }

    private static Path preset(YamlNode p, Path baseDir, List<Path> presetDirs) {
        String s = p.asString();
        List<Path> candidates = new ArrayList<>();
        Path direct = Path.of(s);
        if (direct.isAbsolute()) {
            candidates.add(direct);
        } else {
            if (baseDir != null) {
                candidates.add(baseDir.resolve(s));
                candidates.add(baseDir.resolve("presets").resolve(s));
                candidates.add(baseDir.resolve("presets").resolve(s + ".yaml"));
                candidates.add(baseDir.resolve(s + ".yaml"));
            }
            for (Path d : presetDirs) {
                candidates.add(d.resolve(s));
                candidates.add(d.resolve(s + ".yaml"));
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        throw p.error("concentration preset \"" + s + "\" not found (looked for " + candidates.stream()
                .map(Path::toString).distinct().toList() + ")");
    }

    // ------------------------------------------------------------------------------------------------ lineshape

    private static Scenario.Lineshape lineshape(YamlMap l) {
        if (l == null) {
            return new Scenario.Lineshape(Distribution.fixed(0), null, "NAA", new double[] {1.9, 2.1},
                    Distribution.fixed(0), List.of(), Distribution.fixed(0), Distribution.fixed(0.01));
        }
        l.allowOnly("gaussian_hz", "linewidth_hz", "reference", "reference_window_ppm", "shift_hz",
                "b0_inhomogeneity", "eddy_current");
        if (l.has("gaussian_hz") && l.has("linewidth_hz")) {
            throw l.require("linewidth_hz").error("give either gaussian_hz or linewidth_hz (the Gaussian width is"
                    + " then solved so that the reference singlet has this FWHM), not both");
        }
        Distribution gauss = l.has("linewidth_hz") ? null : dist(l, "gaussian_hz", 0, 200, "Hz", Distribution.fixed(0));
        Distribution lw = l.has("linewidth_hz") ? Distribution.parse(l.require("linewidth_hz"), 0.1, 200, "Hz") : null;
        String ref = l.string("reference", "NAA");
        double[] window = window(l, "reference_window_ppm", new double[] {1.9, 2.1});
        Distribution shift = dist(l, "shift_hz", -1000, 1000, "Hz", Distribution.fixed(0));
        List<Distribution> spread = List.of();
        if (l.has("b0_inhomogeneity")) {
            YamlMap b = l.map("b0_inhomogeneity");
            b.allowOnly("spread_x_hz", "spread_y_hz", "spread_z_hz");
            spread = List.of(dist(b, "spread_x_hz", 0, 200, "Hz", Distribution.fixed(0)),
                    dist(b, "spread_y_hz", 0, 200, "Hz", Distribution.fixed(0)),
                    dist(b, "spread_z_hz", 0, 200, "Hz", Distribution.fixed(0)));
        }
        Distribution eddyA = Distribution.fixed(0);
        Distribution eddyTau = Distribution.fixed(0.01);
        if (l.has("eddy_current")) {
            YamlMap e = l.map("eddy_current");
            e.allowOnly("amplitude_rad", "time_constant_ms");
            eddyA = Distribution.parse(e.require("amplitude_rad"), -10, 10, "rad");
            eddyTau = scaled(Distribution.parse(e.require("time_constant_ms"), 0.01, 10_000, "ms"), 1e-3);
        }
        return new Scenario.Lineshape(gauss, lw, ref, window, shift, spread, eddyA, eddyTau);
    }

    private static Scenario.Phase phase(YamlMap p) {
        if (p == null) {
            return new Scenario.Phase(Distribution.fixed(0), Distribution.fixed(0), Double.NaN);
        }
        p.allowOnly("zero_order_deg", "first_order_deg_per_ppm", "pivot_ppm");
        return new Scenario.Phase(dist(p, "zero_order_deg", -360, 360, "degrees", Distribution.fixed(0)),
                dist(p, "first_order_deg_per_ppm", -360, 360, "degrees/ppm", Distribution.fixed(0)),
                p.number("pivot_ppm", -300, 300, "ppm", Double.NaN));
    }

    // ------------------------------------------------------------------------------------- nuisance components

    private static Scenario.ComponentSet components(YamlMap m, String key, Map<String, List<Peak>> tables) {
        if (!m.has(key)) {
            return null;
        }
        YamlMap c = m.map(key);
        c.allowOnly("model", "components", "scale", "component_scale");
        String model;
        List<Peak> peaks;
        if (c.has("components")) {
            if (c.has("model") && !c.string("model").equals("custom")) {
                throw c.require("components").error("give either a model or components (model: custom), not both");
            }
            model = "custom";
            peaks = new ArrayList<>();
            YamlList list = c.list("components");
            if (list.size() == 0) {
                throw list.error("no components");
            }
            for (YamlNode n : list.items()) {
                YamlMap p = n.asMap();
                p.allowOnly("name", "ppm", "fwhm_ppm", "amplitude");
                peaks.add(new Peak(p.string("name"), p.number("ppm", -50, 50, "ppm"),
                        p.number("fwhm_ppm", 1e-3, 10, "ppm"), p.number("amplitude", 0, 1e6, "")));
            }
        } else {
            YamlNode mn = c.require("model");
            model = mn.asString().toLowerCase(Locale.ROOT);
            peaks = tables.get(model);
            if (peaks == null) {
                throw mn.error("unknown " + key + " model \"" + mn.asString() + "\"; known: "
                        + String.join(", ", tables.keySet().stream().sorted().toList())
                        + " (or list components: with model: custom)");
            }
        }
        Distribution scale = Distribution.parse(c.require("scale"), 0, 1e5, "mM");
        Distribution each = dist(c, "component_scale", 0, 100, "", Distribution.fixed(1));
        return new Scenario.ComponentSet(model, peaks, scale, each);
    }

    /** A {@code macromolecules:} block of {@code m} as the synthesiser reads it (null when absent). */
    public static Scenario.ComponentSet macromolecules(YamlMap m) {
        return components(m, "macromolecules", ComponentTables.MACROMOLECULES);
    }

    /**
     * A {@code residual_water:} block as the synthesiser reads it; {@code alsoAllowed}: further keys the caller
     * reads itself.
     */
    public static Scenario.RandomLines residualWater(YamlMap r, String... alsoAllowed) {
        return randomLines(r, "lorentzian_hz", 4, uniform(4.6, 4.7), uniform(4, 20), alsoAllowed);
    }

    private static Scenario.RandomLines randomLines(YamlMap r, String widthKey, int defaultCount,
                                                    Distribution defaultPpm, Distribution defaultWidth,
                                                    String... alsoAllowed) {
        List<String> allowed = new ArrayList<>(List.of("components", "amplitude", "ppm", widthKey, "phase_deg"));
        allowed.addAll(List.of(alsoAllowed));
        r.allowOnly(allowed);
        int count = r.integer("components", 0, 64, defaultCount);
        Distribution amp = Distribution.parse(r.require("amplitude"), -1e7, 1e7, "");
        Distribution ppm = dist(r, "ppm", -50, 50, "ppm", defaultPpm);
        Distribution width = dist(r, widthKey, 0.01, 5000, "Hz", defaultWidth);
        Distribution phase = dist(r, "phase_deg", -360, 360, "degrees", uniform(-180, 180));
        return new Scenario.RandomLines(count, amp, ppm, width, phase);
    }

    // -------------------------------------------------------------------------------------------- acquisition

    private static Scenario.Noise noise(YamlMap n) {
        n.allowOnly("snr", "sd", "noise_window_ppm");
        if (n.has("snr") == n.has("sd")) {
            throw n.error("give exactly one of snr (target SNR of the reference singlet, MRSinMRS) and sd (SD of the"
                    + " real and imaginary parts of the averaged FID)");
        }
        Distribution snr = n.has("snr") ? Distribution.parse(n.require("snr"), 0.01, 1e7, "") : null;
        Distribution sd = n.has("sd") ? Distribution.parse(n.require("sd"), 0, 1e9, "") : null;
        return new Scenario.Noise(snr, sd, window(n, "noise_window_ppm", new double[] {-2.0, 0.0}));
    }

    /** Transients; their TR is the scan's ({@code scanTr}) unless written here, else 2 s. */
    private static Scenario.Transients transients(YamlMap t, double scanTr) {
        t.allowOnly("averages", "repetition_time_s", "drift_hz_per_s", "random_walk_hz", "phase_jitter_deg",
                "motion_probability", "motion_amplitude", "motion_phase_deg", "motion_shift_hz");
        int averages = t.integer("averages", 1, 100_000);
        double tr = t.number("repetition_time_s", 1e-3, 100, "s", Double.isNaN(scanTr) ? 2.0 : scanTr);
        if (!Double.isNaN(scanTr) && tr != scanTr) {
            throw t.require("repetition_time_s").error("transients.repetition_time_s (" + tr + " s) contradicts the"
                    + " scan's repetition_time_s (" + scanTr + " s): give it once");
        }
        return new Scenario.Transients(averages, tr,
                dist(t, "drift_hz_per_s", -10, 10, "Hz/s", Distribution.fixed(0)),
                dist(t, "random_walk_hz", 0, 50, "Hz", Distribution.fixed(0)),
                dist(t, "phase_jitter_deg", 0, 180, "degrees", Distribution.fixed(0)),
                dist(t, "motion_probability", 0, 1, "", Distribution.fixed(0)),
                dist(t, "motion_amplitude", 0, 10, "", Distribution.fixed(1)),
                dist(t, "motion_phase_deg", -360, 360, "degrees", Distribution.fixed(0)),
                dist(t, "motion_shift_hz", -500, 500, "Hz", Distribution.fixed(0)));
    }

    private static Scenario.Coils coils(YamlMap c) {
        c.allowOnly("count", "sensitivity_magnitude", "sensitivity_phase_deg", "noise_sd", "noise_correlation");
        return new Scenario.Coils(c.integer("count", 1, 128),
                dist(c, "sensitivity_magnitude", 1e-3, 1e3, "", Distribution.fixed(1)),
                dist(c, "sensitivity_phase_deg", -360, 360, "degrees", uniform(-180, 180)),
                dist(c, "noise_sd", 1e-3, 1e3, "", Distribution.fixed(1)),
                dist(c, "noise_correlation", 0, 0.95, "", Distribution.fixed(0)));
    }

    private static Scenario.WaterReference waterReference(YamlMap w) {
        w.allowOnly("concentration_mm", "attenuation", "lorentzian_hz", "averages", "repetition_time_s", "t1_ms",
                "t2_ms");
        return new Scenario.WaterReference(dist(w, "concentration_mm", 0, MAX_MM, "mM", Distribution.fixed(43_300)),
                dist(w, "attenuation", 0, 1, "", Distribution.fixed(1)),
                dist(w, "lorentzian_hz", 0, 200, "Hz", Distribution.fixed(0)),
                w.integer("averages", 1, 10_000, 1),
                w.number("repetition_time_s", 1e-3, 100, "s", Double.NaN),
                w.has("t1_ms") ? w.number("t1_ms", 1, 20_000, "ms") * 1e-3 : Double.NaN,
                w.has("t2_ms") ? w.number("t2_ms", 1, 20_000, "ms") * 1e-3 : Double.NaN);
    }

    // ------------------------------------------------------------------------------ editing, fMRS, diffusion

    private static Scenario.Editing editing(YamlMap e) {
        e.allowOnly("conditions", "snr_condition", "combinations");
        List<String> conditions = new ArrayList<>();
        if (e.has("conditions")) {
            YamlList l = e.list("conditions");
            if (l.size() < 2) {
                throw l.error("an edited acquisition has at least two conditions, got " + l.size());
            }
            for (YamlNode n : l.items()) {
                String c = n.asString();
                if (conditions.stream().anyMatch(x -> x.equalsIgnoreCase(c))) {
                    throw n.error("condition \"" + c + "\" listed twice");
                }
                conditions.add(c);
            }
        }
        String snr = e.has("snr_condition") ? e.string("snr_condition") : null;
        List<org.larmor.sequence.Sequence.Combination> combos = new ArrayList<>();
        if (e.has("combinations")) {
            YamlMap c = e.map("combinations");
            for (String name : c.keys()) {
                YamlMap w = c.map(name);
                Map<String, Double> weights = new LinkedHashMap<>();
                for (String cond : w.keys()) {
                    weights.put(cond, w.number(cond, -100, 100, ""));
                }
                if (weights.isEmpty()) {
                    throw w.error("combination " + name + " has no weights: write {CONDITION: weight, ...}");
                }
                combos.add(new org.larmor.sequence.Sequence.Combination(name, weights));
            }
        }
        return new Scenario.Editing(conditions, snr, combos, e.location());
    }

    private static Scenario.EditedMm editedMm(YamlMap e) {
        e.allowOnly("ppm", "fwhm_ppm", "amplitude", "conditions");
        Map<String, Double> weights = new LinkedHashMap<>();
        if (e.has("conditions")) {
            YamlMap c = e.map("conditions");
            for (String cond : c.keys()) {
                weights.put(cond, c.number(cond, -10, 10, ""));
            }
        } else {
            weights.put("ON", 1.0);
        }
        return new Scenario.EditedMm(e.number("ppm", -50, 50, "ppm", 3.0), e.number("fwhm_ppm", 1e-3, 2, "ppm"),
                Distribution.parse(e.require("amplitude"), 0, 1e6, ""), weights);
    }

    private static Scenario.Fmrs fmrs(YamlMap f, Path baseDir, List<Scenario.Metabolite> metabolites) {
        f.allowOnly("dynamics", "design", "responses", "bold");
        int dynamics = f.integer("dynamics", 2, 100_000);
        StimulusDesign design = StimulusDesign.read(f.map("design"), baseDir);
        List<Scenario.Fmrs.Response> responses = new ArrayList<>();
        if (f.has("responses")) {
            YamlMap r = f.map("responses");
            for (String key : r.keys()) {
                requireMetabolite(metabolites, key, r, "fmrs.responses");
                YamlMap one = r.map(key);
                one.allowOnly("change_percent", "time_constant_s");
                responses.add(new Scenario.Fmrs.Response(key, r.keyLocation(key),
                        Distribution.parse(one.require("change_percent"), -100, 1000, "%"),
                        one.number("time_constant_s", 0, 600, "s", 0)));
            }
        }
        Distribution bold = Distribution.fixed(0);
        if (f.has("bold")) {
            YamlMap b = f.map("bold");
            b.allowOnly("narrowing_hz");
            bold = Distribution.parse(b.require("narrowing_hz"), 0, 20, "Hz");
        }
        return new Scenario.Fmrs(dynamics, design, responses, bold, f.location());
    }

    private static final List<String> OTHER_SIGNALS = List.of("macromolecules", "lipids", "residual_water");

    private static Scenario.Diffusion diffusion(YamlMap d, Path baseDir, List<Scenario.Metabolite> metabolites) {
        d.allowOnly("gradients", "models", "motion", "eddy_current");
        GradientTable table = GradientTable.read(d.map("gradients"), baseDir);
        double bMax = table.maxBSPerM2();
        YamlMap models = d.map("models");
        Map<String, DiffusionModel> byName = new LinkedHashMap<>();
        Map<String, DiffusionModel> others = new LinkedHashMap<>();
        for (String key : models.keys()) {
            DiffusionModel model = DiffusionModel.read(models.map(key), bMax);
            if (OTHER_SIGNALS.contains(key)) {
                others.put(key, model);
            } else if (key.equals("default")) {
                byName.put(key, model);
            } else {
                requireMetabolite(metabolites, key, models, "diffusion.models");
                byName.put(key, model);
            }
        }
        if (!byName.containsKey("default")) {
            for (Scenario.Metabolite met : metabolites) {
                boolean found = byName.keySet().stream().anyMatch(k -> Names.key(k).equals(Names.key(met.name())));
                if (!found) {
                    throw new InputException(models.location(), "diffusion.models", "metabolite \"" + met.name()
                            + "\" has no diffusion model: give it one, or a default: model for the rest");
                }
            }
        }
        Distribution phaseSd = Distribution.fixed(0);
        Distribution loss = Distribution.fixed(0);
        if (d.has("motion")) {
            YamlMap mo = d.map("motion");
            mo.allowOnly("phase_sd_deg", "amplitude_loss");
            phaseSd = dist(mo, "phase_sd_deg", 0, 180, "degrees", phaseSd);
            loss = dist(mo, "amplitude_loss", 0, 1, "", loss);
        }
        List<Distribution> eddy = List.of(Distribution.fixed(0), Distribution.fixed(0), Distribution.fixed(0));
        Distribution tau = Distribution.fixed(0.01);
        if (d.has("eddy_current")) {
            YamlMap e = d.map("eddy_current");
            e.allowOnly("amplitude_x_rad", "amplitude_y_rad", "amplitude_z_rad", "time_constant_ms");
            eddy = List.of(dist(e, "amplitude_x_rad", -10, 10, "rad", Distribution.fixed(0)),
                    dist(e, "amplitude_y_rad", -10, 10, "rad", Distribution.fixed(0)),
                    dist(e, "amplitude_z_rad", -10, 10, "rad", Distribution.fixed(0)));
            tau = scaled(Distribution.parse(e.require("time_constant_ms"), 0.01, 10_000, "ms"), 1e-3);
        }
        return new Scenario.Diffusion(table, byName, others, phaseSd, loss, eddy, tau, d.location());
    }

    private static void requireMetabolite(List<Scenario.Metabolite> metabolites, String key, YamlMap block,
                                          String field) {
        if (metabolites.stream().noneMatch(x -> Names.key(x.name()).equals(Names.key(key)))) {
            throw new InputException(block.keyLocation(key), block.childPath(key), field + ": metabolite \"" + key
                    + "\" has no concentration: add it under concentrations_mm");
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static Distribution dist(YamlMap m, String key, double lo, double hi, String unit, Distribution fallback) {
        return m.has(key) ? Distribution.parse(m.require(key), lo, hi, unit) : fallback;
    }

    private static Distribution uniform(double a, double b) {
        return new Distribution.Uniform(a, b);
    }

    /** A distribution of values in ms (or another unit) turned into one of values times {@code factor}. */
    static Distribution scaled(Distribution d, double factor) {
        if (d instanceof Distribution.Fixed f) {
            return new Distribution.Fixed(f.value() * factor);
        } else if (d instanceof Distribution.Uniform u) {
            return new Distribution.Uniform(u.min() * factor, u.max() * factor);
        } else if (d instanceof Distribution.Normal n) {
            return new Distribution.Normal(n.mean() * factor, n.sd() * factor, n.lo() * factor, n.hi() * factor);
        } else if (d instanceof Distribution.TruncatedNormal t) {
            return new Distribution.TruncatedNormal(t.mean() * factor, t.sd() * factor, t.min() * factor,
                    t.max() * factor);
        }
        if (d instanceof Distribution.Empirical e) {
            double[] v = e.values();
            for (int k = 0; k < v.length; k++) {
                v[k] *= factor;
            }
            return new Distribution.Empirical(v);
        }
        Distribution.LogNormal l = (Distribution.LogNormal) d;
        return new Distribution.LogNormal(l.median() * factor, l.sigma(), l.lo() * factor, l.hi() * factor);
    }

    private static double[] window(YamlMap m, String key, double[] fallback) {
        if (!m.has(key)) {
            return fallback;
        }
        YamlList l = m.list(key).requireSize(2);
        double[] w = l.asDoubles(-300, 300, "ppm");
        if (!(w[0] < w[1])) {
            throw l.error("expected [low, high] with low < high, got [" + w[0] + ", " + w[1] + "]");
        }
        return w;
    }


}
