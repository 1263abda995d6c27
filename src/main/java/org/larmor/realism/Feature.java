package org.larmor.realism;

/**
 * The per-spectrum features a synthetic cohort is compared on with a measured one (docs/realism.md). Each is
 * measured identically on every spectrum of both cohorts by {@link FeatureExtractor}.
 */
public enum Feature {
    /** Reference peak height over the noise SD (MRSinMRS, docs/metrics.md); compared as a ratio of medians. */
    SNR("snr", "SNR", "", true),
    /** FWHM of the reference singlet, Hz. */
    LINEWIDTH("linewidth_hz", "Linewidth FWHM", "Hz", false),
    /** Reference peak position minus its expected shift, Hz (positive: the peak sits at a higher ppm). */
    OFFSET("offset_hz", "Frequency offset", "Hz", false),
    /** Zero-order phase that puts the reference peak in absorption, degrees in (−180, 180]. */
    PHASE("phase_deg", "Zero-order phase", "deg", false),
    /** RMS magnitude over the residual-water window relative to the reference peak height, dB. */
    RESIDUAL_WATER("residual_water_db", "Residual water", "dB", false),
    /** RMS of the smooth part (running median) of the phased real spectrum relative to the peak height, dB. */
    BASELINE("baseline_db", "Baseline power", "dB", false);

    private final String key;
    private final String title;
    private final String unit;
    private final boolean ratio;

    Feature(String key, String title, String unit, boolean ratio) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.ratio = ratio;
    }

    /** Column and JSON name, e.g. "linewidth_hz". */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** Unit of the values ("" for SNR). */
    public String unit() {
        return unit;
    }

    /**
     * True when the effect is a ratio of medians (measured/synthetic − 1, SNR), false when it is a difference of
     * medians in the feature's unit.
     */
    public boolean ratioEffect() {
        return ratio;
    }

    /** The {@code --tolerance} key bounding this feature's effect: "snr_ratio", else the feature's key. */
    public String toleranceKey() {
        return ratio ? key + "_ratio" : key;
    }

    /** Title with its unit, for axes: "Linewidth FWHM (Hz)". */
    public String label() {
        return unit.isEmpty() ? title : title + " (" + unit + ")";
    }
}
