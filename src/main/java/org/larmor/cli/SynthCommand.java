package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.synth.Dataset;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code larmor synth}: a dataset of synthetic spectra with exactly known truth, from a scenario YAML (see
 * docs/synthesiser.md). Every input is checked, and the basis set is made or read, before anything is written.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesise realistic spectra with known truth: chunked NumPy arrays, truth tables (CSV and"
                + " JSON lines) and, for small counts, NIfTI-MRS.",
                "Example: larmor synth --scenario scenarios/press-3t-healthy-gm.yaml --count 100000 --seed 42"
                        + " --out out/gm"})
final class SynthCommand implements Callable<Integer> {
    @Option(names = {"-s", "--scenario"}, required = true, paramLabel = "FILE", description = "scenario YAML")
    Path scenario;

    @Option(names = {"-n", "--count"}, required = true, paramLabel = "N", description = "number of spectra")
    long count;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "dataset seed (default: the scenario's seed); same seed, same bytes")
    Long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "worker threads (default: all cores); the output does not depend on it")
    Integer threads;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "0",
            description = "spectra per .npy chunk (default: 1000, fewer when transients are written)")
    int chunkSize;

    @Option(names = "--components", description = "also write the clean components (metabolites, macromolecules,"
            + " lipids, residual water, baseline, noise)")
    boolean components;

    @Option(names = "--transients", description = "also write the per-coil transients (rows, [dynamics], averages,"
            + " [conditions], coils, points), in acquisition order")
    boolean transients;

    @Option(names = "--nifti", description = "also write NIfTI-MRS files per scan: the averaged sub-spectra"
            + " (DIM_EDIT, DIM_DYN for fMRS, DIM_USER_0 for dMRS), each combination (DIFF, …), the transients"
            + " (DIM_COIL, DIM_EDIT, DIM_DYN) and the water reference; needs the scenario's repetition_time_s; at most"
            + " 10000 scans")
    boolean nifti;

    @Option(names = "--resume", description = "complete an interrupted run in the same folder (same scenario, seed"
            + " and options); complete chunks are kept")
    boolean resume;

    @Option(names = "--overwrite", description = "replace a dataset already in the folder: only the files its"
            + " manifest.json (or run.json) says Larmor wrote are removed")
    boolean overwrite;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
    Path spinSystems;

    @Option(names = {"-q", "--quiet"}, description = "no progress or summary")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario sc = ScenarioReader.read(scenario, List.of(Locations.shipped("scenarios").resolve("presets")));
        long s;
        if (seed != null) {
            s = seed;
        } else if (sc.seed() != null) {
            s = sc.seed();
        } else {
            throw InputException.of(scenario.toString(), "no seed: give --seed or write seed: in the scenario");
        }
        if (threads != null && threads < 1) {
            throw InputException.of("--threads", "at least 1 thread, got " + threads);
        }
        if (chunkSize < 0) {
            throw InputException.of("--chunk-size", "must be positive, got " + chunkSize);
        }
        Path spins = spinSystems != null ? spinSystems : Locations.shipped("spin-systems");
        SynthBasis basis = SynthBasis.load(sc, spins);
        Synthesiser synth = new Synthesiser(sc, basis);
        // Through the one checked reader of input files (regular file, size, UTF-8), as ScenarioReader read it.
        String text = org.larmor.input.YamlReader.text(scenario);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Dataset.Options o = new Dataset.Options(count, s, chunkSize, nThreads, components, transients, nifti, resume,
                overwrite);
        Dataset.Progress progress = quiet ? null : Progress.of(err, "synth", "synthesised", "spectra").forDataset();
        Dataset.Summary summary;
        try {
            summary = Dataset.write(synth, out, o, text, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        if (!quiet) {
            org.larmor.synth.Layout l = synth.layout();
            String scan = (l.edited() ? ", conditions " + String.join("/", l.conditions()) : "")
                    + (l.kind().equals("fmrs") ? ", " + l.dynamics() + " time points" : "")
                    + (l.kind().equals("diffusion") ? ", " + l.dynamics() + " diffusion weightings" : "")
                    + (synth.averages() > 1 || synth.coils() > 1 ? ", " + synth.averages() + " averages x "
                    + synth.coils() + " coils" : "");
            pw.printf(Locale.ROOT, "%d spectra of %s (%d metabolites, %d points%s) in %.2f s (%.0f spectra/s, %d"
                            + " threads; %d chunks of %d%s) to %s%n", count, sc.name(), basis.names().size(),
                    synth.points(), scan, summary.seconds(),
                    summary.written() / Math.max(summary.seconds(), 1e-9), nThreads,
                    (count + summary.chunkSize() - 1) / summary.chunkSize(), summary.chunkSize(),
                    summary.resumedChunks() > 0 ? ", " + summary.resumedChunks() + " kept from before" : "", out);
        }
        return 0;
    }
}
