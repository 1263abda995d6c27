package org.larmor.rf;

/**
 * The peak B1 that makes a shape of a given duration produce a target flip angle on resonance.
 *
 * @param b1MaxHz            peak B1 as γB1/2π (Hz)
 * @param method             how it was found
 * @param onResonanceFlipRad the flip angle the pulse then produces on resonance, acos(Mz) from Mz = 1 (rad, 0 … π;
 *                           a 270° amplitude-modulated pulse shows as 90°)
 */
public record Calibration(double b1MaxHz, Method method, double onResonanceFlipRad) {
    /** How a calibration was obtained. */
    public enum Method {
        /**
         * Amplitude-modulated shape: the on-resonance rotation is about one fixed axis, so θ = 2π·B1max·T·∫a dt̂
         * exactly ({@link PulseShape#amplitudeIntegral()}).
         */
        AMPLITUDE_INTEGRAL("amplitude integral"),
        /** Phase-modulated shape: the lowest B1 at which the on-resonance Bloch simulation reaches the flip. */
        ON_RESONANCE_BLOCH("on-resonance Bloch simulation"),
        /**
         * Adiabatic full passage: {@link PulseAnalysis#ADIABATIC_MARGIN} × the adiabatic threshold, where inversion
         * no longer depends on B1.
         */
        ADIABATIC_MARGIN("adiabatic threshold x " + PulseAnalysis.ADIABATIC_MARGIN);

        private final String description;

        Method(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
