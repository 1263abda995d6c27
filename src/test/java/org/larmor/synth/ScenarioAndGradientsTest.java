package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unit scaling of every kind of distribution (ms to s and the like), and a gradient table's identity, description,
 * number format and the exact location of its FSL-file refusals.
 */
class ScenarioAndGradientsTest {
    @TempDir
    Path dir;

    @Test
    void scalingMultipliesEveryValueButNotALogNormalsSigma() {
        assertEquals(new Distribution.Fixed(10), ScenarioReader.scaled(new Distribution.Fixed(2.5), 4));
        assertEquals(new Distribution.Uniform(4, 12), ScenarioReader.scaled(new Distribution.Uniform(1, 3), 4));
        assertEquals(new Distribution.Normal(8, 2, -40, 40),
                ScenarioReader.scaled(new Distribution.Normal(2, 0.5, -10, 10), 4));
        assertEquals(new Distribution.TruncatedNormal(8, 2, 4, 12),
                ScenarioReader.scaled(new Distribution.TruncatedNormal(2, 0.5, 1, 3), 4));
        assertEquals(new Distribution.LogNormal(32, 0.25, 4, 400),
                ScenarioReader.scaled(new Distribution.LogNormal(8, 0.25, 1, 100), 4));
    }

    private static GradientTable table(double bMm2, double[] g, String source) {
        return new GradientTable(new double[] {0, bMm2 * 1e6}, new double[][] {{0, 0, 0}, g}, source);
    }

    @Test
    void tablesAreEqualByValueAndDescribeThemselves() {
        GradientTable t = table(1000, new double[] {1, 0, 0}, "dwi.bval");
        GradientTable same = table(1000, new double[] {1, 0, 0}, "dwi.bval");
        assertEquals(t, same);
        assertEquals(t.hashCode(), same.hashCode());
        assertNotEquals(t, table(2000, new double[] {1, 0, 0}, "dwi.bval"));
        assertNotEquals(t, table(1000, new double[] {0, 1, 0}, "dwi.bval"));
        assertNotEquals(t, table(1000, new double[] {1, 0, 0}, "other.bval"));
        assertNotEquals(t.hashCode(), table(2000, new double[] {1, 0, 0}, "dwi.bval").hashCode());
        assertNotEquals(t, "dwi.bval");
        assertEquals("GradientTable[2 entries, b up to 1000 s/mm², from dwi.bval]", t.toString());
        assertEquals("GradientTable[2 entries, b up to 1250.5 s/mm², from y]",
                table(1250.5, new double[] {0, 0, 1}, "y").toString());
    }

    @Test
    void numbersAreWholeOrSixSignificantDigits() {
        assertEquals("7", GradientTable.format(7));
        assertEquals("-3", GradientTable.format(-3));
        assertEquals("2.5", GradientTable.format(2.5));
        assertEquals("0.333333", GradientTable.format(1 / 3.0));
        assertEquals("1234570", GradientTable.format(1234567.25));
        assertEquals("1234567", GradientTable.format(1234567));
        assertEquals("1234570000000000", GradientTable.format(1234567890123456.0));
        assertEquals("NaN", GradientTable.format(Double.NaN));
        assertEquals("Infinity", GradientTable.format(Double.POSITIVE_INFINITY));
    }

    private GradientTable fsl(String bvals, String bvecs) throws IOException {
        Files.writeString(dir.resolve("dwi.bval"), bvals);
        Files.writeString(dir.resolve("dwi.bvec"), bvecs);
        return GradientTable.read(YamlReader.read("scenario.yaml",
                "diffusion:\n  fsl_bvals: dwi.bval\n  fsl_bvecs: dwi.bvec\n").asMap().map("diffusion"), dir);
    }

    private String fslError(String bvals, String bvecs) {
        return assertThrows(InputException.class, () -> fsl(bvals, bvecs)).getMessage();
    }

    @Test
    void fslBValuesFromZeroToTheMaximumAreAccepted() throws IOException {
        GradientTable t = fsl("0 100000\n", "0 1\n0 0\n0 0\n");
        assertEquals(0, t.bSPerMm2(0));
        assertEquals(100_000, t.bSPerMm2(1));
        assertArrayEquals(new double[] {1, 0, 0}, t.direction(1));
        String m = fslError("0 100001\n", "0 1\n0 0\n0 0\n");
        assertEquals(dir.resolve("dwi.bval") + ":1:3: expected a b value from 0 to 100000 s/mm², got 100001", m);
    }

    @Test
    void fslBvecsRefusalsAreLocated() {
        String bvec = dir.resolve("dwi.bvec").toString();
        assertEquals(bvec + ":2:1: only 2 rows: expected 3 rows (x, y, z) of 2 numbers (FSL bvecs)",
                fslError("0 1000\n", "0 1\n0 0\n"));
        assertEquals(bvec + ":1:1: only 1 row: expected 3 rows (x, y, z) of 2 numbers (FSL bvecs)",
                fslError("0 1000\n", "0 1\n"));
        assertEquals(bvec + ":4:1: expected 3 rows (x, y, z) of 4 numbers (FSL bvecs), found a fourth row; this"
                + " looks like one row per direction: FSL writes bvecs as 3 rows of N numbers, so transpose it",
                fslError("0 1000 1000 1000\n", "0 0 0\n1 0 0\n0 1 0\n0 0 1\n"));
        assertEquals(bvec + ":4:1: expected 3 rows (x, y, z) of 2 numbers (FSL bvecs), found a fourth row",
                fslError("0 1000\n", "0 1\n0 0\n0 0\n0 0 0\n"));
        // A short row is located at its last value (here indented to column 3).
        assertEquals(bvec + ":2:3: row 2 (y) has 1 values, but " + dir.resolve("dwi.bval") + " has 2 b values:"
                + " expected one direction per b value", fslError("0 1000\n", "0 1\n  0\n0 0\n"));
    }
}
