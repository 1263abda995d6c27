package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@link TruthTables} writes the bytes the String path wrote before it (kept here as the reference): the CSV and
 * JSON lines of every kind of value and column (scalars, arrays, an empty array, names that JSON must escape).
 */
class TruthTablesBytesTest {
    // Kills: a value formatted otherwise than Truth.format (exponent case, integers, null), a key or bracket out of
    // place, an empty array dropped, an index written wrongly, the CSV header or a separator missing.
    @Test
    void tablesAreTheBytesOfTheStringPath() {
        Truth.Builder b = new Truth.Builder();
        b.scalar("NAA.concentration_mm");
        b.array("gain", 3);
        b.array("empty", 0);
        b.scalar("odd \"name\\");
        b.array("one", 1);
        b.scalar("last");
        b.array("trailing_empty", 0);
        Truth.Schema schema = b.build();
        SplittableRandom r = new SplittableRandom(7);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 3, -42,
            999_999_999_999_999.0, 1e15, -1e15, 0.5, 0.1, 1.5e-7, 1.2345678901234567e20, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e-3, 1e7, 2e-3, 123456789.125};
        int rows = 4000;
        TruthTables tables = new TruthTables(schema, 10);
        StringBuilder csv = new StringBuilder(header(schema));
        StringBuilder jsonl = new StringBuilder();
        double[] row = new double[schema.width()];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < row.length; k++) {
                int kind = r.nextInt(4);
                row[k] = kind == 0 ? special[r.nextInt(special.length)]
                        : kind == 1 ? Double.longBitsToDouble(r.nextLong())
                        : kind == 2 ? r.nextGaussian() * Math.pow(10, r.nextInt(-12, 18)) : r.nextInt(-1000, 1000);
            }
            long index = i == rows - 1 ? Long.MAX_VALUE : i * 977L;
            tables.add(index, row);
            oldRow(csv, jsonl, index, schema, row);
        }
        assertArrayEquals(csv.toString().getBytes(StandardCharsets.UTF_8), tables.csvBytes());
        assertArrayEquals(jsonl.toString().getBytes(StandardCharsets.UTF_8), tables.jsonlBytes());
    }

    private static String header(Truth.Schema schema) {
        StringBuilder csv = new StringBuilder("index");
        for (String col : schema.columns()) {
            csv.append(',').append(col);
        }
        return csv.append('\n').toString();
    }

    /** The rows as Dataset wrote them up to commit f7f6e08 (values by Truth.format). */
    private static void oldRow(StringBuilder csv, StringBuilder jsonl, long index, Truth.Schema schema,
                               double[] v) {
        String[] formatted = new String[v.length];
        for (int k = 0; k < v.length; k++) {
            formatted[k] = Truth.format(v[k]);
        }
        csv.append(index);
        for (String f : formatted) {
            csv.append(',').append(f);
        }
        csv.append('\n');
        jsonl.append("{\"index\": ").append(index);
        int at = 0;
        List<String> names = schema.names();
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            int len = schema.lengths().get(k);
            boolean array = name.endsWith("[]");
            String key = array ? name.substring(0, name.length() - 2) : name;
            jsonl.append(", \"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ");
            if (array) {
                jsonl.append('[');
                for (int i = 0; i < len; i++) {
                    jsonl.append(i == 0 ? "" : ", ").append(formatted[at++]);
                }
                jsonl.append(']');
            } else {
                jsonl.append(formatted[at++]);
            }
        }
        jsonl.append("}\n");
    }
}
