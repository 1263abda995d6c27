package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a generated line stops (once below 1e-15 of its amplitude, checked every 64 points and at each 256-point
 * anchor), FFT sizes at the edges (empty, large powers of two in O(N log N)), and the Gaussian width that gives a
 * target linewidth on a short, truncated acquisition.
 */
class LinesAndFftExactTest {
    @Test
    void aLineStopsAtTheFirstCheckBelowTheNegligibleLevel() {
        // exp(−π·50 Hz·1 ms·k) = exp(−0.157·k): 7.7e-14 at k = 192 (still above 1e-15), 3.5e-18 at the anchor k = 256.
        int n = 1024;
        double dwell = 1e-3;
        double[] re = new double[n];
        double[] im = new double[n];
        Lines.addLine(re, im, n, dwell, 1, 0, 0, 50, 0);
        double c = Math.PI * 50 * dwell;
        for (int k = 0; k < 256 + 4; k++) {
            assertEquals(Math.exp(-c * k), re[k], 1e-12 * Math.exp(-c * k) + 1e-300, "point " + k);
            assertNotEquals(0.0, re[k], "point " + k);
        }
        for (int k = 256 + 4; k < n; k++) {
            assertEquals(0.0, re[k], "point " + k + " after the line stopped");
            assertEquals(0.0, im[k]);
        }
    }

    @Test
    void aFastLineStopsAtTheCheckEvery64Points() {
        // exp(−π·200 Hz·1 ms·k) = exp(−0.628·k): 3.4e-18 at k = 64, so the line stops after the chain step there.
        int n = 512;
        double dwell = 1e-3;
        for (double freq : new double[] {0, 37}) {
            double[] re = new double[n];
            double[] im = new double[n];
            Lines.addLine(re, im, n, dwell, 1, 0, freq, 200, 0);
            double c = Math.PI * 200 * dwell;
            for (int k = 0; k < 64 + 4; k++) {
                assertEquals(Math.exp(-c * k) * Math.cos(2 * Math.PI * freq * k * dwell), re[k],
                        1e-12 * Math.exp(-c * k) + 1e-300, "point " + k);
            }
            for (int k = 64 + 4; k < n; k++) {
                assertEquals(0.0, re[k], "point " + k + " after the line stopped");
                assertEquals(0.0, im[k]);
            }
        }
    }

    @Test
    void anEmptyTransformIsNothing() {
        Fft f = new Fft(0);
        assertEquals(0, f.size());
        f.forward(new double[0], new double[0]);
        f.inverse(new double[0], new double[0]);
    }

    @Test
    @Timeout(5)
    void largePowersOfTwoAreFastAndExact() {
        // 2^17 points, a shifted cosine: a direct O(N²) sum would take minutes.
        int n = 1 << 17;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int m = 0; m < n; m++) {
            re[m] = Math.cos(2 * Math.PI * 5 * m / n);
        }
        Fft f = new Fft(n);
        for (int rep = 0; rep < 3; rep++) {
            f.forward(re, im);
            f.inverse(re, im);
        }
        f.forward(re, im);
        assertEquals(n / 2.0, re[5], 1e-6);
        assertEquals(n / 2.0, re[n - 5], 1e-6);
        assertEquals(0, re[6], 1e-6);
        assertEquals(0, im[5], 1e-6);
    }

    @Test
    void gaussianForATruncatedAcquisitionIsMeasuredNotClosedForm() {
        // 0.5 s of acquisition: a 2 Hz Lorentzian has only fallen to exp(−π) = 4 %, so widths are measured on the
        // truncated FID; the Gaussian found gives the target width by that measure.
        double[] none = {0, 0, 0};
        int n = 512;
        double dwell = 1 / 1024.0;
        double g = Linewidth.gaussianFor(3, 2, 0, none, n, dwell);
        assertTrue(g > 0, "g " + g);
        assertEquals(3, Linewidth.fwhmHz(2, g, none, n, dwell), 1e-6);
        // The untruncated Voigt width of that line is not 3 Hz: the closed form would give another Gaussian.
        assertTrue(Math.abs(org.larmor.signal.Voigt.fwhmHz(2, g) - 3) > 1e-4, "Voigt width " + org.larmor.signal.Voigt.fwhmHz(2, g));
    }
}
