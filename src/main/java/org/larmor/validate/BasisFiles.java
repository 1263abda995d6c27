package org.larmor.validate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.io.BasisFormat;
import org.larmor.io.FileReading;
import org.larmor.io.FslFormat;
import org.larmor.io.Format;
import org.larmor.io.JmruiFormat;
import org.larmor.io.LcmodelFormat;
import org.larmor.io.NiftiFormat;
import org.larmor.io.NiftiMrsReader;
import org.larmor.io.ReadBasis;
import org.larmor.spin.Nucleus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a basis set or spectrum in any format Larmor reads, recognising it by extension and, failing that, by
 * content: an LCModel {@code .BASIS} or {@code .RAW}/{@code .H2O} file, a NIfTI-MRS file ({@code .nii},
 * {@code .nii.gz}), an FSL-MRS basis JSON file, a jMRUI text file; or a folder of any one of them (sub-folders are
 * conditions, e.g. {@code fsl/on}, {@code fsl/off}); or a whole Larmor output folder (the one holding
 * {@code provenance.json}), from which it reads {@code nifti/}, else {@code fsl/}, {@code jmrui/},
 * {@code lcmodel/}. The provenance of a Larmor basis set is found beside or above the path given (checked against
 * its list of files), and supplies the nucleus and receiver reference where the format does not.
 *
 * <p>Files are recognised and read by the formats registered in {@link Format} (each a {@link BasisFormat});
 * what is left here is the folder logic: which kind a folder of several is read as, conditions from sub-folders
 * and from {@code <set>_<condition>.BASIS} names, and provenance.
 */
public final class BasisFiles {
    /** Format names, as {@link LoadedSpectra#format()} gives them. */
    public static final String LCMODEL_BASIS = LcmodelFormat.BASIS;
    public static final String LCMODEL_RAW = LcmodelFormat.RAW;
    public static final String NIFTI = NiftiFormat.KIND;
    public static final String FSL = FslFormat.KIND;
    public static final String JMRUI = JmruiFormat.KIND;
    private static final String PROVENANCE = "provenance";
    private static final String UNKNOWN = "unknown";
    /** Receiver reference of ¹H spectra when a file does not state it (LCModel's PPMCEN default). */
    public static final double DEFAULT_1H_REFERENCE_PPM = Nucleus.H1.ppmConvention().defaultReceiverPpm();
    /**
     * The formats a folder holding several is read as, most preferred first: these, then any other registered
     * format in registration order. Also the sub-folders of a Larmor output folder, in the order looked for.
     */
    private static final List<Format> FOLDER_ORDER = folderOrder(Format.NIFTI, Format.FSL, Format.JMRUI,
            Format.LCMODEL);
    /** The kinds of {@link #FOLDER_ORDER}, each format's in its own order. */
    private static final List<String> PREFERENCE = FOLDER_ORDER.stream().flatMap(f -> f.format().kinds().stream())
            .toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest provenance.json read (Larmor's are a few kB). */
    private static final long PROVENANCE_MAX_BYTES = 64L << 20;

    private BasisFiles() {
    }

    /** The FIDs of a basis set or spectrum in any supported format (see the class comment). */
    public static ReadBasis read(Path path) {
        return load(path).data();
    }

    /** As {@link #load(Path, double)} with no dwell time given for {@code .RAW} files. */
    public static LoadedSpectra load(Path path) {
        return load(path, Double.NaN);
    }

    /**
     * Reads {@code path} with what is known about it.
     *
     * @param rawDwellS dwell time in seconds for LCModel {@code .RAW} files, which do not hold it; NaN to take it
     *                  from the file's comment lines (Larmor writes {@code DELTAT} there) or from provenance.json
     * @throws InputException if the path does not exist, holds nothing recognisable, or a file is malformed
     */
    public static LoadedSpectra load(Path path, double rawDwellS) {
        if (!Files.exists(path)) {
            throw InputException.of(path.toString(), "no such file or folder");
        }
        Map<String, Object> provenance = findProvenance(path);
        List<String> notes = new ArrayList<>();
        Path target = path;
        java.util.Set<Path> listed = listedFiles(path, provenance);
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("provenance.json"))) {
            target = larmorSubfolder(path, listed);
        }
        FileReading r = Files.isDirectory(target) ? readFolder(target, rawDwellS, provenance, notes, listed)
                : readFile(target, rawDwellS, provenance);
        String nucleus = r.nucleus();
        double ref = r.referencePpm();
        if (provenance != null) {
            Object seq = provenance.get("sequence");
            if (seq instanceof Map<?, ?> s) {
                if (s.get("nucleus") instanceof String n) {
                    nucleus = n;
                }
                if (s.get("acquisition") instanceof Map<?, ?> acq && acq.get("reference_ppm") instanceof Number p) {
                    ref = p.doubleValue();
                }
            }
        }
        if (nucleus != null) {
            nucleus = Nucleus.parse(nucleus).map(Nucleus::symbol).orElse(nucleus);
        }
        if (Double.isNaN(ref)) {
            String n = nucleus == null ? "1H" : nucleus;
            double conventional = Nucleus.parse(n).map(x -> x.ppmConvention().defaultReceiverPpm())
                    .orElse(Double.NaN);
            ref = Double.isNaN(conventional) ? 0 : conventional;
            notes.add(path + ": receiver reference not stated; assumed " + ref + " ppm (" + n + ")");
        }
        return new LoadedSpectra(r.data(), r.kind(), nucleus, ref, provenance, notes);
    }

    private static List<Format> folderOrder(Format... preferred) {
        List<Format> out = new ArrayList<>(List.of(preferred));
        for (Format f : Format.values()) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    private static Path larmorSubfolder(Path root, java.util.Set<Path> listed) {
        for (Format f : FOLDER_ORDER) {
            Path sub = root.resolve(f.id()).toAbsolutePath().normalize();
            if (Files.isDirectory(sub) && (listed == null || listed.stream().anyMatch(l -> l.startsWith(sub)))) {
                return root.resolve(f.id());
            }
        }
        throw InputException.of(root.toString(), "a Larmor output folder (it holds provenance.json) but with none of "
                + String.join(", ", FOLDER_ORDER.stream().map(f -> f.id() + "/").toList()) + " in it");
    }

    private static FileReading readFile(Path file, double rawDwellS, Map<String, Object> provenance) {
        String kind = kind(file);
        if (kind.equals(PROVENANCE)) {
            throw InputException.of(file.toString(), "this is a provenance record, not spectra:"
                    + " give the folder that holds it");
        }
        Format f = formatOf(kind);
        if (f == null) {
            throw InputException.of(file.toString(), "not a recognised basis or spectrum file: expected"
                    + " LCModel .BASIS/.RAW, NIfTI-MRS .nii/.nii.gz, FSL-MRS .json or jMRUI .txt");
        }
        return f.format().read(file, kind, rawDwellS, provenance);
    }

    /** The registered format that reads files of {@code kind}, or null. */
    private static Format formatOf(String kind) {
        for (Format f : Format.values()) {
            if (f.format().kinds().contains(kind)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The files a Larmor set's provenance.json lists (absolute), for the provenance found for {@code path}; null if
     * there is none. A folder of a Larmor set is read through this list: a file beside them is not part of the set.
     */
    private static java.util.Set<Path> listedFiles(Path path, Map<String, Object> provenance) {
        if (provenance == null || !(provenance.get("files") instanceof List<?> files)) {
            return null;
        }
        Path abs = path.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
        for (int up = 0; up <= 3 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve("provenance.json");
            if (Files.isRegularFile(p) && provenance.equals(provenance(p).orElse(null))) {
                java.util.Set<Path> out = new java.util.HashSet<>();
                for (Object f : files) {
                    if (f instanceof Map<?, ?> fm && fm.get("path") instanceof String fp) {
                        out.add(dir.resolve(fp).normalize());
                    }
                }
                return out;
            }
        }
        return null;
    }

    /** {@code entries} without files outside {@code listed} and folders holding none of it (null: all). */
    private static List<Path> onlyListed(List<Path> entries, java.util.Set<Path> listed) {
        if (listed == null) {
            return entries;
        }
        return entries.stream().filter(p -> {
            Path a = p.toAbsolutePath().normalize();
            return Files.isDirectory(a) ? listed.stream().anyMatch(l -> l.startsWith(a)) : listed.contains(a);
        }).toList();
    }

    private static FileReading readFolder(Path dir, double rawDwellS, Map<String, Object> provenance,
                                          List<String> notes, java.util.Set<Path> listed) {
        List<Path> all = list(dir);
        List<Path> entries = onlyListed(all, listed);
        boolean unlisted = entries.size() < all.size();
        Map<String, List<Path>> top = new LinkedHashMap<>();
        Map<Path, Map<String, List<Path>>> subs = new LinkedHashMap<>();
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                Map<String, List<Path>> m = new LinkedHashMap<>();
                List<Path> inside = list(p);
                List<Path> kept = onlyListed(inside, listed);
                unlisted |= kept.size() < inside.size();
                for (Path q : kept) {
                    if (Files.isRegularFile(q)) {
                        m.computeIfAbsent(kind(q), k -> new ArrayList<>()).add(q);
                    }
                }
                subs.put(p, m);
            } else if (Files.isRegularFile(p)) {
                top.computeIfAbsent(kind(p), k -> new ArrayList<>()).add(p);
            }
        }
        String kind = null;
        for (String k : PREFERENCE) {
            if (top.containsKey(k)) {
                kind = k;
                break;
            }
        }
        if (kind == null) {
            for (String k : PREFERENCE) {
                String kk = k;
                if (subs.values().stream().anyMatch(m -> m.containsKey(kk))) {
                    kind = k;
                    break;
                }
            }
        }
        if (kind == null) {
            throw InputException.of(dir.toString(), "no basis or spectrum files found: expected LCModel .BASIS/.RAW,"
                    + " NIfTI-MRS .nii/.nii.gz, FSL-MRS .json or jMRUI .txt files");
        }
        for (String k : PREFERENCE) {
            if (!k.equals(kind) && top.containsKey(k)) {
                notes.add(dir + ": read its " + kind + " files; its " + k + " files were not read");
            }
        }
        Path first = top.containsKey(kind) ? top.get(kind).get(0) : null;
        if (first == null) {
            for (Map<String, List<Path>> m : subs.values()) {
                if (m.containsKey(kind)) {
                    first = m.get(kind).get(0);
                    break;
                }
            }
        }
        if (unlisted) {
            notes.add(dir + ": read only the files listed in provenance.json; others beside them were not read");
        }
        if (kind.equals(NIFTI) && !unlisted) {
            ReadBasis b = NiftiMrsReader.readFolder(dir);
            FileReading one = readFile(first, rawDwellS, provenance);
            return new FileReading(b, NIFTI, one.nucleus(), one.referencePpm());
        }
        List<ReadBasis> parts = new ArrayList<>();
        List<Path> topFiles = top.getOrDefault(kind, List.of());
        if (kind.equals(LCMODEL_BASIS) && topFiles.size() > 1) {
            for (Path f : topFiles) {
                String stem = f.getFileName().toString().replaceFirst("(?i)\\.basis$", "");
                int us = stem.lastIndexOf('_');
                if (us < 0) {
                    throw InputException.of(dir.toString(), "holds several .BASIS files (" + names(topFiles)
                            + "); give one of them, or name them <set>_<condition>.BASIS");
                }
                parts.add(relabel(readFile(f, rawDwellS, provenance).data(), stem.substring(us + 1).toUpperCase(Locale.ROOT)));
            }
        } else {
            for (Path f : topFiles) {
                parts.add(readFile(f, rawDwellS, provenance).data());
            }
        }
        for (Map.Entry<Path, Map<String, List<Path>>> e : subs.entrySet()) {
            List<Path> files = e.getValue().getOrDefault(kind, List.of());
            String condition = e.getKey().getFileName().toString().toUpperCase(Locale.ROOT);
            for (Path f : files) {
                parts.add(relabel(readFile(f, rawDwellS, provenance).data(), condition));
            }
        }
        ReadBasis merged = ReadBasis.merge(dir.toString(), parts);
        FileReading one = readFile(first, rawDwellS, provenance);
        return new FileReading(merged, kind, one.nucleus(), one.referencePpm());
    }

    /** A single-condition reading moved to {@code condition}; others unchanged. */
    private static ReadBasis relabel(ReadBasis b, String condition) {
        if (!b.conditionNames().equals(List.of(ReadBasis.MAIN))) {
            return b;
        }
        return new ReadBasis(b.source(), b.spectrometerMHz(), b.dwellS(), b.echoTimeS(),
                Map.of(condition, b.fids()));
    }

    /**
     * The kind of a file: provenance.json, else the kind the first registered format to claim its name gives, else
     * the kind the first to claim its first bytes gives, else "unknown".
     */
    static String kind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.equals("provenance.json")) {
            return PROVENANCE;
        }
        String k = kindOf(file, n, null);
        if (k == null) {
            k = kindOf(file, n, BasisFormat.head(file));
        }
        return k == null ? UNKNOWN : k;
    }

    private static String kindOf(Path file, String lowerCaseName, byte[] head) {
        for (Format f : Format.values()) {
            String k = f.format().kindOf(file, lowerCaseName, head);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /**
     * Larmor's provenance.json for {@code path}: in the folder itself, or in one of up to three folders above it
     * whose provenance lists files under {@code path}. Null if there is none (a basis set from another tool).
     */
    public static Map<String, Object> findProvenance(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
        for (int up = 0; up <= 3 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve("provenance.json");
            if (!Files.isRegularFile(p)) {
                continue;
            }
            Map<String, Object> m = provenance(p).orElse(null);
            if (m == null) {
                continue;
            }
            if (dir.equals(abs)) {
                return m;
            }
            String rel = dir.relativize(abs).toString().replace('\\', '/');
            if (m.get("files") instanceof List<?> files) {
                for (Object f : files) {
                    if (f instanceof Map<?, ?> fm && fm.get("path") instanceof String fp
                            && (fp.equals(rel) || fp.startsWith(rel + "/"))) {
                        return m;
                    }
                }
            }
        }
        return null;
    }

    private static Optional<Map<String, Object>> provenance(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > PROVENANCE_MAX_BYTES) {
                return Optional.empty(); // not Larmor's: its provenance records are small regular files
            }
            Map<String, Object> m = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return "Larmor".equals(m.get("generator")) ? Optional.of(m) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw InputException.of(dir.toString(), "cannot list folder: " + e.getMessage());
        }
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
    }
}
