package org.larmor.synth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eddy-current phase exp(i·A·exp(−t/τ)) to double precision in each of its three regimes (cos and sin for
 * |φ| > 0.5 rad, the long Taylor series below, two terms below 10⁻³ rad), over long FIDs too, and the first-order
 * phase against a direct rotation of every DFT bin.
 */
class PhaseSeriesPrecisionTest {
    @Test
    void eddyPhaseIsExactAtTheEdgesOfTheSeriesRegimes() {
        // φ(t) = A·exp(−t/τ) sweeps from just below 0.5 rad through 10⁻³ rad and below: each point's factor is
        // exp(iφ) to rounding (the series leave out terms below 10⁻¹⁸).
        int n = 4096;
        double dwell = 1e-4;
        double a = 0.4999;
        double tau = 0.06;
        double[] re = new double[n];
        double[] im = new double[n];
        Phases.eddyAndZeroOrder(re, im, n, dwell, 0, a, tau);
        int series = 0;
        int twoTerm = 0;
        for (int k = 0; k < n; k++) {
            double p = a * Math.exp(-k * dwell / tau);
            series += p > 1e-3 ? 1 : 0;
            twoTerm += p < 1e-3 && p > 1e-4 ? 1 : 0;
            // The series are exact to rounding; exp(−t/τ) by recurrence adds one rounding of the ratio per point
            // since the last exact anchor (every 256 points).
            double tol = 3e-16 + 2.3e-16 * (k % Lines.ANCHOR) * Math.abs(p);
            assertEquals(Math.cos(p), re[k], tol, "cos at φ = " + p);
            assertEquals(Math.sin(p), im[k], tol, "sin at φ = " + p);
            if (p < 1e-3) {
                // Below 10⁻³ rad, sin φ ≈ φ keeps its relative precision too (the first term left out, φ⁷/7!).
                double relative = 4e-16 + 2.3e-16 * (k % Lines.ANCHOR);
                assertEquals(Math.sin(p), im[k], relative * Math.abs(Math.sin(p)), "sin at φ = " + p);
            }
        }
        assertTrue(series > 100 && twoTerm > 100, series + " points in the long series, " + twoTerm + " in the short");
        // Negative amplitudes: the same series, odd in φ for the sine.
        Phases.eddyAndZeroOrder(re, im, n, dwell, 0, -a, tau);
        for (int k = 0; k < n; k += 7) {
            double p = -a * Math.exp(-k * dwell / tau);
            double tol = 3e-16 + 2.3e-16 * (k % Lines.ANCHOR) * Math.abs(p);
            assertEquals(Math.cos(p), re[k], tol, "cos at φ = " + p);
            assertEquals(Math.sin(p), im[k], tol, "sin at φ = " + p);
        }
    }

    @Test
    void eddyPhaseDoesNotDriftOverAMillionPoints() {
        // exp(−t/τ) is a recurrence re-anchored every 256 points: a slowly decaying eddy current of a large
        // amplitude keeps its exact phase to the end of a long FID.
        int n = 1 << 20;
        double dwell = 1e-5;
        double a = 40;
        double tau = 20;
        double[] re = new double[n];
        double[] im = new double[n];
        Phases.eddyAndZeroOrder(re, im, n, dwell, 0.3, a, tau);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            double p = 0.3 + a * Math.exp(-k * dwell / tau);
            double err = Math.abs(Math.atan2(Math.sin(p) * re[k] - Math.cos(p) * im[k],
                    Math.cos(p) * re[k] + Math.sin(p) * im[k]));
            worst = Math.max(worst, err);
        }
        assertTrue(worst < 3e-12, "largest phase error " + worst + " rad");
    }

    @Test
    void firstOrderPhaseRotatesEveryBinExactlyOnALongSpectrum() {
        // Apply exp(i·φ1·(δ_j − pivot)) to the DFT directly, bin by bin with cos and sin, and compare.
        int n = 1 << 17;
        double dwell = 2.5e-4;
        double f0 = 123.2;
        double reference = 4.65;
        double phi1 = Math.toRadians(30);
        double pivot = 2.0;
        double[] re = new double[n];
        double[] im = new double[n];
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < n; k++) {
            re[k] = r.nextGaussian();
            im[k] = r.nextGaussian();
        }
        Fft fft = new Fft(n);
        double[] er = re.clone();
        double[] ei = im.clone();
        fft.forward(er, ei);
        for (int k = 0; k < n; k++) {
            int signed = k < n / 2 ? k : k - n;
            double ppm = reference - signed / (n * dwell) / f0;
            double a = phi1 * (ppm - pivot);
            double xr = er[k];
            double xi = ei[k];
            er[k] = xr * Math.cos(a) - xi * Math.sin(a);
            ei[k] = xr * Math.sin(a) + xi * Math.cos(a);
        }
        fft.inverse(er, ei);
        Phases.firstOrder(re, im, n, dwell, f0, reference, phi1, pivot, fft);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            worst = Math.max(worst, Math.hypot(er[k] - re[k], ei[k] - im[k]));
        }
        assertTrue(worst < 1e-13, "largest difference " + worst);
    }
}
