package org.larmor.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The truth tables of one chunk, CSV and JSON lines, built as their UTF-8 bytes: each value is formatted once
 * ({@link Truth#format}'s text) and written into both. What never changes between rows (the JSON keys with their
 * quotes and separators) is encoded once, when the tables are made; building the tables as Strings cost a String
 * per value, the escaping of every key in every row, and a UTF-8 encoding pass over each whole table at the end.
 */
final class TruthTables {
    private final Bytes csv;
    private final Bytes jsonl;
    /**
     * The JSON text between the values of a row: before value v (its key, an array's opening bracket or the comma
     * within an array, and what closes the entries before it), and after the last value (index {@code width}).
     */
    private final byte[][] jsonBetween;

    /** @param rows expected rows, to size the buffers */
    TruthTables(Truth.Schema schema, int rows) {
        int width = schema.width();
        csv = new Bytes(rows * (20 * width + 16) + 1024);
        jsonl = new Bytes(rows * (52 * width + 32) + 1024);
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
            int start = csv.size;
            csv.value(row[k]);
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

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A growable byte buffer of text. */
    private static final class Bytes {
        static final int WRITE_SLICE = 1 << 16;
        byte[] b;
        int size;

        Bytes(int capacity) {
            b = new byte[Math.max(64, capacity)];
        }

        void room(int more) {
            if (size + more > b.length) {
                b = Arrays.copyOf(b, Math.max(size + more, b.length * 2));
            }
        }

        Bytes text(CharSequence s) {
            return bytes(utf8(s.toString()));
        }

        Bytes bytes(byte[] x) {
            room(x.length);
            System.arraycopy(x, 0, b, size, x.length);
            size += x.length;
            return this;
        }

        Bytes ascii(char c) {
            room(1);
            b[size++] = (byte) c;
            return this;
        }

        Bytes ascii(String s) {
            room(s.length());
            for (int i = 0; i < s.length(); i++) {
                b[size++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** Bytes [from, other.size) of another buffer. */
        void copy(Bytes other, int from) {
            int len = other.size - from;
            room(len);
            System.arraycopy(other.b, from, b, size, len);
            size += len;
        }

        /** A long in decimal, as {@link Long#toString(long)}. */
        Bytes decimal(long v) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            room(20);
            if (v < 0) {
                b[size++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long p = 10; digits < 19 && v >= p; p *= 10) {
                digits++;
            }
            for (int i = size + digits - 1; i >= size; i--) {
                b[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            size += digits;
            return this;
        }

        /**
         * {@link Truth#format}'s text of v: "null" when not finite, integers below 10¹⁵ without a fraction, else
         * the digits of {@link Truth#shortestDecimal} with a lower-case exponent.
         */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the Latin-1 digits, no copy
        void value(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                ascii("null");
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                decimal((long) v);
            } else {
                String digits = Truth.shortestDecimal(v);
                int len = digits.length();
                room(len);
                digits.getBytes(0, len, b, size);
                for (int i = size + len - 1; i > size; i--) {
                    if (b[i] == 'E') {
                        b[i] = 'e';
                        break;
                    }
                }
                size += len;
            }
        }

        /**
         * Written in slices: the channel copies a heap array through a temporary direct buffer of the size of each
         * write, and one of a whole table (megabytes) is mapped and freed again per file.
         */
        void write(Path file) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int at = 0; at < size; at += WRITE_SLICE) {
                    out.write(b, at, Math.min(WRITE_SLICE, size - at));
                }
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(b, size);
        }
    }
}
