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
    /** The species of {@link #pair8} and {@link #pair4}, named so that both run (and are tested) on any machine. */
    private static final VectorSpecies<Double> S8 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> S4 = DoubleVector.SPECIES_256;

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

    @Override
    public void addBlock(double[] outRe, double[] outIm, double[] vRe, double[] vIm, int base, int len, double ur,
                         double ui) {
        int r = 0;
        for (; r + W <= len; r += W) {
            int k = base + r;
            DoubleVector vr = DoubleVector.fromArray(S, vRe, r);
            DoubleVector vi = DoubleVector.fromArray(S, vIm, r);
            DoubleVector.fromArray(S, outRe, k).add(vr.mul(ur).sub(vi.mul(ui))).intoArray(outRe, k);
            DoubleVector.fromArray(S, outIm, k).add(vi.mul(ur).add(vr.mul(ui))).intoArray(outIm, k);
        }
        for (; r < len; r++) {
            int k = base + r;
            double vr = vRe[r];
            double vi = vIm[r];
            outRe[k] += ur * vr - ui * vi;
            outIm[k] += ur * vi + ui * vr;
        }
    }

    /**
     * Partial sum l of {@link WindowRows} is lane l mod W of accumulator l / W: four accumulators of 8 lanes per
     * sum, or eight of 4 (independent chains, so that the fused multiply-adds overlap instead of waiting on each
     * other's latency), on the machine's preferred width; other widths (2 lanes on 128-bit machines, wide SVE) take
     * the scalar loop. Each case is a method of its own with its vectors inside it (see {@link #sumLinesTimes} on
     * why no vector crosses a call); a width that is not the machine's runs too (as the API's Java code, slowly),
     * which lets a test check both on one machine.
     */
    @Override
    public void dftPair(double[] yRe, double[] yIm, double[] c, double[] s, int n, double[] ab) {
        switch (W) {
            case 8 -> pair8(yRe, yIm, c, s, n, ab);
            case 4 -> pair4(yRe, yIm, c, s, n, ab);
            default -> WindowRows.sums(yRe, yIm, c, s, n, ab);
        }
    }

    static void pair8(double[] yRe, double[] yIm, double[] c, double[] s, int n, double[] ab) {
        DoubleVector a0 = DoubleVector.zero(S8);
        DoubleVector b0 = DoubleVector.zero(S8);
        DoubleVector a1 = DoubleVector.zero(S8);
        DoubleVector b1 = DoubleVector.zero(S8);
        DoubleVector a2 = DoubleVector.zero(S8);
        DoubleVector b2 = DoubleVector.zero(S8);
        DoubleVector a3 = DoubleVector.zero(S8);
        DoubleVector b3 = DoubleVector.zero(S8);
        int t = 0;
        for (; t + WindowRows.SUMS <= n; t += WindowRows.SUMS) {
            a0 = DoubleVector.fromArray(S8, yRe, t).fma(DoubleVector.fromArray(S8, c, t), a0);
            b0 = DoubleVector.fromArray(S8, yIm, t).fma(DoubleVector.fromArray(S8, s, t), b0);
            a1 = DoubleVector.fromArray(S8, yRe, t + 8).fma(DoubleVector.fromArray(S8, c, t + 8), a1);
            b1 = DoubleVector.fromArray(S8, yIm, t + 8).fma(DoubleVector.fromArray(S8, s, t + 8), b1);
            a2 = DoubleVector.fromArray(S8, yRe, t + 16).fma(DoubleVector.fromArray(S8, c, t + 16), a2);
            b2 = DoubleVector.fromArray(S8, yIm, t + 16).fma(DoubleVector.fromArray(S8, s, t + 16), b2);
            a3 = DoubleVector.fromArray(S8, yRe, t + 24).fma(DoubleVector.fromArray(S8, c, t + 24), a3);
            b3 = DoubleVector.fromArray(S8, yIm, t + 24).fma(DoubleVector.fromArray(S8, s, t + 24), b3);
        }
        double[] pa = new double[WindowRows.SUMS];
        double[] pb = new double[WindowRows.SUMS];
        a0.intoArray(pa, 0);
        b0.intoArray(pb, 0);
        a1.intoArray(pa, 8);
        b1.intoArray(pb, 8);
        a2.intoArray(pa, 16);
        b2.intoArray(pb, 16);
        a3.intoArray(pa, 24);
        b3.intoArray(pb, 24);
        WindowRows.finish(yRe, yIm, c, s, t, n, pa, pb, ab);
    }

    static void pair4(double[] yRe, double[] yIm, double[] c, double[] s, int n, double[] ab) {
        DoubleVector a0 = DoubleVector.zero(S4);
        DoubleVector b0 = DoubleVector.zero(S4);
        DoubleVector a1 = DoubleVector.zero(S4);
        DoubleVector b1 = DoubleVector.zero(S4);
        DoubleVector a2 = DoubleVector.zero(S4);
        DoubleVector b2 = DoubleVector.zero(S4);
        DoubleVector a3 = DoubleVector.zero(S4);
        DoubleVector b3 = DoubleVector.zero(S4);
        DoubleVector a4 = DoubleVector.zero(S4);
        DoubleVector b4 = DoubleVector.zero(S4);
        DoubleVector a5 = DoubleVector.zero(S4);
        DoubleVector b5 = DoubleVector.zero(S4);
        DoubleVector a6 = DoubleVector.zero(S4);
        DoubleVector b6 = DoubleVector.zero(S4);
        DoubleVector a7 = DoubleVector.zero(S4);
        DoubleVector b7 = DoubleVector.zero(S4);
        int t = 0;
        for (; t + WindowRows.SUMS <= n; t += WindowRows.SUMS) {
            a0 = DoubleVector.fromArray(S4, yRe, t).fma(DoubleVector.fromArray(S4, c, t), a0);
            b0 = DoubleVector.fromArray(S4, yIm, t).fma(DoubleVector.fromArray(S4, s, t), b0);
            a1 = DoubleVector.fromArray(S4, yRe, t + 4).fma(DoubleVector.fromArray(S4, c, t + 4), a1);
            b1 = DoubleVector.fromArray(S4, yIm, t + 4).fma(DoubleVector.fromArray(S4, s, t + 4), b1);
            a2 = DoubleVector.fromArray(S4, yRe, t + 8).fma(DoubleVector.fromArray(S4, c, t + 8), a2);
            b2 = DoubleVector.fromArray(S4, yIm, t + 8).fma(DoubleVector.fromArray(S4, s, t + 8), b2);
            a3 = DoubleVector.fromArray(S4, yRe, t + 12).fma(DoubleVector.fromArray(S4, c, t + 12), a3);
            b3 = DoubleVector.fromArray(S4, yIm, t + 12).fma(DoubleVector.fromArray(S4, s, t + 12), b3);
            a4 = DoubleVector.fromArray(S4, yRe, t + 16).fma(DoubleVector.fromArray(S4, c, t + 16), a4);
            b4 = DoubleVector.fromArray(S4, yIm, t + 16).fma(DoubleVector.fromArray(S4, s, t + 16), b4);
            a5 = DoubleVector.fromArray(S4, yRe, t + 20).fma(DoubleVector.fromArray(S4, c, t + 20), a5);
            b5 = DoubleVector.fromArray(S4, yIm, t + 20).fma(DoubleVector.fromArray(S4, s, t + 20), b5);
            a6 = DoubleVector.fromArray(S4, yRe, t + 24).fma(DoubleVector.fromArray(S4, c, t + 24), a6);
            b6 = DoubleVector.fromArray(S4, yIm, t + 24).fma(DoubleVector.fromArray(S4, s, t + 24), b6);
            a7 = DoubleVector.fromArray(S4, yRe, t + 28).fma(DoubleVector.fromArray(S4, c, t + 28), a7);
            b7 = DoubleVector.fromArray(S4, yIm, t + 28).fma(DoubleVector.fromArray(S4, s, t + 28), b7);
        }
        double[] pa = new double[WindowRows.SUMS];
        double[] pb = new double[WindowRows.SUMS];
        a0.intoArray(pa, 0);
        b0.intoArray(pb, 0);
        a1.intoArray(pa, 4);
        b1.intoArray(pb, 4);
        a2.intoArray(pa, 8);
        b2.intoArray(pb, 8);
        a3.intoArray(pa, 12);
        b3.intoArray(pb, 12);
        a4.intoArray(pa, 16);
        b4.intoArray(pb, 16);
        a5.intoArray(pa, 20);
        b5.intoArray(pb, 20);
        a6.intoArray(pa, 24);
        b6.intoArray(pb, 24);
        a7.intoArray(pa, 28);
        b7.intoArray(pb, 28);
        WindowRows.finish(yRe, yIm, c, s, t, n, pa, pb, ab);
    }

    /**
     * Block by block of {@link Lines#BLOCK} points: the block of out (2 KiB) stays in the first-level cache while
     * every line is added to it, four lines per load and store of it ((((out + y0) + y1) + y2) + y3, the order of
     * one line at a time), then it is multiplied by the envelope.
     * <p>
     * Each step is a method of its own, a few hundred bytes of bytecode called a hundred times per spectrum, and
     * the vectors never cross a call: the vector API runs as vector instructions only in code C2 has compiled (in the
     * interpreter and in C1's code every operation is the API's Java fallback, which allocates arrays, some 50 times
     * slower). Written as one method of 1,690 bytes, called once per spectrum, this ran on the fallback for seconds
     * (JFR: {@code bOpTemplate}, {@code ldOp} under it, a sixth of a 20,000-spectrum run's samples) until C2 had
     * compiled it, and its compile was the longest of the run; small methods are compiled to C2 within the first
     * spectra. Vectors held in registers across the lines (eight accumulators) were slower still: JDK 17 boxes
     * vectors carried around a loop.
     */
    @Override
    public void sumLinesTimes(double[] outRe, double[] outIm, double[][] bRe, double[][] bIm, int[] lines,
                              int count, double[] vRe, double[] vIm, double[] uRe, double[] uIm, int blocks,
                              double[] eRe, double[] eIm, int n) {
        int block = Lines.BLOCK;
        for (int q = 0, base = 0; base < n; q++, base += block) {
            int end = Math.min(base + block, n);
            java.util.Arrays.fill(outRe, base, end, 0.0);
            java.util.Arrays.fill(outIm, base, end, 0.0);
            int j = 0;
            for (; j + 4 <= count; j += 4) {
                addFourLines(outRe, outIm, bRe, bIm, lines, j, vRe, vIm, uRe, uIm, blocks, q, base, end);
            }
            for (; j < count; j++) {
                addLineBlock(outRe, outIm, bRe[lines[j]], bIm[lines[j]], vRe, vIm, j * block, base, end,
                        uRe[j * blocks + q], uIm[j * blocks + q]);
            }
            timesEnvelope(outRe, outIm, eRe, eIm, base, end);
        }
    }

    /**
     * Lines j … j + 3 added into out[base, end): per point (((out + y_j) + y_{j+1}) + y_{j+2}) + y_{j+3} with
     * y_i = b_i·(W_{i,q}·V_i), out loaded and stored once.
     */
    private static void addFourLines(double[] outRe, double[] outIm, double[][] bRe, double[][] bIm, int[] lines,
                                     int j, double[] vRe, double[] vIm, double[] uRe, double[] uIm, int blocks,
                                     int q, int base, int end) {
        int block = Lines.BLOCK;
        double ur0 = uRe[j * blocks + q];
        double ui0 = uIm[j * blocks + q];
        double ur1 = uRe[(j + 1) * blocks + q];
        double ui1 = uIm[(j + 1) * blocks + q];
        double ur2 = uRe[(j + 2) * blocks + q];
        double ui2 = uIm[(j + 2) * blocks + q];
        double ur3 = uRe[(j + 3) * blocks + q];
        double ui3 = uIm[(j + 3) * blocks + q];
        double[] br0 = bRe[lines[j]];
        double[] bi0 = bIm[lines[j]];
        double[] br1 = bRe[lines[j + 1]];
        double[] bi1 = bIm[lines[j + 1]];
        double[] br2 = bRe[lines[j + 2]];
        double[] bi2 = bIm[lines[j + 2]];
        double[] br3 = bRe[lines[j + 3]];
        double[] bi3 = bIm[lines[j + 3]];
        int v0 = j * block - base;
        int k = base;
        for (; k + W <= end; k += W) {
            DoubleVector sr = DoubleVector.fromArray(S, outRe, k);
            DoubleVector si = DoubleVector.fromArray(S, outIm, k);
            DoubleVector vr = DoubleVector.fromArray(S, vRe, v0 + k);
            DoubleVector vi = DoubleVector.fromArray(S, vIm, v0 + k);
            DoubleVector xr = vr.mul(ur0).sub(vi.mul(ui0));
            DoubleVector xi = vi.mul(ur0).add(vr.mul(ui0));
            DoubleVector cr = DoubleVector.fromArray(S, br0, k);
            DoubleVector ci = DoubleVector.fromArray(S, bi0, k);
            sr = sr.add(cr.mul(xr).sub(ci.mul(xi)));
            si = si.add(cr.mul(xi).add(ci.mul(xr)));
            vr = DoubleVector.fromArray(S, vRe, v0 + block + k);
            vi = DoubleVector.fromArray(S, vIm, v0 + block + k);
            xr = vr.mul(ur1).sub(vi.mul(ui1));
            xi = vi.mul(ur1).add(vr.mul(ui1));
            cr = DoubleVector.fromArray(S, br1, k);
            ci = DoubleVector.fromArray(S, bi1, k);
            sr = sr.add(cr.mul(xr).sub(ci.mul(xi)));
            si = si.add(cr.mul(xi).add(ci.mul(xr)));
            vr = DoubleVector.fromArray(S, vRe, v0 + 2 * block + k);
            vi = DoubleVector.fromArray(S, vIm, v0 + 2 * block + k);
            xr = vr.mul(ur2).sub(vi.mul(ui2));
            xi = vi.mul(ur2).add(vr.mul(ui2));
            cr = DoubleVector.fromArray(S, br2, k);
            ci = DoubleVector.fromArray(S, bi2, k);
            sr = sr.add(cr.mul(xr).sub(ci.mul(xi)));
            si = si.add(cr.mul(xi).add(ci.mul(xr)));
            vr = DoubleVector.fromArray(S, vRe, v0 + 3 * block + k);
            vi = DoubleVector.fromArray(S, vIm, v0 + 3 * block + k);
            xr = vr.mul(ur3).sub(vi.mul(ui3));
            xi = vi.mul(ur3).add(vr.mul(ui3));
            cr = DoubleVector.fromArray(S, br3, k);
            ci = DoubleVector.fromArray(S, bi3, k);
            sr = sr.add(cr.mul(xr).sub(ci.mul(xi)));
            si = si.add(cr.mul(xi).add(ci.mul(xr)));
            sr.intoArray(outRe, k);
            si.intoArray(outIm, k);
        }
        for (; k < end; k++) {
            for (int i = 0; i < 4; i++) {
                double ur = uRe[(j + i) * blocks + q];
                double ui = uIm[(j + i) * blocks + q];
                double vr = vRe[v0 + i * block + k];
                double vi = vIm[v0 + i * block + k];
                double xr = ur * vr - ui * vi;
                double xi = ur * vi + ui * vr;
                double[] br = bRe[lines[j + i]];
                double[] bi = bIm[lines[j + i]];
                outRe[k] += br[k] * xr - bi[k] * xi;
                outIm[k] += br[k] * xi + bi[k] * xr;
            }
        }
    }

    /** One line into out[base, end): out += b·(u·V), V read from {@code v[v0 + k - base]}. */
    private static void addLineBlock(double[] outRe, double[] outIm, double[] br, double[] bi, double[] vRe,
                                     double[] vIm, int vStart, int base, int end, double ur, double ui) {
        int v0 = vStart - base;
        int k = base;
        for (; k + W <= end; k += W) {
            DoubleVector vr = DoubleVector.fromArray(S, vRe, v0 + k);
            DoubleVector vi = DoubleVector.fromArray(S, vIm, v0 + k);
            DoubleVector xr = vr.mul(ur).sub(vi.mul(ui));
            DoubleVector xi = vi.mul(ur).add(vr.mul(ui));
            DoubleVector cr = DoubleVector.fromArray(S, br, k);
            DoubleVector ci = DoubleVector.fromArray(S, bi, k);
            DoubleVector.fromArray(S, outRe, k).add(cr.mul(xr).sub(ci.mul(xi))).intoArray(outRe, k);
            DoubleVector.fromArray(S, outIm, k).add(cr.mul(xi).add(ci.mul(xr))).intoArray(outIm, k);
        }
        for (; k < end; k++) {
            double vr = vRe[v0 + k];
            double vi = vIm[v0 + k];
            double xr = ur * vr - ui * vi;
            double xi = ur * vi + ui * vr;
            outRe[k] += br[k] * xr - bi[k] * xi;
            outIm[k] += br[k] * xi + bi[k] * xr;
        }
    }

    /** out[base, end) times the envelope e (complex), as {@link Lines#multiply}. */
    private static void timesEnvelope(double[] outRe, double[] outIm, double[] eRe, double[] eIm, int base,
                                      int end) {
        int k = base;
        for (; k + W <= end; k += W) {
            DoubleVector sr = DoubleVector.fromArray(S, outRe, k);
            DoubleVector si = DoubleVector.fromArray(S, outIm, k);
            DoubleVector er = DoubleVector.fromArray(S, eRe, k);
            DoubleVector ei = DoubleVector.fromArray(S, eIm, k);
            sr.mul(er).sub(si.mul(ei)).intoArray(outRe, k);
            sr.mul(ei).add(si.mul(er)).intoArray(outIm, k);
        }
        for (; k < end; k++) {
            double sr = outRe[k];
            double si = outIm[k];
            outRe[k] = sr * eRe[k] - si * eIm[k];
            outIm[k] = sr * eIm[k] + si * eRe[k];
        }
    }
}
