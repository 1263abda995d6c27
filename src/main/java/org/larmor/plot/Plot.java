package org.larmor.plot;

import java.util.List;

/**
 * A chart to draw: named series against one x axis. Generic on purpose: basis spectra, a synthetic spectrum with its
 * components and a pulse profile are all lists of series, on a ppm or Hz axis.
 *
 * @param title          title above the chart (may be empty)
 * @param xAxis          x axis label and direction
 * @param yLabel         y axis label
 * @param series         the curves, drawn in order (for {@link Layout#STACKED}, the first on top)
 * @param layout         overlaid or stacked
 * @param xLow           lower end of the x range shown, in the axis unit; NaN for the data's range
 * @param xHigh          upper end of the x range shown; NaN for the data's range
 * @param emphasiseFirst draw the first series in heavier black (a total, over its components)
 * @param scale          for {@link Layout#STACKED}: each trace to the tallest's height, or one shared scale
 * @param legendTitle    heading of the legend (overlaid plots), e.g. "Components of spectrum_0000000"; null for none
 */
public record Plot(String title, Axis xAxis, String yLabel, List<Series> series, Layout layout, double xLow,
                   double xHigh, boolean emphasiseFirst, Scale scale, String legendTitle) {
    /** Longest title drawn (characters); longer ones are cut with an ellipsis by {@link #shortTitle()}. */
    public static final int MAX_TITLE = 200;

    /** A plot scaled per trace when stacked, without a legend title. */
    public Plot(String title, Axis xAxis, String yLabel, List<Series> series, Layout layout, double xLow,
                double xHigh, boolean emphasiseFirst) {
        this(title, xAxis, yLabel, series, layout, xLow, xHigh, emphasiseFirst, Scale.PER_TRACE, null);
    }

    public Plot {
        series = List.copyOf(series);
        if (scale == null) {
            scale = Scale.PER_TRACE;
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a plot needs at least one series");
        }
        if (Double.isNaN(xLow) != Double.isNaN(xHigh)) {
            throw new IllegalArgumentException("give both ends of the x range, or neither");
        }
        if (!Double.isNaN(xLow) && !(xLow < xHigh)) {
            throw new IllegalArgumentException("x range " + xLow + " to " + xHigh + ": the low end must be below the"
                    + " high end");
        }
    }

    /** Overlaid series over the data's x range. */
    public static Plot of(String title, Axis xAxis, String yLabel, List<Series> series) {
        return new Plot(title, xAxis, yLabel, series, Layout.OVERLAID, Double.NaN, Double.NaN, false);
    }

    public Plot withLayout(Layout l) {
        return new Plot(title, xAxis, yLabel, series, l, xLow, xHigh, emphasiseFirst, scale, legendTitle);
    }

    /** The same plot showing x from {@code low} to {@code high} (in the axis unit; order irrelevant). */
    public Plot withRange(double low, double high) {
        return new Plot(title, xAxis, yLabel, series, layout, Math.min(low, high), Math.max(low, high),
                emphasiseFirst, scale, legendTitle);
    }

    public Plot withTitle(String t) {
        return new Plot(t, xAxis, yLabel, series, layout, xLow, xHigh, emphasiseFirst, scale, legendTitle);
    }

    public Plot emphasisingFirst() {
        return new Plot(title, xAxis, yLabel, series, layout, xLow, xHigh, true, scale, legendTitle);
    }

    /**
     * The title as drawn: at most {@link #MAX_TITLE} characters, a longer one cut with "…" (line-wrapping a very long
     * title is quadratic in its length); null when there is none.
     */
    public String shortTitle() {
        if (title == null || title.isEmpty()) {
            return null;
        }
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    public Plot withScale(Scale s) {
        return new Plot(title, xAxis, yLabel, series, layout, xLow, xHigh, emphasiseFirst, s, legendTitle);
    }

    public Plot withLegendTitle(String t) {
        return new Plot(title, xAxis, yLabel, series, layout, xLow, xHigh, emphasiseFirst, scale, t);
    }

    /** The x range shown: the one set, or the extent of all series. */
    public double[] xRange() {
        if (!Double.isNaN(xLow)) {
            return new double[] {xLow, xHigh};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.x()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo < hi)) {
            return new double[] {lo - 1, lo + 1};
        }
        return new double[] {lo, hi};
    }
}
