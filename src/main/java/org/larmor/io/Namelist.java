package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One Fortran NAMELIST group ({@code $NAME key = value, … $END}), the header syntax of every LCModel file. Values are
 * kept as the text written in the file ({@code 'PRESS'}, {@code 127.73}, {@code 0.5 -0.5}, or empty for a null
 * value) and converted on request; keys are upper case, since Fortran names are case-insensitive.
 *
 * @param name     group name, upper case, without the {@code $}
 * @param values   key → value text, in file order
 * @param location where the group starts (for messages)
 */
public record Namelist(String name, Map<String, String> values, Location location) {
    public Namelist {
        name = name.toUpperCase(Locale.ROOT);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A group to write: add items in the order they should appear. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** True if the key is present with a non-empty value. */
    public boolean has(String key) {
        String v = values.get(key.toUpperCase(Locale.ROOT));
        return v != null && !v.isEmpty();
    }

    /** A character value, unquoted. */
    public String string(String key) {
        return unquote(key, require(key));
    }

    public String string(String key, String dflt) {
        return has(key) ? string(key) : dflt;
    }

    /** A real value; Fortran's D exponent and exponent-without-letter ({@code 0.1-100}) are understood. */
    public double number(String key) {
        String v = require(key);
        double d = parseReal(v);
        if (Double.isNaN(d)) {
            throw error(key, "expected a number, got " + InputFiles.quote(v));
        }
        return d;
    }

    public double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    public int integer(String key) {
        String v = require(key);
        try {
            return Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw error(key, "expected an integer, got " + InputFiles.quote(v));
        }
    }

    /** An error about one item of this group. */
    public InputException error(String key, String problem) {
        return new InputException(location, "$" + name + "." + key.toUpperCase(Locale.ROOT), problem);
    }

    /** Appends the group as {@code  $NAME}, one {@code  KEY = value,} per line, the last one closed by {@code $END}. */
    public void appendTo(StringBuilder sb) {
        sb.append(" $").append(name).append('\n');
        int k = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(' ').append(e.getKey()).append(" = ").append(e.getValue());
            sb.append(++k < values.size() ? ",\n" : " $END\n");
        }
        if (values.isEmpty()) {
            sb.append(" $END\n");
        }
    }

    private String require(String key) {
        if (!has(key)) {
            throw error(key, values.containsKey(key.toUpperCase(Locale.ROOT)) ? "value is empty"
                    : "missing required item " + key.toUpperCase(Locale.ROOT));
        }
        return values.get(key.toUpperCase(Locale.ROOT));
    }

    private String unquote(String key, String v) {
        char q = v.charAt(0);
        if (q != '\'' && q != '"') {
            return v;
        }
        if (v.length() < 2 || v.charAt(v.length() - 1) != q) {
            throw error(key, "unterminated character value " + InputFiles.quote(v));
        }
        String doubled = String.valueOf(q) + q;
        return v.substring(1, v.length() - 1).replace(doubled, String.valueOf(q));
    }

    /**
     * A Fortran real constant, or NaN if the text is not one. Accepts {@code 1.5}, {@code 1.}, {@code .5},
     * {@code 1E3}, {@code 1D3}, {@code 0.1-100} (three-digit exponent without letter).
     */
    static double parseReal(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        boolean plain = true;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == 'D' || c == 'd') {
                plain = false;
            } else if (!(c >= '0' && c <= '9' || c == '.' || c == 'E' || c == 'e' || c == '+' || c == '-')) {
                // Double.parseDouble would also take "Infinity", "NaN", hex floats and a trailing 'f': not Fortran.
                return Double.NaN;
            }
        }
        String u = plain ? t : t.replace('D', 'E').replace('d', 'E');
        int sign = Math.max(u.lastIndexOf('+'), u.lastIndexOf('-'));
        if (sign > 0 && (Character.isDigit(u.charAt(sign - 1)) || u.charAt(sign - 1) == '.')) {
            u = u.substring(0, sign) + "E" + u.substring(sign);
        }
        try {
            return Double.parseDouble(u);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Builds a group to write; values are formatted the way Fortran list-directed input reads them. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** A character item, single-quoted, embedded quotes doubled. */
        public Builder string(String key, String value) {
            values.put(key, "'" + value.replace("'", "''") + "'");
            return this;
        }

        /** A real item, in Java's shortest exact form ({@code 127.73}, {@code 2.5E-4}), which Fortran reads. */
        public Builder number(String key, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(key + " = " + value + " cannot be written for Fortran");
            }
            values.put(key, Double.toString(value));
            return this;
        }

        public Builder integer(String key, long value) {
            values.put(key, Long.toString(value));
            return this;
        }

        public Namelist build() {
            return new Namelist(name, values, new Location("(written)", 0, 0));
        }
    }
}
