package org.larmor.synth;

/**
 * Phase errors of an acquisition, as operations on an FID (flat arrays, t = k·dwell).
 */
final class Phases {
    // Taylor coefficients (−1)^k/(2k)! and (−1)^k/(2k+1)!.
    private static final double C1 = -1.0 / 2;
    private static final double C2 = 1.0 / 24;
    private static final double C3 = -1.0 / 720;
    private static final double C4 = 1.0 / 40320;
    private static final double C5 = -1.0 / 3628800;
    private static final double C6 = 1.0 / 479001600;
    private static final double C7 = -1.0 / 87178291200.0;
    private static final double S1 = -1.0 / 6;
    private static final double S2 = 1.0 / 120;
    private static final double S3 = -1.0 / 5040;
    private static final double S4 = 1.0 / 362880;
    private static final double S5 = -1.0 / 39916800;
    private static final double S6 = 1.0 / 6227020800.0;
    private static final double S7 = -1.0 / 1307674368000.0;

    private Phases() {
    }

    /**
     * Fills (fRe, fIm) with exp(i·(φ0 + A·exp(−t/τ))): a zero-order phase φ0 and the time-dependent phase of eddy
     * currents, φ(t) = A·exp(−t/τ), the single-exponential model of Klose U. In vivo proton spectroscopy in presence
     * of eddy currents. Magn Reson Med 1990;14:26-30. The exponential is a recurrence; cos and sin are exact for
     * |φ| > 0.5 rad and a Taylor series (exact to double precision) below.
     */
    static void eddyAndZeroOrder(double[] fRe, double[] fIm, int n, double dwellS, double phi0Rad, double ampRad,
                                 double tauS) {
        double c0 = Math.cos(phi0Rad);
        double s0 = Math.sin(phi0Rad);
        double ratio = Math.exp(-dwellS / tauS);
        double e = 1;
        for (int k = 0; k < n; k++) {
            if (k % Lines.ANCHOR == 0) {
                e = Math.exp(-k * dwellS / tauS);
            }
            double p = ampRad * e;
            double c;
            double s;
            double ap = Math.abs(p);
            if (ap > 0.5) {
                c = Math.cos(p);
                s = Math.sin(p);
            } else if (ap < 1e-3) {
                // Two terms: the first left out is below 10⁻¹⁸.
                double p2 = p * p;
                c = 1 + p2 * (C1 + p2 * C2);
                s = p * (1 + p2 * (S1 + p2 * S2));
            } else {
                // Taylor series to p^14 and p^15: the first term left out is below 10⁻¹⁸ for |p| ≤ 0.5.
                double p2 = p * p;
                c = 1 + p2 * (C1 + p2 * (C2 + p2 * (C3 + p2 * (C4 + p2 * (C5 + p2 * (C6 + p2 * C7))))));
                s = p * (1 + p2 * (S1 + p2 * (S2 + p2 * (S3 + p2 * (S4 + p2 * (S5 + p2 * (S6 + p2 * S7)))))));
            }
            fRe[k] = c0 * c - s0 * s;
            fIm[k] = c0 * s + s0 * c;
            e *= ratio;
        }
    }

    /**
     * First-order phase: the spectrum (the DFT of the FID, no zero-filling) is multiplied by
     * exp(i·φ1·(δ − pivot)), δ the ppm of each point, and transformed back. A linear phase in frequency is a time
     * shift of the FID; applied to the DFT it is a circular shift, as in the fitting tools that model it
     * (LCModel's DEGPPM, FSL-MRS's phi1).
     */
    static void firstOrder(double[] re, double[] im, int n, double dwellS, double hzPerPpm, double referencePpm,
                           double phi1RadPerPpm, double pivotPpm, Fft fft) {
        if (phi1RadPerPpm == 0) {
            return;
        }
        fft.forward(re, im);
        // The angle is linear in the bin's signed index j (ppm = reference − j/(n·dwell·f0)): a rotation recurrence,
        // re-anchored at the wrap to negative frequencies and every ANCHOR bins.
        double a0 = phi1RadPerPpm * (referencePpm - pivotPpm);
        double b = phi1RadPerPpm / (n * dwellS * hzPerPpm);
        double zr = Math.cos(b);
        double zi = -Math.sin(b);
        int half = (n + 1) / 2;
        double c = 1;
        double s = 0;
        for (int k = 0; k < n; k++) {
            int signed = k < half ? k : k - n;
            if (k % Lines.ANCHOR == 0 || k == half) {
                double a = a0 - b * signed;
                c = Math.cos(a);
                s = Math.sin(a);
            }
            double xr = re[k];
            double xi = im[k];
            re[k] = xr * c - xi * s;
            im[k] = xr * s + xi * c;
            double nc = c * zr - s * zi;
            s = c * zi + s * zr;
            c = nc;
        }
        fft.inverse(re, im);
    }
}
