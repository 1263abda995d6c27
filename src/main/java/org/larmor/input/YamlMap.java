package org.larmor.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML mapping with typed, located accessors. Every reader first declares the keys it knows
 * ({@link #allowOnly}) so that a misspelt key is an error, not a silently ignored value.
 */
public final class YamlMap extends YamlNode {
    private final Map<String, YamlNode> values;
    private final Map<String, Location> keyLocations;

    YamlMap(Location location, String path, Map<String, YamlNode> values, Map<String, Location> keyLocations) {
        super(location, path);
        this.values = new LinkedHashMap<>(values);
        this.keyLocations = new LinkedHashMap<>(keyLocations);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        YamlNode n = values.get(key);
        return n != null && !(n instanceof YamlScalar s && s.isNull());
    }

    /** Fails on the first key that is not in {@code allowed}, suggesting the closest allowed key. */
    public YamlMap allowOnly(Collection<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                String child = childPath(key);
                StringBuilder msg = new StringBuilder("unknown key");
                String near = closest(key, allowed);
                if (near != null) {
                    msg.append(" (did you mean '").append(near).append("'?)");
                }
                msg.append("; allowed here: ").append(String.join(", ", new TreeSet<>(allowed)));
                throw new InputException(keyLocations.get(key), child, msg.toString());
            }
        }
        return this;
    }

    public YamlMap allowOnly(String... allowed) {
        return allowOnly(List.of(allowed));
    }

    /** The value of a key that must be present. */
    public YamlNode require(String key) {
        YamlNode n = values.get(key);
        if (n == null || (n instanceof YamlScalar s && s.isNull())) {
            throw new InputException(location(), childPath(key), "missing required field");
        }
        return n;
    }

    /** The node under a key as written, null included (null if absent). */
    YamlNode raw(String key) {
        return values.get(key);
    }

    public Optional<YamlNode> get(String key) {
        return has(key) ? Optional.of(values.get(key)) : Optional.empty();
    }

    public String string(String key) {
        return require(key).asString();
    }

    public String string(String key, String fallback) {
        return get(key).map(YamlNode::asString).orElse(fallback);
    }

    public double number(String key, double min, double max, String unit) {
        return require(key).asDoubleIn(min, max, unit);
    }

    public double number(String key, double min, double max, String unit, double fallback) {
        return get(key).map(n -> n.asDoubleIn(min, max, unit)).orElse(fallback);
    }

    /** A value written in ms or mm, checked in those units, returned in s or m (exact; see {@link Units}). */
    public double milli(String key, double min, double max, String unit) {
        return require(key).asMilliIn(min, max, unit);
    }

    public double milli(String key, double min, double max, String unit, double fallbackSi) {
        return has(key) ? milli(key, min, max, unit) : fallbackSi;
    }

    public int integer(String key, int min, int max) {
        YamlNode n = require(key);
        int v = n.asInt();
        if (v < min || v > max) {
            throw n.error("expected a whole number from " + min + " to " + max + ", got " + v);
        }
        return v;
    }

    public int integer(String key, int min, int max, int fallback) {
        return has(key) ? integer(key, min, max) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        return get(key).map(YamlNode::asBoolean).orElse(fallback);
    }

    public YamlMap map(String key) {
        return require(key).asMap();
    }

    public YamlList list(String key) {
        return require(key).asList();
    }

    /** Location of the key itself (the line where it is written). */
    public Location keyLocation(String key) {
        return keyLocations.getOrDefault(key, location());
    }

    /** The path a child under {@code key} has. */
    public String childPath(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }

    /** Plain Java values (maps, lists, strings, numbers), e.g. to record as provenance. */
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    static Object plain(YamlNode n) {
        if (n instanceof YamlMap m) {
            return m.toPlain();
        }
        if (n instanceof YamlList l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        YamlScalar s = (YamlScalar) n;
        if (s.isNumber()) {
            double d = s.finite();
            return d == Math.rint(d) && !s.text().contains(".") ? (Object) (long) d : (Object) d;
        }
        if (s.isBoolean()) {
            return Boolean.parseBoolean(s.text());
        }
        return s.text();
    }

    @Override
    public String describe() {
        return "a map";
    }

    private static String closest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = editDistance(key.toLowerCase(), a.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
