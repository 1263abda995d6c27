package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change to and from the eigenbasis runs as full-length row combinations (DensityMatrix.transform). It used to
 * run block pair by block pair through EJML's matrix products; this keeps that code and checks that both give the
 * same bits (zeros may differ in sign only: EJML assigns a product's first term where the rows add it to zero), for
 * 1 to 7 coupled spins, both directions, dense, scattered and order-sparse density matrices (the engine computes
 * only the hull of the orders present), and the round trip against the start.
 */
class BasisChangeRowsTest {
    @Test
    void rowsGiveTheBitsOfTheBlockProducts() {
        Random rnd = new Random(5);
        int compared = 0;
        for (int n = 1; n <= 7; n++) {
            SpinSpace space = new SpinSpace(n);
            double[] offsets = new double[n];
            double[][] j = new double[n][n];
            for (int a = 0; a < n; a++) {
                offsets[a] = 2 * Math.PI * 100 * rnd.nextGaussian();
                for (int b = a + 1; b < n; b++) {
                    j[a][b] = j[b][a] = 10 * rnd.nextGaussian();
                }
            }
            Eigenbasis eigen = new Eigenbasis(space, new Cluster(new double[n], offsets, j, 1));
            for (int sparse = 0; sparse < 4; sparse++) {
                DensityMatrix rho = new DensityMatrix(space, eigen);
                int d = space.dim;
                for (int k = 0; k < d * d; k++) {
                    // dense; scattered zeros; orders 1 and 2 only (a hull short of ±n); orders −3 and −1 (a gap)
                    int order = (space.twiceM[k / d] - space.twiceM[k % d]) / 2;
                    boolean keep = switch (sparse) {
                        case 0 -> true;
                        case 1 -> k % 7 == 0;
                        case 2 -> order == 1 || order == 2;
                        default -> order == -3 || order == -1;
                    };
                    rho.re[k] = keep ? rnd.nextGaussian() : 0;
                    rho.im[k] = keep ? rnd.nextGaussian() : 0;
                }
                double[] startRe = rho.re.clone();
                double[] startIm = rho.im.clone();
                for (boolean forward : new boolean[] {true, false}) {
                    double[] er = rho.re.clone();
                    double[] ei = rho.im.clone();
                    blockProducts(space, eigen, er, ei, forward);
                    if (forward) {
                        rho.toEigen();
                    } else {
                        rho.toZeeman();
                    }
                    for (int k = 0; k < d * d; k++) {
                        sameBits(er[k], rho.re[k], n + " spins, forward " + forward + ", re " + k);
                        sameBits(ei[k], rho.im[k], n + " spins, forward " + forward + ", im " + k);
                    }
                    compared++;
                }
                for (int k = 0; k < d * d; k++) {
                    assertEquals(startRe[k], rho.re[k], 1e-12, "round trip re " + k);
                    assertEquals(startIm[k], rho.im[k], 1e-12, "round trip im " + k);
                }
                double moved = 0;
                DensityMatrix once = new DensityMatrix(space, eigen);
                System.arraycopy(startRe, 0, once.re, 0, d * d);
                System.arraycopy(startIm, 0, once.im, 0, d * d);
                once.toEigen();
                for (int k = 0; k < d * d; k++) {
                    moved += Math.abs(once.re[k] - startRe[k]);
                }
                assertTrue(n == 1 || moved > 1e-3 || sparse >= 2 && n < 3,
                        "the eigenbasis differs from the Zeeman basis for coupled spins");
            }
        }
        assertEquals(7 * 4 * 2, compared);
    }

    private static void sameBits(double expected, double actual, String where) {
        if (expected == 0 && actual == 0) {
            return;
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), where);
    }

    /** The EJML block-pair code the engine ran before (commit 128becc). */
    private static void blockProducts(SpinSpace space, Eigenbasis eigen, double[] re, double[] im, boolean forward) {
        int dim = space.dim;
        int nb = space.blocks();
        for (int a = 0; a < nb; a++) {
            int sa = space.blockSize[a];
            int oa = space.blockStart[a];
            for (int b = 0; b < nb; b++) {
                int sb = space.blockSize[b];
                int ob = space.blockStart[b];
                for (double[] part : new double[][] {re, im}) {
                    DMatrixRMaj x = new DMatrixRMaj(sa, sb);
                    boolean any = false;
                    for (int r = 0; r < sa; r++) {
                        System.arraycopy(part, (oa + r) * dim + ob, x.data, r * sb, sb);
                    }
                    for (double v : x.data) {
                        if (v != 0) {
                            any = true;
                            break;
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    DMatrixRMaj tmp = new DMatrixRMaj(sa, sb);
                    DMatrixRMaj out = new DMatrixRMaj(sa, sb);
                    if (forward) {
                        eigen.toEigen(a, b, x, tmp, out);
                    } else {
                        eigen.fromEigen(a, b, x, tmp, out);
                    }
                    for (int r = 0; r < sa; r++) {
                        System.arraycopy(out.data, r * sb, part, (oa + r) * dim + ob, sb);
                    }
                }
            }
        }
    }
}
