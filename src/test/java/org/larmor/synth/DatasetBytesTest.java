package org.larmor.synth;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic of a dataset's size: the bytes per spectrum a chunk holds in memory (stated exactly in the
 * --chunk-size refusal), the automatic chunk size, the disk estimate against the sizes of the files actually written,
 * the free-space refusal's text, and what a resumed run counts as already written.
 */
class DatasetBytesTest {
    private static final int N = SynthFixtures.N;
    private static final String PLAIN = "concentrations_mm: {NAA: 10, Cr: 8}\nnoise: {snr: 40}\n";
    /** Edited fMRS: 4 time points × 2 conditions = 8 blocks, 2 averages, 2 coils: 16 shots, 32 transients. */
    private static final String SERIES = "repetition_time_s: 2\nnoise: {snr: 50}\nwater_reference: {}\n"
            + "transients: {averages: 2}\ncoils: {count: 2}\n"
            + "fmrs: {dynamics: 4, design: {block: {first_onset_s: 0, on_s: 8, off_s: 8, blocks: 2}},"
            + " responses: {Singlet: {change_percent: 20}}}\n";

    /** 8 bytes per complex value held per spectrum, and 4096 to spare, as docs/synthesiser.md states. */
    private static long perSpectrum(long points, long values) {
        return 8 * points * values + 4096;
    }

    private static InputException chunkRefusal(Synthesiser s, boolean components, boolean transients) {
        Dataset.Options o = new Dataset.Options(10, 1, 1 << 30, 1, components, transients, false, false, false);
        return assertThrows(InputException.class, () -> Dataset.chunkSize(s, o));
    }

    private static String chunkMessage(long perSpectrum) {
        long chunk = 1L << 30;
        return "a chunk of " + chunk + " spectra needs " + perSpectrum * chunk / (1024 * 1024) + " MB in memory; use at"
                + " most " + Math.max(1, (1L << 30) / perSpectrum);
    }

    // Kills: any term of the bytes held per spectrum dropped, added when absent, or divided instead of multiplied;
    // the refusal's MB figure or its largest usable chunk miscomputed.
    @Test
    void theChunkSizeRefusalStatesTheMemoryOfEachHeldValue() {
        Synthesiser plain = SynthFixtures.synthesiser(PLAIN);
        InputException e = chunkRefusal(plain, false, false);
        assertEquals("--chunk-size", e.location().source());
        // One FID per spectrum: 8·2048 + 4096 = 20480 bytes.
        assertEquals(chunkMessage(20480), e.problem());
        assertEquals("a chunk of 1073741824 spectra needs 20971520 MB in memory; use at most 52428", e.problem());

        Synthesiser series = PitAFixtures.edited2(SERIES);
        Layout l = series.layout();
        assertEquals(8, l.blocks());
        assertEquals(16, l.shots());
        // 8 sub-spectra, 4 time points × (DIFF, SUM), the water reference.
        long held = 8 + 4 * 2 + 1;
        assertEquals(chunkMessage(perSpectrum(N, held)), chunkRefusal(series, false, false).problem());
        // + 6 components of each of the 8 blocks.
        assertEquals(chunkMessage(perSpectrum(N, held + 48)), chunkRefusal(series, true, false).problem());
        // + 16 shots × 2 coils.
        assertEquals(chunkMessage(perSpectrum(N, held + 32)), chunkRefusal(series, false, true).problem());
        assertEquals(chunkMessage(perSpectrum(N, held + 48 + 32)), chunkRefusal(series, true, true).problem());
    }

    // Kills: a chunk of exactly 1 GiB refused (> turned ≥).
    @Test
    void aChunkOfExactlyTheLimitIsAcceptedAndOneSpectrumMoreIsNot() {
        // 512 points: 8·512 + 4096 = 8192 bytes per spectrum, 2^30 / 2^13 = 131072 spectra per GiB.
        Synthesiser s = PitAFixtures.ofLength(512, 0.03, "noise: {snr: 40}\n");
        Dataset.Options exact = new Dataset.Options(10, 1, 131072, 1, false, false, false, false, false);
        assertEquals(131072, Dataset.chunkSize(s, exact));
        Dataset.Options over = new Dataset.Options(10, 1, 131073, 1, false, false, false, false, false);
        InputException e = assertThrows(InputException.class, () -> Dataset.chunkSize(s, over));
        assertEquals("a chunk of 131073 spectra needs 1024 MB in memory; use at most 131072", e.problem());
    }

    // Kills: the automatic size not bounded by a quarter GiB per chunk (or computed by multiplying), nor by count.
    @Test
    void theAutomaticChunkHoldsAQuarterGibAtMostAndNoMoreThanTheCount() {
        Synthesiser series = PitAFixtures.edited2(SERIES);
        long per = perSpectrum(N, 8 + 8 + 1 + 48 + 32);
        int expected = (int) ((1L << 28) / per);
        assertEquals(168, expected);
        assertEquals(expected, Dataset.chunkSize(series, PitAFixtures.options(500, 0, true, true, false)));
        assertEquals(100, Dataset.chunkSize(series, PitAFixtures.options(100, 0, true, true, false)));
        Synthesiser plain = SynthFixtures.synthesiser(PLAIN);
        assertEquals(1000, Dataset.chunkSize(plain, PitAFixtures.options(5000, 0, false, false, false)));
        assertEquals(7, Dataset.chunkSize(plain, PitAFixtures.options(7, 0, false, false, false)));
    }

    /** Sizes of the files written, by kind. */
    private record Written(long npy, long[] npyOfChunk, long tables, long nifti) {
    }

    private static Written written(Path dir, int chunks) throws IOException {
        long npy = 0;
        long tables = 0;
        long nifti = 0;
        long[] ofChunk = new long[chunks];
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String f = p.getFileName().toString();
                long size = Files.size(p);
                if (f.endsWith(".nii.gz")) {
                    nifti += size;
                } else if (f.endsWith(".npy")) {
                    npy += size;
                    ofChunk[Integer.parseInt(f.substring(f.length() - 9, f.length() - 4))] += size;
                } else if (f.startsWith("truth_")) {
                    tables += size;
                }
            }
        }
        return new Written(npy, ofChunk, tables, nifti);
    }

    /** The per-spectrum upper estimate of the NIfTI-MRS files: each file's data and 4096 bytes of header. */
    private static long niftiPerSpectrum(Synthesiser s, Dataset.Options o, boolean water) {
        if (!o.nifti()) {
            return 0;
        }
        Layout l = s.layout();
        boolean transients = o.transients() || l.averages() > 1 || l.coils() > 1;
        long files = 1 + (water ? 1 : 0) + (o.components() ? 6 : 0) + (transients ? 1 : 0);
        long combinations = s.combinationNames().size() * (8L * s.points() * l.dynamics() + 4096);
        return files * (8L * s.points() * l.blocks() + 4096) + combinations + (transients ? 8L * s.points()
                * l.shots() * l.coils() : 0);
    }

    /**
     * Writes 5 spectra in chunks of 2 and checks the estimate: the .npy files exactly, the truth tables at 24
     * characters a value twice (CSV and JSON key) plus 64 a row, 4096 bytes a chunk, the NIfTI-MRS upper estimate;
     * and that it is an upper bound of what was written. With chunk 0 kept, only chunks 1 and 2 count.
     */
    private static void checkEstimate(Path dir, Synthesiser s, Dataset.Options o, boolean water) throws IOException {
        Dataset.write(s, dir, o, "x", null);
        Written w = written(dir, 3);
        long table = (long) s.schema().width() * 48 + 64;
        long nifti = niftiPerSpectrum(s, o, water);
        long estimate = Dataset.estimateBytes(s, o, 2, 3, 0);
        assertEquals(w.npy() + 5 * table + 3 * 4096 + 5 * nifti, estimate, dir.toString());
        assertTrue(estimate >= w.npy() + w.tables() + w.nifti(), "an upper bound: " + estimate + " vs " + w);
        assertTrue(w.tables() <= 5 * table, "truth tables within the estimate");
        assertTrue(w.nifti() <= 5 * nifti, "NIfTI-MRS within the estimate: " + w.nifti() + " vs " + 5 * nifti);
        long rest = w.npyOfChunk()[1] + w.npyOfChunk()[2];
        assertEquals(rest + 3 * table + 2 * 4096 + 3 * nifti, Dataset.estimateBytes(s, o, 2, 3, 1), "chunk 0 kept");
        assertEquals(0, Dataset.estimateBytes(s, o, 2, 3, 3), "every chunk kept");
    }

    // Kills: an array (water reference, combinations, components, transients) or its 128-byte header left out of
    // the estimate or counted when absent, any product divided, the kept chunks' rows or headers still counted.
    @Test
    void theEstimateCountsEveryNpyFileToTheByteAndTheTablesFromTheirWidth(@TempDir Path tmp) throws IOException {
        checkEstimate(tmp.resolve("plain"), SynthFixtures.synthesiser(PLAIN),
                PitAFixtures.options(5, 2, false, false, false), false);
        Synthesiser series = PitAFixtures.edited2(SERIES);
        checkEstimate(tmp.resolve("all"), series, PitAFixtures.options(5, 2, true, true, false), true);
        checkEstimate(tmp.resolve("bare"), series, PitAFixtures.options(5, 2, false, false, false), true);
    }

    // Kills: a NIfTI-MRS transients file counted for a scan of one average on one coil, not counted for several
    // averages, several coils or --transients; the water or component files left out.
    @Test
    void theNiftiEstimateCountsTheFilesEachSpectrumHas(@TempDir Path tmp) throws IOException {
        String tr = "repetition_time_s: 2\nnoise: {snr: 40}\n";
        checkEstimate(tmp.resolve("one"), SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\n" + tr),
                PitAFixtures.options(5, 2, false, false, true), false);
        checkEstimate(tmp.resolve("water"), SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\n" + tr
                + "water_reference: {}\n"), PitAFixtures.options(5, 2, true, false, true), true);
        checkEstimate(tmp.resolve("averages"), SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\n" + tr
                + "transients: {averages: 3}\n"), PitAFixtures.options(5, 2, false, false, true), false);
        checkEstimate(tmp.resolve("coils"), SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\n" + tr
                + "coils: {count: 2}\n"), PitAFixtures.options(5, 2, false, false, true), false);
        checkEstimate(tmp.resolve("flag"), SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\n" + tr),
                PitAFixtures.options(5, 2, false, true, true), false);
    }

    // An edited series' DIFF and SUM files (one FID per time point each) are part of the estimate: without them it
    // was short of what was written (3.8 MB written, 3.0 MB estimated for 5 spectra of this scan).
    @Test
    void theNiftiEstimateOfAnEditedSeriesCountsItsCombinationFiles(@TempDir Path tmp) throws IOException {
        Synthesiser s = PitAFixtures.edited2("repetition_time_s: 2\nnoise: {snr: 50}\n"
                + "fmrs: {dynamics: 6, design: {block: {first_onset_s: 0, on_s: 8, off_s: 8, blocks: 2}},"
                + " responses: {Singlet: {change_percent: 20}}}\n");
        checkEstimate(tmp, s, PitAFixtures.options(5, 2, false, false, true), false);
    }

    // Kills: the size printed in other units or digits, without its byte count, the unit loop never entered.
    @Test
    void theFreeSpaceRefusalStatesTheSizeInDecimalUnitsAndBytes(@TempDir Path tmp) throws IOException {
        long needed = 1_234_567_890_123_456_789L;
        InputException e = assertThrows(InputException.class, () -> Dataset.checkSpace(tmp, needed));
        assertEquals("--count", e.location().source());
        Matcher m = Pattern.compile("the dataset needs about 1\\.2 EB \\(1234567890123456789 bytes\\) and the file"
                + " system of (.+) has (\\d+(?:\\.\\d)?) ([KMGTPE]?B) \\((\\d+) bytes\\) free: choose a smaller --count,"
                + " fewer outputs \\(--components, --transients, --nifti\\) or another folder; nothing was written")
                .matcher(e.problem());
        assertTrue(m.matches(), e.problem());
        assertEquals(tmp.toAbsolutePath().normalize().toString(), m.group(1));
        long free = Long.parseLong(m.group(4));
        List<String> units = List.of("B", "KB", "MB", "GB", "TB", "PB", "EB");
        int u = units.indexOf(m.group(3));
        double scaled = free / Math.pow(1000, u);
        assertTrue(scaled >= (u == 0 ? 0 : 1) && scaled < 1000, "free space in its unit: " + e.problem());
        assertEquals(String.format(java.util.Locale.ROOT, u == 0 ? "%.0f" : "%.1f", scaled), m.group(2));
        // Exactly 1000 of a unit is one of the next.
        InputException exa = assertThrows(InputException.class, () -> Dataset.checkSpace(tmp,
                1_000_000_000_000_000_000L));
        assertTrue(exa.problem().startsWith("the dataset needs about 1.0 EB (1000000000000000000 bytes) and"),
                exa.problem());
        InputException sat = assertThrows(InputException.class, () -> Dataset.checkSpace(tmp, Long.MAX_VALUE));
        assertTrue(sat.problem().startsWith("the dataset needs about more than 9.2 EB and the file system of "),
                sat.problem());
        InputException max = assertThrows(InputException.class, () -> Dataset.checkSpace(tmp, Long.MAX_VALUE - 1));
        assertTrue(max.problem().startsWith("the dataset needs about 9.2 EB (9223372036854775806 bytes) and"),
                max.problem());
        // A folder that does not exist yet is measured on its nearest existing parent.
        Path deep = tmp.resolve("a/b/c");
        InputException parent = assertThrows(InputException.class, () -> Dataset.checkSpace(deep, needed));
        assertTrue(parent.problem().contains(" file system of " + tmp.toAbsolutePath().normalize() + " has "),
                parent.problem());
    }

    // Kills: the 64 MB to spare added to the free space instead of kept back.
    @Test
    void lessThan64MbLeftOverIsRefused(@TempDir Path tmp) throws IOException {
        long free = Files.getFileStore(tmp).getUsableSpace();
        Assumptions.assumeTrue(free > (1L << 30), "needs a file system with 1 GB free");
        InputException e = assertThrows(InputException.class, () -> Dataset.checkSpace(tmp, free - (32L << 20)));
        assertTrue(e.problem().startsWith("the dataset needs about "), e.problem());
        Dataset.checkSpace(tmp, 1 << 20);
    }

    // Kills: complete chunks of an interrupted run not subtracted from the space needed (kept chunks not looked
    // for, counted as 0, counted down, counted when missing).
    @Test
    void aResumedRunNeedsSpaceOnlyForTheChunksStillMissing(@TempDir Path tmp) throws IOException {
        Synthesiser s = PitAFixtures.ofLength(512, 0.03, "noise: {snr: 40}\n");
        long free = Files.getFileStore(tmp).getUsableSpace();
        int chunk = 100_000;
        long perChunk = Dataset.estimateBytes(s, PitAFixtures.options(chunk, chunk, false, false, false), chunk, 1, 0);
        Assumptions.assumeTrue(perChunk * 8 < free, "needs 8 chunks' room on the file system");
        long chunks = 4 * free / perChunk + 1;
        Assumptions.assumeTrue(chunks < 20_000, "a file system too large for this test");
        long count = chunks * chunk;
        int digits = Math.max(5, Long.toString(chunks - 1).length());
        Path out = tmp.resolve("cut");
        Files.createDirectories(out);
        // Every chunk but the last complete (spectra files are what mark a chunk complete); no run.json.
        for (long c = 0; c < chunks - 1; c++) {
            Files.createFile(out.resolve(Dataset.name("spectra", c, digits, "npy")));
        }
        Dataset.Options resume = new Dataset.Options(count, 1, chunk, 1, false, false, false, true, false);
        InputException e = assertThrows(InputException.class, () -> Dataset.write(s, out, resume, "x", null));
        assertEquals("--resume: this folder holds no Larmor dataset (no run.json)", e.problem(),
                "the space check passed: one chunk to write");
        Dataset.Options fresh = new Dataset.Options(count, 1, chunk, 1, false, false, false, false, false);
        InputException full = assertThrows(InputException.class, () -> Dataset.write(s, tmp.resolve("new"), fresh,
                "x", null));
        assertTrue(full.problem().startsWith("the dataset needs about "), full.problem());
    }

    // Kills: NIfTI-MRS refused for exactly the largest count it allows.
    @Test
    void theNiftiCountLimitIsInclusive() {
        Synthesiser s = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10}\nrepetition_time_s: 2\n");
        InputException at = assertThrows(InputException.class, () -> Dataset.write(s, Path.of("unused"),
                new Dataset.Options(Dataset.MAX_NIFTI, 1, 0, 1, false, false, true, true, true), "x", null));
        assertEquals("--resume and --overwrite exclude each other", at.problem(), "10000 passes the NIfTI check");
        InputException over = assertThrows(InputException.class, () -> Dataset.write(s, Path.of("unused"),
                new Dataset.Options(Dataset.MAX_NIFTI + 1, 1, 0, 1, false, false, true, true, true), "x", null));
        assertEquals("NIfTI-MRS writes files per spectrum; use it for at most 10000 spectra (the .npy chunks hold any"
                + " number)", over.problem());
    }

    // Kills: the run's seconds measured from a sum or a quotient, the final report's rate not the spectra made over
    // the seconds, the progress thread left running (or never made) after the write returns.
    @Test
    void theFinalReportGivesTheRateOfThisRunAndNothingIsReportedAfterIt(@TempDir Path tmp) throws Exception {
        Synthesiser s = SynthFixtures.synthesiser(PLAIN);
        List<double[]> reports = Collections.synchronizedList(new ArrayList<>());
        Dataset.Progress p = (done, total, rate, finished) -> reports.add(new double[] {done, total, rate,
                finished ? 1 : 0, System.nanoTime()});
        long t0 = System.nanoTime();
        Dataset.Summary sum = Dataset.write(s, tmp, PitAFixtures.options(6, 4, false, false, false), "x", p);
        long elapsed = System.nanoTime() - t0;
        assertEquals(6, sum.written());
        assertEquals(4, sum.chunkSize());
        assertTrue(sum.seconds() > 0 && sum.seconds() <= elapsed * 1e-9, "seconds " + sum.seconds());
        double[] last = reports.get(reports.size() - 1);
        assertEquals(6, last[0]);
        assertEquals(6, last[1]);
        assertEquals(1, last[3]);
        assertEquals(6 / sum.seconds(), last[2], 1e-9 * last[2]);
        if (elapsed < 1e9) {
            assertEquals(1, reports.size(), "a write of under a second reports once, at its end");
        }
        int before = reports.size();
        long quiet = (long) (1.3e9 - (System.nanoTime() - t0));
        if (quiet > 0) {
            Thread.sleep(quiet / 1_000_000);
        }
        assertEquals(before, reports.size(), "no report after the final one");
    }
}
