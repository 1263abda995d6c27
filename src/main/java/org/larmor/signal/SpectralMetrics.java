package org.larmor.signal;

/**
 * The spectral quality and peak measures Larmor reports and the synthesiser aims for, defined once.
 * Definitions follow the MRSinMRS consensus (Lin A et al., NMR Biomed 2021;34:e4484): SNR is the height of a peak
 * in the real (phased) spectrum divided by the standard deviation of the noise in a signal-free region; linewidth is
 * the full width at half maximum of a singlet. All measure the real part of a {@link Spectrum}, so the spectrum
 * must be phased (absorption mode); see docs/metrics.md.
 */
public final class SpectralMetrics {
    private SpectralMetrics() {
    }

    /** Index of the largest real value within [lowPpm, highPpm]. */
    public static int peakIndex(Spectrum s, double lowPpm, double highPpm) {
        int[] r = s.indexRange(lowPpm, highPpm);
        int best = r[0];
        for (int k = r[0]; k < r[1]; k++) {
            if (s.re()[k] > s.re()[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Peak height: the largest real value within the window (no interpolation). */
    public static double peakHeight(Spectrum s, double lowPpm, double highPpm) {
        return s.re()[peakIndex(s, lowPpm, highPpm)];
    }

    /**
     * Peak position in ppm: the maximum of the real part within the window, refined by the vertex of the parabola
     * through it and its two neighbours.
     */
    public static double peakPositionPpm(Spectrum s, double lowPpm, double highPpm) {
        int k = peakIndex(s, lowPpm, highPpm);
        double offset = 0;
        if (k > 0 && k < s.points() - 1) {
            double a = s.re()[k - 1];
            double b = s.re()[k];
            double c = s.re()[k + 1];
            double denom = a - 2 * b + c;
            if (denom != 0) {
                offset = 0.5 * (a - c) / denom;
            }
        }
        double hz = s.frequencyHz()[k] + offset * s.resolutionHz();
        return s.referencePpm() - hz / s.hzPerPpm();
    }

    /**
     * Full width at half maximum of the peak in the window, in Hz: the distance between the two half-height
     * crossings of the real part on either side of the maximum, each located by linear interpolation. Zero-fill the
     * spectrum so that the line spans several points (accuracy ≈ 1 % with ≥ 8 points per FWHM).
     */
    public static double fwhmHz(Spectrum s, double lowPpm, double highPpm) {
        int k = peakIndex(s, lowPpm, highPpm);
        double half = s.re()[k] / 2;
        double[] re = s.re();
        int left = k;
        while (left > 0 && re[left] > half) {
            left--;
        }
        int right = k;
        while (right < s.points() - 1 && re[right] > half) {
            right++;
        }
        if (re[left] > half || re[right] > half) {
            throw new IllegalArgumentException("the peak does not fall to half height inside the spectrum");
        }
        double fl = interpolate(s.frequencyHz()[left], re[left], s.frequencyHz()[left + 1], re[left + 1], half);
        double fr = interpolate(s.frequencyHz()[right - 1], re[right - 1], s.frequencyHz()[right], re[right], half);
        return fr - fl;
    }

    /** Area of the real part over the window (Σ Re S · Δf): for a whole isolated line, half its FID amplitude. */
    public static double area(Spectrum s, double lowPpm, double highPpm) {
        int[] r = s.indexRange(lowPpm, highPpm);
        double sum = 0;
        for (int k = r[0]; k < r[1]; k++) {
            sum += s.re()[k];
        }
        return sum * s.resolutionHz();
    }

    /**
     * Standard deviation of the real part over a signal-free window after removing its least-squares straight line
     * (so that a sloping baseline does not count as noise).
     */
    public static double noiseSd(Spectrum s, double lowPpm, double highPpm) {
        int[] r = s.indexRange(lowPpm, highPpm);
        int n = r[1] - r[0];
        if (n < 8) {
            throw new IllegalArgumentException("noise window has only " + n + " points; need at least 8");
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = r[0]; k < r[1]; k++) {
            double x = k - r[0];
            double y = s.re()[k];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double icpt = (sy - slope * sx) / n;
        double ss = 0;
        for (int k = r[0]; k < r[1]; k++) {
            double res = s.re()[k] - (icpt + slope * (k - r[0]));
            ss += res * res;
        }
        return Math.sqrt(ss / (n - 2));
    }

    /** SNR = peak height in [peakLow, peakHigh] / noise SD in [noiseLow, noiseHigh] (MRSinMRS). */
    public static double snr(Spectrum s, double peakLowPpm, double peakHighPpm, double noiseLowPpm,
                             double noiseHighPpm) {
        return peakHeight(s, peakLowPpm, peakHighPpm) / noiseSd(s, noiseLowPpm, noiseHighPpm);
    }

    private static double interpolate(double x0, double y0, double x1, double y1, double y) {
        return x0 + (y - y0) * (x1 - x0) / (y1 - y0);
    }
}
