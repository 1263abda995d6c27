package org.larmor.validate;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.validate.ComparisonMetrics.Source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Two basis sets (or spectra), A and B, compared metabolite by metabolite on one ppm grid: A is the reference, B
 * the one tested. Inputs of different nuclei are refused; spectrometer frequencies more than 5 % apart are refused
 * unless allowed; different dwell times, numbers of points, fields and receiver references are handled by
 * evaluating both spectra exactly on the common ppm grid ({@link SpectrumSampler}), and said so in {@link #notes()}.
 *
 * @param a          the reference
 * @param b          the input tested against it
 * @param gridLowPpm  low end of the comparison grid, ppm
 * @param gridHighPpm high end
 * @param gridPoints  points of the grid
 * @param spectrumMode whether SNR and peak positions were measured
 * @param rows        one per matched metabolite and condition, in A's order
 * @param onlyInA     "condition/name" of the metabolites of A with no match in B
 * @param onlyInB     the same for B
 * @param notes       how the inputs were read, matched and resampled
 */
public record Comparison(LoadedSpectra a, LoadedSpectra b, double gridLowPpm, double gridHighPpm, int gridPoints,
                         boolean spectrumMode, List<MetaboliteComparison> rows, List<String> onlyInA,
                         List<String> onlyInB, List<String> notes) {
    /** Half-width of the window in which B's peak is sought near each of A's peaks, ppm. */
    public static final double PEAK_SEARCH_PPM = 0.1;
    /** A spectrum whose largest value is below this fraction of its set's largest counts as empty. */
    static final double EMPTY_FRACTION = 1e-6;
    private static final int MAX_GRID = 1 << 18;
    private static final int PEAKS = 5;

    public Comparison {
        rows = List.copyOf(rows);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
        notes = List.copyOf(notes);
    }

    /** Spacing of the grid in ppm. */
    public double gridStepPpm() {
        return (gridHighPpm - gridLowPpm) / (gridPoints - 1);
    }

    /**
     * Compares B with A.
     *
     * @throws InputException if they cannot be compared: different nuclei, a field more than 5 % different (unless
     *                        allowed), an unstated spectrometer frequency, no condition or metabolite in common, or a
     *                        comparison window outside both spectra
     */
    public static Comparison of(LoadedSpectra a, LoadedSpectra b, CompareOptions options) {
        List<String> notes = new ArrayList<>(a.notes());
        notes.addAll(b.notes());
        checkCompatible(a, b, options, notes);

        // Conditions.
        List<String[]> conditions = new ArrayList<>();
        for (String ca : a.data().conditionNames()) {
            for (String cb : b.data().conditionNames()) {
                if (ca.equalsIgnoreCase(cb)) {
                    conditions.add(new String[] {ca, cb});
                }
            }
        }
        if (conditions.isEmpty()) {
            if (a.data().conditionNames().size() == 1 && b.data().conditionNames().size() == 1) {
                String ca = a.data().conditionNames().get(0);
                String cb = b.data().conditionNames().get(0);
                conditions.add(new String[] {ca, cb});
                notes.add("conditions differ in name: compared A's \"" + ca + "\" with B's \"" + cb + "\"");
            } else {
                throw InputException.of(b.source(), "no condition in common with " + a.source() + ": A has "
                        + a.data().conditionNames() + ", B has " + b.data().conditionNames());
            }
        }
        for (String ca : a.data().conditionNames()) {
            if (conditions.stream().noneMatch(c -> c[0].equals(ca))) {
                notes.add("condition " + ca + " is only in A: not compared");
            }
        }
        for (String cb : b.data().conditionNames()) {
            if (conditions.stream().noneMatch(c -> c[1].equals(cb))) {
                notes.add("condition " + cb + " is only in B: not compared");
            }
        }

        // Metabolites.
        boolean single = a.data().conditions().values().stream().mapToInt(Map::size).sum() == 1
                && b.data().conditions().values().stream().mapToInt(Map::size).sum() == 1;
        boolean spectrumMode = options.spectrumMode() != null ? options.spectrumMode() : single;
        List<String[]> pairs = new ArrayList<>();
        List<String> onlyInA = new ArrayList<>();
        List<String> onlyInB = new ArrayList<>();
        for (String[] c : conditions) {
            Map<String, Fid> fa = a.data().fids(c[0]);
            Map<String, Fid> fb = b.data().fids(c[1]);
            if (single) {
                String na = fa.keySet().iterator().next();
                String nb = fb.keySet().iterator().next();
                pairs.add(new String[] {c[0], c[1], na, nb});
                if (!key(na, options.library()).equals(key(nb, options.library()))) {
                    notes.add("each input holds one signal: compared A's \"" + na + "\" with B's \"" + nb + "\"");
                }
                continue;
            }
            Map<String, String> bByKey = new LinkedHashMap<>();
            for (String nb : fb.keySet()) {
                if (bByKey.putIfAbsent(key(nb, options.library()), nb) != null) {
                    notes.add("B: \"" + nb + "\" is another name for \"" + bByKey.get(key(nb, options.library()))
                            + "\"; compared only the first");
                }
            }
            Map<String, String> used = new LinkedHashMap<>();
            for (String na : fa.keySet()) {
                String k = key(na, options.library());
                String nb = bByKey.get(k);
                if (nb == null) {
                    onlyInA.add(c[0] + "/" + na);
                } else if (used.putIfAbsent(k, na) != null) {
                    notes.add("A: \"" + na + "\" is another name for \"" + used.get(k) + "\"; compared only the first");
                } else {
                    pairs.add(new String[] {c[0], c[1], na, nb});
                    if (!na.equals(nb)) {
                        notes.add("matched A's \"" + na + "\" with B's \"" + nb + "\"");
                    }
                }
            }
            for (Map.Entry<String, String> e : bByKey.entrySet()) {
                if (!used.containsKey(e.getKey())) {
                    onlyInB.add(c[1] + "/" + e.getValue());
                }
            }
        }
        if (pairs.isEmpty()) {
            throw InputException.of(b.source(), "no metabolite in common with " + a.source() + ": A has "
                    + names(a) + ", B has " + names(b));
        }

        // The common grid.
        double mhzA = a.spectrometerMHz();
        double mhzB = b.spectrometerMHz();
        Source protoA = new Source(a.data().conditions().values().iterator().next().values().iterator().next(),
                mhzA, a.referencePpm());
        Source protoB = new Source(b.data().conditions().values().iterator().next().values().iterator().next(),
                mhzB, b.referencePpm());
        double lo = Math.max(a.referencePpm() - 0.49 * protoA.widthPpm(), b.referencePpm() - 0.49 * protoB.widthPpm());
        double hi = Math.min(a.referencePpm() + 0.49 * protoA.widthPpm(), b.referencePpm() + 0.49 * protoB.widthPpm());
        if (!(lo < hi)) {
            throw InputException.of(b.source(), String.format(Locale.ROOT, "its spectral range does not overlap A's"
                    + " (A: %.2f to %.2f ppm, B: %.2f to %.2f ppm)", a.referencePpm() - 0.5 * protoA.widthPpm(),
                    a.referencePpm() + 0.5 * protoA.widthPpm(), b.referencePpm() - 0.5 * protoB.widthPpm(),
                    b.referencePpm() + 0.5 * protoB.widthPpm()));
        }
        double wlo = lo;
        double whi = hi;
        if (!Double.isNaN(options.ppmLow())) {
            wlo = Math.max(lo, options.ppmLow());
            whi = Math.min(hi, options.ppmHigh());
            if (!(wlo < whi)) {
                throw InputException.of("--ppm", String.format(Locale.ROOT, "the window %.3f to %.3f ppm lies outside"
                        + " the range both inputs cover (%.3f to %.3f ppm)", options.ppmLow(), options.ppmHigh(), lo,
                        hi));
            }
        } else if (spectrumMode && isProton(a) && isProton(b)) {
            wlo = Math.max(lo, CompareOptions.SPECTRUM_WINDOW_1H[0]);
            whi = Math.min(hi, CompareOptions.SPECTRUM_WINDOW_1H[1]);
        }
        double step = Math.min(protoA.stepPpm(), protoB.stepPpm());
        int m = (int) Math.floor((whi - wlo) / step + 1e-9) + 1;
        if (m > MAX_GRID) {
            m = MAX_GRID;
        }
        if (m < 16) {
            throw InputException.of("--ppm", String.format(Locale.ROOT, "the comparison window %.4f to %.4f ppm holds"
                    + " only %d points; widen it", wlo, whi, m));
        }
        double[] grid = new double[m];
        double gstep = (whi - wlo) / (m - 1);
        for (int j = 0; j < m; j++) {
            grid[j] = wlo + j * gstep;
        }
        if (a.points() != b.points() || Math.abs(a.data().dwellS() / b.data().dwellS() - 1) > 1e-9
                || Math.abs(mhzA / mhzB - 1) > 1e-9 || a.referencePpm() != b.referencePpm()) {
            notes.add(String.format(Locale.ROOT, "different sampling (A: %d points, %.2f Hz, %.4f MHz, reference %.3f"
                    + " ppm; B: %d points, %.2f Hz, %.4f MHz, reference %.3f ppm): both spectra evaluated exactly"
                    + " (discrete-time Fourier transform) on a common grid", a.points(), 1 / a.data().dwellS(), mhzA,
                    a.referencePpm(), b.points(), 1 / b.data().dwellS(), mhzB, b.referencePpm()));
        }

        // Sample every pair, then find empty spectra relative to their set.
        int n = pairs.size();
        double[][][] sa = new double[n][][];
        double[][][] sb = new double[n][][];
        Source[] srcA = new Source[n];
        Source[] srcB = new Source[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            String[] p = pairs.get(i);
            srcA[i] = new Source(a.data().fids(p[0]).get(p[2]), mhzA, a.referencePpm());
            srcB[i] = new Source(b.data().fids(p[1]).get(p[3]), mhzB, b.referencePpm());
            sa[i] = srcA[i].atGrid(grid[0], gstep, grid.length);
            sb[i] = srcB[i].atGrid(grid[0], gstep, grid.length);
        });
        double maxA = 0;
        double maxB = 0;
        for (int i = 0; i < n; i++) {
            maxA = Math.max(maxA, ComparisonMetrics.maxModulus(sa[i]));
            maxB = Math.max(maxB, ComparisonMetrics.maxModulus(sb[i]));
        }
        double emptyA = EMPTY_FRACTION * maxA;
        double emptyB = EMPTY_FRACTION * maxB;
        double maxOffset = Math.min(options.maxOffsetPpm(), (whi - wlo) / 4);
        double[] noise = spectrumMode ? noiseWindow(a, b, protoA, protoB, options) : null;
        MetaboliteComparison[] out = new MetaboliteComparison[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            String[] p = pairs.get(i);
            boolean ea = !(ComparisonMetrics.maxModulus(sa[i]) > emptyA);
            boolean eb = !(ComparisonMetrics.maxModulus(sb[i]) > emptyB);
            out[i] = comparePair(p, srcA[i], srcB[i], grid, gstep, sa[i], sb[i], ea, eb, maxOffset, noise);
        });
        List<MetaboliteComparison> rows = new ArrayList<>(Arrays.asList(out));
        if (options.relativeAmplitudes()) {
            double[] ratios = rows.stream().mapToDouble(MetaboliteComparison::amplitudeRatio)
                    .filter(Double::isFinite).sorted().toArray();
            if (ratios.length > 0) {
                double median = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                        : 0.5 * (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]);
                rows.replaceAll(r -> r.withRatioChecked(r.amplitudeRatio() / median));
                notes.add(String.format(Locale.ROOT, "relative amplitudes: ratios divided by their median, %.6g",
                        median));
            }
        }
        return new Comparison(a, b, wlo, whi, m, spectrumMode, rows, onlyInA, onlyInB, notes);
    }

    /**
     * Every bound broken, as "condition/name: what": each metric of each row outside {@code t}, and, when any bound
     * is set and {@code allowMissing} is false, every metabolite present in only one input.
     */
    public List<String> violations(Tolerances t, boolean allowMissing) {
        List<String> out = new ArrayList<>();
        for (MetaboliteComparison r : rows) {
            for (String v : t.violations(r)) {
                out.add(r.condition() + "/" + r.nameA() + ": " + v);
            }
        }
        if (!t.isEmpty() && !allowMissing) {
            onlyInA.forEach(n -> out.add(n + ": only in A"));
            onlyInB.forEach(n -> out.add(n + ": only in B"));
        }
        return out;
    }

    /** A plain-text report: inputs, grid, notes, one table row per metabolite, then the verdict. */
    public String toText(Tolerances t, boolean allowMissing) {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(a.describe()).append('\n');
        sb.append("B: ").append(b.describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "grid: %.4f to %.4f ppm, %d points, step %.5f ppm%n", gridLowPpm,
                gridHighPpm, gridPoints, gridStepPpm()));
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        int w = Math.max(10, rows.stream().mapToInt(r -> label(r).length()).max().orElse(10));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %11s %10s %10s %10s %10s %10s %9s %11s %10s %8s  %s%n",
                "metabolite", "offset_ppm", "offset_hz", "fwhm_a_hz", "fwhm_b_hz", "lw_diff_hz", "ratio", "phase",
                "correlation", "residual", "status", "comment"));
        for (MetaboliteComparison r : rows) {
            List<String> v = t.violations(r);
            String status = t.isEmpty() ? "-" : v.isEmpty() ? "ok" : "FAIL";
            String comment = r.bothEmpty() ? "no signal in either" : r.signalOnlyIn() != null
                    ? "signal only in " + r.signalOnlyIn() : String.join("; ", v);
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %11s %10s %10s %10s %10s %10s %9s %11s %10s %8s  %s%n",
                    label(r), num("%+.5f", r.offsetPpm()), num("%+.3f", r.offsetHz()), num("%.3f", r.fwhmAHz()),
                    num("%.3f", r.fwhmBHz()), num("%+.3f", r.linewidthDifferenceHz()),
                    num("%.5f", r.ratioChecked()), num("%+.2f", r.phaseDeg()), num("%.6f", r.correlation()),
                    num("%.5f", r.residual()), status, comment).stripTrailing()).append('\n');
        }
        if (spectrumMode) {
            for (MetaboliteComparison r : rows) {
                SpectrumChecks s = r.spectrum();
                if (s == null) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%s: SNR A %.1f, B %.1f (noise SD A %.4g, B %.4g in %.2f to"
                        + " %.2f ppm)%n", label(r), s.snrA(), s.snrB(), s.noiseSdA(), s.noiseSdB(), s.noiseLowPpm(),
                        s.noiseHighPpm()));
                for (SpectrumChecks.PeakPair pk : s.peaks()) {
                    sb.append(Double.isNaN(pk.ppmB())
                            ? String.format(Locale.ROOT, "  peak %.4f ppm in A, none in B within ±%s ppm%n", pk.ppmA(),
                                    PEAK_SEARCH_PPM)
                            : String.format(Locale.ROOT, "  peak %.4f ppm in A, %.4f ppm in B (%+.4f ppm)%n",
                                    pk.ppmA(), pk.ppmB(), pk.differencePpm()));
                }
            }
        }
        if (!onlyInA.isEmpty()) {
            sb.append("only in A: ").append(String.join(", ", onlyInA)).append('\n');
        }
        if (!onlyInB.isEmpty()) {
            sb.append("only in B: ").append(String.join(", ", onlyInB)).append('\n');
        }
        List<String> v = violations(t, allowMissing);
        if (t.isEmpty()) {
            sb.append("result: ").append(rows.size()).append(" compared; no tolerance given\n");
        } else if (v.isEmpty()) {
            sb.append("result: ").append(rows.size()).append(" compared, all within tolerance ")
                    .append(t.asMap()).append('\n');
        } else {
            sb.append("result: OUT OF TOLERANCE ").append(t.asMap()).append(": ").append(v.size())
                    .append(v.size() == 1 ? " violation" : " violations").append('\n');
            v.forEach(x -> sb.append("  ").append(x).append('\n'));
        }
        return sb.toString();
    }

    /** The comparison as plain values for a JSON writer (NaN as null). */
    public Map<String, Object> toMap(Tolerances t, boolean allowMissing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", inputMap(a));
        m.put("b", inputMap(b));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("low_ppm", gridLowPpm);
        g.put("high_ppm", gridHighPpm);
        g.put("points", gridPoints);
        m.put("grid", g);
        m.put("spectrum_mode", spectrumMode);
        m.put("notes", notes);
        List<Map<String, Object>> list = new ArrayList<>();
        for (MetaboliteComparison r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("condition", r.condition());
            x.put("name_a", r.nameA());
            x.put("name_b", r.nameB());
            x.put("offset_ppm", finite(r.offsetPpm()));
            x.put("offset_hz", finite(r.offsetHz()));
            x.put("peak_ppm_a", finite(r.peakPpmA()));
            x.put("peak_ppm_b", finite(r.peakPpmB()));
            x.put("fwhm_a_hz", finite(r.fwhmAHz()));
            x.put("fwhm_b_hz", finite(r.fwhmBHz()));
            x.put("linewidth_difference_hz", finite(r.linewidthDifferenceHz()));
            x.put("amplitude_ratio", finite(r.amplitudeRatio()));
            x.put("ratio_checked", finite(r.ratioChecked()));
            x.put("correlation", finite(r.correlation()));
            x.put("residual", finite(r.residual()));
            x.put("phase_deg", finite(r.phaseDeg()));
            x.put("both_empty", r.bothEmpty());
            x.put("signal_only_in", r.signalOnlyIn());
            if (r.spectrum() != null) {
                SpectrumChecks s = r.spectrum();
                x.put("snr_a", finite(s.snrA()));
                x.put("snr_b", finite(s.snrB()));
                x.put("noise_sd_a", finite(s.noiseSdA()));
                x.put("noise_sd_b", finite(s.noiseSdB()));
                x.put("noise_window_ppm", List.of(s.noiseLowPpm(), s.noiseHighPpm()));
                List<Map<String, Object>> peaks = new ArrayList<>();
                for (SpectrumChecks.PeakPair p : s.peaks()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("ppm_a", finite(p.ppmA()));
                    pm.put("ppm_b", finite(p.ppmB()));
                    peaks.add(pm);
                }
                x.put("peaks", peaks);
            }
            x.put("violations", t.violations(r));
            list.add(x);
        }
        m.put("metabolites", list);
        m.put("only_in_a", onlyInA);
        m.put("only_in_b", onlyInB);
        m.put("tolerances", t.asMap());
        List<String> v = violations(t, allowMissing);
        m.put("within_tolerance", v.isEmpty());
        m.put("violations", v);
        return m;
    }

    private static Map<String, Object> inputMap(LoadedSpectra s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("format", s.format());
        m.put("nucleus", s.nucleus());
        m.put("spectrometer_mhz", finite(s.spectrometerMHz()));
        m.put("points", s.points());
        m.put("dwell_s", s.data().dwellS());
        m.put("reference_ppm", s.referencePpm());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String num(String fmt, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "n/a";
    }

    private String label(MetaboliteComparison r) {
        boolean conds = rows.stream().map(MetaboliteComparison::condition).distinct().count() > 1;
        return conds ? r.condition() + "/" + r.nameA() : r.nameA();
    }

    private static void checkCompatible(LoadedSpectra a, LoadedSpectra b, CompareOptions options, List<String> notes) {
        if (a.nucleus() != null && b.nucleus() != null && !a.nucleus().equalsIgnoreCase(b.nucleus())) {
            throw InputException.of(b.source(), "its nucleus is " + b.nucleus() + " but " + a.source() + " is "
                    + a.nucleus() + ": spectra of different nuclei cannot be compared");
        }
        if (a.nucleus() == null || b.nucleus() == null) {
            String known = a.nucleus() != null ? a.nucleus() : b.nucleus();
            notes.add((a.nucleus() == null ? "A" : "B") + (a.nucleus() == null && b.nucleus() == null ? " and B do"
                    : " does") + " not state the nucleus" + (known != null ? "; taken as " + known : ""));
        }
        for (LoadedSpectra s : List.of(a, b)) {
            SpectrumChecks.requirePpmAxis(s); // the same check as plot and report
        }
        double rel = Math.abs(b.spectrometerMHz() / a.spectrometerMHz() - 1);
        if (rel > CompareOptions.FIELD_TOLERANCE) {
            String msg = String.format(Locale.ROOT, "spectrometer frequency %.4f MHz differs from A's %.4f MHz by"
                    + " %.1f %% (more than %.0f %%): J-coupled patterns differ between fields", b.spectrometerMHz(),
                    a.spectrometerMHz(), rel * 100, CompareOptions.FIELD_TOLERANCE * 100);
            if (!options.allowFieldMismatch()) {
                throw InputException.of(b.source(), msg + "; compare them anyway with --allow-field-mismatch");
            }
            notes.add("B's " + msg + "; compared on the ppm axis as asked (--allow-field-mismatch)");
        } else if (rel > 1e-6) {
            notes.add(String.format(Locale.ROOT, "fields differ by %.2f %% (A %.4f MHz, B %.4f MHz): compared on the"
                    + " ppm axis", rel * 100, a.spectrometerMHz(), b.spectrometerMHz()));
        }
    }

    private static MetaboliteComparison comparePair(String[] p, Source sa, Source sb, double[] grid, double step,
                                                    double[][] a, double[][] b, boolean emptyA, boolean emptyB, double maxOffset,
                                                    double[] noise) {
        double nan = Double.NaN;
        if (emptyA || emptyB) {
            String only = emptyA && emptyB ? null : emptyA ? "B" : "A";
            return new MetaboliteComparison(p[0], p[2], p[3], nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                    emptyA && emptyB, only, null);
        }
        double offset = ComparisonMetrics.offsetPpm(grid, step, a, b, sb, maxOffset);
        double[][] aligned = sb.atGrid(grid[0] + offset, step, grid.length);
        double ratio = ComparisonMetrics.amplitudeRatio(a[0], aligned[0]);
        double corr = ComparisonMetrics.correlation(a[0], aligned[0]);
        double residual = ComparisonMetrics.normalisedResidual(a[0], aligned[0], ratio);
        double phase = ComparisonMetrics.phaseDeg(a, aligned);

        int ja = argmax(a[0], 0, grid.length);
        double peakA = grid[ja];
        double halfA = halfWindow(a[0], ja, step);
        double fwhmA = Double.isNaN(halfA) ? nan : ComparisonMetrics.fwhmHz(sa, peakA, halfA);
        double posA = ComparisonMetrics.peakPpm(sa, peakA, Double.isNaN(halfA) ? 2 * step : halfA);
        int guess = (int) Math.round(ja + offset / step);
        int jb = argmax(b[0], Math.max(0, guess - 2), Math.min(grid.length, guess + 3));
        double halfB = jb < 0 ? nan : halfWindow(b[0], jb, step);
        double peakB = jb < 0 ? peakA + offset : grid[jb];
        double fwhmB = Double.isNaN(halfB) ? nan : ComparisonMetrics.fwhmHz(sb, peakB, halfB);
        double posB = ComparisonMetrics.peakPpm(sb, peakB, Double.isNaN(halfB) ? 2 * step : halfB);

        SpectrumChecks checks = noise == null ? null : spectrumChecks(sa, sb, grid, a[0], b[0], noise);
        return new MetaboliteComparison(p[0], p[2], p[3], offset, offset * sa.hzPerPpm(), posA, posB, fwhmA, fwhmB,
                ratio, ratio, corr, residual, phase, false, null, checks);
    }

    /** Index of the largest value in [from, to); −1 if the range is empty. */
    private static int argmax(double[] v, int from, int to) {
        int best = -1;
        for (int j = from; j < to; j++) {
            if (best < 0 || v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * A half-window in ppm around the line at index j that contains both its half-height points with margin: the
     * coarse width to half height plus two grid steps; NaN if the line does not fall to half height within 0.5 ppm
     * (no isolated line to measure).
     */
    private static double halfWindow(double[] v, int j, double step) {
        double half = v[j] / 2;
        if (!(half > 0)) {
            return Double.NaN;
        }
        int limit = (int) Math.ceil(0.5 / step);
        int l = j;
        while (l > 0 && v[l] > half && j - l < limit) {
            l--;
        }
        int r = j;
        while (r < v.length - 1 && v[r] > half && r - j < limit) {
            r++;
        }
        if (v[l] > half || v[r] > half) {
            return Double.NaN;
        }
        return Math.max(j - l, r - j) * step + 2 * step;
    }

    private static double[] noiseWindow(LoadedSpectra a, LoadedSpectra b, Source pa, Source pb,
                                        CompareOptions options) {
        double lo = options.noisePpmLow();
        double hi = options.noisePpmHigh();
        if (Double.isNaN(lo)) {
            if (isProton(a) && isProton(b)) {
                lo = CompareOptions.NOISE_WINDOW_1H[0];
                hi = CompareOptions.NOISE_WINDOW_1H[1];
            } else {
                // The lowest-shift 5 % of the range both cover.
                double l = Math.max(a.referencePpm() - 0.49 * pa.widthPpm(), b.referencePpm() - 0.49 * pb.widthPpm());
                double h = Math.min(a.referencePpm() + 0.49 * pa.widthPpm(), b.referencePpm() + 0.49 * pb.widthPpm());
                lo = l;
                hi = l + 0.05 * (h - l);
            }
        }
        for (LoadedSpectra s : List.of(a, b)) {
            Source src = s == a ? pa : pb;
            double sl = s.referencePpm() - 0.5 * src.widthPpm();
            double sh = s.referencePpm() + 0.5 * src.widthPpm();
            if (lo < sl || hi > sh) {
                throw InputException.of("--noise-ppm", String.format(Locale.ROOT, "the noise window %.2f to %.2f ppm"
                        + " lies outside %s (%.2f to %.2f ppm); give a signal-free window inside both", lo, hi,
                        s.source(), sl, sh));
            }
        }
        return new double[] {lo, hi};
    }

    private static SpectrumChecks spectrumChecks(Source sa, Source sb, double[] grid, double[] ar, double[] br,
                                                 double[] noise) {
        Spectrum na = Spectrum.of(sa.fid(), sa.hzPerPpm(), sa.referencePpm());
        Spectrum nb = Spectrum.of(sb.fid(), sb.hzPerPpm(), sb.referencePpm());
        double lo = grid[0];
        double hi = grid[grid.length - 1];
        double sdA = SpectralMetrics.noiseSd(na, noise[0], noise[1]);
        double sdB = SpectralMetrics.noiseSd(nb, noise[0], noise[1]);
        double snrA = SpectralMetrics.peakHeight(na, lo, hi) / sdA;
        double snrB = SpectralMetrics.peakHeight(nb, lo, hi) / sdB;
        // A's tallest peaks: local maxima standing at least 10 % of the largest above the deeper of the two minima
        // that separate them from taller points (their prominence), at least 0.03 ppm apart.
        double max = Arrays.stream(ar).max().orElse(0);
        double maxB = Arrays.stream(br).max().orElse(0);
        List<Integer> candidates = new ArrayList<>();
        for (int j = 1; j < ar.length - 1; j++) {
            if (ar[j] >= 0.1 * max && ar[j] >= ar[j - 1] && ar[j] > ar[j + 1]
                    && prominence(ar, j) >= 0.1 * max) {
                candidates.add(j);
            }
        }
        candidates.sort((x, y) -> Double.compare(ar[y], ar[x]));
        List<Double> kept = new ArrayList<>();
        for (int j : candidates) {
            if (kept.size() == PEAKS) {
                break;
            }
            if (kept.stream().allMatch(k -> Math.abs(k - grid[j]) >= 0.03)) {
                kept.add(grid[j]);
            }
        }
        kept.sort((x, y) -> Double.compare(y, x));
        List<SpectrumChecks.PeakPair> peaks = new ArrayList<>();
        double step = grid[1] - grid[0];
        for (double pk : kept) {
            double pa = ComparisonMetrics.peakPpm(sa, pk, Math.max(2 * step, 0.01));
            double pb = ComparisonMetrics.peakPpm(sb, pk, PEAK_SEARCH_PPM);
            // B's maximum near A's peak counts only if it is a peak of B's: as tall as A's peaks must be.
            if (Double.isFinite(pb) && sb.at(new double[] {pb})[0][0] < 0.1 * maxB) {
                pb = Double.NaN;
            }
            peaks.add(new SpectrumChecks.PeakPair(pa, pb));
        }
        return new SpectrumChecks(snrA, snrB, sdA, sdB, noise[0], noise[1], peaks);
    }

    /** Height of v[j] above the higher of the lowest points between it and a taller point on either side. */
    static double prominence(double[] v, int j) {
        double left = v[j];
        int l = j - 1;
        while (l >= 0 && v[l] <= v[j]) {
            left = Math.min(left, v[l]);
            l--;
        }
        double right = v[j];
        int r = j + 1;
        while (r < v.length && v[r] <= v[j]) {
            right = Math.min(right, v[r]);
            r++;
        }
        return v[j] - Math.max(left, right);
    }

    private static boolean isProton(LoadedSpectra s) {
        return s.nucleus() == null || s.nucleus().equals("1H");
    }

    /** The name that matches across tools: the spin system's own name if the library knows it, lower case. */
    private static String key(String name, SpinLibrary library) {
        String n = name;
        if (library != null) {
            n = library.find(name).map(SpinSystem::name).orElse(name);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static String names(LoadedSpectra s) {
        List<String> out = new ArrayList<>();
        s.data().conditions().forEach((c, m) -> out.addAll(m.keySet()));
        return out.toString();
    }
}
