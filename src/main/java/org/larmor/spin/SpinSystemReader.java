package org.larmor.spin;

import org.larmor.input.InputException;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a spin system from YAML (schema in {@code docs/spin-systems.md}) and checks it: unknown keys, missing
 * fields, types, ranges, couplings that name unknown spins, duplicate or conflicting couplings, and systems too
 * large to simulate. Every error names the file, line and field.
 */
public final class SpinSystemReader {
    /**
     * Largest cluster of coupled spins Larmor simulates: 2^12 states, a 4096×4096 complex density matrix (256 MiB).
     * Larger molecules are split into weakly coupled sub-systems, as in the literature.
     */
    public static final int MAX_COUPLED_SPINS = 12;

    /** Chemical-shift range accepted for observed nuclei, in ppm (covers 1H, 13C and 31P in vivo). */
    private static final double SHIFT_MIN_PPM = -300;
    private static final double SHIFT_MAX_PPM = 300;

    private SpinSystemReader() {
    }

    /**
     * The citations that every spin system of a folder may name by {@code ref:}: {@value #SHARED_REFERENCES} beside
     * the files, a map of key → full citation. One copy of a paper that many files cite (a relaxation survey), so that
     * a correction is made once.
     */
    public static final String SHARED_REFERENCES = "references.yaml";

    public static SpinSystem read(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return read(file, dir == null ? Map.of() : sharedReferences(dir));
    }

    /**
     * As {@link #read(Path)}, with the folder's {@link #SHARED_REFERENCES} already read: a library reads that file
     * once, not once per spin system.
     */
    static SpinSystem read(Path file, Map<String, String> sharedReferences) {
        return parse(YamlReader.read(file), file.toString(), sharedReferences);
    }

    /** The citations of {@code dir}'s {@link #SHARED_REFERENCES} (none if it has no such file). */
    static Map<String, String> sharedReferences(Path dir) {
        Path shared = dir.resolve(SHARED_REFERENCES);
        return Files.isRegularFile(shared) ? references(YamlReader.read(shared).asMap()) : Map.of();
    }

    public static SpinSystem parse(String source, String yaml) {
        return parse(YamlReader.read(source, yaml), source, Map.of());
    }

    /** A map of reference key → full citation, every value a string. */
    private static Map<String, String> references(YamlMap r) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (String key : r.keys()) {
            refs.put(key, r.string(key));
        }
        return refs;
    }

    private static SpinSystem parse(YamlNode root, String origin, Map<String, String> sharedRefs) {
        YamlMap m = root.asMap().allowOnly("name", "full_name", "aliases", "lcmodel_name", "source", "notes",
                "references", "subsystems", "relaxation");
        String name = m.string("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_+\\-.]*")) {
            throw m.require("name").error("a metabolite name is letters, digits and _ + - . (starting with a letter"
                    + " or digit), got \"" + name + "\"");
        }
        String fullName = m.string("full_name", name);
        String source = m.string("source");
        List<String> aliases = new ArrayList<>();
        m.get("aliases").ifPresent(a -> a.asList().items().forEach(i -> aliases.add(i.asString())));
        String lcmodelName = m.string("lcmodel_name", null);
        String lcm = lcmodelName != null ? lcmodelName : name;
        if (lcm.length() > 6) {
            YamlNode at = lcmodelName != null ? m.require("lcmodel_name") : m.require("name");
            throw at.error("LCModel allows at most 6 characters in METABO; \"" + lcm
                    + "\" is longer: add lcmodel_name with a short name");
        }
        // The file's own references come after (and so override) the folder's shared ones.
        Map<String, String> refs = new LinkedHashMap<>(sharedRefs);
        if (m.has("references")) {
            refs.putAll(references(m.map("references")));
        }
        YamlList subsNode = m.list("subsystems");
        if (subsNode.size() == 0) {
            throw subsNode.error("expected at least one sub-system");
        }
        List<SubSystem> subs = new ArrayList<>();
        Set<String> subNames = new HashSet<>();
        Map<String, String> valueSources = new LinkedHashMap<>();
        for (YamlNode sn : subsNode.items()) {
            SubSystem sub = subsystem(sn.asMap(), name, subsNode.size(), refs, valueSources);
            if (!subNames.add(sub.name())) {
                throw sn.error("two sub-systems are named \"" + sub.name() + "\"");
            }
            subs.add(sub);
        }
        checkSameAs(subsNode, subs);
        List<RelaxationEntry> relaxation = m.has("relaxation") ? relaxation(m.require("relaxation"), refs)
                : List.of();
        return new SpinSystem(name, fullName, aliases, lcmodelName, source, subs, origin, null, relaxation,
                valueSources);
    }

    /**
     * The published relaxation times: a list of {field_t, t1_ms and/or t2_ms, source or ref, resonance, notes}, one
     * entry per measurement. A single map (the first form of the key) is read as a list of one. At most one T1 and
     * one T2 per field: a second is refused rather than silently preferred.
     */
    private static List<RelaxationEntry> relaxation(YamlNode node, Map<String, String> refs) {
        List<YamlNode> items = node instanceof YamlMap ? List.of(node) : node.asList().items();
        if (items.isEmpty()) {
            throw node.error("expected at least one entry {field_t, t1_ms and/or t2_ms, source or ref}");
        }
        List<RelaxationEntry> out = new ArrayList<>();
        for (YamlNode item : items) {
            YamlMap r = item.asMap().allowOnly("field_t", "t1_ms", "t2_ms", "source", "ref", "resonance", "notes",
                    "nucleus");
            Nucleus nucleus = Nucleus.H1;
            if (r.has("nucleus")) {
                YamlNode nn = r.require("nucleus");
                nucleus = Nucleus.parse(nn.asString()).orElseThrow(() -> nn.error("unknown nucleus \"" + nn.asString()
                        + "\"; known: 1H, 2H, 13C, 14N, 15N, 19F, 31P"));
            }
            if (!r.has("t1_ms") && !r.has("t2_ms")) {
                throw r.error("give t1_ms, t2_ms or both");
            }
            double field = r.number("field_t", 0.01, 30, "T");
            double t1 = r.number("t1_ms", 1, 100_000, "ms", Double.NaN) * 1e-3;
            double t2 = r.number("t2_ms", 0.1, 100_000, "ms", Double.NaN) * 1e-3;
            String key = r.string("ref", null);
            String citation = citation(r, refs);
            if (citation == null) {
                throw r.error("missing the source of these values: give source (a full citation) or ref (a key of"
                        + " references)");
            }
            for (RelaxationEntry e : out) {
                boolean same = e.fieldT() == field && e.nucleus() == nucleus;
                boolean t1Twice = same && !Double.isNaN(e.t1S()) && !Double.isNaN(t1);
                boolean t2Twice = same && !Double.isNaN(e.t2S()) && !Double.isNaN(t2);
                if (t1Twice || t2Twice) {
                    throw r.require(t1Twice ? "t1_ms" : "t2_ms").error("a second " + (t1Twice ? "T1" : "T2")
                            + " at " + field + " T (the first is at line " + e.line() + "); give one value per"
                            + " field, and say in notes which of the published ones it is");
                }
            }
            out.add(new RelaxationEntry(nucleus, field, t1, t2, citation, key, r.string("resonance", null),
                    r.location().line()));
        }
        return out;
    }

    /**
     * The citation of one value or block: its {@code source} (written in place) or its {@code ref} (a key of the
     * file's {@code references}), or null if it has neither (it then shares the file's {@code source}).
     */
    private static String citation(YamlMap m, Map<String, String> refs) {
        if (m.has("source") && m.has("ref")) {
            throw m.require("ref").error("give source or ref, not both");
        }
        if (m.has("ref")) {
            String key = m.string("ref");
            String c = refs.get(key);
            if (c == null) {
                throw m.require("ref").error("unknown reference \"" + key + "\"; known (the file's references: and "
                        + SHARED_REFERENCES + " beside it): " + (refs.isEmpty() ? "none (add a references: map)"
                        : String.join(", ", refs.keySet())));
            }
            return c;
        }
        return m.string("source", null);
    }

    private static SubSystem subsystem(YamlMap m, String systemName, int siblings, Map<String, String> refs,
                                       Map<String, String> valueSources) {
        m.allowOnly("name", "scale", "spins", "couplings", "notes", "source", "ref");
        String name = m.string("name", siblings == 1 ? systemName : null);
        if (name == null) {
            throw m.error("missing required field 'name' (needed when there is more than one sub-system)");
        }
        double scale = m.number("scale", 1e-9, 1e6, "", 1.0);
        putCitation(valueSources, name, citation(m, refs));
        YamlList spinList = m.list("spins");
        if (spinList.size() == 0) {
            throw spinList.error("expected at least one spin");
        }
        List<Spin> spins = new ArrayList<>();
        Map<String, Integer> labelLine = new HashMap<>();
        for (YamlNode sn : spinList.items()) {
            YamlMap s = sn.asMap().allowOnly("label", "shift_ppm", "count", "nucleus", "notes", "source", "ref",
                    "same_as", "ph_shift");
            String label = s.string("label");
            if (labelLine.containsKey(label)) {
                throw s.require("label").error("spin label \"" + label + "\" is used twice in this sub-system (first at"
                        + " line " + labelLine.get(label) + ")");
            }
            labelLine.put(label, s.location().line());
            Nucleus nucleus = Nucleus.H1;
            if (s.has("nucleus")) {
                YamlNode nn = s.require("nucleus");
                nucleus = Nucleus.parse(nn.asString()).orElseThrow(() -> nn.error("unknown nucleus \"" + nn.asString()
                        + "\"; known: 1H, 2H, 13C, 14N, 15N, 19F, 31P"));
            }
            PhTitration titration = s.has("ph_shift") ? phShift(s) : null;
            double shift;
            if (titration != null) {
                shift = titration.shiftPpm(titration.defaultPh());
            } else if (nucleus == Nucleus.H1 && !s.has("nucleus") || s.has("shift_ppm")) {
                // A proton needs its shift unless `nucleus: 1H` is written out: a deliberate spectator-only proton
                // (the C4 protons of [4-13C]Glu), which makes the system unobservable on 1H, never a forgotten shift.
                shift = s.number("shift_ppm", SHIFT_MIN_PPM, SHIFT_MAX_PPM, "ppm");
            } else {
                shift = Double.NaN;
            }
            int count = s.integer("count", 1, 64, 1);
            putCitation(valueSources, name + "/" + label, citation(s, refs));
            String sameAs = s.has("same_as") ? s.string("same_as") : null;
            spins.add(new Spin(label, shift, count, nucleus, sameAs, titration));
        }
        List<Coupling> couplings = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        if (m.has("couplings")) {
            for (YamlNode cn : m.list("couplings").items()) {
                YamlMap c = cn.asMap().allowOnly("between", "j_hz", "notes", "source", "ref");
                YamlList between = c.list("between");
                if (between.size() != 2) {
                    throw between.error("expected two spin labels, e.g. between: [H2, H3]; got " + between.size());
                }
                String a = between.get(0).asString();
                String b = between.get(1).asString();
                for (int k = 0; k < 2; k++) {
                    String l = between.get(k).asString();
                    if (!labelLine.containsKey(l)) {
                        throw between.get(k).error("coupling names spin \"" + l + "\", which this sub-system does not"
                                + " have; its spins are " + String.join(", ", labelLine.keySet()));
                    }
                }
                if (a.equals(b)) {
                    throw between.error("a spin cannot couple to itself (\"" + a + "\"); couplings inside a group of"
                            + " equivalent spins do not affect the spectrum and are not written");
                }
                double j = c.number("j_hz", -1000, 1000, "Hz");
                String key = a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
                YamlNode first = seen.get(key);
                if (first != null) {
                    double j0 = first.asMap().require("j_hz").asDouble();
                    String kind = j0 == j ? "duplicate coupling" : "conflicting coupling (" + j0 + " Hz vs " + j + " Hz)";
                    throw cn.error(kind + " between " + a + " and " + b + "; first written at line "
                            + first.location().line());
                }
                seen.put(key, cn);
                Spin sa = spins.get(indexOf(spins, a));
                Spin sb = spins.get(indexOf(spins, b));
                if (sa.nucleus() != sb.nucleus() && sa.nucleus().twiceSpin() > 1 && sb.nucleus().twiceSpin() > 1) {
                    throw cn.error("couplings between two quadrupolar nuclei are not supported");
                }
                // Observed, a J-coupled pair of spin-1 nuclei evolves out of the vector (rank-1) space that a
                // spin-½ stand-in reproduces (it needs spin-1 operators: 3^n states), so it is refused here rather
                // than simulated wrongly. 2H–2H couplings are J_HH·(γD/γH)² ≈ 2 % of J_HH, far below 2H linewidths.
                if (sa.nucleus() == sb.nucleus() && sa.nucleus().twiceSpin() > 1) {
                    throw cn.error("a J coupling between two " + sa.nucleus() + " spins (" + a + ", " + b + ") would"
                            + " need spin-1 operators, which Larmor does not have (observed spins are simulated as"
                            + " isolated vectors); leave it out: " + sa.nucleus() + "-" + sa.nucleus() + " couplings"
                            + " are below a hertz, and equivalent nuclei are one spin with count");
                }
                couplings.add(new Coupling(a, b, j));
                putCitation(valueSources, name + "/" + a + "~" + b, citation(c, refs));
            }
        }
        SubSystem sub = new SubSystem(name, scale, spins, couplings);
        for (Nucleus n : Nucleus.values()) {
            for (List<Integer> cluster : CoupledClusters.of(sub, n)) {
                int size = CoupledClusters.expandedSize(sub, cluster);
                if (cluster.size() > 1 && size > MAX_COUPLED_SPINS) {
                    long dim = 1L << Math.min(size, 62);
                    double gib = Math.pow(2, 2.0 * size) * 16 / (1L << 30);
                    throw m.error("too large to simulate: " + size + " coupled " + n + " spins make a " + dim + "×" + dim
                            + " complex density matrix (" + String.format(java.util.Locale.ROOT, "%.3g", gib)
                            + " GiB); Larmor simulates at most " + MAX_COUPLED_SPINS
                            + " coupled spins per cluster. Split weakly coupled fragments into separate sub-systems.");
                }
            }
        }
        return sub;
    }

    /** {@code ph_shift: {pka, acid_ppm, base_ppm, default_ph, source}}, in place of {@code shift_ppm}. */
    private static PhTitration phShift(YamlMap spin) {
        if (spin.has("shift_ppm")) {
            throw spin.require("shift_ppm").error("give shift_ppm or ph_shift, not both (ph_shift computes the shift"
                    + " from pH)");
        }
        YamlMap p = spin.map("ph_shift").allowOnly("pka", "acid_ppm", "base_ppm", "default_ph", "source");
        double pka = p.number("pka", 0, 14, "");
        double acid = p.number("acid_ppm", SHIFT_MIN_PPM, SHIFT_MAX_PPM, "ppm");
        double base = p.number("base_ppm", SHIFT_MIN_PPM, SHIFT_MAX_PPM, "ppm");
        if (acid == base) {
            throw p.require("base_ppm").error("expected a shift different from acid_ppm (" + acid + " ppm): an"
                    + " equal pair makes the shift independent of pH");
        }
        double ph = p.number("default_ph", PhTitration.MIN_PH, PhTitration.MAX_PH, "");
        return new PhTitration(pka, acid, base, ph, p.string("source"));
    }

    /**
     * A spin with {@code same_as: X} is the atom that sub-system X holds under the same label: X must exist, differ,
     * have that label on the same nucleus (not itself a {@code same_as}), the same scale, and the shift must agree.
     */
    private static void checkSameAs(YamlList subsNode, List<SubSystem> subs) {
        for (int i = 0; i < subs.size(); i++) {
            SubSystem sub = subs.get(i);
            YamlList spinNodes = subsNode.get(i).asMap().list("spins");
            for (int k = 0; k < sub.spins().size(); k++) {
                Spin sp = sub.spins().get(k);
                if (sp.sameAs() == null) {
                    continue;
                }
                YamlNode at = spinNodes.get(k).asMap().require("same_as");
                SubSystem other = subs.stream().filter(o -> o.name().equals(sp.sameAs())).findFirst().orElseThrow(
                        () -> at.error("no sub-system named \"" + sp.sameAs() + "\"; this system has "
                                + String.join(", ", subs.stream().map(SubSystem::name).toList())));
                int j = other.indexOf(sp.label());
                if (other == sub || j < 0 || other.spins().get(j).nucleus() != sp.nucleus()
                        || other.spins().get(j).sameAs() != null) {
                    throw at.error("expected a sub-system other than this one that holds a " + sp.nucleus()
                            + " spin labelled \"" + sp.label() + "\" without same_as");
                }
                Spin o = other.spins().get(j);
                if (other.scale() != sub.scale() || o.count() != sp.count()
                        || Double.compare(o.shiftPpm(), sp.shiftPpm()) != 0) {
                    throw at.error("the same atom must have the same shift, count and sub-system scale in "
                            + sub.name() + " and " + other.name());
                }
            }
        }
    }

    private static void putCitation(Map<String, String> valueSources, String key, String citation) {
        if (citation != null) {
            valueSources.put(key, citation);
        }
    }

    private static int indexOf(List<Spin> spins, String label) {
        for (int i = 0; i < spins.size(); i++) {
            if (spins.get(i).label().equals(label)) {
                return i;
            }
        }
        throw new IllegalStateException(label);
    }

    /** Thrown when a directory holds two systems claiming the same name or alias. */
    static InputException nameClash(SpinSystem a, SpinSystem b, String name) {
        return InputException.of(b.origin(), "the name \"" + name + "\" is already used by " + a.name() + " ("
                + a.origin() + ")");
    }
}
