package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fourier;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Non-power-of-two lengths (1000 = 2³·5³, 1536 = 2⁹·3, 2047 = 23·89) through {@link Fourier#forward} and the
 * synthesiser's {@link Fft} (forward and inverse), against the DFT written out here with a twiddle table:
 * X_k = Σ_m x_m·exp(−2πi·mk/N), x_m = (1/N)·Σ_k X_k·exp(+2πi·mk/N).
 */
class NonPowerOfTwoFftTest {
    static double[][] dft(double[] re, double[] im, int sign) {
        int n = re.length;
        double[] c = new double[n];
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = Math.cos(2 * Math.PI * j / n);
            s[j] = sign * Math.sin(2 * Math.PI * j / n);
        }
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            int idx = 0;
            for (int m = 0; m < n; m++) {
                sr += re[m] * c[idx] - im[m] * s[idx];
                si += re[m] * s[idx] + im[m] * c[idx];
                idx += k;
                if (idx >= n) {
                    idx -= n;
                }
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    @Test
    void forwardAndInverseAgreeWithTheDirectDft() {
        for (int n : new int[] {1000, 1536, 2047}) {
            Random r = new Random(31L * n);
            double[] re = new double[n];
            double[] im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = r.nextGaussian();
                im[k] = r.nextGaussian();
            }
            double[][] expected = dft(re, im, -1);
            double tol = 1e-11 * n;
            double[][] f = Fourier.forward(re, im);
            Fft fft = new Fft(n);
            double[] x = re.clone();
            double[] y = im.clone();
            fft.forward(x, y);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[0][k], f[0][k], tol, "Fourier N=" + n + " Re " + k);
                assertEquals(expected[1][k], f[1][k], tol, "Fourier N=" + n + " Im " + k);
                assertEquals(expected[0][k], x[k], tol, "Fft N=" + n + " Re " + k);
                assertEquals(expected[1][k], y[k], tol, "Fft N=" + n + " Im " + k);
            }
            // Inverse of the exact spectrum against the direct inverse sum.
            double[][] back = dft(expected[0], expected[1], +1);
            double[] u = expected[0].clone();
            double[] v = expected[1].clone();
            fft.inverse(u, v);
            for (int k = 0; k < n; k++) {
                assertEquals(back[0][k] / n, u[k], 1e-11, "Fft inverse N=" + n + " Re " + k);
                assertEquals(back[1][k] / n, v[k], 1e-11, "Fft inverse N=" + n + " Im " + k);
                assertEquals(re[k], u[k], 1e-11, "round trip N=" + n + " " + k);
            }
        }
    }

    @Test
    void aSingleBinToneLandsInItsBin() {
        // x_m = exp(2πi·3m/N): X_3 = N, every other bin 0 (independent of any DFT code).
        int n = 1536;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int m = 0; m < n; m++) {
            re[m] = Math.cos(2 * Math.PI * 3.0 * m / n);
            im[m] = Math.sin(2 * Math.PI * 3.0 * m / n);
        }
        double[][] f = Fourier.forward(re, im);
        for (int k = 0; k < n; k++) {
            assertEquals(k == 3 ? n : 0, f[0][k], 1e-8, "bin " + k);
            assertEquals(0, f[1][k], 1e-8, "bin " + k);
        }
    }
}
