package org.larmor.io;

import java.io.IOException;

/**
 * Where a {@link BasisFormat} puts its files: a path relative to the output folder and the bytes. The files are
 * staged, so a writer that fails half-way leaves nothing behind (see {@link StagingDirectory}).
 *
 * <p>A format hands over each file's content as a {@link Content} to be made later: {@link BasisWriters} makes
 * the files of all formats on every core at once (formatting numbers and gzip are most of the writing time), and
 * records them in the order they were handed over, so the output is the same whatever the thread count.
 */
public interface Staged {
    /**
     * A file's bytes, made on demand. It may run on another thread, at the same time as other files' contents, so it
     * must only read the basis set (which is immutable).
     */
    @FunctionalInterface
    interface Content {
        byte[] make();
    }

    /**
     * @param path    relative, '/'-separated, e.g. {@code "lcmodel/raw/NAA.RAW"}
     * @param content the file's bytes, made later, possibly on another thread
     */
    void write(String path, Content content) throws IOException;

    /** As {@link #write(String, Content)} with bytes made already. */
    default void write(String path, byte[] content) throws IOException {
        write(path, () -> content);
    }
}
