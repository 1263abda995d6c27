package org.larmor.input;

import java.util.List;

/** A YAML sequence. */
public final class YamlList extends YamlNode {
    private final List<YamlNode> items;

    YamlList(Location location, String path, List<YamlNode> items) {
        super(location, path);
        this.items = List.copyOf(items);
    }

    public List<YamlNode> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int i) {
        return items.get(i);
    }

    /** This list as numbers, each checked to lie in [min, max]. */
    public double[] asDoubles(double min, double max, String unit) {
        double[] v = new double[items.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = items.get(i).asDoubleIn(min, max, unit);
        }
        return v;
    }

    /** Requires exactly {@code n} entries. */
    public YamlList requireSize(int n) {
        if (items.size() != n) {
            throw error("expected a list of " + n + " values, got " + items.size());
        }
        return this;
    }

    @Override
    public String describe() {
        return "a list of " + items.size();
    }
}
