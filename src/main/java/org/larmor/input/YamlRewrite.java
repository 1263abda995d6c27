package org.larmor.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Derived YAML trees that keep every node's location: a value replaced along a path (a parameter swept over an
 * indirect dimension), or scalars rewritten (parameters substituted into an event list). Errors in the derived
 * tree still point at the line the user wrote.
 */
public final class YamlRewrite {
    private YamlRewrite() {
    }

    /** A number scalar with this text, located at {@code at}. */
    public static YamlScalar number(YamlNode at, String text) {
        return new YamlScalar(at.location(), at.path(), text, true, false);
    }

    /** A string scalar with this text, located at {@code at}. */
    public static YamlScalar string(YamlNode at, String text) {
        return new YamlScalar(at.location(), at.path(), text, false, false);
    }

    /** A boolean scalar, located at {@code at}. */
    public static YamlScalar bool(YamlNode at, boolean value) {
        return new YamlScalar(at.location(), at.path(), Boolean.toString(value), false, true);
    }

    /**
     * {@code map} with the value at a dotted {@code path} ("te2_ms", "parameters.t1_ms") replaced by {@code value};
     * maps on the way must exist.
     */
    public static YamlMap with(YamlMap map, String path, YamlNode value) {
        int dot = path.indexOf('.');
        Map<String, YamlNode> values = new LinkedHashMap<>();
        Map<String, Location> locs = new LinkedHashMap<>();
        for (String k : map.keys()) {
            values.put(k, map.raw(k));
            locs.put(k, map.keyLocation(k));
        }
        if (dot < 0) {
            values.put(path, value);
            locs.putIfAbsent(path, value.location());
        } else {
            String head = path.substring(0, dot);
            values.put(head, with(map.map(head), path.substring(dot + 1), value));
        }
        return new YamlMap(map.location(), map.path(), values, locs);
    }

    /** A copy of {@code node} in which every scalar is passed through {@code f}. */
    public static YamlNode scalars(YamlNode node, Function<YamlScalar, YamlNode> f) {
        if (node instanceof YamlMap m) {
            Map<String, YamlNode> values = new LinkedHashMap<>();
            Map<String, Location> locs = new LinkedHashMap<>();
            for (String k : m.keys()) {
                values.put(k, scalars(m.raw(k), f));
                locs.put(k, m.keyLocation(k));
            }
            return new YamlMap(m.location(), m.path(), values, locs);
        }
        if (node instanceof YamlList l) {
            List<YamlNode> items = new ArrayList<>();
            l.items().forEach(i -> items.add(scalars(i, f)));
            return new YamlList(l.location(), l.path(), items);
        }
        return f.apply((YamlScalar) node);
    }
}
