package org.larmor.bench;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Nucleus;
import org.larmor.spin.SpinLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Writing a basis set: FID-A's 35 metabolites (every shipped 1H system but the seven added since), PRESS TE 30 ms at
 * 3 T, 4096 points, in each format, into a fresh folder (staging, SHA-256 and the move into place included):
 * {@code write}. The files are made on all cores; {@code -jvmArgsAppend -XX:ActiveProcessorCount=1} gives one thread.
 * Run from the project root:
 * {@code java -jar jmh/target/benchmarks.jar WriterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class WriterBenchmark {
    /** FID-A's 35 brain metabolites (the shipped 1H systems but Acetone, AcAc, Suc, Thr, Pyr, MSM, Glyc). */
    static final String FID_A_35 = "2HG,Ace,Ala,Asc,Asp,bHB,Ch,Cit,Cr,EtOH,GABA,GABA_gov,Glc,Gln,Glu,Gly,GPC,GSH,"
            + "GSH_v2,H2O,hTau,Ins,Lac,Lip,NAA,NAAG,PCh,PCr,PE,Phenyl,Ref0ppm,Scyllo,Ser,Tau,Tyros";

    @Param({"lcmodel", "nifti", "fsl", "jmrui", "lcmodel,nifti,fsl,jmrui"})
    public String format;

    BasisSet set;
    Path root;
    int run;

    @Setup
    public void simulate() throws IOException {
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        Sequence seq = SequenceReader.read(Path.of("sequences", "press-te30-3t.yaml"));
        set = BasisSimulator.simulate(lib.select(FID_A_35, Nucleus.H1), seq, null);
        if (set.spectra().size() != 35) {
            throw new IllegalStateException("expected 35 metabolites, got " + set.spectra().size());
        }
        root = Files.createTempDirectory("larmor-writer-bench");
    }

    /** Each invocation writes into a new folder (a folder holding a set would be refused); they are removed after. */
    @Benchmark
    public List<Path> write() throws IOException {
        return BasisWriters.write(set, Format.parse(format), root.resolve("set" + run++));
    }

    @TearDown(Level.Iteration)
    public void clean() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }
    }

    @TearDown
    public void remove() throws IOException {
        clean();
        Files.deleteIfExists(root);
    }
}
