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

    @Override
    public String describe() {
        if (text == null) {
            return "nothing (null)";
        }
        if (number || bool) {
            return text;
        }
        return "the text \"" + text + "\"";
    }
}
