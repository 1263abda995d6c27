package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads single-voxel NIfTI-MRS files ({@code .nii} or {@code .nii.gz}, NIfTI-2 or NIfTI-1, either byte order,
 * complex64 or complex128) and folders of them, as Larmor writes them and as spec2nii and FSL-MRS do. Every index
 * of the higher dimensions (dims 5 to 7, e.g. DIM_EDIT × DIM_INDIRECT_0) becomes a condition, named by Larmor's
 * {@code LarmorSpectra} key, else by {@code dim_N_header.EditCondition} or the dimension tag and index. Data are returned in the file's (the standard's) sign convention.
 */
public final class NiftiMrsReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NiftiMrsReader() {
    }

    /**
     * One file: one metabolite (named by the {@code LarmorMetabolite} key, else by the file name), with its
     * conditions (dim 5 entries, or the {@code LarmorCondition} key, else {@link ReadBasis#MAIN}).
     */
    public static ReadBasis read(Path file) {
        String name = InputFile.stem(file, ".nii.gz", ".nii");
        return parse(file.toString(), name, InputFile.bytes(file));
    }

    /**
     * A folder as Larmor writes it: every {@code .nii}/{@code .nii.gz} in it, plus those in its sub-folders (e.g.
     * {@code diff/}), whose single condition is named by {@code LarmorCondition} or else by the sub-folder, upper
     * case. Files are taken in name order.
     */
    public static ReadBasis readFolder(Path dir) {
        List<ReadBasis> parts = new ArrayList<>();
        for (Path f : list(dir)) {
            if (Files.isDirectory(f)) {
                for (Path g : list(f)) {
                    if (isNifti(g)) {
                        ReadBasis r = read(g);
                        if (r.conditionNames().equals(List.of(ReadBasis.MAIN))) {
                            r = new ReadBasis(r.source(), r.spectrometerMHz(), r.dwellS(), r.echoTimeS(),
                                    Map.of(f.getFileName().toString().toUpperCase(Locale.ROOT), r.fids()));
                        }
                        parts.add(r);
                    }
                }
            } else if (isNifti(f)) {
                parts.add(read(f));
            }
        }
        return ReadBasis.merge(dir.toString(), parts);
    }

    /**
     * @param source file name for messages
     * @param name   metabolite name to use if the JSON has none
     * @param bytes  the uncompressed file
     */
    public static ReadBasis parse(String source, String name, byte[] bytes) {
        NiftiMrsScan scan = scan(source, bytes);
        JsonNode meta = scan.meta();
        String metabolite = userValue(meta, "LarmorMetabolite", name);
        List<String> conditions = conditionNames(meta, scan.dim());
        Map<String, Map<String, Fid>> out = new LinkedHashMap<>();
        for (int c = 0; c < conditions.size(); c++) {
            out.put(conditions.get(c), Map.of(metabolite, scan.fids().get(c)));
        }
        return new ReadBasis(source, scan.spectrometerMHz(), scan.dwellS(), scan.echoTimeS(), out);
    }

    /** One file as acquired data: every FID of its higher dimensions, with their tags (see {@link NiftiMrsScan}). */
    public static NiftiMrsScan scan(Path file) {
        return scan(file.toString(), InputFile.bytes(file));
    }

    /**
     * @param source file name for messages
     * @param bytes  the uncompressed file
     */
    public static NiftiMrsScan scan(String source, byte[] bytes) {
        NiftiHeader h = NiftiHeader.parse(source, bytes);
        int dimOffset = h.version() == 2 ? 16 : 40;
        if (h.datatype() != NiftiHeader.DT_COMPLEX64 && h.datatype() != NiftiHeader.DT_COMPLEX128) {
            throw NiftiHeader.at(source, h.version() == 2 ? 12 : 70, "datatype " + h.datatype()
                    + ": NIfTI-MRS data are complex (32 = complex64 or 1792 = complex128)");
        }
        long[] dim = h.dim();
        if (dim[0] < 4 || dim[0] > 7) {
            throw NiftiHeader.at(source, dimOffset, "dim[0] = " + dim[0] + ": NIfTI-MRS has 4 to 7 dimensions");
        }
        for (int k = 1; k <= dim[0]; k++) {
            if (dim[k] < 1) {
                throw NiftiHeader.at(source, dimOffset + (long) k * (h.version() == 2 ? 8 : 2), "dim[" + k + "] = "
                        + dim[k] + ": sizes must be positive");
            }
        }
        if (dim[1] * dim[2] * dim[3] != 1) {
            throw NiftiHeader.at(source, dimOffset, "dim[1..3] = " + dim[1] + "×" + dim[2] + "×" + dim[3]
                    + ": only single-voxel spectra can be read");
        }
        double dwell = h.dwellS();
        if (!(dwell > 0 && dwell <= 1)) {
            throw NiftiHeader.at(source, h.version() == 2 ? 136 : 92, "pixdim[4] (dwell time) = " + dwell
                    + " s: expected 0 < dwell ≤ 1 s");
        }
        JsonNode meta = extension(source, bytes, h);
        JsonNode freq = meta.get("SpectrometerFrequency");
        if (freq == null || !freq.isArray() || freq.isEmpty() || !freq.get(0).isNumber()) {
            throw InputException.of(source, "header extension JSON: SpectrometerFrequency is required, a list of"
                    + " numbers in MHz");
        }
        double mhz = freq.get(0).asDouble();
        double echo = meta.has("EchoTime") && meta.get("EchoTime").isNumber() ? meta.get("EchoTime").asDouble()
                : Double.NaN;
        if (Double.isNaN(echo)) {
            echo = firstEchoTime(meta, (int) dim[0]);
        }
        int points = (int) dim[4];
        int total = 1;
        List<String> tags = new ArrayList<>();
        int[] sizes = new int[(int) dim[0] - 4];
        for (int k = 5; k <= dim[0]; k++) {
            total *= (int) dim[k];
            sizes[k - 5] = (int) dim[k];
            tags.add(meta.path("dim_" + k).asText("dim_" + k));
        }

        long need = h.voxOffset() + h.valueCount() * h.bytesPerValue();
        if (h.voxOffset() < h.size() || bytes.length < need) {
            throw NiftiHeader.at(source, bytes.length, "file truncated: the data start at byte " + h.voxOffset()
                    + " and need " + h.valueCount() * h.bytesPerValue() + " bytes, but the file ends at byte "
                    + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order());
        double slope = Double.isFinite(h.sclSlope()) && h.sclSlope() != 0 ? h.sclSlope() : 1;
        List<Fid> fids = new ArrayList<>(total);
        for (int c = 0; c < total; c++) {
            double[] re = new double[points];
            double[] im = new double[points];
            // Column-major, x fastest: with x = y = z = 1 the value index is t + points·c, c counting dim 5
            // fastest, then dim 6 and dim 7, which is the order conditionNames lists them in.
            long base = h.voxOffset() + (long) c * points * h.bytesPerValue();
            for (int k = 0; k < points; k++) {
                int at = (int) (base + (long) k * h.bytesPerValue());
                if (h.datatype() == NiftiHeader.DT_COMPLEX64) {
                    re[k] = slope * b.getFloat(at);
                    im[k] = slope * b.getFloat(at + 4);
                } else {
                    re[k] = slope * b.getDouble(at);
                    im[k] = slope * b.getDouble(at + 8);
                }
                if (!Double.isFinite(re[k]) || !Double.isFinite(im[k])) {
                    throw NiftiHeader.at(source, at, "sample " + k + " of " + points
                            + (total > 1 ? " of spectrum " + (c + 1) + " of " + total : "")
                            + " is not a finite number (" + re[k] + ", " + im[k] + ")");
                }
            }
            fids.add(new Fid(re, im, dwell));
        }
        JsonNode nucleus = meta.path("ResonantNucleus").path(0);
        JsonNode ref = meta.path(NiftiFormat.RECEIVER_REFERENCE_KEY).path("Value");
        return new NiftiMrsScan(source, mhz, dwell, echo, nucleus.isTextual() ? nucleus.asText() : null,
                ref.isNumber() && Double.isFinite(ref.asDouble()) ? ref.asDouble() : Double.NaN, dim, tags, sizes,
                fids, meta);
    }

    /**
     * A name for every index of the higher dimensions, dim 5 fastest: Larmor's own names (LarmorSpectra) when the
     * file has them; else, per dimension with several entries, its EditCondition or "tag[k]", joined by "_"; a file
     * with no such dimension is one condition, LarmorCondition or {@link ReadBasis#MAIN}.
     */
    private static List<String> conditionNames(JsonNode meta, long[] dim) {
        int total = 1;
        for (int k = 5; k <= dim[0]; k++) {
            total *= (int) dim[k];
        }
        JsonNode larmor = meta.path("LarmorSpectra").path("Value");
        if (larmor.isArray() && larmor.size() == total && total > 1) {
            List<String> names = new ArrayList<>();
            larmor.forEach(e -> names.add(e.asText()));
            if (names.stream().distinct().count() == total) {
                return names;
            }
        }
        List<String> names = new ArrayList<>(List.of(""));
        for (int k = 5; k <= dim[0]; k++) {
            if (dim[k] == 1) {
                continue;
            }
            List<String> labels = labels(meta, k, (int) dim[k]);
            List<String> next = new ArrayList<>();
            // The index of dim k varies slower than those before it, so it is the outer loop.
            for (String l : labels) {
                for (String prefix : names) {
                    next.add(prefix.isEmpty() ? l : prefix + "_" + l);
                }
            }
            names = next;
        }
        if (total == 1) {
            return List.of(userValue(meta, "LarmorCondition", ReadBasis.MAIN));
        }
        return names;
    }

    private static List<String> labels(JsonNode meta, int k, int size) {
        List<String> out = new ArrayList<>();
        JsonNode edit = meta.path("dim_" + k + "_header").path("EditCondition");
        if (edit.isArray() && edit.size() == size) {
            edit.forEach(e -> out.add(e.asText()));
        } else {
            String tag = meta.path("dim_" + k).asText("dim_" + k);
            for (int i = 0; i < size; i++) {
                out.add(tag + "[" + i + "]");
            }
        }
        return out;
    }

    /** The first EchoTime of a dimension header, for files whose echo time varies along a dimension; else NaN. */
    private static double firstEchoTime(JsonNode meta, int ndim) {
        for (int k = 5; k <= ndim; k++) {
            JsonNode te = meta.path("dim_" + k + "_header").path("EchoTime");
            if (te.isArray() && !te.isEmpty() && te.get(0).isNumber()) {
                return te.get(0).asDouble();
            }
        }
        return Double.NaN;
    }

    private static String userValue(JsonNode meta, String key, String dflt) {
        JsonNode v = meta.path(key).path("Value");
        return v.isTextual() ? v.asText() : dflt;
    }

    /**
     * The header-extension JSON (the first ecode-44 extension) of a NIfTI-MRS file whose first bytes are given:
     * the header and the extensions, up to its vox_offset, are enough (the data need not be read).
     *
     * @param source file name for messages
     * @param head   the file's (uncompressed) bytes from the start, at least up to vox_offset
     */
    public static JsonNode headerJson(String source, byte[] head) {
        return extension(source, head, NiftiHeader.parse(source, head));
    }

    /** The JSON of the first ecode-44 extension. */
    private static JsonNode extension(String source, byte[] bytes, NiftiHeader h) {
        int flagAt = h.size();
        if (bytes.length < flagAt + 4 || bytes[flagAt] == 0) {
            throw NiftiHeader.at(source, flagAt, "no header extension: NIfTI-MRS needs the JSON extension (ecode 44)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order());
        long at = flagAt + 4;
        while (at + 8 <= h.voxOffset()) {
            int esize = b.getInt((int) at);
            int ecode = b.getInt((int) at + 4);
            if (esize < 8 || at + esize > bytes.length || at + esize > h.voxOffset()) {
                throw NiftiHeader.at(source, at, "extension size " + esize + " is invalid (needs 8 ≤ esize and the"
                        + " extension to end before the data at byte " + h.voxOffset() + ")");
            }
            if (ecode == NiftiMrsWriter.ECODE_MRS) {
                int end = (int) (at + esize);
                while (end > at + 8 && bytes[end - 1] == 0) {
                    end--;
                }
                String text = new String(bytes, (int) at + 8, end - (int) at - 8, StandardCharsets.UTF_8);
                try {
                    JsonNode node = JSON.readTree(text);
                    if (node == null || !node.isObject()) {
                        throw NiftiHeader.at(source, at + 8, "the NIfTI-MRS extension is not a JSON object");
                    }
                    return node;
                } catch (JsonProcessingException e) {
                    throw NiftiHeader.at(source, at + 8 + e.getLocation().getCharOffset(), "invalid JSON in the"
                            + " NIfTI-MRS extension: " + e.getOriginalMessage());
                }
            }
            at += esize;
        }
        throw NiftiHeader.at(source, flagAt + 4, "no NIfTI-MRS extension (ecode 44) before the data");
    }

    private static boolean isNifti(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && (n.endsWith(".nii") || n.endsWith(".nii.gz"));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir.toString(), "not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw InputException.of(dir.toString(), "cannot list folder: " + e.getMessage());
        }
    }
}
