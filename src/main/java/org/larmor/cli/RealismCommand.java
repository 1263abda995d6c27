package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.realism.Cohort;
import org.larmor.realism.CohortReader;
import org.larmor.realism.Feature;
import org.larmor.realism.FeatureComparison;
import org.larmor.realism.FeatureExtractor;
import org.larmor.realism.FeatureSettings;
import org.larmor.realism.RealismComparison;
import org.larmor.realism.RealismReport;
import org.larmor.realism.RealismTolerances;
import org.larmor.realism.ReferencePeak;
import org.larmor.validate.PpmWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code larmor realism SYNTH MEASURED}: is a synthetic cohort distributed like a measured one? Per-spectrum
 * features (SNR, linewidth, frequency offset, zero-order phase, residual water, baseline), a two-sample test per
 * feature with a verdict, the mean ± SD spectral band, in one self-contained HTML page with a JSON summary and a
 * CSV beside it (docs/realism.md).
 */
@Command(name = "realism", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a synthetic cohort of spectra with a measured one: the distributions of SNR,"
                + " linewidth, frequency offset, zero-order phase, residual-water and baseline power (each measured"
                + " identically on every spectrum), a two-sample Kolmogorov-Smirnov test per feature, Holm-corrected"
                + " over the features, with effect sizes and a verdict, and the mean ± SD spectral band of each"
                + " cohort. Writes one self-contained HTML page, a JSON summary and a CSV of every spectrum's"
                + " features (docs/realism.md).",
                "SYNTH and MEASURED are NIfTI-MRS files or folders of them (searched to any depth), or a Larmor"
                        + " synthetic dataset written with --nifti (its nifti/spectrum_NNNNNNN.nii.gz). Transients"
                        + " on DIM_DYN are averaged as stored (align drifting transients first); uncombined coils"
                        + " (DIM_COIL), edited conditions (DIM_EDIT) and other dimensions are refused. 1H only.",
                "Example: larmor realism out/gm measured/ --out realism.html --tolerance p=0.01,linewidth_hz=1"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:compared; every feature within tolerance, or no --tolerance given",
                "1:internal error (a bug: please report it)",
                "2:bad input: unreadable file, uncombined coils, a spectrum without its reference peak (unless"
                        + " --exclude-missing-peak), fields more than 5 %% apart, bad option; or an output cannot be"
                        + " written (files are written whole or not at all)",
                "3:compared, and some feature is out of tolerance (each is listed)"})
final class RealismCommand implements Callable<Integer> {
    /** Exit status when a feature is out of tolerance. */
    static final int OUT_OF_TOLERANCE = 3;

    @Parameters(index = "0", paramLabel = "SYNTH", description = "synthetic cohort: Larmor dataset, folder or file")
    Path synth;

    @Parameters(index = "1", paramLabel = "MEASURED", description = "measured cohort: NIfTI-MRS folder or file")
    Path measured;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.html", defaultValue = "realism.html",
            description = "HTML page to write (default ${DEFAULT-VALUE}); FILE.json and FILE_features.csv beside it")
    Path out;

    @Option(names = {"-t", "--tolerance"}, paramLabel = "KEY=VALUE",
            description = {"gate (exit status 3), repeatable or comma-separated: p=ALPHA (family-wise level of the"
                    + " Holm-corrected KS tests, default 0.01); snr_ratio=X (tolerate |median ratio - 1| <= X);"
                    + " linewidth_hz, offset_hz, phase_deg, residual_water_db, baseline_db=X (tolerate |difference of"
                    + " medians| <= X); sd_ratio=X (with a bound, also |SD ratio - 1| <= X). A feature fails when it"
                    + " differs significantly and beyond its bound."})
    List<String> tolerance;

    @Option(names = "--reference", paramLabel = "NAME|PPM", defaultValue = "NAA",
            description = "singlet of SNR, linewidth, offset and phase: NAA (2.008 ppm, default), tCr (3.027), tCho"
                    + " (3.20), water, or a shift in ppm")
    String reference;

    @Option(names = "--reference-window", paramLabel = "LOW,HIGH",
            description = "window its maximum must lie in (default NAA 1.8,2.2; tCr 2.92,3.12; tCho 3.12,3.30;"
                    + " water ±0.25 ppm; a shift ±0.1 ppm)")
    String referenceWindow;

    @Option(names = "--peak-threshold", paramLabel = "K", defaultValue = "5",
            description = "the reference peak is there only if its maximum (magnitude less the local straight"
                    + " line) exceeds K noise SDs (default ${DEFAULT-VALUE})")
    double peakThreshold;

    @Option(names = "--exclude-missing-peak",
            description = "leave out and list spectra without the reference peak (default: refuse them, exit 2)")
    boolean excludeMissing;

    @Option(names = "--condition", paramLabel = "NAME",
            description = "edited data: the DIM_EDIT condition to measure (e.g. OFF), or the combination of a Larmor"
                    + " dataset (DIFF: its spectrum_NNNNNNN_DIFF.nii.gz); files without DIM_EDIT are taken as it")
    String condition;

    @Option(names = "--noise-ppm", paramLabel = "LOW,HIGH", defaultValue = "-3,-1",
            description = "signal-free window of the noise SD (default ${DEFAULT-VALUE} ppm)")
    String noisePpm;

    @Option(names = "--water-ppm", paramLabel = "LOW,HIGH", defaultValue = "4.4,5.0",
            description = "residual-water window (default ${DEFAULT-VALUE} ppm)")
    String waterPpm;

    @Option(names = "--baseline-ppm", paramLabel = "LOW,HIGH", defaultValue = "0.2,4.2",
            description = "range of the baseline power (default ${DEFAULT-VALUE} ppm)")
    String baselinePpm;

    @Option(names = "--ppm", paramLabel = "LOW,HIGH", defaultValue = "0.2,4.2",
            description = "range of the spectral band (default ${DEFAULT-VALUE} ppm)")
    String bandPpm;

    @Option(names = "--band", paramLabel = "real|magnitude", defaultValue = "real",
            description = "part drawn in the band: real (phased on the reference peak, default) or magnitude")
    String bandPart;

    @Option(names = "--band-align", paramLabel = "reference|none", defaultValue = "reference",
            description = "shift each spectrum of the band so its reference peak sits at its expected shift"
                    + " (reference, default; the offsets are compared as a feature of their own) or not (none)")
    String bandAlign;

    @Option(names = "--allow-field-mismatch",
            description = "compare cohorts whose spectrometer frequencies differ by more than 5 %%")
    boolean allowFieldMismatch;

    @Option(names = {"-q", "--quiet"}, description = "print only the result line")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        RealismTolerances tol = RealismTolerances.parse(tolerance);
        if (!(peakThreshold > 0) || !Double.isFinite(peakThreshold)) {
            throw InputException.of("--peak-threshold", peakThreshold + ": expected a positive number");
        }
        boolean magnitude = switch (bandPart.trim().toLowerCase(Locale.ROOT)) {
            case "real" -> false;
            case "magnitude", "abs" -> true;
            default -> throw InputException.of("--band", "\"" + bandPart + "\": expected real or magnitude");
        };
        boolean align = switch (bandAlign.trim().toLowerCase(Locale.ROOT)) {
            case "reference" -> true;
            case "none" -> false;
            default -> throw InputException.of("--band-align", "\"" + bandAlign + "\": expected reference or none");
        };
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".xhtml")) {
            throw InputException.of("--out", out + ": expected a .html file name");
        }
        FeatureSettings settings = FeatureSettings.defaults1H(ReferencePeak.named(reference, referenceWindow))
                .withNoise(PpmWindow.parse(noisePpm, "--noise-ppm"))
                .withWater(PpmWindow.parse(waterPpm, "--water-ppm"))
                .withBaseline(PpmWindow.parse(baselinePpm, "--baseline-ppm"))
                .withBand(PpmWindow.parse(bandPpm, "--ppm"), magnitude)
                .withBandAligned(align)
                .withPeakThreshold(peakThreshold);
        FeatureExtractor fx = new FeatureExtractor(settings);
        Cohort a = CohortReader.read(synth, "synthetic", fx, excludeMissing, condition);
        Cohort b = CohortReader.read(measured, "measured", fx, excludeMissing, condition);
        double fa = a.spectrometerMHz()[0];
        double fb = b.spectrometerMHz()[0];
        if (!allowFieldMismatch && Math.max(fa, fb) > 1.05 * Math.min(fa, fb)) {
            throw InputException.of(measured.toString(), String.format(Locale.ROOT, "spectrometer frequency %.3f MHz"
                    + " is more than 5 %% from the synthetic cohort's %.3f MHz: linewidths in Hz and lineshapes differ"
                    + " between fields (--allow-field-mismatch to compare anyway)", fb, fa));
        }
        RealismComparison r = RealismComparison.of(a, b, tol, fx.bandPpm());
        RealismReport.Outputs o = RealismReport.Outputs.beside(out);
        try {
            RealismReport.write(r, settings, o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        long failing = r.features().stream().filter(c -> !c.passes()).count();
        if (!quiet) {
            pw.printf(Locale.ROOT, "synthetic: %s, %d spectra%s%n", synth, a.spectra().size(),
                    a.refused().isEmpty() ? "" : " (" + a.refused().size() + " without the reference peak left out)");
            pw.printf(Locale.ROOT, "measured:  %s, %d spectra%s%n", measured, b.spectra().size(),
                    b.refused().isEmpty() ? "" : " (" + b.refused().size() + " without the reference peak left out)");
            for (Cohort c : List.of(a, b)) {
                for (String n : c.notes()) {
                    pw.printf("note (%s): %s%n", c.label(), n);
                }
            }
            for (String n : r.notes()) {
                pw.printf("note: %s%n", n);
            }
            pw.printf(Locale.ROOT, "%-20s %12s %12s %14s %9s %7s %10s  %s%n", "feature", "median synth",
                    "median meas", "effect", "SD ratio", "KS D", "p (Holm)", "verdict");
            for (FeatureComparison c : r.features()) {
                String effect = c.feature().ratioEffect() ? String.format(Locale.ROOT, "x%.3f", 1 + c.effect())
                        : String.format(Locale.ROOT, "%+.3g %s", c.effect(), c.feature().unit());
                pw.printf(Locale.ROOT, "%-20s %12.4g %12.4g %14s %9.3g %7.3f %10s  %s%s%n", c.feature().key(),
                        c.medianSynthetic(), c.medianMeasured(), effect, c.sdRatio(), c.ksStatistic(),
                        RealismComparison.formatP(c.pHolm()),
                        c.verdict(), tol.gating() && !c.passes() ? "  FAIL: " + c.reason() : "");
            }
            pw.printf("report written to %s (summary %s, features %s)%n", o.html(), o.json(), o.csv());
        }
        String result = RealismReport.resultLine(r);
        pw.println("result: " + result);
        return tol.gating() && failing > 0 ? OUT_OF_TOLERANCE : 0;
    }
}
