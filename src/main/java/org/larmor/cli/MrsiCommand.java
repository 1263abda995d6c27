package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.mrsi.MrsiPictures;
import org.larmor.mrsi.MrsiResult;
import org.larmor.mrsi.MrsiScenario;
import org.larmor.mrsi.MrsiScenarioReader;
import org.larmor.mrsi.MrsiSynthesiser;
import org.larmor.mrsi.MrsiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code larmor mrsi}: a synthetic MRSI dataset from an MRSI scenario (docs/mrsi.md). */
@Command(name = "mrsi", mixinStandardHelpOptions = true,
        description = {"Synthesise an MRSI dataset with known truth: a digital head phantom (GM/WM/CSF partial"
                + " volumes, a lipid shell), B0 (shim residual, air cavities) and B1 maps, Cartesian phase encoding"
                + " of an oversampled object with k-space weighting and noise; NIfTI-MRS, k-space .npy, truth maps"
                + " as NIfTI.",
                "Example: larmor mrsi --scenario scenarios/mrsi/mrsi-3t-press-slice.yaml --out out/mrsi"})
final class MrsiCommand implements Callable<Integer> {
    @Option(names = {"-s", "--scenario"}, required = true, paramLabel = "FILE", description = "MRSI scenario YAML")
    Path scenario;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output folder (new or"
            + " empty)")
    Path out;

    @Option(names = "--seed", paramLabel = "SEED", description = "dataset seed (default: the scenario's seed:)")
    Long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "worker threads (default: all cores); does"
            + " not change the output")
    Integer threads;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
    Path spinSystems;

    @Option(names = "--no-pictures", description = "do not draw the metabolite maps and the voxel-spectrum grid")
    boolean noPictures;

    @Option(names = {"-q", "--quiet"}, description = "no summary")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        long start = System.nanoTime();
        MrsiScenario sc = MrsiScenarioReader.read(scenario, List.of(Locations.shipped("scenarios")
                .resolve("presets")));
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
        if (java.nio.file.Files.exists(out) && !emptyFolder(out)) {
            throw InputException.of(out.toString(), "the output folder exists and is not empty: choose a new folder");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path spins = spinSystems != null ? spinSystems : Locations.shipped("spin-systems");
        MrsiResult r = MrsiSynthesiser.run(sc, s, spins, n);
        String text = org.larmor.input.YamlReader.text(scenario);
        try {
            MrsiWriter.write(r, out, text, noPictures ? java.util.Map.of() : MrsiPictures.draw(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        if (!quiet) {
            int[] m = r.matrix();
            pw.printf(Locale.ROOT, "MRSI %s: %d x %d x %d voxels, %d points, %d metabolites, %s weighting, image noise"
                            + " SD %.4g, in %.2f s (%d threads) to %s%n", sc.name(), m[0], m[1], m[2], r.points(),
                    r.metabolites().size(), sc.encoding().weighting().key(), r.imageNoiseSd(),
                    (System.nanoTime() - start) * 1e-9, n, out);
        }
        return 0;
    }

    private static boolean emptyFolder(Path p) {
        if (!java.nio.file.Files.isDirectory(p)) {
            return false;
        }
        try (var s = java.nio.file.Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
