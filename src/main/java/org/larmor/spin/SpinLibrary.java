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

    /** Reads every {@code *.yaml} / {@code *.yml} file of a folder. */
    public static SpinLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir.toString(), "spin-system folder not found");
        }
        List<SpinSystem> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".yaml") || f.endsWith(".yml")) {
                    out.add(SpinSystemReader.read(p));
                }
            }
        } catch (IOException e) {
            throw InputException.of(dir.toString(), "cannot list folder: " + e.getMessage());
        }
        return new SpinLibrary(out);
    }

    public List<SpinSystem> all() {
        return systems;
    }

    public Optional<SpinSystem> find(String nameOrAlias) {
        return Optional.ofNullable(byKey.get(key(nameOrAlias)));
    }

    /**
     * Resolves a comma-separated selection ("all", or names and aliases). Unknown names are an error listing what
     * exists; a metabolite named twice (e.g. "Ins,mI") is an error too.
     */
    public List<SpinSystem> select(String selection) {
        if (selection.trim().equalsIgnoreCase("all")) {
            return systems;
        }
        List<SpinSystem> out = new ArrayList<>();
        for (String raw : selection.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            SpinSystem s = find(name).orElseThrow(() -> InputException.of("--metabolites",
                    "unknown metabolite \"" + name + "\"; known: " + String.join(", ",
                            systems.stream().map(SpinSystem::name).toList())));
            if (out.contains(s)) {
                throw InputException.of("--metabolites", "metabolite " + s.name() + " is selected twice (\"" + name
                        + "\" is another name for it)");
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
