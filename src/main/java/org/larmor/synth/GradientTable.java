package org.larmor.synth;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The diffusion weightings of a diffusion-weighted MRS (dMRS) series, in acquisition order: entry {@code i} is
 * acquired with b value {@code bSPerM2()[i]} (s/m², SI; 1 s/mm² = 10⁶ s/m²) along the unit gradient direction
 * {@code directions()[i]}. An entry with b = 0 has no direction (the zero vector); every entry with b &gt; 0 has a
 * unit vector. A table has at least one entry. The arrays are copied in and out, so a table is immutable.
 *
 * <p>A scenario gives the table in one of two forms ({@link #read}):
 * <pre>
 * b_values_s_per_mm2: [0, 1000, 3000]          each b &gt; 0 along z = [0, 0, 1]
 *
 * b_values_s_per_mm2: [0, 1000, 3000]          each b &gt; 0 along every direction, in order:
 * directions: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] 0; 1000 x, y, z; 3000 x, y, z (7 entries; b = 0 once)
 *
 * b_values_s_per_mm2: [0, 1000, 1000]          one direction per b value, paired in order (as FSL's files);
 * directions_per_b: [[0, 0, 0], [1, 0, 0], [0, 1, 0]]   a b = 0 entry may give [0, 0, 0]
 *
 * fsl_bvals: dwi.bval                          FSL's text files: bvals one row of N b values (s/mm²),
 * fsl_bvecs: dwi.bvec                          bvecs three rows (x, y, z) of N numbers, whitespace separated
 * </pre>
 * Directions are checked and normalised: a direction whose length differs from 1 by more than
 * {@value #NORM_TOLERANCE} is refused (a typing error or a transposed file, not rounding), a shorter or longer one
 * within that tolerance is divided by its length. A b &gt; 0 entry with a zero-length direction is refused; a b = 0
 * entry may give the zero vector or a unit vector, and is stored with the zero vector. b values lie in
 * [0, {@value #MAX_B_S_PER_MM2}] s/mm².
 *
 * <p>FSL's format is described in the FSL documentation (FDT user guide, "bvecs" and "bvals").
 *
 * @param bSPerM2    the b value of each entry (s/m²), at least one, each finite and ≥ 0 (read: at most 10¹¹)
 * @param directions the unit gradient direction of each entry, {x, y, z}; the zero vector where b = 0
 * @param source     where the table came from, for the manifest: the YAML location or the two FSL files
 */
public record GradientTable(double[] bSPerM2, double[][] directions, String source) {
    /** Largest b value accepted (s/mm²). */
    public static final double MAX_B_S_PER_MM2 = 100_000;
    /** s/m² in one s/mm². */
    public static final double S_PER_M2_PER_S_PER_MM2 = 1e6;
    /** Largest accepted difference between 1 and the length of a written direction. */
    public static final double NORM_TOLERANCE = 1e-2;

    /** Direction of every b &gt; 0 entry when the YAML gives none: z. */
    private static final double[] Z = {0, 0, 1};
    /** A decimal number, as FSL tools write them (no hexadecimal, no NaN or Infinity, no 'd' or 'f' suffix). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /**
     * Checks and copies the arrays.
     *
     * @throws IllegalArgumentException for an empty table, arrays of different lengths, a b value that is negative
     *                                  or not finite, a direction that is not 3 numbers, not a unit vector (to
     *                                  1e-9) where b &gt; 0, or neither zero nor a unit vector where b = 0
     */
    public GradientTable {
        Objects.requireNonNull(bSPerM2, "bSPerM2");
        Objects.requireNonNull(directions, "directions");
        Objects.requireNonNull(source, "source");
        if (bSPerM2.length == 0) {
            throw new IllegalArgumentException("empty gradient table");
        }
        if (directions.length != bSPerM2.length) {
            throw new IllegalArgumentException(bSPerM2.length + " b values but " + directions.length
                    + " directions");
        }
        bSPerM2 = bSPerM2.clone();
        double[][] copy = new double[directions.length][];
        for (int i = 0; i < bSPerM2.length; i++) {
            double b = bSPerM2[i];
            if (!(b >= 0) || !Double.isFinite(b)) {
                throw new IllegalArgumentException("b value " + i + " is " + b + " s/m²; expected a finite b ≥ 0");
            }
            double[] g = Objects.requireNonNull(directions[i], "direction " + i);
            if (g.length != 3) {
                throw new IllegalArgumentException("direction " + i + " has " + g.length + " components, not 3");
            }
            double norm = norm(g[0], g[1], g[2]);
            boolean unit = Math.abs(norm - 1) <= 1e-9;
            if (b > 0 ? !unit : !(unit || norm == 0)) {
                throw new IllegalArgumentException("direction " + i + " " + Arrays.toString(g) + " (b = " + b
                        + " s/m²) has length " + norm + "; expected a unit vector" + (b > 0 ? "" : " or zero"));
            }
            copy[i] = b > 0 ? g.clone() : new double[3];
        }
        directions = copy;
    }

    /** Number of entries (acquisitions) in the series. */
    public int size() {
        return bSPerM2.length;
    }

    /** The largest b value of the table (s/m²). */
    public double maxBSPerM2() {
        double max = 0;
        for (double b : bSPerM2) {
            max = Math.max(max, b);
        }
        return max;
    }

    /** A copy of the b values (s/m²). */
    @Override
    public double[] bSPerM2() {
        return bSPerM2.clone();
    }

    /** A copy of the directions, {x, y, z} each. */
    @Override
    public double[][] directions() {
        double[][] out = new double[directions.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = directions[i].clone();
        }
        return out;
    }

    /** The b value of entry {@code i} (s/m²), without copying. */
    public double bSPerM2(int i) {
        return bSPerM2[i];
    }

    /** The b value of entry {@code i} in s/mm², the unit scanners and papers write. */
    public double bSPerMm2(int i) {
        return bSPerM2[i] / S_PER_M2_PER_S_PER_MM2;
    }

    /** A copy of the unit direction of entry {@code i}; the zero vector where b = 0. */
    public double[] direction(int i) {
        return directions[i].clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientTable t && Arrays.equals(bSPerM2, t.bSPerM2)
                && Arrays.deepEquals(directions, t.directions) && source.equals(t.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bSPerM2), Arrays.deepHashCode(directions), source);
    }

    @Override
    public String toString() {
        return "GradientTable[" + size() + " entries, b up to " + fmt(maxBSPerM2() / S_PER_M2_PER_S_PER_MM2)
                + " s/mm², from " + source + "]";
    }

    // ------------------------------------------------------------------------------------------------- reading

    /**
     * Reads the gradient table of a scenario's diffusion section (the forms are in the class comment).
     *
     * @param block   the YAML map holding the table's keys
     * @param baseDir folder that relative FSL file names are resolved against (null: as written)
     * @throws InputException with file, line, field and what was expected, for an empty table, an unknown key,
     *                        both the inline and the FSL form (or neither), a b value out of range, a direction that
     *                        is not 3 numbers or not a unit vector, a bvals/bvecs length mismatch, a file that
     *                        cannot be read or a value in it that is not a number
     */
    public static GradientTable read(YamlMap block, Path baseDir) {
        block.allowOnly("b_values_s_per_mm2", "directions", "directions_per_b", "fsl_bvals", "fsl_bvecs");
        boolean inline = block.has("b_values_s_per_mm2");
        String fslKey = block.has("fsl_bvals") ? "fsl_bvals" : block.has("fsl_bvecs") ? "fsl_bvecs" : null;
        if (inline && fslKey != null) {
            throw block.require(fslKey).error("give the b values either inline (b_values_s_per_mm2) or as FSL"
                    + " files (fsl_bvals and fsl_bvecs), not both");
        }
        if (!inline && fslKey == null) {
            throw block.error("missing the gradient table: give b_values_s_per_mm2: [0, 1000, …] (with optional"
                    + " directions: [[x, y, z], …]), or the FSL files fsl_bvals: and fsl_bvecs:");
        }
        return inline ? inline(block) : fsl(block, baseDir);
    }

    private static GradientTable inline(YamlMap block) {
        YamlList list = block.list("b_values_s_per_mm2");
        if (list.size() == 0) {
            throw list.error("empty gradient table: list at least one b value (s/mm²)");
        }
        double[] b = list.asDoubles(0, MAX_B_S_PER_MM2, "s/mm²");
        if (block.has("directions") && block.has("directions_per_b")) {
            throw block.require("directions_per_b").error("give either directions (every b > 0 along each of"
                    + " them) or directions_per_b (one per b value), not both");
        }
        List<Double> bs = new ArrayList<>();
        List<double[]> gs = new ArrayList<>();
        if (block.has("directions_per_b")) {
            YamlList dl = block.list("directions_per_b");
            if (dl.size() != b.length) {
                throw dl.error("expected one direction per b value (" + b.length + " b values in"
                        + " b_values_s_per_mm2), got " + dl.size());
            }
            for (int i = 0; i < b.length; i++) {
                bs.add(b[i] * S_PER_M2_PER_S_PER_MM2);
                gs.add(direction(dl.get(i), b[i]));
            }
        } else {
            List<double[]> dirs = new ArrayList<>();
            if (block.has("directions")) {
                YamlList dl = block.list("directions");
                if (dl.size() == 0) {
                    throw dl.error("no directions: list at least one [x, y, z], or leave directions out for z");
                }
                for (YamlNode n : dl.items()) {
                    dirs.add(direction(n, Double.NaN));
                }
            } else {
                dirs.add(Z);
            }
            for (double v : b) {
                if (v == 0) {
                    bs.add(0.0);
                    gs.add(new double[3]);
                } else {
                    for (double[] g : dirs) {
                        bs.add(v * S_PER_M2_PER_S_PER_MM2);
                        gs.add(g);
                    }
                }
            }
        }
        double[] bOut = new double[bs.size()];
        for (int i = 0; i < bOut.length; i++) {
            bOut[i] = bs.get(i);
        }
        return new GradientTable(bOut, gs.toArray(new double[0][]), "b_values_s_per_mm2 at " + list.location());
    }

    /**
     * A YAML direction [x, y, z] for an entry of b value {@code bSPerMm2} (NaN: for every b &gt; 0 of the table),
     * checked and normalised.
     */
    private static double[] direction(YamlNode n, double bSPerMm2) {
        YamlList l = n.asList().requireSize(3);
        double x = l.get(0).asDouble();
        double y = l.get(1).asDouble();
        double z = l.get(2).asDouble();
        String problem = unitProblem(x, y, z, bSPerMm2);
        if (problem != null) {
            throw n.error(problem);
        }
        return normalised(x, y, z, bSPerMm2);
    }

    /** Why (x, y, z) is not an acceptable direction for b (s/mm²; NaN: every b &gt; 0), or null. */
    private static String unitProblem(double x, double y, double z, double bSPerMm2) {
        double norm = norm(x, y, z);
        String v = "[" + fmt(x) + ", " + fmt(y) + ", " + fmt(z) + "]";
        if (bSPerMm2 == 0) {
            if (norm == 0 || Math.abs(norm - 1) <= NORM_TOLERANCE) {
                return null;
            }
            return "the direction " + v + " of a b = 0 entry has length " + fmt(norm) + "; expected [0, 0, 0] or a"
                    + " unit vector (it is not used)";
        }
        if (norm == 0) {
            return "zero-length direction " + v + (Double.isNaN(bSPerMm2) ? "" : " for b = " + fmt(bSPerMm2)
                    + " s/mm²") + ": a diffusion-weighted entry needs a unit gradient direction";
        }
        if (Math.abs(norm - 1) > NORM_TOLERANCE) {
            return "the direction " + v + " has length " + fmt(norm) + "; expected a unit vector (length within "
                    + fmt(NORM_TOLERANCE) + " of 1, which is then normalised)";
        }
        return null;
    }

    private static double[] normalised(double x, double y, double z, double bSPerMm2) {
        if (bSPerMm2 == 0) {
            return new double[3];
        }
        double norm = norm(x, y, z);
        return new double[] {x / norm, y / norm, z / norm};
    }

    private static double norm(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }

    // ---------------------------------------------------------------------------------------------- FSL files

    private static GradientTable fsl(YamlMap block, Path baseDir) {
        if (block.has("directions") || block.has("directions_per_b")) {
            String key = block.has("directions") ? "directions" : "directions_per_b";
            throw block.require(key).error("the directions come from fsl_bvecs; leave " + key + " out");
        }
        for (String[] k : new String[][] {{"fsl_bvals", "fsl_bvecs", "the gradient directions, 3 rows of N"},
                {"fsl_bvecs", "fsl_bvals", "the b values in s/mm², one row of N"}}) {
            if (block.has(k[0]) && !block.has(k[1])) {
                throw new InputException(block.keyLocation(k[0]), block.childPath(k[1]), "missing: " + k[0]
                        + " needs " + k[1] + " (" + k[2] + ")");
            }
        }
        Path bvalsFile = file(block, "fsl_bvals", baseDir);
        Path bvecsFile = file(block, "fsl_bvecs", baseDir);
        List<Row> bvals = rows(bvalsFile, InputFiles.text(bvalsFile, InputFiles.Kind.TABLE));
        List<Row> bvecs = rows(bvecsFile, InputFiles.text(bvecsFile, InputFiles.Kind.TABLE));
        String bvalsName = bvalsFile.toString();
        String bvecsName = bvecsFile.toString();
        if (bvals.isEmpty()) {
            throw InputException.of(bvalsName, "empty: expected one row of b values in s/mm² (FSL bvals)");
        }
        if (bvals.size() > 1) {
            Row second = bvals.get(1);
            throw new InputException(second.at(0), null, "expected one row of b values (FSL bvals), found a second"
                    + " row" + (bvals.get(0).values.length == 1 ? "; FSL writes the b values on one line, separated"
                    + " by spaces" : ""));
        }
        Row b = bvals.get(0);
        int n = b.values.length;
        for (int i = 0; i < n; i++) {
            if (!(b.values[i] >= 0 && b.values[i] <= MAX_B_S_PER_MM2)) {
                throw new InputException(b.at(i), null, "expected a b value from 0 to " + fmt(MAX_B_S_PER_MM2)
                        + " s/mm², got " + b.tokens[i]);
            }
        }
        if (bvecs.size() > 3) {
            Row fourth = bvecs.get(3);
            boolean transposed = bvecs.stream().allMatch(r -> r.values.length == 3);
            throw new InputException(fourth.at(0), null, "expected 3 rows (x, y, z) of " + n + " numbers (FSL"
                    + " bvecs), found a fourth row" + (transposed ? "; this looks like one row per direction: FSL"
                    + " writes bvecs as 3 rows of N numbers, so transpose it" : ""));
        }
        if (bvecs.size() < 3) {
            throw new InputException(new Location(bvecsName, bvecs.isEmpty() ? 0 : bvecs.get(bvecs.size() - 1).line,
                    bvecs.isEmpty() ? 0 : 1), null, (bvecs.isEmpty() ? "empty" : "only " + bvecs.size() + " row"
                    + (bvecs.size() == 1 ? "" : "s")) + ": expected 3 rows (x, y, z) of " + n + " numbers (FSL bvecs)");
        }
        String[] axis = {"x", "y", "z"};
        for (int r = 0; r < 3; r++) {
            Row row = bvecs.get(r);
            if (row.values.length != n) {
                throw new InputException(row.at(Math.min(n, row.values.length - 1)), null, "row " + (r + 1) + " ("
                        + axis[r] + ") has " + row.values.length + " values, but " + bvalsName + " has " + n
                        + " b values: expected one direction per b value");
            }
        }
        double[] bOut = new double[n];
        double[][] gOut = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = bvecs.get(0).values[i];
            double y = bvecs.get(1).values[i];
            double z = bvecs.get(2).values[i];
            String problem = unitProblem(x, y, z, b.values[i]);
            if (problem != null) {
                throw new InputException(bvecs.get(0).at(i), null, "direction " + (i + 1) + " (column " + (i + 1)
                        + "): " + problem);
            }
            bOut[i] = b.values[i] * S_PER_M2_PER_S_PER_MM2;
            gOut[i] = normalised(x, y, z, b.values[i]);
        }
        return new GradientTable(bOut, gOut, "fsl_bvals: " + bvalsName + ", fsl_bvecs: " + bvecsName);
    }

    private static Path file(YamlMap block, String key, Path baseDir) {
        YamlNode n = block.require(key);
        Path p;
        try {
            p = Path.of(n.asString());
        } catch (InvalidPathException e) {
            throw n.error("not a valid file name: " + InputFiles.quote(n.asString()));
        }
        Path resolved = p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
        if (!Files.exists(resolved)) {
            throw n.error("file not found: " + resolved);
        }
        return resolved;
    }

    /** A non-blank line of a text table: its numbers, as written, and where each starts. */
    private record Row(String source, int line, String[] tokens, int[] columns, double[] values) {
        Location at(int i) {
            return new Location(source, line, i >= 0 && i < columns.length ? columns[i] : 1);
        }
    }

    /** The non-blank lines of a whitespace-separated table of numbers; an error at the first token that is not one. */
    private static List<Row> rows(Path file, String text) {
        String source = file.toString();
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            List<String> tokens = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            int k = 0;
            while (k < line.length()) {
                while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
                    k++;
                }
                int start = k;
                while (k < line.length() && line.charAt(k) != ' ' && line.charAt(k) != '\t') {
                    k++;
                }
                if (k > start) {
                    tokens.add(line.substring(start, k));
                    columns.add(start + 1);
                }
            }
            if (tokens.isEmpty()) {
                continue;
            }
            double[] values = new double[tokens.size()];
            for (int i = 0; i < values.length; i++) {
                String t = tokens.get(i);
                double v = NUMBER.matcher(t).matches() ? Double.parseDouble(t) : Double.NaN;
                if (!Double.isFinite(v)) {
                    throw new InputException(new Location(source, l + 1, columns.get(i)), null, "expected a number"
                            + " (numbers separated by spaces), got " + InputFiles.quote(t));
                }
                values[i] = v;
            }
            rows.add(new Row(source, l + 1, tokens.toArray(new String[0]),
                    columns.stream().mapToInt(Integer::intValue).toArray(), values));
        }
        return rows;
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A number for messages: whole numbers as written, others to 6 significant digits (package use). */
    static String format(double v) {
        return fmt(v);
    }
}
