package org.larmor.bench;

import org.larmor.mrsi.MrsiPictures;
import org.larmor.mrsi.MrsiResult;
import org.larmor.mrsi.MrsiScenario;
import org.larmor.mrsi.MrsiScenarioReader;
import org.larmor.mrsi.MrsiSynthesiser;
import org.larmor.mrsi.MrsiWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Synthetic MRSI end to end, seconds per dataset: {@code scenarios/mrsi/mrsi-3t-press-slice.yaml} (32 × 32 × 1,
 * 1024 points, 20 metabolites, object 128 × 128 × 4, B0 shim residual and air cavity, B1 map with the PRESS
 * response, skull lipid, Hamming weighting, noise).
 * <ul>
 *   <li>{@code endToEnd}: read the scenario, simulate the basis, synthesise, draw the pictures and write every file
 *       (target: under 5 s on 2 cores);</li>
 *   <li>{@code synthesiseOnly}: the phantom, maps, encoding and reconstruction, on a basis made once.</li>
 * </ul>
 * Run from the project root: {@code java -jar jmh/target/benchmarks.jar MrsiBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class MrsiBenchmark {
    static final Path SCENARIO = Path.of("scenarios", "mrsi", "mrsi-3t-press-slice.yaml");

    MrsiScenario scenario;
    org.larmor.synth.SynthBasis basis;
    Path root;
    int run;

    @Setup(Level.Trial)
    public void load() throws IOException {
        scenario = MrsiScenarioReader.read(SCENARIO, List.of(Path.of("scenarios", "presets")));
        basis = MrsiSynthesiser.loadBasis(scenario, Path.of("spin-systems"));
        root = Files.createTempDirectory("larmor-mrsi-bench");
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public List<String> endToEnd() throws IOException {
        MrsiScenario sc = MrsiScenarioReader.read(SCENARIO, List.of(Path.of("scenarios", "presets")));
        MrsiResult r = MrsiSynthesiser.run(sc, 11, Path.of("spin-systems"), 2);
        String text = Files.readString(SCENARIO);
        return MrsiWriter.write(r, root.resolve("run-" + run++), text, MrsiPictures.draw(r));
    }

    @Benchmark
    public MrsiResult synthesiseOnly() {
        return MrsiSynthesiser.run(scenario, 11, basis, new org.larmor.mrsi.IdealPulseB1Response(basis.fids(),
                scenario.b1().response()), 2);
    }
}
