package org.larmor.input;

/** A single YAML value. Numbers keep their text so that integer and decimal forms are both accepted. */
public final class YamlScalar extends YamlNode {
    private final String text;
    private final boolean number;
    private final boolean bool;

    YamlScalar(Location location, String path, String text, boolean number, boolean bool) {
        super(location, path);
        this.text = text;
        this.number = number;
        this.bool = bool;
    }

    public String text() {
        return text;
    }

    public boolean isNull() {
        return text == null;
    }

    public boolean isNumber() {
        return number;
    }

    public boolean isBoolean() {
        return bool;
    }

    /**
     * The number as a finite double; an error for YAML's {@code .inf}, {@code -.inf} and {@code .nan} (nothing in
     * Larmor is infinite) and for forms that are not decimal ({@code 0x1F}, {@code 0o17}, {@code 1_000}).
     */
    public double finite() {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            if (t.endsWith(".inf") || t.equals(".nan")) {
                throw error("expected a finite number, got " + text);
            }
            throw error("expected a number in decimal notation (such as 12.5 or 1.5e-3), got "
                    + InputFiles.quote(text));
        }
        if (!Double.isFinite(v)) {
            throw error("expected a finite number, got " + InputFiles.quote(text) + " (out of range)");
        }
        return v;
    }

    @Override
    public String describe() {
        if (text == null) {
            return "nothing (null)";
        }
        if (number || bool) {
            return text.length() <= InputFiles.EXCERPT ? text : InputFiles.quote(text);
        }
        return "the text " + InputFiles.quote(text);
    }
}
