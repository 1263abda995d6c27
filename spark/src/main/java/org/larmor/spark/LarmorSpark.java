package org.larmor.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.larmor.basis.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
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
        return org.larmor.cli.LarmorCommand.execute(new CommandLine(new LarmorSpark()), "larmor-spark", args, out,
                err);
    }

    static Path shipped(String folder) {
        return org.larmor.cli.Locations.shipped(folder);
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

    /** The options every larmor-spark command has. */
    static final class Common {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: spark-submit's, else local[*])")
        String master;

        @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
        Path spinSystems;

        @Option(names = {"-q", "--quiet"}, description = "no progress or summary")
        boolean quiet;
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

        @CommandLine.Mixin
        Common common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SynthJob.Plan plan = SynthJob.plan(new SynthJob.Request(scenario, count, seed, chunkSize, partitions,
                    out, resume, overwrite, common.spinSystems, null, compression, format, components, transients));
            JavaSparkContext jsc = context(common.master, "larmor synth " + plan.synthesiser().scenario().name());
            try {
                ProgressListener progress = null;
                if (!common.quiet) {
                    progress = new ProgressListener(err, "synth", "chunks", plan.spec().chunks(), plan.kept());
                    jsc.sc().addSparkListener(progress);
                }
                SynthJob.Summary s = SynthJob.run(plan, jsc);
                if (!common.quiet) {
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

        @Option(names = "--resume", description = "keep the grid points already written (their provenance.json"
                + " is in place) and make the rest")
        boolean resume;

        @CommandLine.Mixin
        Common common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SweepJob.Plan plan = SweepJob.plan(grid, out, resume,
                    common.spinSystems != null ? common.spinSystems : shipped("spin-systems"));
            JavaSparkContext jsc = context(common.master, "larmor sweep " + plan.grid().name());
            try {
                if (!common.quiet) {
                    jsc.sc().addSparkListener(new ProgressListener(err, "sweep", "basis sets",
                            plan.points().size(), plan.kept()));
                }
                SweepJob.Summary s = SweepJob.run(plan, jsc);
                if (!common.quiet) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "%d basis sets of %s%s in %.2f s (Spark %s%s) to"
                                    + " %s%n", s.written(), plan.grid().name(), s.spectra() > 0 ? " and " + s.spectra()
                                    + " synthetic spectra" : "", s.seconds(), jsc.master(),
                            s.kept() > 0 ? "; " + s.kept() + " kept from before" : "", out);
                }
            } finally {
                jsc.stop();
            }
            return 0;
        }
    }
}
