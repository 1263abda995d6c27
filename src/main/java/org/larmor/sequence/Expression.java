package org.larmor.sequence;

import java.util.Map;

/**
 * The arithmetic a sequence file may write in place of a number: {@code ${te1_ms / 2 + t1_ms}}, or a bare
 * {@code $name}. Numbers, parameter names, + − × ÷ and parentheses; nothing else, so a file stays data.
 * A value's unit is the unit of the key it is written under: parameters carry theirs in their names.
 */
final class Expression {
    private final String text;
    private final Map<String, Double> values;
    private int pos;

    private Expression(String text, Map<String, Double> values) {
        this.text = text;
        this.values = values;
    }

    /** True for a scalar text that is an expression ({@code $name} or {@code ${...}}). */
    static boolean is(String text) {
        return text != null && text.startsWith("$");
    }

    /**
     * The value of {@code $name} or {@code ${expression}}.
     *
     * @throws IllegalArgumentException with a message for the user (unknown name, syntax)
     */
    static double evaluate(String text, Map<String, Double> values) {
        String body;
        if (text.startsWith("${")) {
            if (!text.endsWith("}")) {
                throw new IllegalArgumentException("an expression ${...} must end with '}': " + text);
            }
            body = text.substring(2, text.length() - 1);
        } else {
            body = text.substring(1);
        }
        Expression e = new Expression(body, values);
        double v = e.sum();
        e.skip();
        if (e.pos != body.length()) {
            throw new IllegalArgumentException("cannot read \"" + body.substring(e.pos) + "\" in " + text);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(text + " is not a finite number");
        }
        return v;
    }

    private double sum() {
        double v = product();
        while (true) {
            skip();
            if (eat('+')) {
                v += product();
            } else if (eat('-')) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private double product() {
        double v = factor();
        while (true) {
            skip();
            if (eat('*')) {
                v *= factor();
            } else if (eat('/')) {
                v /= factor();
            } else {
                return v;
            }
        }
    }

    private double factor() {
        skip();
        if (eat('-')) {
            return -factor();
        }
        if (eat('(')) {
            double v = sum();
            skip();
            if (!eat(')')) {
                throw new IllegalArgumentException("missing ')' in ${" + text + "}");
            }
            return v;
        }
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            Double v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; defined: "
                        + (values.isEmpty() ? "none (declare them under 'parameters')" : String.join(", ",
                        new java.util.TreeSet<>(values.keySet()))));
            }
            return v;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && pos > start
                && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a number, a parameter or '(' at \"" + text.substring(pos)
                    + "\" in ${" + text + "}");
        }
        try {
            return Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("not a number: " + text.substring(start, pos));
        }
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
