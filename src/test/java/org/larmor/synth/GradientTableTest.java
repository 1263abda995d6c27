package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dMRS gradient table reads from YAML or FSL files in acquisition order, with unit directions and located errors. */
class GradientTableTest {
    /** 1 s/mm² in s/m². */
    private static final double S_PER_MM2 = 1e6;
    private static final double[] ZERO = {0, 0, 0};

    @TempDir
    Path dir;

    private static YamlMap block(String body) {
        return YamlReader.read("scenario.yaml", "diffusion:\n" + body).asMap().map("diffusion");
    }

    private GradientTable read(String body) {
        return GradientTable.read(block(body), dir);
    }

    private InputException refused(String body) {
        return assertThrows(InputException.class, () -> read(body));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final String FSL = "  fsl_bvals: dwi.bval\n  fsl_bvecs: dwi.bvec\n";

    // -------------------------------------------------------------------------------------------------- YAML

    @Test
    void bValuesAreInSIAndDefaultToTheZDirection() {
        GradientTable t = read("  b_values_s_per_mm2: [0, 1000, 3000]\n");
        assertEquals(3, t.size());
        assertArrayEquals(new double[] {0, 1e9, 3e9}, t.bSPerM2(), 0.0, "s/mm² × 10⁶ = s/m²");
        assertArrayEquals(ZERO, t.direction(0), 0.0, "b = 0 has no direction");
        assertArrayEquals(new double[] {0, 0, 1}, t.direction(1), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, t.direction(2), 0.0);
        assertEquals(3e9, t.maxBSPerM2(), 0.0);
        assertEquals(3000, t.bSPerMm2(2), 0.0);
        assertTrue(t.source().startsWith("b_values_s_per_mm2 at scenario.yaml:2:"), t.source());
    }

    @Test
    void directionsAreCycledForEachNonzeroBWithBZeroOnce() {
        GradientTable t = read("""
                  b_values_s_per_mm2: [0, 1000, 3000]
                  directions: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
                """);
        assertEquals(7, t.size(), "b = 0 once, then 2 b values × 3 directions");
        double[] b = {0, 1000, 1000, 1000, 3000, 3000, 3000};
        double[][] g = {ZERO, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int i = 0; i < 7; i++) {
            assertEquals(b[i] * S_PER_MM2, t.bSPerM2(i), 0.0, "entry " + i);
            assertArrayEquals(g[i], t.direction(i), 0.0, "entry " + i);
        }
        // A b = 0 written between weighted b values stays where it was acquired.
        GradientTable u = read("  b_values_s_per_mm2: [1000, 0, 2000]\n  directions: [[1, 0, 0], [0, 1, 0]]\n");
        assertArrayEquals(new double[] {1e9, 1e9, 0, 2e9, 2e9}, u.bSPerM2(), 0.0);
    }

    @Test
    void directionsPerBArePairedInOrder() {
        GradientTable t = read("""
                  b_values_s_per_mm2: [0, 1000, 1000]
                  directions_per_b: [[0, 0, 0], [1, 0, 0], [0, 1, 0]]
                """);
        assertEquals(3, t.size());
        assertArrayEquals(new double[] {0, 1e9, 1e9}, t.bSPerM2(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0}, t.direction(1), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, t.direction(2), 0.0);
        InputException e = refused("  b_values_s_per_mm2: [0, 1000, 1000]\n  directions_per_b: [[1, 0, 0]]\n");
        assertEquals("diffusion.directions_per_b", e.field());
        assertTrue(e.getMessage().startsWith("scenario.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one direction per b value (3 b values"), e.getMessage());
    }

    @Test
    void directionsNearUnitLengthAreNormalisedAndOthersRefused() {
        GradientTable t = read("  b_values_s_per_mm2: [1000]\n  directions: [[0.6, 0.8, 0.005], [1.009, 0, 0]]\n");
        double n = Math.sqrt(0.36 + 0.64 + 0.005 * 0.005);
        assertArrayEquals(new double[] {0.6 / n, 0.8 / n, 0.005 / n}, t.direction(0), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, t.direction(1), 1e-15);
        InputException e = refused("  b_values_s_per_mm2: [1000]\n  directions: [[1, 1, 0]]\n");
        assertEquals("diffusion.directions[0]", e.field());
        assertTrue(e.getMessage().startsWith("scenario.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("the direction [1, 1, 0] has length 1.41421; expected a unit vector"),
                e.getMessage());
        e = refused("  b_values_s_per_mm2: [1000]\n  directions: [[0, 0, 1], [0, 0, 0]]\n");
        assertEquals("diffusion.directions[1]", e.field());
        assertTrue(e.getMessage().contains("zero-length direction [0, 0, 0]"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 500]\n  directions_per_b: [[0, 0, 0], [0, 0, 0]]\n");
        assertTrue(e.getMessage().contains("zero-length direction [0, 0, 0] for b = 500 s/mm²"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 500]\n  directions_per_b: [[0, 0.5, 0], [0, 0, 1]]\n");
        assertTrue(e.getMessage().contains("of a b = 0 entry has length 0.5"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [1000]\n  directions: [[1, 0]]\n");
        assertTrue(e.getMessage().contains("expected a list of 3 values, got 2"), e.getMessage());
    }

    @Test
    void malformedYamlTablesAreLocatedErrors() {
        InputException e = refused("  b_values_s_per_mm2: []\n");
        assertEquals("diffusion.b_values_s_per_mm2", e.field());
        assertTrue(e.getMessage().contains("empty gradient table"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 1000]\n  direction: [[1, 0, 0]]\n");
        assertEquals("diffusion.direction", e.field());
        assertTrue(e.getMessage().startsWith("scenario.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key (did you mean 'directions'?)"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 1000]\n" + FSL);
        assertEquals("diffusion.fsl_bvals", e.field());
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 1000]\n  directions: [[1, 0, 0]]\n  directions_per_b: [[0, 0, 0],"
                + " [1, 0, 0]]\n");
        assertTrue(e.getMessage().contains("give either directions"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, -5]\n");
        assertEquals("diffusion.b_values_s_per_mm2[1]", e.field());
        assertTrue(e.getMessage().contains("expected a value from 0 to 100000 s/mm², got -5"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 200000]\n");
        assertTrue(e.getMessage().contains("got 200000"), e.getMessage());
        e = refused("  b_values_s_per_mm2: [0, 1000]\n  directions: []\n");
        assertTrue(e.getMessage().contains("no directions"), e.getMessage());
        e = assertThrows(InputException.class, () -> GradientTable.read(
                YamlReader.read("scenario.yaml", "diffusion: {}\n").asMap().map("diffusion"), dir));
        assertTrue(e.getMessage().contains("missing the gradient table"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ FSL files

    @Test
    void fslFilesAreReadAgainstTheBaseFolderAndNormalised() throws IOException {
        write("dwi.bval", "0 1000 1000 3000\n");
        write("dwi.bvec", "0 1 0 0.7071\n0 0 1 0.7071\n0 0 0 0\n");
        GradientTable t = read(FSL);
        assertEquals(4, t.size());
        assertArrayEquals(new double[] {0, 1e9, 1e9, 3e9}, t.bSPerM2(), 0.0);
        assertArrayEquals(ZERO, t.direction(0), 0.0);
        assertArrayEquals(new double[] {1, 0, 0}, t.direction(1), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, t.direction(2), 0.0);
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {r, r, 0}, t.direction(3), 1e-15, "0.7071 (|v| = 0.99999) normalised");
        assertEquals(1, norm(t.direction(3)), 1e-15);
        assertTrue(t.source().contains(dir.resolve("dwi.bval").toString()), t.source());
        // Tabs, Windows line ends, blank lines and a missing final newline are all whitespace.
        write("dwi.bval", "\r\n0\t1000\r\n\r\n");
        write("dwi.bvec", "1 0\r\n0 1\r\n0 0");
        GradientTable w = read(FSL);
        assertArrayEquals(new double[] {0, 1e9}, w.bSPerM2(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, w.direction(1), 0.0);
    }

    @Test
    void fslLengthMismatchNamesTheFileAndLine() throws IOException {
        write("dwi.bval", "0 1000 1000\n");
        write("dwi.bvec", "0 1 0\n0 0 1\n0 0\n");
        InputException e = refused(FSL);
        String bvec = dir.resolve("dwi.bvec").toString();
        assertTrue(e.getMessage().startsWith(bvec + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("row 3 (z) has 2 values, but " + dir.resolve("dwi.bval") + " has 3 b"
                + " values"), e.getMessage());
        write("dwi.bvec", "0 1 0 0\n0 0 1 0\n0 0 0 1\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bvec + ":1:"), e.getMessage());
        assertTrue(e.getMessage().contains("row 1 (x) has 4 values"), e.getMessage());
        write("dwi.bvec", "0 1 0\n0 0 1\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bvec + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("only 2 rows: expected 3 rows (x, y, z) of 3 numbers"), e.getMessage());
        // One direction per line (N × 3) is FSL's bvecs transposed.
        write("dwi.bval", "0 1000 1000 1000\n");
        write("dwi.bvec", "0 0 0\n1 0 0\n0 1 0\n0 0 1\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bvec + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("transpose it"), e.getMessage());
    }

    @Test
    void fslValuesAreCheckedWithTheirFileLineAndColumn() throws IOException {
        String bval = dir.resolve("dwi.bval").toString();
        String bvec = dir.resolve("dwi.bvec").toString();
        write("dwi.bvec", "0 1 0\n0 0 1\n0 0 0\n");
        write("dwi.bval", "0 1000, 1000\n");
        InputException e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bval + ":1:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a number (numbers separated by spaces), got \"1000,\""),
                e.getMessage());
        write("dwi.bval", "0 1000 NaN\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bval + ":1:8:") && e.getMessage().contains("\"NaN\""), e.getMessage());
        write("dwi.bval", "0 1000 -1000\n");
        e = refused(FSL);
        assertTrue(e.getMessage().contains("expected a b value from 0 to 100000 s/mm², got -1000"), e.getMessage());
        write("dwi.bval", "0\n1000\n1000\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bval + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("FSL writes the b values on one line"), e.getMessage());
        write("dwi.bval", "0 1000 1000\n");
        write("dwi.bvec", "0 1 0\n0 0.5 1\n0 0 0\n");
        e = refused(FSL);
        assertTrue(e.getMessage().startsWith(bvec + ":1:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("direction 2 (column 2)") && e.getMessage().contains("has length 1.11803"),
                e.getMessage());
        write("dwi.bvec", "0 0 0\n0 0 1\n0 0 0\n");
        e = refused(FSL);
        assertTrue(e.getMessage().contains("zero-length direction [0, 0, 0] for b = 1000 s/mm²"), e.getMessage());
        write("dwi.bval", "   \n");
        e = refused(FSL);
        assertEquals(bval + ": empty: expected one row of b values in s/mm² (FSL bvals)", e.getMessage());
    }

    @Test
    void fslFilesMustBothBeGivenExistAndBeText() throws IOException {
        InputException e = refused("  fsl_bvals: dwi.bval\n");
        assertEquals("diffusion.fsl_bvecs", e.field());
        assertTrue(e.getMessage().contains("fsl_bvals needs fsl_bvecs"), e.getMessage());
        e = refused(FSL);
        assertEquals("diffusion.fsl_bvals", e.field());
        assertTrue(e.getMessage().startsWith("scenario.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("file not found: " + dir.resolve("dwi.bval")), e.getMessage());
        write("dwi.bval", "0 1000\n");
        write("dwi.bvec", "0 1\n0 0\n0 0\n");
        e = refused(FSL + "  directions: [[1, 0, 0]]\n");
        assertTrue(e.getMessage().contains("the directions come from fsl_bvecs"), e.getMessage());
        Files.write(dir.resolve("dwi.bval"), "0 1000\n".getBytes(StandardCharsets.UTF_16LE));
        e = refused(FSL);
        assertTrue(e.getMessage().contains("not UTF-8 text (it looks like UTF-16)"), e.getMessage());
        // An absolute path is used as written.
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(other.resolve("b.txt"), "0 2000\n");
        GradientTable t = GradientTable.read(block("  fsl_bvals: " + other.resolve("b.txt") + "\n  fsl_bvecs: "
                + "dwi.bvec\n"), dir);
        assertEquals(2e9, t.maxBSPerM2(), 0.0);
    }

    // ---------------------------------------------------------------------------------------------- the record

    @Test
    void aTableIsImmutableAndChecksItsArrays() {
        double[] b = {0, 1e9};
        double[][] g = {{0, 0, 0}, {0, 0, 1}};
        GradientTable t = new GradientTable(b, g, "test");
        b[1] = 5;
        g[1][2] = 7;
        assertEquals(1e9, t.bSPerM2(1), 0.0, "copied in");
        t.bSPerM2()[1] = 5;
        t.directions()[1][2] = 7;
        assertArrayEquals(new double[] {0, 0, 1}, t.direction(1), 0.0, "copied out");
        assertNotSame(t.directions(), t.directions());
        assertEquals(t, new GradientTable(new double[] {0, 1e9}, new double[][] {{0, 0, 0}, {0, 0, 1}}, "test"));
        assertThrows(IllegalArgumentException.class, () -> new GradientTable(new double[0], new double[0][], "x"));
        assertThrows(IllegalArgumentException.class, () -> new GradientTable(new double[] {1e9},
                new double[][] {{0, 0, 2}}, "x"));
        assertThrows(IllegalArgumentException.class, () -> new GradientTable(new double[] {-1},
                new double[][] {{0, 0, 1}}, "x"));
        assertThrows(IllegalArgumentException.class, () -> new GradientTable(new double[] {0, 1e9},
                new double[][] {{0, 0, 1}}, "x"));
        // A b = 0 entry given a unit direction keeps none.
        assertArrayEquals(ZERO, new GradientTable(new double[] {0}, new double[][] {{1, 0, 0}}, "x").direction(0),
                0.0);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
