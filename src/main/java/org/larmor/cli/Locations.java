package org.larmor.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shipped spin systems and sequences are: the working directory's {@code spin-systems/} and
 * {@code sequences/} if present, else those beside the installation ({@code larmor.home}, set by the launcher).
 */
public final class Locations {
    private Locations() {
    }

    /** The spin systems of {@code override}, or the shipped ones. */
    static org.larmor.spin.SpinLibrary spinLibrary(Path override) {
        return org.larmor.spin.SpinLibrary.load(override != null ? override : shipped("spin-systems"));
    }

    /** The working directory's {@code folder} if it is there, else the one beside the installation. */
    public static Path shipped(String folder) {
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
