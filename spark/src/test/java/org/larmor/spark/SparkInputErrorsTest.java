package org.larmor.spark;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused on the driver before Spark starts, with the message `larmor` gives for the same input. */
class SparkInputErrorsTest {
    private int starts;

    @BeforeEach
    void countStarts() {
        starts = LarmorSpark.STARTS.get();
    }

    private void assertSparkNotStarted() {
        assertEquals(starts, LarmorSpark.STARTS.get(), "Spark was started");
    }

    private static String message(Object[] result, String prefix) {
        String err = (String) result[2];
        assertTrue(err.startsWith(prefix), err);
        return err.substring(prefix.length()).strip();
    }

    @Test
    void aBadScenarioFailsBeforeAnyExecutorWithTheCliMessage(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        String text = Files.readString(Path.of("scenarios/benchmark-press-3t.yaml"))
                .replace("basis:", "basis:\n  points_per_ms: 3");
        assertTrue(text.contains("points_per_ms"));
        // the sequence path is relative to the scenario: copy the scenario beside the shipped one's folder
        Path scen = Path.of("scenarios").resolve(".spark-test-bad.yaml");
        Files.writeString(scen, text);
        try {
            Object[] cli = SparkFixtures.run(false, "synth", "--scenario", scen.toString(), "--count", "10",
                    "--out", dir.resolve("cli").toString());
            Object[] spark = SparkFixtures.run(true, "synth", "--scenario", scen.toString(), "--count", "10",
                    "--out", dir.resolve("spark").toString(), "--master", "local[2]");
            assertEquals(2, cli[0]);
            assertEquals(2, spark[0]);
            String m = message(spark, "larmor-spark: error: ");
            assertEquals(message(cli, "larmor: error: "), m);
            assertTrue(m.contains(".spark-test-bad.yaml") && m.contains("points_per_ms"), m);
            assertTrue(m.matches(".*:\\d+.*"), "names the line: " + m);
        } finally {
            Files.deleteIfExists(scen);
        }
        assertSparkNotStarted();
        assertFalse(Files.exists(dir.resolve("spark")), "nothing was written");
    }

    @Test
    void aSeedlessScenarioAndABadCountAreRefusedAsTheCliRefusesThem(@TempDir Path dir) {
        Object[] cli = SparkFixtures.run(false, "synth", "--scenario", "scenarios/benchmark-press-3t.yaml",
                "--count", "0", "--out", dir.resolve("cli").toString());
        Object[] spark = SparkFixtures.run(true, "synth", "--scenario", "scenarios/benchmark-press-3t.yaml",
                "--count", "0", "--out", dir.resolve("spark").toString());
        assertEquals(2, spark[0]);
        assertEquals(message(cli, "larmor: error: "), message(spark, "larmor-spark: error: "));
        assertSparkNotStarted();
    }

    @Test
    void aGridTeShorterThanTe1IsRefusedWithTheGridFile(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.yaml");
        Path seq = Path.of("sequences/press-te30-3t.yaml").toAbsolutePath();
        Files.writeString(grid, "name: short\nsequences: [" + seq + "]\nte_ms: [30, 10]\nmetabolites: NAA\n");
        Object[] r = SparkFixtures.run(true, "sweep", "--grid", grid.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, r[0]);
        String m = message(r, "larmor-spark: error: ");
        assertTrue(m.contains("grid.yaml") && m.contains("TE 10 ms") && m.contains("TE1 = 13 ms"), m);
        Files.writeString(grid, "name: bad\nsequences: [" + seq + "]\nb0_t: [3, 70]\n");
        r = SparkFixtures.run(true, "sweep", "--grid", grid.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r[0]);
        m = message(r, "larmor-spark: error: ");
        assertTrue(m.contains("grid.yaml:3") && m.contains("b0_t"), m);
        assertSparkNotStarted();
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
