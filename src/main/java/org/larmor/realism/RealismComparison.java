package org.larmor.realism;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A synthetic cohort against a measured one: per feature a two-sample Kolmogorov–Smirnov test (Smirnov N. Ann Math
 * Stat 1948;19:279-281), Holm-corrected over the features (Holm S. Scand J Stat 1979;6:65-70), with effect sizes
 * in the feature's unit; and the mean ± SD spectral band of each cohort.
 *
 * @param synthetic  the synthetic cohort
 * @param measured   the measured cohort
 * @param features   one comparison per {@link Feature}
 * @param tolerances the gate
 * @param bandPpm    ppm of each band point
 * @param bandSynthetic {mean, SD} of the synthetic cohort's normalised spectra
 * @param bandMeasured  {mean, SD} of the measured cohort's
 * @param notes      what the comparison assumes (cohorts from different fields, for example)
 */
public record RealismComparison(Cohort synthetic, Cohort measured, List<FeatureComparison> features,
                                RealismTolerances tolerances, double[] bandPpm, double[][] bandSynthetic,
                                double[][] bandMeasured, List<String> notes) {
    /** Fewest values of a feature per cohort for it to be tested. */
    public static final int MIN_VALUES = 5;

    public static RealismComparison of(Cohort synthetic, Cohort measured, RealismTolerances tol, double[] bandPpm) {
        Feature[] all = Feature.values();
        double[] p = new double[all.length];
        double[][] a = new double[all.length][];
        double[][] b = new double[all.length][];
        List<Integer> tested = new ArrayList<>();
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double[] d = new double[all.length];
        for (Feature f : all) {
            int i = f.ordinal();
            a[i] = synthetic.values(f);
            b[i] = measured.values(f);
            p[i] = Double.NaN;
            d[i] = Double.NaN;
            if (a[i].length >= MIN_VALUES && b[i].length >= MIN_VALUES) {
                d[i] = ks.kolmogorovSmirnovStatistic(a[i], b[i]);
                p[i] = ks.kolmogorovSmirnovTest(a[i], b[i]);
                tested.add(i);
            }
        }
        double[] holm = holm(p, tested);
        List<FeatureComparison> out = new ArrayList<>();
        for (Feature f : all) {
            int i = f.ordinal();
            double ma = median(a[i]);
            double mb = median(b[i]);
            double sa = sd(a[i]);
            double sb = sd(b[i]);
            double effect = f.ratioEffect() ? mb / ma - 1 : mb - ma;
            double sdRatio = sb / sa;
            double bound = tol.bound(f);
            String verdict;
            boolean passes;
            String reason = "";
            if (Double.isNaN(p[i])) {
                verdict = FeatureComparison.NOT_TESTED;
                passes = false;
                reason = String.format(Locale.ROOT, "fewer than %d values in a cohort (%d synthetic, %d measured)",
                        MIN_VALUES, a[i].length, b[i].length);
            } else if (holm[i] >= tol.alpha()) {
                verdict = FeatureComparison.INDISTINGUISHABLE;
                passes = true;
            } else {
                verdict = FeatureComparison.DIFFERS;
                boolean effectOk = !Double.isNaN(bound) && Math.abs(effect) <= bound;
                boolean spreadOk = Double.isNaN(tol.sdRatio()) || Math.abs(sdRatio - 1) <= tol.sdRatio();
                passes = effectOk && spreadOk;
                if (!passes) {
                    reason = "Holm-adjusted p " + (holm[i] < 1e-16 ? "< 1e-16" : "= " + formatP(holm[i]))
                            + ", below α = " + tol.alpha();
                    if (!Double.isNaN(bound)) {
                        reason += effectOk ? String.format(Locale.ROOT, " and SD ratio %.3g beyond 1 ± %.3g",
                                sdRatio, tol.sdRatio()) : String.format(Locale.ROOT, " and |%s| = %.3g > %.3g",
                                f.ratioEffect() ? "median ratio − 1" : "Δ median", Math.abs(effect), bound);
                    }
                }
            }
            out.add(new FeatureComparison(f, a[i].length, b[i].length, synthetic.unmeasured(f),
                    measured.unmeasured(f), ma, mb, sa, sb, d[i], p[i], holm[i], effect, sdRatio, bound, verdict,
                    passes, reason));
        }
        List<String> notes = new ArrayList<>();
        double fs = synthetic.spectrometerMHz()[0];
        double fm = measured.spectrometerMHz()[0];
        if (Math.abs(fm - fs) > 0.005 * fs) {
            notes.add(String.format(Locale.ROOT, "the cohorts' spectrometer frequencies differ (synthetic %.3f MHz,"
                    + " measured %.3f MHz, %+.1f %%): compared on the ppm axis; a line of the same T2 has the same"
                    + " width in Hz, but B0 inhomogeneity broadens in proportion to the field and J-coupled patterns"
                    + " change shape", fs, fm, 100 * (fm / fs - 1)));
        }
        return new RealismComparison(synthetic, measured, out, tol, bandPpm, band(synthetic), band(measured),
                List.copyOf(notes));
    }

    /**
     * A p-value for people: three significant digits, or "&lt; 1e-16" below the resolution of the asymptotic
     * distribution (where Commons Math returns 0).
     */
    public static String formatP(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 1e-16 ? "< 1e-16" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** True when no feature fails (whether or not a gate was asked for). */
    public boolean allPass() {
        return features.stream().allMatch(FeatureComparison::passes);
    }

    public FeatureComparison get(Feature f) {
        return features.get(f.ordinal());
    }

    /**
     * Holm's step-down adjustment: sort the m p-values ascending, p̃_(j) = max_{i≤j} min(1, (m − i + 1)·p_(i)).
     * Controls the family-wise error rate at α for any dependence between the features.
     */
    static double[] holm(double[] p, List<Integer> tested) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        Integer[] order = tested.toArray(new Integer[0]);
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        int m = order.length;
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
            out[order[j]] = running;
        }
        return out;
    }

    static double median(double[] v) {
        return v.length == 0 ? Double.NaN : new Median().evaluate(v);
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** {mean, SD} per band point over the cohort's spectra. */
    static double[][] band(Cohort c) {
        int n = c.spectra().get(0).band().length;
        double[] mean = new double[n];
        double[] m2 = new double[n];
        int count = 0;
        for (SpectrumFeatures s : c.spectra()) {
            count++;
            for (int k = 0; k < n; k++) {
                double delta = s.band()[k] - mean[k];
                mean[k] += delta / count;
                m2[k] += delta * (s.band()[k] - mean[k]);
            }
        }
        double[] sd = new double[n];
        for (int k = 0; k < n; k++) {
            sd[k] = count > 1 ? Math.sqrt(m2[k] / (count - 1)) : 0;
        }
        return new double[][] {mean, sd};
    }

    /**
     * The band point where the mean spectra differ most in units of the pooled SD: {ppm, (mean_m − mean_s)/SD}.
     */
    public double[] largestBandDifference() {
        double best = 0;
        double at = Double.NaN;
        for (int k = 0; k < bandPpm.length; k++) {
            double pooled = Math.sqrt(0.5 * (bandSynthetic[1][k] * bandSynthetic[1][k]
                    + bandMeasured[1][k] * bandMeasured[1][k]));
            if (pooled > 0) {
                double z = (bandMeasured[0][k] - bandSynthetic[0][k]) / pooled;
                if (Math.abs(z) > Math.abs(best)) {
                    best = z;
                    at = bandPpm[k];
                }
            }
        }
        return new double[] {at, best};
    }
}
