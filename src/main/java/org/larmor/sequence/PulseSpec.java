package org.larmor.sequence;

import org.larmor.rf.PulseShape;

/**
 * A pulse as a sequence file describes it: ideal (instantaneous) or a shaped waveform with its duration, calibrated
 * peak B1 and slice-profile bandwidth. It becomes an event once its gradient axis and slice thickness are known.
 *
 * @param flipRad     nominal flip angle
 * @param phaseRad    overall phase
 * @param shape       waveform, or null for an ideal pulse
 * @param durationS   duration (0 for ideal)
 * @param b1MaxHz     peak γB1/2π (NaN for ideal)
 * @param bandwidthHz slice-profile FWHM used for slice selection (NaN for ideal)
 * @param description how it was specified, for provenance ("ideal", "file x.pta, 5.2 ms", "sinc 3 lobes, 2.6 ms")
 */
public record PulseSpec(double flipRad, double phaseRad, PulseShape shape, double durationS, double b1MaxHz,
                        double bandwidthHz, String description) {

    public static PulseSpec ideal(double flipDeg, double phaseDeg) {
        return new PulseSpec(Math.toRadians(flipDeg), Math.toRadians(phaseDeg), null, 0, Double.NaN, Double.NaN,
                "ideal");
    }

    public boolean isIdeal() {
        return shape == null;
    }

    /**
     * The event: an ideal pulse, or a shaped pulse whose gradient selects a slice of {@code thicknessM} along
     * {@code axis} (G = bandwidth / thickness), or a non-selective shaped pulse when {@code axis} is −1.
     */
    public Event event(String label, double carrierPpm, int axis, double thicknessM) {
        if (isIdeal()) {
            return new Event.Pulse(label, flipRad, phaseRad, null);
        }
        double g = axis >= 0 ? bandwidthHz / thicknessM : 0;
        return ShapedPulses.of(label, shape, durationS, b1MaxHz, phaseRad, carrierPpm, axis, g);
    }
}
