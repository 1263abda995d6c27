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
 * Shaped-pulse, spatially resolved PRESS (sample Mao refocusing pulse, sample Siemens excitation, 1D projection) for
 * FID-A's 35 metabolites at 3 T, on 64 and on 101 positions per axis; issue #11's targets on 2 cores: under 10 s
 * and under 15 s. Single shots. Per metabolite: {@code -p metabolites=Glc}; every shipped 1H system: {@code -p
 * metabolites=all}. Needs ../shared/reference/rf-pulses beside the project.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD shaped-pulse kernel, as the launcher runs
public class ShapedPressBenchmark {
    @Param({WriterBenchmark.FID_A_35})
    public String metabolites;

    @Param({"jmh/sequences/press-mao-te30-3t.yaml", "jmh/sequences/press-mao-te30-101-3t.yaml"})
    public String sequence;

    List<SpinSystem> systems;
    Sequence seq;

    @Setup
    public void load() {
        seq = SequenceReader.read(Path.of(sequence));
        systems = SpinLibrary.load(Path.of("spin-systems")).select(metabolites, seq.nucleus());
    }

    @Benchmark
    public BasisSet shapedPressBasisSet() {
        return BasisSimulator.simulate(systems, seq, null);
    }
}
