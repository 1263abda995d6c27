package org.larmor.realism;

/**
 * One feature's two-sample comparison, measured cohort against synthetic.
 *
 * @param feature      the feature
 * @param nSynthetic   values compared (finite) in the synthetic cohort
 * @param nMeasured    in the measured cohort
 * @param unmeasuredSynthetic spectra of the synthetic cohort on which the feature could not be measured
 * @param unmeasuredMeasured  in the measured cohort
 * @param medianSynthetic median, feature unit
 * @param medianMeasured  median
 * @param sdSynthetic  sample SD
 * @param sdMeasured   sample SD
 * @param ksStatistic  Kolmogorov–Smirnov D: the largest distance between the two empirical CDFs
 * @param p            its p-value (Commons Math: exact for small cohorts, else the asymptotic distribution)
 * @param pHolm        Holm-adjusted over the features tested
 * @param effect       difference of medians (measured − synthetic, feature unit), or for SNR the ratio − 1
 * @param sdRatio      SD measured / SD synthetic
 * @param bound        the tolerated |effect|, NaN for none
 * @param verdict      "indistinguishable", "differs" or "not tested" (fewer than {@link RealismComparison#MIN_VALUES}
 *                     values in a cohort)
 * @param passes       false when the feature fails the gate (see {@link RealismTolerances})
 * @param reason       why it fails, or ""
 */
public record FeatureComparison(Feature feature, int nSynthetic, int nMeasured, int unmeasuredSynthetic,
                                int unmeasuredMeasured, double medianSynthetic, double medianMeasured,
                                double sdSynthetic, double sdMeasured, double ksStatistic, double p, double pHolm,
                                double effect, double sdRatio, double bound, String verdict, boolean passes,
                                String reason) {
    public static final String INDISTINGUISHABLE = "indistinguishable";
    public static final String DIFFERS = "differs";
    public static final String NOT_TESTED = "not tested";
}
