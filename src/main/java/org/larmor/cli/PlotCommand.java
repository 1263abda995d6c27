package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.plot.Layout;
import org.larmor.plot.Plot;
import org.larmor.plot.PlotRenderer;
import org.larmor.plot.Series;
import org.larmor.plot.SpectrumPart;
import org.larmor.plot.SpectrumPlots;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.validate.BasisFiles;
import org.larmor.validate.LoadedSpectra;
import org.larmor.validate.PpmWindow;
import org.larmor.validate.SpectrumChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code larmor plot}: spectra of basis sets or spectra in any supported format, stacked or overlaid on a ppm axis
 * drawn decreasing to the right, to PNG or SVG.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:internal error (a bug: please report it)",
                "2:bad input or option, or the output file cannot be written (full disk, no permission); files are"
                        + " written whole or not at all"},
        description = {"Plot basis spectra or spectra (LCModel .BASIS/.RAW, NIfTI-MRS, FSL-MRS JSON, jMRUI text; a file,"
                + " a folder or a Larmor output folder) to PNG or SVG, on a ppm axis decreasing to the right.",
                "With --components the first input is a spectrum (drawn in black) and the others its components.",
                "Examples: larmor plot out/press-te30-3t --metabolites NAA,Cr,mI --out basis.png",
                "          larmor plot synth.nii.gz components/ --components --layout overlaid --out synth.svg",
                "          larmor plot out/gm/spectra_00000.npy --index 0-9 --out first10.png"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "basis set(s) or spectra: files or folders; with"
            + " --pulse, one RF pulse file")
    List<Path> inputs;

    @Option(names = "--pulse", description = "INPUT is an RF pulse file: plot its profile (needs --duration-ms)")
    boolean pulse;

    @Option(names = "--duration-ms", paramLabel = "MS", description = "pulse duration, with --pulse")
    Double durationMs;

    @Option(names = "--flip-deg", paramLabel = "DEG", defaultValue = "90",
            description = "flip angle, with --pulse (default ${DEFAULT-VALUE})")
    double flipDeg;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "image to write: .png or .svg")
    Path out;

    @Option(names = {"-m", "--metabolites"}, defaultValue = "all", paramLabel = "LIST",
            description = "'all' or comma-separated names/aliases to draw (default ${DEFAULT-VALUE})")
    String metabolites;

    @Option(names = {"-c", "--condition"}, paramLabel = "NAME",
            description = "condition to draw (MEGA: ON, OFF, DIFF), or 'all' (default: the first)")
    String condition;

    @Option(names = "--layout", defaultValue = "stacked", paramLabel = "LAYOUT",
            description = "stacked or overlaid (default ${DEFAULT-VALUE})")
    String layout;

    @Option(names = "--scale", defaultValue = "per-trace", paramLabel = "SCALE",
            description = "stacked plots: per-trace (each trace to the tallest's height, the label giving the factor,"
                    + " e.g. GABA ×12) or shared (heights compare directly) (default ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--part", defaultValue = "real", paramLabel = "PART",
            description = "real, imag or magnitude (default ${DEFAULT-VALUE})")
    String part;

    @Option(names = "--ppm", paramLabel = "LOW,HIGH",
            description = "ppm range shown (default 0,4.5 for 1H, else the whole spectral width)")
    String ppm;

    @Option(names = "--components", description = "first input is a spectrum, the others its components (overlaid)")
    boolean components;

    @Option(names = "--width", defaultValue = "1000", paramLabel = "PX", description = "width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "PX",
            description = "height (default 600, or 120 + 70 per spectrum when stacked)")
    Integer height;

    @Option(names = "--title", paramLabel = "TEXT", description = "title, at most 200 characters (default: the"
            + " input's name)")
    String title;

    @Option(names = "--index", paramLabel = "ROWS",
            description = "for a synthesiser chunk (spectra_00000.npy, dwell time and frequency from the manifest.json"
                    + " beside it): the rows to draw, e.g. 0-9 or 0,3,7 (default: the first 5)")
    String index;

    @Option(names = "--raw-dwell", paramLabel = "SECONDS",
            description = "dwell time of LCModel .RAW inputs when the file does not state it")
    Double rawDwell;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin systems for aliases (default: shipped)")
    Path spinSystems;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The ppm range drawn by default for ¹H spectra. */
    static final double[] DEFAULT_1H_PPM = {0.0, 4.5};

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        if (title != null && title.length() > Plot.MAX_TITLE) {
            throw InputException.of("--title", "the title has " + title.length() + " characters; at most "
                    + Plot.MAX_TITLE + " fit above a plot");
        }
        if (pulse) {
            return plotPulse(pw);
        }
        SpectrumPart p = parse(() -> SpectrumPart.parse(part), "--part");
        Layout l = parse(() -> Layout.parse(layout), "--layout");
        org.larmor.plot.Scale sc = parse(() -> org.larmor.plot.Scale.parse(scale), "--scale");
        double dwell = rawDwell == null ? Double.NaN : rawDwell;
        if (index != null && inputs.stream().noneMatch(NpyChunks::isNpy)) {
            throw InputException.of("--index", "selects rows of a synthesiser chunk (spectra_00000.npy); none of "
                    + inputs + " is one");
        }
        List<LoadedSpectra> loaded = new ArrayList<>();
        for (Path in : inputs) {
            LoadedSpectra s = NpyChunks.isNpy(in) ? NpyChunks.load(in, index) : BasisFiles.load(in, dwell);
            SpectrumChecks.requirePpmAxis(s); // the same check as compare and report
            loaded.add(s);
        }
        double[] range = range(loaded);
        SpinLibrary lib = library();
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            LoadedSpectra s = loaded.get(i);
            boolean all = components && i == 0 || metabolites.trim().equalsIgnoreCase("all");
            for (Map.Entry<String, Map<String, Fid>> c : conditions(s).entrySet()) {
                for (Map.Entry<String, Fid> f : select(s, c.getValue(), all, lib).entrySet()) {
                    String name = components ? componentName(f.getKey(), i, stem(inputs.get(0)))
                            : f.getKey() + (conditions(s).size() > 1 ? " " + c.getKey() : "")
                            + (loaded.size() > 1 ? " (" + stem(inputs.get(i)) + ")" : "");
                    series.add(SpectrumPlots.series(name, f.getValue(), s.spectrometerMHz(), s.referencePpm(), p,
                            range[0], range[1]));
                }
            }
        }
        if (series.isEmpty()) {
            throw InputException.of("--metabolites", "nothing to plot: \"" + metabolites + "\" matches no spectrum in "
                    + inputs);
        }
        // A components plot is titled by its spectrum, not the list of component files; the legend has a heading.
        String t = title != null ? title : components ? stem(inputs.get(0)) + " and its components"
                : inputs.size() == 1 ? name(loaded.get(0), inputs.get(0))
                : String.join(", ", inputs.stream().map(PlotCommand::stem).toList());
        Plot plot = new Plot(t, org.larmor.plot.Axis.PPM, SpectrumPlots.axisLabel(p), series, components ? Layout.OVERLAID : l,
                range[0], range[1], components, sc, components ? "Spectrum and components" : null);
        int h = height != null ? height : plot.layout() == Layout.STACKED && series.size() > 1
                ? Math.min(4000, 120 + 70 * series.size()) : 600;
        if (width < 50 || width > 20000 || h < 50 || h > 20000) {
            throw InputException.of("--width/--height", width + "×" + h + ": expected 50 to 20000 pixels each way");
        }
        try {
            PlotRenderer.write(plot, out, width, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        pw.printf(Locale.ROOT, "%d spectra plotted to %s (%d×%d)%n", series.size(), out, width, h);
        return 0;
    }

    private double[] range(List<LoadedSpectra> loaded) {
        if (ppm != null) {
            PpmWindow w = PpmWindow.parse(ppm, "--ppm");
            return new double[] {w.low(), w.high()};
        }
        boolean proton = loaded.stream().allMatch(s -> s.nucleus() == null || s.nucleus().equals("1H"));
        if (proton) {
            return DEFAULT_1H_PPM.clone();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LoadedSpectra s : loaded) {
            double half = 0.5 / s.data().dwellS() / s.spectrometerMHz();
            lo = Math.min(lo, s.referencePpm() - half);
            hi = Math.max(hi, s.referencePpm() + half);
        }
        return new double[] {lo, hi};
    }

    /**
     * The legend name of a series in a components plot: "spectrum" for the first input, else the component's name
     * without the spectrum's file name ("spectrum_0000000_macromolecules" → "macromolecules").
     */
    static String componentName(String key, int input, String spectrumStem) {
        if (input == 0) {
            return "spectrum";
        }
        String k = key;
        if (k.startsWith(spectrumStem + "_") && k.length() > spectrumStem.length() + 1) {
            k = k.substring(spectrumStem.length() + 1);
        }
        return k.replace('_', ' ');
    }

    /** The conditions to draw: the one asked for, all, or the first. */
    private Map<String, Map<String, Fid>> conditions(LoadedSpectra s) {
        Map<String, Map<String, Fid>> all = s.data().conditions();
        if (condition == null) {
            String first = all.keySet().iterator().next();
            return Map.of(first, all.get(first));
        }
        if (condition.trim().equalsIgnoreCase("all")) {
            return all;
        }
        for (String c : all.keySet()) {
            if (c.equalsIgnoreCase(condition.trim())) {
                return Map.of(c, all.get(c));
            }
        }
        throw InputException.of("--condition", "\"" + condition + "\" is not in " + s.source() + "; it has "
                + all.keySet() + " (or 'all')");
    }

    /** The FIDs named in --metabolites (by name or alias), in the file's order. */
    private Map<String, Fid> select(LoadedSpectra s, Map<String, Fid> fids, boolean all, SpinLibrary lib) {
        if (all) {
            return fids;
        }
        Map<String, Fid> out = new LinkedHashMap<>();
        for (String raw : metabolites.split(",")) {
            String want = raw.trim();
            if (want.isEmpty()) {
                continue;
            }
            String key = canonical(want, lib);
            for (Map.Entry<String, Fid> e : fids.entrySet()) {
                if (canonical(e.getKey(), lib).equals(key)) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    private static String canonical(String name, SpinLibrary lib) {
        Optional<SpinSystem> s = lib == null ? Optional.empty() : lib.find(name);
        return s.map(SpinSystem::name).orElse(name).toLowerCase(Locale.ROOT);
    }

    private SpinLibrary library() {
        Path dir = spinSystems != null ? spinSystems : Locations.shipped("spin-systems");
        return spinSystems != null || Files.isDirectory(dir) ? SpinLibrary.load(dir) : null;
    }

    /** The sequence name of a Larmor basis set, else the file or folder name. */
    static String name(LoadedSpectra s, Path p) {
        if (s.provenance() != null && s.provenance().get("sequence") instanceof Map<?, ?> seq
                && seq.get("name") instanceof String n) {
            return n;
        }
        return stem(p);
    }

    /** The profile of one RF pulse file. */
    private Integer plotPulse(PrintWriter pw) {
        if (inputs.size() != 1) {
            throw InputException.of("--pulse", "plot one pulse file at a time, got " + inputs.size());
        }
        if (durationMs == null || !(durationMs > 0 && durationMs <= 1000)) {
            throw InputException.of("--duration-ms", "--pulse needs the pulse duration, from 0 to 1000 ms");
        }
        org.larmor.rf.PulseSummary s = org.larmor.rf.PulseAnalysis.analyse(org.larmor.rf.PulseFiles.read(
                inputs.get(0)), durationMs * 1e-3, Math.toRadians(flipDeg));
        Plot p = SpectrumPlots.pulseProfile(s);
        if (title != null) {
            p = new Plot(title, p.xAxis(), p.yLabel(), p.series(), p.layout(), p.xLow(), p.xHigh(),
                    p.emphasiseFirst());
        }
        int h = height != null ? height : 500;
        try {
            PlotRenderer.write(p, out, width, h);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        pw.printf("profile of %s plotted to %s (%d×%d)%n", inputs.get(0), out, width, h);
        return 0;
    }

    static String stem(Path p) {
        String n = p.toAbsolutePath().normalize().getFileName().toString();
        return n.replaceFirst("(?i)\\.(nii\\.gz|nii|basis|raw|h2o|json|txt|npy)$", "");
    }

    private static <T> T parse(java.util.function.Supplier<T> f, String option) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw InputException.of(option, e.getMessage());
        }
    }
}
