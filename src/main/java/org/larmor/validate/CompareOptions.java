package org.larmor.validate;

import org.larmor.spin.SpinLibrary;

/**
 * How {@link Comparison#of} compares two inputs.
 *
 * @param ppmLow             low end of the comparison window in ppm; NaN for the default (see docs/validation.md)
 * @param ppmHigh            high end; NaN for the default
 * @param maxOffsetPpm       largest frequency offset searched for, ppm
 * @param allowFieldMismatch compare inputs whose spectrometer frequencies differ by more than 5 %
 * @param relativeAmplitudes divide every amplitude ratio by their median, so that a global scale between two tools
 *                           (different normalisations) is not counted as a difference
 * @param spectrumMode       also measure SNR and peak positions (a synthetic against a measured spectrum); null:
 *                           automatically when each input holds a single signal
 * @param noisePpmLow        signal-free window for the noise SD (SNR), low end in ppm; NaN for the default
 * @param noisePpmHigh       high end; NaN for the default
 * @param library            spin systems whose aliases match names across tools (Ins = mI = myo-Ins); may be null
 */
public record CompareOptions(double ppmLow, double ppmHigh, double maxOffsetPpm, boolean allowFieldMismatch,
                             boolean relativeAmplitudes, Boolean spectrumMode, double noisePpmLow,
                             double noisePpmHigh, SpinLibrary library) {
    /** Largest relative difference of spectrometer frequencies compared without {@code allowFieldMismatch}. */
    public static final double FIELD_TOLERANCE = 0.05;
    /** Default comparison window for ¹H spectrum-mode comparisons: the metabolite region, without water. */
    public static final double[] SPECTRUM_WINDOW_1H = {0.2, 4.2};
    /** Default noise window for ¹H spectra, ppm: upfield of every metabolite. */
    public static final double[] NOISE_WINDOW_1H = {-3.0, -1.0};

    public CompareOptions {
        if (Double.isNaN(ppmLow) != Double.isNaN(ppmHigh) || (!Double.isNaN(ppmLow) && !(ppmLow < ppmHigh))) {
            throw new IllegalArgumentException("comparison window: give LOW < HIGH, or neither");
        }
        if (!(maxOffsetPpm > 0)) {
            throw new IllegalArgumentException("the largest offset searched must be positive");
        }
    }

    /** Whole common range, offsets up to ±0.5 ppm, same field required, absolute amplitudes, automatic mode. */
    public static CompareOptions defaults() {
        return new CompareOptions(Double.NaN, Double.NaN, 0.5, false, false, null, Double.NaN, Double.NaN, null);
    }

    public CompareOptions withWindow(double low, double high) {
        return new CompareOptions(low, high, maxOffsetPpm, allowFieldMismatch, relativeAmplitudes, spectrumMode,
                noisePpmLow, noisePpmHigh, library);
    }

    public CompareOptions withMaxOffset(double ppm) {
        return new CompareOptions(ppmLow, ppmHigh, ppm, allowFieldMismatch, relativeAmplitudes, spectrumMode,
                noisePpmLow, noisePpmHigh, library);
    }

    public CompareOptions withFieldMismatchAllowed(boolean allow) {
        return new CompareOptions(ppmLow, ppmHigh, maxOffsetPpm, allow, relativeAmplitudes, spectrumMode,
                noisePpmLow, noisePpmHigh, library);
    }

    public CompareOptions withRelativeAmplitudes(boolean relative) {
        return new CompareOptions(ppmLow, ppmHigh, maxOffsetPpm, allowFieldMismatch, relative, spectrumMode,
                noisePpmLow, noisePpmHigh, library);
    }

    public CompareOptions withSpectrumMode(Boolean mode) {
        return new CompareOptions(ppmLow, ppmHigh, maxOffsetPpm, allowFieldMismatch, relativeAmplitudes, mode,
                noisePpmLow, noisePpmHigh, library);
    }

    public CompareOptions withNoiseWindow(double low, double high) {
        return new CompareOptions(ppmLow, ppmHigh, maxOffsetPpm, allowFieldMismatch, relativeAmplitudes,
                spectrumMode, Math.min(low, high), Math.max(low, high), library);
    }

    public CompareOptions withLibrary(SpinLibrary lib) {
        return new CompareOptions(ppmLow, ppmHigh, maxOffsetPpm, allowFieldMismatch, relativeAmplitudes,
                spectrumMode, noisePpmLow, noisePpmHigh, lib);
    }
}
