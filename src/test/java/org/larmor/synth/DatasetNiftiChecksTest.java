package org.larmor.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a dataset's files hold, value by value against the API's samples: every row and block of the spectra,
 * combinations, components, water reference and transients, in .npy and NIfTI-MRS; the truth in JSON lines and in
 * LarmorTruth; the manifest's acquisition, definitions and chunks; the NIfTI-MRS refusals; and which files
 * --overwrite and --resume remove.
 */
class DatasetNiftiChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = SynthFixtures.N;
    private static final String SERIES = "repetition_time_s: 2\nnoise: {snr: 50}\nwater_reference: {}\n"
            + "transients: {averages: 2}\ncoils: {count: 2}\n"
            + "fmrs: {dynamics: 4, design: {block: {first_onset_s: 0, on_s: 8, off_s: 8, blocks: 2}},"
            + " responses: {Singlet: {change_percent: 20}}}\n";
    private static final int[] POINTS = {0, 1, 17, N - 1};

    private static void assertValue(Fid f, int k, float[] got, String what) {
        assertEquals((float) f.re()[k], got[0], 0, what + " re[" + k + "]");
        assertEquals((float) f.im()[k], got[1], 0, what + " im[" + k + "]");
    }

    private static void assertValue(Fid f, int k, double[] got, String what) {
        assertValue(f, k, new float[] {(float) got[0], (float) got[1]}, what);
    }

    // Kills: rows or blocks of the spectra, combinations, components, water reference or transients copied to
    // another place in their .npy chunk (or not at all), a combination or component file (or its loop) lost.
    @Test
    void everyRowAndBlockOfAnEditedSeriesIsWhereItsNpyShapeSays(@TempDir Path tmp) throws Exception {
        Synthesiser s = PitAFixtures.edited2(SERIES);
        Dataset.write(s, tmp, PitAFixtures.options(2, 2, true, true, false), "x", null);
        byte[] spectra = PitAFixtures.bytes(tmp.resolve("spectra_00000.npy"));
        byte[] combos = PitAFixtures.bytes(tmp.resolve("combinations_00000.npy"));
        byte[] water = PitAFixtures.bytes(tmp.resolve("water_reference_00000.npy"));
        byte[] trans = PitAFixtures.bytes(tmp.resolve("transients_00000.npy"));
        assertArrayEquals(new long[] {2, 4, 2, 2, 2, N}, SeriesNiftiTest.npyShape(tmp.resolve(
                "transients_00000.npy")));
        assertArrayEquals(new long[] {2, 4, 2, N}, SeriesNiftiTest.npyShape(tmp.resolve("combinations_00000.npy")));
        Map<String, byte[]> comps = new LinkedHashMap<>();
        for (String c : Synthesiser.COMPONENTS) {
            comps.put(c, PitAFixtures.bytes(tmp.resolve(c + "_00000.npy")));
        }
        List<String> combinations = List.of("DIFF", "SUM");
        assertEquals(combinations, s.combinationNames());
        for (int r = 0; r < 2; r++) {
            Sample x = s.generate(11, r, true, true);
            for (int d = 0; d < 4; d++) {
                for (int c = 0; c < 2; c++) {
                    long at = ((long) (r * 4 + d) * 2 + c) * N;
                    for (int k : POINTS) {
                        assertValue(x.fid(d, c), k, PitAFixtures.npyValue(spectra, at + k), "spectrum");
                        for (String name : Synthesiser.COMPONENTS) {
                            assertValue(x.component(name, d * 2 + c), k, PitAFixtures.npyValue(comps.get(name),
                                    at + k), name);
                        }
                    }
                    for (int j = 0; j < 2; j++) {
                        for (int q = 0; q < 2; q++) {
                            long t = ((((long) (r * 4 + d) * 2 + j) * 2 + c) * 2 + q) * N;
                            for (int k : POINTS) {
                                assertValue(x.transientOf(d, j, c, q), k, PitAFixtures.npyValue(trans, t + k),
                                        "transient");
                            }
                        }
                    }
                }
                for (int kk = 0; kk < 2; kk++) {
                    long at = ((long) (r * 4 + d) * 2 + kk) * N;
                    for (int k : POINTS) {
                        assertValue(x.combination(combinations.get(kk), d), k, PitAFixtures.npyValue(combos, at + k),
                                combinations.get(kk));
                    }
                }
            }
            for (int k : POINTS) {
                assertValue(x.waterReference(), k, PitAFixtures.npyValue(water, (long) r * N + k), "water");
            }
        }
    }

    // Kills: LarmorTruth arrays turned scalars, cut short, run on, read from the wrong offset; finite values
    // written as null; the combination series of another time point or combination in its file; component blocks
    // misplaced; the water file without the water reference; EchoTime left out; the fMRS transients' DIM_DYN not
    // of every shot in acquisition order; the JSON lines' arrays malformed.
    @Test
    void niftiFilesOfAnEditedSeriesHoldTheSampleAndItsTruth(@TempDir Path tmp) throws Exception {
        Synthesiser s = PitAFixtures.edited2(SERIES);
        Dataset.write(s, tmp, PitAFixtures.options(1, 0, true, false, true), "x", null);
        Sample x = s.generate(11, 0, true, true);
        Path dir = tmp.resolve("nifti");
        SeriesNiftiTest.Nifti f = SeriesNiftiTest.read(dir.resolve("spectrum_0000000.nii.gz"));
        assertEquals(0.068, f.json().get("EchoTime").asDouble(), 0);
        JsonNode truth = f.json().get("LarmorTruth").get("Value");
        Truth.Schema schema = s.schema();
        int arrays = 0;
        for (int k = 0; k < schema.names().size(); k++) {
            String name = schema.names().get(k);
            if (name.endsWith("[]")) {
                arrays++;
                String base = name.substring(0, name.length() - 2);
                double[] v = x.values(base);
                JsonNode a = truth.get(base);
                assertTrue(a.isArray(), base);
                assertEquals(v.length, a.size(), base);
                for (int i = 0; i < v.length; i++) {
                    assertEquals(v[i], a.get(i).asDouble(), 0, base + "[" + i + "]");
                }
            } else {
                double v = x.value(name);
                assertEquals(Double.isFinite(v), truth.get(name).isNumber(), name);
                if (Double.isFinite(v)) {
                    assertEquals(v, truth.get(name).asDouble(), 0, name);
                }
            }
        }
        assertTrue(arrays >= 3, "coil arrays in the truth: " + schema.names());
        assertEquals(0, truth.get("index").asInt());
        for (String name : List.of("DIFF", "SUM")) {
            SeriesNiftiTest.Nifti c = SeriesNiftiTest.read(dir.resolve("spectrum_0000000_" + name + ".nii.gz"));
            for (int d = 0; d < 4; d++) {
                for (int k : POINTS) {
                    assertValue(x.combination(name, d), k, c.value(k, d), name + " time point " + d);
                }
            }
        }
        for (String part : Synthesiser.COMPONENTS) {
            SeriesNiftiTest.Nifti c = SeriesNiftiTest.read(dir.resolve("spectrum_0000000_" + part + ".nii.gz"));
            for (int d = 0; d < 4; d++) {
                for (int cond = 0; cond < 2; cond++) {
                    assertValue(x.component(part, d * 2 + cond), 17, c.value(17, cond, d), part);
                }
            }
        }
        SeriesNiftiTest.Nifti w = SeriesNiftiTest.read(dir.resolve("spectrum_0000000_water.nii.gz"));
        for (int k : POINTS) {
            assertValue(x.waterReference(), k, w.value(k), "water");
        }
        SeriesNiftiTest.Nifti t = SeriesNiftiTest.read(dir.resolve("spectrum_0000000_transients.nii.gz"));
        // coil, condition, then the 4 × 2 shots of each condition in acquisition order.
        assertArrayEquals(new long[] {7, 1, 1, 1, N, 2, 2, 8}, t.header().dim());
        assertEquals("DIM_DYN", t.json().get("dim_7").asText());
        assertValue(x.transientOf(3, 1, 0, 1), 5, t.value(5, 1, 0, 3 * 2 + 1), "transient");
        // JSON lines: arrays as JSON arrays of the values.
        String[] lines = Files.readString(tmp.resolve("truth_00000.jsonl")).split("\n");
        assertEquals(1, lines.length);
        JsonNode line = JSON.readTree(lines[0]);
        assertEquals(0, line.get("index").asInt());
        for (int k = 0; k < schema.names().size(); k++) {
            String name = schema.names().get(k);
            if (name.endsWith("[]")) {
                String base = name.substring(0, name.length() - 2);
                double[] v = x.values(base);
                assertEquals(v.length, line.get(base).size(), base);
                for (int i = 0; i < v.length; i++) {
                    assertEquals(v[i], line.get(base).get(i).asDouble(), 0, base + "[" + i + "]");
                }
            }
        }
    }

    // Kills: the refusal of a scan whose transients need four NIfTI dimensions skipped, its count misstated.
    @Test
    void transientsOfFourHigherDimensionsAreRefusedForNifti() {
        Synthesiser s = PitAFixtures.edited2("repetition_time_s: 2\nnoise: {snr: 50}\ntransients: {averages: 2}\n"
                + "coils: {count: 2}\ndiffusion:\n  gradients: {b_values_s_per_mm2: [0, 1000]}\n"
                + "  models: {default: {model: mono_exponential, adc_um2_per_ms: 0.15}}\n");
        InputException e = assertThrows(InputException.class, () -> Dataset.checkNifti(s,
                PitAFixtures.options(1, 0, false, false, true)));
        assertEquals(s.scenario().origin(), e.location().source());
        assertEquals("--nifti: the transients of this scan have 4 higher dimensions (coil, condition, average,"
                + " weighting) and NIfTI-MRS holds at most three: write them as .npy only (--transients without"
                + " --nifti), or use one coil or one average", e.problem());
        Synthesiser three = PitAFixtures.edited2("repetition_time_s: 2\nnoise: {snr: 50}\ntransients: {averages: 2}\n"
                + "diffusion:\n  gradients: {b_values_s_per_mm2: [0, 1000]}\n"
                + "  models: {default: {model: mono_exponential, adc_um2_per_ms: 0.15}}\n");
        Dataset.checkNifti(three, PitAFixtures.options(1, 0, false, true, true));
    }

    // Kills: transients made (and a _transients file written) for one average on one coil, a combinations .npy of
    // no combination, EchoTime stated when the basis has none, a DIM_DYN of one average added to the coil
    // transients.
    @Test
    void aPlainScanHasNoTransientOrCombinationFilesAndOneCoilDimensionWhenThatIsAllItHas(@TempDir Path tmp)
            throws Exception {
        Synthesiser one = PitAFixtures.ofLength(N, Double.NaN, "repetition_time_s: 2\nnoise: {snr: 40}\n");
        Dataset.write(one, tmp.resolve("one"), PitAFixtures.options(2, 0, false, false, true), "x", null);
        try (var files = Files.list(tmp.resolve("one/nifti"))) {
            assertEquals(Set.of("spectrum_0000000.nii.gz", "spectrum_0000001.nii.gz"), files.map(p -> p.getFileName()
                    .toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertFalse(Files.exists(tmp.resolve("one/combinations_00000.npy")));
        SeriesNiftiTest.Nifti f = SeriesNiftiTest.read(tmp.resolve("one/nifti/spectrum_0000000.nii.gz"));
        assertFalse(f.json().has("EchoTime"), "no echo time stated");
        JsonNode acq = SeriesNiftiTest.manifest(tmp.resolve("one")).get("acquisition");
        assertTrue(acq.get("echo_time_s").isNull());
        assertEquals(4000, acq.get("spectral_width_hz").asDouble(), 1e-9);
        Synthesiser coils = PitAFixtures.ofLength(N, 0.03, "repetition_time_s: 2\nnoise: {snr: 40}\n"
                + "coils: {count: 2}\n");
        Dataset.write(coils, tmp.resolve("coils"), PitAFixtures.options(1, 0, false, false, true), "x", null);
        SeriesNiftiTest.Nifti t = SeriesNiftiTest.read(tmp.resolve("coils/nifti/spectrum_0000000_transients.nii.gz"));
        assertArrayEquals(new long[] {5, 1, 1, 1, N, 2, 1, 1}, t.header().dim());
        assertFalse(t.json().has("dim_6"));
        Sample x = coils.generate(11, 0, false, true);
        assertValue(x.transientOf(0, 1), 3, t.value(3, 1), "coil 1");
        Synthesiser avg = PitAFixtures.ofLength(N, 0.03, "repetition_time_s: 2\nnoise: {snr: 40}\n"
                + "transients: {averages: 2}\n");
        Dataset.write(avg, tmp.resolve("avg"), PitAFixtures.options(1, 0, false, false, true), "x", null);
        SeriesNiftiTest.Nifti a = SeriesNiftiTest.read(tmp.resolve("avg/nifti/spectrum_0000000_transients.nii.gz"));
        assertArrayEquals(new long[] {5, 1, 1, 1, N, 2, 1, 1}, a.header().dim());
        assertEquals("DIM_DYN", a.json().get("dim_5").asText());
    }

    // Kills: a chunk entry too many, first indices not chunk × size, the macromolecule peaks left out.
    @Test
    void theManifestStatesAcquisitionDefinitionsAndChunks(@TempDir Path tmp) throws Exception {
        Synthesiser plain = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\nnoise: {snr: 40}\n"
                + "macromolecules: {model: birch-3t, scale: 20}\n");
        Dataset.write(plain, tmp.resolve("plain"), PitAFixtures.options(5, 2, false, false, false), "x", null);
        JsonNode m = SeriesNiftiTest.manifest(tmp.resolve("plain"));
        assertEquals("FWHM (Hz) of the NAA singlet in [1.9, 2.1] ppm of the noise-free, phased, drift-free spectrum"
                + " (docs/metrics.md)", m.get("definitions").get("linewidth").asText());
        assertFalse(m.get("acquisition").has("design"));
        JsonNode chunks = m.get("chunks");
        assertEquals(3, chunks.size());
        long[][] expected = {{0, 0, 2}, {1, 2, 2}, {2, 4, 1}};
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c][0], chunks.get(c).get("chunk").asLong());
            assertEquals(expected[c][1], chunks.get(c).get("first_index").asLong());
            assertEquals(expected[c][2], chunks.get(c).get("rows").asLong());
            assertEquals("spectra_0000" + c + ".npy", chunks.get(c).get("spectra").asText());
            assertEquals("truth_0000" + c + ".jsonl", chunks.get(c).get("truth_jsonl").asText());
        }
        JsonNode mm = m.get("macromolecule_components");
        List<Peak> peaks = plain.scenario().macromolecules().peaks();
        assertEquals(peaks.size(), mm.size());
        assertTrue(peaks.size() > 3);
        for (int k = 0; k < peaks.size(); k++) {
            assertEquals(peaks.get(k).name(), mm.get(k).get("name").asText());
            assertEquals(peaks.get(k).ppm(), mm.get(k).get("ppm").asDouble(), 0);
            assertEquals(peaks.get(k).fwhmPpm(), mm.get(k).get("fwhm_ppm").asDouble(), 0);
            assertEquals(peaks.get(k).amplitude(), mm.get(k).get("relative_amplitude").asDouble(), 0);
        }
    }

    // Kills: the linewidth and SNR definitions' sub-spectrum or time point left out or the wrong one, the fMRS
    // design not named, b-values not in s/mm².
    @Test
    void theManifestDefinesLinewidthOnTheReferenceSubSpectrumAndFirstDynamic(@TempDir Path tmp) throws Exception {

        Synthesiser series = PitAFixtures.edited2(SERIES);
        Dataset.write(series, tmp.resolve("series"), PitAFixtures.options(1, 0, false, false, false), "x", null);
        JsonNode sm = SeriesNiftiTest.manifest(tmp.resolve("series"));
        assertEquals("design.tsv (BIDS events: onset, duration in s)", sm.get("acquisition").get("design").asText());
        assertTrue(sm.get("definitions").get("linewidth").asText().endsWith(" spectrum (sub-spectrum OFF, first time"
                + " point) (docs/metrics.md)"), sm.get("definitions").get("linewidth").asText());
        assertTrue(sm.get("definitions").get("snr").asText().contains(" spectrum (sub-spectrum OFF, first time"
                + " point) in "), sm.get("definitions").get("snr").asText());

        Synthesiser edited = PitAFixtures.edited2("noise: {snr: 50}\n");
        Dataset.write(edited, tmp.resolve("edited"), PitAFixtures.options(1, 0, false, false, false), "x", null);
        assertTrue(SeriesNiftiTest.manifest(tmp.resolve("edited")).get("definitions").get("linewidth").asText()
                .endsWith(" spectrum (sub-spectrum OFF) (docs/metrics.md)"));

        Synthesiser dmrs = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10, Cr: 8}\n"
                + "lineshape: {reference: Singlet}\nnoise: {snr: 50}\n"
                + "diffusion:\n  gradients: {b_values_s_per_mm2: [0, 1000, 3000], directions: [[1, 0, 0], [0, 1, 0],"
                + " [0, 0, 1]]}\n  models: {default: {model: mono_exponential, adc_um2_per_ms: 0.15}}\n");
        Dataset.write(dmrs, tmp.resolve("dmrs"), PitAFixtures.options(1, 0, false, false, false), "x", null);
        JsonNode dm = SeriesNiftiTest.manifest(tmp.resolve("dmrs"));
        assertTrue(dm.get("definitions").get("linewidth").asText().endsWith(" spectrum (lowest-b weighting (the"
                + " first if several)) (docs/metrics.md)"), dm.get("definitions").get("linewidth").asText());
        double[] b = {0, 1000, 1000, 1000, 3000, 3000, 3000};
        JsonNode bv = dm.get("acquisition").get("b_values_s_per_mm2");
        assertEquals(b.length, bv.size());
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], bv.get(i).asDouble(), 1e-9, "b " + i);
        }
    }

    private static Map<String, Object> record(long count, long chunk, boolean nifti, List<String> combinations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("generator", "Larmor synth");
        r.put("count", count);
        r.put("chunk_size", chunk);
        r.put("nifti", nifti);
        r.put("combinations", combinations);
        return r;
    }

    // Kills: a chunk too many or too few, file names of other digits, NIfTI files listed beyond the NIfTI limit or
    // not at it, a combination's files (or a component's) not listed, an unsafe combination name listed.
    @Test
    void theFilesOfARecordedDatasetAreExactlyItsChunksAndNiftiFiles(@TempDir Path tmp) {
        List<String> kinds = new ArrayList<>(List.of("spectra", "combinations", "water_reference", "transients"));
        kinds.addAll(Synthesiser.COMPONENTS);
        List<Path> expected = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (String k : kinds) {
                expected.add(tmp.resolve(k + "_0000" + c + ".npy"));
            }
            expected.add(tmp.resolve("truth_0000" + c + ".csv"));
            expected.add(tmp.resolve("truth_0000" + c + ".jsonl"));
        }
        List<String> suffixes = new ArrayList<>(List.of("", "_transients", "_water"));
        for (String k : Synthesiser.COMPONENTS) {
            suffixes.add("_" + k);
        }
        suffixes.add("_DIFF");
        for (int i = 0; i < 5; i++) {
            for (String sfx : suffixes) {
                expected.add(tmp.resolve("nifti/spectrum_000000" + i + sfx + ".nii.gz"));
            }
        }
        assertEquals(expected, Dataset.datasetFiles(tmp, record(5, 2, true, List.of("DIFF", "../escape"))));
        assertEquals(expected.subList(0, 36), Dataset.datasetFiles(tmp, record(5, 2, false, List.of("DIFF"))));
        Set<Path> atLimit = new HashSet<>(Dataset.datasetFiles(tmp, record(Dataset.MAX_NIFTI, 5000, true,
                List.of())));
        assertTrue(atLimit.contains(tmp.resolve("nifti/spectrum_0009999_water.nii.gz")));
        assertFalse(atLimit.contains(tmp.resolve("nifti/spectrum_0010000.nii.gz")));
        assertEquals(2 * 12, Dataset.datasetFiles(tmp, record(Dataset.MAX_NIFTI + 1, 5001, true, List.of())).size(),
                "no NIfTI files beyond the limit");
    }

    // Kills: an interrupted run's run.json not used by --overwrite, a corrupt manifest taken as a record, Larmor's
    // temporary files or its empty nifti folder left behind, temporaries kept by --resume, an I/O error of a chunk
    // not passed on as it was.
    @Test
    void overwriteAndResumeRemoveExactlyLarmorsFiles(@TempDir Path tmp) throws Exception {
        Synthesiser s = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\nrepetition_time_s: 2\n"
                + "noise: {snr: 40}\n");
        Path out = tmp.resolve("out");
        Dataset.write(s, out, PitAFixtures.options(3, 2, false, false, true), "x", null);
        Files.delete(out.resolve("manifest.json"));
        Files.writeString(out.resolve(".larmor-tmp-stale"), "left by a crash");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Dataset.write(s, out, new Dataset.Options(3, 11, 2, 1, false, false, false, false, true), "x", null);
        assertFalse(Files.exists(out.resolve(".larmor-tmp-stale")));
        assertFalse(Files.exists(out.resolve("nifti")), "the empty nifti folder removed");
        assertTrue(Files.exists(out.resolve("notes.txt")));
        // A manifest that is not JSON is no record; the run.json beside it is.
        Files.writeString(out.resolve("manifest.json"), "{not json");
        Dataset.write(s, out, new Dataset.Options(3, 11, 2, 1, false, false, false, false, true), "x", null);
        assertTrue(SeriesNiftiTest.manifest(out).has("chunks"));
        // --resume removes stale temporaries, here and in nifti/.
        Path r = tmp.resolve("resume");
        Dataset.write(s, r, PitAFixtures.options(3, 2, false, false, true), "x", null);
        Files.writeString(r.resolve(".larmor-tmp-stale"), "x");
        Files.writeString(r.resolve("nifti/.larmor-tmp-stale.nii.gz"), "x");
        Dataset.write(s, r, new Dataset.Options(3, 11, 2, 1, false, false, true, true, false), "x", null);
        assertFalse(Files.exists(r.resolve(".larmor-tmp-stale")));
        assertFalse(Files.exists(r.resolve("nifti/.larmor-tmp-stale.nii.gz")));
        // A chunk that cannot write its NIfTI folder fails with that I/O error.
        Path blocked = tmp.resolve("blocked");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("nifti"), "a file where the folder goes");
        assertThrows(FileAlreadyExistsException.class, () -> Dataset.write(s, blocked,
                new Dataset.Options(3, 11, 2, 1, false, false, true, false, true), "x", null));
    }

    // Kills: the names of look-alike files not sorted, the list not cut after four, "…" shown for exactly four.
    @Test
    void overwriteRefusesLookalikesNamingTheFirstFourInOrder(@TempDir Path tmp) throws Exception {
        Synthesiser s = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10}\nnoise: {snr: 40}\n");
        Path five = tmp.resolve("five");
        Files.createDirectories(five);
        for (String f : List.of("truth_00009.csv", "spectra_00003.npy", "noise_00001.npy", "design.tsv",
                "baseline_00002.npy")) {
            Files.writeString(five.resolve(f), "x");
        }
        Dataset.Options o = new Dataset.Options(2, 1, 0, 1, false, false, false, false, true);
        InputException e = assertThrows(InputException.class, () -> Dataset.write(s, five, o, "x", null));
        assertEquals("--overwrite: this folder holds no Larmor dataset (no manifest.json or run.json) but files with"
                + " a dataset's names (baseline_00002.npy, design.tsv, noise_00001.npy, spectra_00003.npy, …): they"
                + " are not Larmor's to remove; nothing was removed or written; choose a new folder", e.problem());
        Files.delete(five.resolve("truth_00009.csv"));
        InputException four = assertThrows(InputException.class, () -> Dataset.write(s, five, o, "x", null));
        assertTrue(four.problem().contains("(baseline_00002.npy, design.tsv, noise_00001.npy, spectra_00003.npy):"),
                four.problem());
    }
}
