package org.larmor.spark;

import java.io.Serializable;

/**
 * What every executor needs to make any chunk of a dataset, shipped with each task: the scenario's text and where
 * it was read (relative paths in it resolve from there), the seed and the chunking, the output folder, and the
 * fingerprint of the synthesiser the driver built, which each executor's must match. {@code format} is parquet
 * (part files) or npy (the CLI's own chunk files, byte for byte).
 *
 * <p>The scenario's basis (its sequence or basis files, the spin systems, the concentration presets) is read by
 * each executor at the same absolute paths as on the driver: a cluster needs them, and the output folder, on a
 * shared file system (docs/spark.md). The fingerprint turns a node that sees different files into an error, not
 * into different spectra.
 */
record SynthSpec(String scenarioPath, String scenarioText, String spinSystems, String presets, long seed,
                 long count, int chunkSize, int digits, String out, String fingerprint, String runJson,
                 String compression, String format, boolean components, boolean transients)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    long chunks() {
        return (count + chunkSize - 1) / chunkSize;
    }

    int rows(long chunk) {
        return (int) Math.min(chunkSize, count - chunk * chunkSize);
    }

    boolean npy() {
        return format.equals("npy");
    }

    /**
     * The CLI's dataset options for this spec (npy), as a chunk writer needs them: the chunk files are then those of
     * larmor synth. Resume and overwrite were settled on the driver (Dataset.begin).
     */
    org.larmor.synth.Dataset.Options cliOptions() {
        return new org.larmor.synth.Dataset.Options(count, seed, chunkSize, 1, components, transients, false, false,
                false);
    }

    String partName(long chunk) {
        return String.format(java.util.Locale.ROOT, "part-%0" + digits + "d.parquet", chunk);
    }
}
