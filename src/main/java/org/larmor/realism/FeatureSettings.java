package org.larmor.realism;

import org.larmor.validate.PpmWindow;

/**
 * How {@link FeatureExtractor} measures a spectrum; one instance measures both cohorts, so that every feature is
 * computed identically for both (docs/realism.md gives each definition).
 *
 * @param reference        the singlet of SNR, linewidth, offset and phase
 * @param noise            signal-free window of the noise SD, ppm
 * @param water            residual-water window, ppm
 * @param baseline         range over which the baseline power is taken, ppm
 * @param medianWidthPpm   full width of the running median that extracts the smooth part, ppm
 * @param peakThreshold    k: the reference peak is "there" only when its magnitude maximum lies inside its window
 *                         (not at an edge) and exceeds k × noise SD
 * @param band             range of the mean ± SD spectral band, ppm
 * @param bandStepPpm      step of the band's ppm grid
 * @param magnitudeBand    true for the band of |S|/h, false for Re(S·e^{−iφ})/h
 * @param alignBand        true to shift each spectrum of the band so that its reference peak sits at the expected
 *                         shift (the offsets are a feature of their own), false to draw them as they are
 */
public record FeatureSettings(ReferencePeak reference, PpmWindow noise, PpmWindow water, PpmWindow baseline,
                              double medianWidthPpm, double peakThreshold, PpmWindow band, double bandStepPpm,
                              boolean magnitudeBand, boolean alignBand) {
    /** Default noise window for ¹H, ppm: upfield of every metabolite (as {@code larmor compare}). */
    public static final PpmWindow NOISE_1H = new PpmWindow(org.larmor.validate.CompareOptions.NOISE_WINDOW_1H[0],
            org.larmor.validate.CompareOptions.NOISE_WINDOW_1H[1]);
    public static final PpmWindow WATER_1H = new PpmWindow(4.4, 5.0);
    public static final PpmWindow BASELINE_1H = new PpmWindow(0.2, 4.2);
    public static final PpmWindow BAND_1H = new PpmWindow(0.2, 4.2);
    public static final double MEDIAN_WIDTH_PPM = 0.6;
    public static final double PEAK_THRESHOLD = 5;
    public static final double BAND_STEP_PPM = 0.005;

    /** The defaults for ¹H around {@code reference}. */
    public static FeatureSettings defaults1H(ReferencePeak reference) {
        return new FeatureSettings(reference, NOISE_1H, WATER_1H, BASELINE_1H, MEDIAN_WIDTH_PPM, PEAK_THRESHOLD,
                BAND_1H, BAND_STEP_PPM, false, true);
    }

    public FeatureSettings withNoise(PpmWindow w) {
        return new FeatureSettings(reference, w, water, baseline, medianWidthPpm, peakThreshold, band, bandStepPpm,
                magnitudeBand, alignBand);
    }

    public FeatureSettings withBand(PpmWindow w, boolean magnitude) {
        return new FeatureSettings(reference, noise, water, baseline, medianWidthPpm, peakThreshold, w, bandStepPpm,
                magnitude, alignBand);
    }

    public FeatureSettings withBandAligned(boolean align) {
        return new FeatureSettings(reference, noise, water, baseline, medianWidthPpm, peakThreshold, band,
                bandStepPpm, magnitudeBand, align);
    }

    public FeatureSettings withWater(PpmWindow w) {
        return new FeatureSettings(reference, noise, w, baseline, medianWidthPpm, peakThreshold, band, bandStepPpm,
                magnitudeBand, alignBand);
    }

    public FeatureSettings withBaseline(PpmWindow w) {
        return new FeatureSettings(reference, noise, water, w, medianWidthPpm, peakThreshold, band, bandStepPpm,
                magnitudeBand, alignBand);
    }

    public FeatureSettings withPeakThreshold(double k) {
        return new FeatureSettings(reference, noise, water, baseline, medianWidthPpm, k, band, bandStepPpm,
                magnitudeBand, alignBand);
    }

    /** Number of points of the band's ppm grid. */
    public int bandPoints() {
        return (int) Math.floor((band.high() - band.low()) / bandStepPpm + 1e-9) + 1;
    }
}
