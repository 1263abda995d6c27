package org.larmor.synth;

/**
 * One parametrised broad component (a macromolecule or lipid resonance): a Gaussian line.
 *
 * @param name      label in the truth table, e.g. "M0.90"
 * @param ppm       centre, in ppm
 * @param fwhmPpm   Gaussian full width at half maximum, in ppm (so that it scales with the field)
 * @param amplitude relative FID amplitude at t = 0 (area), in protons per unit of the set's scale
 */
public record Peak(String name, double ppm, double fwhmPpm, double amplitude) {
    public Peak {
        if (!(fwhmPpm > 0) || !(amplitude >= 0) || !Double.isFinite(ppm)) {
            throw new IllegalArgumentException("peak " + name + ": width must be positive, amplitude non-negative");
        }
    }
}
