package org.larmor.scan;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.util.Locale;

/** Numbers and strings in the text headers of scan files, parsed strictly, errors naming file, line and key. */
final class ScanText {
    private ScanText() {
    }

    /** A finite number written in a header ("30.000000", "1.2e+08"), else an error naming the key and line. */
    static double number(String source, int line, String key, String text) {
        String t = unquote(text).trim();
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InputException(new Location(source, line, 0), key, "expected a number, got "
                + org.larmor.input.InputFiles.quote(t));
    }

    /** A header text without surrounding quotes (twix writes ""svs_se"", SPAR "1H"). */
    static String unquote(String text) {
        String t = text.trim();
        while (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    /**
     * The value at {@code key} of a key → (text, line) header, if it is a positive number: scaled to SI and stated
     * with the text it was read from ("TE = 30.0 ms"). An absent or empty key states nothing; a malformed number is
     * an error naming the key and line.
     */
    static void putNumber(java.util.Map<String, String[]> kv, String src, String key, double scale, String unit,
                          HeaderField f, java.util.Map<HeaderField, ScanHeader.Stated> v) {
        String[] p = kv.get(key);
        if (p == null || unquote(p[0]).isEmpty()) {
            return;
        }
        double x = number(src, Integer.parseInt(p[1]), key, p[0]);
        if (x > 0) {
            v.put(f, new ScanHeader.Stated(x * scale, key + " = " + p[0] + " " + unit));
        }
    }

    /** As {@link #putNumber}, for a count: a positive integer (points). */
    static void putCount(java.util.Map<String, String[]> kv, String src, String key, HeaderField f,
                         java.util.Map<HeaderField, ScanHeader.Stated> v) {
        String[] p = kv.get(key);
        if (p == null || unquote(p[0]).isEmpty()) {
            return;
        }
        double n = number(src, Integer.parseInt(p[1]), key, p[0]);
        if (n >= 1 && n == Math.rint(n)) {
            v.put(f, new ScanHeader.Stated((int) n, key + " = " + p[0]));
        }
    }

    /** The text at {@code key}, unquoted, if not empty. */
    static void putText(java.util.Map<String, String[]> kv, String key, HeaderField f,
                        java.util.Map<HeaderField, ScanHeader.Stated> v) {
        String[] p = kv.get(key);
        if (p != null && !unquote(p[0]).isEmpty()) {
            v.put(f, new ScanHeader.Stated(unquote(p[0]), key));
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
