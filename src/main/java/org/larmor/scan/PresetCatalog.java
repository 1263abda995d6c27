package org.larmor.scan;

import org.larmor.input.InputException;
import org.larmor.input.Units;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The presets a scan's sequence may start from: the sequence files of a folder (the shipped {@code sequences/})
 * whose template is one of the {@link SequenceFamily} templates and that sweep no series. The nearest preset to a
 * scan ({@link #nearest}) is, among those of the scan's family and nucleus: the scan's vendor's presets (a scan
 * whose manufacturer is not stated, or is not Siemens, GE or Philips, gets the vendor-neutral ones: another
 * vendor's pulses would be a guess), then the nearest echo time, then the nearest field, then the name.
 */
public final class PresetCatalog {
    private final Path dir;
    private final List<Preset> presets;

    private PresetCatalog(Path dir, List<Preset> presets) {
        this.dir = dir;
        this.presets = List.copyOf(presets);
    }

    public static PresetCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir.toString(), "preset folder not found (the shipped sequences/)");
        }
        List<Preset> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                preset(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw InputException.of(dir.toString(), "cannot list the preset folder: " + e.getMessage());
        }
        return new PresetCatalog(dir, out);
    }

    /** A preset file read as a preset (any folder), if its template is a scan family's and it sweeps no series. */
    static Optional<Preset> preset(Path f) {
        YamlMap m = YamlReader.read(f).asMap();
        if (!m.has("template") || m.has("series") || m.has("indirect")) {
            return Optional.empty();
        }
        Optional<SequenceFamily> fam = SequenceFamily.ofTemplate(m.string("template"));
        if (fam.isEmpty() || fam.get() == SequenceFamily.JPRESS) {
            return Optional.empty();
        }
        boolean mega = fam.get() == SequenceFamily.MEGA_PRESS || fam.get() == SequenceFamily.MEGA_SLASER;
        if (mega && m.has("editing") && m.map("editing").has("conditions")) {
            return Optional.empty(); // sub-experiments of its own (HERMES on a sLASER base): not a MEGA ON/OFF
        }
        String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
        Vendor vendor = m.has("manufacturer") ? Vendor.of(m.string("manufacturer")).orElse(null) : null;
        if (vendor == null && !m.has("manufacturer")) {
            for (Vendor v : Vendor.values()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(v.prefix() + "-")) {
                    vendor = v;
                }
            }
        }
        double te;
        if (m.has("te1_ms") && m.has("te2_ms")) {
            te = Units.milli(m.require("te1_ms").asDouble()) + Units.milli(m.require("te2_ms").asDouble());
        } else if (m.has("te_ms")) {
            te = Units.milli(m.require("te_ms").asDouble());
        } else {
            return Optional.empty();
        }
        String nucleus = m.has("nucleus") ? m.string("nucleus") : "1H";
        return Optional.of(new Preset(f, name, fam.get(), vendor, nucleus, m.require("b0_t").asDouble(), te,
                m.toPlain()));
    }

    public Path dir() {
        return dir;
    }

    public List<Preset> presets() {
        return presets;
    }

    /**
     * A preset by name ("siemens-press-te30-3t", with or without .yaml) or by path.
     *
     * @throws InputException naming the presets there are
     */
    public Preset named(String name) {
        String n = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
        for (Preset p : presets) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        Path f = Path.of(name);
        if (Files.isRegularFile(f)) {
            return preset(f).orElseThrow(() -> InputException.of(name, "--preset: not a preset a scan's sequence can"
                    + " start from: its template must be one of " + SequenceFamily.templates()
                    + " (not jpress), without a series"));
        }
        throw InputException.of("--preset", "no preset \"" + name + "\" in " + dir + "; the presets are: "
                + String.join(", ", presets.stream().map(Preset::name).toList()));
    }

    /**
     * The nearest preset (rule in the class comment), or empty when the family has none on that nucleus.
     *
     * @param vendor the scan's vendor, or null when the header states none Larmor knows
     * @param teS    the scan's echo time, s
     * @param b0T    the scan's field, T
     */
    public Optional<Preset> nearest(SequenceFamily family, String nucleus, Vendor vendor, double teS, double b0T) {
        List<Preset> same = presets.stream().filter(p -> p.family() == family && p.nucleus().equals(nucleus))
                .toList();
        List<Preset> own = same.stream().filter(p -> p.vendor() == vendor).toList();
        List<Preset> pool = own.isEmpty() ? same.stream().filter(p -> p.vendor() == null).toList() : own;
        return pool.stream().min(Comparator.<Preset>comparingDouble(p -> Math.abs(p.teS() - teS))
                .thenComparingDouble(p -> Math.abs(p.b0T() - b0T)).thenComparing(Preset::name));
    }
}
