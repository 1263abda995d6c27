package org.larmor.engine;

import org.larmor.sequence.Localisation;

/**
 * What the propagator needs besides the spins and the events.
 *
 * @param hzPerPpm     f0·10⁻⁶
 * @param referencePpm receiver frequency as a chemical shift
 * @param b1Scale      factor on shaped pulses' B1
 * @param localisation spatial sampling, or null (every position alike)
 * @param relaxation   apply the clusters' T1/T2 during delays
 */
record SimulationContext(double hzPerPpm, double referencePpm, double b1Scale, Localisation localisation,
                         boolean relaxation) {
    SimulationContext(double hzPerPpm, double referencePpm, double b1Scale, Localisation localisation) {
        this(hzPerPpm, referencePpm, b1Scale, localisation, false);
    }

    /** Rotating-frame angular offset of a chemical shift, rad/s (physical sign: Ω = −2π·(δ − ref)·f0·10⁻⁶). */
    double offsetRadPerS(double ppm) {
        return -2 * Math.PI * (ppm - referencePpm) * hzPerPpm;
    }
}
