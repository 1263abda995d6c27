package org.larmor.signal;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Forward discrete Fourier transform X_k = Σ_m x_m·exp(−2πi·mk/N), the convention of numpy, MATLAB and FFTPACK,
 * unnormalised. Commons Math serves power-of-two lengths; other lengths fall back to a direct O(N²) sum, which is
 * exact and fast enough for the few spectra a basis set writes.
 */
public final class Fourier {
    private Fourier() {
    }

    /** Returns {re, im} of the forward transform of (re, im). */
    public static double[][] forward(double[] re, double[] im) {
        int n = re.length;
        if (n > 0 && (n & (n - 1)) == 0) {
            double[][] data = {re.clone(), im.clone()};
            FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
            return data;
        }
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int m = 0; m < n; m++) {
                double a = -2 * Math.PI * ((long) m * k % n) / n;
                double c = Math.cos(a);
                double s = Math.sin(a);
                sr += re[m] * c - im[m] * s;
                si += re[m] * s + im[m] * c;
            }
            outRe[k] = sr;
            outIm[k] = si;
        }
        return new double[][] {outRe, outIm};
    }

    /** Frequency in Hz of DFT bin k (0 … N−1), with bins above N/2 taken as negative frequencies. */
    public static double binFrequencyHz(int k, int n, double dwellS) {
        int signed = k < (n + 1) / 2 ? k : k - n;
        return signed / (n * dwellS);
    }
}
