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
     *
     * <p>Four lines are stepped together: one line's recurrence is a chain of dependent multiplications that leaves
     * the core idle between them, four independent chains fill it (about 3× faster for a metabolite of a few
     * hundred lines). Each point still receives the lines one by one in their order, so the sums, and the FID, are
     * the same to the bit as line after line ({@code LineListTest}).
     */
    public Fid toFid(int points, double dwellS, double lorentzianFwhmHz, double gaussianFwhmHz) {
        double[] re = new double[points];
        double[] im = new double[points];
        int l = 0;
        for (; l + 4 <= size(); l += 4) {
            addFourLines(l, re, im, points, dwellS);
        }
        for (; l < size(); l++) {
            addLine(l, re, im, points, dwellS);
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

    /** Points between re-anchorings of the recurrence: short enough that rounding cannot accumulate. */
    private static final int ANCHOR = 256;

    /** Adds line l to (re, im): its exact value every {@link #ANCHOR} points, the recurrence between. */
    private void addLine(int l, double[] re, double[] im, int points, double dwellS) {
        double ar = amplitudeRe[l];
        double ai = amplitudeIm[l];
        double w = 2 * Math.PI * frequencyHz[l] * dwellS;
        double zr = Math.cos(w);
        double zi = Math.sin(w);
        for (int start = 0; start < points; start += ANCHOR) {
            double ph = w * start;
            double pr = Math.cos(ph);
            double pi = Math.sin(ph);
            double cr = ar * pr - ai * pi;
            double ci = ar * pi + ai * pr;
            int end = Math.min(points, start + ANCHOR);
            for (int k = start; k < end; k++) {
                re[k] += cr;
                im[k] += ci;
                double nr = cr * zr - ci * zi;
                ci = cr * zi + ci * zr;
                cr = nr;
            }
        }
    }

    /** As {@link #addLine} for lines l … l+3 at once, adding them to each point in that order. */
    private void addFourLines(int l, double[] re, double[] im, int points, double dwellS) {
        double w0 = 2 * Math.PI * frequencyHz[l] * dwellS;
        double w1 = 2 * Math.PI * frequencyHz[l + 1] * dwellS;
        double w2 = 2 * Math.PI * frequencyHz[l + 2] * dwellS;
        double w3 = 2 * Math.PI * frequencyHz[l + 3] * dwellS;
        double z0r = Math.cos(w0);
        double z0i = Math.sin(w0);
        double z1r = Math.cos(w1);
        double z1i = Math.sin(w1);
        double z2r = Math.cos(w2);
        double z2i = Math.sin(w2);
        double z3r = Math.cos(w3);
        double z3i = Math.sin(w3);
        for (int start = 0; start < points; start += ANCHOR) {
            double p0r = Math.cos(w0 * start);
            double p0i = Math.sin(w0 * start);
            double p1r = Math.cos(w1 * start);
            double p1i = Math.sin(w1 * start);
            double p2r = Math.cos(w2 * start);
            double p2i = Math.sin(w2 * start);
            double p3r = Math.cos(w3 * start);
            double p3i = Math.sin(w3 * start);
            double c0r = amplitudeRe[l] * p0r - amplitudeIm[l] * p0i;
            double c0i = amplitudeRe[l] * p0i + amplitudeIm[l] * p0r;
            double c1r = amplitudeRe[l + 1] * p1r - amplitudeIm[l + 1] * p1i;
            double c1i = amplitudeRe[l + 1] * p1i + amplitudeIm[l + 1] * p1r;
            double c2r = amplitudeRe[l + 2] * p2r - amplitudeIm[l + 2] * p2i;
            double c2i = amplitudeRe[l + 2] * p2i + amplitudeIm[l + 2] * p2r;
            double c3r = amplitudeRe[l + 3] * p3r - amplitudeIm[l + 3] * p3i;
            double c3i = amplitudeRe[l + 3] * p3i + amplitudeIm[l + 3] * p3r;
            int end = Math.min(points, start + ANCHOR);
            for (int k = start; k < end; k++) {
                re[k] = re[k] + c0r + c1r + c2r + c3r;
                im[k] = im[k] + c0i + c1i + c2i + c3i;
                double n0 = c0r * z0r - c0i * z0i;
                c0i = c0r * z0i + c0i * z0r;
                c0r = n0;
                double n1 = c1r * z1r - c1i * z1i;
                c1i = c1r * z1i + c1i * z1r;
                c1r = n1;
                double n2 = c2r * z2r - c2i * z2i;
                c2i = c2r * z2i + c2i * z2r;
                c2r = n2;
                double n3 = c3r * z3r - c3i * z3i;
                c3i = c3r * z3i + c3i * z3r;
                c3r = n3;
            }
        }
    }
}
