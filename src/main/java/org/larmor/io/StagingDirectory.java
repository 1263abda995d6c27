package org.larmor.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * All-or-nothing output: files are written into a hidden staging folder next to the output folder (same parent, so
 * the same file system), and moved into place only when every one is written. If anything fails before
 * {@link #commit()}, {@link #close()} deletes the staging folder and the output folder is as it was — a reader never
 * sees half a basis set.
 *
 * <p>Commit renames the whole staging folder when the output folder does not exist yet (one atomic step); otherwise
 * it moves each file over its namesake with {@link StandardCopyOption#ATOMIC_MOVE}, after checking that none of
 * them would land on a folder, in the order written (the last, provenance.json, is the commit point), and then removes
 * the files of the set it replaces ({@link #commit(java.util.Collection)}). Other files are left alone.
 *
 * <p>The staging folder's name records its owner (process id and start instant), so that one left by a killed run
 * is removed by the next run into the same parent folder ({@link #removeStale(Path)}), and a live one never is.
 */
public final class StagingDirectory implements AutoCloseable {
    /**
     * One file written.
     *
     * @param path   path relative to the output folder, with '/' separators
     * @param bytes  size
     * @param sha256 SHA-256 of the content, lower-case hex
     */
    public record WrittenFile(String path, long bytes, String sha256) {
    }

    private final Path target;
    private final Path staging;
    private final List<WrittenFile> files = new ArrayList<>();
    private boolean committed;

    private StagingDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Creates {@code .<name>.larmor-tmp-<pid>-<start>-<random>} beside {@code outDir}: the owner's process id and
     * start instant (epoch milliseconds, 0 if unknown) are in the name, so that a later run can tell a staging folder
     * left by a killed run from one still being written. Stale ones beside {@code outDir} are removed first
     * ({@link #removeStale(Path)}).
     */
    public static StagingDirectory create(Path outDir) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write output to the file-system root " + target);
        }
        Files.createDirectories(parent);
        removeStale(parent);
        ProcessHandle me = ProcessHandle.current();
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".larmor-tmp-" + me.pid() + "-"
                + startMillis(me) + "-");
        return new StagingDirectory(target, staging);
    }

    /** Staging folder names that record their owner: pid, start instant in epoch ms (0: unknown). */
    private static final java.util.regex.Pattern OWNED = java.util.regex.Pattern.compile(
            "\\..+\\.larmor-tmp-(\\d+)-(\\d+)-\\d+");
    /** Staging folders of Larmor versions that did not record their owner: removed once this old. */
    static final java.time.Duration UNOWNED_MAX_AGE = java.time.Duration.ofHours(24);
    private static final java.util.regex.Pattern UNOWNED = java.util.regex.Pattern.compile(
            "\\..+\\.larmor-tmp-\\d+");

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Removes the staging folders in {@code parent} whose owner process is gone (no process of that id, or one that
     * started at another instant: the id was reused), and those without an owner (older Larmor) not changed for
     * {@link #UNOWNED_MAX_AGE}. A staging folder whose owner is alive is never touched.
     *
     * @return the folders removed
     */
    public static List<Path> removeStale(Path parent) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        List<Path> candidates = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*.larmor-tmp-*")) {
            s.forEach(candidates::add);
        }
        for (Path p : candidates) {
            if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String n = p.getFileName().toString();
            java.util.regex.Matcher m = OWNED.matcher(n);
            boolean stale;
            if (m.matches()) {
                stale = !ownerAlive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            } else if (UNOWNED.matcher(n).matches()) {
                stale = Files.getLastModifiedTime(p).toInstant()
                        .isBefore(java.time.Instant.now().minus(UNOWNED_MAX_AGE));
            } else {
                stale = false;
            }
            if (stale) {
                try {
                    deleteTree(p);
                    removed.add(p);
                } catch (IOException e) {
                    // Another run is removing it too, or it is not ours to remove: leave it.
                }
            }
        }
        return removed;
    }

    /**
     * Whether {@code pid} has exited but is not yet reaped by its parent (Linux: state Z or X in /proc/PID/stat);
     * {@link ProcessHandle} counts such a process as alive, but it writes nothing more. False where /proc is absent.
     */
    static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X' || state == 'x';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether process {@code pid}, started at {@code startMillis} (0: not known), still runs. */
    static boolean ownerAlive(long pid, long startMillis) {
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive() || exited(pid)) {
            return false;
        }
        if (startMillis == 0) {
            return true;
        }
        long now = startMillis(h.get());
        return now == 0 || now == startMillis;
    }

    /** The staging folder (for tests and messages). */
    public Path stagingPath() {
        return staging;
    }

    /** The output folder files will be moved into. */
    public Path target() {
        return target;
    }

    /**
     * Writes one file into the staging folder and records its size and SHA-256.
     *
     * @param relativePath path inside the output folder, '/'-separated, no "..", not absolute
     */
    public void write(String relativePath, byte[] content) throws IOException {
        files.add(store(relativePath, content));
    }

    /** A file's content written to a stream as it is made, so that the whole file is never held in memory. */
    @FunctionalInterface
    public interface StreamContent {
        /** Writes the content; {@code out} is closed by the caller. */
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Writes one file into the staging folder from {@code content}, streamed (buffered, never whole in memory), and
     * records its size and SHA-256. Safe to call from several threads at once for different files; the files are
     * recorded in the order they finish.
     *
     * @param relativePath path inside the output folder, '/'-separated, no "..", not absolute
     */
    public void writeStreamed(String relativePath, StreamContent content) throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path rel = Path.of(relativePath);
        if (rel.isAbsolute() || relativePath.contains("..") || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("not a relative path inside the output folder: " + relativePath);
        }
        Path file = staging.resolve(rel);
        Files.createDirectories(file.getParent());
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long[] size = {0};
        try (java.io.OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             java.io.OutputStream out = new java.io.FilterOutputStream(new java.security.DigestOutputStream(raw,
                     sha)) {
                 @Override
                 public void write(byte[] b, int off, int len) throws IOException {
                     this.out.write(b, off, len);
                     size[0] += len;
                 }

                 @Override
                 public void write(int b) throws IOException {
                     this.out.write(b);
                     size[0]++;
                 }
             }) {
            content.writeTo(out);
        }
        WrittenFile w = new WrittenFile(relativePath, size[0], java.util.HexFormat.of().formatHex(sha.digest()));
        synchronized (files) {
            files.add(w);
        }
    }

    /**
     * A file to write: its path relative to the output folder and its content, made when it is written.
     *
     * @param path  '/'-separated, no "..", not absolute
     * @param parts the file is their bytes one after the other; each made on one of {@link #writeAll}'s threads
     */
    public record Pending(String path, List<Staged.Content> parts) {
        public Pending {
            parts = List.copyOf(parts);
        }

        /** A file of one part. */
        public Pending(String path, Staged.Content content) {
            this(path, List.of(content));
        }
    }

    /**
     * Makes and writes every file of {@code pending} on up to {@code threads} threads, and records them in the order
     * given, so that {@link #files()} (and the provenance.json made from it) are the same whatever the thread count.
     * {@code afterEach} is called with each path in that order, once that file is on disk.
     *
     * <p>On the first failure (of a content, the disk, or {@code afterEach}) the files not yet made are cancelled and
     * the failure is thrown as it was raised; by then no thread is still writing, so {@link #close()} leaves nothing.
     */
    public void writeAll(List<Pending> pending, int threads, java.util.function.Consumer<String> afterEach)
            throws IOException {
        if (threads <= 1 || pending.size() <= 1 && pending.stream().allMatch(p -> p.parts().size() <= 1)) {
            for (Pending p : pending) {
                List<byte[]> parts = new ArrayList<>();
                for (Staged.Content c : p.parts()) {
                    parts.add(c.make());
                }
                files.add(store(p.path(), parts));
                afterEach.accept(p.path());
            }
            return;
        }
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "larmor-writer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // Per file, its parts and then the task that writes them. The queue is first in, first out, so a file's
            // parts are running or done before its writing task starts waiting for them: no thread waits on a task
            // still queued behind it, and only about one file per thread is held in memory at a time.
            List<java.util.concurrent.Future<WrittenFile>> written = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                List<java.util.concurrent.Future<byte[]>> parts = new ArrayList<>(p.parts().size());
                for (Staged.Content c : p.parts()) {
                    parts.add(pool.submit(c::make));
                }
                written.add(pool.submit(() -> {
                    List<byte[]> bytes = new ArrayList<>(parts.size());
                    for (java.util.concurrent.Future<byte[]> part : parts) {
                        bytes.add(result(part));
                    }
                    return store(p.path(), bytes);
                }));
            }
            for (java.util.concurrent.Future<WrittenFile> f : written) {
                WrittenFile w = result(f);
                files.add(w);
                afterEach.accept(w.path());
            }
        } finally {
            pool.shutdownNow();
            // A file still being written after a failure must not land in the staging folder once close() has
            // deleted it: wait for every thread to stop.
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What a task made, or the exception it raised, rethrown as it was. */
    private static <T> T result(java.util.concurrent.Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing the basis set");
        }
    }

    /** Writes one file into the staging folder without recording it (safe from several threads at once). */
    private WrittenFile store(String relativePath, byte[] content) throws IOException {
        return store(relativePath, List.of(content));
    }

    /** As {@link #store(String, byte[])} for a file that is {@code parts} one after the other. */
    private WrittenFile store(String relativePath, List<byte[]> parts) throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path rel = Path.of(relativePath);
        if (rel.isAbsolute() || relativePath.contains("..") || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("not a relative path inside the output folder: " + relativePath);
        }
        Path file = staging.resolve(rel);
        Files.createDirectories(file.getParent());
        long size = 0;
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (byte[] part : parts) {
                out.write(part);
                size += part.length;
            }
        }
        return new WrittenFile(relativePath, size, org.larmor.input.Sha256.hex(parts));
    }

    /** Files written so far, in order. */
    public List<WrittenFile> files() {
        return List.copyOf(files);
    }

    /** Moves everything into the output folder; returns the final paths, in the order written. */
    public List<Path> commit() throws IOException {
        return commit(List.of());
    }

    /**
     * Moves everything into the output folder, in the order written (so the file written last, provenance.json,
     * lands last: it is the commit point), then removes the files of {@code replaced} (paths relative to the output
     * folder, e.g. the previous set's file list) that this run did not write, and the folders they leave empty.
     * Paths that are absolute, contain "..", or are not regular files are ignored.
     */
    public List<Path> commit(java.util.Collection<String> replaced) throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        List<Path> finals = new ArrayList<>();
        for (WrittenFile f : files) {
            finals.add(target.resolve(f.path()));
        }
        if (!Files.exists(target) && replaced.isEmpty() && tryRename(staging, target)) {
            committed = true;
            return finals;
        }
        if (!Files.isDirectory(target)) {
            Files.createDirectories(target);
        }
        for (Path p : finals) {
            if (Files.isDirectory(p)) {
                throw new IOException("cannot replace folder " + p + " with a file");
            }
            for (Path q = p.getParent(); !q.equals(target); q = q.getParent()) {
                if (Files.exists(q) && !Files.isDirectory(q)) {
                    throw new IOException("cannot create folder " + q + ": a file of that name exists");
                }
            }
        }
        for (WrittenFile f : files) {
            Path src = staging.resolve(f.path());
            Path dst = target.resolve(f.path());
            Files.createDirectories(dst.getParent());
            try {
                Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
        deleteTree(staging);
        java.util.Set<String> written = new java.util.HashSet<>();
        files.forEach(f -> written.add(f.path()));
        for (String old : replaced) {
            if (written.contains(old) || old.isEmpty() || old.startsWith("/") || old.contains("..")
                    || Path.of(old).isAbsolute()) {
                continue;
            }
            Path p = target.resolve(old).normalize();
            if (!p.startsWith(target) || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.delete(p);
            for (Path q = p.getParent(); q != null && !q.equals(target) && q.startsWith(target); q = q.getParent()) {
                try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(q)) {
                    if (s.iterator().hasNext()) {
                        break;
                    }
                }
                Files.delete(q);
            }
        }
        return finals;
    }

    /** Deletes the staging folder if it is still there (always after a failure; after commit, a no-op). */
    @Override
    public void close() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staging folder " + staging, e);
        }
    }

    private static boolean tryRename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            // Another process created the folder meanwhile, or the rename is not atomic here: move file by file.
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String sha256(byte[] content) {
        return org.larmor.input.Sha256.hex(content);
    }
}
