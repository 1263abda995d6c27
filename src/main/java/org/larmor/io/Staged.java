package org.larmor.io;

import java.io.IOException;
import java.util.List;

/**
 * Where a {@link BasisFormat} puts its files: a path relative to the output folder and the bytes. The files are
 * staged, so a writer that fails half-way leaves nothing behind (see {@link StagingDirectory}).
 *
 * <p>A format hands over each file's content as {@link Content}s to be made later: {@link BasisWriters} makes the
 * files of all formats on every core at once (formatting numbers and gzip are most of the writing time), and records
 * them in the order they were handed over, so the output is the same whatever the thread count. A file that holds
 * every metabolite (LCModel's {@code .BASIS}, jMRUI's text) is handed over in parts, one per metabolite, which are
 * made side by side and written one after the other: as one piece it would keep one core busy while the other idles.
 */
public interface Staged {
    /**
     * Bytes of a file, or of one part of it, made on demand. It may run on another thread, at the same time as other
     * contents, so it must only read the basis set (which is immutable).
     */
    @FunctionalInterface
    interface Content {
        byte[] make();
    }

    /**
     * @param path  relative, '/'-separated, e.g. {@code "lcmodel/raw/NAA.RAW"}
     * @param parts the file's bytes are these parts' bytes one after the other; each made later, possibly on another
     *              thread
     */
    void write(String path, List<Content> parts) throws IOException;

    /** As {@link #write(String, List)} for a file of one part. */
    default void write(String path, Content content) throws IOException {
        write(path, List.of(content));
    }

    /** As {@link #write(String, List)} with bytes made already. */
    default void write(String path, byte[] content) throws IOException {
        write(path, () -> content);
    }
}
