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

    /**
     * Spins 2p and 2p + 1 together, four rows at a time ({@link SpinSpace#spinPairQuads}), then a last odd spin
     * alone: each row is loaded and stored once per two spins, and the loop's index work is spread over twice the
     * arithmetic. Within a quadruple spin 2p's rotation comes first, on the same values as spin by spin, so the bits
     * are those of {@link #rotateSpin} in order (DenseKernelTest).
     */
    @Override
    public void rotateSpins(SpinSpace space, double[] rot, int at, double[] xr, double[] xi, int w) {
        int pairs = space.spins / 2;
        for (int p = 0; p < pairs; p++) {
            rotateTwo(space.spinPairQuads[p], rot, at + 16 * p, xr, xi);
        }
        if (space.spins % 2 == 1) {
            rotateSpin(space, space.spins - 1, rot, at + 8 * (space.spins - 1), xr, xi, w);
        }
    }

    /** The rotations at rot[at…at+8) (first spin) and rot[at+8…at+16) (second) on every quadruple of rows. */
    private static void rotateTwo(int[] quads, double[] rot, int at, double[] xr, double[] xi) {
        double p0 = rot[at];
        double p1 = rot[at + 1];
        double p2 = rot[at + 2];
        double p3 = rot[at + 3];
        double p4 = rot[at + 4];
        double p5 = rot[at + 5];
        double p6 = rot[at + 6];
        double p7 = rot[at + 7];
        double q0 = rot[at + 8];
        double q1 = rot[at + 9];
        double q2 = rot[at + 10];
        double q3 = rot[at + 11];
        double q4 = rot[at + 12];
        double q5 = rot[at + 13];
        double q6 = rot[at + 14];
        double q7 = rot[at + 15];
        for (int k = 0; k < quads.length; k += 4) {
            int o0 = quads[k] * W;
            int o1 = quads[k + 1] * W;
            int o2 = quads[k + 2] * W;
            int o3 = quads[k + 3] * W;
            DoubleVector ar = DoubleVector.fromArray(S, xr, o0);
            DoubleVector ai = DoubleVector.fromArray(S, xi, o0);
            DoubleVector br = DoubleVector.fromArray(S, xr, o1);
            DoubleVector bi = DoubleVector.fromArray(S, xi, o1);
            DoubleVector cr = DoubleVector.fromArray(S, xr, o2);
            DoubleVector ci = DoubleVector.fromArray(S, xi, o2);
            DoubleVector dr = DoubleVector.fromArray(S, xr, o3);
            DoubleVector di = DoubleVector.fromArray(S, xi, o3);
            // the first spin on (a, b) and (c, d), the rows differing in it
            DoubleVector ar1 = ar.mul(p0).sub(ai.mul(p1)).add(br.mul(p2)).sub(bi.mul(p3));
            DoubleVector ai1 = ai.mul(p0).add(ar.mul(p1)).add(bi.mul(p2)).add(br.mul(p3));
            DoubleVector br1 = ar.mul(p4).sub(ai.mul(p5)).add(br.mul(p6)).sub(bi.mul(p7));
            DoubleVector bi1 = ai.mul(p4).add(ar.mul(p5)).add(bi.mul(p6)).add(br.mul(p7));
            DoubleVector cr1 = cr.mul(p0).sub(ci.mul(p1)).add(dr.mul(p2)).sub(di.mul(p3));
            DoubleVector ci1 = ci.mul(p0).add(cr.mul(p1)).add(di.mul(p2)).add(dr.mul(p3));
            DoubleVector dr1 = cr.mul(p4).sub(ci.mul(p5)).add(dr.mul(p6)).sub(di.mul(p7));
            DoubleVector di1 = ci.mul(p4).add(cr.mul(p5)).add(di.mul(p6)).add(dr.mul(p7));
            // the second spin on (a, c) and (b, d)
            ar1.mul(q0).sub(ai1.mul(q1)).add(cr1.mul(q2)).sub(ci1.mul(q3)).intoArray(xr, o0);
            ai1.mul(q0).add(ar1.mul(q1)).add(ci1.mul(q2)).add(cr1.mul(q3)).intoArray(xi, o0);
            ar1.mul(q4).sub(ai1.mul(q5)).add(cr1.mul(q6)).sub(ci1.mul(q7)).intoArray(xr, o2);
            ai1.mul(q4).add(ar1.mul(q5)).add(ci1.mul(q6)).add(cr1.mul(q7)).intoArray(xi, o2);
            br1.mul(q0).sub(bi1.mul(q1)).add(dr1.mul(q2)).sub(di1.mul(q3)).intoArray(xr, o1);
            bi1.mul(q0).add(br1.mul(q1)).add(di1.mul(q2)).add(dr1.mul(q3)).intoArray(xi, o1);
            br1.mul(q4).sub(bi1.mul(q5)).add(dr1.mul(q6)).sub(di1.mul(q7)).intoArray(xr, o3);
            bi1.mul(q4).add(br1.mul(q5)).add(di1.mul(q6)).add(dr1.mul(q7)).intoArray(xi, o3);
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
                    // The scalar kernel's t += c·y − c'·y' with the same rounding: addition commutes exactly. A
                    // subtraction rather than the sum with −c' (the same bits): C2 then broadcasts c' straight from
                    // memory instead of negating it in a register and broadcasting that on the vector ports, about
                    // 15 % faster (docs/benchmarks.md).
                    accr = yr.mul(cr).sub(yi.mul(ci)).add(accr);
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
