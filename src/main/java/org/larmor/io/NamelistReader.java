package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an LCModel-style text file: NAMELIST groups interleaved with blocks of numbers, with free text allowed
 * before the first group. Follows Fortran's rules as LCModel relies on them: a group starts at {@code $NAME} or
 * {@code &NAME} (anything before it is skipped), items are {@code KEY = value} separated by commas or line breaks,
 * a value may be a list ({@code PPMAPP = 0.5 -0.5}) or empty ({@code ECHOT = ,}), strings are quoted with
 * {@code '} or {@code "}, and the group ends at {@code $END}, {@code &END} or {@code /}. A READ after a group starts
 * on the next line (the next record), and a formatted READ of n numbers consumes whole lines.
 */
public final class NamelistReader {
    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    /**
     * @param source file name for messages
     * @param text   the whole file
     */
    public NamelistReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The next group, skipping any text before it, or null at the end of the file. */
    public Namelist next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c == '$' || c == '&') && pos + 1 < text.length() && Character.isLetter(text.charAt(pos + 1))) {
                int nameStart = pos + 1;
                int end = nameStart;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(nameStart, end);
                if (!name.equalsIgnoreCase("END")) {
                    Location at = here();
                    pos = end;
                    return new Namelist(name, items(name, at), at);
                }
            }
            advance();
        }
        return null;
    }

    /** The next group called {@code name} (case-insensitive), skipping other groups; an error if there is none. */
    public Namelist require(String name) {
        for (Namelist n = next(); n != null; n = next()) {
            if (n.name().equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new InputException(here(), null, "expected a $" + name.toUpperCase(Locale.ROOT)
                + " group, but the file ends without one");
    }

    /**
     * Reads {@code count} numbers from the lines after the current position, separated by blanks or commas (as
     * list-directed input, which also reads every fixed-width E and F format whose fields are separated by at least
     * one blank), or glued together as fixed-width fields sometimes are ({@code -1.2E+00-3.4E+00}). Leaves the
     * position at the start of the line after the last number.
     *
     * @param what what the numbers are, for messages ("4096 complex points of NAA")
     */
    public double[] numbers(int count, String what) {
        double[] out = new double[count];
        int n = 0;
        while (n < count) {
            if (pos >= text.length()) {
                throw new InputException(here(), null, "the file ends after " + n + " of the " + count
                        + " numbers expected (" + what + ")");
            }
            if (isBlank(text.charAt(pos))) {
                advance();
                continue;
            }
            int start = pos;
            while (pos < text.length() && !isBlank(text.charAt(pos))) {
                pos++;
            }
            String token = text.substring(start, pos);
            double v = Namelist.parseReal(token);
            if (!Double.isNaN(v)) {
                finite(v, token, start, n, what);
                out[n++] = v;
                continue;
            }
            n = glued(token, start, out, n, count, what);
        }
        skipRestOfLine();
        return out;
    }

    /**
     * Reads every number up to the end of the file or the next group, as {@link #numbers} does: for a {@code .RAW}
     * file, whose point count is not in the file.
     */
    public double[] numbersToEnd(String what) {
        double[] out = new double[4096];
        int n = 0;
        while (true) {
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                advance();
            }
            if (pos >= text.length() || text.charAt(pos) == '$' || text.charAt(pos) == '&') {
                return java.util.Arrays.copyOf(out, n);
            }
            int start = pos;
            while (pos < text.length() && !isBlank(text.charAt(pos))) {
                pos++;
            }
            String token = text.substring(start, pos);
            double v = Namelist.parseReal(token);
            if (Double.isNaN(v)) {
                throw new InputException(new Location(source, line, start - lineStart + 1), null,
                        "expected a number (" + what + ", number " + (n + 1) + "), got " + InputFiles.quote(token));
            }
            finite(v, token, start, n, what);
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, 2 * n);
            }
            out[n++] = v;
        }
    }

    /** Where the reader is now (1-based line and column). */
    public Location here() {
        return new Location(source, line, pos - lineStart + 1);
    }

    private int glued(String token, int start, double[] out, int n, int count, String what) {
        // Fixed-width fields with no blank between them: split before each sign that follows a digit or '.'
        // and is not part of an exponent (i.e. not preceded by E or D).
        int from = 0;
        int k = n;
        // Where the current field's exponent letter is (-1: none yet); kept as we go, so the split is linear.
        int exponentAt = isExponentLetter(token.charAt(0)) ? 0 : -1;
        for (int i = 1; i <= token.length(); i++) {
            boolean cut = i == token.length();
            if (!cut) {
                char c = token.charAt(i);
                char p = token.charAt(i - 1);
                cut = (c == '-' || c == '+') && (Character.isDigit(p) || p == '.') && exponentAt >= 0;
                if (!cut && exponentAt < 0 && isExponentLetter(c)) {
                    exponentAt = i;
                }
            }
            if (cut) {
                double v = Namelist.parseReal(token.substring(from, i));
                if (Double.isNaN(v)) {
                    throw new InputException(new Location(source, line, start - lineStart + 1), null,
                            "expected a number (" + what + ", number " + (k + 1) + " of " + count + "), got "
                                    + InputFiles.quote(token));
                }
                finite(v, token.substring(from, i), start, k, what);
                exponentAt = -1;
                if (k < count) {
                    out[k] = v;
                }
                k++;
                from = i;
            }
        }
        return Math.min(k, count);
    }

    /**
     * An error at the token if a sample is infinite (1E+999): data must be finite numbers. The data are complex
     * points written as (real, imaginary) pairs, so number {@code index} (from 0) is a part of point index/2: the
     * message counts points as the other readers do (point p from 1, sample index p − 1).
     */
    private void finite(double v, String token, int start, int index, String what) {
        if (!Double.isFinite(v)) {
            throw new InputException(new Location(source, line, start - lineStart + 1), null,
                    "expected a finite number (" + what + ": the " + (index % 2 == 0 ? "real" : "imaginary")
                            + " part of point " + (index / 2 + 1) + ", sample index " + index / 2 + "), got "
                            + InputFiles.quote(token) + " (out of range)");
        }
    }

    private static boolean isExponentLetter(char c) {
        return c == 'E' || c == 'e' || c == 'D' || c == 'd';
    }

    private Map<String, String> items(String group, Location opened) {
        Map<String, String> values = new LinkedHashMap<>();
        String key = null;
        int valueStart = -1;
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                throw new InputException(opened, null, "group $" + group.toUpperCase(Locale.ROOT)
                        + " is not closed: expected $END or / before the end of the file");
            }
            int tokenStart = pos;
            char c = text.charAt(pos);
            boolean terminator = c == '/' || (c == '$' || c == '&')
                    && (pos + 1 >= text.length() || !isNameChar(text.charAt(pos + 1))
                    || text.regionMatches(true, pos + 1, "END", 0, 3));
            if (terminator) {
                if (key != null) {
                    values.put(key, value(valueStart, tokenStart));
                }
                if (c != '/') {
                    pos++;
                    if (text.regionMatches(true, pos, "END", 0, 3)) {
                        pos += 3;
                    }
                } else {
                    pos++;
                }
                skipRestOfLine();
                return values;
            }
            if (c == '$' || c == '&') {
                throw new InputException(here(), null, "group $" + group.toUpperCase(Locale.ROOT)
                        + " is not closed: expected $END or / before the next group");
            }
            if (c == '\'' || c == '"') {
                if (key == null) {
                    throw new InputException(here(), null, "expected KEY = value in group $"
                            + group.toUpperCase(Locale.ROOT) + ", got a quoted string");
                }
                skipQuoted(c);
                continue;
            }
            while (pos < text.length() && !isSeparator(text.charAt(pos)) && text.charAt(pos) != '=') {
                pos++;
            }
            String token = text.substring(tokenStart, pos);
            int afterToken = pos;
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '=') {
                if (!isKey(token)) {
                    throw new InputException(new Location(source, line, tokenStart - lineStart + 1), null,
                            "expected a name before '=' in group $" + group.toUpperCase(Locale.ROOT) + ", got "
                                    + InputFiles.quote(token));
                }
                if (key != null) {
                    values.put(key, value(valueStart, tokenStart));
                }
                key = token.toUpperCase(Locale.ROOT);
                pos++;
                valueStart = pos;
            } else {
                if (key == null) {
                    throw new InputException(new Location(source, line, tokenStart - lineStart + 1), null,
                            "expected KEY = value in group $" + group.toUpperCase(Locale.ROOT) + ", got "
                                    + InputFiles.quote(token));
                }
                pos = afterToken;
            }
        }
    }

    private String value(int start, int end) {
        int e = end;
        while (e > start) {
            char c = text.charAt(e - 1);
            if (c == ',' || c <= ' ') {
                e--;
            } else {
                break;
            }
        }
        return text.substring(start, e).trim();
    }

    private void skipQuoted(char quote) {
        Location opened = here();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            advance();
        }
        throw new InputException(opened, null, "unterminated string: no closing " + quote);
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
                advance();
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else {
                return;
            }
        }
    }

    private void skipRestOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
        if (pos < text.length()) {
            advance();
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n' || c == '/' || c == '$' || c == '&';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A Fortran name, optionally subscripted: {@code FILRAW}, {@code CHOMIT(1)}. */
    private static boolean isKey(String token) {
        if (token.isEmpty() || !Character.isLetter(token.charAt(0))) {
            return false;
        }
        int paren = token.indexOf('(');
        String name = paren < 0 ? token : token.substring(0, paren);
        for (int k = 0; k < name.length(); k++) {
            if (!isNameChar(name.charAt(k))) {
                return false;
            }
        }
        return paren < 0 || token.endsWith(")");
    }
}
