package org.larmor.bench;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.io.NiftiMrsWriter;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Nucleus;
import org.larmor.spin.SpinLibrary;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip of one NIfTI-MRS file (NAA, PRESS TE 30 ms at 3 T: 4096 complex64 points and the JSON extension) at a
 * given Deflater level, as {@link NiftiMrsWriter#gzip} makes it (level 6, the default): what a faster level would save
 * per file. Run from the project root: {@code java -jar jmh/target/benchmarks.jar NiftiGzipBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NiftiGzipBenchmark {
    @Param({"1", "3", "6"})
    public int level;

    byte[] nii;

    @Setup
    public void make() {
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        Sequence seq = SequenceReader.read(Path.of("sequences", "press-te30-3t.yaml"));
        BasisSet one = BasisSimulator.simulate(lib.select("NAA", Nucleus.H1), seq, null);
        nii = NiftiMrsWriter.write(one, one.spectra().get(0), seq.conditions());
    }

    @Benchmark
    public byte[] gzip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nii.length);
        try (GZIPOutputStream z = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            z.write(nii);
        }
        return out.toByteArray();
    }
}
