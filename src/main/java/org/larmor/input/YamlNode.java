package org.larmor.input;

import java.util.Locale;

/**
 * A node of a YAML document that remembers where it was written and its path from the root, so that a value that is
 * wrong can be reported with its file, line and field.
 */
public abstract sealed class YamlNode permits YamlMap, YamlList, YamlScalar {
    private final Location location;
    private final String path;

    YamlNode(Location location, String path) {
        this.location = location;
        this.path = path;
    }

    public Location location() {
        return location;
    }

    /** Path from the document root, e.g. {@code subsystems[0].spins[1].shift_ppm}; empty for the root. */
    public String path() {
        return path;
    }

    /** An error located at this node. */
    public InputException error(String problem) {
        return new InputException(location, path, problem);
    }

    /** What kind of YAML value this is, for messages ("a map", "a list", "the text \"x\""). */
    public abstract String describe();

    public YamlMap asMap() {
        if (this instanceof YamlMap m) {
            return m;
        }
        if (path.isEmpty()) {
            // The whole document is not a map: the file is not the kind expected, and its content is not quoted.
            throw error("not a Larmor YAML file: expected a map of key: value pairs, got "
                    + (this instanceof YamlList ? "a list" : "a single value"));
        }
        throw error("expected a map of key: value pairs, got " + describe());
    }

    public YamlList asList() {
        if (this instanceof YamlList l) {
            return l;
        }
        throw error("expected a list, got " + describe());
    }

    public YamlScalar asScalar() {
        if (this instanceof YamlScalar s) {
            return s;
        }
        throw error("expected a single value, got " + describe());
    }

    public String asString() {
        YamlScalar s = asScalar();
        if (s.isNull()) {
            throw error("expected text, got nothing (null)");
        }
        return s.text();
    }

    public double asDouble() {
        YamlScalar s = asScalar();
        if (!s.isNumber()) {
            throw error("expected a number, got " + describe());
        }
        return s.finite();
    }

    public int asInt() {
        YamlScalar s = asScalar();
        if (!s.isNumber()) {
            throw error("expected a whole number, got " + describe());
        }
        double v = s.finite();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error("expected a whole number, got " + s.text());
        }
        return (int) v;
    }

    public boolean asBoolean() {
        YamlScalar s = asScalar();
        String t = s.text() == null ? "" : s.text().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw error("expected true or false, got " + describe());
    }

    /** A number that must lie in [min, max]; {@code unit} is named in the message (e.g. "ms"). */
    public double asDoubleIn(double min, double max, String unit) {
        double v = asDouble();
        if (v < min || v > max) {
            throw error("expected a value from " + fmt(min) + " to " + fmt(max) + (unit.isEmpty() ? "" : " " + unit)
                    + ", got " + fmt(v));
        }
        return v;
    }

    /**
     * A number written in thousandths (ms, mm) that must lie in [min, max] as written, in SI units (s, m), converted
     * exactly from its text (see {@link Units}).
     */
    public double asMilliIn(double min, double max, String unit) {
        asDoubleIn(min, max, unit);
        return Units.milli(asScalar().text());
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
