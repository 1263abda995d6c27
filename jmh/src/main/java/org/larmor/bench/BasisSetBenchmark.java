package org.larmor.bench;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whole ideal-pulse basis sets: every shipped metabolite, simulated on all cores (target for PRESS at 3 T, 4096
 * points: under 1 s). Run from the project root so that spin-systems/ and sequences/ are found.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD shaped-pulse kernel, as the launcher runs
public class BasisSetBenchmark {
    @Param({"press-te30-3t", "mega-press-te68-3t", "steam-te20-7t"})
    public String sequence;

    List<SpinSystem> all;
    Sequence seq;

    @Setup
    public void load() {
        seq = SequenceReader.read(Path.of("sequences", sequence + ".yaml"));
        // "all" for the sequence's nucleus: the library also holds 2H, 13C and 31P-only systems that a 1H sequence
        // refuses (42 on 1H since issue #13; the figures before it were for 35).
        all = SpinLibrary.load(Path.of("spin-systems")).select("all", seq.nucleus());
    }

    @Benchmark
    public BasisSet wholeBasisSet() {
        return BasisSimulator.simulate(all, seq, null);
    }
}
