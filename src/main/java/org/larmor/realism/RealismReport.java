package org.larmor.realism;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.larmor.basis.Version;
import org.larmor.plot.AtomicWrite;
import org.larmor.plot.Axis;
import org.larmor.plot.Plot;
import org.larmor.plot.PlotRenderer;
import org.larmor.plot.Series;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.larmor.validate.BasisReport.esc;

/**
 * The outputs of {@code larmor realism}: one self-contained XHTML page (inline CSS and SVG, no script, font or image
 * fetched, no time stamp), a JSON summary and a CSV of every spectrum's features.
 */
public final class RealismReport {
    /** Shown on the page for at most this many files per cohort; the CSV lists all. */
    static final int LISTED_FILES = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealismReport() {
    }

    /** The three files written: the page, the JSON summary and the per-spectrum CSV. */
    public record Outputs(Path html, Path json, Path csv) {
        /** Beside {@code html}: NAME.json and NAME_features.csv. */
        public static Outputs beside(Path html) {
            String n = html.getFileName().toString();
            String stem = n.toLowerCase(Locale.ROOT).endsWith(".html") ? n.substring(0, n.length() - 5)
                    : n.toLowerCase(Locale.ROOT).endsWith(".xhtml") ? n.substring(0, n.length() - 6) : n;
            return new Outputs(html, html.resolveSibling(stem + ".json"), html.resolveSibling(stem
                    + "_features.csv"));
        }
    }

    /**
     * Writes the CSV, then the JSON, then the page, each whole or not at all ({@link AtomicWrite}). All three are
     * made, and their targets checked (none may be a folder), before the first is written, so that a bad target
     * leaves no file of the three.
     */
    public static void write(RealismComparison r, FeatureSettings s, Outputs out) throws IOException {
        for (Path p : List.of(out.csv(), out.json(), out.html())) {
            if (java.nio.file.Files.isDirectory(p)) {
                throw new IOException(p + " is a folder, not a file");
            }
        }
        byte[] csv = csv(r).getBytes(StandardCharsets.UTF_8);
        byte[] json = json(r, s).getBytes(StandardCharsets.UTF_8);
        byte[] html = html(r, s, out).getBytes(StandardCharsets.UTF_8);
        AtomicWrite.write(out.csv(), csv);
        AtomicWrite.write(out.json(), json);
        AtomicWrite.write(out.html(), html);
    }

    // ---------------------------------------------------------------- CSV

    public static String csv(RealismComparison r) {
        StringBuilder b = new StringBuilder("cohort,file");
        for (Feature f : Feature.values()) {
            b.append(',').append(f.key());
        }
        b.append(",peak_height,noise_sd,refused\n");
        for (Cohort c : List.of(r.synthetic(), r.measured())) {
            for (SpectrumFeatures sf : c.spectra()) {
                row(b, c.label(), sf);
            }
            for (SpectrumFeatures sf : c.refused()) {
                row(b, c.label(), sf);
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String label, SpectrumFeatures sf) {
        b.append(label).append(',').append(csvText(sf.source()));
        for (Feature f : Feature.values()) {
            b.append(',').append(num(sf.value(f)));
        }
        b.append(',').append(num(sf.peakHeight())).append(',').append(num(sf.noiseSd())).append(',')
                .append(sf.isRefused() ? csvText(sf.refusal()) : "").append('\n');
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    // ---------------------------------------------------------------- JSON

    public static String json(RealismComparison r, FeatureSettings s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("generator", "Larmor realism " + Version.get());
        j.put("within_tolerance", !r.tolerances().gating() || r.allPass());
        j.put("all_indistinguishable", r.features().stream()
                .allMatch(c -> c.verdict().equals(FeatureComparison.INDISTINGUISHABLE)));
        j.put("gating", r.tolerances().gating());
        j.put("settings", settings(s, r.tolerances()));
        j.put("notes", r.notes());
        j.put("synthetic", cohort(r.synthetic()));
        j.put("measured", cohort(r.measured()));
        List<Object> feats = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (FeatureComparison c : r.features()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", c.feature().key());
            m.put("unit", c.feature().unit());
            m.put("n_synthetic", c.nSynthetic());
            m.put("n_measured", c.nMeasured());
            m.put("unmeasured_synthetic", c.unmeasuredSynthetic());
            m.put("unmeasured_measured", c.unmeasuredMeasured());
            m.put("median_synthetic", finite(c.medianSynthetic()));
            m.put("median_measured", finite(c.medianMeasured()));
            m.put("sd_synthetic", finite(c.sdSynthetic()));
            m.put("sd_measured", finite(c.sdMeasured()));
            m.put(c.feature().ratioEffect() ? "median_ratio_minus_1" : "median_difference", finite(c.effect()));
            m.put("sd_ratio", finite(c.sdRatio()));
            m.put("ks_statistic", finite(c.ksStatistic()));
            m.put("p", finite(c.p()));
            m.put("p_holm", finite(c.pHolm()));
            m.put("bound", finite(c.bound()));
            m.put("verdict", c.verdict());
            m.put("passes", c.passes());
            feats.add(m);
            if (!c.passes()) {
                violations.add(c.feature().key() + ": " + c.reason());
            }
        }
        j.put("features", feats);
        j.put("violations", violations);
        double[] lb = r.largestBandDifference();
        Map<String, Object> band = new LinkedHashMap<>();
        band.put("largest_difference_ppm", finite(lb[0]));
        band.put("largest_difference_in_pooled_sd", finite(lb[1]));
        j.put("band", band);
        try {
            return JSON.writeValueAsString(j) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> settings(FeatureSettings s, RealismTolerances t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", s.reference().name());
        m.put("reference_expected_ppm", s.reference().expectedPpm());
        m.put("reference_window_ppm", List.of(s.reference().lowPpm(), s.reference().highPpm()));
        m.put("noise_window_ppm", List.of(s.noise().low(), s.noise().high()));
        m.put("water_window_ppm", List.of(s.water().low(), s.water().high()));
        m.put("baseline_range_ppm", List.of(s.baseline().low(), s.baseline().high()));
        m.put("baseline_median_width_ppm", s.medianWidthPpm());
        m.put("peak_threshold_noise_sd", s.peakThreshold());
        m.put("band_ppm", List.of(s.band().low(), s.band().high()));
        m.put("band_step_ppm", s.bandStepPpm());
        m.put("band_part", s.magnitudeBand() ? "magnitude" : "real");
        m.put("band_aligned_on_reference", s.alignBand());
        m.put("test", "two-sample Kolmogorov-Smirnov, Holm-corrected over the features");
        m.put("alpha", t.alpha());
        Map<String, Object> b = new LinkedHashMap<>();
        t.bounds().forEach((f, v) -> b.put(f.toleranceKey(), v));
        if (!Double.isNaN(t.sdRatio())) {
            b.put("sd_ratio", t.sdRatio());
        }
        m.put("tolerances", b);
        return m;
    }

    private static Map<String, Object> cohort(Cohort c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", c.input());
        m.put("files", c.files().size());
        m.put("spectra_measured", c.spectra().size());
        m.put("spectrometer_frequency_mhz", List.of(c.spectrometerMHz()[0], c.spectrometerMHz()[1]));
        m.put("points", List.of(c.points()[0], c.points()[1]));
        m.put("dwell_s", List.of(c.dwellS()[0], c.dwellS()[1]));
        m.put("provenance", c.provenance());
        m.put("notes", c.notes());
        List<Object> refused = new ArrayList<>();
        for (SpectrumFeatures sf : c.refused()) {
            refused.add(Map.of("file", sf.source(), "reason", sf.refusal()));
        }
        m.put("refused", refused);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    // ---------------------------------------------------------------- HTML

    public static String html(RealismComparison r, FeatureSettings s, Outputs out) {
        Cohort a = r.synthetic();
        Cohort b = r.measured();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Realism report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Realism: synthetic against measured spectra</h1>\n");
        h.append("<p class=\"meta\">Written by Larmor ").append(esc(Version.get())).append(". Synthetic: <code>")
                .append(esc(a.input())).append("</code> (").append(a.spectra().size())
                .append(" spectra); measured: <code>").append(esc(b.input())).append("</code> (")
                .append(b.spectra().size()).append(" spectra). Summary: <code>")
                .append(esc(out.json().getFileName().toString())).append("</code>; every spectrum's features: <code>")
                .append(esc(out.csv().getFileName().toString())).append("</code>.</p>\n");

        long differ = r.features().stream().filter(c -> c.verdict().equals(FeatureComparison.DIFFERS)).count();
        long failing = r.features().stream().filter(c -> !c.passes()).count();
        h.append("<p class=\"result ").append(failing == 0 ? "pass" : "fail").append("\">")
                .append(esc(resultLine(r, differ, failing))).append("</p>\n");

        for (String n : r.notes()) {
            h.append("<p class=\"meta\">Note: ").append(esc(n)).append("</p>\n");
        }
        h.append("<h2 id=\"statistics\">Statistics and verdicts</h2>\n");
        h.append(String.format(Locale.ROOT, "<p>Per feature, the two-sample Kolmogorov–Smirnov test of the measured"
                + " against the synthetic distribution [1]; its p-values are Holm-adjusted over the %d features"
                + " tested [2], and a feature <em>differs</em> when the adjusted p is below α = %s (family-wise)."
                + " Effect sizes, in the feature's unit: the difference of medians (measured − synthetic; for SNR"
                + " the ratio of medians − 1) and the ratio of SDs (measured / synthetic).%s</p>%n",
                r.features().stream().filter(c -> !Double.isNaN(c.p())).count(), fmt(r.tolerances().alpha()),
                r.tolerances().gating() ? " A feature fails the gate when it differs and its effect exceeds the"
                        + " bound given for it (a feature without a bound fails whenever it differs)." : " No"
                        + " --tolerance was given: the verdicts are reported, nothing is gated."));
        h.append("<table class=\"stats\">\n<thead><tr><th>feature</th><th>n synth.</th><th>n meas.</th>"
                + "<th>median synth.</th><th>median meas.</th><th>effect</th><th>SD synth.</th><th>SD meas.</th>"
                + "<th>SD ratio</th><th>KS D</th><th>p</th><th>p (Holm)</th><th>verdict</th><th>bound</th>"
                + "<th>gate</th></tr></thead>\n<tbody>\n");
        for (FeatureComparison c : r.features()) {
            String u = c.feature().unit().isEmpty() ? "" : " " + c.feature().unit();
            h.append("<tr><td>").append(esc(c.feature().label())).append("</td><td>").append(c.nSynthetic())
                    .append(c.unmeasuredSynthetic() > 0 ? " (+" + c.unmeasuredSynthetic() + " n/a)" : "")
                    .append("</td><td>").append(c.nMeasured())
                    .append(c.unmeasuredMeasured() > 0 ? " (+" + c.unmeasuredMeasured() + " n/a)" : "")
                    .append("</td><td>").append(fmt(c.medianSynthetic())).append("</td><td>")
                    .append(fmt(c.medianMeasured())).append("</td><td>")
                    .append(esc(c.feature().ratioEffect() ? "×" + fmt(1 + c.effect()) : signed(c.effect()) + u))
                    .append("</td><td>").append(fmt(c.sdSynthetic())).append("</td><td>").append(fmt(c.sdMeasured()))
                    .append("</td><td>").append(fmt(c.sdRatio())).append("</td><td>").append(fmt(c.ksStatistic()))
                    .append("</td><td>").append(fmtP(c.p())).append("</td><td>").append(fmtP(c.pHolm()))
                    .append("</td><td class=\"").append(c.verdict().equals(FeatureComparison.DIFFERS) ? "differs"
                            : c.verdict().equals(FeatureComparison.NOT_TESTED) ? "untested" : "same").append("\">")
                    .append(esc(c.verdict())).append("</td><td>")
                    .append(Double.isNaN(c.bound()) ? "—" : esc((c.feature().ratioEffect() ? "±" + fmt(c.bound())
                            : "±" + fmt(c.bound()) + u)))
                    .append("</td><td>").append(!r.tolerances().gating() ? "—" : c.passes() ? "pass"
                            : "<span class=\"fail\">FAIL</span>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        for (FeatureComparison c : r.features()) {
            if (!c.passes() && r.tolerances().gating()) {
                h.append("<p class=\"violation\">").append(esc(c.feature().key() + ": " + c.reason())).append("</p>\n");
            }
        }

        h.append("<h2 id=\"distributions\">Distributions</h2>\n");
        h.append("<p>Empirical cumulative distribution of each feature, both cohorts overlaid (synthetic blue,"
                + " measured orange): the Kolmogorov–Smirnov D is the largest vertical distance between the two"
                + " curves, and each median is where its curve crosses 0.5.</p>\n<div class=\"grid\">\n");
        int id = 0;
        for (Feature f : Feature.values()) {
            h.append("<figure class=\"ecdf\">\n").append(ecdfSvg(f, a, b, "e" + id++ + "_"))
                    .append("\n<figcaption>").append(esc(caption(r.get(f)))).append("</figcaption>\n</figure>\n");
        }
        h.append("</div>\n");

        h.append("<h2 id=\"band\">Spectral band</h2>\n");
        double[] lb = r.largestBandDifference();
        h.append(String.format(Locale.ROOT, "<p>Mean ± SD over each cohort of the %s spectrum, each spectrum phased"
                + " on its reference peak and divided by that peak's height, %.2f to %.2f ppm (evaluated exactly"
                + " on a %.3f ppm grid, so cohorts of different points and dwell times share it; %s). The mean"
                + " spectra differ most at %s ppm, by %s pooled SD.</p>%n", s.magnitudeBand() ? "magnitude" : "real",
                s.band().low(), s.band().high(), s.bandStepPpm(), s.alignBand() ? "each spectrum shifted so that its"
                        + " reference peak sits at " + fmt(s.reference().expectedPpm()) + " ppm, its offset being a"
                        + " feature of its own" : "frequency offsets are not removed, so their spread widens the band",
                fmt(lb[0]), signed(lb[1])));
        h.append("<figure class=\"band\">\n").append(bandSvg(r, List.of(0, 1), "both cohorts", "b0_", 1000, 420))
                .append("\n<figcaption>Both cohorts: mean (solid) and mean ± SD (dashed)</figcaption>\n</figure>\n");
        h.append("<div class=\"pair\">\n");
        h.append("<figure class=\"band\">\n").append(bandSvg(r, List.of(0), "synthetic", "b1_", 520, 320))
                .append("\n<figcaption>Synthetic cohort</figcaption>\n</figure>\n");
        h.append("<figure class=\"band\">\n").append(bandSvg(r, List.of(1), "measured", "b2_", 520, 320))
                .append("\n<figcaption>Measured cohort</figcaption>\n</figure>\n</div>\n");

        h.append("<h2 id=\"definitions\">Definitions</h2>\n<table class=\"defs\">\n<thead><tr><th>feature</th>"
                + "<th>definition</th></tr></thead>\n<tbody>\n");
        for (String[] d : definitions(s)) {
            h.append("<tr><td>").append(esc(d[0])).append("</td><td>").append(esc(d[1])).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h2 id=\"inputs\">Inputs and provenance</h2>\n");
        for (Cohort c : List.of(a, b)) {
            inputs(h, c);
        }
        h.append("<h2 id=\"references\">References</h2>\n<ol class=\"references\">\n")
                .append("<li>Smirnov N. Table for estimating the goodness of fit of empirical distributions. Ann Math"
                        + " Stat 1948;19:279-281 (two-sample Kolmogorov–Smirnov test; Apache Commons Math"
                        + " KolmogorovSmirnovTest).</li>\n")
                .append("<li>Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat"
                        + " 1979;6:65-70.</li>\n")
                .append("<li>Lin A, Andronesi O, Bogner W, et al. Minimum Reporting Standards for in vivo Magnetic"
                        + " Resonance Spectroscopy (MRSinMRS): experts' consensus recommendations. NMR Biomed"
                        + " 2021;34:e4484 (SNR and linewidth).</li>\n")
                .append("<li>Clarke WT, Bell TK, Emir UE, et al. NIfTI-MRS: a standard data format for magnetic"
                        + " resonance spectroscopy. Magn Reson Med 2022;88:2358-2370.</li>\n</ol>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The one-line result: how many features are indistinguishable, and the gate's outcome. */
    public static String resultLine(RealismComparison r) {
        long differ = r.features().stream().filter(c -> c.verdict().equals(FeatureComparison.DIFFERS)).count();
        long failing = r.features().stream().filter(c -> !c.passes()).count();
        return resultLine(r, differ, failing);
    }

    static String resultLine(RealismComparison r, long differ, long failing) {
        int n = r.features().size();
        String base = String.format(Locale.ROOT, "%d of %d features indistinguishable, %d differ", n - differ
                - r.features().stream().filter(c -> c.verdict().equals(FeatureComparison.NOT_TESTED)).count(), n,
                differ);
        if (!r.tolerances().gating()) {
            return base + " (Holm-adjusted α = " + fmt(r.tolerances().alpha()) + "; no tolerance given)";
        }
        return base + (failing == 0 ? "; within tolerance" : "; OUT OF TOLERANCE: " + String.join(", ",
                r.features().stream().filter(c -> !c.passes()).map(c -> c.feature().key()).toList()));
    }

    private static String caption(FeatureComparison c) {
        return String.format(Locale.ROOT, "%s: D = %s, Holm p = %s, %s", c.feature().label(), fmt(c.ksStatistic()),
                fmtP(c.pHolm()), c.verdict());
    }

    private static List<String[]> definitions(FeatureSettings s) {
        ReferencePeak ref = s.reference();
        String peak = ref.name() + " window (" + fmt(ref.lowPpm()) + " to " + fmt(ref.highPpm()) + " ppm)";
        List<String[]> d = new ArrayList<>();
        d.add(new String[] {"Spectrum", "S(f) = dwell·Σ w_m·x_m·exp(−2πi·f·t_m), w_0 = ½ (docs/metrics.md);"
                + " transients (DIM_DYN) averaged first. Around the reference window S is evaluated exactly (the"
                + " DTFT) on a 0.05 Hz grid."});
        d.add(new String[] {"Reference peak", "the largest local maximum of |D| strictly inside the " + peak
                + ", D(f) = S(f) − ½(S(f − Δ) + S(f + Δ)) with Δ = 0.05 ppm (S less its straight line under the"
                + " peak); refused unless it exceeds " + fmt(s.peakThreshold()) + " × the noise SD. φ = arg D there."
                + " Every measure below uses Re(S·e^{−iφ}), S phased on this peak."});
        d.add(new String[] {Feature.SNR.label(), "height h of the phased real peak / noise SD σ, σ the SD of the"
                + " phased real part over " + s.noise() + " after removing its least-squares line (MRSinMRS [3])"});
        d.add(new String[] {Feature.LINEWIDTH.label(), "full width at half height of the phased real peak (half of"
                + " h, measured from zero, not from a local baseline), crossings by linear interpolation on the"
                + " fine grid; n/a when the line does not fall to half height within 0.15 ppm of the window"});
        d.add(new String[] {Feature.OFFSET.label(), "(peak position − " + fmt(ref.expectedPpm()) + " ppm) × f0; the"
                + " position is the parabola vertex at the real maximum; positive: at a higher shift"});
        d.add(new String[] {Feature.PHASE.label(), "φ = arg D at the peak's maximum, in (−180°, 180°]:"
                + " the zero-order phase that puts the peak in absorption (it includes any first-order phase at"
                + " the peak). Compared as a linear quantity: a cohort spread across ±180° is not wrapped."});
        d.add(new String[] {Feature.RESIDUAL_WATER.label(), "20·log10(RMS of |S| over " + s.water() + " / h)"});
        d.add(new String[] {Feature.BASELINE.label(), "20·log10(RMS of b over " + s.baseline() + " / h), b the"
                + " running median (full width " + fmt(s.medianWidthPpm()) + " ppm) of the phased real part: the"
                + " smooth part of the spectrum, i.e. baseline, broad macromolecules and lipids and the unresolved"
                + " floor of the multiplets"});
        d.add(new String[] {"Band", (s.magnitudeBand() ? "|S|" : "Re(S·e^{−iφ})") + " / h on a uniform grid over "
                + s.band() + (s.alignBand() ? ", each spectrum shifted by its own frequency offset" : "")
                + ", mean and SD per point over each cohort"});
        return d;
    }

    private static void inputs(StringBuilder h, Cohort c) {
        h.append("<h3>").append(esc(capitalise(c.label()))).append(" cohort</h3>\n")
                .append("<table class=\"summary\">\n<tbody>\n");
        kv(h, "input", c.input());
        kv(h, "files", String.valueOf(c.files().size()));
        kv(h, "spectra measured", String.valueOf(c.spectra().size()));
        kv(h, "refused (no reference peak)", String.valueOf(c.refused().size()));
        kv(h, "spectrometer frequency", range(c.spectrometerMHz()[0], c.spectrometerMHz()[1], "%.4f") + " MHz");
        kv(h, "points", c.points()[0] == c.points()[1] ? String.valueOf(c.points()[0])
                : c.points()[0] + " to " + c.points()[1]);
        kv(h, "dwell time", range(c.dwellS()[0] * 1e6, c.dwellS()[1] * 1e6, "%.2f") + " µs");
        for (Map.Entry<String, Object> e : c.provenance().entrySet()) {
            kv(h, e.getKey().replace('_', ' '), String.valueOf(e.getValue()));
        }
        for (String n : c.notes()) {
            kv(h, "note", n);
        }
        h.append("</tbody>\n</table>\n");
        if (!c.refused().isEmpty()) {
            h.append("<p>Refused spectra:</p>\n<ul class=\"refused\">\n");
            for (SpectrumFeatures sf : c.refused()) {
                h.append("<li><code>").append(esc(sf.source())).append("</code>: ").append(esc(sf.refusal()))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<details><summary>").append(c.files().size()).append(" files</summary>\n<ol class=\"files\">\n");
        for (int i = 0; i < Math.min(LISTED_FILES, c.files().size()); i++) {
            h.append("<li><code>").append(esc(c.files().get(i))).append("</code></li>\n");
        }
        h.append("</ol>\n");
        if (c.files().size() > LISTED_FILES) {
            h.append("<p>… and ").append(c.files().size() - LISTED_FILES).append(" more (all in the CSV)</p>\n");
        }
        h.append("</details>\n");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String range(double lo, double hi, String f) {
        String a = String.format(Locale.ROOT, f, lo);
        String b = String.format(Locale.ROOT, f, hi);
        return a.equals(b) ? a : a + " to " + b;
    }

    private static void kv(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    /** The ECDF of a feature for both cohorts as a step line. */
    static String ecdfSvg(Feature f, Cohort a, Cohort b, String idPrefix) {
        List<Series> series = new ArrayList<>();
        for (Cohort c : List.of(a, b)) {
            double[] v = c.values(f);
            if (v.length > 0) {
                series.add(ecdf(c.label() + " (" + v.length + ")", v));
            }
        }
        if (series.isEmpty()) {
            series.add(new Series("no values", new double[] {0, 1}, new double[] {0, 0}));
        }
        Plot p = Plot.of(f.title(), new Axis(f.label(), false), "Cumulative fraction", series);
        JFreeChart chart = PlotRenderer.chart(p, 340);
        chart.getXYPlot().getRangeAxis().setRange(0, 1.0);
        return PlotRenderer.svg(chart, 340, 260, idPrefix);
    }

    static Series ecdf(String name, double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = v[i];
            y[2 * i] = (double) i / n;
            x[2 * i + 1] = v[i];
            y[2 * i + 1] = (double) (i + 1) / n;
        }
        return new Series(name, x, y);
    }

    /** Mean and mean ± SD of the chosen cohorts (0 synthetic, 1 measured), each cohort in its own colour. */
    static String bandSvg(RealismComparison r, List<Integer> which, String title, String idPrefix, int w, int hgt) {
        List<Series> series = new ArrayList<>();
        List<Integer> colour = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (int c : which) {
            double[][] band = c == 0 ? r.bandSynthetic() : r.bandMeasured();
            String label = c == 0 ? "synthetic" : "measured";
            int n = band[0].length;
            double[] hi = new double[n];
            double[] lo = new double[n];
            for (int k = 0; k < n; k++) {
                hi[k] = band[0][k] + band[1][k];
                lo[k] = band[0][k] - band[1][k];
            }
            series.add(new Series(label + " mean", r.bandPpm(), band[0]));
            series.add(new Series(label + " + SD", r.bandPpm(), hi));
            series.add(new Series(label + " − SD", r.bandPpm(), lo));
            for (int i = 0; i < 3; i++) {
                colour.add(c);
                dashed.add(i > 0);
            }
        }
        Plot p = Plot.of("Mean ± SD, " + title, Axis.PPM, "Normalised spectrum (peak height = 1)", series)
                .withRange(r.bandPpm()[0], r.bandPpm()[r.bandPpm().length - 1]);
        JFreeChart chart = PlotRenderer.chart(p, w);
        XYItemRenderer ren = chart.getXYPlot().getRenderer();
        for (int i = 0; i < series.size(); i++) {
            ren.setSeriesPaint(i, PlotRenderer.colour(colour.get(i)));
            ren.setSeriesStroke(i, dashed.get(i) ? new BasicStroke(0.8f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 3f}, 0f) : new BasicStroke(1.4f));
        }
        return PlotRenderer.svg(chart, w, hgt, idPrefix);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.ROOT, "%.3g", v) : trim(String.format(Locale.ROOT,
                a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v));
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : (v > 0 ? "+" : "") + fmt(v);
    }

    static String fmtP(double p) {
        return RealismComparison.formatP(p);
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static final String CSS = """
            body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            h3 { font-size: 1.05em; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.85em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; }
            .meta { color: #555; }
            .result { font-weight: bold; padding: 0.5em 0.8em; border-left: 4px solid #009e73; background: #f3faf7; }
            .result.fail { border-left-color: #d55e00; background: #fdf3ee; }
            td.differs, .fail, .violation { color: #b34700; font-weight: bold; }
            td.same { color: #00734f; } td.untested { color: #777; }
            .grid figure { display: inline-block; margin: 0 0.4em 0.6em 0; vertical-align: top; width: 340px; }
            .pair figure { display: inline-block; margin-right: 0.5em; vertical-align: top; }
            figure { margin: 0.5em 0; } figcaption { font-size: 0.8em; color: #555; }
            code { font-size: 0.85em; }
            """;
}
