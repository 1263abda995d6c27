package org.larmor.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every drawn parameter of one spectrum, in a fixed order: scalars and fixed-length arrays (one value per
 * transient or coil), each named with its unit. The names are the same for every spectrum of a scenario (the
 * {@link Schema}); the values are written beside the spectrum as a CSV row and a JSON line.
 */
public final class Truth {
    /**
     * The columns of a scenario's truth table.
     *
     * @param names   entry names, in order
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
                if (lengths.get(k) == 1 && !names.get(k).endsWith("[]")) {
                    out.add(names.get(k));
                } else {
                    String base = names.get(k).endsWith("[]") ? names.get(k).substring(0, names.get(k).length() - 2)
                            : names.get(k);
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
    }

    private final List<String> names = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private boolean recording = true;
    private double[] values = new double[64];
    private int cursor;
    private int entries;
    private Schema schema;

    Truth() {
    }

    /** Starts a new spectrum. */
    void reset() {
        cursor = 0;
        entries = 0;
    }

    /** Ends the first spectrum: the names seen so far become the schema. */
    Schema freeze() {
        if (recording) {
            recording = false;
            schema = new Schema(names, lengths);
        } else if (entries != names.size()) {
            throw new IllegalStateException("truth entries differ between spectra: " + entries + " vs "
                    + names.size());
        }
        return schema;
    }

    void put(String name, double v) {
        if (recording) {
            names.add(name);
            lengths.add(1);
        }
        ensure(1);
        values[cursor++] = v;
        entries++;
    }

    /** An array entry; the name is written without brackets and shown as name[i]. */
    void put(String name, double[] v, int count) {
        if (recording) {
            names.add(name + "[]");
            lengths.add(count);
        }
        ensure(count);
        System.arraycopy(v, 0, values, cursor, count);
        cursor += count;
        entries++;
    }

    private void ensure(int more) {
        if (cursor + more > values.length) {
            values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, cursor + more));
        }
    }

    /** The values of the current spectrum (a copy). */
    double[] values() {
        return java.util.Arrays.copyOf(values, cursor);
    }

    /** Formats a value for CSV and JSON: shortest round-trip decimal, integers without a fraction. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.indexOf('E') >= 0 ? s.replace('E', 'e') : s;
    }
}
