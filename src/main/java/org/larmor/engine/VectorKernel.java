package org.larmor.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} on the JDK's vector API (incubating in JDK 17, JEP 414): a strip is one vector wide (eight
 * columns with AVX-512, four with AVX2), so a row of the strip is one register and every operation below is one
 * instruction on all its columns; a row update takes a vector of elements at a time. The products and sums are those
 * of {@link ScalarKernel}, in the same order, with the same fused multiply-adds in the two operations of a shaped
 * pulse's propagator (rotations and coupling step; the row updates have none), so the result is the same to the
 * bit. Loaded only when the module is present ({@link DenseKernel.Simd}).
 *
 * <p>Written out long-hand on purpose: C2 in JDK 17 stops inlining a method once it has grown past a node count
 * ({@code NodeCountInliningCutoff}), and a vector operation it does not inline boxes its vectors and runs the API's
 * Java fallback, several times slower. The rotations' coefficients are therefore made vectors once, before their
 * loop, and no helper method takes or returns a vector (one that did made a propagator 3.5 × and 8 × slower).
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
        // The coefficients as vectors once, outside the loop; x − y·z is x + (−y)·z to the bit, negation being exact.
        double r0 = rot[at];
        double r4 = rot[at + 4];
        DoubleVector r1v = DoubleVector.broadcast(S, rot[at + 1]);
        DoubleVector r2v = DoubleVector.broadcast(S, rot[at + 2]);
        DoubleVector r3v = DoubleVector.broadcast(S, rot[at + 3]);
        DoubleVector r5v = DoubleVector.broadcast(S, rot[at + 5]);
        DoubleVector r6v = DoubleVector.broadcast(S, rot[at + 6]);
        DoubleVector r7v = DoubleVector.broadcast(S, rot[at + 7]);
        DoubleVector n1v = r1v.neg();
        DoubleVector n3v = r3v.neg();
        DoubleVector n5v = r5v.neg();
        DoubleVector n7v = r7v.neg();
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
            bi.fma(n3v, br.fma(r2v, ai.fma(n1v, ar.mul(r0)))).intoArray(xr, ra);
            br.fma(r3v, bi.fma(r2v, ar.fma(r1v, ai.mul(r0)))).intoArray(xi, ra);
            bi.fma(n7v, br.fma(r6v, ai.fma(n5v, ar.mul(r4)))).intoArray(xr, rb);
            br.fma(r7v, bi.fma(r6v, ar.fma(r5v, ai.mul(r4)))).intoArray(xi, rb);
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
        double p4 = rot[at + 4];
        double q0 = rot[at + 8];
        double q4 = rot[at + 12];
        DoubleVector p1v = DoubleVector.broadcast(S, rot[at + 1]);
        DoubleVector p2v = DoubleVector.broadcast(S, rot[at + 2]);
        DoubleVector p3v = DoubleVector.broadcast(S, rot[at + 3]);
        DoubleVector p5v = DoubleVector.broadcast(S, rot[at + 5]);
        DoubleVector p6v = DoubleVector.broadcast(S, rot[at + 6]);
        DoubleVector p7v = DoubleVector.broadcast(S, rot[at + 7]);
        DoubleVector q1v = DoubleVector.broadcast(S, rot[at + 9]);
        DoubleVector q2v = DoubleVector.broadcast(S, rot[at + 10]);
        DoubleVector q3v = DoubleVector.broadcast(S, rot[at + 11]);
        DoubleVector q5v = DoubleVector.broadcast(S, rot[at + 13]);
        DoubleVector q6v = DoubleVector.broadcast(S, rot[at + 14]);
        DoubleVector q7v = DoubleVector.broadcast(S, rot[at + 15]);
        DoubleVector np1v = p1v.neg();
        DoubleVector np3v = p3v.neg();
        DoubleVector np5v = p5v.neg();
        DoubleVector np7v = p7v.neg();
        DoubleVector nq1v = q1v.neg();
        DoubleVector nq3v = q3v.neg();
        DoubleVector nq5v = q5v.neg();
        DoubleVector nq7v = q7v.neg();
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
            DoubleVector ar1 = bi.fma(np3v, br.fma(p2v, ai.fma(np1v, ar.mul(p0))));
            DoubleVector ai1 = br.fma(p3v, bi.fma(p2v, ar.fma(p1v, ai.mul(p0))));
            DoubleVector br1 = bi.fma(np7v, br.fma(p6v, ai.fma(np5v, ar.mul(p4))));
            DoubleVector bi1 = br.fma(p7v, bi.fma(p6v, ar.fma(p5v, ai.mul(p4))));
            DoubleVector cr1 = di.fma(np3v, dr.fma(p2v, ci.fma(np1v, cr.mul(p0))));
            DoubleVector ci1 = dr.fma(p3v, di.fma(p2v, cr.fma(p1v, ci.mul(p0))));
            DoubleVector dr1 = di.fma(np7v, dr.fma(p6v, ci.fma(np5v, cr.mul(p4))));
            DoubleVector di1 = dr.fma(p7v, di.fma(p6v, cr.fma(p5v, ci.mul(p4))));
            // the second spin on (a, c) and (b, d)
            ci1.fma(nq3v, cr1.fma(q2v, ai1.fma(nq1v, ar1.mul(q0)))).intoArray(xr, o0);
            cr1.fma(q3v, ci1.fma(q2v, ar1.fma(q1v, ai1.mul(q0)))).intoArray(xi, o0);
            ci1.fma(nq7v, cr1.fma(q6v, ai1.fma(nq5v, ar1.mul(q4)))).intoArray(xr, o2);
            cr1.fma(q7v, ci1.fma(q6v, ar1.fma(q5v, ai1.mul(q4)))).intoArray(xi, o2);
            di1.fma(nq3v, dr1.fma(q2v, bi1.fma(nq1v, br1.mul(q0)))).intoArray(xr, o1);
            dr1.fma(q3v, di1.fma(q2v, br1.fma(q1v, bi1.mul(q0)))).intoArray(xi, o1);
            di1.fma(nq7v, dr1.fma(q6v, bi1.fma(nq5v, br1.mul(q4)))).intoArray(xr, o3);
            dr1.fma(q7v, di1.fma(q6v, br1.fma(q5v, bi1.mul(q4)))).intoArray(xi, o3);
        }
    }

    /**
     * Two rows of the block at a time, each as four running sums of fused multiply-adds (Σ c_r·y_r, Σ c_i·y_i,
     * Σ c_r·y_i, Σ c_i·y_r; re and im from them at the end, as {@link ScalarKernel#blockDiagonal} forms them): four
     * independent chains per row keep the multiply-add unit busy where one chain per part would wait on the latency
     * of the one before, and the two rows share every load of y.
     */
    @Override
    public void blockDiagonal(SpinSpace space, double[][] blocks, double[] xr, double[] xi, int w, double[] tr,
                              double[] ti) {
        for (int k = 0; k < space.blocks(); k++) {
            int start = space.blockStart[k] * W;
            int size = space.blockSize[k];
            double[] br = blocks[2 * k];
            double[] bi = blocks[2 * k + 1];
            int a = 0;
            for (; a + 1 < size; a += 2) {
                DoubleVector rr0 = DoubleVector.zero(S);
                DoubleVector ii0 = rr0;
                DoubleVector ri0 = rr0;
                DoubleVector ir0 = rr0;
                DoubleVector rr1 = rr0;
                DoubleVector ii1 = rr0;
                DoubleVector ri1 = rr0;
                DoubleVector ir1 = rr0;
                int row0 = a * size;
                int row1 = row0 + size;
                for (int b = 0; b < size; b++) {
                    DoubleVector yr = DoubleVector.fromArray(S, xr, start + b * W);
                    DoubleVector yi = DoubleVector.fromArray(S, xi, start + b * W);
                    DoubleVector cr0 = DoubleVector.broadcast(S, br[row0 + b]);
                    DoubleVector ci0 = DoubleVector.broadcast(S, bi[row0 + b]);
                    DoubleVector cr1 = DoubleVector.broadcast(S, br[row1 + b]);
                    DoubleVector ci1 = DoubleVector.broadcast(S, bi[row1 + b]);
                    rr0 = yr.fma(cr0, rr0);
                    ii0 = yi.fma(ci0, ii0);
                    ri0 = yi.fma(cr0, ri0);
                    ir0 = yr.fma(ci0, ir0);
                    rr1 = yr.fma(cr1, rr1);
                    ii1 = yi.fma(ci1, ii1);
                    ri1 = yi.fma(cr1, ri1);
                    ir1 = yr.fma(ci1, ir1);
                }
                rr0.sub(ii0).intoArray(tr, a * W);
                ri0.add(ir0).intoArray(ti, a * W);
                rr1.sub(ii1).intoArray(tr, (a + 1) * W);
                ri1.add(ir1).intoArray(ti, (a + 1) * W);
            }
            if (a < size) {
                DoubleVector rr = DoubleVector.zero(S);
                DoubleVector ii = rr;
                DoubleVector ri = rr;
                DoubleVector ir = rr;
                int row = a * size;
                for (int b = 0; b < size; b++) {
                    DoubleVector yr = DoubleVector.fromArray(S, xr, start + b * W);
                    DoubleVector yi = DoubleVector.fromArray(S, xi, start + b * W);
                    DoubleVector cr = DoubleVector.broadcast(S, br[row + b]);
                    DoubleVector ci = DoubleVector.broadcast(S, bi[row + b]);
                    rr = yr.fma(cr, rr);
                    ii = yi.fma(ci, ii);
                    ri = yi.fma(cr, ri);
                    ir = yr.fma(ci, ir);
                }
                rr.sub(ii).intoArray(tr, a * W);
                ri.add(ir).intoArray(ti, a * W);
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
