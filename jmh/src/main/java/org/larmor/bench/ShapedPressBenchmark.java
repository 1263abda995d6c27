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
 * Shaped-pulse, spatially resolved PRESS (sample Mao refocusing pulse, 64 positions per axis, 1D projection) for
 * the whole shipped basis set at 3 T; target under 60 s on 2 cores. Single shots: each takes tens of seconds.
 * Per metabolite: {@code -p metabolites=Glc}. Needs ../shared/reference/rf-pulses beside the project.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ShapedPressBenchmark {
    @Param({"all"})
    public String metabolites;

    List<SpinSystem> systems;
    Sequence seq;

    @Setup
    public void load() {
        systems = SpinLibrary.load(Path.of("spin-systems")).select(metabolites);
        seq = SequenceReader.read(Path.of("jmh", "sequences", "press-mao-te30-3t.yaml"));
    }

    @Benchmark
    public BasisSet shapedPressBasisSet() {
        return BasisSimulator.simulate(systems, seq, null);
    }
}
