package org.larmor.bench;

import org.larmor.io.NpyWriter;
import org.larmor.synth.Dataset;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.Synthesiser;
import org.larmor.synth.SynthBasis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Synthetic-dataset throughput, in spectra per second (the score of every benchmark here is per spectrum):
 * <ul>
 *   <li>{@code dataset}: the whole of {@code larmor synth} — generate, convert to complex64, write the .npy chunks and
 *       the CSV/JSON-lines truth — for {@value #COUNT} spectra on all cores (target: ≥ 5000/s on 2 cores for
 *       {@code benchmark-press-3t}: 2048 points, 20 metabolites, MM, baseline, water, noise);</li>
 *   <li>{@code generateOneThread}: the signal model alone, one thread (compute bound);</li>
 *   <li>{@code gaussianNoiseOnly}: the 2·2048 normal deviates of one spectrum's noise (RNG bound);</li>
 *   <li>{@code writeNpyOnly}: writing one spectrum's 16 KB to an .npy chunk (disk bound).</li>
 * </ul>
 * Run from the project root (the scenarios name ../sequences and the shipped presets):
 * {@code java -jar jmh/target/benchmarks.jar SynthBenchmark}. A {@code -jvmArgsAppend} given on that command line
 * replaces the one of {@code @Fork} below instead of adding to it: keep {@code --add-modules=jdk.incubator.vector} in
 * it (e.g. {@code -jvmArgsAppend "--add-modules=jdk.incubator.vector -Dlarmor.synth.onepass=on"}), or the line
 * kernels run on the plain loops and a kernel chosen by a property is not the one measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD line kernel, as the launcher runs
public class SynthBenchmark {
    static final int COUNT = 20_000;
    static final int CHUNK = 1000;

    @Param({"benchmark-press-3t", "press-3t-healthy-gm"})
    public String scenario;

    Synthesiser synth;
    Path out;
    long index;
    float[] chunk;
    Path chunkFile;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Scenario sc = ScenarioReader.read(Path.of("scenarios", scenario + ".yaml"),
                List.of(Path.of("scenarios", "presets")));
        synth = new Synthesiser(sc, SynthBasis.load(sc, Path.of("spin-systems")));
        chunk = new float[2 * CHUNK * synth.points()];
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < chunk.length; k++) {
            chunk[k] = (float) r.nextGaussian();
        }
        chunkFile = Files.createTempFile("larmor-bench", ".npy");
    }

    @Setup(Level.Invocation)
    public void folder() throws IOException {
        out = Files.createTempDirectory("larmor-synth-bench").resolve("out");
    }

    @TearDown(Level.Invocation)
    public void clean() throws IOException {
        Path parent = out.getParent();
        try (Stream<Path> s = Files.walk(parent)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @TearDown(Level.Trial)
    public void cleanChunk() throws IOException {
        Files.deleteIfExists(chunkFile);
    }

    /** The full command: generate and write COUNT spectra with every core. Score: spectra/s. */
    @Benchmark
    @OperationsPerInvocation(COUNT)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Dataset.Summary dataset() throws IOException {
        Dataset.Options o = new Dataset.Options(COUNT, 42, CHUNK, Runtime.getRuntime().availableProcessors(),
                false, false, false, false, false);
        return Dataset.write(synth, out, o, "benchmark", null);
    }

    /** The signal model alone, on one thread. Score: spectra/s. */
    @Benchmark
    public double generateOneThread(ThreadState ts) {
        if (ts.ws == null) {
            ts.ws = synth.newWorkspace();
        }
        return synth.generate(42, ts.next++, ts.ws, false, false).fid().re()[0];
    }

    /** The normal deviates of one spectrum's noise. Score: spectra/s. */
    @Benchmark
    public void gaussianNoiseOnly(ThreadState ts, Blackhole bh) {
        SplittableRandom r = new SplittableRandom(ts.next++);
        int n = 2 * synth.points();
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += r.nextGaussian();
        }
        bh.consume(s);
    }

    /** Writing a 1000-spectrum chunk (16 MB) to an .npy file. Score: spectra/s. */
    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public void writeNpyOnly() throws IOException {
        NpyWriter.writeComplex64(chunkFile, chunk, CHUNK * synth.points(), CHUNK, synth.points());
    }

    /** A spectrum counter per thread. */
    @State(Scope.Thread)
    public static class ThreadState {
        long next;
        Synthesiser.Workspace ws;
    }
}
