package org.larmor.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.larmor.basis.Version;
import org.larmor.input.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code larmor-spark}: Larmor's synthesiser and basis-set sweeps on Apache Spark. Embedded {@code local[*]} by
 * default; under {@code spark-submit} the master is the one it gives. Exit status as {@code larmor}: 0 success, 1
 * internal error, 2 bad input or an output that cannot be written. Inputs are checked before Spark starts.
 */
@Command(name = "larmor-spark", mixinStandardHelpOptions = true, versionProvider = LarmorSpark.VersionProvider.class,
        description = "Larmor on Apache Spark: synthetic datasets and basis-set sweeps, local or on a cluster.",
        subcommands = {LarmorSpark.Synth.class, LarmorSpark.Sweep.class, CommandLine.HelpCommand.class})
public final class LarmorSpark implements Runnable {
    /** Spark contexts this JVM's commands have started: the tests check that bad input starts none. */
    static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LarmorSpark());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = rootInputError(ex);
            if (cause instanceof InputException ie) {
                err.println("larmor-spark: error: " + ie.getMessage());
                return 2;
            }
            if (ex instanceof UncheckedIOException io) {
                err.println("larmor-spark: error: " + io.getMessage() + " (no partial file was left)");
                return 2;
            }
            err.println("larmor-spark: internal error: " + ex);
            if (System.getenv("LARMOR_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set LARMOR_DEBUG=1 for the stack trace; please report it)");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("larmor-spark: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return 2;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** An input error raised inside a Spark task reaches the driver wrapped; unwrap it to report it as input. */
    private static Throwable rootInputError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InputException) {
                return t;
            }
        }
        return ex;
    }

    /** The working directory's folder if present, else the one beside the installation ({@code larmor.home}). */
    static Path shipped(String folder) {
        Path here = Path.of(folder);
        if (Files.isDirectory(here)) {
            return here;
        }
        String home = System.getProperty("larmor.home");
        if (home != null && Files.isDirectory(Path.of(home, folder))) {
            return Path.of(home, folder);
        }
        return here;
    }

    /**
     * The Spark context: {@code --master} if given, else spark-submit's, else {@code local[*]}. Spark's own INFO
     * logging is turned down to warnings; progress comes from our listener.
     */
    static JavaSparkContext context(String master, String app) {
        STARTS.incrementAndGet();
        SparkConf conf = new SparkConf().setAppName(app);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        jsc.setLogLevel(System.getenv().getOrDefault("LARMOR_SPARK_LOG", "WARN"));
        return jsc;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Larmor " + Version.get() + " on Apache Spark " + org.apache.spark.package$.MODULE$
                    .SPARK_VERSION()};
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Synthesise a dataset with Spark: Parquet part files (spectra as arrays, truth as"
                    + " columns, scenario and provenance in the metadata) and manifest.json.",
                    "Same scenario and seed, same spectra and truth as `larmor synth`, bit for bit, whatever the"
                            + " partitions.",
                    "Example: larmor-spark synth --scenario scenarios/benchmark-press-3t.yaml --count 1000000"
                            + " --out out/bench-spark"})
    static final class Synth implements Callable<Integer> {
        @Option(names = {"-s", "--scenario"}, required = true, paramLabel = "FILE", description = "scenario YAML")
        Path scenario;

        @Option(names = {"-n", "--count"}, required = true, paramLabel = "N", description = "number of spectra")
        long count;

        @Option(names = "--seed", paramLabel = "SEED", description = "dataset seed (default: the scenario's)")
        Long seed;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
                description = "output folder (for a cluster: on a file system every node sees)")
        Path out;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: spark-submit's, else local[*])")
        String master;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "Spark partitions (default: one per chunk); the output does not depend on it")
        int partitions;

        @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "0",
                description = "spectra per part file (default: " + SynthJob.DEFAULT_CHUNK + ")")
        int chunkSize;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
                description = "parquet (default: part files, spectra as arrays, truth as columns) or npy (the chunk"
                        + " files of larmor synth, byte for byte, with spark.json beside them)")
        String format;

        @Option(names = "--components", description = "npy: also the clean components, as larmor synth")
        boolean components;

        @Option(names = "--transients", description = "npy: also the per-coil transients, as larmor synth")
        boolean transients;

        @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "none",
                description = "Parquet page compression: none (default: noise does not compress), snappy or zstd")
        String compression;

        @Option(names = "--resume", description = "complete an interrupted run in the same folder (same scenario,"
                + " seed, count and chunk size); the part files in place are kept")
        boolean resume;

        @Option(names = "--overwrite", description = "replace a dataset already in the folder (only Larmor's files"
                + " are removed)")
        boolean overwrite;

        @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
        Path spinSystems;

        @Option(names = {"-q", "--quiet"}, description = "no progress or summary")
        boolean quiet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SynthJob.Plan plan = SynthJob.plan(new SynthJob.Request(scenario, count, seed, chunkSize, partitions,
                    out, resume, overwrite, spinSystems, null, compression, format, components, transients));
            JavaSparkContext jsc = context(master, "larmor synth " + plan.synthesiser().scenario().name());
            try {
                ProgressListener progress = null;
                if (!quiet) {
                    progress = new ProgressListener(err, "synth", "chunks", plan.spec().chunks(), plan.kept());
                    jsc.sc().addSparkListener(progress);
                }
                SynthJob.Summary s = SynthJob.run(plan, jsc);
                if (!quiet) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%d spectra of %s in %.2f s (%.0f spectra/s,"
                                    + " Spark %s; %d parts of %d%s) to %s%n", s.written(),
                            plan.synthesiser().scenario().name(), s.seconds(), s.spectraPerSecond(), jsc.master(),
                            s.chunks(), plan.spec().chunkSize(),
                            s.keptChunks() > 0 ? ", " + s.keptChunks() + " kept from before" : "", out);
                }
            } finally {
                jsc.stop();
            }
            return 0;
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = {"Basis sets over a grid of sequences x B0 x TE, one Spark task per grid point, each"
                    + " folder with its provenance.json.",
                    "Example: larmor-spark sweep --grid sweeps/press-b0-te.yaml --out out/sweep"})
    static final class Sweep implements Callable<Integer> {
        @Option(names = {"-g", "--grid"}, required = true, paramLabel = "FILE", description = "sweep YAML")
        Path grid;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output folder")
        Path out;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: spark-submit's, else local[*])")
        String master;

        @Option(names = "--resume", description = "keep the grid points already written (their provenance.json"
                + " is in place) and make the rest")
        boolean resume;

        @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
        Path spinSystems;

        @Option(names = {"-q", "--quiet"}, description = "no progress or summary")
        boolean quiet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SweepJob.Plan plan = SweepJob.plan(grid, out, resume,
                    spinSystems != null ? spinSystems : shipped("spin-systems"));
            JavaSparkContext jsc = context(master, "larmor sweep " + plan.grid().name());
            try {
                if (!quiet) {
                    jsc.sc().addSparkListener(new ProgressListener(err, "sweep", "basis sets",
                            plan.points().size(), plan.kept()));
                }
                SweepJob.Summary s = SweepJob.run(plan, jsc);
                if (!quiet) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%d basis sets of %s in %.2f s (Spark %s%s) to"
                                    + " %s%n", s.written(), plan.grid().name(), s.seconds(), jsc.master(),
                            s.kept() > 0 ? "; " + s.kept() + " kept from before" : "", out);
                }
            } finally {
                jsc.stop();
            }
            return 0;
        }
    }
}
