package org.larmor.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} on the JDK's vector API (incubating in JDK 17, JEP 414): a strip is one vector wide (eight
 * columns with AVX-512, four with AVX2), so a row of the strip is one register and every operation below is one
 * instruction on all its columns; a row update takes a vector of elements at a time. The products and sums are those of {@link ScalarKernel}, in the same order
 * and without fused multiply-adds, so the result is the same to the bit. Loaded only when the module is present
 * ({@link DenseKernel.Simd}).
 */
final class VectorKernel implements DenseKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    @Override
    public int width(int d) {
        return W;
    }

    @Override
    public int lanes() {
        return W;
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
            int ra = space.indexOf[bits] * W;
            int rb = space.indexOf[bits | bit] * W;
            DoubleVector ar = DoubleVector.fromArray(S, xr, ra);
            DoubleVector ai = DoubleVector.fromArray(S, xi, ra);
            DoubleVector br = DoubleVector.fromArray(S, xr, rb);
            DoubleVector bi = DoubleVector.fromArray(S, xi, rb);
            // x − y·z is x + (−y)·z to the bit: negation is exact.
            ar.mul(r0).add(ai.mul(-r1)).add(br.mul(r2)).add(bi.mul(-r3)).intoArray(xr, ra);
            ai.mul(r0).add(ar.mul(r1)).add(bi.mul(r2)).add(br.mul(r3)).intoArray(xi, ra);
            ar.mul(r4).add(ai.mul(-r5)).add(br.mul(r6)).add(bi.mul(-r7)).intoArray(xr, rb);
            ai.mul(r4).add(ar.mul(r5)).add(bi.mul(r6)).add(br.mul(r7)).intoArray(xi, rb);
        }
    }

    @Override
    public void blockDiagonal(SpinSpace space, double[][] blocks, double[] xr, double[] xi, int w, double[] tr,
                              double[] ti) {
        for (int k = 0; k < space.blocks(); k++) {
            int start = space.blockStart[k] * W;
            int size = space.blockSize[k];
            double[] br = blocks[2 * k];
            double[] bi = blocks[2 * k + 1];
            for (int a = 0; a < size; a++) {
                DoubleVector accr = DoubleVector.zero(S);
                DoubleVector acci = DoubleVector.zero(S);
                int row = a * size;
                for (int b = 0; b < size; b++) {
                    double cr = br[row + b];
                    double ci = bi[row + b];
                    DoubleVector yr = DoubleVector.fromArray(S, xr, start + b * W);
                    DoubleVector yi = DoubleVector.fromArray(S, xi, start + b * W);
                    // The scalar kernel's t += c·y − c'·y' with the same rounding: addition commutes exactly.
                    accr = yr.mul(cr).add(yi.mul(-ci)).add(accr);
                    acci = yi.mul(cr).add(yr.mul(ci)).add(acci);
                }
                accr.intoArray(tr, a * W);
                acci.intoArray(ti, a * W);
            }
            System.arraycopy(tr, 0, xr, start, size * W);
            System.arraycopy(ti, 0, xi, start, size * W);
        }
    }

    @Override
    public void axpy(double cr, double ci, double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo,
                     int len) {
        int j = 0;
        for (; j <= len - W; j += W) {
            DoubleVector vr = DoubleVector.fromArray(S, xr, xo + j);
            DoubleVector vi = DoubleVector.fromArray(S, xi, xo + j);
            vr.mul(cr).add(vi.mul(-ci)).add(DoubleVector.fromArray(S, yr, yo + j)).intoArray(yr, yo + j);
            vi.mul(cr).add(vr.mul(ci)).add(DoubleVector.fromArray(S, yi, yo + j)).intoArray(yi, yo + j);
        }
        // The tail (fewer than one vector): the plain loop, whose roundings the vector part reproduces.
        ScalarKernel.INSTANCE.axpy(cr, ci, xr, xi, xo + j, yr, yi, yo + j, len - j);
    }

    @Override
    public void combine(double[] cr, double[] ci, int co, int cs, double sign, int rows, double[] xr, double[] xi, int xo,
                        int xs, double[] yr, double[] yi, int yo, int len) {
        int j = 0;
        // Four vectors of y (re and im) stay in registers while the rows go by: two loads per complex
        // multiply-add, where a row update loads and stores y as well.
        for (; j <= len - 4 * W; j += 4 * W) {
            DoubleVector r0 = DoubleVector.zero(S);
            DoubleVector r1 = r0;
            DoubleVector r2 = r0;
            DoubleVector r3 = r0;
            DoubleVector i0 = r0;
            DoubleVector i1 = r0;
            DoubleVector i2 = r0;
            DoubleVector i3 = r0;
            for (int k = 0; k < rows; k++) {
                double c = cr[co + k * cs];
                double s = sign * ci[co + k * cs];
                double ns = -s;
                int x = xo + k * xs + j;
                DoubleVector a0 = DoubleVector.fromArray(S, xr, x);
                DoubleVector b0 = DoubleVector.fromArray(S, xi, x);
                DoubleVector a1 = DoubleVector.fromArray(S, xr, x + W);
                DoubleVector b1 = DoubleVector.fromArray(S, xi, x + W);
                DoubleVector a2 = DoubleVector.fromArray(S, xr, x + 2 * W);
                DoubleVector b2 = DoubleVector.fromArray(S, xi, x + 2 * W);
                DoubleVector a3 = DoubleVector.fromArray(S, xr, x + 3 * W);
                DoubleVector b3 = DoubleVector.fromArray(S, xi, x + 3 * W);
                r0 = a0.mul(c).add(b0.mul(ns)).add(r0);
                i0 = b0.mul(c).add(a0.mul(s)).add(i0);
                r1 = a1.mul(c).add(b1.mul(ns)).add(r1);
                i1 = b1.mul(c).add(a1.mul(s)).add(i1);
                r2 = a2.mul(c).add(b2.mul(ns)).add(r2);
                i2 = b2.mul(c).add(a2.mul(s)).add(i2);
                r3 = a3.mul(c).add(b3.mul(ns)).add(r3);
                i3 = b3.mul(c).add(a3.mul(s)).add(i3);
            }
            r0.intoArray(yr, yo + j);
            r1.intoArray(yr, yo + j + W);
            r2.intoArray(yr, yo + j + 2 * W);
            r3.intoArray(yr, yo + j + 3 * W);
            i0.intoArray(yi, yo + j);
            i1.intoArray(yi, yo + j + W);
            i2.intoArray(yi, yo + j + 2 * W);
            i3.intoArray(yi, yo + j + 3 * W);
        }
        for (; j <= len - W; j += W) {
            DoubleVector r0 = DoubleVector.zero(S);
            DoubleVector i0 = r0;
            for (int k = 0; k < rows; k++) {
                double c = cr[co + k * cs];
                double s = sign * ci[co + k * cs];
                int x = xo + k * xs + j;
                DoubleVector a0 = DoubleVector.fromArray(S, xr, x);
                DoubleVector b0 = DoubleVector.fromArray(S, xi, x);
                r0 = a0.mul(c).add(b0.mul(-s)).add(r0);
                i0 = b0.mul(c).add(a0.mul(s)).add(i0);
            }
            r0.intoArray(yr, yo + j);
            i0.intoArray(yi, yo + j);
        }
        if (j < len) {
            // Fewer columns than one vector: the plain loops, whose roundings the vectors reproduce.
            ScalarKernel.INSTANCE.combine(cr, ci, co, cs, sign, rows, xr, xi, xo + j, xs, yr, yi, yo + j, len - j);
        }
    }
}
