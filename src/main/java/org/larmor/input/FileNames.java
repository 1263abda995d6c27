package org.larmor.input;

import java.nio.file.Path;

/** Names derived from file names. */
public final class FileNames {
    private FileNames() {
    }

    /** The file name without folder and without its last extension: "sequences/press.yaml" → "press". */
    public static String stem(String path) {
        String f = Path.of(path).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
