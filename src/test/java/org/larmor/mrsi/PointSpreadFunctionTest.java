package org.larmor.mrsi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder's image of a point source is the analytic Dirichlet kernel, or its Hamming-weighted sum. */
class PointSpreadFunctionTest {
    /**
     * Σ_{κ=−N/2}^{N/2−1} exp(iκθ) = exp(−iθ/2)·sin(Nθ/2)/sin(θ/2) (N at θ = 0), as {re, im}.
     */
    static double[] dirichlet(int n, double theta) {
        double s = Math.sin(theta / 2);
        if (Math.abs(s) < 1e-12) {
            // θ = 2πq: the closed form is 0/0; every term is exp(iκ·2πq), summed directly.
            double re = 0;
            double im = 0;
            for (int kappa = -n / 2; kappa < n / 2; kappa++) {
                re += Math.cos(kappa * theta);
                im += Math.sin(kappa * theta);
            }
            return new double[] {re, im};
        }
        double mag = Math.sin(n * theta / 2) / s;
        return new double[] {mag * Math.cos(-theta / 2), mag * Math.sin(-theta / 2)};
    }

    /** (1/N)·Σ w(κ)·exp(iκθ): Dirichlet for w = 1; 0.54·D(θ) + 0.23·(D(θ + 2π/N) + D(θ − 2π/N)) for Hamming. */
    static double[] kernel(Weighting w, int n, double theta) {
        if (n == 1) {
            return new double[] {1, 0};
        }
        double[] d = dirichlet(n, theta);
        if (w == Weighting.NONE) {
            return new double[] {d[0] / n, d[1] / n};
        }
        double[] p = dirichlet(n, theta + 2 * Math.PI / n);
        double[] q = dirichlet(n, theta - 2 * Math.PI / n);
        return new double[] {(0.54 * d[0] + 0.23 * (p[0] + q[0])) / n, (0.54 * d[1] + 0.23 * (p[1] + q[1])) / n};
    }

    private static void pointSource(Weighting w, int[] n, int k, int[] at) {
        boolean encodeZ = n[2] > 1;
        int[] m = {n[0] * k, n[1] * k, encodeZ ? n[2] * k : 1};
        CartesianEncoder enc = new CartesianEncoder(n, m);
        double[] oRe = new double[m[0] * m[1] * m[2]];
        double[] oIm = new double[oRe.length];
        double qRe = 0.8;
        double qIm = -0.35;
        int j = (at[2] * m[1] + at[1]) * m[0] + at[0];
        oRe[j] = qRe;
        oIm[j] = qIm;
        int samples = enc.samples();
        double[] kRe = new double[samples];
        double[] kIm = new double[samples];
        enc.encode(oRe, oIm, kRe, kIm);
        double[] weights = w.weights(n, w.averages(n, 1));
        double[] iRe = new double[samples];
        double[] iIm = new double[samples];
        enc.reconstruct(kRe, kIm, weights, iRe, iIm);
        double worst = 0;
        for (int v = 0; v < samples; v++) {
            int[] vi = {v % n[0], v / n[0] % n[1], v / (n[0] * n[1])};
            double[] psf = {1, 0};
            for (int a = 0; a < 3; a++) {
                if (n[a] == 1) {
                    continue;
                }
                // Positions in units of the field of view: X_i = (i − N/2)/N, x_j = (j − M/2 − (k − 1)/2)/M.
                double x = (vi[a] - n[a] / 2.0) / n[a];
                double xj = (at[a] - m[a] / 2.0 - (k - 1) / 2.0) / m[a];
                double[] ka = kernel(w, n[a], 2 * Math.PI * (x - xj));
                psf = new double[] {psf[0] * ka[0] - psf[1] * ka[1], psf[0] * ka[1] + psf[1] * ka[0]};
            }
            double eRe = qRe * psf[0] - qIm * psf[1];
            double eIm = qRe * psf[1] + qIm * psf[0];
            worst = Math.max(worst, Math.hypot(iRe[v] - eRe, iIm[v] - eIm));
        }
        assertTrue(worst < 1e-9, w + " " + java.util.Arrays.toString(n) + ": worst |image − q·PSF| = " + worst);
    }

    @Test
    void pointSourceImageIsTheDirichletKernelWithoutWeighting() {
        pointSource(Weighting.NONE, new int[] {16, 12, 1}, 4, new int[] {21, 30, 0});
        pointSource(Weighting.NONE, new int[] {8, 8, 8}, 3, new int[] {5, 17, 11});
    }

    @Test
    void pointSourceImageIsTheHammingWeightedDirichletKernel() {
        pointSource(Weighting.HAMMING, new int[] {16, 12, 1}, 4, new int[] {37, 2, 0});
        pointSource(Weighting.HAMMING, new int[] {8, 8, 8}, 2, new int[] {9, 3, 14});
    }

    @Test
    void pointSourceOnAVoxelCentreOfAnOddOversamplingGivesTheVoxelItsWholeContent() {
        // k = 3: object point 3i + 1 sits on voxel i's centre, where the unweighted PSF is 1 and Hamming's 0.54.
        int[] n = {8, 8, 1};
        CartesianEncoder enc = new CartesianEncoder(n, new int[] {24, 24, 1});
        double[] o = new double[24 * 24];
        o[(3 * 5 + 1) * 24 + 3 * 2 + 1] = 1;
        double[] kRe = new double[64];
        double[] kIm = new double[64];
        enc.encode(o, new double[o.length], kRe, kIm);
        double[] iRe = new double[64];
        double[] iIm = new double[64];
        enc.reconstruct(kRe, kIm, null, iRe, iIm);
        assertEquals(1, iRe[5 * 8 + 2], 1e-12);
        assertEquals(0, iRe[5 * 8 + 3], 1e-12, "the Dirichlet kernel vanishes at the other voxel centres");
        Weighting h = Weighting.HAMMING;
        enc.reconstruct(kRe, kIm, h.weights(n, h.averages(n, 1)), iRe, iIm);
        assertEquals(0.54 * 0.54, iRe[5 * 8 + 2], 1e-12, "Hamming's peak is 0.54 per axis");
        assertEquals(0.54 * 0.23, iRe[5 * 8 + 3], 1e-12, "and its first neighbour 0.23·0.54");
    }
}
