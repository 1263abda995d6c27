package org.larmor.spin;

import org.larmor.input.InputException;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    public static SpinSystem read(Path file) {
        return parse(YamlReader.read(file), file.toString());
    }

    public static SpinSystem parse(String source, String yaml) {
        return parse(YamlReader.read(source, yaml), source);
    }

    private static SpinSystem parse(YamlNode root, String origin) {
        YamlMap m = root.asMap().allowOnly("name", "full_name", "aliases", "lcmodel_name", "source", "notes",
                "subsystems", "relaxation");
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
        YamlList subsNode = m.list("subsystems");
        if (subsNode.size() == 0) {
            throw subsNode.error("expected at least one sub-system");
        }
        List<SubSystem> subs = new ArrayList<>();
        Set<String> subNames = new HashSet<>();
        for (YamlNode sn : subsNode.items()) {
            SubSystem sub = subsystem(sn.asMap(), name, subsNode.size());
            if (!subNames.add(sub.name())) {
                throw sn.error("two sub-systems are named \"" + sub.name() + "\"");
            }
            subs.add(sub);
        }
        checkSameAs(subsNode, subs);
        Relaxation relaxation = null;
        if (m.has("relaxation")) {
            YamlMap r = m.map("relaxation").allowOnly("t1_ms", "t2_ms", "field_t", "source");
            if (!r.has("t1_ms") && !r.has("t2_ms")) {
                throw r.error("give t1_ms, t2_ms or both");
            }
            relaxation = new Relaxation(r.number("t1_ms", 1, 100_000, "ms", Double.NaN) * 1e-3,
                    r.number("t2_ms", 0.1, 100_000, "ms", Double.NaN) * 1e-3, r.number("field_t", 0.01, 30, "T"),
                    r.string("source"));
        }
        return new SpinSystem(name, fullName, aliases, lcmodelName, source, subs, origin, relaxation);
    }

    private static SubSystem subsystem(YamlMap m, String systemName, int siblings) {
        m.allowOnly("name", "scale", "spins", "couplings", "notes");
        String name = m.string("name", siblings == 1 ? systemName : null);
        if (name == null) {
            throw m.error("missing required field 'name' (needed when there is more than one sub-system)");
        }
        double scale = m.number("scale", 1e-9, 1e6, "", 1.0);
        YamlList spinList = m.list("spins");
        if (spinList.size() == 0) {
            throw spinList.error("expected at least one spin");
        }
        List<Spin> spins = new ArrayList<>();
        Map<String, Integer> labelLine = new HashMap<>();
        for (YamlNode sn : spinList.items()) {
            YamlMap s = sn.asMap().allowOnly("label", "shift_ppm", "count", "nucleus", "notes", "same_as", "ph_shift");
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
            } else if (nucleus == Nucleus.H1 || s.has("shift_ppm")) {
                shift = s.number("shift_ppm", SHIFT_MIN_PPM, SHIFT_MAX_PPM, "ppm");
            } else {
                shift = Double.NaN;
            }
            int count = s.integer("count", 1, 64, 1);
            String sameAs = s.has("same_as") ? s.string("same_as") : null;
            spins.add(new Spin(label, shift, count, nucleus, sameAs, titration));
        }
        List<Coupling> couplings = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        if (m.has("couplings")) {
            for (YamlNode cn : m.list("couplings").items()) {
                YamlMap c = cn.asMap().allowOnly("between", "j_hz", "notes");
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
                couplings.add(new Coupling(a, b, j));
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
