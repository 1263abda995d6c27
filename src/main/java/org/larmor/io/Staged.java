package org.larmor.io;

import java.io.IOException;

/**
 * Where a {@link BasisFormat} puts its files: a path relative to the output folder and the bytes. The files are
 * staged, so a writer that fails half-way leaves nothing behind (see {@link StagingDirectory}).
 */
public interface Staged {
    /**
     * @param path    relative, '/'-separated, e.g. {@code "lcmodel/raw/NAA.RAW"}
     * @param content the file's bytes
     */
    void write(String path, byte[] content) throws IOException;
}
