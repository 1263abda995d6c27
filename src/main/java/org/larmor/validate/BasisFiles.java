package org.larmor.validate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.io.FslBasisReader;
import org.larmor.io.JmruiTextReader;
import org.larmor.io.LcmodelBasisReader;
import org.larmor.io.LcmodelRawReader;
import org.larmor.io.NiftiHeader;
import org.larmor.io.NiftiMrsReader;
import org.larmor.io.ReadBasis;
import org.larmor.spin.Nucleus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a basis set or spectrum in any format Larmor reads, recognising it by extension and, failing that, by
 * content: an LCModel {@code .BASIS} or {@code .RAW}/{@code .H2O} file, a NIfTI-MRS file ({@code .nii},
 * {@code .nii.gz}), an FSL-MRS basis JSON file, a jMRUI text file; or a folder of any one of them (sub-folders are
 * conditions, e.g. {@code fsl/on}, {@code fsl/off}); or a whole Larmor output folder (the one holding
 * {@code provenance.json}), from which it reads {@code nifti/}, else {@code fsl/}, {@code jmrui/},
 * {@code lcmodel/}. The provenance of a Larmor basis set is found beside or above the path given (checked against
 * its list of files), and supplies the nucleus and receiver reference where the format does not.
 */
public final class BasisFiles {
    /** Format names, as {@link LoadedSpectra#format()} gives them. */
    public static final String LCMODEL_BASIS = "lcmodel-basis";
    public static final String LCMODEL_RAW = "lcmodel-raw";
    public static final String NIFTI = "nifti";
    public static final String FSL = "fsl";
    public static final String JMRUI = "jmrui";
    private static final String PROVENANCE = "provenance";
    /** Receiver reference of ¹H spectra when a file does not state it (LCModel's PPMCEN default). */
    public static final double DEFAULT_1H_REFERENCE_PPM = 4.65;
    private static final List<String> PREFERENCE = List.of(NIFTI, FSL, JMRUI, LCMODEL_BASIS, LCMODEL_RAW);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELTAT = Pattern.compile("DELTAT\\s*=\\s*([-+0-9.EeDd]+)");
    private static final Pattern REFERENCE = Pattern.compile("reference:?\\s*([-+]?[0-9]+(?:\\.[0-9]*)?)\\s*ppm");

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
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("provenance.json"))) {
            target = larmorSubfolder(path);
        }
        Reading r = Files.isDirectory(target) ? readFolder(target, rawDwellS, provenance, notes)
                : readFile(target, rawDwellS, provenance);
        String nucleus = r.nucleus;
        double ref = r.referencePpm;
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
            if (nucleus == null || nucleus.equals("1H")) {
                ref = DEFAULT_1H_REFERENCE_PPM;
                notes.add(path + ": receiver reference not stated; assumed " + ref + " ppm (1H)");
            } else {
                ref = 0;
                notes.add(path + ": receiver reference not stated; assumed 0 ppm (" + nucleus + ")");
            }
        }
        return new LoadedSpectra(r.data, r.format, nucleus, ref, provenance, notes);
    }

    /** What one file or folder gave. */
    private record Reading(ReadBasis data, String format, String nucleus, double referencePpm) {
    }

    private static Path larmorSubfolder(Path root) {
        for (String sub : List.of("nifti", "fsl", "jmrui", "lcmodel")) {
            if (Files.isDirectory(root.resolve(sub))) {
                return root.resolve(sub);
            }
        }
        throw InputException.of(root.toString(), "a Larmor output folder (it holds provenance.json) but with none of"
                + " nifti/, fsl/, jmrui/, lcmodel/ in it");
    }

    private static Reading readFile(Path file, double rawDwellS, Map<String, Object> provenance) {
        String kind = kind(file);
        switch (kind) {
            case NIFTI -> {
                ReadBasis b = NiftiMrsReader.read(file);
                JsonNode meta = niftiJson(file);
                return new Reading(b, NIFTI, text(meta.path("ResonantNucleus").path(0)), Double.NaN);
            }
            case FSL -> {
                ReadBasis b = FslBasisReader.read(file);
                JsonNode root = json(file);
                return new Reading(b, FSL, fslNucleus(root), fslReference(root));
            }
            case JMRUI -> {
                ReadBasis b = JmruiTextReader.read(file);
                String head = head(file);
                return new Reading(b, JMRUI, jmruiNucleus(head), reference(head));
            }
            case LCMODEL_BASIS -> {
                ReadBasis b = LcmodelBasisReader.read(file);
                return new Reading(b, LCMODEL_BASIS, null, reference(head(file)));
            }
            case LCMODEL_RAW -> {
                String head = head(file);
                double dwell = rawDwell(file, head, rawDwellS, provenance);
                ReadBasis b = LcmodelRawReader.read(file, dwell);
                return new Reading(b, LCMODEL_RAW, null, reference(head));
            }
            case PROVENANCE -> throw InputException.of(file.toString(), "this is a provenance record, not spectra:"
                    + " give the folder that holds it");
            default -> throw InputException.of(file.toString(), "not a recognised basis or spectrum file: expected"
                    + " LCModel .BASIS/.RAW, NIfTI-MRS .nii/.nii.gz, FSL-MRS .json or jMRUI .txt");
        }
    }

    private static Reading readFolder(Path dir, double rawDwellS, Map<String, Object> provenance,
                                      List<String> notes) {
        List<Path> entries = list(dir);
        Map<String, List<Path>> top = new LinkedHashMap<>();
        Map<Path, Map<String, List<Path>>> subs = new LinkedHashMap<>();
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                Map<String, List<Path>> m = new LinkedHashMap<>();
                for (Path q : list(p)) {
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
        if (kind.equals(NIFTI)) {
            ReadBasis b = NiftiMrsReader.readFolder(dir);
            return new Reading(b, NIFTI, text(niftiJson(first).path("ResonantNucleus").path(0)), Double.NaN);
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
                parts.add(relabel(LcmodelBasisReader.read(f), stem.substring(us + 1).toUpperCase(Locale.ROOT)));
            }
        } else {
            for (Path f : topFiles) {
                parts.add(readFile(f, rawDwellS, provenance).data);
            }
        }
        for (Map.Entry<Path, Map<String, List<Path>>> e : subs.entrySet()) {
            List<Path> files = e.getValue().getOrDefault(kind, List.of());
            String condition = e.getKey().getFileName().toString().toUpperCase(Locale.ROOT);
            for (Path f : files) {
                parts.add(relabel(readFile(f, rawDwellS, provenance).data, condition));
            }
        }
        ReadBasis merged = ReadBasis.merge(dir.toString(), parts);
        Reading one = readFile(first, rawDwellS, provenance);
        return new Reading(merged, kind, one.nucleus, one.referencePpm);
    }

    /** A single-condition reading moved to {@code condition}; others unchanged. */
    private static ReadBasis relabel(ReadBasis b, String condition) {
        if (!b.conditionNames().equals(List.of(ReadBasis.MAIN))) {
            return b;
        }
        return new ReadBasis(b.source(), b.spectrometerMHz(), b.dwellS(), b.echoTimeS(),
                Map.of(condition, b.fids()));
    }

    /** The kind of a file: by extension, else by its first bytes. */
    static String kind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.equals("provenance.json")) {
            return PROVENANCE;
        }
        if (n.endsWith(".basis")) {
            return LCMODEL_BASIS;
        }
        if (n.endsWith(".raw") || n.endsWith(".h2o")) {
            return LCMODEL_RAW;
        }
        if (n.endsWith(".nii") || n.endsWith(".nii.gz")) {
            return NIFTI;
        }
        if (n.endsWith(".json")) {
            return FSL;
        }
        byte[] b = start(file);
        if (b.length >= 348 && (startsWith(b, 344, "n+1") || startsWith(b, 4, "n+2"))) {
            return NIFTI;
        }
        String t = new String(b, StandardCharsets.ISO_8859_1);
        if (t.startsWith("jMRUI")) {
            return JMRUI;
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.contains("$BASIS1") || upper.contains("&BASIS1")) {
            return LCMODEL_BASIS;
        }
        if (upper.contains("$NMID") || upper.contains("&NMID")) {
            return LCMODEL_RAW;
        }
        if (t.stripLeading().startsWith("{") && t.contains("\"basis\"")) {
            return FSL;
        }
        return "unknown";
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The first 8 KiB of a file, decompressed if gzip. */
    private static byte[] start(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(8192);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    return in.readNBytes(8192);
                }
            }
            return head;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] bytes(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    return in.readAllBytes();
                }
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw InputException.of(file.toString(), "file not found");
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read file: " + e.getMessage());
        }
    }

    /** The text before the first namelist group or signal: where files keep free-form comments. */
    private static String head(Path file) {
        return new String(start(file), StandardCharsets.ISO_8859_1);
    }

    /** The JSON of a NIfTI-MRS file's first ecode-44 extension (the reader has already checked it). */
    private static JsonNode niftiJson(Path file) {
        byte[] bytes = bytes(file);
        NiftiHeader h = NiftiHeader.parse(file.toString(), bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order());
        long at = h.size() + 4L;
        while (at + 8 <= h.voxOffset() && at + 8 <= bytes.length) {
            int esize = b.getInt((int) at);
            int ecode = b.getInt((int) at + 4);
            if (esize < 8 || at + esize > bytes.length) {
                break;
            }
            if (ecode == 44) {
                int end = (int) (at + esize);
                while (end > at + 8 && bytes[end - 1] == 0) {
                    end--;
                }
                try {
                    return JSON.readTree(new String(bytes, (int) at + 8, end - (int) at - 8, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    break;
                }
            }
            at += esize;
        }
        return JSON.createObjectNode();
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(bytes(file));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String fslNucleus(JsonNode root) {
        String n = text(root.path("basis").path("basis_nucleus"));
        return n != null ? n : text(root.path("seq").path("Nucleus"));
    }

    private static double fslReference(JsonNode root) {
        JsonNode c = root.path("seq").path("centralShift");
        return c.isNumber() ? c.asDouble() : Double.NaN;
    }

    /** The nucleus whose γ/2π matches TransmitterFrequency / MagneticField within 2 %, or null. */
    private static String jmruiNucleus(String head) {
        double hz = headerNumber(head, "TransmitterFrequency");
        double t = headerNumber(head, "MagneticField");
        if (!(hz > 0 && t > 0)) {
            return null;
        }
        double gamma = hz / t;
        for (Nucleus n : Nucleus.values()) {
            if (Math.abs(gamma / Math.abs(n.gammaHzPerT()) - 1) < 0.02) {
                return n.symbol();
            }
        }
        return null;
    }

    private static double headerNumber(String head, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*([-+0-9.Ee]+)").matcher(head);
        if (m.find()) {
            try {
                return Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** "reference 4.65 ppm" in a file's comment lines (Larmor writes it in LCModel and jMRUI files). */
    private static double reference(String head) {
        int dollar = head.indexOf('$');
        String text = dollar >= 0 ? head.substring(0, dollar) : head;
        Matcher m = REFERENCE.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double rawDwell(Path file, String head, double given, Map<String, Object> provenance) {
        if (given > 0) {
            return given;
        }
        int dollar = head.indexOf('$');
        Matcher m = DELTAT.matcher(dollar >= 0 ? head.substring(0, dollar) : head);
        if (m.find()) {
            try {
                return Double.parseDouble(m.group(1).replace('D', 'E').replace('d', 'e'));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        if (provenance != null && provenance.get("sequence") instanceof Map<?, ?> s
                && s.get("acquisition") instanceof Map<?, ?> acq && acq.get("dwell_s") instanceof Number d) {
            return d.doubleValue();
        }
        throw InputException.of(file.toString(), "an LCModel .RAW file holds no dwell time: give it (in seconds) with"
                + " --raw-dwell");
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
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
