package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference window's bins by shifted DFT passes ({@link WindowRows}): each bin against the DFT summed in
 * exact decimal arithmetic from the definition, and the vector passes of 8 and 4 lanes bit for bit against the
 * scalar loop, so that a seed gives the same noise level on any machine.
 */
class WindowRowsTest {
    private static final double DWELL = 2.5e-4;

    /** dwell·Σ_t w_t·Re(x_t·exp(−2πi·kt/n)), the products and the sum exact, the cos and sin as doubles. */
    private static double exactBin(double[] re, double[] im, int k, int n) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int t = 0; t < n; t++) {
            double a = 2 * Math.PI * (((long) k * t) % n) / n;
            BigDecimal term = new BigDecimal(re[t]).multiply(new BigDecimal(Math.cos(a)))
                    .add(new BigDecimal(im[t]).multiply(new BigDecimal(Math.sin(a))));
            sum = sum.add(t == 0 ? term.multiply(new BigDecimal("0.5")) : term);
        }
        return sum.multiply(new BigDecimal(DWELL), MathContext.DECIMAL128).doubleValue();
    }

    private static double magnitude(double[] re, double[] im, int n) {
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += Math.abs(re[t]) + Math.abs(im[t]);
        }
        return s * DWELL;
    }

    // Kills: the sign of B for bins below k0, the shift's conjugate (exp(+2πi·k0·t/n)), the t = 0 weight lost, the
    // middle bin chosen so that a bin falls outside the passes, a wrapped window's offsets taken without the modulus,
    // the tail after the last block of 32 skipped or doubled, the dwell left out.
    @Test
    void eachBinIsTheDftOfTheDefinitionToRounding() {
        SplittableRandom r = new SplittableRandom(11);
        int[][] windows = {{700}, {700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712},
            {0, 1, 2, 3}, {2044, 2045, 2046, 2047, 0, 1, 2}, {1023, 1024, 1025}, {5, 9, 40}};
        for (int n : new int[] {2048, 1503, 100, 37}) {
            for (int[] window : windows) {
                int[] bins = java.util.Arrays.stream(window).map(k -> Math.floorMod(k, n)).distinct().toArray();
                double[] re = new double[n];
                double[] im = new double[n];
                double[] yRe = new double[n];
                double[] yIm = new double[n];
                for (int t = 0; t < n; t++) {
                    re[t] = r.nextGaussian();
                    im[t] = r.nextGaussian();
                }
                double bound = 1e-13 * magnitude(re, im, n);
                double want = Double.NEGATIVE_INFINITY;
                for (int k : bins) {
                    double exact = exactBin(re, im, k, n);
                    // One bin at a time, so that every bin is checked and not only the largest.
                    double one = new WindowRows(n, DWELL, new int[] {k}).maxRealPart(re, im, yRe, yIm, null);
                    assertEquals(exact, one, bound, "n = " + n + ", bin " + k);
                    want = Math.max(want, exact);
                }
                WindowRows rows = new WindowRows(n, DWELL, bins);
                assertEquals(want, rows.maxRealPart(re, im, yRe, yIm, null), bound, "n = " + n + ", "
                        + java.util.Arrays.toString(bins));
                assertEquals(want, rows.maxRealPart(re, im, yRe, yIm, BlockKernel.Simd.KERNEL), bound);
            }
        }
    }

    // Kills: a partial sum combined out of the tree's order, a lane of a 4-lane accumulator written to the wrong
    // partial sum, the re and im chains swapped, a plain multiply and add instead of a fused one (off by a rounding).
    @Test
    void theVectorPassesGiveTheScalarLoopsBits() {
        assertNotNull(BlockKernel.Simd.KERNEL, "the tests run with jdk.incubator.vector (surefire argLine)");
        SplittableRandom r = new SplittableRandom(12);
        int differ = 0;
        for (int n : new int[] {1, 7, 31, 32, 33, 100, 1503, 2048, 2051}) {
            for (int trial = 0; trial < 5; trial++) {
                double[][] v = new double[4][n];
                for (double[] a : v) {
                    for (int t = 0; t < n; t++) {
                        a[t] = r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4));
                    }
                }
                double[] scalar = new double[2];
                double[] eight = new double[2];
                double[] four = new double[2];
                double[] machine = new double[2];
                WindowRows.sums(v[0], v[1], v[2], v[3], n, scalar);
                VectorBlockKernel.pair8(v[0], v[1], v[2], v[3], n, eight);
                VectorBlockKernel.pair4(v[0], v[1], v[2], v[3], n, four);
                BlockKernel.Simd.KERNEL.dftPair(v[0], v[1], v[2], v[3], n, machine);
                for (int q = 0; q < 2; q++) {
                    assertEquals(Double.doubleToRawLongBits(scalar[q]), Double.doubleToRawLongBits(eight[q]), "8");
                    assertEquals(Double.doubleToRawLongBits(scalar[q]), Double.doubleToRawLongBits(four[q]), "4");
                    assertEquals(Double.doubleToRawLongBits(scalar[q]), Double.doubleToRawLongBits(machine[q]));
                }
                // The order is not that of a plain loop: were it, the test would not see a reordering.
                double plain = 0;
                for (int t = 0; t < n; t++) {
                    plain += v[0][t] * v[2][t];
                }
                differ += plain == scalar[0] ? 0 : 1;
            }
        }
        assertTrue(differ > 10, "the blocked sum differs from a plain loop in its last bits: " + differ);
    }

    // Kills: the middle bin not the one of least reach (any bin gives the right sums, with more passes), offsets
    // left in [0, n) instead of (−n/2, n/2] (the same sums from 2n passes).
    @Test
    void aWindowOfBinsTakesOnePassPerPairAboutItsMiddle() {
        int[] contiguous = new int[13];
        for (int b = 0; b < 13; b++) {
            contiguous[b] = 1540 + b;
        }
        assertEquals(7, new WindowRows(2048, DWELL, contiguous).passes());
        assertEquals(4, new WindowRows(2048, DWELL, new int[] {2044, 2045, 2046, 2047, 0, 1, 2}).passes());
        assertEquals(4, new WindowRows(2048, DWELL, new int[] {0, 1, 2, 2047, 2046, 2045, 2044}).passes());
        assertEquals(1, new WindowRows(2048, DWELL, new int[] {5}).passes());
        assertEquals(0, new WindowRows(2048, DWELL, new int[0]).passes());
    }

    @Test
    void anEmptyWindowHasNoHeight() {
        double[] x = new double[64];
        assertEquals(Double.NEGATIVE_INFINITY, new WindowRows(64, DWELL, new int[0]).maxRealPart(x, x, x.clone(),
                x.clone(), BlockKernel.Simd.KERNEL));
    }
}
