package org.larmor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.FslBasisReader;
import org.larmor.io.ReadBasis;
import org.larmor.signal.Fid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * larmor-spark sweep: every grid point's basis set is the one `larmor basis` makes from the sequence file edited by
 * hand to that B0 and TE, and the physics moves with the grid: the spectrometer frequency with B0, and the lactate
 * doublet (J = 6.93 Hz) upright at TE 30 ms and inverted at TE 144 ms (cos πJ·TE = 0.80 and −1.00).
 */
class SparkSweepTest {
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        jsc = SparkFixtures.localContext();
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    private static final Path PRESS = Path.of("sequences/press-te30-3t.yaml").toAbsolutePath();

    @Test
    void everyGridPointIsTheHandEditedSequencesBasisAndThePhysicsFollowsTheGrid(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, "name: press-b0-te\nsequences: [" + PRESS + "]\nb0_t: [2.89, 7]\n"
                + "te_ms: [30, 144]\nmetabolites: Lac,NAA\nformats: [fsl, lcmodel]\n");
        Path out = dir.resolve("sweep");
        SweepJob.Plan plan = SweepJob.plan(grid, out, false, Path.of("spin-systems"));
        SweepJob.Summary s = SweepJob.run(plan, jsc);
        assertEquals(4, s.written());
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> f = Files.list(out)) {
            f.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertEquals(Set.of("press-te30-3t_b0-2.89T_te-30ms", "press-te30-3t_b0-2.89T_te-144ms",
                "press-te30-3t_b0-7T_te-30ms", "press-te30-3t_b0-7T_te-144ms"), folders);
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(4, sweep.get("points").size());

        // the grid point 7 T, TE 144 equals larmor basis on the file edited by hand (TE1 13 ms kept, TE2 131 ms)
        Path edited = dir.resolve("press-7t-te144.yaml");
        Files.writeString(edited, Files.readString(PRESS).replace("b0_t: 2.89", "b0_t: 7")
                .replace("te2_ms: 17", "te2_ms: 131").replace("name: press-te30-3t", "name: hand"));
        Object[] r = SparkFixtures.run(false, "basis", "--sequence", edited.toString(), "--metabolites", "Lac,NAA",
                "--format", "fsl", "--out", dir.resolve("hand").toString(), "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        ReadBasis hand = FslBasisReader.read(dir.resolve("hand/fsl"));
        ReadBasis swept = FslBasisReader.read(out.resolve("press-te30-3t_b0-7T_te-144ms/fsl"));
        assertEquals(hand.spectrometerMHz(), swept.spectrometerMHz());
        for (String m : new String[] {"Lac", "NAA"}) {
            assertArrayEquals(hand.fid(m).re(), swept.fid(m).re(), m);
            assertArrayEquals(hand.fid(m).im(), swept.fid(m).im(), m);
        }

        // B0 sets the spectrometer frequency: γ/2π = 42.577 MHz/T
        ReadBasis at3 = FslBasisReader.read(out.resolve("press-te30-3t_b0-2.89T_te-30ms/fsl"));
        ReadBasis at7 = FslBasisReader.read(out.resolve("press-te30-3t_b0-7T_te-30ms/fsl"));
        assertEquals(42.577 * 2.89, at3.spectrometerMHz(), 0.01);
        assertEquals(42.577 * 7, at7.spectrometerMHz(), 0.01);

        // J-modulation of the lactate doublet at 1.31 ppm: upright at TE 30, inverted at TE 144 (3 T)
        double te30 = lactateArea(at3);
        double te144 = lactateArea(FslBasisReader.read(out.resolve("press-te30-3t_b0-2.89T_te-144ms/fsl")));
        // against the NAA singlet (3 protons, unchanged by TE: checked): the doublet's 3 protons at cos(πJ·TE). At
        // TE 30 the anti-phase dispersive part (sin πJ·TE = 0.6) adds a little over a window that is not symmetric
        // about each line (measured 0.71); at TE 144 that part is gone
        double naa = naaArea(at3);
        assertEquals(naa, naaArea(FslBasisReader.read(out.resolve("press-te30-3t_b0-2.89T_te-144ms/fsl"))),
                0.02 * naa, "NAA singlet at TE 144");
        assertEquals(0.80, te30 / naa, 0.12, "Lac/NAA at TE 30");
        assertEquals(-1.00, te144 / naa, 0.04, "Lac/NAA at TE 144: inverted");
    }

    @Test
    void aSyntheticDatasetAtEveryGridPointIsTheCliDatasetOfThatPointsBasis(@TempDir Path dir) throws Exception {
        Path scenario = Path.of("scenarios/benchmark-press-3t.yaml").toAbsolutePath();
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, "sequences: [" + PRESS + "]\nte_ms: [30, 144]\nmetabolites: brain\nformats: [fsl]\n"
                + "synth: {scenario: " + scenario + ", count: 60, seed: 5}\n");
        Path out = dir.resolve("sweep");
        SweepJob.Summary s = SweepJob.run(SweepJob.plan(grid, out, false, Path.of("spin-systems")), jsc);
        assertEquals(2, s.written());
        assertEquals(120, s.spectra());
        Path point = out.resolve("press-te30-3t_te-144ms");
        String derived = Files.readString(point.resolve("synth/scenario.yaml"));
        assertTrue(derived.contains(point.resolve("fsl").toString()), "reads the point's basis: " + derived);
        // the CLI on the derived scenario makes the same rows
        Path copy = dir.resolve("derived.yaml");
        Files.writeString(copy, derived);
        Object[] r = SparkFixtures.run(false, "synth", "--scenario", copy.toString(), "--count", "60", "--seed", "5",
                "--out", dir.resolve("cli").toString(), "--quiet");
        assertEquals(0, r[0], (String) r[2]);
        SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
        SparkFixtures.assertSameAsCli(SparkFixtures.cliRows(dir.resolve("cli")),
                SparkFixtures.sparkRows(spark, point.resolve("synth")));
        // the two points' datasets differ (TE 30 against TE 144 basis), with the same draws
        java.util.Map<Long, org.apache.spark.sql.Row> te30 = SparkFixtures.sparkRows(spark,
                out.resolve("press-te30-3t_te-30ms/synth"));
        java.util.Map<Long, org.apache.spark.sql.Row> te144 = SparkFixtures.sparkRows(spark, point.resolve("synth"));
        assertEquals(SparkFixtures.truth(te30.get(7L), "NAA.concentration_mm"),
                SparkFixtures.truth(te144.get(7L), "NAA.concentration_mm"));
        assertTrue(!java.util.Arrays.equals(SparkFixtures.floats(te30.get(7L), "spectra"),
                SparkFixtures.floats(te144.get(7L), "spectra")));
        assertTrue(Files.readString(out.resolve("sweep.json")).contains("count_per_point"));
        // a grid whose basis sets lack the scenario's metabolites is refused before Spark starts
        Files.writeString(grid, Files.readString(grid).replace("metabolites: brain", "metabolites: NAA,Cr"));
        org.larmor.input.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.larmor.input.InputException.class, () -> SweepJob.plan(grid, dir.resolve("other"), false,
                        Path.of("spin-systems")));
        assertTrue(e.getMessage().contains("needs") && e.getMessage().contains("Glu"), e.getMessage());
    }

    @Test
    void resumeKeepsTheBasisSetsInPlace(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, "sequences: [" + PRESS + "]\nte_ms: [30, 68]\nmetabolites: NAA\nformats: [fsl]\n");
        Path out = dir.resolve("sweep");
        SweepJob.run(SweepJob.plan(grid, out, false, Path.of("spin-systems")), jsc);
        Path prov = out.resolve("press-te30-3t_te-30ms/provenance.json");
        FileTime before = Files.getLastModifiedTime(prov);
        Files.writeString(grid, Files.readString(grid).replace("[30, 68]", "[30, 68, 144]"));
        SweepJob.Plan again = SweepJob.plan(grid, out, true, Path.of("spin-systems"));
        assertEquals(2, again.kept());
        assertEquals(1, again.todo().size());
        assertEquals(1, SweepJob.run(again, jsc).written());
        assertEquals(before, Files.getLastModifiedTime(prov));
        assertTrue(Files.exists(out.resolve("press-te30-3t_te-144ms/provenance.json")));
        String provenance = Files.readString(out.resolve("press-te30-3t_te-144ms/provenance.json"));
        assertTrue(provenance.contains("press-te30-3t_te-144ms"), "the point's name is in its provenance");
    }

    /** Real part of the spectrum (first-order-free, zero-filled FFT) summed over 1.2-1.42 ppm. */
    private static double lactateArea(ReadBasis b) {
        return area(b, "Lac", 1.20, 1.42);
    }

    private static double naaArea(ReadBasis b) {
        return area(b, "NAA", 1.95, 2.07);
    }

    private static double area(ReadBasis b, String name, double lo, double hi) {
        Fid f = b.fid(name);
        int n = f.points();
        double sw = 1 / f.dwellS();
        double mhz = b.spectrometerMHz();
        double sum = 0;
        // direct DFT at the bins inside the window: on disk fid ∝ exp(−i2π(δ − 4.65)·f0·t), so a line at δ is
        // picked up by exp(+i2πνt) at ν = (δ − 4.65)·f0
        for (int k = 0; k < n; k++) {
            double nu = -sw / 2 + k * sw / n;
            double ppm = 4.65 + nu / mhz;
            if (ppm < lo || ppm > hi) {
                continue;
            }
            double re = 0;
            for (int t = 0; t < n; t++) {
                double ph = 2 * Math.PI * nu * t * f.dwellS();
                re += f.re()[t] * Math.cos(ph) - f.im()[t] * Math.sin(ph);
            }
            sum += re;
        }
        return sum;
    }
}
