package org.larmor.synth;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.io.NiftiHeader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Datasets on disk: the same bytes for a seed whatever the thread count, complete chunks only, numpy-readable. */
class DatasetTest {
    private static final String SCENARIO = """
            concentrations_mm:
              NAA: {dist: uniform, min: 8, max: 14}
              Cr: {dist: uniform, min: 4, max: 9}
              Cho: {dist: uniform, min: 0.5, max: 2}
            metabolite_lineshape: {lorentzian_hz: {dist: uniform, min: 0.5, max: 3}}
            lineshape:
              linewidth_hz: {dist: uniform, min: 5, max: 9}
              eddy_current: {amplitude_rad: {dist: uniform, min: -0.2, max: 0.2}, time_constant_ms: 20}
            phase: {zero_order_deg: {dist: uniform, min: -180, max: 180}, first_order_deg_per_ppm: {dist: normal,
                    mean: 0, sd: 2}}
            macromolecules: {model: birch-3t, scale: {dist: uniform, min: 15, max: 30}}
            residual_water: {amplitude: {dist: uniform, min: 10, max: 200}}
            baseline: {amplitude: {dist: uniform, min: 0, max: 40}}
            noise: {snr: {dist: uniform, min: 20, max: 80}}
            water_reference: {}
            """;

    private static Dataset.Options options(long count, long seed, int chunk, int threads, boolean resume,
                                           boolean overwrite) {
        return new Dataset.Options(count, seed, chunk, threads, true, false, false, resume, overwrite);
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesWithOneOrTwoThreadsAndAnotherSeedOtherSpectra(@TempDir Path tmp) throws Exception {
        Synthesiser synth = SynthFixtures.synthesiser(SCENARIO);
        Dataset.write(synth, tmp.resolve("one"), options(300, 42, 64, 1, false, false), "x", null);
        Dataset.write(synth, tmp.resolve("two"), options(300, 42, 64, 2, false, false), "x", null);
        Dataset.write(synth, tmp.resolve("other"), options(300, 43, 64, 2, false, false), "x", null);
        Map<String, byte[]> one = files(tmp.resolve("one"));
        assertSameFiles(one, files(tmp.resolve("two")));
        assertTrue(one.containsKey("spectra_00004.npy") && !one.containsKey("spectra_00005.npy"), one.keySet()
                .toString());
        for (String c : Synthesiser.COMPONENTS) {
            assertTrue(one.containsKey(c + "_00000.npy"), c);
        }
        assertTrue(one.containsKey("water_reference_00000.npy"));
        byte[] other = files(tmp.resolve("other")).get("spectra_00000.npy");
        assertFalse(Arrays.equals(one.get("spectra_00000.npy"), other), "another seed, other spectra");
        // The rows are the API's spectra, in float32.
        Sample s = synth.generate(42, 70, false, false);
        ByteBuffer b = ByteBuffer.wrap(one.get("spectra_00001.npy")).order(ByteOrder.LITTLE_ENDIAN);
        int row = 70 - 64;
        int header = 128;
        for (int k = 0; k < SynthFixtures.N; k++) {
            assertEquals((float) s.fid().re()[k], b.getFloat(header + 8 * (row * SynthFixtures.N + k)));
            assertEquals((float) s.fid().im()[k], b.getFloat(header + 8 * (row * SynthFixtures.N + k) + 4));
        }
        String csv = new String(one.get("truth_00001.csv"), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertEquals(65, lines.length, "header and 64 rows");
        assertTrue(lines[0].startsWith("index,NAA.concentration_mm,"), lines[0]);
        assertTrue(lines[row + 1].startsWith("70," + Truth.format(s.value("NAA.concentration_mm")) + ","));
        String jsonl = new String(one.get("truth_00001.jsonl"), StandardCharsets.UTF_8);
        assertTrue(jsonl.split("\n")[row].startsWith("{\"index\": 70, \"NAA.concentration_mm\": "
                + Truth.format(s.value("NAA.concentration_mm")) + ","));
    }

    @Test
    void anInterruptedRunResumesToTheSameDatasetAndAFinishedOneIsNotOverwrittenSilently(@TempDir Path tmp)
            throws Exception {
        Synthesiser synth = SynthFixtures.synthesiser(SCENARIO);
        Path full = tmp.resolve("full");
        Dataset.write(synth, full, options(300, 42, 64, 2, false, false), "x", null);
        // An interruption: chunk 3 never moved into place, a temporary file left behind, no manifest yet.
        Path cut = tmp.resolve("cut");
        Dataset.write(synth, cut, options(300, 42, 64, 2, false, false), "x", null);
        for (String f : List.of("spectra_00003.npy", "truth_00003.csv", "manifest.json")) {
            Files.delete(cut.resolve(f));
        }
        Files.writeString(cut.resolve(".larmor-tmp-spectra_00003.npy"), "half a chunk");
        InputException busy = assertThrows(InputException.class, () -> Dataset.write(synth, cut,
                options(300, 42, 64, 2, false, false), "x", null));
        assertTrue(busy.getMessage().contains("--resume"), busy.getMessage());
        InputException other = assertThrows(InputException.class, () -> Dataset.write(synth, cut,
                options(300, 7, 64, 2, true, false), "x", null));
        assertTrue(other.getMessage().contains("seed"), other.getMessage());
        Dataset.Summary sum = Dataset.write(synth, cut, options(300, 42, 64, 1, true, false), "x", null);
        assertEquals(4, sum.resumedChunks());
        assertEquals(64, sum.written(), "one chunk remade");
        assertSameFiles(files(full), files(cut));
        // --overwrite starts again from nothing.
        Dataset.write(synth, cut, options(300, 42, 64, 2, false, true), "x", null);
        assertSameFiles(files(full), files(cut));
    }

    @Test
    void aFolderWithOtherFilesIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        Synthesiser synth = SynthFixtures.synthesiser(SCENARIO);
        InputException e = assertThrows(InputException.class, () -> Dataset.write(synth, tmp,
                options(10, 1, 0, 1, false, false), "x", null));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("notes.txt"), Files.list(tmp).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void numpyReadsTheChunksAsTheyAre(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "numpy not available");
        Synthesiser synth = SynthFixtures.synthesiser(SCENARIO);
        Dataset.write(synth, tmp, new Dataset.Options(100, 5, 64, 2, false, true, false, false, false), "x", null);
        Sample s = synth.generate(5, 99, false, false);
        String script = String.join("\n",
                "import numpy, sys",
                "a = numpy.load(sys.argv[1] + '/spectra_00001.npy')",
                "t = numpy.load(sys.argv[1] + '/transients_00001.npy')",
                "assert a.dtype == numpy.complex64, a.dtype",
                "assert a.shape == (36, 2048), a.shape",
                "assert t.shape == (36, 1, 1, 2048), t.shape",
                "assert abs(a[-1, 0] - complex(" + (float) s.fid().re()[0] + ", " + (float) s.fid().im()[0]
                        + ")) < 1e-3 * abs(a[-1, 0]), a[-1, 0]",
                "assert abs(t[-1, 0, 0] - a[-1]).max() <= 1e-5 * abs(a[-1]).max()");
        assertEquals(0, python(script, tmp.toString()), "numpy check failed");
    }

    @Test
    void niftiMrsHoldsCoilsAndTransientsOnDimCoilAndDimDyn(@TempDir Path tmp) throws Exception {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {NAA: 10, Cr: 8}
                noise: {snr: 40}
                transients: {averages: 4, random_walk_hz: 0.5}
                coils: {count: 2}
                water_reference: {}
                """);
        Dataset.write(synth, tmp, new Dataset.Options(3, 5, 0, 2, false, false, true, false, false), "x", null);
        Path nii = tmp.resolve("nifti/spectrum_0000002_transients.nii.gz");
        assertTrue(Files.exists(tmp.resolve("nifti/spectrum_0000002.nii.gz")));
        assertTrue(Files.exists(tmp.resolve("nifti/spectrum_0000002_water.nii.gz")));
        byte[] bytes;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(nii)))) {
            bytes = in.readAllBytes();
        }
        NiftiHeader h = NiftiHeader.parse(nii.toString(), bytes);
        assertArrayEquals(new long[] {6, 1, 1, 1, 2048, 2, 4, 1}, h.dim());
        assertEquals(SynthFixtures.DWELL, h.dwellS(), 1e-15);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"dim_5\":\"DIM_COIL\"") && json.contains("\"dim_6\":\"DIM_DYN\""));
        assertTrue(json.contains("\"LarmorTruth\""));
        Sample s = synth.generate(5, 2, false, true);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int off = (int) h.voxOffset();
        // transient 3, coil 1, point 5: (3·2 + 1)·2048 + 5 in NIfTI (Fortran) order
        int idx = (3 * 2 + 1) * 2048 + 5;
        assertEquals((float) s.transientOf(3, 1).re()[5], b.getFloat(off + 8 * idx));
        if (python("import nibabel") == 0) {
            String script = String.join("\n", "import nibabel, sys",
                    "img = nibabel.load(sys.argv[1])",
                    "assert img.shape == (1, 1, 1, 2048, 2, 4), img.shape");
            assertEquals(0, python(script, nii.toString()));
        }
    }

    private static int python(String script, String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return -1;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0 && !script.startsWith("import numpy\n") && script.contains("\n")) {
            System.err.println(out);
        }
        return p.exitValue();
    }
}
