package org.larmor.signal;

import java.util.Arrays;

/**
 * A complex free-induction decay sampled at t = k·dwell, k = 0 … points−1, in the on-disk sign convention
 * (a line at δ ppm rotates as exp(−i·2π·(δ − ref)·f0·t); see docs/conventions.md).
 *
 * <p>The arrays are owned by this object and must not be modified by callers; the methods return new FIDs.
 *
 * @param re     real parts
 * @param im     imaginary parts (same length)
 * @param dwellS sampling interval in seconds
 */
public record Fid(double[] re, double[] im, double dwellS) {
    public Fid {
        if (re.length != im.length) {
            throw new IllegalArgumentException("re and im differ in length");
        }
        if (!(dwellS > 0)) {
            throw new IllegalArgumentException("dwell must be positive");
        }
    }

    public static Fid zeros(int points, double dwellS) {
        return new Fid(new double[points], new double[points], dwellS);
    }

    public int points() {
        return re.length;
    }

    public double spectralWidthHz() {
        return 1.0 / dwellS;
    }

    /** this + w·other, point by point. */
    public Fid plus(Fid other, double w) {
        requireSameGrid(other);
        double[] r = re.clone();
        double[] i = im.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] += w * other.re[k];
            i[k] += w * other.im[k];
        }
        return new Fid(r, i, dwellS);
    }

    /** Complex conjugate: the same signal in the opposite (left-handed) frequency convention. */
    public Fid conjugate() {
        double[] i = im.clone();
        for (int k = 0; k < i.length; k++) {
            i[k] = -i[k];
        }
        return new Fid(re.clone(), i, dwellS);
    }

    public void requireSameGrid(Fid other) {
        if (other.points() != points() || Math.abs(other.dwellS - dwellS) > 1e-12 * dwellS) {
            throw new IllegalArgumentException("FIDs on different time grids: " + points() + " points at "
                    + dwellS + " s vs " + other.points() + " at " + other.dwellS + " s");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fid f && f.dwellS == dwellS && Arrays.equals(f.re, re) && Arrays.equals(f.im, im);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(re) * 31 + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        return "Fid[" + points() + " points, dwell " + dwellS + " s]";
    }
}
