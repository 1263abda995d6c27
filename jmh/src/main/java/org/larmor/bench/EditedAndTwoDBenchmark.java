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
 * The cost of more sub-experiments on the shaped engine (64 positions per axis, the same metabolites): HERMES'
 * four conditions against MEGA-PRESS's two (target: at most 2.2×), and a 64-increment J-PRESS against one PRESS
 * with the same pulses (target: well under 64×). Single shots; run from the project root:
 * {@code java -jar jmh/target/benchmarks.jar EditedAndTwoDBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD shaped-pulse kernel, as the launcher runs
public class EditedAndTwoDBenchmark {
    @Param({"sequences/siemens-mega-press-te68-3t.yaml", "sequences/siemens-hermes-te80-3t.yaml",
            "sequences/siemens-press-te30-3t.yaml", "jmh/sequences/jpress-siemens-64-3t.yaml"})
    public String sequence;

    @Param({"GABA,GSH,NAA,Cr,Glu"})
    public String metabolites;

    List<SpinSystem> systems;
    Sequence seq;

    @Setup
    public void load() {
        systems = SpinLibrary.load(Path.of("spin-systems")).select(metabolites);
        seq = SequenceReader.read(Path.of(sequence));
    }

    @Benchmark
    public BasisSet basisSet() {
        return BasisSimulator.simulate(systems, seq, null);
    }
}
