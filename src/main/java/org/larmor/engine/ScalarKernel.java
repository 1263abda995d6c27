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
                xr[ra + j] = r0 * ar - r1 * ai + r2 * br - r3 * bi;
                xi[ra + j] = r0 * ai + r1 * ar + r2 * bi + r3 * br;
                xr[rb + j] = r4 * ar - r5 * ai + r6 * br - r7 * bi;
                xi[rb + j] = r4 * ai + r5 * ar + r6 * bi + r7 * br;
            }
        }
    }

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
                Arrays.fill(tr, out, out + w, 0);
                Arrays.fill(ti, out, out + w, 0);
                for (int b = 0; b < size; b++) {
                    double cr = br[a * size + b];
                    double ci = bi[a * size + b];
                    int src = start + b * w;
                    for (int j = 0; j < w; j++) {
                        double yr = xr[src + j];
                        double yi = xi[src + j];
                        tr[out + j] += cr * yr - ci * yi;
                        ti[out + j] += cr * yi + ci * yr;
                    }
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
