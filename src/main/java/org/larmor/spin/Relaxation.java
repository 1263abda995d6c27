package org.larmor.spin;

/**
 * Relaxation times of a metabolite, applied only when a simulation asks for them (basis sets are usually made
 * without, so that fitting tools model relaxation themselves).
 *
 * @param t1S    longitudinal relaxation time, s (NaN: none)
 * @param t2S    transverse relaxation time, s (NaN: none)
 * @param fieldT field at which they were measured, T (relaxation depends on B0)
 * @param source citation
 */
public record Relaxation(double t1S, double t2S, double fieldT, String source) {
}
