package org.larmor.spin;

/**
 * One spin, or a group of {@code count} magnetically equivalent spins that share one label, shift and couplings.
 *
 * @param label     name unique within its sub-system (e.g. "H2", "CH3")
 * @param shiftPpm  chemical shift in ppm on its nucleus' scale ({@link Nucleus#ppmConvention()}); NaN for a
 *                  heteronucleus whose shift is not needed (never observed)
 * @param count     number of magnetically equivalent spins in the group (≥ 1)
 * @param nucleus   the nucleus
 * @param sameAs    name of another sub-system whose spin of the same label is this very atom (a phosphorus shared
 *                  by two weakly coupled fragments, as in GPC), or null
 * @param titration pH dependence of the shift, or null; {@code shiftPpm} is then its value at the default pH
 */
public record Spin(String label, double shiftPpm, int count, Nucleus nucleus, String sameAs, PhTitration titration) {
    public Spin {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
    }

    public Spin(String label, double shiftPpm, int count, Nucleus nucleus) {
        this(label, shiftPpm, count, nucleus, null, null);
    }

    public static Spin proton(String label, double shiftPpm) {
        return new Spin(label, shiftPpm, 1, Nucleus.H1);
    }

    public static Spin protons(String label, double shiftPpm, int count) {
        return new Spin(label, shiftPpm, count, Nucleus.H1);
    }

    /** This spin with another shift (the titration kept). */
    public Spin withShift(double ppm) {
        return new Spin(label, ppm, count, nucleus, sameAs, titration);
    }
}
