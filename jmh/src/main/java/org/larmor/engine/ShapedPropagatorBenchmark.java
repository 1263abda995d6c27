package org.larmor.engine;

import org.larmor.sequence.Event;
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

import java.util.concurrent.TimeUnit;

/**
 * One shaped-pulse propagator on one thread: a chain of n coupled spins (glucose's seven at most) under a
 * 400-sample, 5.2 ms sinc, the work shaped PRESS repeats for every position and cluster (issue #11). In the
 * engine's package because the propagator is not public API. Run: {@code java -jar jmh/target/benchmarks.jar
 * ShapedPropagatorBenchmark -p spins=7}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD kernel, as the launcher runs
public class ShapedPropagatorBenchmark {
    @Param({"7", "6", "5"})
    public int spins;

    ShapedPulsePropagator propagator;
    Cluster cluster;
    Event.ShapedPulse pulse;

    @Setup
    public void build() {
        int n = spins;
        double[] shift = new double[n];
        double[] offset = new double[n];
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            shift[i] = 3.0 + 0.05 * i;
            offset[i] = -2 * Math.PI * (shift[i] - 3.0) * 123.2;
        }
        for (int i = 0; i + 1 < n; i++) {
            j[i][i + 1] = 9.4 - i;
            j[i + 1][i] = 9.4 - i;
        }
        cluster = new Cluster(shift, offset, j, 1.0);
        propagator = new ShapedPulsePropagator(new SpinSpace(n), cluster);
        int samples = 400;
        double[] b1 = new double[samples];
        double[] phase = new double[samples];
        double[] dt = new double[samples];
        for (int k = 0; k < samples; k++) {
            double x = (k + 0.5 - samples / 2.0) / (samples / 2.0) * 3 * Math.PI;
            double v = 1000 * Math.sin(x) / x;
            b1[k] = Math.abs(v);
            phase[k] = v < 0 ? Math.PI : 0.3;
            dt[k] = 5.2e-3 / samples;
        }
        pulse = new Event.ShapedPulse("sinc", b1, phase, dt, 3.0, -1, 0);
    }

    @Benchmark
    public double[][] propagator() {
        return propagator.propagator(pulse, cluster.offsetRadPerS(), 2 * Math.PI * 37.0, 0.93);
    }
}
