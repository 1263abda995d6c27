package org.larmor.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.larmor.basis.Version;
import org.larmor.plot.Layout;
import org.larmor.plot.Plot;
import org.larmor.plot.PlotRenderer;
import org.larmor.plot.Series;
import org.larmor.plot.SpectrumPart;
import org.larmor.plot.SpectrumPlots;
import org.larmor.signal.Fid;
import org.larmor.spin.Nucleus;
import org.larmor.validate.ComparisonMetrics.Source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page describing a basis set: a reporting table in the spirit of the MRSinMRS consensus
 * checklist (Lin A, Andronesi O, Bogner W, et al. Minimum Reporting Standards for in vivo Magnetic Resonance
 * Spectroscopy (MRSinMRS): experts' consensus recommendations. NMR Biomed 2021;34:e4484), a methods paragraph to
 * cite, and every metabolite's spectrum as inline SVG. The page is XHTML (well-formed XML) with no external
 * resource — no script, style sheet, font or image is fetched — and contains no time stamp, so the same basis set
 * gives the same page.
 *
 * <p>Rows come from Larmor's {@code provenance.json} where there is one; for a basis set from another tool only
 * what its files state is shown, and the other rows say "not stated in the files".
 */
public final class BasisReport {
    /** Shown for checklist items the files do not give. */
    public static final String NOT_STATED = "not stated in the files";
    private static final int OVERVIEW_WIDTH = 1000;
    private static final int METABOLITE_WIDTH = 520;
    private static final int METABOLITE_HEIGHT = 230;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BasisReport() {
    }

    /**
     * Writes {@link #html} to {@code file}, creating its folder if needed, all-or-nothing
     * ({@link org.larmor.plot.AtomicWrite}): if writing fails the file is as it was.
     */
    public static void write(LoadedSpectra set, double ppmLow, double ppmHigh, Path file) throws IOException {
        org.larmor.plot.AtomicWrite.write(file, html(set, ppmLow, ppmHigh).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The report page.
     *
     * @param ppmLow  low end of the plotted ppm range
     * @param ppmHigh high end
     */
    public static String html(LoadedSpectra set, double ppmLow, double ppmHigh) {
        Map<String, Object> prov = set.provenance();
        Map<String, Object> seq = map(prov == null ? null : prov.get("sequence"));
        Map<String, Object> acq = map(seq.get("acquisition"));
        String name = seq.get("name") instanceof String n ? n : stem(set.source());
        References refs = References.of(prov);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Basis set report: ").append(esc(name)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Basis set report: ").append(esc(name)).append("</h1>\n");
        h.append("<p class=\"meta\">Written by Larmor ").append(esc(Version.get())).append(" from <code>")
                .append(esc(set.source())).append("</code> (").append(esc(set.format())).append(")")
                .append(prov == null ? "; no Larmor provenance found, so only what the files state is reported" : "")
                .append(".</p>\n");

        h.append("<h2 id=\"summary\">Reporting summary</h2>\n");
        h.append("<p>Items of the MRSinMRS checklist ").append(esc(refs.cite(MRSINMRS))).append(" that a basis set"
                + " determines.</p>\n");
        h.append("<table class=\"summary\">\n<thead><tr><th>Section</th><th>Item</th><th>Value</th></tr></thead>\n"
                + "<tbody>\n");
        for (String[] row : summaryRows(set, prov, seq, acq, refs)) {
            h.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td><td>")
                    .append(esc(row[2])).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h2 id=\"methods\">Methods text</h2>\n<p class=\"methods\">").append(esc(methods(set, prov, seq,
                acq, refs))).append("</p>\n");

        h.append("<h2 id=\"metabolites\">Metabolites</h2>\n");
        metaboliteTable(h, set, prov, refs);

        h.append("<h2 id=\"references\">References</h2>\n<ol class=\"references\">\n");
        for (int i = 0; i < refs.list().size(); i++) {
            h.append("<li id=\"ref-").append(i + 1).append("\">").append(esc(refs.list().get(i))).append("</li>\n");
        }
        h.append("</ol>\n");

        h.append("<h2 id=\"spectra\">Spectra</h2>\n");
        h.append(String.format(Locale.ROOT, "<p>Real part of each spectrum, %.2f to %.2f ppm (receiver at %.3f ppm),"
                + " with the first FID point halved and no extra broadening.</p>%n", ppmLow, ppmHigh,
                set.referencePpm()));
        int id = 0;
        for (Map.Entry<String, Map<String, Fid>> c : set.data().conditions().entrySet()) {
            Plot overview = SpectrumPlots.basis(conditionTitle(set, c.getKey(), "All metabolites"), c.getValue(),
                    set.spectrometerMHz(), set.referencePpm(), SpectrumPart.REAL, Layout.STACKED, ppmLow, ppmHigh);
            int height = Math.min(4000, 120 + 55 * c.getValue().size());
            h.append("<figure class=\"overview\">\n").append(PlotRenderer.svg(overview, OVERVIEW_WIDTH, height,
                    "ov" + id++ + "_")).append("\n<figcaption>").append(esc(conditionTitle(set, c.getKey(),
                    "All metabolites"))).append(", stacked; each trace scaled to the tallest, its label giving the factor"
                    + " (×n)</figcaption>\n</figure>\n");
        }
        for (String metabolite : metaboliteNames(set)) {
            List<Series> series = new ArrayList<>();
            for (Map.Entry<String, Map<String, Fid>> c : set.data().conditions().entrySet()) {
                Fid f = c.getValue().get(metabolite);
                if (f != null) {
                    series.add(SpectrumPlots.series(set.data().conditions().size() > 1 ? c.getKey() : metabolite, f,
                            set.spectrometerMHz(), set.referencePpm(), SpectrumPart.REAL, ppmLow, ppmHigh));
                }
            }
            Plot p = new Plot(metabolite, org.larmor.plot.Axis.PPM, SpectrumPlots.axisLabel(SpectrumPart.REAL), series, Layout.OVERLAID,
                    ppmLow, ppmHigh, false);
            h.append("<figure class=\"metabolite\" id=\"m-").append(esc(anchor(metabolite))).append("\">\n")
                    .append(PlotRenderer.svg(p, METABOLITE_WIDTH, METABOLITE_HEIGHT, "m" + id++ + "_"))
                    .append("\n<figcaption>").append(esc(metabolite)).append("</figcaption>\n</figure>\n");
        }

        if (prov != null) {
            h.append("<h2 id=\"files\">Files and provenance</h2>\n");
            if (prov.get("files") instanceof List<?> files && !files.isEmpty()) {
                h.append("<details><summary>").append(files.size()).append(" files with their SHA-256</summary>\n")
                        .append("<table class=\"files\">\n<thead><tr><th>File</th><th>Bytes</th><th>SHA-256</th>"
                                + "</tr></thead>\n<tbody>\n");
                for (Object f : files) {
                    Map<String, Object> fm = map(f);
                    h.append("<tr><td><code>").append(esc(str(fm.get("path")))).append("</code></td><td>")
                            .append(esc(str(fm.get("bytes")))).append("</td><td><code>")
                            .append(esc(str(fm.get("sha256")))).append("</code></td></tr>\n");
                }
                h.append("</tbody>\n</table>\n</details>\n");
            }
            h.append("<details><summary>Sequence parameters as written</summary>\n<pre>")
                    .append(esc(json(seq.get("parameters_as_written")))).append("</pre>\n</details>\n");
            h.append("<details><summary>Sequence as simulated (events)</summary>\n<pre>")
                    .append(esc(json(seq.get("events")))).append("</pre>\n</details>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Section, item, value: the MRSinMRS rows a basis set determines. */
    static List<String[]> summaryRows(LoadedSpectra set, Map<String, Object> prov, Map<String, Object> seq,
                                      Map<String, Object> acq) {
        return summaryRows(set, prov, seq, acq, References.of(prov));
    }

    static List<String[]> summaryRows(LoadedSpectra set, Map<String, Object> prov, Map<String, Object> seq,
                                      Map<String, Object> acq, References refs) {
        List<String[]> rows = new ArrayList<>();
        double mhz = set.spectrometerMHz();
        String nucleus = set.nucleus();
        String field;
        if (seq.get("b0_t") instanceof Number b0) {
            field = num(b0.doubleValue()) + " T";
        } else if (mhz > 0) {
            Nucleus n = nucleus == null ? Nucleus.H1 : Nucleus.parse(nucleus).orElse(null);
            field = n == null ? NOT_STATED : fmt("%.3f T (from the frequency%s)", mhz * 1e6
                    / Math.abs(n.gammaHzPerT()), nucleus == null ? ", assuming 1H" : "");
        } else {
            field = NOT_STATED;
        }
        rows.add(new String[] {"Hardware", "Field strength", field});
        rows.add(new String[] {"Hardware", "Spectrometer frequency", mhz > 0 ? fmt("%.6f MHz", mhz) : NOT_STATED});
        rows.add(new String[] {"Acquisition", "Nucleus", nucleus != null ? nucleus : NOT_STATED
                + " (1H assumed)"});
        String sequence = NOT_STATED;
        if (seq.get("template") instanceof String t) {
            sequence = t.toUpperCase(Locale.ROOT).replace('_', '-') + " (" + str(seq.get("name")) + ")";
        }
        rows.add(new String[] {"Acquisition", "Pulse sequence", sequence});
        if (seq.get("file") instanceof String f) {
            rows.add(new String[] {"Acquisition", "Sequence file", f + (seq.get("file_sha256") instanceof String s
                    ? ", SHA-256 " + s : "")});
        }
        double te = seq.get("echo_time_s") instanceof Number n ? n.doubleValue() : set.data().echoTimeS();
        rows.add(new String[] {"Acquisition", "Echo time (TE)", Double.isFinite(te) ? num(te * 1e3) + " ms"
                : prov != null ? "none (no echo)" : NOT_STATED});
        if (seq.get("mixing_time_s") instanceof Number tm) {
            rows.add(new String[] {"Acquisition", "Mixing time (TM)", num(tm.doubleValue() * 1e3) + " ms"});
        } else if (prov != null) {
            rows.add(new String[] {"Acquisition", "Mixing time (TM)", "none"});
        }
        rows.add(new String[] {"Acquisition", "RF pulses", prov != null ? pulses(seq) : NOT_STATED});
        rows.add(new String[] {"Acquisition", "Voxel / localisation", prov != null ? localisation(seq)
                : NOT_STATED});
        rows.add(new String[] {"Acquisition", "Spectral points", Integer.toString(set.points())});
        rows.add(new String[] {"Acquisition", "Spectral width", num(1 / set.data().dwellS()) + " Hz (dwell time "
                + num(set.data().dwellS() * 1e3) + " ms)"});
        rows.add(new String[] {"Acquisition", "Receiver reference", fmt("%.3f ppm", set.referencePpm())
                + (prov == null && set.notes().stream().anyMatch(n -> n.contains("reference")) ? " (assumed)" : "")});
        if (set.data().conditions().size() > 1 || !set.data().conditionNames().get(0).equals("main")) {
            rows.add(new String[] {"Acquisition", "Conditions", String.join(", ", set.data().conditionNames())});
        }
        if (!acq.isEmpty()) {
            rows.add(new String[] {"Analysis", "Basis lineshape", fmt("Lorentzian %s Hz, Gaussian %s Hz (FWHM)",
                    str(acq.getOrDefault("lorentzian_fwhm_hz", 0)), str(acq.getOrDefault("gaussian_fwhm_hz", 0)))});
        }
        rows.add(new String[] {"Analysis", "Basis-set simulation software", prov != null
                ? "Larmor " + str(prov.get("larmor_version")) : NOT_STATED});
        rows.add(new String[] {"Analysis", "Simulation method", prov != null ? str(prov.get("method")) : NOT_STATED});
        rows.add(new String[] {"Analysis", "Metabolites simulated", metaboliteNames(set).size() + ": "
                + String.join(", ", metaboliteNames(set))});
        rows.add(new String[] {"Analysis", "Spin-system sources", prov != null ? String.join(" | ", sources(prov, refs))
                : NOT_STATED});
        if (prov != null) {
            rows.add(new String[] {"Analysis", "FID sign convention", str(prov.get("fid_convention"))});
            rows.add(new String[] {"Analysis", "Normalisation", str(prov.get("normalisation"))});
        }
        rows.add(new String[] {"Analysis", "Basis-set format", set.format() + ": " + set.source()});
        return rows;
    }

    /** A methods paragraph a paper can adapt. */
    static String methods(LoadedSpectra set, Map<String, Object> prov, Map<String, Object> seq,
                          Map<String, Object> acq, References refs) {
        List<String> names = metaboliteNames(set);
        StringBuilder m = new StringBuilder();
        String list = names.size() + " metabolites (" + String.join(", ", names) + ")";
        if (prov != null) {
            m.append("Basis spectra of ").append(list).append(" were simulated with Larmor ")
                    .append(str(prov.get("larmor_version"))).append(" (").append(str(prov.get("method"))).append(")");
            String t = seq.get("template") instanceof String s ? s.toUpperCase(Locale.ROOT).replace('_', '-') : "";
            m.append(" for a ").append(t.isEmpty() ? "" : t + " ").append("sequence");
        } else {
            m.append("The basis set (").append(set.format()).append(", simulation software not stated in the files)"
                    + " holds spectra of ").append(list).append(",");
        }
        double te = seq.get("echo_time_s") instanceof Number n ? n.doubleValue() : set.data().echoTimeS();
        if (Double.isFinite(te)) {
            m.append(" with TE = ").append(num(te * 1e3)).append(" ms");
        }
        if (seq.get("mixing_time_s") instanceof Number tm) {
            m.append(" and TM = ").append(num(tm.doubleValue() * 1e3)).append(" ms");
        }
        if (seq.get("b0_t") instanceof Number b0) {
            m.append(" at ").append(num(b0.doubleValue())).append(fmt(" T (%.3f MHz)", set.spectrometerMHz()));
        } else if (set.spectrometerMHz() > 0) {
            m.append(fmt(" at %.3f MHz", set.spectrometerMHz()));
        }
        m.append(", with ").append(set.points()).append(" points over a spectral width of ")
                .append(num(1 / set.data().dwellS())).append(" Hz");
        if (!acq.isEmpty()) {
            m.append(", Lorentzian broadening of ").append(str(acq.getOrDefault("lorentzian_fwhm_hz", 0)))
                    .append(" Hz and Gaussian of ").append(str(acq.getOrDefault("gaussian_fwhm_hz", 0))).append(" Hz");
        }
        m.append('.');
        if (prov != null) {
            List<String> src = sources(prov, refs);
            if (!src.isEmpty()) {
                m.append(" Chemical shifts and J-couplings were taken from ").append(String.join("; ", src))
                        .append('.');
            }
            m.append(" Pulses: ").append(pulses(seq)).append(". Localisation: ").append(localisation(seq))
                    .append('.');
        }
        return m.toString();
    }

    private static void metaboliteTable(StringBuilder h, LoadedSpectra set, Map<String, Object> prov,
                                        References refs) {
        h.append("<table class=\"metabolites\">\n<thead><tr><th>Name</th><th>Full name</th><th>Tallest line (ppm)"
                + "</th><th>FWHM (Hz)</th><th>Source</th><th>Spin-system file</th></tr></thead>\n<tbody>\n");
        Map<String, Fid> first = set.data().conditions().values().iterator().next();
        for (String name : metaboliteNames(set)) {
            Map<String, Object> pm = provenanceOf(prov, name);
            Fid f = first.get(name);
            String peak = "–";
            String fwhm = "–";
            if (f != null) {
                double[] pf = tallestLine(new Source(f, set.spectrometerMHz(), set.referencePpm()));
                peak = Double.isFinite(pf[0]) ? fmt("%.3f", pf[0]) : "–";
                fwhm = Double.isFinite(pf[1]) ? fmt("%.2f", pf[1]) : "–";
            }
            h.append("<tr><td><a href=\"#m-").append(esc(anchor(name))).append("\">").append(esc(name))
                    .append("</a></td><td>").append(esc(str(pm.getOrDefault("full_name", "")))).append("</td><td>")
                    .append(peak).append("</td><td>").append(fwhm).append("</td><td>")
                    .append(esc(pm.containsKey("source") ? refs.cite(str(pm.get("source")))
                            : prov == null ? NOT_STATED : "")).append("</td><td>")
                    .append(pm.get("file") == null ? "" : "<code>" + esc(str(pm.get("file"))) + "</code>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Position (ppm) and FWHM (Hz) of the tallest point of the real spectrum; NaN where not measurable. */
    private static double[] tallestLine(Source s) {
        double[] grid = new double[s.fid().points()];
        double lo = s.referencePpm() - 0.49 * s.widthPpm();
        double step = 0.98 * s.widthPpm() / (grid.length - 1);
        for (int j = 0; j < grid.length; j++) {
            grid[j] = lo + j * step;
        }
        double[] re = s.at(grid)[0];
        int best = 0;
        for (int j = 1; j < re.length; j++) {
            if (re[j] > re[best]) {
                best = j;
            }
        }
        if (!(re[best] > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double pos = ComparisonMetrics.peakPpm(s, grid[best], 2 * step);
        double fwhm = ComparisonMetrics.fwhmHz(s, grid[best], 0.1);
        return new double[] {pos, fwhm};
    }

    private static List<String> metaboliteNames(LoadedSpectra set) {
        Set<String> names = new LinkedHashSet<>();
        set.data().conditions().values().forEach(m -> names.addAll(m.keySet()));
        return new ArrayList<>(names);
    }

    private static Map<String, Object> provenanceOf(Map<String, Object> prov, String name) {
        if (prov != null && prov.get("metabolites") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = map(o);
                if (name.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return Map.of();
    }

    /**
     * Each distinct source statement, its citations replaced by their numbers in {@code refs}, with the metabolites
     * that use it.
     */
    private static List<String> sources(Map<String, Object> prov, References refs) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        if (prov.get("metabolites") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = map(o);
                String src = refs.cite(str(m.getOrDefault("source", "unknown source")));
                bySource.computeIfAbsent(src.isBlank() ? "unknown source" : src, k -> new ArrayList<>())
                        .add(str(m.get("name")));
            }
        }
        List<String> out = new ArrayList<>();
        bySource.forEach((src, names) -> out.add(src.strip() + " (" + String.join(", ", names) + ")"));
        return out;
    }

    /** The pulses of the first variant, in order, as "label flip° (phase φ°[, band])", and their shapes. */
    private static String pulses(Map<String, Object> seq) {
        List<String> parts = new ArrayList<>();
        if (seq.get("events") instanceof Map<?, ?> variants && !variants.isEmpty()) {
            Object first = variants.values().iterator().next();
            if (first instanceof List<?> events) {
                for (Object e : events) {
                    Map<String, Object> em = map(e);
                    if (!"pulse".equals(em.get("event"))) {
                        continue;
                    }
                    StringBuilder p = new StringBuilder(str(em.getOrDefault("label", "pulse")));
                    if (em.get("flip_deg") instanceof Number flip) {
                        p.append(" ").append(num(flip.doubleValue())).append("°");
                    }
                    if (em.get("phase_deg") instanceof Number ph) {
                        p.append(" (phase ").append(num(ph.doubleValue())).append("°");
                        if (em.get("band_center_ppm") instanceof Number c) {
                            p.append(", band ").append(num(c.doubleValue())).append(" ppm");
                            if (em.get("band_width_hz") instanceof Number w) {
                                p.append(" ± ").append(num(w.doubleValue() / 2)).append(" Hz");
                            }
                        }
                        p.append(')');
                    }
                    parts.add(p.toString());
                }
            }
        }
        List<String> shapes = new ArrayList<>();
        Map<String, Object> written = map(seq.get("parameters_as_written"));
        written.forEach((k, v) -> {
            Map<String, Object> vm = map(v);
            for (String key : List.of("pulse", "shape", "file", "waveform")) {
                if (vm.get(key) != null) {
                    shapes.add(k + ": " + (vm.get(key) instanceof String s ? s : json(vm.get(key)).replaceAll("\\s+",
                            " ")) + (vm.get("duration_ms") instanceof Number d ? ", " + num(d.doubleValue()) + " ms" : ""));
                    break;
                }
            }
        });
        String ev = parts.isEmpty() ? "none listed" : String.join("; ", parts);
        return ev + (shapes.isEmpty() ? "" : ". Shapes: " + String.join("; ", shapes));
    }

    /**
     * Voxel and localisation in words: "voxel 20 × 20 × 20 mm, simulated field 30 × 30 × 30 mm, 64 × 64 × 64
     * positions, method projection"; other localisation parameters as "key value"; or the statement that there was
     * none.
     */
    static String localisation(Map<String, Object> seq) {
        List<String> found = new ArrayList<>();
        Map<String, Object> loc = map(seq.get("localisation"));
        Map<String, Object> written = map(seq.get("parameters_as_written"));
        Set<String> done = new LinkedHashSet<>();
        if (loc.get("voxel_m") instanceof List<?> v) {
            found.add("voxel " + dims(v, 1e3) + " mm");
            done.add("voxel_mm");
        } else if (written.get("voxel_mm") instanceof List<?> v) {
            found.add("voxel " + dims(v, 1) + " mm");
            done.add("voxel_mm");
        }
        if (loc.get("fov_m") instanceof List<?> v) {
            found.add("simulated field " + dims(v, 1e3) + " mm");
        }
        if (loc.get("positions") instanceof List<?> v) {
            found.add(dims(v, 1) + " positions");
        }
        if (loc.get("method") instanceof String m) {
            found.add("method " + m);
        }
        if (!loc.isEmpty()) {
            done.add("localisation");
        }
        for (Map<String, Object> m : List.of(seq, written)) {
            m.forEach((k, v) -> {
                String key = k.toLowerCase(Locale.ROOT);
                if (!done.contains(key) && (key.contains("voxel") || key.contains("locali") || key.contains("slice")
                        || key.equals("fov"))) {
                    String text = k.replace('_', ' ') + " " + plain(v);
                    if (!found.contains(text)) {
                        found.add(text);
                    }
                }
            });
        }
        return found.isEmpty() ? "none simulated: ideal pulses act on the whole sample (no voxel)"
                : String.join(", ", found);
    }

    /** A list of numbers as "20 × 20 × 20", each times {@code scale}. */
    private static String dims(List<?> values, double scale) {
        List<String> parts = new ArrayList<>();
        for (Object o : values) {
            parts.add(o instanceof Number n ? num(n.doubleValue() * scale) : plain(o));
        }
        return String.join(" × ", parts);
    }

    /** A parameter value in words, not JSON: numbers plainly, lists of numbers as "a × b", maps as "k v, k v". */
    private static String plain(Object o) {
        if (o instanceof Number n) {
            return num(n.doubleValue());
        }
        if (o instanceof List<?> l) {
            return l.stream().allMatch(x -> x instanceof Number) ? dims(l, 1)
                    : String.join(", ", l.stream().map(BasisReport::plain).toList());
        }
        if (o instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(String.valueOf(k).replace('_', ' ') + " " + plain(v)));
            return String.join(", ", parts);
        }
        return String.valueOf(o);
    }

    /** The MRSinMRS consensus paper, cited by the reporting summary. */
    static final String MRSINMRS = "Lin A, Andronesi O, Bogner W, et al. Minimum Reporting Standards for in vivo"
            + " Magnetic Resonance Spectroscopy (MRSinMRS): experts' consensus recommendations. NMR Biomed"
            + " 2021;34:e4484";

    /**
     * The numbered reference list of a page: every journal citation found in the spin-system sources (and the
     * MRSinMRS paper), each once, in order of first appearance; a source statement is shown with its citations
     * replaced by "[n]". Two citations are the same work when first author, year and volume agree; the longest
     * form (the one with a title) is listed.
     */
    static final class References {
        /** "Surname I[, Surname I]…[, et al]. [Title. ]Journal YEAR;VOL[(ISSUE)]:PAGES". */
        static final Pattern CITATION = Pattern.compile("(\\p{Lu}[\\p{L}'\\-]+) \\p{Lu}{1,4}"
                + "(?:, \\p{Lu}[\\p{L}'\\-]+ \\p{Lu}{1,4})*(?:,? et al)?\\. (?:[^.;]+?\\. )?\\p{Lu}[\\p{L} .]*? "
                + "(\\d{4});(\\d+)(?:\\(\\d+\\))?:e?\\d+(?:-\\d+)?");
        /** FID-A's per-system variable names, "(sysAla)": the metabolite is named beside the source anyway. */
        private static final Pattern FIDA_NAME = Pattern.compile("\\s*\\(sys[^)\\s]*\\)");

        private final Map<String, Integer> number = new LinkedHashMap<>();
        private final List<String> texts = new ArrayList<>();

        static References of(Map<String, Object> prov) {
            References r = new References();
            r.cite(MRSINMRS);
            if (prov != null && prov.get("metabolites") instanceof List<?> list) {
                for (Object o : list) {
                    r.cite(str(map(o).get("source")));
                }
            }
            return r;
        }

        /** The statement with each citation replaced by its number, "[2]", registering new ones. */
        String cite(String statement) {
            Matcher m = CITATION.matcher(statement);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String key = m.group(1) + "|" + m.group(2) + "|" + m.group(3);
                Integer n = number.get(key);
                if (n == null) {
                    n = texts.size() + 1;
                    number.put(key, n);
                    texts.add(m.group());
                } else if (m.group().length() > texts.get(n - 1).length()) {
                    texts.set(n - 1, m.group());
                }
                m.appendReplacement(out, Matcher.quoteReplacement("[" + n + "]"));
            }
            m.appendTail(out);
            return FIDA_NAME.matcher(out).replaceAll("");
        }

        /** The works cited, reference [n] at index n − 1. */
        List<String> list() {
            return List.copyOf(texts);
        }
    }

    private static String conditionTitle(LoadedSpectra set, String condition, String what) {
        return set.data().conditions().size() > 1 ? what + ", " + condition : what;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String str(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return o.toString();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return String.valueOf(o);
        }
    }

    /** A number with up to six significant digits and no trailing zeros: 2.89, 30, 0.25. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String t = String.format(Locale.ROOT, "%.6g", v);
        if (t.contains("e")) {
            return t;
        }
        if (t.indexOf('.') >= 0) {
            t = t.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return t.equals("-0") ? "0" : t;
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    private static String stem(String source) {
        String n = Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
        return n.replaceFirst("(?i)\\.(nii\\.gz|nii|basis|raw|h2o|json|txt)$", "");
    }

    private static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Text escaped for XML content and attribute values. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; }
            td:first-child { white-space: nowrap; }
            .meta { color: #555; } .methods { background: #f8f8f8; padding: 0.8em; border-left: 3px solid #0072b2; }
            figure { margin: 0.5em 0; } figure.metabolite { display: inline-block; margin-right: 0.5em; }
            figcaption { font-size: 0.85em; color: #555; }
            code, pre { font-size: 0.85em; } pre { background: #f8f8f8; padding: 0.5em; overflow-x: auto; }
            """;
}
