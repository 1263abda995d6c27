package org.larmor.validate;

import org.larmor.signal.Fid;
import org.larmor.signal.Spectrum;

/**
 * A FID's spectrum evaluated at any frequencies, not only at the DFT's bins: the discrete-time Fourier transform
 * S(f) = dwell·Σ_m w_m·x_m·exp(−2πi·f·m·dwell), w_0 = ½, the very sum {@link Spectrum#of} evaluates on its grid.
 * At the DFT's bins it equals {@code Spectrum.of}; between them it is what infinite zero-filling would give, so it
 * resamples a spectrum onto another axis (another field, dwell time or number of points) without interpolation
 * error. Frequencies must lie inside ±SW/2 of the FID: outside, the spectrum repeats (aliases).
 *
 * <p>Arbitrary frequencies cost points × frequencies complex multiply-adds (Horner's scheme with the unit phasor
 * exp(−2πi·f·dwell)); uniformly spaced ones use Bluestein's chirp-z algorithm (Bluestein LI, IEEE Trans Audio
 * Electroacoust 1970;18:451; Rabiner LR, Schafer RW, Rader CM, Bell Syst Tech J 1969;48:1249), three FFTs of a
 * power of two ≥ points + frequencies, with a relative error of about 10⁻¹².
 */
public final class SpectrumSampler {
    private SpectrumSampler() {
    }

    /**
     * {re, im} of the spectrum at each frequency in Hz (relative to the receiver).
     */
    public static double[][] atFrequencies(Fid fid, double[] frequencyHz) {
        int n = fid.points();
        double[] xr = fid.re();
        double[] xi = fid.im();
        double dwell = fid.dwellS();
        double[] re = new double[frequencyHz.length];
        double[] im = new double[frequencyHz.length];
        for (int j = 0; j < frequencyHz.length; j++) {
            double a = -2 * Math.PI * frequencyHz[j] * dwell;
            double zr = Math.cos(a);
            double zi = Math.sin(a);
            double sr = 0;
            double si = 0;
            for (int m = n - 1; m >= 1; m--) {
                double tr = sr * zr - si * zi + xr[m];
                si = sr * zi + si * zr + xi[m];
                sr = tr;
            }
            // Last step of Horner's scheme with the first point halved.
            double tr = sr * zr - si * zi + 0.5 * xr[0];
            si = sr * zi + si * zr + 0.5 * xi[0];
            re[j] = tr * dwell;
            im[j] = si * dwell;
        }
        return new double[][] {re, im};
    }

    /**
     * {re, im} of the spectrum at the {@code count} uniformly spaced frequencies f_j = firstHz + j·stepHz, by the
     * chirp-z transform: the same values as {@link #atFrequencies} at a fraction of the cost for long grids.
     */
    public static double[][] atUniformFrequencies(Fid fid, double firstHz, double stepHz, int count) {
        int n = fid.points();
        if (count < 32 || (long) count * n < 1L << 16) {
            double[] f = new double[count];
            for (int j = 0; j < count; j++) {
                f[j] = firstHz + j * stepHz;
            }
            return atFrequencies(fid, f);
        }
        double dwell = fid.dwellS();
        double alpha = stepHz * dwell;
        int size = Integer.highestOneBit(n + count - 1);
        if (size < n + count - 1) {
            size <<= 1;
        }
        // a_m = w_m·x_m·exp(−2πi·firstHz·m·dwell)·conj(c_m), c_k = exp(iπ·α·k²).
        double[] ar = new double[size];
        double[] ai = new double[size];
        double f0 = firstHz * dwell;
        for (int m = 0; m < n; m++) {
            double w = m == 0 ? 0.5 : 1;
            double ph = -2 * Math.PI * frac(f0 * m) - Math.PI * frac2(alpha, m);
            double c = Math.cos(ph);
            double sn = Math.sin(ph);
            double xr = fid.re()[m] * w;
            double xi = fid.im()[m] * w;
            ar[m] = xr * c - xi * sn;
            ai[m] = xr * sn + xi * c;
        }
        double[] br = new double[size];
        double[] bi = new double[size];
        for (int k = 0; k < Math.max(n, count); k++) {
            double ph = Math.PI * frac2(alpha, k);
            double c = Math.cos(ph);
            double sn = Math.sin(ph);
            if (k < count) {
                br[k] = c;
                bi[k] = sn;
            }
            if (k > 0 && k < n) {
                br[size - k] = c;
                bi[size - k] = sn;
            }
        }
        double[][] fa = org.larmor.signal.Fourier.forward(ar, ai);
        double[][] fb = org.larmor.signal.Fourier.forward(br, bi);
        // Inverse transform of the product via conj(fft(conj(z)))/size.
        double[] pr = new double[size];
        double[] pi = new double[size];
        for (int k = 0; k < size; k++) {
            pr[k] = fa[0][k] * fb[0][k] - fa[1][k] * fb[1][k];
            pi[k] = -(fa[0][k] * fb[1][k] + fa[1][k] * fb[0][k]);
        }
        double[][] conv = org.larmor.signal.Fourier.forward(pr, pi);
        double[] re = new double[count];
        double[] im = new double[count];
        for (int j = 0; j < count; j++) {
            double cr = conv[0][j] / size;
            double ci = -conv[1][j] / size;
            double ph = -Math.PI * frac2(alpha, j);
            double c = Math.cos(ph);
            double sn = Math.sin(ph);
            re[j] = (cr * c - ci * sn) * dwell;
            im[j] = (cr * sn + ci * c) * dwell;
        }
        return new double[][] {re, im};
    }

    /** The fractional part of x, in [0, 1). */
    private static double frac(double x) {
        return x - Math.floor(x);
    }

    /** α·k² modulo 2, computed so that large k keeps its precision. */
    private static double frac2(double alpha, long k) {
        double v = alpha * k;
        v -= 2 * Math.floor(v / 2);
        v *= k;
        return v - 2 * Math.floor(v / 2);
    }

    /**
     * {re, im} of the spectrum on a uniform ppm grid ppm_j = firstPpm + j·stepPpm (chirp-z, see
     * {@link #atUniformFrequencies}).
     */
    public static double[][] atUniformPpm(Fid fid, double hzPerPpm, double referencePpm, double firstPpm,
                                          double stepPpm, int count) {
        return atUniformFrequencies(fid, (referencePpm - firstPpm) * hzPerPpm, -stepPpm * hzPerPpm, count);
    }

    /** {re, im} of the spectrum at each shift in ppm: f = (referencePpm − ppm)·hzPerPpm. */
    public static double[][] atPpm(Fid fid, double hzPerPpm, double referencePpm, double[] ppm) {
        double[] f = new double[ppm.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (referencePpm - ppm[j]) * hzPerPpm;
        }
        return atFrequencies(fid, f);
    }

    /**
     * A {@link Spectrum} on a uniform frequency grid of {@code points} points from {@code lowHz} to {@code highHz}
     * (inclusive), for {@link org.larmor.signal.SpectralMetrics} measures at a resolution finer than the DFT's.
     */
    public static Spectrum onGrid(Fid fid, double hzPerPpm, double referencePpm, double lowHz, double highHz,
                                  int points) {
        if (points < 2 || !(highHz > lowHz)) {
            throw new IllegalArgumentException("grid needs ≥ 2 points and highHz > lowHz");
        }
        double[] f = new double[points];
        double step = (highHz - lowHz) / (points - 1);
        for (int k = 0; k < points; k++) {
            f[k] = lowHz + step * k;
        }
        double[][] s = atUniformFrequencies(fid, lowHz, step, points);
        return new Spectrum(s[0], s[1], f, hzPerPpm, referencePpm);
    }
}
