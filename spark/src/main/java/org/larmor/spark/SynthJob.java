package org.larmor.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.larmor.basis.Version;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;
import org.larmor.synth.Dataset;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code larmor-spark synth}: a synthetic dataset made by Spark tasks, one Parquet part file per chunk of spectra.
 *
 * <p>Everything is checked on the driver before Spark starts: the scenario is read by the same reader as
 * {@code larmor synth} (so a bad scenario gives the same file:line message), its basis is made, and the output
 * folder is prepared. Spectrum i is {@code Synthesiser.generate(seed, i)}, whose random stream depends on the seed
 * and i alone; so the rows are the CLI's, bit for bit, however the chunks are spread over partitions and executors.
 * Resuming keeps every part file already in place (a part is moved into place whole when complete).
 */
public final class SynthJob {
    /** Default spectra per part file: 16 MB of float32 for 2048 points. */
    public static final int DEFAULT_CHUNK = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern OURS = Pattern.compile("part-\\d+\\.parquet|\\.larmor-tmp-.*|run\\.json"
            + "|manifest\\.json|scenario\\.yaml|spark\\.json");

    /**
     * @param scenario    scenario YAML
     * @param count       spectra
     * @param seed        dataset seed (null: the scenario's)
     * @param chunkSize   spectra per part file (0: {@link #DEFAULT_CHUNK})
     * @param partitions  Spark partitions (0: one per chunk still to make)
     * @param out         output folder (on a shared file system for a cluster)
     * @param spinSystems spin-system folder (null: shipped)
     * @param presets     concentration-preset folder (null: shipped)
     * @param compression Parquet page compression: none, snappy or zstd
     * @param format      parquet (part files) or npy (the chunk files of larmor synth, byte for byte)
     * @param components  npy: also the clean components, as larmor synth --components
     * @param transients  npy: also the per-coil transients, as larmor synth --transients
     * @param scenarioText the scenario's text, if not the file's: a scenario derived from it (a sweep's, with its
     *                     basis replaced), whose relative paths still resolve from the file's folder (null: the file)
     */
    public record Request(Path scenario, long count, Long seed, int chunkSize, int partitions, Path out,
                          boolean resume, boolean overwrite, Path spinSystems, Path presets,
                          String compression, String format, boolean components, boolean transients,
                          String scenarioText) {
        /** A Parquet request with the defaults of the options the CLI lacks. */
        public Request(Path scenario, long count, Long seed, int chunkSize, int partitions, Path out, boolean resume,
                       boolean overwrite, Path spinSystems, Path presets, String compression) {
            this(scenario, count, seed, chunkSize, partitions, out, resume, overwrite, spinSystems, presets,
                    compression, "parquet", false, false, null);
        }

        public Request(Path scenario, long count, Long seed, int chunkSize, int partitions, Path out, boolean resume,
                       boolean overwrite, Path spinSystems, Path presets, String compression, String format,
                       boolean components, boolean transients) {
            this(scenario, count, seed, chunkSize, partitions, out, resume, overwrite, spinSystems, presets,
                    compression, format, components, transients, null);
        }
    }

    /** A checked request: the driver's synthesiser, the task spec, and the chunks still to make. */
    public record Plan(Request request, Synthesiser synthesiser, SynthSpec spec, List<Long> todo, long kept,
                       Dataset.Job npyJob) {
    }

    /** What a run did. */
    public record Summary(long written, long keptChunks, long chunks, double seconds) {
        public double spectraPerSecond() {
            return written / Math.max(seconds, 1e-9);
        }
    }

    private SynthJob() {
    }

    /** Checks everything and prepares the folder; Spark is not touched. Throws InputException on bad input. */
    public static Plan plan(Request r) throws IOException {
        Path presets = r.presets() != null ? r.presets() : LarmorSpark.shipped("scenarios").resolve("presets");
        String text = r.scenarioText() != null ? r.scenarioText() : YamlReader.text(r.scenario());
        Scenario sc = r.scenarioText() == null ? ScenarioReader.read(r.scenario(), List.of(presets))
                : ScenarioReader.parse(r.scenario().toString(), text, r.scenario().toAbsolutePath().getParent(),
                List.of(presets));
        long seed;
        if (r.seed() != null) {
            seed = r.seed();
        } else if (sc.seed() != null) {
            seed = sc.seed();
        } else {
            throw InputException.of(r.scenario().toString(), "no seed: give --seed or write seed: in the scenario");
        }
        if (r.count() < 1) {
            throw InputException.of("--count", "count must be at least 1, got " + r.count());
        }
        if (r.chunkSize() < 0) {
            throw InputException.of("--chunk-size", "must be positive, got " + r.chunkSize());
        }
        if (r.partitions() < 0) {
            throw InputException.of("--partitions", "must be positive, got " + r.partitions());
        }
        if (r.resume() && r.overwrite()) {
            throw InputException.of("--resume", "--resume and --overwrite exclude each other");
        }
        String codec = switch (r.compression() == null ? "none" : r.compression().toLowerCase(java.util.Locale.ROOT)) {
            case "none", "uncompressed" -> "uncompressed";
            case "snappy" -> "snappy";
            case "zstd" -> "zstd";
            default -> throw InputException.of("--compression", "expected none, snappy or zstd, got "
                    + r.compression());
        };
        Path spins = r.spinSystems() != null ? r.spinSystems() : LarmorSpark.shipped("spin-systems");
        Synthesiser synth = new Synthesiser(sc, SynthBasis.load(sc, spins));
        String format = r.format() == null ? "parquet" : r.format().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("parquet") && !format.equals("npy")) {
            throw InputException.of("--format", "expected parquet or npy, got " + r.format());
        }
        if (format.equals("parquet") && (r.components() || r.transients())) {
            throw InputException.of(r.components() ? "--components" : "--transients", "is written with --format npy"
                    + " (the CLI's chunk files); the Parquet rows hold the spectra, combinations, water reference"
                    + " and truth");
        }
        Path out = r.out().toAbsolutePath();
        String absScenario = r.scenario().toAbsolutePath().toString();
        String fingerprint = Synthesisers.fingerprint(synth);
        if (format.equals("npy")) {
            // the CLI's own begin: its checks, its run.json, its resume rule, its chunk size
            Dataset.Options o = new Dataset.Options(r.count(), seed, r.chunkSize(), 1, r.components(),
                    r.transients(), false, r.resume(), r.overwrite());
            Dataset.Job job = Dataset.begin(synth, out, o);
            SynthSpec spec = new SynthSpec(absScenario, text, spins.toAbsolutePath().toString(),
                    presets.toAbsolutePath().toString(), seed, r.count(), job.chunkSize(), job.digits(),
                    out.toString(), fingerprint, JSON.writeValueAsString(job.run()), codec, "npy", r.components(),
                    r.transients());
            return new Plan(r, synth, spec, job.todo(), job.kept(), job);
        }
        int chunk = r.chunkSize() > 0 ? r.chunkSize() : DEFAULT_CHUNK;
        long chunks = (r.count() + chunk - 1) / chunk;
        int digits = Math.max(5, Long.toString(chunks - 1).length());
        Map<String, Object> run = runIdentity(synth, seed, r.count(), chunk);
        SynthSpec spec = new SynthSpec(absScenario, text, spins.toAbsolutePath().toString(),
                presets.toAbsolutePath().toString(), seed, r.count(), chunk, digits, out.toString(), fingerprint,
                JSON.writeValueAsString(run), codec, "parquet", false, false);
        prepare(out, run, r);
        List<Long> todo = new ArrayList<>();
        long kept = 0;
        for (long c = 0; c < chunks; c++) {
            if (r.resume() && Files.exists(out.resolve(spec.partName(c)))) {
                kept++;
            } else {
                todo.add(c);
            }
        }
        return new Plan(r, synth, spec, todo, kept, null);
    }

    /** Makes the plan's chunks with Spark, then writes the manifest and the scenario beside them. */
    public static Summary run(Plan plan, JavaSparkContext jsc) throws IOException {
        SynthSpec spec = plan.spec();
        Synthesisers.register(spec, plan.synthesiser());
        long t0 = System.nanoTime();
        long written = 0;
        if (!plan.todo().isEmpty()) {
            int slices = plan.request().partitions() > 0 ? plan.request().partitions() : plan.todo().size();
            List<Integer> rows = jsc.parallelize(plan.todo(), Math.min(slices, plan.todo().size()))
                    .map(c -> {
                        TaskContext t = TaskContext.get();
                        String attempt = t == null ? "0" : t.stageId() + "." + t.partitionId() + "."
                                + t.attemptNumber();
                        return ChunkWriter.write(spec, c, attempt);
                    })
                    .collect();
            for (int n : rows) {
                written += n;
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Path out = Path.of(spec.out());
        if (spec.npy()) {
            // the CLI's files, byte for byte; how they were made goes beside them
            Dataset.finish(plan.synthesiser(), plan.npyJob(), spec.scenarioText());
            writeAtomically(out, "spark.json", JSON.writeValueAsBytes(sparkRecord(plan, jsc)));
            return new Summary(written, plan.kept(), spec.chunks(), seconds);
        }
        writeAtomically(out, "scenario.yaml", spec.scenarioText().getBytes(StandardCharsets.UTF_8));
        writeAtomically(out, "manifest.json", JSON.writeValueAsBytes(manifest(plan, jsc)));
        return new Summary(written, plan.kept(), spec.chunks(), seconds);
    }

    private static Map<String, Object> sparkRecord(Plan plan, JavaSparkContext jsc) {
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("generator", "larmor-spark synth");
        spark.put("larmor_version", Version.get());
        spark.put("spark_version", jsc.version());
        spark.put("master", jsc.master());
        spark.put("partitions", plan.request().partitions() > 0 ? plan.request().partitions() : "one per chunk");
        spark.put("format", plan.spec().format());
        spark.put("note", "the rows do not depend on the partitions or executors: spectrum i is made from"
                + " (seed, i) alone");
        return spark;
    }

    private static Map<String, Object> runIdentity(Synthesiser s, long seed, long count, int chunk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("generator", "Larmor synth on Apache Spark");
        r.put("larmor_version", Version.get());
        r.put("scenario", s.scenario().name());
        r.put("scenario_sha256", s.scenario().sha256());
        r.put("basis_fingerprint", Synthesisers.fingerprint(s));
        r.put("seed", seed);
        r.put("count", count);
        r.put("chunk_size", chunk);
        r.put("points", s.points());
        r.put("format", "parquet");
        return r;
    }

    private static Map<String, Object> manifest(Plan plan, JavaSparkContext jsc) {
        SynthSpec spec = plan.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> run = JSON.readValue(spec.runJson(), Map.class);
            m.putAll(run);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        m.put("spark", sparkRecord(plan, jsc));
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("row", "one spectrum: index, spectra (float32 re/im interleaved), [combinations],"
                + " [water_reference], then the truth columns");
        layout.put("spectra_shape_per_row", Dataset.blockShape(plan.synthesiser(), 1));
        layout.put("compression", spec.compression());
        m.put("parquet", layout);
        m.putAll(Dataset.describe(plan.synthesiser()));
        List<Map<String, Object>> files = new ArrayList<>();
        for (long c = 0; c < spec.chunks(); c++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("chunk", c);
            f.put("first_index", c * spec.chunkSize());
            f.put("rows", spec.rows(c));
            f.put("file", spec.partName(c));
            files.add(f);
        }
        m.put("parts", files);
        return m;
    }

    /** As the CLI: a folder with another run's dataset is refused unless resumed (same identity) or overwritten. */
    private static void prepare(Path out, Map<String, Object> run, Request r) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw InputException.of(r.out().toString(), "exists and is not a folder");
        }
        Path runFile = out.resolve("run.json");
        boolean empty = !Files.exists(out) || isEmpty(out);
        if (!empty) {
            if (r.resume()) {
                if (!Files.exists(runFile)) {
                    throw InputException.of(r.out().toString(), "--resume: this folder holds no Larmor dataset (no"
                            + " run.json)");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> old = JSON.readValue(Files.readAllBytes(runFile), Map.class);
                for (Map.Entry<String, Object> e : run.entrySet()) {
                    Object before = old.get(e.getKey());
                    if (!Objects.equals(String.valueOf(before), String.valueOf(e.getValue()))) {
                        throw InputException.of(r.out().toString(), "--resume: the dataset here was made with "
                                + e.getKey() + " = " + before + ", this run has " + e.getValue()
                                + "; resume with the same scenario and options, or use --overwrite");
                    }
                }
                deleteMatching(out, Pattern.compile("\\.larmor-tmp-.*"));
                return;
            }
            if (!r.overwrite()) {
                throw InputException.of(r.out().toString(), Files.exists(runFile)
                        ? "holds a dataset already: --resume to complete it, --overwrite to replace it"
                        : "is not empty; choose a new folder (or --overwrite to remove Larmor dataset files from it)");
            }
            deleteMatching(out, OURS);
        }
        Files.createDirectories(out);
        writeAtomically(out, "run.json", JSON.writeValueAsBytes(run));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteMatching(Path dir, Pattern names) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isRegularFile(p) && names.matcher(p.getFileName().toString()).matches()) {
                    Files.delete(p);
                }
            }
        }
    }

    static void writeAtomically(Path dir, String file, byte[] content) throws IOException {
        Path tmp = dir.resolve(".larmor-tmp-" + file);
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
