package org.larmor.io;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes a basis set in the chosen formats, all or nothing (see {@link StagingDirectory}), with a
 * {@code provenance.json} that lists every file and its SHA-256, written last. Each format is a {@link BasisFormat}
 * registered in {@link Format}. Layout under the output folder OUT, where {@code <spectrum>} is the lower-case
 * spectrum name of {@link BasisSet#conditions()} and appears only when there are several (MEGA: on, off, diff; a TE
 * series: te2_15ms, …; HERMES: a, b, c, d, gaba, gsh, sum):
 * <pre>
 * OUT/lcmodel/&lt;seq&gt;[_&lt;spectrum&gt;].BASIS       included metabolites of one spectrum
 * OUT/lcmodel/raw[/&lt;spectrum&gt;]/&lt;Metab&gt;.RAW    per metabolite (makebasis input)
 * OUT/nifti/&lt;Metab&gt;.nii.gz                    acquired conditions on DIM_EDIT, then the indirect dimension
 * OUT/nifti/&lt;combination&gt;/&lt;Metab&gt;.nii.gz      combinations (MEGA: diff/), over the indirect dimension
 * OUT/fsl[/&lt;spectrum&gt;]/&lt;Metab&gt;.json
 * OUT/jmrui[/&lt;spectrum&gt;]/&lt;seq&gt;.txt
 * OUT/provenance.json                          sequence.omitted_zero_signal names what was left out
 * </pre>
 * A metabolite whose signal cancels in a combination ({@link BasisSet#omitted()}) is left out of that spectrum's
 * files, and a spectrum with nothing left writes none: an all-zero entry would be filled by LCModel from its priors.
 */
public final class BasisWriters {
    /** Names that are safe as file names on every system and inside LCModel's and jMRUI's headers. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final ObjectWriter JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private BasisWriters() {
    }

    /**
     * Writes {@code set} into {@code outDir} (created if needed; files of the same name replaced).
     *
     * @return the files written, provenance.json last
     * @throws InputException if a name cannot be written (unsafe as a file name, duplicate, too long for LCModel);
     *                        nothing is written then
     * @throws IOException    if the file system fails; nothing is left behind then
     */
    public static List<Path> write(BasisSet set, Set<Format> formats, Path outDir) throws IOException {
        return write(set, formats, outDir, false, path -> { });
    }

    /**
     * As {@link #write(BasisSet, Set, Path)}, but a folder that holds a Larmor set already (its provenance.json) is
     * refused ({@link #checkTarget}) unless {@code overwrite}; with {@code overwrite} the new set replaces the old
     * one: the old set's files, as listed in its provenance.json, are removed once the new set is in place.
     */
    public static List<Path> write(BasisSet set, Set<Format> formats, Path outDir, boolean overwrite)
            throws IOException {
        return write(set, formats, outDir, overwrite, path -> { });
    }

    /**
     * The files of the basis set already in {@code outDir}, as its provenance.json lists them (empty if there is
     * none).
     *
     * @throws InputException if the folder holds a set (or a provenance.json) and {@code overwrite} is false: the
     *                        message names what is there
     */
    public static List<String> checkTarget(Path outDir, boolean overwrite) {
        Path prov = outDir.resolve("provenance.json");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw InputException.of(outDir.toString(), "exists and is not a folder");
        }
        if (!Files.exists(prov)) {
            return List.of();
        }
        Map<?, ?> m = null;
        try {
            m = new ObjectMapper().readValue(prov.toFile(), Map.class);
        } catch (IOException | RuntimeException e) {
            // not a provenance.json Larmor can read: described below
        }
        List<String> files = new ArrayList<>();
        String what;
        if (m != null && "Larmor".equals(m.get("generator"))) {
            if (m.get("files") instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> f && f.get("path") instanceof String fp) {
                        files.add(fp);
                    }
                }
            }
            String seq = m.get("sequence") instanceof Map<?, ?> sq && sq.get("name") != null
                    ? String.valueOf(sq.get("name")) : "?";
            Object te = m.get("sequence") instanceof Map<?, ?> sq ? sq.get("echo_time_s") : null;
            int metabolites = m.get("metabolites") instanceof Map<?, ?> mm ? mm.size()
                    : m.get("metabolites") instanceof List<?> ml ? ml.size() : 0;
            what = "holds a Larmor basis set already (sequence " + seq
                    + (te instanceof Number t ? String.format(Locale.ROOT, ", TE %.4g ms", t.doubleValue() * 1e3) : "")
                    + ", " + metabolites + " metabolites, " + files.size() + " files listed in provenance.json, e.g. "
                    + String.join(", ", files.subList(0, Math.min(3, files.size()))) + ")";
        } else {
            what = "holds a provenance.json that is not a Larmor basis set's";
        }
        if (!overwrite) {
            throw InputException.of(outDir.toString(), what + ": nothing was written; give --overwrite to replace"
                    + " it, or choose another --out folder");
        }
        if (m != null && "Larmor".equals(m.get("generator")) && isLarmorReport(outDir.resolve(REPORT))) {
            // The report describes the set being replaced: left in place it would describe the new one wrongly.
            files.add(REPORT);
        }
        return files;
    }

    /** The name {@code larmor report} gives the report it writes into a basis-set folder. */
    static final String REPORT = "report.html";

    /** True for an HTML report that {@code larmor report} wrote (its "Written by Larmor" line near the top). */
    private static boolean isLarmorReport(Path file) {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(8192), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("<title>Basis set report: ") && head.contains("Written by Larmor ");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * As {@link #write(BasisSet, Set, Path)}, calling {@code afterEachFile} with each staged file's relative path:
     * a test hook that can throw to simulate a failure half-way.
     */
    static List<Path> write(BasisSet set, Set<Format> formats, Path outDir, Consumer<String> afterEachFile)
            throws IOException {
        return write(set, formats, outDir, false, afterEachFile);
    }

    static List<Path> write(BasisSet set, Set<Format> formats, Path outDir, boolean overwrite,
                            Consumer<String> afterEachFile) throws IOException {
        if (formats.isEmpty()) {
            throw InputException.of("formats", "no output format chosen");
        }
        checkNames(set, formats);
        List<String> replaced = checkTarget(outDir, overwrite);
        try (StagingDirectory out = StagingDirectory.create(outDir)) {
            // Each format lists its files; they are then made on every core at once (formatting numbers and gzip
            // are the cost) and recorded in the order listed, so the output does not depend on the thread count.
            List<StagingDirectory.Pending> pending = new ArrayList<>();
            Staged staged = (path, parts) -> pending.add(new StagingDirectory.Pending(path, parts));
            for (Format f : formats) {
                f.format().write(set, staged);
            }
            out.writeAll(pending, Runtime.getRuntime().availableProcessors(), afterEachFile);
            out.write("provenance.json", provenance(set, formats, out.files()));
            return out.commit(replaced);
        }
    }

    /**
     * One line per spectrum that leaves metabolites out because their signal cancels there, for the user: they asked
     * for those metabolites, so a file without them would otherwise look like a bug.
     */
    public static List<String> notices(BasisSet set) {
        List<String> out = new ArrayList<>();
        set.omitted().forEach((spectrum, names) -> {
            if (names.isEmpty()) {
                return;
            }
            String shown = String.join(", ", names.subList(0, Math.min(names.size(), 4)))
                    + (names.size() > 4 ? ", …" : "");
            out.add(String.format(Locale.ROOT, "notice: %s leaves out %d metabolite%s whose signal cancels there (%s):"
                    + " an all-zero basis entry would be filled by LCModel from its priors; listed in provenance.json",
                    spectrum, names.size(), names.size() == 1 ? "" : "s", shown));
        });
        return out;
    }

    /**
     * Metabolites whose LCModel METABO name differs from their name (LCModel allows 6 characters): name → METABO, in
     * the set's order.
     */
    public static Map<String, String> lcmodelNames(BasisSet set) {
        Map<String, String> out = new LinkedHashMap<>();
        for (BasisSpectrum s : set.spectra()) {
            String metabo = LcmodelText.metabo(s.system());
            if (!metabo.equals(s.name())) {
                out.putIfAbsent(s.name(), metabo);
            }
        }
        return out;
    }

    /**
     * As {@link #notices(BasisSet)}, and, when LCModel files are written, one line naming the metabolites whose
     * METABO name differs from their name.
     */
    public static List<String> notices(BasisSet set, Set<Format> formats) {
        List<String> out = new ArrayList<>(notices(set));
        if (formats.contains(Format.LCMODEL)) {
            Map<String, String> renamed = lcmodelNames(set);
            if (!renamed.isEmpty()) {
                List<String> pairs = new ArrayList<>();
                renamed.forEach((k, v) -> pairs.add(k + " -> " + v));
                out.add("notice: LCModel names (METABO, at most " + LcmodelText.MAX_METABO + " characters) differ from"
                        + " the metabolite names in " + String.join(", ", pairs) + "; other formats keep the names;"
                        + " recorded in provenance.json (lcmodel_names)");
            }
        }
        return out;
    }

    private static byte[] provenance(BasisSet set, Set<Format> formats, List<StagingDirectory.WrittenFile> files)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(set.provenance().toMap());
        m.put("conditions", set.conditions());
        List<String> ids = new ArrayList<>();
        formats.forEach(f -> ids.add(f.id()));
        m.put("formats", ids);
        if (formats.contains(Format.LCMODEL)) {
            Map<String, String> renamed = lcmodelNames(set);
            if (!renamed.isEmpty()) {
                // Name as 'larmor list' shows it -> METABO in the LCModel files (at most 6 characters).
                m.put("lcmodel_names", renamed);
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (StagingDirectory.WrittenFile f : files) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", f.path());
            e.put("bytes", f.bytes());
            e.put("sha256", f.sha256());
            list.add(e);
        }
        m.put("files", list);
        return (JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses, before anything is written, names that would make unsafe or colliding file names, and (for LCModel)
     * METABO names longer than 6 characters.
     */
    private static void checkNames(BasisSet set, Set<Format> formats) {
        String seq = set.sequence().name();
        if (!SAFE_NAME.matcher(seq).matches()) {
            throw new InputException(new Location(set.sequence().origin(), 0, 0), "name", "sequence name \"" + seq
                    + "\" is used as a file name: use letters, digits and . _ + - only");
        }
        Set<String> seen = new HashSet<>();
        Set<String> metabo = new HashSet<>();
        for (BasisSpectrum s : set.spectra()) {
            Location where = new Location(s.system().origin(), 0, 0);
            if (!SAFE_NAME.matcher(s.name()).matches()) {
                throw new InputException(where, "name", "metabolite name \"" + s.name() + "\" is used as a file"
                        + " name: use letters, digits and . _ + - only");
            }
            // Case-insensitively: NAA.json and naa.json are one file on macOS and Windows.
            if (!seen.add(s.name().toLowerCase(Locale.ROOT))) {
                throw new InputException(where, "name", "two metabolites are named \"" + s.name()
                        + "\" (ignoring case): their files would overwrite each other");
            }
            if (formats.contains(Format.LCMODEL) && !metabo.add(LcmodelText.metabo(s.system()))) {
                throw new InputException(where, "lcmodel_name", "two metabolites have the LCModel name \""
                        + s.system().lcmodelNameOrName() + "\": LCModel needs distinct METABO names");
            }
        }
    }
}
