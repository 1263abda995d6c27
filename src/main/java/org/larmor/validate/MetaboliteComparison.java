package org.larmor.validate;

/**
 * One metabolite (or spectrum) of A compared with its match in B, on the common ppm grid. Fields are NaN where a
 * measure does not apply (both spectra empty) or cannot be made (a linewidth of a line that never falls to half
 * height in the window).
 *
 * @param condition             condition compared ("main", "ON", …)
 * @param nameA                 name in A
 * @param nameB                 name in B
 * @param offsetPpm             frequency offset of B relative to A, ppm (B's lines sit this much higher)
 * @param offsetHz              the same in Hz at A's spectrometer frequency
 * @param peakPpmA              position of A's tallest line in the window
 * @param peakPpmB              position of B's matching line
 * @param fwhmAHz               FWHM of A's tallest line, Hz
 * @param fwhmBHz               FWHM of B's matching line, Hz (at B's field)
 * @param amplitudeRatio        least-squares scale of aligned B on A
 * @param ratioChecked          the ratio the tolerance applies to: amplitudeRatio, or amplitudeRatio / median of
 *                              all ratios when amplitudes are relative
 * @param correlation           Pearson's r of the aligned real parts
 * @param residual              normalised residual after alignment and scaling
 * @param phaseDeg              zero-order phase of B relative to A, degrees
 * @param bothEmpty             neither has signal (e.g. a singlet in a MEGA difference spectrum)
 * @param signalOnlyIn          "A" or "B" if only one of them has signal, else null
 * @param spectrum              SNR and peaks (spectrum mode), else null
 */
public record MetaboliteComparison(String condition, String nameA, String nameB, double offsetPpm, double offsetHz,
                                   double peakPpmA, double peakPpmB, double fwhmAHz, double fwhmBHz,
                                   double amplitudeRatio, double ratioChecked, double correlation, double residual,
                                   double phaseDeg, boolean bothEmpty, String signalOnlyIn,
                                   SpectrumChecks spectrum) {
    /** FWHM(B) − FWHM(A) in Hz. */
    public double linewidthDifferenceHz() {
        return fwhmBHz - fwhmAHz;
    }

    MetaboliteComparison withRatioChecked(double r) {
        return new MetaboliteComparison(condition, nameA, nameB, offsetPpm, offsetHz, peakPpmA, peakPpmB, fwhmAHz,
                fwhmBHz, amplitudeRatio, r, correlation, residual, phaseDeg, bothEmpty, signalOnlyIn, spectrum);
    }
}
