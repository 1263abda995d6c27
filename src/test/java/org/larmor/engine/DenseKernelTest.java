package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD and plain kernels of shaped-pulse propagation: the same bits, on strips and on whole propagators, and
 * the SIMD kernel is the one the build runs (surefire passes --add-modules jdk.incubator.vector, as the launcher
 * does). The physics of the propagator is tested in ShapedPulseTest against exact per-sample exponentials.
 */
class DenseKernelTest {
    private static DenseKernel simd() {
        DenseKernel k = DenseKernel.Simd.KERNEL;
        assertNotNull(k, "the tests run with --add-modules jdk.incubator.vector (pom.xml surefire argLine)");
        return k;
    }

    @Test
    void theSimdKernelIsTakenWhenTheSpaceIsAVectorWide() {
        DenseKernel simd = simd();
        int w = simd.width(1 << 10);
        assertTrue(w >= 2 && Integer.bitCount(w) == 1, "width " + w);
        assertSame(simd, DenseKernel.forDimension(w));
        assertSame(ScalarKernel.INSTANCE, DenseKernel.forDimension(w / 2));
        assertEquals(2, ScalarKernel.INSTANCE.width(2));
        assertEquals(16, ScalarKernel.INSTANCE.width(128));
    }

    /** One rotation and one coupling step on random strips: the same bits from both kernels. */
    @Test
    void stripOperationsAgreeToTheBit() {
        DenseKernel simd = simd();
        Random rnd = new Random(7);
        for (int n = 3; n <= 7; n++) {
            SpinSpace space = new SpinSpace(n);
            int d = space.dim;
            int w = simd.width(d);
            if (w > d) {
                continue;
            }
            double[] xr = random(rnd, d * w);
            double[] xi = random(rnd, d * w);
            double[] rot = random(rnd, 8 * n);
            double[][] blocks = randomBlocks(rnd, space);
            double[] before = xr.clone();
            double[] yr = xr.clone();
            double[] yi = xi.clone();
            for (int spin = 0; spin < n; spin++) {
                simd.rotateSpin(space, spin, rot, 8 * spin, xr, xi, w);
                ScalarKernel.INSTANCE.rotateSpin(space, spin, rot, 8 * spin, yr, yi, w);
            }
            simd.blockDiagonal(space, blocks, xr, xi, w, new double[d * w], new double[d * w]);
            ScalarKernel.INSTANCE.blockDiagonal(space, blocks, yr, yi, w, new double[d * w], new double[d * w]);
            assertArrayEquals(yr, xr, 0.0, "re, " + n + " spins");
            assertArrayEquals(yi, xi, 0.0, "im, " + n + " spins");
            // and the operations did something: a strip that came back unchanged would pass the comparison too
            assertTrue(!java.util.Arrays.equals(before, xr), "the strip changed");
        }
    }

    /**
     * All spins' rotations at once (the SIMD kernel takes spins two by two, four rows in registers) against one spin
     * after another on the plain loops, for odd and even spin counts: the same bits.
     */
    @Test
    void spinsRotatedInPairsAgreeToTheBitWithOneSpinAfterAnother() {
        DenseKernel simd = simd();
        Random rnd = new Random(17);
        for (int n = 1; n <= 8; n++) {
            SpinSpace space = new SpinSpace(n);
            int d = space.dim;
            int w = simd.width(d);
            double[] xr = random(rnd, d * w);
            double[] xi = random(rnd, d * w);
            double[] rot = random(rnd, 8 * n + 3);
            double[] yr = xr.clone();
            double[] yi = xi.clone();
            simd.rotateSpins(space, rot, 3, xr, xi, w);
            for (int spin = 0; spin < n; spin++) {
                ScalarKernel.INSTANCE.rotateSpin(space, spin, rot, 3 + 8 * spin, yr, yi, w);
            }
            assertArrayEquals(yr, xr, 0.0, "re, " + n + " spins");
            assertArrayEquals(yi, xi, 0.0, "im, " + n + " spins");
        }
    }

    /** The quadruples of a spin pair cover every state once, each differing from the first in the pair's spins. */
    @Test
    void spinPairQuadruplesCoverEveryStateOnce() {
        for (int n = 2; n <= 7; n++) {
            SpinSpace space = new SpinSpace(n);
            for (int p = 0; p < n / 2; p++) {
                int[] q = space.spinPairQuads[p];
                boolean[] seen = new boolean[space.dim];
                for (int k = 0; k < q.length; k += 4) {
                    int s = space.stateAt[q[k]];
                    int a = 1 << (2 * p);
                    int b = a << 1;
                    assertEquals(s | a, space.stateAt[q[k + 1]]);
                    assertEquals(s | b, space.stateAt[q[k + 2]]);
                    assertEquals(s | a | b, space.stateAt[q[k + 3]]);
                    for (int j = 0; j < 4; j++) {
                        assertTrue(!seen[q[k + j]], "state listed twice");
                        seen[q[k + j]] = true;
                    }
                }
                assertEquals(space.dim, q.length);
            }
        }
    }

    /** Row updates of every length around the vector width, at odd offsets: the same bits from both kernels. */
    @Test
    void rowUpdatesAgreeToTheBit() {
        DenseKernel simd = simd();
        Random rnd = new Random(11);
        for (int len = 0; len <= 3 * simd.width(1 << 10) + 1; len++) {
            double[] xr = random(rnd, len + 5);
            double[] xi = random(rnd, len + 5);
            double[] yr = random(rnd, len + 3);
            double[] yi = random(rnd, len + 3);
            double[] zr = yr.clone();
            double[] zi = yi.clone();
            double[] y0r = yr.clone();
            double[] y0i = yi.clone();
            double cr = rnd.nextGaussian();
            double ci = rnd.nextGaussian();
            simd.axpy(cr, ci, xr, xi, 5 - 2, yr, yi, 3 - 1, len);
            ScalarKernel.INSTANCE.axpy(cr, ci, xr, xi, 5 - 2, zr, zi, 3 - 1, len);
            assertArrayEquals(zr, yr, 0.0, "re, length " + len);
            assertArrayEquals(zi, yi, 0.0, "im, length " + len);
            for (int j = 0; j < yr.length; j++) {
                // by hand: y[2 + j] += c·x[3 + j] inside the range, untouched outside it
                boolean inside = j >= 2 && j < 2 + len;
                double er = inside ? y0r[j] + (cr * xr[j + 1] - ci * xi[j + 1]) : y0r[j];
                double ei = inside ? y0i[j] + (cr * xi[j + 1] + ci * xr[j + 1]) : y0i[j];
                assertEquals(er, yr[j], 0.0, "re by hand, length " + len + ", element " + j);
                assertEquals(ei, yi[j], 0.0, "im by hand, length " + len + ", element " + j);
            }
        }
    }

    /**
     * Row combinations of every length around four vectors, with and without conjugation, at odd offsets and row
     * strides: the same bits from both kernels, and the same bits as row updates onto a zeroed y.
     */
    @Test
    void rowCombinationsAgreeToTheBit() {
        DenseKernel simd = simd();
        Random rnd = new Random(13);
        int w = simd.width(1 << 10);
        for (int len = 0; len <= 4 * w + 3; len++) {
            for (int rows : new int[] {1, 3, 20}) {
                for (int cs : new int[] {1, 3}) {
                for (double sign : new double[] {1, -1}) {
                    int xs = len + 2;
                    double[] xr = random(rnd, 1 + rows * xs);
                    double[] xi = random(rnd, 1 + rows * xs);
                    double[] cr = random(rnd, rows * cs + 2);
                    double[] ci = random(rnd, rows * cs + 2);
                    double[] yr = random(rnd, len + 4);
                    double[] yi = random(rnd, len + 4);
                    double[] zr = yr.clone();
                    double[] zi = yi.clone();
                    double[] ar = yr.clone();
                    double[] ai = yi.clone();
                    simd.combine(cr, ci, 2, cs, sign, rows, xr, xi, 1, xs, yr, yi, 3, len);
                    ScalarKernel.INSTANCE.combine(cr, ci, 2, cs, sign, rows, xr, xi, 1, xs, zr, zi, 3, len);
                    java.util.Arrays.fill(ar, 3, 3 + len, 0);
                    java.util.Arrays.fill(ai, 3, 3 + len, 0);
                    for (int k = 0; k < rows; k++) {
                        simd.axpy(cr[2 + k * cs], sign * ci[2 + k * cs], xr, xi, 1 + k * xs, ar, ai, 3, len);
                    }
                    String at = "length " + len + ", " + rows + " rows, stride " + cs + ", sign " + sign;
                    assertArrayEquals(zr, yr, 0.0, "re, " + at);
                    assertArrayEquals(zi, yi, 0.0, "im, " + at);
                    assertArrayEquals(ar, yr, 0.0, "re against row updates, " + at);
                    assertArrayEquals(ai, yi, 0.0, "im against row updates, " + at);
                    if (len > 0) {
                        // by hand, the last element: Σ_k c_k·x_k in k order from zero
                        double er = 0;
                        double ei = 0;
                        for (int k = 0; k < rows; k++) {
                            double c = cr[2 + k * cs];
                            double s = sign * ci[2 + k * cs];
                            int x = 1 + k * xs + len - 1;
                            er += c * xr[x] - s * xi[x];
                            ei += c * xi[x] + s * xr[x];
                        }
                        assertEquals(er, yr[3 + len - 1], 0.0, "re by hand, " + at);
                        assertEquals(ei, yi[3 + len - 1], 0.0, "im by hand, " + at);
                    }
                }
                }
            }
        }
    }

    /** A whole 400-sample propagator of a strongly coupled six-spin cluster, both kernels: equal to the bit. */
    @Test
    void propagatorsAgreeToTheBit() {
        DenseKernel simd = simd();
        for (int n : new int[] {3, 6}) {
            Cluster c = chain(n);
            SpinSpace space = new SpinSpace(n);
            ShapedPulsePropagator sp = new ShapedPulsePropagator(space, c);
            Event.ShapedPulse p = sinc(400, 5.2e-3, 1000);
            double carrier = 2 * Math.PI * 37.0;
            double[][] a = sp.propagator(p, c.offsetRadPerS(), carrier, 0.93, simd);
            double[][] b = sp.propagator(p, c.offsetRadPerS(), carrier, 0.93, ScalarKernel.INSTANCE);
            assertArrayEquals(b[0], a[0], 0.0, n + " spins, re");
            assertArrayEquals(b[1], a[1], 0.0, n + " spins, im");
            // U is unitary: the comparison is of a real propagator, not of two empty ones
            double norm = 0;
            for (int k = 0; k < space.dim; k++) {
                norm += a[0][k] * a[0][k] + a[1][k] * a[1][k];
            }
            assertEquals(1.0, norm, 1e-9, "first row of U has unit norm");
        }
    }

    static Cluster chain(int n) {
        double[] shift = new double[n];
        double[] offset = new double[n];
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            shift[i] = 3.0 + 0.05 * i;
            offset[i] = -2 * Math.PI * (shift[i] - 3.0) * 123.2;
        }
        for (int i = 0; i + 1 < n; i++) {
            j[i][i + 1] = 9.4 - i;
            j[i + 1][i] = 9.4 - i;
        }
        j[0][n - 1] = -12.1;
        j[n - 1][0] = -12.1;
        return new Cluster(shift, offset, j, 1.0);
    }

    static Event.ShapedPulse sinc(int samples, double durationS, double peakHz) {
        double[] b1 = new double[samples];
        double[] phase = new double[samples];
        double[] dt = new double[samples];
        for (int k = 0; k < samples; k++) {
            double x = (k + 0.5 - samples / 2.0) / (samples / 2.0) * 3 * Math.PI;
            double v = peakHz * Math.sin(x) / x;
            b1[k] = Math.abs(v);
            phase[k] = v < 0 ? Math.PI : 0.3;
            dt[k] = durationS / samples;
        }
        return new Event.ShapedPulse("sinc", b1, phase, dt, 3.0, -1, 0);
    }

    private static double[] random(Random rnd, int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = rnd.nextGaussian();
        }
        return out;
    }

    /** Random blocks as the coupling step stores them: re and im of each. */
    private static double[][] randomBlocks(Random rnd, SpinSpace space) {
        double[][] blocks = new double[2 * space.blocks()][];
        for (int k = 0; k < space.blocks(); k++) {
            int n = space.blockSize[k] * space.blockSize[k];
            blocks[2 * k] = random(rnd, n);
            blocks[2 * k + 1] = random(rnd, n);
        }
        return blocks;
    }

    /**
     * The block-diagonal step (four sums of fused multiply-adds per element) against the complex product written out
     * in plain arithmetic, element by element, in both kernels, for 1 to 7 spins: equal within the error bound of
     * two sums of 2·size products, 2·(size + 4)·u·Σ(|c_r| + |c_i|)·(|y_r| + |y_i|) with u = 2⁻⁵³ (Higham NJ.
     * Accuracy and Stability of Numerical Algorithms, 2nd ed. SIAM 2002, §3.1); a wrong index or sign is an error
     * of order 1.
     */
    @Test
    void blockDiagonalIsTheComplexBlockProduct() {
        Random rnd = new Random(11);
        for (DenseKernel kernel : new DenseKernel[] {simd(), ScalarKernel.INSTANCE}) {
            for (int n = 1; n <= 7; n++) {
                SpinSpace space = new SpinSpace(n);
                int d = space.dim;
                int w = kernel.width(d);
                if (w > d) {
                    continue;
                }
                double[] xr = random(rnd, d * w);
                double[] xi = random(rnd, d * w);
                double[][] blocks = randomBlocks(rnd, space);
                double[] er = new double[d * w];
                double[] ei = new double[d * w];
                double[] bound = new double[d * w];
                for (int k = 0; k < space.blocks(); k++) {
                    int size = space.blockSize[k];
                    int start = space.blockStart[k];
                    for (int a = 0; a < size; a++) {
                        for (int j = 0; j < w; j++) {
                            double re = 0;
                            double im = 0;
                            double abs = 0;
                            for (int b = 0; b < size; b++) {
                                double cr = blocks[2 * k][a * size + b];
                                double ci = blocks[2 * k + 1][a * size + b];
                                double yr = xr[(start + b) * w + j];
                                double yi = xi[(start + b) * w + j];
                                re += cr * yr - ci * yi;
                                im += cr * yi + ci * yr;
                                abs += (Math.abs(cr) + Math.abs(ci)) * (Math.abs(yr) + Math.abs(yi));
                            }
                            er[(start + a) * w + j] = re;
                            ei[(start + a) * w + j] = im;
                            bound[(start + a) * w + j] = 2 * (size + 4) * 0x1p-53 * abs;
                        }
                    }
                }
                kernel.blockDiagonal(space, blocks, xr, xi, w, new double[d * w], new double[d * w]);
                for (int e = 0; e < d * w; e++) {
                    assertEquals(er[e], xr[e], bound[e], kernel + ", re, " + n + " spins, element " + e);
                    assertEquals(ei[e], xi[e], bound[e], kernel + ", im, " + n + " spins, element " + e);
                }
            }
        }
    }
}
