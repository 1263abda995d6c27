package org.larmor.plot;

/** How several series share a plot. */
public enum Layout {
    /** All on one baseline, in different colours, with a legend. */
    OVERLAID,
    /** Each on its own baseline, one above the other (the first on top), labelled at the left edge. */
    STACKED;

    /** "overlaid" or "stacked" (case-insensitive; also "overlay", "stack"). */
    public static Layout parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "overlaid", "overlay" -> OVERLAID;
            case "stacked", "stack" -> STACKED;
            default -> throw new IllegalArgumentException("unknown layout \"" + s + "\": expected stacked or overlaid");
        };
    }
}
