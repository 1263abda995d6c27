package org.larmor.scan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Plain values (maps, lists, strings, numbers, booleans) as sequence-file YAML: top-level keys in block style, the
 * nested maps {@code acquisition}-style in flow style on one line, {@code value_sources} and long texts as blocks.
 * Numbers are written in their plain decimal form (no exponent), strings double-quoted when YAML would read them
 * otherwise.
 */
final class YamlText {
    private YamlText() {
    }

    static String write(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("value_sources") && v instanceof Map<?, ?> m) {
                sb.append(e.getKey()).append(":\n");
                m.forEach((k, s) -> sb.append("  ").append(k).append(": ").append(quote(String.valueOf(s)))
                        .append('\n'));
            } else {
                sb.append(e.getKey()).append(": ").append(flow(v)).append('\n');
            }
        }
        return sb.toString();
    }

    static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(flow(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(flow(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return quote(String.valueOf(v));
    }

    /** A double-quoted YAML string (JSON escapes, which YAML's double-quoted style reads the same). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
