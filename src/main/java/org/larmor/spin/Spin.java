package org.larmor.spin;

/**
 * One spin, or a group of {@code count} magnetically equivalent spins that share one label, shift and couplings.
 *
 * @param label    name unique within its sub-system (e.g. "H2", "CH3")
 * @param shiftPpm chemical shift in ppm; NaN for a heteronucleus whose shift is not needed (never observed)
 * @param count    number of magnetically equivalent spins in the group (≥ 1)
 * @param nucleus  the nucleus
 */
public record Spin(String label, double shiftPpm, int count, Nucleus nucleus) {
    public Spin {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
    }

    public static Spin proton(String label, double shiftPpm) {
        return new Spin(label, shiftPpm, 1, Nucleus.H1);
    }

    public static Spin protons(String label, double shiftPpm, int count) {
        return new Spin(label, shiftPpm, count, Nucleus.H1);
    }
}
