package org.larmor.spark;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.larmor.signal.Fid;
import org.larmor.synth.Sample;
import org.larmor.synth.Synthesiser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes chunk c of a dataset on an executor: spectra c·chunkSize … in index order, each from its own seed
 * ({@link Synthesiser#spectrumSeed}), so a chunk's rows do not depend on which executor makes it, in which
 * partition, or after which other chunk. The file is written under a temporary name and moved into place whole: a
 * part file that exists is complete, which is what resuming relies on.
 */
final class ChunkWriter {
    /** Footer key of the run identity (the driver's run.json) in every part file. */
    static final String RUN_KEY = "larmor.run";
    static final String SCENARIO_KEY = "larmor.scenario";
    static final String SHAPE_KEY = "larmor.shape.";

    private ChunkWriter() {
    }

    /** Writes the chunk's part file and returns its number of rows. */
    static int write(SynthSpec spec, long chunk, String attempt) {
        Synthesiser s = Synthesisers.of(spec);
        Synthesiser.Workspace ws = s.newWorkspace();
        int rows = spec.rows(chunk);
        if (spec.npy()) {
            try {
                org.larmor.synth.Dataset.writeChunk(s, ws, Path.of(spec.out()), spec.cliOptions(),
                        spec.chunkSize(), spec.digits(), chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write chunk " + chunk + " in " + spec.out() + ": "
                        + e.getMessage(), e);
            }
            return rows;
        }
        Path dir = Path.of(spec.out());
        Path target = dir.resolve(spec.partName(chunk));
        Path tmp = dir.resolve(".larmor-tmp-" + attempt + "-" + spec.partName(chunk));
        boolean combos = !s.combinationNames().isEmpty();
        boolean water = s.scenario().waterReference() != null;
        try {
            try (ParquetSpectra.Writer w = new ParquetSpectra.Writer(tmp, s.schema(), combos, water,
                    CompressionCodecName.fromConf(spec.compression()), metadata(spec, s))) {
                ParquetSpectra.Row row = new ParquetSpectra.Row();
                for (int r = 0; r < rows; r++) {
                    long index = chunk * spec.chunkSize() + r;
                    Sample sample = s.generate(spec.seed(), index, ws, false, false);
                    row.index = index;
                    row.spectra = interleave(sample.spectra(), row.spectra);
                    if (combos) {
                        row.combinations = interleave(sample.combinations(), row.combinations);
                    }
                    if (water) {
                        row.water = interleave(List.of(sample.waterReference()), row.water);
                    }
                    row.truth = sample.truth();
                    w.write(row);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The FIDs, one after the other, each as float32 re, im, re, im … (the CLI's complex64 .npy rows). */
    static float[] interleave(List<Fid> fids, float[] reuse) {
        int n = fids.get(0).points();
        float[] out = reuse != null && reuse.length == 2 * n * fids.size() ? reuse : new float[2 * n * fids.size()];
        int o = 0;
        for (Fid f : fids) {
            double[] re = f.re();
            double[] im = f.im();
            for (int k = 0; k < n; k++) {
                out[o++] = (float) re[k];
                out[o++] = (float) im[k];
            }
        }
        return out;
    }

    private static Map<String, String> metadata(SynthSpec spec, Synthesiser s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RUN_KEY, spec.runJson());
        m.put(SCENARIO_KEY, spec.scenarioText());
        m.put(SHAPE_KEY + "spectra", shape(org.larmor.synth.Dataset.blockShape(s, 1)));
        if (!s.combinationNames().isEmpty()) {
            m.put(SHAPE_KEY + "combinations", shape(org.larmor.synth.Dataset.combinationShape(s, 1)));
        }
        if (s.scenario().waterReference() != null) {
            m.put(SHAPE_KEY + "water_reference", "[" + s.points() + ", 2]");
        }
        return m;
    }

    /** The shape of one row's array, the row dimension dropped, with the trailing (re, im) pair. */
    private static String shape(long[] withRow) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i < withRow.length; i++) {
            sb.append(withRow[i]).append(", ");
        }
        return sb.append("2]").toString();
    }
}
