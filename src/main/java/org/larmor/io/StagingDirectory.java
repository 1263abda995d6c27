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
 * them would land on a folder. Files already in the output folder that this run does not write are left alone.
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

    /** Creates {@code .<name>.larmor-tmp-<random>} beside {@code outDir}. */
    public static StagingDirectory create(Path outDir) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write output to the file-system root " + target);
        }
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".larmor-tmp-");
        return new StagingDirectory(target, staging);
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
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path rel = Path.of(relativePath);
        if (rel.isAbsolute() || relativePath.contains("..") || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("not a relative path inside the output folder: " + relativePath);
        }
        Path file = staging.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        files.add(new WrittenFile(relativePath, content.length, sha256(content)));
    }

    /** Files written so far, in order. */
    public List<WrittenFile> files() {
        return List.copyOf(files);
    }

    /** Moves everything into the output folder; returns the final paths, in the order written. */
    public List<Path> commit() throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        List<Path> finals = new ArrayList<>();
        for (WrittenFile f : files) {
            finals.add(target.resolve(f.path()));
        }
        if (!Files.exists(target) && tryRename(staging, target)) {
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
