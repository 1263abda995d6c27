package org.larmor.rf;

/**
 * Magnetisation of one isochromat in the rotating frame, relative to its equilibrium value (|M| = 1 for a pure
 * state). Equilibrium is {@link #EQUILIBRIUM} = (0, 0, 1).
 *
 * @param x Mx
 * @param y My
 * @param z Mz
 */
public record Magnetisation(double x, double y, double z) {
    public static final Magnetisation EQUILIBRIUM = new Magnetisation(0, 0, 1);

    /** |Mxy| = √(Mx² + My²). */
    public double transverse() {
        return Math.hypot(x, y);
    }

    public double length() {
        return Math.sqrt(x * x + y * y + z * z);
    }
}
