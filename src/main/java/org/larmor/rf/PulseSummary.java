package org.larmor.rf;

import java.util.OptionalDouble;

/**
 * What {@link PulseAnalysis#analyse} finds about a pulse of a given duration and flip angle; {@link PulseReport}
 * turns it into text.
 *
 * @param shape                the waveform
 * @param durationS            pulse duration (s)
 * @param flipRad              target flip angle (rad)
 * @param adiabatic            whether the pulse was treated as an adiabatic full passage
 * @param calibration          the peak B1 for the target flip
 * @param kind                 the profile whose width is {@code bandwidthHz}
 * @param bandwidthHz          full width at half maximum of that profile at the calibrated B1 (Hz); NaN if none
 * @param adiabaticThresholdHz adiabatic threshold (Hz, γB1/2π), if adiabatic and found
 * @param adiabaticBandwidthHz inversion-profile FWHM at {@link PulseAnalysis#ADIABATIC_MARGIN} × threshold (Hz)
 * @param profile              rotations over offsets around the band, at the calibrated B1, for plots and CSV
 */
public record PulseSummary(PulseShape shape, double durationS, double flipRad, boolean adiabatic,
                           Calibration calibration, ProfileKind kind, double bandwidthHz,
                           OptionalDouble adiabaticThresholdHz, OptionalDouble adiabaticBandwidthHz,
                           Profile profile) {
    /** Bandwidth × duration (dimensionless). */
    public double timeBandwidthProduct() {
        return bandwidthHz * durationS;
    }
}
