package org.larmor.synth;

import org.larmor.io.TextBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The truth tables of one chunk, CSV and JSON lines, built as their UTF-8 bytes: each value is formatted once
 * ({@link Truth#format}'s text) and written into both. What never changes between rows (the JSON keys with their
 * quotes and separators) is encoded once, when the tables are made; building the tables as Strings cost a String
 * per value, the escaping of every key in every row, and a UTF-8 encoding pass over each whole table at the end.
 */
final class TruthTables {
    private final TextBytes csv;
    private final TextBytes jsonl;
    /**
     * The JSON text between the values of a row: before value v (its key, an array's opening bracket or the comma
     * within an array, and what closes the entries before it), and after the last value (index {@code width}).
     */
    private final byte[][] jsonBetween;

    /** @param rows expected rows, to size the buffers */
    TruthTables(Truth.Schema schema, int rows) {
        int width = schema.width();
        csv = new TextBytes(rows * (20 * width + 16) + 1024);
        jsonl = new TextBytes(rows * (52 * width + 32) + 1024);
        StringBuilder head = new StringBuilder("index");
        for (String col : schema.columns()) {
            head.append(',').append(col);
        }
        csv.text(head.append('\n'));
        jsonBetween = new byte[width + 1][];
        StringBuilder pending = new StringBuilder();
        int v = 0;
        for (int k = 0; k < schema.names().size(); k++) {
            String name = schema.names().get(k);
            boolean array = name.endsWith("[]");
            pending.append(", \"").append(jsonEscape(array ? name.substring(0, name.length() - 2) : name))
                    .append("\": ");
            if (!array) {
                jsonBetween[v++] = utf8(pending.toString());
                pending.setLength(0);
                continue;
            }
            pending.append('[');
            for (int i = 0; i < schema.lengths().get(k); i++) {
                if (i > 0) {
                    pending.append(", ");
                }
                jsonBetween[v++] = utf8(pending.toString());
                pending.setLength(0);
            }
            pending.append(']');
        }
        jsonBetween[width] = utf8(pending.append("}\n").toString());
    }

    /** Appends spectrum {@code index}'s row: a CSV line and a JSON line. */
    void add(long index, double[] row) {
        csv.decimal(index);
        jsonl.ascii("{\"index\": ").decimal(index);
        int width = jsonBetween.length - 1;
        for (int k = 0; k < width; k++) {
            csv.ascii(',');
            int start = csv.size();
            value(csv, row[k]);
            jsonl.bytes(jsonBetween[k]);
            // The same characters again, from the CSV just written.
            jsonl.copy(csv, start);
        }
        csv.ascii('\n');
        jsonl.bytes(jsonBetween[width]);
    }

    void writeCsv(Path file) throws IOException {
        csv.write(file);
    }

    void writeJsonl(Path file) throws IOException {
        jsonl.write(file);
    }

    byte[] csvBytes() {
        return csv.toByteArray();
    }

    byte[] jsonlBytes() {
        return jsonl.toByteArray();
    }

    /**
     * {@link Truth#format}'s text of v: "null" when not finite, integers below 10¹⁵ without a fraction, else the
     * digits of {@link Truth#shortestDecimal} with a lower-case exponent.
     */
    private static void value(TextBytes out, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.ascii("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.decimal((long) v);
        } else {
            out.shortest(v, 'e');
        }
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
