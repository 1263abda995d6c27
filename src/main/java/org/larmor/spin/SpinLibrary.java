package org.larmor.spin;

import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The spin systems of a folder, looked up by canonical name or by any alias (case-insensitive, and ignoring
 * '-', '_' and spaces, so "myo-Ins", "MYO_INS" and "myoins" all find Ins).
 */
public final class SpinLibrary {
    private final List<SpinSystem> systems;
    private final Map<String, SpinSystem> byKey;

    public SpinLibrary(List<SpinSystem> systems) {
        List<SpinSystem> sorted = new ArrayList<>(systems);
        sorted.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        this.systems = Collections.unmodifiableList(sorted);
        this.byKey = new LinkedHashMap<>();
        for (SpinSystem s : sorted) {
            claim(s, s.name());
        }
        for (SpinSystem s : sorted) {
            for (String alias : s.aliases()) {
                claim(s, alias);
            }
        }
    }

    private void claim(SpinSystem s, String name) {
        SpinSystem other = byKey.putIfAbsent(key(name), s);
        if (other != null && other != s) {
            throw SpinSystemReader.nameClash(other, s, name);
        }
    }

    /** Reads every {@code *.yaml} / {@code *.yml} file of a folder but the shared {@code references.yaml}. */
    public static SpinLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir.toString(), "spin-system folder not found");
        }
        List<Path> paths;
        try (Stream<Path> files = Files.list(dir)) {
            paths = files.filter(p -> {
                String f = p.getFileName().toString();
                return (f.endsWith(".yaml") || f.endsWith(".yml")) && !f.equals(SpinSystemReader.SHARED_REFERENCES);
            }).sorted().toList();
        } catch (IOException e) {
            throw InputException.of(dir.toString(), "cannot list folder: " + e.getMessage());
        }
        Map<String, String> refs = SpinSystemReader.sharedReferences(dir.toAbsolutePath());
        // Parsed on every core (the YAML of some seventy files was most of a basis run's start), and kept in file
        // order; of several bad files, the first in that order is the one reported, as when they were read in turn.
        List<Object> read = paths.parallelStream().<Object>map(p -> {
            try {
                return SpinSystemReader.read(p, refs);
            } catch (InputException e) {
                return e;
            }
        }).toList();
        List<SpinSystem> out = new ArrayList<>(read.size());
        for (Object r : read) {
            if (r instanceof InputException e) {
                throw e;
            }
            out.add((SpinSystem) r);
        }
        return new SpinLibrary(out);
    }

    public List<SpinSystem> all() {
        return systems;
    }

    public Optional<SpinSystem> find(String nameOrAlias) {
        return Optional.ofNullable(byKey.get(key(nameOrAlias)));
    }

    /** The default selection of {@code larmor basis}. */
    public static final String DEFAULT_SET = "brain";

    /**
     * A named set of metabolites.
     *
     * @param name        as given in a selection
     * @param description what it holds, for --help
     * @param metabolites canonical names; those missing from a library are skipped when the set is expanded
     */
    public record NamedSet(String name, String description, List<String> metabolites, Nucleus nucleus,
                           boolean isDefault) {
        public NamedSet(String name, String description, List<String> metabolites) {
            this(name, description, metabolites, null, false);
        }
    }

    /**
     * The default selection for a sequence observing this nucleus: the set marked {@code default: true} for it in
     * metabolite-sets.yaml ({@code brain} for 1H, {@code brain-31p} for 31P), else "all".
     */
    public static String defaultSet(Nucleus observed) {
        return namedSets().stream().filter(n -> n.isDefault() && n.nucleus() == observed).map(NamedSet::name)
                .findFirst().orElse("all");
    }

    /**
     * The named sets, from {@code metabolite-sets.yaml} beside this class, in file order, plus "all" (every spin
     * system of the library), first.
     */
    public static List<NamedSet> namedSets() {
        return NamedSets.SETS;
    }

    private static final class NamedSets {
        static final List<NamedSet> SETS = read();

        private static List<NamedSet> read() {
            List<NamedSet> out = new ArrayList<>();
            out.add(new NamedSet("all", "every spin system of the folder with a spin of the observed nucleus"
                    + " (for 1H: including water, reference, lipid and alternates)", List.of()));
            try (java.io.InputStream in = SpinLibrary.class.getResourceAsStream("metabolite-sets.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("metabolite-sets.yaml missing from the jar");
                }
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
                root.fields().forEachRemaining(e -> {
                    List<String> names = new ArrayList<>();
                    e.getValue().path("metabolites").forEach(n -> names.add(n.asText()));
                    String nuc = e.getValue().path("nucleus").asText("1H");
                    out.add(new NamedSet(e.getKey(), e.getValue().path("description").asText(), List.copyOf(names),
                            Nucleus.parse(nuc).orElseThrow(() -> new IllegalStateException("metabolite-sets.yaml: "
                                    + e.getKey() + ": unknown nucleus " + nuc)),
                            e.getValue().path("default").asBoolean(false)));
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read metabolite-sets.yaml", e);
            }
            return List.copyOf(out);
        }
    }

    private static Optional<NamedSet> namedSet(String name) {
        return namedSets().stream().filter(n -> n.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The spin systems of a named set that this library holds, in library order. */
    public List<SpinSystem> expand(NamedSet set) {
        if (set.name().equals("all")) {
            return systems;
        }
        List<SpinSystem> out = new ArrayList<>();
        for (SpinSystem s : systems) {
            if (set.metabolites().stream().anyMatch(m -> key(m).equals(key(s.name())))) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Resolves a comma-separated selection of named sets ({@link #namedSets()}: all, brain, …) and metabolite names
     * and aliases, e.g. "brain,Ref0ppm". Unknown names are an error listing what exists; a metabolite named twice
     * (e.g. "Ins,mI") is an error too, while one that a set holds and that is named again is taken once.
     */
    public List<SpinSystem> select(String selection) {
        return select(selection, null);
    }

    /**
     * As {@link #select(String)}, for a sequence observing {@code observed} (null: any): "all" keeps the systems with
     * a spin of that nucleus, a set made for another nucleus is refused, and so is a named metabolite that has no
     * spin of it, so that 31P systems never leak into a 1H basis set, nor 1H-only ones into a 31P set.
     */
    /**
     * Whether {@code list} holds this very system. The library's systems are distinct objects with distinct names, so
     * identity is what equality would say; a record's equals compares every shift and coupling of both systems (about
     * 10 ms of a cold run's start for {@code --metabolites all}, in JFR).
     */
    private static boolean holds(List<SpinSystem> list, SpinSystem s) {
        for (SpinSystem x : list) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    public List<SpinSystem> select(String selection, Nucleus observed) {
        List<SpinSystem> out = new ArrayList<>();
        List<SpinSystem> named = new ArrayList<>();
        for (String raw : selection.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Optional<NamedSet> set = find(name).isPresent() ? Optional.empty() : namedSet(name);
            if (set.isPresent()) {
                Nucleus made = set.get().nucleus();
                if (observed != null && made != null && made != observed) {
                    throw InputException.of("--metabolites", "the set \"" + set.get().name() + "\" is for " + made
                            + " and the sequence observes " + observed + "; for " + observed + " use "
                            + defaultSet(observed));
                }
                for (SpinSystem s : expand(set.get())) {
                    if (observed != null && !s.observableOn(observed)) {
                        continue;
                    }
                    if (!holds(out, s)) {
                        out.add(s);
                    }
                }
                continue;
            }
            SpinSystem s = find(name).orElseThrow(() -> InputException.of("--metabolites",
                    "unknown metabolite \"" + name + "\"; known: " + String.join(", ",
                            systems.stream().map(SpinSystem::name).toList()) + "; sets: " + String.join(", ",
                            namedSets().stream().map(NamedSet::name).toList())));
            if (observed != null && !s.observableOn(observed)) {
                throw InputException.of("--metabolites", "\"" + name + "\" (" + s.name() + ") has no " + observed
                        + " spin with a shift, and the sequence observes " + observed + "; " + observed
                        + " metabolites: " + String.join(", ", systems.stream().filter(x -> x.observableOn(observed))
                        .map(SpinSystem::name).toList()));
            }
            if (holds(named, s)) {
                throw InputException.of("--metabolites", "metabolite " + s.name() + " is selected twice (\"" + name
                        + "\" is another name for it)");
            }
            named.add(s);
            if (holds(out, s)) {
                continue;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw InputException.of("--metabolites", "no metabolite selected");
        }
        return out;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }
}
