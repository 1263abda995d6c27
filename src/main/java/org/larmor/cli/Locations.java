package org.larmor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shipped spin systems and sequences are: the working directory's {@code spin-systems/} and
 * {@code sequences/} if present, else those beside the installation ({@code larmor.home}, set by the launcher).
 */
final class Locations {
    private Locations() {
    }

    /** The spin systems of {@code override}, or the shipped ones. */
    static org.larmor.spin.SpinLibrary spinLibrary(Path override) {
        return org.larmor.spin.SpinLibrary.load(override != null ? override : shipped("spin-systems"));
    }

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
}
