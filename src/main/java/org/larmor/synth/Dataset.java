package org.larmor.synth;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.larmor.basis.Version;
import org.larmor.input.InputException;
import org.larmor.io.NiftiMrsDataWriter;
import org.larmor.io.NiftiMrsWriter;
import org.larmor.io.NpyWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes a dataset: {@code count} spectra of a scenario in chunks of {@code chunkSize}, each chunk a set of files
 * (layout in docs/synthesiser.md):
 * <pre>
 * OUT/run.json                      what this run makes (seed, count, chunk size, scenario hash, options)
 * OUT/scenario.yaml                 the scenario as written
 * OUT/spectra_CCCCC.npy             complex64 (rows, [dynamics], [conditions], points): the sub-spectra
 * OUT/combinations_CCCCC.npy        (rows, [dynamics], combinations, points): DIFF, SUM, … of an edited scan
 * OUT/truth_CCCCC.csv / .jsonl      one row / line per spectrum: index and every drawn parameter
 * OUT/water_reference_CCCCC.npy     (rows, points), when the scenario has a water reference
 * OUT/transients_CCCCC.npy          (rows, [dynamics], averages, [conditions], coils, points), with --transients
 * OUT/design.tsv                    the fMRS stimulus design (BIDS events)
 * OUT/&lt;component&gt;_CCCCC.npy         shaped as the spectra, per clean component, with --components
 * OUT/nifti/spectrum_IIIIIII*.nii.gz NIfTI-MRS per spectrum, with --nifti (and its components with --components)
 * OUT/manifest.json                 written last: everything needed to read and reproduce the dataset
 * </pre>
 * Each chunk is made in memory, written to hidden temporary files and moved into place with an atomic rename,
 * the spectra file last: a chunk whose {@code spectra_CCCCC.npy} exists is complete, and an interrupted run leaves
 * only complete chunks (and hidden temporary files, removed on the next run). Chunks are independent functions of
 * (seed, index), so the files are byte-identical whatever the thread count.
 */
public final class Dataset {
    /** At most this many spectra may be written as NIfTI-MRS (one file each). */
    public static final long MAX_NIFTI = 10_000;
    /** Largest chunk held in memory, in bytes. */
    static final long MAX_CHUNK_BYTES = 1L << 30;

    private static final ObjectWriter JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
    private static final Pattern OURS = Pattern.compile("(spectra|combinations|truth|water_reference|transients"
            + "|metabolites|macromolecules|lipids|residual_water|baseline|noise)_\\d+\\.(npy|csv|jsonl)"
            + "|run\\.json|manifest\\.json|scenario\\.yaml|design\\.tsv|\\.larmor-tmp-.*");

    /**
     * What to write.
     *
     * @param count      spectra
     * @param seed       dataset seed
     * @param chunkSize  spectra per chunk (0: automatic)
     * @param threads    worker threads (does not change the output)
     * @param components write the clean components
     * @param transients write the per-coil transients
     * @param nifti      write NIfTI-MRS files per spectrum
     * @param resume     continue an interrupted run in the same folder
     * @param overwrite  remove a previous dataset's files from the folder first
     */
    public record Options(long count, long seed, int chunkSize, int threads, boolean components, boolean transients,
                          boolean nifti, boolean resume, boolean overwrite) {
    }

    /** Called about once a second from a reporting thread, and once at the end. */
    public interface Progress {
        void report(long done, long total, double spectraPerSecond, boolean finished);
    }

    /**
     * What was done.
     *
     * @param written       spectra made by this run
     * @param resumedChunks chunks found complete and kept
     * @param seconds       wall time
     * @param chunkSize     spectra per chunk
     */
    public record Summary(long written, long resumedChunks, double seconds, int chunkSize) {
    }

    private Dataset() {
    }

    /** Spectra per chunk: the requested size, or the automatic one (1000, fewer if transients are large). */
    public static int chunkSize(Synthesiser s, Options o) {
        long perSpectrum = bytesPerSpectrum(s, o);
        if (o.chunkSize() > 0) {
            if (perSpectrum * o.chunkSize() > MAX_CHUNK_BYTES) {
                throw InputException.of("--chunk-size", "a chunk of " + o.chunkSize() + " spectra needs "
                        + perSpectrum * o.chunkSize() / (1 << 20) + " MB in memory; use at most "
                        + Math.max(1, MAX_CHUNK_BYTES / perSpectrum));
            }
            return o.chunkSize();
        }
        long auto = Math.max(1, Math.min(1000, (MAX_CHUNK_BYTES / 4) / perSpectrum));
        return (int) Math.min(auto, Math.max(1, o.count()));
    }

    private static long bytesPerSpectrum(Synthesiser s, Options o) {
        long n = s.points();
        Layout l = s.layout();
        long b = 8 * n * (blockValues(s) + (s.scenario().waterReference() != null ? 1 : 0)
                + (o.components() ? (long) Synthesiser.COMPONENTS.size() * l.blocks() : 0));
        if (o.transients()) {
            b += 8 * n * (long) l.shots() * l.coils();
        }
        return b + 4096;
    }

    /** FIDs per scan in the spectra and combinations files: the sub-spectra and the combinations. */
    private static long blockValues(Synthesiser s) {
        Layout l = s.layout();
        return l.blocks() + (long) l.dynamics() * s.combinationNames().size();
    }

    /**
     * The shape of one scan's sub-spectra: (dynamics, conditions, points), without the dimensions of size 1 that
     * the scenario does not have (a static unedited scan is (points)).
     */
    public static long[] blockShape(Synthesiser s, int rows) {
        Layout l = s.layout();
        return l.edited() ? shape(s, rows, l.conditionCount(), s.points()) : shape(s, rows, s.points());
    }

    /** (rows, [dynamics], combinations, points). */
    public static long[] combinationShape(Synthesiser s, int rows) {
        return shape(s, rows, s.combinationNames().size(), s.points());
    }

    /** (rows, [dynamics], averages, [conditions], coils, points): acquisition order, then coil. */
    static long[] transientShape(Synthesiser s, int rows) {
        Layout l = s.layout();
        return l.edited() ? shape(s, rows, l.averages(), l.conditionCount(), l.coils(), s.points())
                : shape(s, rows, l.averages(), l.coils(), s.points());
    }

    /** (rows, dynamics, inner…), the dynamics only when the scan has them. */
    private static long[] shape(Synthesiser s, int rows, long... inner) {
        boolean dynamic = !s.layout().kind().equals("none");
        long[] out = new long[inner.length + (dynamic ? 2 : 1)];
        out[0] = rows;
        if (dynamic) {
            out[1] = s.layout().dynamics();
        }
        System.arraycopy(inner, 0, out, out.length - inner.length, inner.length);
        return out;
    }

    /**
     * A dataset begun in a folder: its options checked, the folder prepared (run.json written, a resumed run's
     * temporaries removed), and the chunks still to make known. A writer that spreads the chunks over other
     * machines (larmor-spark) begins on its driver, calls {@link #writeChunk} anywhere, and finishes on its driver;
     * the files are those of {@link #write}, byte for byte.
     *
     * @param chunkSize spectra per chunk
     * @param digits    digits of the chunk numbers in the file names
     * @param todo      the chunks to make, in order
     * @param kept      chunks kept from an interrupted run (--resume)
     */
    public record Job(Path out, Options options, int chunkSize, long chunks, int digits, Map<String, Object> run,
                      List<Long> todo, long kept, long keptRows) {
        public Job {
            run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
            todo = List.copyOf(todo);
        }
    }

    /**
     * Checks the options and prepares {@code out} for a dataset.
     *
     * @throws InputException if the options are impossible or the folder holds something else; nothing is written
     */
    public static Job begin(Synthesiser synth, Path out, Options o) throws IOException {
        if (o.count() < 1) {
            throw InputException.of("--count", "count must be at least 1, got " + o.count());
        }
        if (o.nifti() && o.count() > MAX_NIFTI) {
            throw InputException.of("--nifti", "NIfTI-MRS writes files per spectrum; use it for at most " + MAX_NIFTI
                    + " spectra (the .npy chunks hold any number)");
        }
        if (o.resume() && o.overwrite()) {
            throw InputException.of("--resume", "--resume and --overwrite exclude each other");
        }
        if (o.nifti()) {
            checkNifti(synth, o);
        }
        int chunk = chunkSize(synth, o);
        long chunks = (o.count() + chunk - 1) / chunk;
        int digits = Math.max(5, Long.toString(chunks - 1).length());
        Map<String, Object> run = runIdentity(synth, o, chunk);
        checkSpace(out, estimateBytes(synth, o, chunk, chunks, o.resume() ? keptChunks(out, chunks, digits) : 0));
        prepare(out, run, o);
        long resumed = 0;
        long resumedRows = 0;
        List<Long> todo = new ArrayList<>();
        for (long c = 0; c < chunks; c++) {
            if (o.resume() && Files.exists(out.resolve(name("spectra", c, digits, "npy")))) {
                resumed++;
                resumedRows += rows(c, chunk, o.count());
            } else {
                todo.add(c);
            }
        }
        return new Job(out, o, chunk, chunks, digits, run, todo, resumed, resumedRows);
    }

    /**
     * Makes chunk {@code chunk} of a begun dataset (any thread, any machine that sees {@code out}): its spectra in
     * index order, each from (seed, index) alone, written under temporary names and moved into place, spectra last.
     */
    public static void writeChunk(Synthesiser synth, Synthesiser.Workspace ws, Path out, Options o, int chunkSize,
                                  int digits, long chunk) throws IOException {
        writeChunk(synth, ws, out, o, chunk, chunkSize, digits, new AtomicLong());
    }

    /** Writes what describes a complete dataset beside its chunks: the scenario, fMRS design and manifest.json. */
    public static void finish(Synthesiser synth, Job job, String scenarioText) throws IOException {
        Path out = job.out();
        writeAtomically(out, "scenario.yaml", scenarioText.getBytes(StandardCharsets.UTF_8));
        if (synth.scenario().fmrs() != null) {
            writeAtomically(out, "design.tsv", synth.scenario().fmrs().design().toTsv()
                    .getBytes(StandardCharsets.UTF_8));
        }
        writeAtomically(out, "manifest.json", JSON.writeValueAsBytes(manifest(synth, job.options(), job.chunkSize(),
                job.chunks(), job.digits(), job.run())));
    }

    /**
     * Writes the dataset into {@code out}.
     *
     * @param scenarioText the scenario file's text, copied beside the data
     * @throws InputException if the options are impossible or the folder holds something else; nothing is written
     */
    public static Summary write(Synthesiser synth, Path out, Options o, String scenarioText, Progress progress)
            throws IOException {
        Job job = begin(synth, out, o);
        int chunk = job.chunkSize();
        int digits = job.digits();
        long t0 = System.nanoTime();
        AtomicLong done = new AtomicLong(job.keptRows());
        long resumed = job.kept();
        List<Long> todo = job.todo();
        long already = done.get();
        int threads = Math.max(1, o.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "larmor-synth");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Synthesiser.Workspace> workspaces = ThreadLocal.withInitial(synth::newWorkspace);
        Thread reporter = progress == null ? null : reporter(progress, done, o.count(), already, t0);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (long c : todo) {
                futures.add(pool.submit(() -> {
                    writeChunk(synth, workspaces.get(), out, o, c, chunk, digits, done);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof UncheckedIOException uio) {
                        throw uio.getCause();
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    futures.forEach(x -> x.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
            if (reporter != null) {
                reporter.interrupt();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        finish(synth, job, scenarioText);
        if (progress != null) {
            progress.report(o.count(), o.count(), (o.count() - already) / Math.max(seconds, 1e-9), true);
        }
        return new Summary(o.count() - already, resumed, seconds, chunk);
    }

    /**
     * About how many bytes the files of {@code chunks - kept} chunks take: the .npy arrays exactly (header
     * included), the truth tables and NIfTI-MRS files from an upper estimate per spectrum.
     */
    static long estimateBytes(Synthesiser s, Options o, int chunk, long chunks, long kept) {
        long n = s.points();
        Layout l = s.layout();
        long arrays = 1 + (s.scenario().waterReference() != null ? 1 : 0)
                + (o.components() ? Synthesiser.COMPONENTS.size() : 0) + (s.combinationNames().isEmpty() ? 0 : 1);
        long perSpectrum = 8 * n * (blockValues(s) + (s.scenario().waterReference() != null ? 1 : 0)
                + (o.components() ? (long) Synthesiser.COMPONENTS.size() * l.blocks() : 0))
                + (o.transients() ? 8 * n * (long) l.shots() * l.coils() : 0);
        // CSV and JSON lines: each value up to ~24 characters, the JSON key once more per value.
        perSpectrum += (long) s.schema().width() * 24 * 2 + 64;
        if (o.nifti()) {
            long files = 1 + (s.scenario().waterReference() != null ? 1 : 0)
                    + (o.components() ? Synthesiser.COMPONENTS.size() : 0)
                    + (o.transients() || s.averages() > 1 || s.coils() > 1 ? 1 : 0);
            // Each combination (DIFF, SUM, …) is a file of its own: one FID per dynamic.
            perSpectrum += files * (8 * n * l.blocks() + 4096)
                    + s.combinationNames().size() * (8 * n * l.dynamics() + 4096)
                    + (o.transients() || s.averages() > 1 || s.coils() > 1 ? 8 * n * (long) l.shots() * l.coils() : 0);
        }
        long rows = Math.max(0, o.count() - kept * chunk);
        long perChunkHeaders = 128L * (arrays + (o.transients() ? 1 : 0)) + 4096;
        return saturatingAdd(saturatingMultiply(rows, perSpectrum),
                saturatingMultiply(chunks - kept, perChunkHeaders));
    }

    private static long saturatingMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatingAdd(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long keptChunks(Path out, long chunks, int digits) {
        long kept = 0;
        for (long c = 0; c < chunks && Files.isDirectory(out); c++) {
            if (Files.exists(out.resolve(name("spectra", c, digits, "npy")))) {
                kept++;
            }
        }
        return kept;
    }

    /**
     * Refuses, before anything is written, a dataset larger than the free space of the file system it would go to
     * ({@link java.nio.file.FileStore#getUsableSpace()} of the folder, or of its nearest existing parent).
     */
    static void checkSpace(Path out, long needed) throws IOException {
        Path p = out.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        long free = Files.getFileStore(p).getUsableSpace();
        // 64 MB to spare: the file system should not be left full.
        if (needed > free - (64L << 20)) {
            throw InputException.of("--count", "the dataset needs about " + bytes(needed) + " and the file system of "
                    + p + " has " + bytes(free) + " free: choose a smaller --count, fewer outputs (--components,"
                    + " --transients, --nifti) or another folder; nothing was written");
        }
    }

    private static String bytes(long b) {
        if (b == Long.MAX_VALUE) {
            return "more than 9.2 EB";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = b;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]) + " (" + b
                + " bytes)";
    }

    private static Thread reporter(Progress progress, AtomicLong done, long total, long already, long t0) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    double s = (System.nanoTime() - t0) * 1e-9;
                    long d = done.get();
                    progress.report(d, total, (d - already) / Math.max(s, 1e-9), false);
                }
            } catch (InterruptedException e) {
                // finished
            }
        }, "larmor-synth-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long rows(long chunk, int chunkSize, long count) {
        return Math.min(chunkSize, count - chunk * chunkSize);
    }

    static String name(String kind, long chunk, int digits, String ext) {
        return kind + "_" + String.format("%0" + digits + "d", chunk) + "." + ext;
    }

    // --------------------------------------------------------------------------------------------- the folder

    private static Map<String, Object> runIdentity(Synthesiser s, Options o, int chunk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("generator", "Larmor synth");
        r.put("larmor_version", Version.get());
        r.put("scenario", s.scenario().name());
        r.put("scenario_sha256", s.scenario().sha256());
        r.put("seed", o.seed());
        r.put("count", o.count());
        r.put("chunk_size", chunk);
        r.put("points", s.points());
        r.put("components", o.components());
        r.put("transients", o.transients());
        r.put("nifti", o.nifti());
        r.put("combinations", s.combinationNames());
        return r;
    }

    /** Checks and prepares the output folder; throws before writing anything if it cannot be used. */
    private static void prepare(Path out, Map<String, Object> run, Options o) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw InputException.of(out.toString(), "exists and is not a folder");
        }
        boolean empty = !Files.exists(out) || isEmpty(out);
        Path runFile = out.resolve("run.json");
        if (!empty) {
            if (o.resume()) {
                if (!Files.exists(runFile)) {
                    throw InputException.of(out.toString(), "--resume: this folder holds no Larmor dataset (no"
                            + " run.json)");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> old = new ObjectMapper().readValue(Files.readAllBytes(runFile), Map.class);
                for (Map.Entry<String, Object> e : run.entrySet()) {
                    Object before = old.get(e.getKey());
                    if (!Objects.equals(String.valueOf(before), String.valueOf(e.getValue()))) {
                        throw InputException.of(out.toString(), "--resume: the dataset here was made with "
                                + e.getKey() + " = " + before + ", this run has " + e.getValue()
                                + "; resume with the same scenario and options, or use --overwrite");
                    }
                }
                deleteTemporaries(out);
                return;
            }
            if (!o.overwrite()) {
                throw InputException.of(out.toString(), Files.exists(runFile)
                        ? "holds a dataset already: --resume to complete it, --overwrite to replace it"
                        : "is not empty; choose a new folder (or --overwrite to remove Larmor dataset files from it)");
            }
            removeDataset(out, runFile);
        }
        Files.createDirectories(out);
        writeAtomically(out, "run.json", JSON.writeValueAsBytes(run));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteTemporaries(Path out) throws IOException {
        for (Path dir : List.of(out, out.resolve("nifti"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".larmor-tmp-*")) {
                for (Path p : s) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Removes the files of the Larmor dataset in {@code out} (and nothing else): those its manifest.json (or, for an
     * interrupted run, its run.json) says Larmor wrote, and Larmor's hidden temporary files. Without either, files
     * that merely have a dataset's names are not removed: that is refused, naming them.
     */
    private static void removeDataset(Path out, Path runFile) throws IOException {
        Map<String, Object> record = readRecord(out.resolve("manifest.json"));
        if (record == null) {
            record = readRecord(runFile);
        }
        if (record == null) {
            List<String> lookalikes = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(out)) {
                for (Path p : s) {
                    String f = p.getFileName().toString();
                    if (Files.isRegularFile(p) && OURS.matcher(f).matches() && !f.startsWith(".larmor-tmp-")) {
                        lookalikes.add(f);
                    }
                }
            }
            if (!lookalikes.isEmpty()) {
                java.util.Collections.sort(lookalikes);
                throw InputException.of(out.toString(), "--overwrite: this folder holds no Larmor dataset (no"
                        + " manifest.json or run.json) but files with a dataset's names (" + String.join(", ",
                        lookalikes.subList(0, Math.min(4, lookalikes.size()))) + (lookalikes.size() > 4 ? ", …" : "")
                        + "): they are not Larmor's to remove; nothing was removed or written; choose a new folder");
            }
            return;
        }
        for (Path p : datasetFiles(out, record)) {
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
            }
        }
        deleteTemporaries(out);
        for (String f : List.of("scenario.yaml", "design.tsv", "run.json", "manifest.json")) {
            Files.deleteIfExists(out.resolve(f));
        }
        Path nifti = out.resolve("nifti");
        if (Files.isDirectory(nifti) && isEmpty(nifti)) {
            Files.delete(nifti);
        }
    }

    /** A manifest.json or run.json that Larmor synth wrote, or null. */
    private static Map<String, Object> readRecord(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new ObjectMapper().readValue(Files.readAllBytes(file), Map.class);
            return "Larmor synth".equals(m.get("generator")) && m.get("count") instanceof Number
                    && m.get("chunk_size") instanceof Number ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The data files a dataset described by its run.json or manifest.json consists of: per chunk the spectra,
     * truth tables, water reference, transients and components, and the NIfTI-MRS files per spectrum.
     */
    static List<Path> datasetFiles(Path out, Map<String, Object> record) {
        long count = ((Number) record.get("count")).longValue();
        long chunk = Math.max(1, ((Number) record.get("chunk_size")).longValue());
        long chunks = (count + chunk - 1) / chunk;
        int digits = Math.max(5, Long.toString(chunks - 1).length());
        List<String> kinds = new ArrayList<>(List.of("spectra", "combinations", "water_reference", "transients"));
        kinds.addAll(Synthesiser.COMPONENTS);
        List<Path> files = new ArrayList<>();
        for (long c = 0; c < chunks; c++) {
            for (String k : kinds) {
                files.add(out.resolve(name(k, c, digits, "npy")));
            }
            files.add(out.resolve(name("truth", c, digits, "csv")));
            files.add(out.resolve(name("truth", c, digits, "jsonl")));
        }
        if (Boolean.TRUE.equals(record.get("nifti")) && count <= MAX_NIFTI) {
            Path nifti = out.resolve("nifti");
            List<String> suffixes = new ArrayList<>(List.of("", "_transients", "_water"));
            Synthesiser.COMPONENTS.forEach(x -> suffixes.add("_" + x));
            if (record.get("combinations") instanceof List<?> names) {
                for (Object x : names) {
                    if (x instanceof String name && name.matches("[A-Za-z0-9_+-]{1,40}")) {
                        suffixes.add("_" + name);
                    }
                }
            }
            for (long i = 0; i < count; i++) {
                String stem = String.format("spectrum_%07d", i);
                for (String sfx : suffixes) {
                    files.add(nifti.resolve(stem + sfx + ".nii.gz"));
                }
            }
        }
        return files;
    }

    private static void writeAtomically(Path dir, String file, byte[] content) throws IOException {
        Path tmp = dir.resolve(".larmor-tmp-" + file);
        Files.write(tmp, content);
        move(tmp, dir.resolve(file));
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------------------------------------- one chunk

    private static void writeChunk(Synthesiser synth, Synthesiser.Workspace ws, Path out, Options o, long chunk,
                                   int chunkSize, int digits, AtomicLong done) throws IOException {
        int rows = (int) rows(chunk, chunkSize, o.count());
        int n = synth.points();
        Layout layout = synth.layout();
        int blocks = layout.blocks();
        int combos = layout.dynamics() * synth.combinationNames().size();
        boolean water = synth.scenario().waterReference() != null;
        boolean needTransients = o.transients() || o.nifti() && (synth.averages() > 1 || synth.coils() > 1);
        int perScan = layout.shots() * layout.coils();
        float[] spectra = new float[2 * rows * blocks * n];
        float[] combined = combos > 0 ? new float[2 * rows * combos * n] : null;
        float[] waterRef = water ? new float[2 * rows * n] : null;
        float[][] comps = o.components() ? new float[Synthesiser.COMPONENTS.size()][2 * rows * blocks * n] : null;
        float[] trans = o.transients() ? new float[2 * rows * perScan * n] : null;
        TruthTables truth = new TruthTables(synth.schema(), rows);
        List<Path[]> niftiMoves = new ArrayList<>();
        Path niftiDir = out.resolve("nifti");
        if (o.nifti()) {
            Files.createDirectories(niftiDir);
        }
        for (int r = 0; r < rows; r++) {
            long index = chunk * chunkSize + r;
            synth.run(o.seed(), index, ws, o.components(), needTransients);
            for (int b = 0; b < blocks; b++) {
                copy(ws.out[b], spectra, (r * blocks + b) * n, n);
            }
            for (int k = 0; k < combos; k++) {
                copy(ws.combined[k], combined, (r * combos + k) * n, n);
            }
            if (water) {
                copy(ws.water, waterRef, r * n, n);
            }
            if (comps != null) {
                for (int c = 0; c < comps.length; c++) {
                    for (int b = 0; b < blocks; b++) {
                        copy(ws.comp[b][c], comps[c], (r * blocks + b) * n, n);
                    }
                }
            }
            if (trans != null) {
                for (int k = 0; k < perScan; k++) {
                    copy(ws.trRe[k], ws.trIm[k], trans, (r * perScan + k) * n, n);
                }
            }
            truth.add(index, ws.truth());
            if (o.nifti()) {
                niftiMoves.addAll(nifti(synth, ws, niftiDir, index, needTransients, o.components()));
            }
            done.incrementAndGet();
        }
        // Temporary files, then atomic moves; spectra last: its presence marks the chunk complete.
        List<Path[]> moves = new ArrayList<>(niftiMoves);
        Path[] csv = temporary(out, name("truth", chunk, digits, "csv"));
        truth.writeCsv(csv[0]);
        moves.add(csv);
        Path[] jsonl = temporary(out, name("truth", chunk, digits, "jsonl"));
        truth.writeJsonl(jsonl[0]);
        moves.add(jsonl);
        if (water) {
            moves.add(npy(out, name("water_reference", chunk, digits, "npy"), waterRef, rows * n, rows, n));
        }
        if (combined != null) {
            moves.add(npy(out, name("combinations", chunk, digits, "npy"), combined, rows * combos * n,
                    combinationShape(synth, rows)));
        }
        if (comps != null) {
            for (int c = 0; c < comps.length; c++) {
                moves.add(npy(out, name(Synthesiser.COMPONENTS.get(c), chunk, digits, "npy"), comps[c],
                        rows * blocks * n, blockShape(synth, rows)));
            }
        }
        if (trans != null) {
            moves.add(npy(out, name("transients", chunk, digits, "npy"), trans, rows * perScan * n,
                    transientShape(synth, rows)));
        }
        moves.add(npy(out, name("spectra", chunk, digits, "npy"), spectra, rows * blocks * n,
                blockShape(synth, rows)));
        for (Path[] m : moves) {
            move(m[0], m[1]);
        }
    }

    private static void copy(double[][] src, float[] dst, int offset, int n) {
        copy(src[0], src[1], dst, offset, n);
    }

    private static void copy(double[] re, double[] im, float[] dst, int offset, int n) {
        int o = 2 * offset;
        for (int k = 0; k < n; k++) {
            dst[o + 2 * k] = (float) re[k];
            dst[o + 2 * k + 1] = (float) im[k];
        }
    }

    private static Path[] npy(Path dir, String file, float[] data, int count, long... shape) throws IOException {
        Path tmp = dir.resolve(".larmor-tmp-" + file);
        NpyWriter.writeComplex64(tmp, data, count, shape);
        return new Path[] {tmp, dir.resolve(file)};
    }

    /** (temporary, final) names of a file of the chunk. */
    private static Path[] temporary(Path dir, String file) {
        return new Path[] {dir.resolve(".larmor-tmp-" + file), dir.resolve(file)};
    }

    /** The user key (an object with a Description) in which NIfTI-MRS files state the receiver reference. */
    public static final String RECEIVER_REFERENCE_KEY = org.larmor.io.NiftiFormat.RECEIVER_REFERENCE_KEY;

    /**
     * Checks, before anything is written, that NIfTI-MRS can hold the scan as Larmor writes it: a stated TR
     * (RepetitionTime is in every file; FSL-MRS needs it to scale by water) and at most three higher dimensions.
     */
    static void checkNifti(Synthesiser s, Options o) {
        Layout l = s.layout();
        if (Double.isNaN(l.repetitionTimeS())) {
            throw InputException.of(s.scenario().origin(), "--nifti: NIfTI-MRS files state the repetition time"
                    + " (RepetitionTime; FSL-MRS needs it to scale by the water reference), and this scenario states"
                    + " none: add repetition_time_s");
        }
        boolean transients = o.transients() || l.averages() > 1 || l.coils() > 1;
        if (transients && transientDimensions(s).size() > 3) {
            throw InputException.of(s.scenario().origin(), "--nifti: the transients of this scan have "
                    + transientDimensions(s).size() + " higher dimensions (coil, condition, average, weighting) and"
                    + " NIfTI-MRS holds at most three: write them as .npy only (--transients without --nifti), or"
                    + " use one coil or one average");
        }
    }

    /** Higher dimensions of the averaged sub-spectra (NIfTI order: condition, then dynamic). */
    private static List<NiftiMrsDataWriter.Dimension> blockDimensions(Synthesiser s) {
        Layout l = s.layout();
        List<NiftiMrsDataWriter.Dimension> dims = new ArrayList<>();
        if (l.edited()) {
            dims.add(new NiftiMrsDataWriter.Dimension(l.conditionCount(), "DIM_EDIT", "editing condition"));
        }
        dims.addAll(dynamicDimension(s));
        return dims;
    }

    private static List<NiftiMrsDataWriter.Dimension> dynamicDimension(Synthesiser s) {
        Layout l = s.layout();
        if (l.kind().equals("fmrs")) {
            return List.of(new NiftiMrsDataWriter.Dimension(l.dynamics(), "DIM_DYN", "fMRS time point"));
        } else if (l.kind().equals("diffusion")) {
            return List.of(new NiftiMrsDataWriter.Dimension(l.dynamics(), "DIM_USER_0", "diffusion weighting"));
        }
        return List.of();
    }

    /** Higher dimensions of the transients: coil, condition, then shots in time (fMRS: one DIM_DYN of all). */
    private static List<NiftiMrsDataWriter.Dimension> transientDimensions(Synthesiser s) {
        Layout l = s.layout();
        List<NiftiMrsDataWriter.Dimension> dims = new ArrayList<>();
        if (l.coils() > 1) {
            dims.add(new NiftiMrsDataWriter.Dimension(l.coils(), "DIM_COIL", "receive coil"));
        }
        if (l.edited()) {
            dims.add(new NiftiMrsDataWriter.Dimension(l.conditionCount(), "DIM_EDIT", "editing condition"));
        }
        if (l.kind().equals("fmrs")) {
            dims.add(new NiftiMrsDataWriter.Dimension(l.dynamics() * l.averages(), "DIM_DYN",
                    "transient, in acquisition order"));
        } else {
            if (l.averages() > 1) {
                dims.add(new NiftiMrsDataWriter.Dimension(l.averages(), "DIM_DYN", "transient (average)"));
            }
            if (l.kind().equals("diffusion")) {
                dims.add(new NiftiMrsDataWriter.Dimension(l.dynamics(), "DIM_USER_0", "diffusion weighting"));
            }
        }
        return dims;
    }

    /** dim_N_header entries of the dimensions: EditCondition, the b-values and directions, the fMRS times. */
    private static void dimensionHeaders(Synthesiser s, List<NiftiMrsDataWriter.Dimension> dims,
                                         Map<String, Object> json) {
        Layout l = s.layout();
        for (int k = 0; k < dims.size(); k++) {
            String key = "dim_" + (5 + k) + "_header";
            NiftiMrsDataWriter.Dimension d = dims.get(k);
            if (d.tag().equals("DIM_EDIT")) {
                json.put(key, Map.of("EditCondition", l.conditions()));
            } else if (d.tag().equals("DIM_USER_0")) {
                GradientTable g = s.scenario().diffusion().gradients();
                List<Double> b = new ArrayList<>();
                List<List<Double>> dir = new ArrayList<>();
                for (int i = 0; i < g.size(); i++) {
                    b.add(g.bSPerM2()[i] * 1e-6);
                    dir.add(List.of(g.directions()[i][0], g.directions()[i][1], g.directions()[i][2]));
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("DiffusionBValue", userKey(b, "b-value of each weighting, s/mm^2 (user-defined key)"));
                h.put("DiffusionGradientDirection", userKey(dir, "unit direction [x, y, z] of each weighting's"
                        + " diffusion gradient, scanner axes (user-defined key)"));
                json.put(key, h);
            } else if (d.tag().equals("DIM_DYN") && l.kind().equals("fmrs") && d.size() == l.dynamics()) {
                List<Double> t = new ArrayList<>();
                for (int i = 0; i < l.dynamics(); i++) {
                    t.add(l.dynamicTimeS(i));
                }
                json.put(key, Map.of("LarmorTime", userKey(t, "time (s) of each time point from the start of the"
                        + " series: the middle of its shots")));
            }
        }
    }

    /** NIfTI-MRS files of one scan, written to temporary names; returns (temporary, final) pairs. */
    private static List<Path[]> nifti(Synthesiser synth, Synthesiser.Workspace ws, Path dir, long index,
                                      boolean withTransients, boolean withComponents) throws IOException {
        List<Path[]> moves = new ArrayList<>();
        SynthBasis b = synth.basis();
        Layout layout = synth.layout();
        int n = synth.points();
        double dwell = b.dwellS();
        double mhz = b.hzPerPpm();
        String stem = String.format("spectrum_%07d", index);
        Map<String, Object> json = new LinkedHashMap<>();
        if (Double.isFinite(b.echoTimeS())) {
            json.put("EchoTime", b.echoTimeS());
        }
        json.put("RepetitionTime", layout.repetitionTimeS());
        // The sequence's own header keys (SequenceName, Manufacturer, MixingTime), as a scanner writes them; the
        // editing pulses only in the files that hold the editing conditions (DIM_EDIT).
        Map<String, Object> editPulse = null;
        for (Map.Entry<String, Object> e : b.scanHeader().entrySet()) {
            if (e.getKey().equals("EditPulse")) {
                editPulse = new LinkedHashMap<>();
                editPulse.put("EditPulse", e.getValue());
            } else {
                json.put(e.getKey(), e.getValue());
            }
        }
        json.put("ConversionMethod", "Larmor synth " + Version.get());
        json.put(RECEIVER_REFERENCE_KEY, userKey(b.referencePpm(), "chemical shift (ppm) at the receiver frequency"
                + " (0 Hz of the spectrum)"));
        Map<String, Object> truth = new LinkedHashMap<>();
        double[] v = ws.truth();
        Truth.Schema schema = synth.schema();
        int o = 0;
        for (int k = 0; k < schema.names().size(); k++) {
            String nm = schema.names().get(k);
            int len = schema.lengths().get(k);
            if (nm.endsWith("[]")) {
                List<Object> arr = new ArrayList<>();
                for (int i = 0; i < len; i++) {
                    arr.add(finite(v[o + i]));
                }
                truth.put(nm.substring(0, nm.length() - 2), arr);
            } else {
                truth.put(nm, finite(v[o]));
            }
            o += len;
        }
        truth.put("index", index);
        // Ordered maps only: Map.of iterates in an order that changes from one JVM run to the next.
        json.put("LarmorTruth", userKey(truth, "every parameter Larmor drew for this synthetic spectrum (units in"
                + " the names; see docs/synthesiser.md)"));
        json.put("LarmorScenario", userKey(synth.scenario().name(), "Larmor synthesis scenario (sha256 "
                + synth.scenario().sha256() + ")"));
        int blocks = layout.blocks();
        List<NiftiMrsDataWriter.Dimension> dims = blockDimensions(synth);
        Map<String, Object> bj = new LinkedHashMap<>(json);
        dimensionHeaders(synth, dims, bj);
        if (editPulse != null && layout.edited()) {
            bj.putAll(editPulse);
        }
        float[] avg = new float[2 * blocks * n];
        for (int k = 0; k < blocks; k++) {
            copy(ws.out[k], avg, k * n, n);
        }
        moves.add(gz(dir, stem + ".nii.gz", NiftiMrsDataWriter.write(avg, n, dims, dwell, mhz, b.nucleus(), bj,
                "Larmor synthetic spectrum (average)")));
        List<String> combos = synth.combinationNames();
        for (int k = 0; k < combos.size(); k++) {
            List<NiftiMrsDataWriter.Dimension> cd = dynamicDimension(synth);
            Map<String, Object> cj = new LinkedHashMap<>(json);
            dimensionHeaders(synth, cd, cj);
            float[] c = new float[2 * layout.dynamics() * n];
            for (int d = 0; d < layout.dynamics(); d++) {
                copy(ws.combined[d * combos.size() + k], c, d * n, n);
            }
            moves.add(gz(dir, stem + "_" + combos.get(k) + ".nii.gz", NiftiMrsDataWriter.write(c, n, cd, dwell, mhz,
                    b.nucleus(), cj, "Larmor synthetic spectrum, " + combos.get(k))));
        }
        if (withTransients) {
            int total = layout.shots() * layout.coils();
            float[] t = new float[2 * total * n];
            for (int k = 0; k < total; k++) {
                copy(ws.trRe[k], ws.trIm[k], t, k * n, n);
            }
            List<NiftiMrsDataWriter.Dimension> td = transientDimensions(synth);
            Map<String, Object> tj = new LinkedHashMap<>(json);
            dimensionHeaders(synth, td, tj);
            if (editPulse != null && layout.edited()) {
                tj.putAll(editPulse);
            }
            // Data are (dynamic, average, condition, coil, point) in C order: NIfTI order, points fastest, then
            // coil, condition, average and dynamic.
            moves.add(gz(dir, stem + "_transients.nii.gz", NiftiMrsDataWriter.write(t, n, td, dwell, mhz,
                    b.nucleus(), tj, "Larmor synthetic transients")));
        }
        if (withComponents) {
            // One file per clean component (they add up to the spectrum), so that 'larmor plot --components' can
            // draw a synthetic spectrum with its parts.
            for (int c = 0; c < Synthesiser.COMPONENTS.size(); c++) {
                float[] comp = new float[2 * blocks * n];
                for (int k = 0; k < blocks; k++) {
                    copy(ws.comp[k][c], comp, k * n, n);
                }
                String part = Synthesiser.COMPONENTS.get(c);
                moves.add(gz(dir, stem + "_" + part + ".nii.gz", NiftiMrsDataWriter.write(comp, n, dims, dwell,
                        mhz, b.nucleus(), bj, "Larmor synthetic spectrum, component: " + part)));
            }
        }
        if (synth.scenario().waterReference() != null) {
            float[] w = new float[2 * n];
            copy(ws.water, w, 0, n);
            Map<String, Object> wj = new LinkedHashMap<>(json);
            double wtr = synth.scenario().waterReference().repetitionTimeS();
            wj.put("RepetitionTime", Double.isNaN(wtr) ? layout.repetitionTimeS() : wtr);
            moves.add(gz(dir, stem + "_water.nii.gz", NiftiMrsDataWriter.write(w, n, List.of(), dwell, mhz,
                    b.nucleus(), wj, "Larmor synthetic water reference")));
        }
        return moves;
    }

    private static Map<String, Object> userKey(Object value, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Value", value);
        m.put("Description", description);
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    private static Path[] gz(Path dir, String file, byte[] nii) throws IOException {
        Path tmp = dir.resolve(".larmor-tmp-" + file);
        Files.write(tmp, NiftiMrsWriter.gzip(nii));
        return new Path[] {tmp, dir.resolve(file)};
    }

    // ------------------------------------------------------------------------------------------------ manifest

    /**
     * What a dataset of this synthesiser is, independent of how it is stored: the acquisition, the FID convention,
     * the basis, the definitions of the truth's linewidth and SNR, the truth columns, the metabolites' distributions
     * and the scenario as written. The manifest.json of the CLI and of larmor-spark both carry it.
     */
    public static Map<String, Object> describe(Synthesiser s) {
        Map<String, Object> m = new LinkedHashMap<>();
        SynthBasis b = s.basis();
        Map<String, Object> acq = new LinkedHashMap<>();
        acq.put("points", s.points());
        acq.put("dwell_s", b.dwellS());
        acq.put("spectral_width_hz", 1 / b.dwellS());
        acq.put("spectrometer_frequency_mhz", b.hzPerPpm());
        acq.put("reference_ppm", b.referencePpm());
        acq.put("nucleus", b.nucleus());
        acq.put("echo_time_s", Double.isFinite(b.echoTimeS()) ? b.echoTimeS() : null);
        acq.put("averages", s.averages());
        acq.put("coils", s.coils());
        Layout l = s.layout();
        acq.put("repetition_time_s", Double.isNaN(l.repetitionTimeS()) ? null : l.repetitionTimeS());
        acq.put("conditions", l.conditions());
        acq.put("dynamics", l.dynamics());
        acq.put("dynamics_kind", l.kind());
        acq.put("shot_order", "for each dynamic, for each average, every condition; shot s starts at s*TR");
        acq.put("spectra_shape", shapeNames(s, false));
        if (!s.combinationNames().isEmpty()) {
            Map<String, Object> combos = new LinkedHashMap<>();
            for (org.larmor.sequence.Sequence.Combination c : s.basis().combinations()) {
                combos.put(c.name(), c.weights());
            }
            acq.put("combinations", combos);
            acq.put("combinations_shape", shapeNames(s, true));
        }
        if (l.kind().equals("diffusion")) {
            GradientTable g = s.scenario().diffusion().gradients();
            List<Double> bValues = new ArrayList<>();
            for (double x : g.bSPerM2()) {
                bValues.add(x * 1e-6);
            }
            acq.put("b_values_s_per_mm2", bValues);
            acq.put("gradient_directions", g.directions());
        }
        if (l.kind().equals("fmrs")) {
            acq.put("design", "design.tsv (BIDS events: onset, duration in s)");
        }
        m.put("acquisition", acq);
        m.put("fid_convention", "exp(-i*2*pi*(delta_ppm - reference_ppm)*f0_MHz*t_s): NIfTI-MRS and LCModel on-disk"
                + " convention; numpy: spectrum = np.fft.fftshift(np.fft.fft(fid)) has ppm decreasing left to right");
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("source", b.source());
        basis.put("metabolites", b.names());
        basis.put("basis_names", b.basisNames());
        basis.put("intrinsic_lorentzian_hz", b.intrinsicLorentzianHz());
        basis.put("intrinsic_gaussian_hz", b.intrinsicGaussianHz());
        basis.put("water_gain", b.waterGain());
        m.put("basis", basis);
        Map<String, Object> defs = new LinkedHashMap<>();
        Scenario.Lineshape ls = s.scenario().lineshape();
        List<String> parts = new ArrayList<>();
        if (l.edited()) {
            parts.add("sub-spectrum " + s.referenceCondition());
        }
        if (!l.kind().equals("none")) {
            parts.add(l.kind().equals("fmrs") ? "first time point" : "lowest-b weighting (the first if several)");
        }
        String where = parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
        defs.put("linewidth", "FWHM (Hz) of the " + ls.reference() + " singlet in " + java.util.Arrays.toString(
                ls.referenceWindowPpm()) + " ppm of the noise-free, phased, drift-free spectrum" + where
                + " (docs/metrics.md)");
        if (s.scenario().noise() != null) {
            defs.put("snr", "height of the real part of the noise-free, phased, drift-free metabolite spectrum"
                    + where + " in "
                    + java.util.Arrays.toString(ls.referenceWindowPpm()) + " ppm over the SD of the real part of the"
                    + " noise in a signal-free window, e.g. " + java.util.Arrays.toString(
                    s.scenario().noise().noiseWindowPpm()) + " ppm (MRSinMRS; docs/metrics.md)");
        }
        m.put("definitions", defs);
        m.put("truth_columns", s.schema().columns());
        Map<String, Object> dists = new LinkedHashMap<>();
        for (Scenario.Metabolite met : s.scenario().metabolites()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("concentration_mm", met.concentrationMm().describe());
            d.put("lorentzian_hz", met.lorentzianHz().describe());
            d.put("shift_hz", met.shiftHz().describe());
            dists.put(met.name(), d);
        }
        m.put("metabolite_distributions", dists);
        if (s.scenario().copula() != null) {
            m.put("concentration_copula", s.scenario().copula().describe());
        }
        if (s.scenario().macromolecules() != null) {
            m.put("macromolecule_components", peaks(s.scenario().macromolecules()));
        }
        if (s.scenario().lipids() != null) {
            m.put("lipid_components", peaks(s.scenario().lipids()));
        }
        m.put("scenario_as_written", s.scenario().asWritten());
        return m;
    }

    private static Map<String, Object> manifest(Synthesiser s, Options o, int chunk, long chunks, int digits,
                                                Map<String, Object> run) {
        Map<String, Object> m = new LinkedHashMap<>(run);
        m.putAll(describe(s));
        List<Map<String, Object>> files = new ArrayList<>();
        for (long c = 0; c < chunks; c++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("chunk", c);
            f.put("first_index", c * chunk);
            f.put("rows", rows(c, chunk, o.count()));
            f.put("spectra", name("spectra", c, digits, "npy"));
            f.put("truth_csv", name("truth", c, digits, "csv"));
            f.put("truth_jsonl", name("truth", c, digits, "jsonl"));
            files.add(f);
        }
        m.put("chunks", files);
        return m;
    }

    private static List<String> shapeNames(Synthesiser s, boolean combinations) {
        Layout l = s.layout();
        List<String> out = new ArrayList<>(List.of("spectrum"));
        if (!l.kind().equals("none")) {
            out.add(l.kind().equals("fmrs") ? "time_point" : "weighting");
        }
        if (combinations) {
            out.add("combination");
        } else if (l.edited()) {
            out.add("condition");
        }
        out.add("point");
        return out;
    }

    private static List<Map<String, Object>> peaks(Scenario.ComponentSet set) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Peak p : set.peaks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", p.name());
            x.put("ppm", p.ppm());
            x.put("fwhm_ppm", p.fwhmPpm());
            x.put("relative_amplitude", p.amplitude());
            out.add(x);
        }
        return out;
    }
}
