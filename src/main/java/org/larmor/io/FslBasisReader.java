package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;
import org.larmor.signal.Fid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads FSL-MRS basis JSON files: a folder of them (every {@code *.json}, in file-name order, as FSL-MRS reads
 * them) or one file. Requires, as FSL-MRS does, {@code basis.basis_re}, {@code basis_im}, {@code basis_dwell},
 * {@code basis_centre} and {@code basis_name}; takes the echo time from {@code meta.TE} (ms) if present. The FID is
 * returned as stored (the on-disk convention).
 */
public final class FslBasisReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FslBasisReader() {
    }

    /** A folder of basis files, or a single file. */
    public static ReadBasis read(Path path) {
        if (!Files.isDirectory(path)) {
            InputFiles.check(path, InputFiles.Kind.BASIS);
            return parse(path.toString(), InputFile.text(path));
        }
        List<ReadBasis> parts = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
            for (Path f : s.sorted().toList()) {
                if (Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    parts.add(parse(f.toString(), InputFile.text(f)));
                }
            }
        } catch (IOException e) {
            throw InputException.of(path.toString(), "cannot list folder: " + e.getMessage());
        }
        return ReadBasis.merge(path.toString(), parts);
    }

    /**
     * @param source file name for messages
     * @param text   the file's JSON
     */
    public static ReadBasis parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's limits (nesting depth, number length) fail without a location.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            Location where = at == null ? new Location(source, 0, 0)
                    : new Location(source, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
            throw new InputException(where, null, "not an FSL-MRS basis file: invalid JSON: "
                    + InputFiles.parserMessage(e.getOriginalMessage()));
        } catch (StackOverflowError e) {
            throw InputException.of(source, "not an FSL-MRS basis file: JSON nested too deeply");
        }
        if (root == null || !root.isObject() || !root.path("basis").isObject()) {
            throw new InputException(new Location(source, 1, 1), "basis", "not an FSL-MRS basis file: expected an"
                    + " object with a 'basis' object holding basis_re, basis_im, basis_dwell, basis_centre, basis_name");
        }
        JsonNode b = root.get("basis");
        double[] re = numbers(source, b, "basis_re");
        double[] im = numbers(source, b, "basis_im");
        if (re.length != im.length || re.length == 0) {
            throw new InputException(new Location(source, 0, 0), "basis.basis_im", "basis_re has " + re.length
                    + " values and basis_im " + im.length + ": expected the same positive number");
        }
        double dwell = number(source, b, "basis_dwell");
        if (!(dwell > 0 && dwell < 1)) {
            throw new InputException(new Location(source, 0, 0), "basis.basis_dwell", "expected the dwell time in"
                    + " seconds (0 < dwell < 1), got " + dwell);
        }
        double mhz = number(source, b, "basis_centre");
        JsonNode name = b.get("basis_name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new InputException(new Location(source, 0, 0), "basis.basis_name", "expected the metabolite"
                    + " name as a string");
        }
        JsonNode te = root.path("meta").path("TE");
        double echo = te.isNumber() && Double.isFinite(te.asDouble()) ? te.asDouble() * 1e-3 : Double.NaN;
        return ReadBasis.single(source, mhz, dwell, echo, Map.of(name.asText(), new Fid(re, im, dwell)));
    }

    private static double number(String source, JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || !v.isNumber()) {
            throw new InputException(new Location(source, 0, 0), "basis." + key, "expected a number, got "
                    + describe(v));
        }
        if (!Double.isFinite(v.asDouble())) {
            throw new InputException(new Location(source, 0, 0), "basis." + key, "expected a finite number, got "
                    + InputFiles.quote(v.asText()));
        }
        return v.asDouble();
    }

    /** What a JSON value is, for messages: its kind, and a short excerpt of a text or number. */
    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the text " + InputFiles.quote(v.asText());
        }
        if (v.isValueNode()) {
            return InputFiles.quote(v.asText());
        }
        return v.isArray() ? "a list" : "an object";
    }

    private static double[] numbers(String source, JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || !v.isArray()) {
            throw new InputException(new Location(source, 0, 0), "basis." + key, "expected a list of numbers");
        }
        double[] out = new double[v.size()];
        for (int k = 0; k < out.length; k++) {
            if (!v.get(k).isNumber()) {
                throw new InputException(new Location(source, 0, 0), "basis." + key + "[" + k + "]",
                        "expected a number, got " + describe(v.get(k)));
            }
            out[k] = v.get(k).asDouble();
            if (!Double.isFinite(out[k])) {
                throw new InputException(new Location(source, 0, 0), "basis." + key + "[" + k + "]",
                        "expected a finite number, got " + InputFiles.quote(v.get(k).asText()) + " (sample index " + k
                                + ")");
            }
        }
        return out;
    }
}
