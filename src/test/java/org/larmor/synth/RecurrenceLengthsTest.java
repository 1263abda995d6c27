package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fourier;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrences of {@link Lines} and the radix-2 FFT of {@link Fft} against direct evaluation at every length,
 * including lengths that end inside a four-point chain, a 128-point block or a 256-point anchor interval, and the
 * degenerate FFT lengths 1, 2 and 4. Arrays carry guard points past n, which must stay untouched.
 */
class RecurrenceLengthsTest {
    private static final double DWELL = 2.5e-4;
    private static final int GUARD = 8;
    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 6, 7, 11, 100, 127, 128, 129, 255, 256, 257, 259, 263, 517,
        1031};

    /** exp(−π·L·t − (π·G·t)²/(4 ln 2))·amp·exp(i·2π·ν·t), evaluated with exp, cos and sin at every point. */
    private static double[] direct(int k, double ampRe, double ampIm, double freqHz, double lorentzHz, double gaussHz) {
        double t = k * DWELL;
        double env = Math.exp(-Math.PI * lorentzHz * t - Math.pow(Math.PI * gaussHz * t, 2) / (4 * Math.log(2)));
        double ph = 2 * Math.PI * freqHz * t;
        return new double[] {env * (ampRe * Math.cos(ph) - ampIm * Math.sin(ph)),
            env * (ampRe * Math.sin(ph) + ampIm * Math.cos(ph))};
    }

    private static void assertGuardUntouched(double[] re, double[] im, int n, String what) {
        for (int k = n; k < re.length; k++) {
            assertEquals(0, re[k], 0, what + ": point " + k + " past n = " + n + " written");
            assertEquals(0, im[k], 0, what + ": point " + k + " past n = " + n + " written");
        }
    }

    @Test
    void voigtLineIsTheDirectlyEvaluatedExponentialAtEveryLength() {
        double ampRe = 0.8;
        double ampIm = -0.35;
        double f = 137.25;
        double l = 6;
        double g = 9;
        for (int n : LENGTHS) {
            double[] re = new double[n + GUARD];
            double[] im = new double[n + GUARD];
            Lines.addLine(re, im, n, DWELL, ampRe, ampIm, f, l, g);
            for (int k = 0; k < n; k++) {
                double[] e = direct(k, ampRe, ampIm, f, l, g);
                assertEquals(e[0], re[k], 1e-13, "n = " + n + ", re at " + k);
                assertEquals(e[1], im[k], 1e-13, "n = " + n + ", im at " + k);
            }
            assertGuardUntouched(re, im, n, "addLine");
        }
    }

    @Test
    void dampedModulationIsTheDirectlyEvaluatedExponentialAtEveryLength() {
        double ampRe = -0.6;
        double ampIm = 0.9;
        double f = -311.5;
        // A Lorentzian decay, and a negative one (BOLD narrowing: exp(+π·b·t)).
        for (double l : new double[] {4.5, -1.5}) {
            for (int n : LENGTHS) {
                double[] wr = new double[n + GUARD];
                double[] wi = new double[n + GUARD];
                Lines.modulation(wr, wi, n, DWELL, ampRe, ampIm, f, l);
                double[] mr = new double[n + GUARD];
                double[] mi = new double[n + GUARD];
                Lines.modulateAdd(mr, mi, null, null, n, DWELL, ampRe, ampIm, f, l, Lines.modulationScratch(n));
                // The same modulation applied to a basis FID b: out += b·w.
                double[] br = new double[n];
                double[] bi = new double[n];
                Random r = new Random(n);
                for (int k = 0; k < n; k++) {
                    br[k] = r.nextGaussian();
                    bi[k] = r.nextGaussian();
                }
                double[] pr = new double[n + GUARD];
                double[] pi = new double[n + GUARD];
                pr[0] = 0.25;
                Lines.modulateAdd(pr, pi, br, bi, n, DWELL, ampRe, ampIm, f, l, Lines.modulationScratch(n));
                for (int k = 0; k < n; k++) {
                    double[] e = direct(k, ampRe, ampIm, f, l, 0);
                    String at = "n = " + n + ", L = " + l + ", point " + k;
                    double tol = 1e-13 * Math.max(1, Math.hypot(e[0], e[1]));
                    assertEquals(e[0], wr[k], tol, "modulation re, " + at);
                    assertEquals(e[1], wi[k], tol, "modulation im, " + at);
                    assertEquals(e[0], mr[k], tol, "modulateAdd re, " + at);
                    assertEquals(e[1], mi[k], tol, "modulateAdd im, " + at);
                    double xr = br[k] * e[0] - bi[k] * e[1] + (k == 0 ? 0.25 : 0);
                    double xi = br[k] * e[1] + bi[k] * e[0];
                    assertEquals(xr, pr[k], 10 * tol, "modulateAdd of a basis re, " + at);
                    assertEquals(xi, pi[k], 10 * tol, "modulateAdd of a basis im, " + at);
                }
                assertGuardUntouched(wr, wi, n, "modulation");
                assertGuardUntouched(mr, mi, n, "modulateAdd");
                assertGuardUntouched(pr, pi, n, "modulateAdd of a basis");
            }
        }
    }

    @Test
    void aLineEntersLinearlyInItsAmplitudeHoweverSmall() {
        // The line is truncated where it falls below 10⁻¹⁵ of its own amplitude, not of 1: a line of amplitude
        // 10⁻¹² is 10⁻¹² times the unit line, to relative precision.
        int n = 2048;
        double[] unitRe = new double[n];
        double[] unitIm = new double[n];
        Lines.addLine(unitRe, unitIm, n, DWELL, 1, 0, 40, 20, 5);
        double[] re = new double[n];
        double[] im = new double[n];
        double a = 1e-12;
        Lines.addLine(re, im, n, DWELL, a, 0, 40, 20, 5);
        for (int k = 0; k < n; k++) {
            assertEquals(a * unitRe[k], re[k], 1e-12 * a * Math.max(1e-3, Math.abs(unitRe[k])), "re at " + k);
            assertEquals(a * unitIm[k], im[k], 1e-12 * a * Math.max(1e-3, Math.abs(unitIm[k])), "im at " + k);
        }
    }

    @Test
    void aLineIsExactlyZeroSoonAfterItFallsBelowTheNegligibleLevel() {
        // Lorentzian of 40 Hz: exp(−π·40·t) reaches 10⁻¹⁵ at t = ln(10¹⁵)/(40π) ≈ 0.275 s, point 1100 of 4096. The
        // line stops there (components of the synthesiser are stored only up to their last non-zero point), at the
        // latest at the next of its checks, every 64 points, and each of its four chains finishes its step.
        int n = 4096;
        double l = 40;
        double[] re = new double[n];
        double[] im = new double[n];
        Lines.addLine(re, im, n, DWELL, 2, 1, 55, l, 0);
        int crossing = 0;
        while (Math.exp(-Math.PI * l * crossing * DWELL) >= Lines.NEGLIGIBLE) {
            crossing++;
        }
        assertTrue(crossing > 1000 && crossing < 1200, "crossing " + crossing);
        for (int k = 0; k < crossing; k++) {
            assertTrue(re[k] != 0 || im[k] != 0, "the line is present at " + k);
        }
        for (int k = crossing + 64 + 4; k < n; k++) {
            assertEquals(0, re[k], 0, "re at " + k);
            assertEquals(0, im[k], 0, "im at " + k);
        }
    }

    @Test
    void sincOfTheB0SpreadStaysExactOverAMillionPoints() {
        // The rotation recurrence is re-anchored every 256 points, so rounding cannot accumulate over a long FID.
        int n = 1 << 20;
        double dwell = 1e-4;
        double w = 3.7;
        double[] re = new double[n];
        double[] im = new double[n];
        java.util.Arrays.fill(re, 1);
        java.util.Arrays.fill(im, -2);
        Lines.multiplySinc(re, im, n, dwell, w);
        double x = Math.PI * w * dwell;
        double worst = 0;
        for (int k = 1; k < n; k++) {
            double s = Math.sin(x * k) / (x * k);
            worst = Math.max(worst, Math.abs(re[k] - s) * x * k);
            assertEquals(-2 * s, im[k], 2e-12 / (x * k));
        }
        assertEquals(1, re[0], 0);
        // The reference sin(x·k) itself carries the rounding of x·k (up to 1.2·10³ rad here, ulp 2.3·10⁻¹³).
        assertTrue(worst < 1e-12, "largest error of sin(πWt) " + worst);
    }

    @Test
    void fftOfEveryPowerOfTwoIsTheDirectDft() {
        for (int n = 1; n <= 1024; n *= 2) {
            Random r = new Random(n + 7);
            double[] re = new double[n];
            double[] im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = r.nextGaussian();
                im[k] = r.nextGaussian();
            }
            // X_k = Σ_m x_m·exp(−2πi·mk/N), summed directly.
            double[] xr = new double[n];
            double[] xi = new double[n];
            for (int k = 0; k < n; k++) {
                for (int m = 0; m < n; m++) {
                    double a = -2 * Math.PI * ((long) m * k % n) / n;
                    xr[k] += re[m] * Math.cos(a) - im[m] * Math.sin(a);
                    xi[k] += re[m] * Math.sin(a) + im[m] * Math.cos(a);
                }
            }
            Fft fft = new Fft(n);
            assertEquals(n, fft.size());
            double[] yr = re.clone();
            double[] yi = im.clone();
            fft.forward(yr, yi);
            for (int k = 0; k < n; k++) {
                assertEquals(xr[k], yr[k], 1e-12 * n, "n = " + n + ", bin " + k);
                assertEquals(xi[k], yi[k], 1e-12 * n, "n = " + n + ", bin " + k);
            }
            fft.inverse(yr, yi);
            for (int k = 0; k < n; k++) {
                assertEquals(re[k], yr[k], 1e-13, "n = " + n + ", inverse at " + k);
                assertEquals(im[k], yi[k], 1e-13, "n = " + n + ", inverse at " + k);
            }
        }
        assertEquals(12, new Fft(12).size());
        double[][] ref = Fourier.forward(new double[] {1, 2, 3}, new double[] {0, 0, 1});
        double[] a = {1, 2, 3};
        double[] b = {0, 0, 1};
        new Fft(3).forward(a, b);
        assertEquals(ref[0][1], a[1], 1e-14);
        assertEquals(ref[1][2], b[2], 1e-14);
    }
}
