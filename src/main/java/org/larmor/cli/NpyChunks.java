package org.larmor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.io.ReadBasis;
import org.larmor.signal.Fid;
import org.larmor.validate.LoadedSpectra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spectra from the synthesiser's NumPy chunks ({@code spectra_00000.npy} and the other (rows, …, points) arrays of
 * {@code org.larmor.synth.Dataset}): complex64 or complex128, C order, with the dataset's {@code manifest.json} in
 * the same folder giving the dwell time, spectrometer frequency, receiver reference and nucleus. Only the rows asked
 * for are read, so a chunk of any size is cheap.
 */
final class NpyChunks {
    /** Most spectra drawn from one chunk. */
    static final int MAX_ROWS = 100;
    /** Rows drawn when none are given: the first five. */
    static final String DEFAULT_INDEX = "0-4";

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern CHUNK = Pattern.compile("(.*)_(\\d+)\\.npy", Pattern.CASE_INSENSITIVE);

    private NpyChunks() {
    }

    static boolean isNpy(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".npy");
    }

    /**
     * The rows {@code index} ("0-4", "0,3,7"; rows within the chunk) of a chunk, named "spectrum N" by their index
     * in the dataset (chunk number × chunk size + row).
     *
     * @throws InputException if the file is not a 2-D complex .npy, the manifest is missing or lacks the dwell time
     *                        or frequency, or a row is out of range
     */
    static LoadedSpectra load(Path npy, String index) {
        Path dir = npy.toAbsolutePath().getParent();
        Path manifestPath = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestPath)) {
            throw InputException.of(npy.toString(), "no manifest.json beside it: the dwell time and spectrometer"
                    + " frequency of a synthesiser chunk are in the dataset's manifest (an interrupted run has"
                    + " none; complete it with larmor synth --resume)");
        }
        Map<String, Object> manifest;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new ObjectMapper().readValue(manifestPath.toFile(), Map.class);
            manifest = m;
        } catch (IOException e) {
            throw InputException.of(manifestPath.toString(), "cannot read the manifest: " + e.getMessage());
        }
        Map<String, Object> acq = manifest.get("acquisition") instanceof Map<?, ?> a ? cast(a) : Map.of();
        double dwell = number(acq.get("dwell_s"));
        double mhz = number(acq.get("spectrometer_frequency_mhz"));
        double ref = number(acq.get("reference_ppm"));
        String nucleus = acq.get("nucleus") instanceof String s ? s : null;
        if (!(dwell > 0) || !(mhz > 0)) {
            throw InputException.of(manifestPath.toString(), "acquisition.dwell_s and"
                    + " acquisition.spectrometer_frequency_mhz must be positive numbers, got " + acq.get("dwell_s")
                    + " and " + acq.get("spectrometer_frequency_mhz"));
        }
        if (!Double.isFinite(ref)) {
            double conventional = org.larmor.spin.Nucleus.parse(nucleus == null ? "1H" : nucleus)
                    .map(n -> n.ppmConvention().defaultReceiverPpm()).orElse(Double.NaN);
            ref = Double.isNaN(conventional) ? 0 : conventional;
        }
        double te = number(acq.get("echo_time_s"));
        long chunkSize = manifest.get("chunk_size") instanceof Number n ? n.longValue() : -1;

        Map<String, Fid> fids = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
            Header h = header(ch, npy);
            // A row of several sub-spectra (conditions, time points, weightings) is a plot of its own by default.
            List<Integer> rows = index == null && h.perRow() > 1 ? List.of(0) : rows(index, h.rows, npy);
            Matcher cm = CHUNK.matcher(npy.getFileName().toString());
            long chunk = cm.matches() ? Long.parseLong(cm.group(2)) : -1;
            String kind = cm.matches() ? cm.group(1) : "row";
            List<String> dimNames = new ArrayList<>();
            Object shapeNames = acq.get(kind.equals("combinations") ? "combinations_shape" : "spectra_shape");
            if (shapeNames instanceof List<?> l && l.size() == h.inner.length + 2) {
                l.subList(1, l.size() - 1).forEach(x -> dimNames.add(String.valueOf(x)));
            }
            List<String> combos = acq.get("combinations") instanceof Map<?, ?> cm2
                    ? cm2.keySet().stream().map(String::valueOf).toList() : List.of();
            int per = h.perRow();
            for (int r : rows) {
                for (int sub = 0; sub < per; sub++) {
                    ByteBuffer b = ByteBuffer.allocate(h.points * h.itemBytes).order(ByteOrder.LITTLE_ENDIAN);
                    long pos = h.dataOffset + ((long) r * per + sub) * h.points * h.itemBytes;
                    while (b.hasRemaining()) {
                        if (ch.read(b, pos + b.position()) < 0) {
                            throw InputException.of(npy.toString(), "the file ends inside row " + r + " (truncated)");
                        }
                    }
                    b.flip();
                    double[] re = new double[h.points];
                    double[] im = new double[h.points];
                    for (int k = 0; k < h.points; k++) {
                        re[k] = h.itemBytes == 8 ? b.getFloat() : b.getDouble();
                        im[k] = h.itemBytes == 8 ? b.getFloat() : b.getDouble();
                    }
                    String what = kind.equals("spectra") ? "spectrum" : kind.replace('_', ' ');
                    String name = chunk >= 0 && chunkSize > 0 ? what + " " + (chunk * chunkSize + r) : what + " " + r;
                    if (h.inner.length > 0) {
                        name += " [" + subLabel(sub, h.inner, dimNames, acq, combos) + "]";
                    }
                    fids.put(name, new Fid(re, im, dwell));
                }
            }
        } catch (IOException e) {
            throw InputException.of(npy.toString(), "cannot read file: " + e.getMessage());
        }
        ReadBasis data = ReadBasis.single(npy.toString(), mhz, dwell, Double.isFinite(te) ? te : Double.NaN, fids);
        return new LoadedSpectra(data, "npy", nucleus, ref, null, List.of("dwell time, frequency and reference from "
                + manifestPath));
    }

    private record Header(int rows, int points, int itemBytes, long dataOffset, int[] inner) {
        int perRow() {
            int p = 1;
            for (int i : inner) {
                p *= i;
            }
            return p;
        }
    }

    private static Header header(FileChannel ch, Path npy) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(pre, 0);
        pre.flip();
        byte[] magic = new byte[6];
        if (pre.remaining() < 10) {
            throw InputException.of(npy.toString(), "not a NumPy .npy file (too short)");
        }
        pre.get(magic);
        if (!(magic[0] == (byte) 0x93 && new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY"))) {
            throw InputException.of(npy.toString(), "not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get();
        pre.get();
        long len;
        int start;
        if (major == 1) {
            len = pre.getShort() & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 4) {
                throw InputException.of(npy.toString(), "truncated .npy header");
            }
            len = pre.getInt() & 0xffffffffL;
            start = 12;
        } else {
            throw InputException.of(npy.toString(), ".npy format version " + major + " is not supported");
        }
        if (len > 1 << 20) {
            throw InputException.of(npy.toString(), ".npy header of " + len + " bytes: not a synthesiser chunk");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) len);
        ch.read(hb, start);
        String dict = new String(hb.array(), 0, hb.position(), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw InputException.of(npy.toString(), "unreadable .npy header: " + dict.strip());
        }
        int item = switch (d.group(1)) {
            case "<c8" -> 8;
            case "<c16" -> 16;
            default -> throw InputException.of(npy.toString(), "dtype " + d.group(1) + ": expected complex64 (<c8)"
                    + " or complex128 (<c16) FIDs, as the synthesiser writes");
        };
        if (f.group(1).equals("True")) {
            throw InputException.of(npy.toString(), "Fortran-order arrays are not supported; expected C order");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.strip()));
            }
        }
        if (dims.size() < 2 || dims.size() > 6) {
            throw InputException.of(npy.toString(), "shape " + dims + ": expected (spectra, …, points)");
        }
        long points = dims.get(dims.size() - 1);
        long inner = 1;
        for (int k = 1; k < dims.size() - 1; k++) {
            inner *= dims.get(k);
        }
        if (points < 2 || points > 1 << 24 || dims.get(0) > Integer.MAX_VALUE || inner < 1 || inner > 1 << 20) {
            throw InputException.of(npy.toString(), "shape " + dims + ": implausible number of points");
        }
        long offset = start + len;
        long need = offset + dims.get(0) * inner * points * item;
        if (ch.size() < need) {
            throw InputException.of(npy.toString(), "the file has " + ch.size() + " bytes but its header promises "
                    + need + " (truncated)");
        }
        return new Header((int) (long) dims.get(0), (int) points, item, offset,
                dims.subList(1, dims.size() - 1).stream().mapToInt(Long::intValue).toArray());
    }

    /**
     * The label of sub-spectrum {@code k} of a row (C order over {@code inner}): each index named by its dimension
     * as the manifest describes it (condition and combination names, t/b and the index of a time point or
     * weighting), else by its number.
     */
    static String subLabel(int k, int[] inner, List<String> dimNames, Map<String, Object> acq, List<String> combos) {
        String[] parts = new String[inner.length];
        int rest = k;
        for (int d = inner.length - 1; d >= 0; d--) {
            int i = rest % inner[d];
            rest /= inner[d];
            String dim = d < dimNames.size() ? dimNames.get(d) : "";
            List<?> conditions = acq.get("conditions") instanceof List<?> l ? l : List.of();
            parts[d] = switch (dim) {
                case "condition" -> i < conditions.size() ? String.valueOf(conditions.get(i)) : "condition " + i;
                case "combination" -> i < combos.size() ? combos.get(i) : "combination " + i;
                case "time_point" -> "t" + i;
                case "weighting" -> "b" + i;
                default -> String.valueOf(i);
            };
        }
        return String.join(" ", parts);
    }

    /** "0-4", "3", "0,2,9-11" → rows, each checked against the chunk's row count. */
    static List<Integer> rows(String spec, int available, Path npy) {
        Set<Integer> out = new LinkedHashSet<>();
        String s = spec == null ? DEFAULT_INDEX : spec;
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int dash = p.indexOf('-', 1);
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).strip());
                if (lo < 0 || hi < lo) {
                    throw InputException.of("--index", "\"" + p + "\": expected row numbers from 0, e.g. 0-4 or"
                            + " 0,3,7");
                }
                if (spec == null) {
                    hi = Math.min(hi, available - 1);
                }
                if (hi >= available) {
                    throw InputException.of("--index", "row " + hi + " is not in " + npy + ", which holds "
                            + available + " spectra (rows 0 to " + (available - 1) + ")");
                }
                if ((long) hi - lo + 1 + out.size() > MAX_ROWS) {
                    throw InputException.of("--index", "at most " + MAX_ROWS + " spectra in one plot");
                }
                for (int r = lo; r <= hi; r++) {
                    out.add(r);
                }
            } catch (NumberFormatException e) {
                throw InputException.of("--index", "\"" + p + "\": expected row numbers, e.g. 0-4 or 0,3,7");
            }
        }
        if (out.isEmpty()) {
            throw InputException.of("--index", "no rows given");
        }
        return new ArrayList<>(out);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
