package org.larmor.rf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;

/** Line and number handling shared by the pulse-file readers; every error names file, line, column and field. */
final class PulseText {
    private static final Pattern NUMBER = Pattern.compile("[+-]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d++)?+");

    /** A token of a line and its 1-based column. */
    record Token(String text, int column) {
    }

    private PulseText() {
    }

    /** The text's lines, without line terminators (\n, \r\n or \r). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The tokens of {@code line} separated by any run of the characters in {@code separators}. */
    static List<Token> tokens(String line, String separators) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && separators.indexOf(line.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < n && separators.indexOf(line.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                out.add(new Token(line.substring(start, i), start + 1));
            }
        }
        return out;
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    /** The token as a finite number, or an error saying what was expected. */
    static double number(String source, int line, Token t, String field, String expected) {
        if (!isNumber(t.text())) {
            throw error(source, line, t.column(), field, "expected " + expected + ", got " + InputFiles.quote(t.text()));
        }
        double v = Double.parseDouble(t.text());
        if (!Double.isFinite(v)) {
            throw error(source, line, t.column(), field, "expected " + expected + ", got " + InputFiles.quote(t.text()) + " (out of range)");
        }
        return v;
    }

    /** A header value that must be a whole number (a sample count). */
    static int count(String source, int line, String value, String field) {
        String v = value.trim();
        if (!v.matches("[+]?\\d{1,9}(\\.0*)?")) {
            throw error(source, line, 0, field, "expected a whole number of samples, got " + InputFiles.quote(v));
        }
        return (int) Double.parseDouble(v);
    }

    static InputException error(String source, int line, int column, String field, String problem) {
        return new InputException(new Location(source, line, Math.max(column, line > 0 ? 1 : 0)), field, problem);
    }

    /** The file name without its directory and extension. */
    static String stem(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether a numeric header value agrees with a computed one to a relative 2·10⁻⁴ (header values are rounded). */
    static boolean agrees(double header, double computed) {
        return Math.abs(header - computed) <= 2e-4 * Math.max(Math.abs(header), Math.abs(computed)) + 1e-9;
    }
}
