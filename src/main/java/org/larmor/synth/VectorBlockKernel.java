package org.larmor.synth;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernel} on the vector API (incubating in JDK 17, JEP 414): a vector of points at a time, then the
 * points left over one by one. Each lane computes x = u·v, out += b·x exactly as the scalar loop of
 * {@link Lines#modulateAdd} does (products commute exactly; no fused multiply-add). Loaded only when the module is
 * present ({@link BlockKernel.Simd}).
 */
final class VectorBlockKernel implements BlockKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    @Override
    public void addBlock(double[] outRe, double[] outIm, double[] bRe, double[] bIm, double[] vRe, double[] vIm,
                         int base, int len, double ur, double ui) {
        int r = 0;
        for (; r + W <= len; r += W) {
            int k = base + r;
            DoubleVector vr = DoubleVector.fromArray(S, vRe, r);
            DoubleVector vi = DoubleVector.fromArray(S, vIm, r);
            DoubleVector xr = vr.mul(ur).sub(vi.mul(ui));
            DoubleVector xi = vi.mul(ur).add(vr.mul(ui));
            DoubleVector br = DoubleVector.fromArray(S, bRe, k);
            DoubleVector bi = DoubleVector.fromArray(S, bIm, k);
            DoubleVector.fromArray(S, outRe, k).add(br.mul(xr).sub(bi.mul(xi))).intoArray(outRe, k);
            DoubleVector.fromArray(S, outIm, k).add(br.mul(xi).add(bi.mul(xr))).intoArray(outIm, k);
        }
        for (; r < len; r++) {
            int k = base + r;
            double vr = vRe[r];
            double vi = vIm[r];
            double xr = ur * vr - ui * vi;
            double xi = ur * vi + ui * vr;
            double br = bRe[k];
            double bi = bIm[k];
            outRe[k] += br * xr - bi * xi;
            outIm[k] += br * xi + bi * xr;
        }
    }
}
