package org.larmor.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ground truth of one spectrum: every drawn parameter, in the fixed order of a {@link Schema} that the signal
 * terms declare when the synthesiser is built (not inferred from a draw). Each term owns its columns: it is given
 * their offsets in the row when it declares them, and draws straight into the row, so that the values the signal
 * is made from and the values written beside it are the same numbers.
 */
public final class Truth {
    private Truth() {
    }

    /**
     * The columns of a scenario's truth table.
     *
     * @param names   entry names, in order; an array entry (one value per transient, coil, condition or time
     *                point) ends in "[]"
     * @param lengths values per entry (1 for a scalar)
     */
    public record Schema(List<String> names, List<Integer> lengths) {
        public Schema {
            names = List.copyOf(names);
            lengths = List.copyOf(lengths);
        }

        /** Number of values in a row. */
        public int width() {
            int w = 0;
            for (int l : lengths) {
                w += l;
            }
            return w;
        }

        /** CSV column names: scalars as they are, arrays expanded to name[0], name[1], …. */
        public List<String> columns() {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                String n = names.get(k);
                if (!n.endsWith("[]")) {
                    out.add(n);
                } else {
                    String base = n.substring(0, n.length() - 2);
                    for (int i = 0; i < lengths.get(k); i++) {
                        out.add(base + "[" + i + "]");
                    }
                }
            }
            return Collections.unmodifiableList(out);
        }

        /** Index of the first value of an entry. */
        public int offset(String name) {
            int o = 0;
            for (int k = 0; k < names.size(); k++) {
                String n = names.get(k);
                if (n.equals(name) || n.equals(name + "[]")) {
                    return o;
                }
                o += lengths.get(k);
            }
            throw new IllegalArgumentException("no truth entry \"" + name + "\"");
        }

        /** True if the schema has an entry of this name (scalar or array). */
        public boolean has(String name) {
            return names.contains(name) || names.contains(name + "[]");
        }

        /** Values of an entry: 1 for a scalar. */
        public int length(String name) {
            int k = names.indexOf(name + "[]");
            if (k < 0) {
                k = names.indexOf(name);
            }
            if (k < 0) {
                throw new IllegalArgumentException("no truth entry \"" + name + "\"");
            }
            return lengths.get(k);
        }
    }

    /** Collects the columns as the terms declare them, and hands each its offset in the row. */
    static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private int width;

        /** A scalar column; returns its offset. */
        int scalar(String name) {
            return add(name, 1);
        }

        /** An array column of {@code length} values, shown as name[0], name[1], …; returns its first offset. */
        int array(String name, int length) {
            if (length < 0) {
                throw new IllegalArgumentException("array column " + name + " of length " + length);
            }
            return add(name + "[]", length);
        }

        private int add(String name, int length) {
            if (names.contains(name)) {
                throw new IllegalStateException("truth column declared twice: " + name);
            }
            names.add(name);
            lengths.add(length);
            int o = width;
            width += length;
            return o;
        }

        Schema build() {
            return new Schema(names, lengths);
        }
    }

    /** Formats a value for CSV and JSON: shortest round-trip decimal, integers without a fraction. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = shortestDecimal(v);
        return s.indexOf('E') >= 0 ? s.replace('E', 'e') : s;
    }

    /**
     * The shortest decimal that reads back ({@link Double#parseDouble}) to exactly v, in the notation of
     * {@link Double#toString(double)} (plain for 10⁻³ ≤ |v| &lt; 10⁷, else d.ddd…E±n): Giulietti's Schubfach
     * (Giulietti R. The Schubfach way to render doubles. 2020; the algorithm of {@code Double.toString} since
     * JDK 19), as jackson-core ships it. JDK 17's own {@code Double.toString} is about twice as slow and not always
     * the shortest (JDK-4511638: 2.0E-3 for 0.002, 9.999999999999999E22 for 1.0E23); both read back to the same
     * double, so only such digits differ (about 3 values in 1000 of random bit patterns). Checked on a million
     * values in {@code ShortestDecimalTest}.
     */
    static String shortestDecimal(double v) {
        return com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(v);
    }
}
