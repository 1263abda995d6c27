package org.larmor.realism;

/**
 * The features of one spectrum (docs/realism.md), NaN where a feature could not be measured (a linewidth whose
 * line does not fall to half height inside the search range), and its band trace; or the reason the spectrum was
 * refused (its reference peak is not there, so nothing is measured on it).
 *
 * @param source     file (and, for a multi-spectrum input, which spectrum)
 * @param values     one value per {@link Feature}, in the enum's order; null when refused
 * @param peakHeight h: the reference peak's height in the phased real spectrum (spectrum units)
 * @param noiseSd    σ: noise SD of the phased real spectrum in the noise window (spectrum units)
 * @param band       the normalised spectrum on the band's ppm grid; null when refused
 * @param refusal    why the reference peak was judged absent, or null
 */
public record SpectrumFeatures(String source, double[] values, double peakHeight, double noiseSd, double[] band,
                               String refusal) {
    static SpectrumFeatures refused(String source, double noiseSd, String reason) {
        return new SpectrumFeatures(source, null, Double.NaN, noiseSd, null, reason);
    }

    public boolean isRefused() {
        return refusal != null;
    }

    public double value(Feature f) {
        return values == null ? Double.NaN : values[f.ordinal()];
    }
}
