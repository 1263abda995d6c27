package org.larmor.spin;

/**
 * A scalar coupling J between two spins (or equivalent groups) of one sub-system, in Hz.
 * A coupling to a group applies to each of its members.
 */
public record Coupling(String a, String b, double jHz) {
    /** True if this coupling joins the two labels, in either order. */
    public boolean joins(String x, String y) {
        return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
    }
}
