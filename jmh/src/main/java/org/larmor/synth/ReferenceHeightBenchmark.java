package org.larmor.synth;

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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The SNR reference height of one spectrum, one thread: the largest real part over the bins of a reference window
 * (benchmark-press-3t's: 13 bins of 2048 at 3 T, 1.9–2.1 ppm), by {@link WindowRows} (a shift and seven passes of
 * fused multiply-adds on the vector API) and by the FFT pruned to those bins that it replaced. In the synthesiser's
 * package because neither is public API. Run: {@code java -jar jmh/target/benchmarks.jar ReferenceHeightBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector") // the SIMD kernel, as the launcher runs
public class ReferenceHeightBenchmark {
    static final double DWELL = 2.5e-4;

    @Param({"13"})
    public int bins;

    int n = 2048;
    int[] window;
    WindowRows rows;
    Fft fft;
    Fft.Pruning pruning;
    double[] re;
    double[] im;
    double[] yRe;
    double[] yIm;

    @Setup
    public void build() {
        window = new int[bins];
        for (int b = 0; b < bins; b++) {
            window[b] = 1540 + b;
        }
        rows = new WindowRows(n, DWELL, window);
        fft = new Fft(n);
        pruning = Fft.prune(n, window);
        SplittableRandom r = new SplittableRandom(3);
        re = new double[n];
        im = new double[n];
        yRe = new double[n];
        yIm = new double[n];
        for (int t = 0; t < n; t++) {
            re[t] = r.nextGaussian();
            im[t] = r.nextGaussian();
        }
    }

    @Benchmark
    public double windowRows() {
        return rows.maxRealPart(re, im, yRe, yIm, BlockKernel.Simd.KERNEL);
    }

    @Benchmark
    public double prunedFft() {
        fft.forward(re, im, 0.5, yRe, yIm, pruning);
        double best = Double.NEGATIVE_INFINITY;
        for (int k : window) {
            best = Math.max(best, DWELL * yRe[k]);
        }
        return best;
    }
}
