package org.larmor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.larmor.input.InputException;
import org.larmor.spin.SpinLibrary;
import org.larmor.validate.BasisFiles;
import org.larmor.validate.CompareOptions;
import org.larmor.validate.Comparison;
import org.larmor.validate.LoadedSpectra;
import org.larmor.validate.PpmWindow;
import org.larmor.validate.Tolerances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code larmor compare A B}: two basis sets or spectra, metabolite by metabolite. Exit status 0 when every metric is
 * within the tolerances given (or none are given), 3 when any is out of bounds, 2 for unusable input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two basis sets or spectra (LCModel .BASIS/.RAW, NIfTI-MRS, FSL-MRS JSON, jMRUI text;"
                + " a file, a folder, or a Larmor output folder): per metabolite the frequency offset, linewidth"
                + " difference, amplitude ratio, correlation and normalised residual, on a common ppm axis. Two single"
                + " spectra (e.g. synthetic vs measured) also get SNR and peak positions.",
                "A is the reference, B the one tested. With --tolerance the exit status is 3 when any metric is out"
                        + " of bounds (0 when all are within, 2 for unusable input), so it can gate a pipeline.",
                "Example: larmor compare out/press-te30-3t other-tool/press.BASIS --relative-amplitudes"
                        + " --tolerance offset_ppm=0.005,ratio=0.05,correlation=0.99"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:compared; every metric within tolerance (or none given)",
                "2:unusable input (unreadable file, different nuclei, field mismatch, nothing in common), or the --json"
                        + " file cannot be written",
                "3:some metric out of tolerance", "1:internal error"})
final class CompareCommand implements Callable<Integer> {
    /** Exit status when a metric is out of tolerance. */
    static final int OUT_OF_TOLERANCE = 3;

    @Parameters(index = "0", paramLabel = "A", description = "reference basis set or spectrum (file or folder)")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "basis set or spectrum to test against A")
    Path b;

    @Option(names = {"-t", "--tolerance"}, split = ",", paramLabel = "METRIC=VALUE",
            description = {"bound on a metric (repeatable, or comma-separated):",
                    "offset_ppm, offset_hz: |offset| ≤ VALUE; linewidth_hz: |FWHM(B) − FWHM(A)| ≤ VALUE;",
                    "ratio: |amplitude ratio − 1| ≤ VALUE; correlation: r ≥ VALUE; residual: ≤ VALUE;",
                    "snr: |SNR(B)/SNR(A) − 1| ≤ VALUE; peak_ppm: every peak moved ≤ VALUE ppm"})
    Map<String, String> tolerance = new LinkedHashMap<>();

    @Option(names = "--ppm", paramLabel = "LOW,HIGH",
            description = "comparison window in ppm (default: all both cover; 0.2,4.2 for two 1H spectra)")
    String ppm;

    @Option(names = "--max-offset", paramLabel = "PPM", defaultValue = "0.5",
            description = "largest frequency offset searched for (default ${DEFAULT-VALUE} ppm)")
    double maxOffset;

    @Option(names = "--relative-amplitudes",
            description = "divide amplitude ratios by their median (ignore a global scale between tools)")
    boolean relativeAmplitudes;

    @Option(names = "--allow-field-mismatch",
            description = "compare inputs whose spectrometer frequencies differ by more than 5 %%")
    boolean allowFieldMismatch;

    @Option(names = "--allow-missing",
            description = "with --tolerance, do not fail on metabolites present in only one input")
    boolean allowMissing;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto",
            description = "basis, spectra (also SNR and peak positions) or auto: spectra when each input holds one"
                    + " signal (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--noise-ppm", paramLabel = "LOW,HIGH",
            description = "signal-free window for the noise SD in SNR (default -3,-1 for 1H); write --noise-ppm=-3,-1")
    String noisePpm;

    @Option(names = "--raw-dwell", paramLabel = "SECONDS",
            description = "dwell time of LCModel .RAW inputs when the file does not state it")
    Double rawDwell;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Option(names = "--spin-systems", paramLabel = "DIR",
            description = "spin systems whose aliases match names across tools (default: shipped)")
    Path spinSystems;

    @Option(names = {"-q", "--quiet"}, description = "print only the result line(s)")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Tolerances tol = Tolerances.parse(tolerance);
        CompareOptions options = CompareOptions.defaults().withMaxOffset(positive(maxOffset, "--max-offset"))
                .withFieldMismatchAllowed(allowFieldMismatch).withRelativeAmplitudes(relativeAmplitudes)
                .withSpectrumMode(switch (mode.trim().toLowerCase(Locale.ROOT)) {
                    case "auto" -> null;
                    case "basis" -> Boolean.FALSE;
                    case "spectra", "spectrum" -> Boolean.TRUE;
                    default -> throw InputException.of("--mode", "\"" + mode + "\": expected auto, basis or spectra");
                });
        if (ppm != null) {
            PpmWindow w = PpmWindow.parse(ppm, "--ppm");
            options = options.withWindow(w.low(), w.high());
        }
        if (noisePpm != null) {
            PpmWindow w = PpmWindow.parse(noisePpm, "--noise-ppm");
            options = options.withNoiseWindow(w.low(), w.high());
        }
        Path lib = spinSystems != null ? spinSystems : Locations.shipped("spin-systems");
        if (spinSystems != null || java.nio.file.Files.isDirectory(lib)) {
            options = options.withLibrary(SpinLibrary.load(lib));
        }
        double dwell = rawDwell == null ? Double.NaN : positive(rawDwell, "--raw-dwell");
        LoadedSpectra sa = BasisFiles.load(a, dwell);
        LoadedSpectra sb = BasisFiles.load(b, dwell);
        Comparison c = Comparison.of(sa, sb, options);
        String text = c.toText(tol, allowMissing);
        if (quiet) {
            boolean inResult = false;
            for (String line : text.split("\n")) {
                inResult |= line.startsWith("result:");
                if (inResult) {
                    out.println(line);
                }
            }
        } else {
            out.print(text);
        }
        out.flush();
        if (json != null) {
            try {
                org.larmor.plot.AtomicWrite.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(c.toMap(tol, allowMissing)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
            }
        }
        List<String> v = c.violations(tol, allowMissing);
        return v.isEmpty() ? 0 : OUT_OF_TOLERANCE;
    }

    private static double positive(double v, String option) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw InputException.of(option, v + ": expected a positive number");
        }
        return v;
    }
}
