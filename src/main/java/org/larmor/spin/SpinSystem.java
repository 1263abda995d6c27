package org.larmor.spin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A metabolite's spin system: the sub-systems whose signals add up to its spectrum, and where the numbers come from.
 *
 * @param name        canonical short name ("NAA", "Ins", "2HG")
 * @param fullName    chemical name ("N-acetylaspartate")
 * @param aliases     other names users and tools know it by ("mI", "myo-Ins"), for look-up
 * @param lcmodelName name for LCModel's METABO field (at most 6 characters), or null to use {@code name}
 * @param source      literature citation of the values
 * @param subsystems  at least one sub-system
 * @param origin      file it was read from, or a description for systems built in code
 * @param relaxation  the T1/T2 a simulation applies when it asks for relaxation, or null (chosen from
 *                    {@code publishedRelaxation} for the sequence's field by {@link RelaxationChoice})
 * @param publishedRelaxation published T1/T2 per field, each with its source (the file's {@code relaxation:})
 * @param valueSources citations of single values that come from another paper than {@code source}, in file order,
 *                    keyed "sub-system" (a whole fragment), "sub-system/label" (a spin) or "sub-system/a~b" (a
 *                    coupling)
 */
public record SpinSystem(String name, String fullName, List<String> aliases, String lcmodelName, String source,
                         List<SubSystem> subsystems, String origin, Relaxation relaxation,
                         List<RelaxationEntry> publishedRelaxation, Map<String, String> valueSources) {
    public SpinSystem {
        aliases = List.copyOf(aliases);
        subsystems = List.copyOf(subsystems);
        publishedRelaxation = List.copyOf(publishedRelaxation);
        valueSources = Collections.unmodifiableMap(new LinkedHashMap<>(valueSources));
    }

    public SpinSystem(String name, String fullName, List<String> aliases, String lcmodelName, String source,
                      List<SubSystem> subsystems, String origin, Relaxation relaxation) {
        this(name, fullName, aliases, lcmodelName, source, subsystems, origin, relaxation, List.of(), Map.of());
    }

    public SpinSystem(String name, String fullName, List<String> aliases, String lcmodelName, String source,
                      List<SubSystem> subsystems, String origin) {
        this(name, fullName, aliases, lcmodelName, source, subsystems, origin, null);
    }

    /** The same system with relaxation times to apply (its published table is kept). */
    public SpinSystem withRelaxation(Relaxation r) {
        return new SpinSystem(name, fullName, aliases, lcmodelName, source, subsystems, origin, r,
                publishedRelaxation, valueSources);
    }

    /** A spin system with a single sub-system of scale 1, for tests and the Java API. */
    public static SpinSystem of(String name, List<Spin> spins, List<Coupling> couplings) {
        return new SpinSystem(name, name, List.of(), null, "user", List.of(new SubSystem(name, 1.0, spins, couplings)),
                "code");
    }

    /** The name to write into LCModel's METABO field. */
    public String lcmodelNameOrName() {
        return lcmodelName != null ? lcmodelName : name;
    }

    /**
     * SHA-256 of the physics content (names, nuclei, shifts, counts, couplings, scales), independent of comments and
     * formatting of the file: two files that simulate identically have the same hash.
     */
    public String contentHash() {
        StringBuilder sb = new StringBuilder();
        sb.append("larmor-spin-system-v1\n").append(name).append('\n');
        for (SubSystem s : subsystems) {
            sb.append("sub ").append(s.name()).append(' ').append(canon(s.scale())).append('\n');
            for (Spin p : s.spins()) {
                sb.append("spin ").append(p.label()).append(' ').append(p.nucleus().symbol()).append(' ')
                        .append(canon(p.shiftPpm())).append(' ').append(p.count()).append('\n');
            }
            for (Coupling c : s.couplings()) {
                sb.append("j ").append(c.a()).append(' ').append(c.b()).append(' ').append(canon(c.jHz())).append('\n');
            }
        }
        return org.larmor.input.Sha256.hex(sb.toString());
    }

    /** Total number of protons (or observed spins) weighted by sub-system scale: the pulse-acquire amplitude. */
    public double weightedSpinCount(Nucleus nucleus) {
        double total = 0;
        for (SubSystem s : subsystems) {
            total += s.scale() * s.spinsOf(nucleus).stream().mapToInt(Spin::count).sum();
        }
        return total;
    }

    private static String canon(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.9g", v);
    }
}
