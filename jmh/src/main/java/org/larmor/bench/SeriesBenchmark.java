package org.larmor.bench;

import org.larmor.input.YamlReader;
import org.larmor.synth.Sample;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the signal model per output sub-spectrum (one fMRS time point, one dMRS weighting, or one static
 * spectrum), one thread, for the requirement that fMRS and dMRS datasets run at the per-spectrum rate of
 * single-shot spectra (within 20 %). All three cases share one basis (the PRESS TE 30 ms, 3 T, 2048-point basis of
 * {@code scenarios/benchmark-press-3t.yaml}, simulated once) and the same metabolite, lineshape, phase, MM,
 * residual-water, baseline and noise terms: the series scenarios are that file's text with an {@code fmrs:} or a
 * {@code diffusion:} block appended.
 * <ul>
 *   <li>{@code singleShot}: the static scenario itself, one sub-spectrum per scan;</li>
 *   <li>{@code fmrs64}: {@value #FMRS_DYNAMICS} time points of one average (TR 2 s), a block design (32 s on,
 *       32 s off), Lac and Glu responses and BOLD narrowing;</li>
 *   <li>{@code dmrs8x3}: {@value #DMRS_B} b values (0 to 5000 s/mm²) × {@value #DMRS_DIRECTIONS} directions, one
 *       average each, a mono-exponential model per metabolite (and for MM), motion phase and amplitude loss, and
 *       the diffusion gradients' eddy currents;</li>
 *   <li>{@code dmrs8x3NoMotion}: the same table without motion or eddy currents (isolates their cost).</li>
 * </ul>
 * Each invocation makes one scan through {@link Synthesiser#generate(long, long, Synthesiser.Workspace, boolean,
 * boolean)} with a workspace reused (fixed seed, a new index each time), as {@code SynthBenchmark.generateOneThread}
 * does; {@link OperationsPerInvocation} divides by the scan's sub-spectra, so every score is time per sub-spectrum.
 * Run from the project root:
 * {@code java -jar jmh/target/benchmarks.jar SeriesBenchmark -wi 3 -i 5 -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class SeriesBenchmark {
    static final long SEED = 42;
    static final int FMRS_DYNAMICS = 64;
    static final int DMRS_B = 8;
    static final int DMRS_DIRECTIONS = 3;
    static final int DMRS_DYNAMICS = DMRS_B * DMRS_DIRECTIONS;

    /**
     * 64 time points at the scenario's TR of 2 s (128 s): two 32 s blocks of stimulus, Lac and Glu responses, BOLD
     * narrowing.
     */
    static final String FMRS = """

            fmrs:
              dynamics: 64
              design:
                block: {first_onset_s: 16, on_s: 32, off_s: 32, blocks: 2}
              responses:
                Lac: {change_percent: {dist: uniform, min: 10, max: 30}, time_constant_s: 10}
                Glu: {change_percent: {dist: uniform, min: 2, max: 5}, time_constant_s: 5}
              bold:
                narrowing_hz: {dist: uniform, min: 0.1, max: 0.4}
            """;

    /** The b values, each along x, y and z (b = 0 three times too, as a scanner's table pairs them). */
    static final double[] B_VALUES = {0, 500, 1000, 1500, 2000, 3000, 4000, 5000};

    static String diffusion(boolean motion) {
        StringBuilder b = new StringBuilder();
        StringBuilder g = new StringBuilder();
        String[] dirs = {"[1, 0, 0]", "[0, 1, 0]", "[0, 0, 1]"};
        for (double v : B_VALUES) {
            for (int k = 0; k < DMRS_DIRECTIONS; k++) {
                b.append(b.length() == 0 ? "" : ", ").append(v);
                g.append(g.length() == 0 ? "" : ", ").append(v == 0 ? "[0, 0, 0]" : dirs[k]);
            }
        }
        String s = "\ndiffusion:\n"
                + "  gradients:\n"
                + "    b_values_s_per_mm2: [" + b + "]\n"
                + "    directions_per_b: [" + g + "]\n"
                + "  models:\n"
                + "    default: {model: mono_exponential, adc_um2_per_ms: {dist: uniform, min: 0.10, max: 0.20}}\n"
                + "    macromolecules: {model: mono_exponential, adc_um2_per_ms: {dist: uniform, min: 0.005,"
                + " max: 0.02}}\n";
        if (motion) {
            s += "  motion:\n"
                    + "    phase_sd_deg: {dist: uniform, min: 5, max: 20}\n"
                    + "    amplitude_loss: {dist: uniform, min: 0, max: 0.1}\n"
                    + "  eddy_current:\n"
                    + "    amplitude_x_rad: {dist: uniform, min: -0.2, max: 0.2}\n"
                    + "    amplitude_y_rad: {dist: uniform, min: -0.2, max: 0.2}\n"
                    + "    amplitude_z_rad: {dist: uniform, min: -0.2, max: 0.2}\n"
                    + "    time_constant_ms: {dist: uniform, min: 20, max: 60}\n";
        }
        return s;
    }

    /** One synthesiser with its workspace and a scan counter. */
    static final class Case {
        final Synthesiser synth;
        final Synthesiser.Workspace ws;
        long next;

        Case(Scenario sc, SynthBasis basis, int subSpectra) {
            synth = new Synthesiser(sc, basis);
            ws = synth.newWorkspace();
            if (synth.layout().blocks() != subSpectra || synth.layout().shots() != subSpectra) {
                throw new IllegalStateException(sc.name() + ": expected " + subSpectra + " sub-spectra of one shot,"
                        + " got " + synth.layout());
            }
        }

        double run() {
            Sample s = synth.generate(SEED, next++, ws, false, false);
            return s.spectra().get(s.spectra().size() - 1).re()[1];
        }
    }

    Case single;
    Case fmrs;
    Case dmrs;
    Case dmrsNoMotion;

    @Setup(Level.Trial)
    public void load() {
        Path dir = Path.of("scenarios");
        Path file = dir.resolve("benchmark-press-3t.yaml");
        List<Path> presets = List.of(dir.resolve("presets"));
        String text = YamlReader.text(file);
        Scenario stat = ScenarioReader.parse(file.toString(), text, dir.toAbsolutePath(), presets);
        Scenario fm = ScenarioReader.parse("benchmark-press-3t-fmrs.yaml", text + FMRS, dir.toAbsolutePath(),
                presets);
        Scenario dm = ScenarioReader.parse("benchmark-press-3t-dmrs.yaml", text + diffusion(true),
                dir.toAbsolutePath(), presets);
        Scenario dm0 = ScenarioReader.parse("benchmark-press-3t-dmrs-still.yaml", text + diffusion(false),
                dir.toAbsolutePath(), presets);
        // One basis for all: the series scenarios have the static one's basis and metabolites.
        SynthBasis basis = SynthBasis.load(stat, Path.of("spin-systems"));
        single = new Case(stat, basis, 1);
        fmrs = new Case(fm, basis, FMRS_DYNAMICS);
        dmrs = new Case(dm, basis, DMRS_DYNAMICS);
        dmrsNoMotion = new Case(dm0, basis, DMRS_DYNAMICS);
    }

    /** A static single-shot spectrum. Score: µs per spectrum. */
    @Benchmark
    public double singleShot() {
        return single.run();
    }

    /** An fMRS scan of 64 time points. Score: µs per time point. */
    @Benchmark
    @OperationsPerInvocation(FMRS_DYNAMICS)
    public double fmrs64() {
        return fmrs.run();
    }

    /** A dMRS scan of 8 b values × 3 directions with motion and eddy currents. Score: µs per weighting. */
    @Benchmark
    @OperationsPerInvocation(DMRS_DYNAMICS)
    public double dmrs8x3() {
        return dmrs.run();
    }

    /** The same dMRS table without motion or the gradients' eddy currents. Score: µs per weighting. */
    @Benchmark
    @OperationsPerInvocation(DMRS_DYNAMICS)
    public double dmrs8x3NoMotion() {
        return dmrsNoMotion.run();
    }
}
