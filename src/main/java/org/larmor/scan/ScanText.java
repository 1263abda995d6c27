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

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
