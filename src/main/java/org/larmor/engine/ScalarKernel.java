package org.larmor.engine;

import java.util.Arrays;

/** {@link DenseKernel} in plain loops: any width, any JVM. */
final class ScalarKernel implements DenseKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();
    /** Columns per strip: 16 columns of seven spins, re and im, are 32 KiB, within a first-level data cache. */
    private static final int WIDTH = 16;

    private ScalarKernel() {
    }

    @Override
    public int width(int d) {
        return Math.min(WIDTH, d);
    }

    @Override
    public void rotateSpin(SpinSpace space, int spin, double[] rot, int at, double[] xr, double[] xi, int w) {
        int d = space.dim;
        int bit = 1 << spin;
        double r0 = rot[at];
        double r1 = rot[at + 1];
        double r2 = rot[at + 2];
        double r3 = rot[at + 3];
        double r4 = rot[at + 4];
        double r5 = rot[at + 5];
        double r6 = rot[at + 6];
        double r7 = rot[at + 7];
        for (int bits = 0; bits < d; bits++) {
            if ((bits & bit) != 0) {
                continue;
            }
            int ra = space.indexOf[bits] * w;
            int rb = space.indexOf[bits | bit] * w;
            for (int j = 0; j < w; j++) {
                double ar = xr[ra + j];
                double ai = xi[ra + j];
                double br = xr[rb + j];
                double bi = xi[rb + j];
                xr[ra + j] = rotated(ar, ai, br, bi, r0, -r1, r2, -r3);
                xi[ra + j] = rotated(ai, ar, bi, br, r0, r1, r2, r3);
                xr[rb + j] = rotated(ar, ai, br, bi, r4, -r5, r6, -r7);
                xi[rb + j] = rotated(ai, ar, bi, br, r4, r5, r6, r7);
            }
        }
    }

    /**
     * ((a·c0 + b·c1) + e·c2) + f·c3 with each addition fused to its product ({@link Math#fma}): one product and three
     * multiply-adds where separate products and sums took seven operations, and one rounding per term; the SIMD
     * kernel's order, to the bit.
     */
    static double rotated(double a, double b, double e, double f, double c0, double c1, double c2, double c3) {
        return Math.fma(f, c3, Math.fma(e, c2, Math.fma(b, c1, a * c0)));
    }

    /**
     * Each element as four running sums of fused multiply-adds over the block's columns in order, P = Σ c_r·y_r,
     * Q = Σ c_i·y_i, R = Σ c_r·y_i and T = Σ c_i·y_r, then re = P − Q and im = R + T: one rounding per term, and
     * four independent sums, which a multiply-add unit overlaps where one sum per part would wait on each term's
     * latency (the SIMD kernel's order, to the bit).
     */
    @Override
    public void blockDiagonal(SpinSpace space, double[][] blocks, double[] xr, double[] xi, int w, double[] tr,
                              double[] ti) {
        for (int k = 0; k < space.blocks(); k++) {
            int start = space.blockStart[k] * w;
            int size = space.blockSize[k];
            double[] br = blocks[2 * k];
            double[] bi = blocks[2 * k + 1];
            for (int a = 0; a < size; a++) {
                int out = a * w;
                for (int j = 0; j < w; j++) {
                    double p = 0;
                    double q = 0;
                    double r = 0;
                    double t = 0;
                    for (int b = 0; b < size; b++) {
                        double cr = br[a * size + b];
                        double ci = bi[a * size + b];
                        double yr = xr[start + b * w + j];
                        double yi = xi[start + b * w + j];
                        p = Math.fma(yr, cr, p);
                        q = Math.fma(yi, ci, q);
                        r = Math.fma(yi, cr, r);
                        t = Math.fma(yr, ci, t);
                    }
                    tr[out + j] = p - q;
                    ti[out + j] = r + t;
                }
            }
            System.arraycopy(tr, 0, xr, start, size * w);
            System.arraycopy(ti, 0, xi, start, size * w);
        }
    }

    @Override
    public void axpy(double cr, double ci, double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo,
                     int len) {
        for (int j = 0; j < len; j++) {
            double vr = xr[xo + j];
            double vi = xi[xo + j];
            yr[yo + j] += cr * vr - ci * vi;
            yi[yo + j] += cr * vi + ci * vr;
        }
    }

    @Override
    public void combine(double[] cr, double[] ci, int co, int cs, double sign, int rows, double[] xr, double[] xi, int xo,
                        int xs, double[] yr, double[] yi, int yo, int len) {
        Arrays.fill(yr, yo, yo + len, 0);
        Arrays.fill(yi, yo, yo + len, 0);
        for (int k = 0; k < rows; k++) {
            axpy(cr[co + k * cs], sign * ci[co + k * cs], xr, xi, xo + k * xs, yr, yi, yo, len);
        }
    }

    /**
     * y = Σ_k c_k·x_k with real coefficients c_k = c[co + k] (a real matrix times a complex one, as the basis
     * changes to and from the eigenbasis are): re and im each the sum in k order from zero of c_k·x_k.
     */
    void combineReal(double[] c, int co, int rows, double[] xr, double[] xi, int xo, int xs, double[] yr,
                            double[] yi, int yo, int len) {
        Arrays.fill(yr, yo, yo + len, 0);
        Arrays.fill(yi, yo, yo + len, 0);
        for (int k = 0; k < rows; k++) {
            double ck = c[co + k];
            int x = xo + k * xs;
            for (int j = 0; j < len; j++) {
                yr[yo + j] += ck * xr[x + j];
                yi[yo + j] += ck * xi[x + j];
            }
        }
    }
}
