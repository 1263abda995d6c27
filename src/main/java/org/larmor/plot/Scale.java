package org.larmor.plot;

/** How the traces of a stacked plot are scaled. */
public enum Scale {
    /**
     * Each trace scaled to the height of the tallest, so a multiplet is as readable as a singlet; the label says by
     * how much a trace was magnified ("GABA ×12"). The default for stacked plots.
     */
    PER_TRACE,
    /** One scale for all traces: heights compare directly (a small multiplet may look flat). */
    SHARED;

    /** "per-trace" or "shared" (case-insensitive; also "per_trace", "pertrace", "each", "common"). */
    public static Scale parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "per-trace", "pertrace", "each" -> PER_TRACE;
            case "shared", "common" -> SHARED;
            default -> throw new IllegalArgumentException("unknown scale \"" + s + "\": expected per-trace or shared");
        };
    }
}
