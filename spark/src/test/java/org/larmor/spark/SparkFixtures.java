package org.larmor.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared pieces of the Spark tests: a local[2] context, the CLI's files read back, and Parquet rows read by Spark. */
final class SparkFixtures {
    private SparkFixtures() {
    }

    static JavaSparkContext localContext() {
        return LarmorSpark.context("local[2]", "larmor-spark tests");
    }

    /** Runs a command line (core {@code larmor} or {@code larmor-spark}); [status, stdout, stderr]. */
    static Object[] run(boolean spark, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = spark ? LarmorSpark.execute(args, new PrintWriter(out), new PrintWriter(err))
                : org.larmor.cli.LarmorCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Object[] {code, out.toString(), err.toString()};
    }

    /** A complex64 .npy file's floats (re, im interleaved), little-endian as the CLI writes them. */
    static float[] npyFloats(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b[0] != (byte) 0x93 || b[1] != 'N') {
            throw new IOException("not an .npy file: " + file);
        }
        int major = b[6];
        int headerLen = major == 1 ? (b[8] & 0xff) | (b[9] & 0xff) << 8
                : ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = (major == 1 ? 10 : 12) + headerLen;
        String header = new String(b, major == 1 ? 10 : 12, headerLen, StandardCharsets.US_ASCII);
        if (!header.contains("'<c8'")) {
            throw new IOException("expected complex64 in " + file + ": " + header);
        }
        ByteBuffer bb = ByteBuffer.wrap(b, start, b.length - start).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[(b.length - start) / 4];
        bb.asFloatBuffer().get(f);
        return f;
    }

    /** The CLI dataset's rows: index → (spectra floats, truth by CSV column). */
    record CliRow(float[] spectra, float[] combinations, float[] water, Map<String, Double> truth) {
    }

    static Map<Long, CliRow> cliRows(Path dir) throws IOException {
        Map<Long, CliRow> rows = new LinkedHashMap<>();
        List<Path> truths;
        try (Stream<Path> s = Files.list(dir)) {
            truths = s.filter(p -> p.getFileName().toString().matches("truth_\\d+\\.csv")).sorted().toList();
        }
        for (Path t : truths) {
            String chunk = t.getFileName().toString().replace("truth_", "").replace(".csv", "");
            List<String> lines = Files.readAllLines(t);
            String[] header = lines.get(0).split(",");
            float[] spectra = npyFloats(dir.resolve("spectra_" + chunk + ".npy"));
            Path comb = dir.resolve("combinations_" + chunk + ".npy");
            float[] combos = Files.exists(comb) ? npyFloats(comb) : null;
            Path wat = dir.resolve("water_reference_" + chunk + ".npy");
            float[] water = Files.exists(wat) ? npyFloats(wat) : null;
            int n = lines.size() - 1;
            for (int r = 0; r < n; r++) {
                String[] v = lines.get(r + 1).split(",", -1);
                Map<String, Double> truth = new LinkedHashMap<>();
                for (int k = 1; k < header.length; k++) {
                    truth.put(header[k], v[k].equals("null") ? Double.NaN : Double.parseDouble(v[k]));
                }
                rows.put(Long.parseLong(v[0]), new CliRow(slice(spectra, r, n), combos == null ? null
                        : slice(combos, r, n), water == null ? null : slice(water, r, n), truth));
            }
        }
        return rows;
    }

    private static float[] slice(float[] all, int r, int rows) {
        int per = all.length / rows;
        float[] out = new float[per];
        System.arraycopy(all, r * per, out, 0, per);
        return out;
    }

    /** The Parquet dataset's rows as Spark reads them, by index. */
    static Map<Long, Row> sparkRows(SparkSession spark, Path dir) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        List<Row> all = new ArrayList<>(spark.read().option("pathGlobFilter", "part-*.parquet").parquet(dir.toString())
                .collectAsList());
        all.sort(Comparator.comparingLong(r -> r.getLong(r.fieldIndex("index"))));
        for (Row r : all) {
            rows.put(r.getLong(r.fieldIndex("index")), r);
        }
        return rows;
    }

    static float[] floats(Row r, String column) {
        List<Object> l = r.getList(r.fieldIndex(column));
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) l.get(i);
        }
        return f;
    }

    /** A truth value of a Parquet row by the CLI's CSV column name ("shift_hz[2]" is element 2 of shift_hz). */
    static double truth(Row r, String csvColumn) {
        int bracket = csvColumn.indexOf('[');
        if (bracket > 0 && csvColumn.endsWith("]")) {
            List<Object> l = r.getList(r.fieldIndex(csvColumn.substring(0, bracket)));
            return (Double) l.get(Integer.parseInt(csvColumn.substring(bracket + 1, csvColumn.length() - 1)));
        }
        return r.getDouble(r.fieldIndex(csvColumn));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
    /** Every row of the Parquet dataset equals the CLI's row of the same index: spectra bits and truth values. */
    static void assertSameAsCli(Map<Long, SparkFixtures.CliRow> cli, Map<Long, Row> rows) {
        org.junit.jupiter.api.Assertions.assertEquals(cli.keySet(), rows.keySet());
        for (Map.Entry<Long, SparkFixtures.CliRow> e : cli.entrySet()) {
            Row r = rows.get(e.getKey());
            SparkFixtures.CliRow c = e.getValue();
            assertBits(c.spectra(), SparkFixtures.floats(r, "spectra"), "spectra of " + e.getKey());
            if (c.combinations() != null) {
                assertBits(c.combinations(), SparkFixtures.floats(r, "combinations"), "combinations");
            }
            if (c.water() != null) {
                assertBits(c.water(), SparkFixtures.floats(r, "water_reference"), "water reference");
            }
            for (Map.Entry<String, Double> t : c.truth().entrySet()) {
                org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToLongBits(t.getValue()),
                        Double.doubleToLongBits(SparkFixtures.truth(r, t.getKey())),
                        "truth " + t.getKey() + " of spectrum " + e.getKey());
            }
        }
    }

    static void assertBits(float[] expected, float[] actual, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ": value " + i + " is " + actual[i] + ", the CLI has " + expected[i]);
            }
        }
    }

}
