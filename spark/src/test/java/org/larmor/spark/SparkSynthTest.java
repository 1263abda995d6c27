package org.larmor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * larmor-spark synth against the single-machine CLI: the same scenario and seed must give the same float32 spectra
 * and the same truth values, bit for bit, for any chunking and partitioning; a killed job resumes from the parts in
 * place to the same rows.
 */
class SparkSynthTest {
    private static final String PRESS = "scenarios/benchmark-press-3t.yaml";
    private static final String MEGA = "scenarios/mega-press-3t-gaba.yaml";
    private static JavaSparkContext jsc;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        jsc = SparkFixtures.localContext();
        spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    private static SynthJob.Summary synth(String scenario, long count, long seed, int chunk, int partitions, Path out,
                                          boolean resume) throws Exception {
        return SynthJob.run(SynthJob.plan(new SynthJob.Request(Path.of(scenario), count, seed, chunk, partitions, out,
                resume, false, null, null, "none")), jsc);
    }

    @Test
    void sameSpectraAndTruthAsTheCliWhateverTheChunksAndPartitions(@TempDir Path dir) throws Exception {
        Path cli = dir.resolve("cli");
        Object[] r = SparkFixtures.run(false, "synth", "--scenario", PRESS, "--count", "230", "--seed", "7",
                "--chunk-size", "100", "--threads", "2", "--out", cli.toString(), "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        Map<Long, SparkFixtures.CliRow> expected = SparkFixtures.cliRows(cli);
        assertEquals(230, expected.size());
        // chunks unlike the CLI's, in 3 partitions; then one chunk in one partition; then one per chunk
        synth(PRESS, 230, 7, 64, 3, dir.resolve("a"), false);
        SparkFixtures.assertSameAsCli(expected, SparkFixtures.sparkRows(spark, dir.resolve("a")));
        synth(PRESS, 230, 7, 230, 1, dir.resolve("b"), false);
        SparkFixtures.assertSameAsCli(expected, SparkFixtures.sparkRows(spark, dir.resolve("b")));
        synth(PRESS, 230, 7, 17, 0, dir.resolve("c"), false);
        SparkFixtures.assertSameAsCli(expected, SparkFixtures.sparkRows(spark, dir.resolve("c")));
        // and another seed is another dataset (the comparison can fail)
        synth(PRESS, 230, 8, 64, 3, dir.resolve("d"), false);
        assertThrows(AssertionError.class, () -> SparkFixtures.assertSameAsCli(expected,
                SparkFixtures.sparkRows(spark, dir.resolve("d"))));
    }

    @Test
    void editedScansCarryTheirCombinationsAndWaterReferenceBitForBit(@TempDir Path dir) throws Exception {
        Path cli = dir.resolve("cli");
        Object[] r = SparkFixtures.run(false, "synth", "--scenario", MEGA, "--count", "24", "--seed", "3",
                "--chunk-size", "10", "--out", cli.toString(), "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        Map<Long, SparkFixtures.CliRow> expected = SparkFixtures.cliRows(cli);
        assertNotNull(expected.get(0L).combinations(), "the MEGA scenario has combinations (DIFF)");
        synth(MEGA, 24, 3, 7, 2, dir.resolve("s"), false);
        SparkFixtures.assertSameAsCli(expected, SparkFixtures.sparkRows(spark, dir.resolve("s")));
    }

    @Test
    void npyFormatWritesTheClisOwnFilesByteForByte(@TempDir Path dir) throws Exception {
        Path cli = dir.resolve("cli");
        Object[] r = SparkFixtures.run(false, "synth", "--scenario", PRESS, "--count", "130", "--seed", "9",
                "--chunk-size", "50", "--components", "--out", cli.toString(), "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        Path sp = dir.resolve("spark");
        SynthJob.Summary s = SynthJob.run(SynthJob.plan(new SynthJob.Request(Path.of(PRESS), 130, 9L, 50, 2, sp,
                false, false, null, null, "none", "npy", true, false)), jsc);
        assertEquals(130, s.written());
        List<String> names;
        try (Stream<Path> f = Files.list(cli)) {
            names = f.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> sparkNames;
        try (Stream<Path> f = Files.list(sp)) {
            sparkNames = f.map(p -> p.getFileName().toString()).filter(n -> !n.equals("spark.json")).sorted()
                    .toList();
        }
        assertEquals(names, sparkNames);
        assertTrue(names.contains("metabolites_00002.npy") && names.contains("manifest.json"), names.toString());
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(n)), Files.readAllBytes(sp.resolve(n)), n);
        }
        JsonNode spark = new ObjectMapper().readTree(sp.resolve("spark.json").toFile());
        assertEquals("npy", spark.get("format").asText());
        // the CLI completes a dataset Spark began, and the other way round: one resume rule
        Files.delete(sp.resolve("spectra_00001.npy"));
        r = SparkFixtures.run(false, "synth", "--scenario", PRESS, "--count", "130", "--seed", "9",
                "--chunk-size", "50", "--components", "--out", sp.toString(), "--quiet", "--resume");
        assertEquals(0, r[0], (String) r[2]);
        assertArrayEquals(Files.readAllBytes(cli.resolve("spectra_00001.npy")),
                Files.readAllBytes(sp.resolve("spectra_00001.npy")));
    }

    @Test
    void compressedPartsHoldTheSameRowsAndAForeignBasisIsRefused(@TempDir Path dir) throws Exception {
        synth(PRESS, 40, 4, 20, 0, dir.resolve("plain"), false);
        SynthJob.run(SynthJob.plan(new SynthJob.Request(Path.of(PRESS), 40, 4L, 20, 0, dir.resolve("zstd"), false,
                false, null, null, "zstd")), jsc);
        Map<Long, Row> a = SparkFixtures.sparkRows(spark, dir.resolve("plain"));
        Map<Long, Row> b = SparkFixtures.sparkRows(spark, dir.resolve("zstd"));
        for (long i = 0; i < 40; i++) {
            assertArrayEquals(SparkFixtures.floats(a.get(i), "spectra"), SparkFixtures.floats(b.get(i), "spectra"));
        }
        InputException bad = assertThrows(InputException.class, () -> SynthJob.plan(new SynthJob.Request(
                Path.of(PRESS), 40, 4L, 20, 0, dir.resolve("x"), false, false, null, null, "lz4")));
        assertTrue(bad.getMessage().contains("--compression"), bad.getMessage());
        // an executor whose files make another basis stops rather than writing other spectra
        SynthJob.Plan plan = SynthJob.plan(new SynthJob.Request(Path.of(PRESS), 40, 4L, 20, 0, dir.resolve("y"),
                false, false, null, null, "none"));
        SynthSpec s = plan.spec();
        SynthSpec foreign = new SynthSpec(s.scenarioPath(), s.scenarioText(), s.spinSystems(), s.presets(), s.seed(),
                s.count(), s.chunkSize(), s.digits(), s.out(), "0".repeat(64), s.runJson(), s.compression(),
                s.format(), false, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Synthesisers.of(foreign));
        assertTrue(e.getMessage().contains("differs from the driver's") && e.getMessage().contains("shared file"),
                e.getMessage());
    }

    @Test
    void partFilesCarryTheRunTheScenarioAndTheShapes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        synth(PRESS, 30, 5, 20, 0, out, false);
        Path part = out.resolve("part-00000.parquet");
        Map<String, String> kv;
        long rows;
        try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(part))) {
            kv = f.getFooter().getFileMetaData().getKeyValueMetaData();
            rows = f.getRecordCount();
        }
        assertEquals(20, rows);
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(kv.get(ChunkWriter.RUN_KEY));
        assertEquals(5, run.get("seed").asLong());
        assertEquals(30, run.get("count").asLong());
        assertEquals(Files.readString(Path.of(PRESS)), kv.get(ChunkWriter.SCENARIO_KEY));
        assertEquals("[2048, 2]", kv.get(ChunkWriter.SHAPE_KEY + "spectra"));
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        assertEquals(2, manifest.get("parts").size());
        assertEquals(10, manifest.get("parts").get(1).get("rows").asInt());
        assertEquals("part-00001.parquet", manifest.get("parts").get(1).get("file").asText());
        assertTrue(manifest.get("truth_columns").size() > 10);
        assertEquals(Files.readString(Path.of(PRESS)), Files.readString(out.resolve("scenario.yaml")));
        assertEquals(2048, SparkFixtures.floats(SparkFixtures.sparkRows(spark, out).get(29L), "spectra").length / 2);
    }

    @Test
    void aKilledJobResumesFromThePartsInPlaceToTheSameRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("killed");
        long count = 6000;
        int chunk = 50;
        SynthJob.Plan plan = SynthJob.plan(new SynthJob.Request(Path.of(PRESS), count, 11L, chunk, 0, out, false,
                false, null, null, "none"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            jsc.setJobGroup("killed", "a job to kill", true);
            try {
                SynthJob.run(plan, jsc);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                jsc.clearJobGroup();
            }
        });
        job.start();
        while (parts(out).size() < 3 && job.isAlive()) {
            Thread.sleep(2);
        }
        jsc.cancelJobGroup("killed");
        job.join();
        assertNotNull(failure.get(), "the job was killed before it finished");
        // A task that was past its last spectrum when the job was killed may still move its part into place: count
        // what is kept once the folder has not changed for two seconds.
        List<Path> seen = parts(out);
        long stableSince = System.nanoTime();
        long until = stableSince + 60_000_000_000L;
        while (System.nanoTime() - stableSince < 2_000_000_000L && System.nanoTime() < until) {
            Thread.sleep(50);
            List<Path> now = parts(out);
            if (!now.equals(seen)) {
                seen = now;
                stableSince = System.nanoTime();
            }
        }
        List<Path> kept = parts(out);
        assertTrue(kept.size() >= 3 && kept.size() < count / chunk, kept.size() + " parts in place");
        assertFalse(Files.exists(out.resolve("manifest.json")), "no manifest for an incomplete dataset");
        Map<Path, Object> identity = new HashMap<>();
        for (Path p : kept) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            identity.put(p, a.fileKey() + "@" + a.lastModifiedTime().toMillis());
        }
        // without --resume the folder is refused; with it, only the missing parts are made
        InputException refused = assertThrows(InputException.class, () -> SynthJob.plan(new SynthJob.Request(
                Path.of(PRESS), count, 11L, chunk, 0, out, false, false, null, null, "none")));
        assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());
        InputException other = assertThrows(InputException.class, () -> SynthJob.plan(new SynthJob.Request(
                Path.of(PRESS), count, 12L, chunk, 0, out, true, false, null, null, "none")));
        assertTrue(other.getMessage().contains("seed = 11"), other.getMessage());
        SynthJob.Summary s = synth(PRESS, count, 11, chunk, 0, out, true);
        assertEquals(kept.size(), s.keptChunks());
        assertEquals(count - kept.size() * (long) chunk, s.written());
        assertEquals(count / chunk, parts(out).size());
        for (Path p : kept) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            assertEquals(identity.get(p), a.fileKey() + "@" + a.lastModifiedTime().toMillis(), p + " was kept");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".larmor-tmp")), "no temporaries");
        }
        // the resumed dataset is the uninterrupted one, row for row (a sample of indices across the parts)
        Path clean = dir.resolve("clean");
        synth(PRESS, count, 11, 1000, 2, clean, false);
        Map<Long, Row> a = SparkFixtures.sparkRows(spark, out);
        Map<Long, Row> b = SparkFixtures.sparkRows(spark, clean);
        assertEquals(count, a.size());
        for (long i = 0; i < count; i += 97) {
            assertArrayEquals(SparkFixtures.floats(b.get(i), "spectra"), SparkFixtures.floats(a.get(i), "spectra"),
                    "spectrum " + i);
            assertEquals(b.get(i).getDouble(b.get(i).fieldIndex("NAA.concentration_mm")),
                    a.get(i).getDouble(a.get(i).fieldIndex("NAA.concentration_mm")));
        }
    }

    private static List<Path> parts(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d+\\.parquet")).sorted().toList();
        }
    }
}
