package org.larmor.signal;

/**
 * The frequency-domain view of an on-disk FID: S(f) = dwell·Σ_m w_m·x_m·exp(−2πi·f·t_m), with the first point
 * weighted ½ (w_0 = ½, the trapezoid rule for a causal signal, which removes the constant baseline offset a full
 * first point would add), ordered by ascending frequency (fftshift), so by descending ppm:
 * δ = reference_ppm − f / (f0·10⁻⁶).
 *
 * <p>With this scaling a line A·exp(i2πνt)·exp(−πLt) becomes the absorption Lorentzian
 * A·(πL)/((πL)² + (2π(f−ν))²), of height A/(πL), FWHM L and area A/2 (the integral of a causal FID's real
 * spectrum is half its first point).
 *
 * @param re          real part at each frequency, ascending
 * @param im          imaginary part
 * @param frequencyHz frequency of each point relative to the receiver, ascending
 * @param hzPerPpm    f0·10⁻⁶
 * @param referencePpm shift at 0 Hz
 */
public record Spectrum(double[] re, double[] im, double[] frequencyHz, double hzPerPpm, double referencePpm) {

    /** The spectrum of {@code fid}, zero-filled to {@code points} (≥ the FID's length). */
    public static Spectrum of(Fid fid, double hzPerPpm, double referencePpm, int points) {
        int n = fid.points();
        if (points < n) {
            throw new IllegalArgumentException("zero-filling cannot shorten: " + points + " < " + n);
        }
        double[] xr = new double[points];
        double[] xi = new double[points];
        System.arraycopy(fid.re(), 0, xr, 0, n);
        System.arraycopy(fid.im(), 0, xi, 0, n);
        xr[0] *= 0.5;
        xi[0] *= 0.5;
        double[][] f = Fourier.forward(xr, xi);
        double dwell = fid.dwellS();
        double[] re = new double[points];
        double[] im = new double[points];
        double[] hz = new double[points];
        int half = points / 2;
        for (int k = 0; k < points; k++) {
            int src = (k + points - half) % points;
            re[k] = f[0][src] * dwell;
            im[k] = f[1][src] * dwell;
            hz[k] = Fourier.binFrequencyHz(src, points, dwell);
        }
        return new Spectrum(re, im, hz, hzPerPpm, referencePpm);
    }

    public static Spectrum of(Fid fid, double hzPerPpm, double referencePpm) {
        return of(fid, hzPerPpm, referencePpm, fid.points());
    }

    public int points() {
        return re.length;
    }

    public double ppm(int k) {
        return referencePpm - frequencyHz[k] / hzPerPpm;
    }

    /** Spacing of the frequency axis in Hz. */
    public double resolutionHz() {
        return frequencyHz[1] - frequencyHz[0];
    }

    /** Index range [from, to) of the points whose ppm lies within [lowPpm, highPpm]. */
    public int[] indexRange(double lowPpm, double highPpm) {
        double lo = Math.min(lowPpm, highPpm);
        double hi = Math.max(lowPpm, highPpm);
        int from = -1;
        int to = -1;
        for (int k = 0; k < points(); k++) {
            double p = ppm(k);
            if (p >= lo && p <= hi) {
                if (from < 0) {
                    from = k;
                }
                to = k + 1;
            }
        }
        if (from < 0) {
            throw new IllegalArgumentException("no spectral point between " + lo + " and " + hi + " ppm");
        }
        return new int[] {from, to};
    }
}
