package org.larmor.plot;

/**
 * One named curve: y against x, in the units of the plot's axes (ppm or Hz against arbitrary units, for example).
 * The points are drawn in array order, so x need not be sorted (a spectrum in ascending frequency is in descending
 * ppm). The arrays are owned by this object and must not be modified by callers.
 *
 * @param name legend or stack label
 * @param x    abscissa of each point, in the x axis's unit
 * @param y    ordinate of each point (same length)
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series \"" + name + "\": " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    public int points() {
        return x.length;
    }

    /** Smallest and largest y among the points whose x lies in [xLow, xHigh] (either order); {NaN, NaN} if none. */
    public double[] yRange(double xLow, double xHigh) {
        double lo = Math.min(xLow, xHigh);
        double hi = Math.max(xLow, xHigh);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            if (x[k] >= lo && x[k] <= hi && Double.isFinite(y[k])) {
                min = Math.min(min, y[k]);
                max = Math.max(max, y[k]);
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }

    /** The same points with y multiplied by {@code scale} and shifted by {@code offset}. */
    public Series shifted(double scale, double offset) {
        double[] v = new double[y.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = y[k] * scale + offset;
        }
        return new Series(name, x, v);
    }
}
