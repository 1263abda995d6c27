package org.larmor.engine;

import org.larmor.sequence.Localisation;

/**
 * What the propagator needs besides the spins and the events.
 *
 * @param hzPerPpm     f0·10⁻⁶
 * @param referencePpm receiver frequency as a chemical shift
 * @param b1Scale      factor on every pulse's B1: a shaped pulse's samples, an ideal pulse's flip
 * @param localisation spatial sampling, or null (every position alike)
 * @param relaxation   apply the clusters' T1/T2 during delays
 * @param sense        sign of the observed nucleus' γ ({@link org.larmor.spin.Nucleus#precessionSense()})
 */
record SimulationContext(double hzPerPpm, double referencePpm, double b1Scale, Localisation localisation,
                         boolean relaxation, int sense) {
    SimulationContext(double hzPerPpm, double referencePpm, double b1Scale, Localisation localisation) {
        this(hzPerPpm, referencePpm, b1Scale, localisation, false, 1);
    }

    SimulationContext(double hzPerPpm, double referencePpm, double b1Scale, Localisation localisation,
                      boolean relaxation) {
        this(hzPerPpm, referencePpm, b1Scale, localisation, relaxation, 1);
    }

    /** The same context on another spatial grid. */
    SimulationContext withLocalisation(Localisation l) {
        return new SimulationContext(hzPerPpm, referencePpm, b1Scale, l, relaxation, sense);
    }

    /**
     * Rotating-frame angular offset of a chemical shift, rad/s, with the physical sign:
     * Ω = −sense·2π·(δ − ref)·f0·10⁻⁶ (for γ &lt; 0 the spins precess the other way).
     */
    double offsetRadPerS(double ppm) {
        return -sense * 2 * Math.PI * (ppm - referencePpm) * hzPerPpm;
    }
}
