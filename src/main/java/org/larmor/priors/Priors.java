package org.larmor.priors;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.larmor.input.InputException;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.synth.ConcentrationCopula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scenario distributions from a cohort of fits: the concentrations as a Gaussian copula (each metabolite's marginal
 * fitted to its values, the correlation of their van der Waerden normal scores), and the linewidth, SNR, frequency
 * shift and zero-order phase, each with a {@code source} that says which files, how many subjects and which
 * statistic. Every conversion from a tool's quantity to the synthesiser's is stated there; nothing is guessed (the
 * concentration unit, the field for a ppm linewidth). See docs/synthesiser.md, "Priors from fits".
 */
public final class Priors {
    /** Sums of metabolites as tools name them, by comparison key, and their parts. */
    static final Map<String, List<String>> SUMS = Map.of(
            "tnaa", List.of("NAA", "NAAG"), "tcr", List.of("Cr", "PCr"), "tcho", List.of("GPC", "PCh"),
            "glx", List.of("Glu", "Gln"), "tch", List.of("GPC", "PCh"));
    /** Smallest eigenvalue kept when a sample correlation matrix is projected to a positive definite one. */
    static final double EIGEN_FLOOR = 1e-4;

    /**
     * How to turn the fits into distributions.
     *
     * @param units           "mM" when the fits' concentrations are already in mM, or null
     * @param referenceName   metabolite (or sum: tCr, Cr+PCr) whose mean is set to {@code referenceMm}, or null
     * @param referenceMm     its concentration (mM)
     * @param perSubject      scale each subject so that its reference is {@code referenceMm} (else one factor for
     *                        the cohort, which keeps the reference's spread)
     * @param map             tool name → Larmor metabolite (e.g. tCr → Cr), for sums the user accepts as one
     * @param marginal        "normal", "log_normal" or "empirical"
     * @param spectrometerMHz the field, for linewidths and shifts in ppm, when the files do not record it (NaN)
     * @param snrFactor       factor from the tool's SNR to the synthesiser's, NaN for the tool's default
     * @param library         metabolite names and aliases
     */
    public record Options(String units, String referenceName, double referenceMm, boolean perSubject,
                          Map<String, String> map, String marginal, double spectrometerMHz, double snrFactor,
                          SpinLibrary library) {
    }

    /**
     * One fitted distribution, ready to write.
     *
     * @param yaml   the distribution as ordered YAML keys and values (dist, mean, sd, …)
     * @param source what it was fitted to and how
     */
    public record Fitted(Map<String, Object> yaml, String source) {
    }

    /**
     * The result.
     *
     * @param metabolites     per Larmor metabolite in the copula, its marginal
     * @param correlation     the normal scores' correlation, rows in {@code metabolites} order
     * @param copulaSource    how the copula was made
     * @param fixed           metabolites outside the copula: those with no spread in the cohort (a fixed value), or
     *                        the only metabolite with a spread (a copula needs two), with their sources
     * @param linewidthHz     lineshape.linewidth_hz, or null
     * @param snr             noise.snr, or null
     * @param shiftHz         lineshape.shift_hz, or null
     * @param zeroOrderDeg    phase.zero_order_deg, or null
     * @param leftOut         what was not used and why (one line each)
     * @param files           every file read
     * @param subjects        number of subjects
     * @param projected       whether the correlation matrix was projected to a positive definite one
     */
    public record Result(Map<String, Fitted> metabolites, double[][] correlation, String copulaSource,
                         Map<String, Fitted> fixed, Fitted linewidthHz, Fitted snr, Fitted shiftHz,
                         Fitted zeroOrderDeg, List<String> leftOut, List<String> files, int subjects,
                         boolean projected) {
    }

    private Priors() {
    }

    /** Fits the distributions. */
    public static Result fit(List<FitResult> fits, Options o) {
        if (fits.size() < 3) {
            throw InputException.of("larmor priors", "need at least 3 subjects to fit distributions, got "
                    + fits.size());
        }
        if (o.units() == null && o.referenceName() == null) {
            throw InputException.of("larmor priors", "state the unit of the fitted concentrations: --units mM"
                    + " (they are already in mM, e.g. water-scaled and corrected for relaxation and tissue), or"
                    + " --reference tCr=8.0 (scale so that the cohort's mean tCr is 8 mM; LCModel's unscaled"
                    + " concentrations and Osprey's and FSL-MRS's raw or ratio values are not in mM)");
        }
        if (o.units() != null && o.referenceName() != null) {
            throw InputException.of("larmor priors", "give either --units or --reference, not both");
        }
        if (o.units() != null && !o.units().equals("mM")) {
            throw InputException.of("larmor priors", "--units: expected mM (the synthesiser's unit), got \""
                    + o.units() + "\"; for other units use --reference");
        }
        List<String> files = new ArrayList<>(new LinkedHashSet<>(fits.stream().map(FitResult::file).toList()));
        Set<FitResult.Format> formats = new LinkedHashSet<>(fits.stream().map(FitResult::format).toList());
        String formatText = String.join(" + ", formats.stream().map(FitResult.Format::label).toList());
        String cohort = fits.size() + " subjects (" + files.size() + " " + formatText + " file"
                + (files.size() == 1 ? "" : "s") + ": " + summary(files) + ")";
        List<String> leftOut = new ArrayList<>();

        // Column names → Larmor metabolites.
        Map<String, String> target = new LinkedHashMap<>();
        Map<String, String> byTarget = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FitResult f : fits) {
            seen.addAll(f.concentrations().keySet());
        }
        Map<String, String> mapKeys = new LinkedHashMap<>();
        if (o.map() != null) {
            for (Map.Entry<String, String> e : o.map().entrySet()) {
                mapKeys.put(key(e.getKey()), e.getValue());
            }
        }
        for (String name : seen) {
            String mapped = mapKeys.get(key(name));
            String t;
            if (mapped != null) {
                Optional<SpinSystem> s = o.library().find(mapped);
                if (s.isEmpty()) {
                    throw InputException.of("--map", "\"" + mapped + "\" (for " + name + ") is not a Larmor"
                            + " metabolite");
                }
                t = s.get().name();
            } else if (isSum(name)) {
                leftOut.add(name + ": a sum of metabolites, not one metabolite (" + stats(values(fits, name))
                        + "); --map " + name + "=<metabolite> to use it as one");
                continue;
            } else {
                Optional<SpinSystem> s = o.library().find(name);
                if (s.isEmpty()) {
                    leftOut.add(name + ": not a Larmor metabolite (a macromolecule, lipid or unknown name; "
                            + stats(values(fits, name)) + ")");
                    continue;
                }
                t = s.get().name();
            }
            String other = byTarget.put(t, name);
            if (other != null) {
                throw InputException.of("larmor priors", "columns \"" + other + "\" and \"" + name + "\" are both "
                        + t + ": --map one of them, or leave one out of the fits");
            }
            target.put(name, t);
        }
        if (target.isEmpty()) {
            throw InputException.of("larmor priors", "no fitted metabolite is a Larmor metabolite; left out: "
                    + leftOut);
        }

        // Units.
        double[] scale = new double[fits.size()];
        Arrays.fill(scale, 1);
        String unitText;
        if (o.units() != null) {
            unitText = "concentrations taken as mM as written (--units mM)";
        } else {
            double[] ref = new double[fits.size()];
            for (int s = 0; s < fits.size(); s++) {
                ref[s] = reference(fits.get(s), o.referenceName());
                if (!(ref[s] > 0)) {
                    throw InputException.of(fits.get(s).file(), "no positive " + o.referenceName() + " for --reference"
                            + " in subject " + fits.get(s).subject() + " (got " + ref[s] + ")");
                }
            }
            if (o.perSubject()) {
                for (int s = 0; s < fits.size(); s++) {
                    scale[s] = o.referenceMm() / ref[s];
                }
                unitText = "each subject scaled so that its " + o.referenceName() + " is " + num(o.referenceMm())
                        + " mM (--reference " + o.referenceName() + "=" + num(o.referenceMm()) + " --per-subject: ratios"
                        + " to " + o.referenceName() + ", whose own spread is removed)";
            } else {
                double mean = Arrays.stream(ref).average().orElseThrow();
                Arrays.fill(scale, o.referenceMm() / mean);
                unitText = "all subjects scaled by one factor " + num(round(o.referenceMm() / mean)) + " so that the cohort's"
                        + " mean " + o.referenceName() + " is " + num(o.referenceMm()) + " mM (--reference "
                        + o.referenceName() + "=" + num(o.referenceMm()) + ")";
            }
        }

        // Marginals.
        Map<String, Fitted> marginals = new LinkedHashMap<>();
        Map<String, Fitted> fixed = new LinkedHashMap<>();
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : target.entrySet()) {
            double[] v = new double[fits.size()];
            int n = 0;
            for (int s = 0; s < fits.size(); s++) {
                Double x = fits.get(s).concentrations().get(e.getKey());
                v[s] = x == null ? Double.NaN : x * scale[s];
                if (!Double.isNaN(v[s])) {
                    n++;
                }
            }
            double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
            String from = e.getValue() + " from column '" + e.getKey() + "' of " + n + " subjects, " + unitText;
            if (n < 3) {
                leftOut.add(e.getKey() + ": fitted in " + n + " subject" + (n == 1 ? "" : "s") + " only");
                continue;
            }
            if (Arrays.stream(present).min().orElseThrow() < 0) {
                throw InputException.of(fits.get(0).file(), e.getKey() + ": a negative concentration in the fits"
                        + " (" + Arrays.stream(present).min().orElseThrow() + "); a concentration distribution must"
                        + " be ≥ 0");
            }
            double[] ms = meanSd(present);
            if (ms[1] == 0) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("dist", "fixed");
                y.put("value", round(ms[0]));
                fixed.put(e.getValue(), new Fitted(y, from + ": the same value in every subject (no spread: outside"
                        + " the copula)"));
                continue;
            }
            marginals.put(e.getValue(), marginal(present, 0, 120_000, o.marginal(), from, e.getValue()));
            columns.put(e.getValue(), v);
        }

        // Correlation of the normal scores over the complete subjects.
        double[][] r = null;
        String copulaSource = null;
        boolean projected = false;
        if (marginals.size() >= 2) {
            List<double[]> complete = new ArrayList<>();
            for (int s = 0; s < fits.size(); s++) {
                double[] row = new double[columns.size()];
                int k = 0;
                boolean ok = true;
                for (double[] c : columns.values()) {
                    row[k++] = c[s];
                    ok &= !Double.isNaN(c[s]);
                }
                if (ok) {
                    complete.add(row);
                }
            }
            int n = complete.size();
            if (n < 3) {
                throw InputException.of("larmor priors", "only " + n + " subjects have every metabolite of the"
                        + " copula: too few for a correlation");
            }
            int p = columns.size();
            double[][] scores = new double[n][p];
            NaturalRanking ranking = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
            for (int j = 0; j < p; j++) {
                double[] x = new double[n];
                for (int s = 0; s < n; s++) {
                    x[s] = complete.get(s)[j];
                }
                double[] rk = ranking.rank(x);
                for (int s = 0; s < n; s++) {
                    scores[s][j] = inversePhi(rk[s] / (n + 1));
                }
            }
            r = new PearsonsCorrelation(scores).getCorrelationMatrix().getData();
            for (int i = 0; i < p; i++) {
                r[i][i] = 1;
                for (int j = 0; j < i; j++) {
                    double v = Double.isNaN(r[i][j]) ? 0 : r[i][j];
                    r[i][j] = v;
                    r[j][i] = v;
                }
            }
            String stat = "Pearson correlation of the van der Waerden normal scores Φ⁻¹(rank/(n+1)) of " + n
                    + " subjects with every metabolite of the copula";
            r = rounded(r);
            if (!positiveDefinite(r)) {
                r = rounded(nearestPositiveDefinite(r));
                projected = true;
                stat += "; the sample matrix was not positive definite (" + n + " subjects for " + p
                        + " metabolites, or metabolites that move together) and was PROJECTED to the nearest"
                        + " positive definite correlation matrix (eigenvalues below " + EIGEN_FLOOR + " raised to it,"
                        + " unit diagonal restored; Higham NJ. IMA J Numer Anal 2002;22:329-343)";
                if (!positiveDefinite(r)) {
                    throw new IllegalStateException("projection did not give a positive definite matrix");
                }
            }
            copulaSource = "Gaussian copula fitted to " + cohort + "; " + unitText + "; marginals: "
                    + marginalText(o.marginal()) + "; correlation: " + stat;
        } else if (marginals.size() == 1) {
            // One metabolite with a spread: written as a plain entry.
            Map.Entry<String, Fitted> only = marginals.entrySet().iterator().next();
            fixed.put(only.getKey(), only.getValue());
            marginals.clear();
        }

        // Linewidth, SNR, shift, phase.
        double[] lw = new double[fits.size()];
        double[] snr = new double[fits.size()];
        double[] shift = new double[fits.size()];
        double[] ph0 = new double[fits.size()];
        Set<String> lwHow = new TreeSet<>();
        Set<String> snrHow = new TreeSet<>();
        Set<String> shiftHow = new TreeSet<>();
        for (int s = 0; s < fits.size(); s++) {
            FitResult f = fits.get(s);
            double mhz = !Double.isNaN(f.spectrometerMHz()) ? f.spectrometerMHz() : o.spectrometerMHz();
            String mhzText = !Double.isNaN(f.spectrometerMHz()) ? "the file's HZPPPM" : "--spectrometer-mhz "
                    + num(o.spectrometerMHz());
            lw[s] = Double.NaN;
            if (!Double.isNaN(f.fwhmHz())) {
                lw[s] = f.fwhmHz();
                lwHow.add(f.format() == FitResult.Format.SUBJECT_TABLE ? "Osprey QM FWHM of the reference peak, in Hz"
                        + " (every value above 1 Hz, or --qm-fwhm-unit hz: Osprey versions write Hz or ppm)"
                        : f.format().label() + " FWHM of the reference metabolite (Hz)");
            } else if (!Double.isNaN(f.fwhmPpm())) {
                boolean lcm = f.format() != FitResult.Format.SUBJECT_TABLE;
                if (Double.isNaN(mhz)) {
                    throw InputException.of(f.file(), (lcm ? "LCModel's FWHM is in ppm and the file does not record"
                            + " the field (HZPPPM)" : "Osprey's QM FWHM is in ppm") + ": give --spectrometer-mhz (e.g."
                            + " 123.25 at 2.89 T)");
                }
                lw[s] = f.fwhmPpm() * mhz;
                lwHow.add((lcm ? "LCModel FWHM (ppm; its estimate of the in-vivo linewidth)"
                        : "Osprey QM FWHM of the reference peak (ppm)") + " × " + mhzText + " MHz");
            }
            double factor = Double.isNaN(o.snrFactor()) ? f.format().snrFactor() : o.snrFactor();
            snr[s] = f.snr() * factor;
            if (!Double.isNaN(f.snr())) {
                snrHow.add(f.format().snrDefinition() + ", × " + num(factor) + (Double.isNaN(o.snrFactor())
                        ? " (the default for " + f.format().label() + "; --snr-factor to change)"
                        : " (--snr-factor)") + " to stand for the synthesiser's MRSinMRS SNR (reference singlet"
                        + " height over the noise SD): an approximation, the definitions differ");
            }
            shift[s] = Double.NaN;
            if (!Double.isNaN(f.dataShiftPpm())) {
                if (Double.isNaN(mhz)) {
                    throw InputException.of(f.file(), "LCModel's Data shift is in ppm and the file does not record"
                            + " the field (HZPPPM): give --spectrometer-mhz");
                }
                shift[s] = -f.dataShiftPpm() * mhz;
                shiftHow.add("minus LCModel's Data shift, taken as the shift LCModel applied to align the data with"
                        + " the basis so that the data's own offset is the opposite (a sign assumed from the manual's"
                        + " description, not checked against an LCModel run) × " + mhzText + " MHz");
            }
            ph0[s] = -f.phase0Deg();
        }
        Fitted lwFit = misc(lw, 0.1, 200, o.marginal(), "lineshape.linewidth_hz", lwHow, cohort, leftOut);
        Fitted snrFit = misc(snr, 0.01, 1e7, o.marginal(), "noise.snr", snrHow, cohort, leftOut);
        Fitted shiftFit = misc(shift, -1000, 1000, o.marginal(), "lineshape.shift_hz", shiftHow, cohort, leftOut);
        Fitted phFit = misc(ph0, -360, 360, o.marginal(), "phase.zero_order_deg", Set.of("minus LCModel's"
                + " zero-order phase correction (Ph, deg), taken as the phase the data had (a sign assumed from the"
                + " manual's description, not checked against an LCModel run)"), cohort, leftOut);
        if (fits.stream().anyMatch(f -> !Double.isNaN(f.phase1DegPerPpm()))) {
            leftOut.add("LCModel's first-order phase (deg/ppm): its pivot is not established here, so no"
                    + " phase.first_order_deg_per_ppm is written");
        }
        if (formats.contains(FitResult.Format.FSL_MRS)) {
            leftOut.add("FSL-MRS all_parameters.csv (eps, Phi0, Phi1): their sign conventions are not established"
                    + " against Larmor's, so no shift or phase is taken from FSL-MRS");
        }
        if (formats.contains(FitResult.Format.SUBJECT_TABLE)) {
            leftOut.add("Osprey QM freqShift: a referencing shift in Hz whose sign is not established here, so no"
                    + " shift is taken from it");
        }
        return new Result(marginals, r, copulaSource, fixed, lwFit, snrFit, shiftFit, phFit, leftOut, files,
                fits.size(), projected);
    }

    // ------------------------------------------------------------------------------------------------- fitting

    private static Fitted misc(double[] values, double lo, double hi, String kind, String field, Set<String> how,
                               String cohort, List<String> leftOut) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return null;
        }
        if (v.length < 3) {
            leftOut.add(field + ": reported by " + v.length + " subject(s) only");
            return null;
        }
        for (double x : v) {
            if (x < lo || x > hi) {
                leftOut.add(field + ": a subject's value " + num(x) + " lies outside the synthesiser's range ["
                        + num(lo) + ", " + num(hi) + "]; not written");
                return null;
            }
        }
        String from = field + " from " + v.length + " of " + cohort + ": " + String.join("; ", how);
        double[] ms = meanSd(v);
        if (ms[1] == 0) {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("dist", "fixed");
            y.put("value", round(ms[0]));
            return new Fitted(y, from + "; the same in every subject");
        }
        return marginal(v, lo, hi, kind, from, field);
    }

    /** A marginal of the chosen kind fitted to {@code v}, whose values must lie in [lo, hi]. */
    static Fitted marginal(double[] v, double lo, double hi, String kind, String from, String what) {
        Map<String, Object> y = new LinkedHashMap<>();
        switch (kind) {
            case "normal" -> {
                double[] ms = meanSd(v);
                double mean = round(ms[0]);
                double sd = round(ms[1]);
                if (mean - 6 * sd >= lo && mean + 6 * sd <= hi) {
                    y.put("dist", "normal");
                    y.put("mean", mean);
                    y.put("sd", sd);
                    return new Fitted(y, from + "; normal fitted by moments (mean, sample SD)");
                }
                double min = round(Math.max(lo, mean - 6 * sd));
                double max = round(Math.min(hi, mean + 6 * sd));
                y.put("dist", "truncated_normal");
                y.put("mean", mean);
                y.put("sd", sd);
                y.put("min", min);
                y.put("max", max);
                return new Fitted(y, from + "; normal fitted by moments (mean, sample SD), truncated to [" + num(min)
                        + ", " + num(max) + "] because mean ± 6 SD reaches outside the allowed range [" + num(lo)
                        + ", " + num(hi) + "] (the truncated distribution's moments differ slightly from these)");
            }
            case "log_normal" -> {
                double[] ln = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    if (!(v[k] > 0)) {
                        throw InputException.of("--marginals log_normal", what + " has a value " + num(v[k])
                                + " ≤ 0, which a log-normal cannot have: use --marginals normal or empirical");
                    }
                    ln[k] = Math.log(v[k]);
                }
                double[] ms = meanSd(ln);
                double median = round(Math.exp(ms[0]));
                double sigma = round(ms[1]);
                if (median * Math.exp(-6 * sigma) < lo || median * Math.exp(6 * sigma) > hi) {
                    throw InputException.of("--marginals log_normal", what + ": the fitted log-normal (median "
                            + num(median) + ", sigma " + num(sigma) + ") reaches outside [" + num(lo) + ", " + num(hi)
                            + "] within 6 sigma: use --marginals normal (truncated where needed) or empirical");
                }
                y.put("dist", "log_normal");
                y.put("median", median);
                y.put("sigma", sigma);
                return new Fitted(y, from + "; log-normal fitted by the moments of ln x (median = exp(mean ln x),"
                        + " sigma = SD of ln x)");
            }
            case "empirical" -> {
                double[] s = v.clone();
                Arrays.sort(s);
                List<Double> list = new ArrayList<>();
                for (double x : s) {
                    list.add(round(x));
                }
                y.put("dist", "empirical");
                y.put("values", list);
                return new Fitted(y, from + "; empirical: the " + s.length + " values themselves (quantiles by"
                        + " linear interpolation between order statistics)");
            }
            default -> throw InputException.of("--marginals", "expected normal, log_normal or empirical, got \""
                    + kind + "\"");
        }
    }

    private static String marginalText(String kind) {
        return switch (kind) {
            case "normal" -> "normal by moments (truncated where mean ± 6 SD leaves the allowed range)";
            case "log_normal" -> "log-normal by the moments of ln x";
            default -> "empirical (the sample's quantiles)";
        };
    }

    static double[] meanSd(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        // Identical values give rounding residues of order 1e-16·|mean|, not a spread.
        boolean same = true;
        for (double x : v) {
            same &= x == v[0];
        }
        return new double[] {m, same ? 0 : sd};
    }

    /** Φ⁻¹(p) for p in (0, 1). */
    static double inversePhi(double p) {
        return -Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfcInv(2 * p);
    }

    static boolean positiveDefinite(double[][] r) {
        try {
            ConcentrationCopula.cholesky(r);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The nearest positive definite correlation matrix in the sense of eigenvalue clipping: R = V·max(Λ, ε)·Vᵀ, then
     * D^(−1/2)·R·D^(−1/2) for a unit diagonal (one step of Higham's alternating projections, enough for the
     * near-PD matrices of small samples).
     */
    static double[][] nearestPositiveDefinite(double[][] r) {
        int n = r.length;
        RealMatrix m = new Array2DRowRealMatrix(r);
        double[][] out = r;
        for (int iter = 0; iter < 100; iter++) {
            EigenDecomposition e = new EigenDecomposition(m);
            double[] lambda = e.getRealEigenvalues();
            RealMatrix v = e.getV();
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += v.getEntry(i, k) * Math.max(lambda[k], EIGEN_FLOOR) * v.getEntry(j, k);
                    }
                    a[i][j] = s;
                }
            }
            out = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] = i == j ? 1 : a[i][j] / Math.sqrt(a[i][i] * a[j][j]);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double s = 0.5 * (out[i][j] + out[j][i]);
                    out[i][j] = s;
                    out[j][i] = s;
                }
            }
            if (positiveDefinite(rounded(out))) {
                return out;
            }
            m = new Array2DRowRealMatrix(out);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Comparison key of a name (as the spin library's): lower case without '-', '_' and spaces. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }

    static boolean isSum(String name) {
        return name.contains("+") || SUMS.containsKey(key(name));
    }

    /** The parts of a sum (or the name itself) as a set of keys, so that tCr, Cr+PCr and PCr+Cr are one. */
    static Set<String> parts(String name) {
        Set<String> p = new TreeSet<>();
        List<String> s = SUMS.get(key(name));
        if (s != null) {
            s.forEach(x -> p.add(key(x)));
        } else {
            for (String x : name.split("\\+")) {
                p.add(key(x));
            }
        }
        return p;
    }

    /** The reference's value in a subject: its column (any spelling of the sum), else the sum of its parts. */
    static double reference(FitResult f, String name) {
        Set<String> want = parts(name);
        for (Map.Entry<String, Double> e : f.concentrations().entrySet()) {
            if (parts(e.getKey()).equals(want)) {
                return e.getValue();
            }
        }
        double sum = 0;
        for (String p : want) {
            Double v = null;
            for (Map.Entry<String, Double> e : f.concentrations().entrySet()) {
                if (key(e.getKey()).equals(p)) {
                    v = e.getValue();
                }
            }
            if (v == null) {
                throw InputException.of(f.file(), "--reference " + name + ": subject " + f.subject() + " has no "
                        + name + " column and no " + p + " to sum it from; columns: " + f.concentrations().keySet());
            }
            sum += v;
        }
        return sum;
    }

    private static double[] values(List<FitResult> fits, String name) {
        return fits.stream().map(f -> f.concentrations().get(name)).filter(x -> x != null && !Double.isNaN(x))
                .mapToDouble(Double::doubleValue).toArray();
    }

    private static String stats(double[] v) {
        if (v.length == 0) {
            return "no values";
        }
        double[] ms = meanSd(v);
        return "mean " + num(round(ms[0])) + ", SD " + num(round(ms[1])) + " in the fits' units, " + v.length
                + " subjects";
    }

    private static String summary(List<String> files) {
        if (files.size() <= 3) {
            return String.join(", ", files);
        }
        Path first = Path.of(files.get(0)).toAbsolutePath().getParent();
        boolean same = files.stream().allMatch(f -> first != null && first.equals(Path.of(f).toAbsolutePath()
                .getParent()));
        String where = same ? " in " + first : "";
        return Path.of(files.get(0)).getFileName() + " … " + Path.of(files.get(files.size() - 1)).getFileName()
                + where + " (all listed under notes.fits)";
    }

    /** Six significant digits, exactly as written to the YAML. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(6)).doubleValue();
    }

    static double[][] rounded(double[][] r) {
        double[][] o = new double[r.length][r.length];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                o[i][j] = i == j ? 1 : BigDecimal.valueOf(r[i][j]).setScale(6, java.math.RoundingMode.HALF_EVEN)
                        .doubleValue();
            }
        }
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < i; j++) {
                o[j][i] = o[i][j];
            }
        }
        return o;
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
