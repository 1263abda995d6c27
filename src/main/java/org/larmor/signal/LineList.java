package org.larmor.signal;

import java.util.Arrays;

/**
 * A signal as a sum of complex exponentials, s(t) = Σ_l A_l·exp(i·2π·ν_l·t): the exact output of a density-matrix
 * simulation before sampling. Frequencies are relative to the receiver in the on-disk convention (a line at δ ppm
 * has ν = (ref − δ)·f0), so {@link #toFid} gives an on-disk FID directly.
 *
 * @param frequencyHz ν_l in Hz
 * @param amplitudeRe Re A_l
 * @param amplitudeIm Im A_l
 */
public record LineList(double[] frequencyHz, double[] amplitudeRe, double[] amplitudeIm) {
    /** Lines closer than this are one line: far below any resolvable difference (phase error < 1e-6 rad at 1 s). */
    public static final double MERGE_TOLERANCE_HZ = 1e-7;

    public static final LineList EMPTY = new LineList(new double[0], new double[0], new double[0]);

    /** Σ |amplitude| over the lines: the size of a signal, for telling a cancelled combination from a real one. */
    public double absoluteSum() {
        double t = 0;
        for (int k = 0; k < frequencyHz.length; k++) {
            t += Math.hypot(amplitudeRe[k], amplitudeIm[k]);
        }
        return t;
    }

    /** The complex conjugate signal: every line at −f with amplitude a* (the mirror image of the spectrum). */
    public LineList conjugate() {
        double[] f = new double[frequencyHz.length];
        double[] im = new double[amplitudeIm.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = -frequencyHz[i];
            im[i] = -amplitudeIm[i];
        }
        return new LineList(f, amplitudeRe.clone(), im);
    }

    public int size() {
        return frequencyHz.length;
    }

    /** All lines of both, amplitudes of {@code other} multiplied by w. */
    public LineList plus(LineList other, double w) {
        int n = size();
        int m = other.size();
        double[] f = Arrays.copyOf(frequencyHz, n + m);
        double[] r = Arrays.copyOf(amplitudeRe, n + m);
        double[] i = Arrays.copyOf(amplitudeIm, n + m);
        for (int k = 0; k < m; k++) {
            f[n + k] = other.frequencyHz[k];
            r[n + k] = w * other.amplitudeRe[k];
            i[n + k] = w * other.amplitudeIm[k];
        }
        return new LineList(f, r, i);
    }

    /**
     * Sorts by frequency, adds the amplitudes of lines within {@link #MERGE_TOLERANCE_HZ} of each other (degenerate
     * transitions of equivalent spins), and drops lines whose amplitude is below {@code relativeFloor} times the
     * largest: numerical dust from forbidden transitions.
     */
    public LineList merged(double relativeFloor) {
        int n = size();
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(frequencyHz[a], frequencyHz[b]));
        double[] f = new double[n];
        double[] r = new double[n];
        double[] i = new double[n];
        int out = -1;
        double groupStart = Double.NaN;
        for (int k = 0; k < n; k++) {
            int src = order[k];
            if (out >= 0 && frequencyHz[src] - groupStart <= MERGE_TOLERANCE_HZ) {
                r[out] += amplitudeRe[src];
                i[out] += amplitudeIm[src];
            } else {
                out++;
                groupStart = frequencyHz[src];
                f[out] = frequencyHz[src];
                r[out] = amplitudeRe[src];
                i[out] = amplitudeIm[src];
            }
        }
        int count = out + 1;
        double max = 0;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, Math.hypot(r[k], i[k]));
        }
        double floor = max * relativeFloor;
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (Math.hypot(r[k], i[k]) > floor) {
                f[kept] = f[k];
                r[kept] = r[k];
                i[kept] = i[k];
                kept++;
            }
        }
        return new LineList(Arrays.copyOf(f, kept), Arrays.copyOf(r, kept), Arrays.copyOf(i, kept));
    }

    /** Σ A_l: the signal at t = 0. */
    public double[] sumAtZero() {
        double sr = 0;
        double si = 0;
        for (int k = 0; k < size(); k++) {
            sr += amplitudeRe[k];
            si += amplitudeIm[k];
        }
        return new double[] {sr, si};
    }

    /**
     * Samples the signal at t = k·dwell with Lorentzian (exp(−π·L·t)) and Gaussian (exp(−(π·G·t)²/(4 ln 2)))
     * apodisation, L and G being the FWHM in Hz of the resulting lines.
     *
     * <p>Each line is built by the recurrence w ← w·z with z = exp(i·2π·ν·dwell), re-anchored to the exact value
     * every 256 points so that rounding cannot accumulate.
     */
    public Fid toFid(int points, double dwellS, double lorentzianFwhmHz, double gaussianFwhmHz) {
        double[] re = new double[points];
        double[] im = new double[points];
        final int anchor = 256;
        for (int l = 0; l < size(); l++) {
            double ar = amplitudeRe[l];
            double ai = amplitudeIm[l];
            double w = 2 * Math.PI * frequencyHz[l] * dwellS;
            double zr = Math.cos(w);
            double zi = Math.sin(w);
            double cr = 0;
            double ci = 0;
            for (int k = 0; k < points; k++) {
                if (k % anchor == 0) {
                    double ph = w * k;
                    double pr = Math.cos(ph);
                    double pi = Math.sin(ph);
                    cr = ar * pr - ai * pi;
                    ci = ar * pi + ai * pr;
                }
                re[k] += cr;
                im[k] += ci;
                double nr = cr * zr - ci * zi;
                ci = cr * zi + ci * zr;
                cr = nr;
            }
        }
        if (lorentzianFwhmHz > 0 || gaussianFwhmHz > 0) {
            double gk = Math.PI * gaussianFwhmHz / (2 * Math.sqrt(Math.log(2)));
            for (int k = 0; k < points; k++) {
                double t = k * dwellS;
                double d = Math.exp(-Math.PI * lorentzianFwhmHz * t - gk * gk * t * t);
                re[k] *= d;
                im[k] *= d;
            }
        }
        return new Fid(re, im, dwellS);
    }
}
