package org.larmor.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crusher-pair products run as full-length row updates ({@link DensityMatrix#applyBetweenCrushers}); until
 * they did, they ran as row updates over one M block at a time. Both are the same sums of the same products in the
 * same order, so the results must agree to the bit, which this checks against the block-row code kept here, for 1
 * to 7 spins, dense and order-sparse density matrices, dense and block-sparse unitaries, and both kernels.
 */
class CrusherPairRowsTest {
    @Test
    void fullRowsGiveTheBitsOfBlockRows() {
        Random rnd = new Random(11);
        int checked = 0;
        for (int n = 1; n <= 7; n++) {
            SpinSpace space = new SpinSpace(n);
            Eigenbasis eigen = new Eigenbasis(space, new Cluster(new double[n], new double[n], new double[n][n], 1));
            for (int variant = 0; variant < 4; variant++) {
                DensityMatrix rho = randomHermitian(space, eigen, rnd);
                if ((variant & 1) == 1) {
                    // Only orders −1, 0 and +2 present, as after filters: whole orders are then absent.
                    DensityMatrix kept = rho.emptyLike();
                    for (int order : n >= 2 ? new int[] {-1, 0, 2} : new int[] {-1, 0}) {
                        DensityMatrix part = rho.copy();
                        part.selectCoherence(order);
                        kept.addScaled(part, 1);
                    }
                    rho = kept;
                }
                double[][] u = (variant & 2) == 0 ? CrusherPairKernelTest.randomUnitary(space.dim, rnd)
                        : blockDiagonalUnitary(space, rnd);
                for (DenseKernel kernel : kernels()) {
                    DensityMatrix expected = rho.copy();
                    blockRowReference(expected, u, kernel);
                    DensityMatrix actual = rho.copy();
                    actual.applyBetweenCrushers(u);
                    double size = 0;
                    for (int k = 0; k < expected.re.length; k++) {
                        assertEquals(Double.doubleToRawLongBits(expected.re[k]), Double.doubleToRawLongBits(actual.re[k]),
                                n + " spins, variant " + variant + ", re " + k);
                        assertEquals(Double.doubleToRawLongBits(expected.im[k]), Double.doubleToRawLongBits(actual.im[k]),
                                n + " spins, variant " + variant + ", im " + k);
                        size += Math.abs(actual.re[k]) + Math.abs(actual.im[k]);
                    }
                    assertTrue(size > 0.1, "a non-trivial result");
                    checked++;
                }
            }
        }
        assertEquals(7 * 4 * kernels().length, checked);
    }

    /** ρ → U·ρ·U† as row combinations: the bits of the row updates it replaced (zeros up to sign), U† given or not. */
    @Test
    void unitaryAsRowCombinationsGivesTheBitsOfRowUpdates() {
        Random rnd = new Random(17);
        for (int n = 1; n <= 7; n++) {
            SpinSpace space = new SpinSpace(n);
            Eigenbasis eigen = new Eigenbasis(space, new Cluster(new double[n], new double[n], new double[n][n], 1));
            int d = space.dim;
            DensityMatrix rho = randomHermitian(space, eigen, rnd);
            double[][] u = CrusherPairKernelTest.randomUnitary(d, rnd);
            double[] tr = new double[d * d];
            double[] ti = new double[d * d];
            DensityMatrix.transpose(u[0], u[1], tr, ti, d);
            double[][] withTranspose = {u[0], u[1], tr, ti};
            DensityMatrix expected = rho.copy();
            rowUpdateUnitary(expected, u);
            for (double[][] given : new double[][][] {u, withTranspose}) {
                DensityMatrix actual = rho.copy();
                actual.applyUnitary(given);
                for (int k = 0; k < d * d; k++) {
                    if (expected.re[k] != 0 || actual.re[k] != 0) {
                        assertEquals(Double.doubleToRawLongBits(expected.re[k]),
                                Double.doubleToRawLongBits(actual.re[k]), n + " spins, re " + k);
                    }
                    if (expected.im[k] != 0 || actual.im[k] != 0) {
                        assertEquals(Double.doubleToRawLongBits(expected.im[k]),
                                Double.doubleToRawLongBits(actual.im[k]), n + " spins, im " + k);
                    }
                }
            }
        }
    }

    /** The row-update U·ρ·U† the engine ran before (commit 128becc). */
    private static void rowUpdateUnitary(DensityMatrix rho, double[][] u) {
        int dim = rho.dim;
        double[] ur = u[0];
        double[] ui = u[1];
        DenseKernel kernel = DenseKernel.best();
        double[] tr = new double[dim * dim];
        double[] ti = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int k = 0; k < dim; k++) {
                double xr = ur[a * dim + k];
                double xi = ui[a * dim + k];
                if (xr == 0 && xi == 0) {
                    continue;
                }
                kernel.axpy(xr, xi, rho.re, rho.im, k * dim, tr, ti, a * dim, dim);
            }
        }
        double[][] uh = conjugateTranspose(u, dim);
        java.util.Arrays.fill(rho.re, 0);
        java.util.Arrays.fill(rho.im, 0);
        for (int a = 0; a < dim; a++) {
            int ra = a * dim;
            for (int k = 0; k < dim; k++) {
                kernel.axpy(tr[ra + k], ti[ra + k], uh[0], uh[1], k * dim, rho.re, rho.im, ra, dim);
            }
        }
    }

    private static DenseKernel[] kernels() {
        DenseKernel best = DenseKernel.best();
        return best == ScalarKernel.INSTANCE ? new DenseKernel[] {best} : new DenseKernel[] {best, ScalarKernel.INSTANCE};
    }

    /** A random Hermitian density matrix (Gaussian entries, real diagonal), in the given basis. */
    static DensityMatrix randomHermitian(SpinSpace space, Eigenbasis eigen, Random rnd) {
        int d = space.dim;
        DensityMatrix rho = new DensityMatrix(space, eigen);
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double xr = rnd.nextGaussian();
                double xi = a == b ? 0 : rnd.nextGaussian();
                rho.re[a * d + b] = xr;
                rho.im[a * d + b] = xi;
                rho.re[b * d + a] = xr;
                rho.im[b * d + a] = -xi;
            }
        }
        return rho;
    }

    /** A unitary that keeps M (block-diagonal in the M blocks): most of its elements are exact zeros. */
    private static double[][] blockDiagonalUnitary(SpinSpace space, Random rnd) {
        int d = space.dim;
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        for (int k = 0; k <= space.spins; k++) {
            int s = space.blockSize[k];
            int c0 = space.blockStart[k];
            double[][] b = CrusherPairKernelTest.randomUnitary(s, rnd);
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    re[(c0 + i) * d + c0 + j] = b[0][i * s + j];
                    im[(c0 + i) * d + c0 + j] = b[1][i * s + j];
                }
            }
        }
        return new double[][] {re, im};
    }

    /** U† as {re, im}, row-major. */
    private static double[][] conjugateTranspose(double[][] u, int dim) {
        double[] hr = new double[dim * dim];
        double[] hi = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                hr[b * dim + a] = u[0][a * dim + b];
                hi[b * dim + a] = -u[1][a * dim + b];
            }
        }
        return new double[][] {hr, hi};
    }

    /** The block-row code the engine ran before (commit 128becc), with the kernel as a parameter. */
    static void blockRowReference(DensityMatrix rho, double[][] u, DenseKernel kernel) {
        rho.toZeeman();
        SpinSpace space = rho.space;
        int dim = rho.dim;
        double[] re = rho.re;
        double[] im = rho.im;
        double[] ur = u[0];
        double[] ui = u[1];
        int n = space.spins;
        double[] outRe = new double[dim * dim];
        double[] outIm = new double[dim * dim];
        double[] tr = new double[dim * dim];
        double[] ti = new double[dim * dim];
        double[][] uh = conjugateTranspose(u, dim);
        double[] rowRe = new double[dim];
        double[] rowIm = new double[dim];
        int[] rowStart = new int[dim];
        int[] rowLength = new int[dim];
        for (int p = -n; p <= n; p++) {
            // T = U·Pₚ(ρ): row k of Pₚ(ρ) is non-zero only in the block of 2M = 2M_k − 2p (contiguous columns).
            java.util.Arrays.fill(tr, 0);
            java.util.Arrays.fill(ti, 0);
            // Rows of Pₚ(ρ) with anything in them; a outer and k inner keep each element's sum in k order and read U
            // along its rows.
            boolean any = false;
            for (int k = 0; k < dim; k++) {
                int block = (n - (space.twiceM[k] - 2 * p)) / 2;
                rowStart[k] = -1;
                if (block < 0 || block > n) {
                    continue;
                }
                int c0 = space.blockStart[block];
                int c1 = c0 + space.blockSize[block];
                int rk = k * dim;
                for (int b = c0; b < c1; b++) {
                    if (re[rk + b] != 0 || im[rk + b] != 0) {
                        rowStart[k] = c0;
                        rowLength[k] = c1 - c0;
                        any = true;
                        break;
                    }
                }
            }
            if (any) {
                for (int a = 0; a < dim; a++) {
                    int ra = a * dim;
                    for (int k = 0; k < dim; k++) {
                        double xr = ur[ra + k];
                        double xi = ui[ra + k];
                        if (rowStart[k] < 0 || xr == 0 && xi == 0) {
                            continue;
                        }
                        kernel.axpy(xr, xi, re, im, k * dim + rowStart[k], tr, ti, ra + rowStart[k], rowLength[k]);
                    }
                }
            }
            if (!any) {
                continue;
            }
            // P₋ₚ(T·U†): element (a, b) with 2M_b = 2M_a + 2p; (T·U†)_ab = Σ_k T_ak·conj(U_bk).
            for (int a = 0; a < dim; a++) {
                int block = (n - (space.twiceM[a] + 2 * p)) / 2;
                if (block < 0 || block > n) {
                    continue;
                }
                int ra = a * dim;
                int b0 = space.blockStart[block];
                int len = space.blockSize[block];
                java.util.Arrays.fill(rowRe, 0, len, 0);
                java.util.Arrays.fill(rowIm, 0, len, 0);
                for (int k = 0; k < dim; k++) {
                    kernel.axpy(tr[ra + k], ti[ra + k], uh[0], uh[1], k * dim + b0, rowRe, rowIm, 0, len);
                }
                for (int j = 0; j < len; j++) {
                    outRe[ra + b0 + j] += rowRe[j];
                    outIm[ra + b0 + j] += rowIm[j];
                }
            }
        }
        System.arraycopy(outRe, 0, re, 0, re.length);
        System.arraycopy(outIm, 0, im, 0, im.length);
    }

}
