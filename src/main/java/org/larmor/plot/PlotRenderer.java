package org.larmor.plot;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.larmor.input.InputException;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Plot} with JFreeChart, to PNG (Java2D raster) or SVG (JFreeSVG). Lines are thinned to at most two
 * points (minimum and maximum) per horizontal pixel column, which leaves the picture unchanged and keeps SVG files
 * small. Rendering is headless: no display is needed.
 */
public final class PlotRenderer {
    /**
     * Twelve distinct colours: the colour-blind-safe palette of Okabe and Ito (2008) without its black, then Paul
     * Tol's dark colours. Black is kept for an emphasised total, so no component or condition is drawn like it; a
     * plot of more than twelve series repeats colours only from the thirteenth.
     */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(136, 34, 85), new Color(51, 34, 136),
        new Color(17, 119, 51), new Color(153, 153, 51), new Color(170, 68, 153), new Color(102, 102, 102)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PlotRenderer() {
    }

    /** The plot as a PNG image of {@code width} × {@code height} pixels. */
    public static byte[] png(Plot plot, int width, int height) {
        checkSize(width, height);
        BufferedImage img = chart(plot, width).createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The plot as an SVG {@code <svg>} element of {@code width} × {@code height} (pixels), with the SVG namespace
     * declared, so it can stand alone or be inlined in an (X)HTML page.
     *
     * @param idPrefix prefix of the element ids it defines (clip paths); give each SVG inlined in one page its own
     */
    public static String svg(Plot plot, int width, int height, String idPrefix) {
        return svg(chart(plot, width), width, height, idPrefix);
    }

    /**
     * A chart from {@link #chart} as SVG, for a caller that restyles its series first (e.g. one colour per cohort,
     * dashed ±SD lines).
     */
    public static String svg(JFreeChart chart, int width, int height, String idPrefix) {
        checkSize(width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix);
        g.setGeomDoubleConverter(v -> trim(String.format(Locale.ROOT, "%.2f", v)));
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(null);
    }

    /** The i-th colour of the palette (cycling), for callers restyling a chart. */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * Writes the plot to {@code file}, as PNG or SVG according to its extension (.png, .svg), all-or-nothing (see
     * {@link AtomicWrite}): on failure the file is as it was.
     *
     * @throws InputException if the extension is neither
     */
    public static void write(Plot plot, Path file, int width, int height) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (n.endsWith(".png")) {
            bytes = png(plot, width, height);
        } else if (n.endsWith(".svg")) {
            bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(plot, width, height, "p")
                    + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            throw InputException.of(file.toString(), "unknown image type: name the file .png or .svg");
        }
        AtomicWrite.write(file, bytes);
    }

    /** The JFreeChart for a plot that will be drawn {@code width} pixels wide. */
    public static JFreeChart chart(Plot plot, int width) {
        double[] xr = plot.xRange();
        DefaultXYDataset data = new DefaultXYDataset();
        List<Series> drawn = arranged(plot, xr);
        for (int i = 0; i < drawn.size(); i++) {
            Series s = thinned(drawn.get(i), xr, Math.max(width, 100));
            // Keys must be unique; the legend shows the key, so keep the name and disambiguate only repeats.
            String key = s.name();
            int dup = 2;
            while (data.indexOf(key) >= 0) {
                key = s.name() + " (" + dup++ + ")";
            }
            data.addSeries(key, new double[][] {s.x(), s.y()});
        }
        boolean stacked = plot.layout() == Layout.STACKED && plot.series().size() > 1;
        JFreeChart chart = ChartFactory.createXYLineChart(plot.shortTitle(), plot.xAxis().label(), plot.yLabel(), data, PlotOrientation.VERTICAL,
                !stacked && plot.series().size() > 1, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        if (chart.getLegend() != null && plot.legendTitle() != null && !plot.legendTitle().isBlank()) {
            // Drawn above the legend (subtitles take space from the bottom edge in order).
            String lt = plot.legendTitle().length() <= Plot.MAX_TITLE ? plot.legendTitle()
                    : plot.legendTitle().substring(0, Plot.MAX_TITLE - 1) + "…";
            org.jfree.chart.title.TextTitle t = new org.jfree.chart.title.TextTitle(lt,
                    new Font(Font.SANS_SERIF, Font.BOLD, 11));
            t.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
            t.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(t);
        }
        XYPlot xy = chart.getXYPlot();
        xy.setBackgroundPaint(Color.WHITE);
        xy.setDomainGridlinePaint(new Color(225, 225, 225));
        xy.setRangeGridlinePaint(new Color(225, 225, 225));
        xy.setOutlineVisible(false);
        xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
        NumberAxis x = (NumberAxis) xy.getDomainAxis();
        x.setInverted(plot.xAxis().reversed());
        x.setAutoRangeIncludesZero(false);
        x.setRange(xr[0], xr[1]);
        NumberAxis y = (NumberAxis) xy.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < drawn.size(); i++) {
            boolean heavy = plot.emphasiseFirst() && i == 0;
            r.setSeriesPaint(i, heavy ? Color.BLACK : PALETTE[(plot.emphasiseFirst() ? i - 1 : i) % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(heavy ? 1.6f : 1.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
        }
        xy.setRenderer(r);
        if (stacked) {
            y.setTickLabelsVisible(false);
            y.setTickMarksVisible(false);
            xy.setRangeGridlinesVisible(false);
            List<Series> scaled = scaledForStack(plot, xr);
            double[] offsets = stackOffsets(scaled, xr);
            double left = plot.xAxis().reversed() ? xr[1] : xr[0];
            double inset = (xr[1] - xr[0]) * 0.01 * (plot.xAxis().reversed() ? -1 : 1);
            for (int i = 0; i < drawn.size(); i++) {
                XYTextAnnotation a = new XYTextAnnotation(scaled.get(i).name(), left + inset,
                        offsets[i] + offsets[offsets.length - 1] * 0.15);
                a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                a.setPaint(Color.DARK_GRAY);
                xy.addAnnotation(a);
            }
        }
        return chart;
    }

    /** The series as drawn: shifted onto their own baselines when stacked. */
    private static List<Series> arranged(Plot plot, double[] xr) {
        if (plot.layout() != Layout.STACKED || plot.series().size() == 1) {
            return plot.series();
        }
        List<Series> scaled = scaledForStack(plot, xr);
        double[] offsets = stackOffsets(scaled, xr);
        List<Series> out = new ArrayList<>();
        for (int i = 0; i < scaled.size(); i++) {
            out.add(scaled.get(i).shifted(1, offsets[i]));
        }
        return out;
    }

    /**
     * The series of a stacked plot as scaled: with {@link Scale#PER_TRACE} each is magnified to the height (in the x
     * range) of the tallest, its label followed by the factor ("GABA ×12") when that is above 1.05; with
     * {@link Scale#SHARED}, as they are.
     */
    static List<Series> scaledForStack(Plot plot, double[] xr) {
        if (plot.scale() != Scale.PER_TRACE) {
            return plot.series();
        }
        double[] height = new double[plot.series().size()];
        double tallest = 0;
        for (int i = 0; i < height.length; i++) {
            double[] r = plot.series().get(i).yRange(xr[0], xr[1]);
            height[i] = Double.isFinite(r[0]) ? Math.max(Math.abs(r[0]), Math.abs(r[1])) : 0;
            tallest = Math.max(tallest, height[i]);
        }
        List<Series> out = new ArrayList<>();
        for (int i = 0; i < height.length; i++) {
            Series s = plot.series().get(i);
            // A trace that is (numerically) zero is left as it is rather than magnified into noise.
            double f = height[i] > tallest * 1e-4 ? tallest / height[i] : 1;
            Series t = s.shifted(f, 0);
            out.add(f > 1.05 ? new Series(s.name() + " ×" + factor(f), t.x(), t.y()) : new Series(s.name(), t.x(),
                    t.y()));
        }
        return out;
    }

    /** A magnification for a label: 1.5, 12, 340 (two significant digits). */
    private static String factor(double f) {
        return f < 10 ? trim(String.format(Locale.ROOT, "%.1f", f)) : new java.math.BigDecimal(f)
                .round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** Baseline of each stacked series (first on top), then the spacing between baselines as a last element. */
    private static double[] stackOffsets(List<Series> series, double[] xr) {
        int n = series.size();
        double span = 0;
        double below = 0;
        for (Series s : series) {
            double[] r = s.yRange(xr[0], xr[1]);
            if (Double.isFinite(r[0])) {
                span = Math.max(span, r[1] - Math.min(r[0], 0));
                below = Math.max(below, -Math.min(r[0], 0));
            }
        }
        double step = span > 0 ? span * 1.08 : 1;
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = (n - 1 - i) * step + below;
        }
        out[n] = step;
        return out;
    }

    /**
     * At most a minimum and a maximum per column of {@code columns} over the x range, in drawing order. Sparse series
     * are only clipped to the range, keeping the points just outside it so that lines reach the edges.
     */
    static Series thinned(Series s, double[] xr, int columns) {
        int n = s.points();
        if (n <= 4 * columns) {
            return clipped(s, xr);
        }
        double[] x = s.x();
        double[] y = s.y();
        List<double[]> kept = new ArrayList<>();
        int k = 0;
        while (k < n) {
            if (x[k] < xr[0] || x[k] > xr[1] || !Double.isFinite(y[k])) {
                k++;
                continue;
            }
            int col = column(x[k], xr, columns);
            int lo = k;
            int hi = k;
            int j = k;
            while (j < n && x[j] >= xr[0] && x[j] <= xr[1] && column(x[j], xr, columns) == col) {
                if (Double.isFinite(y[j])) {
                    if (y[j] < y[lo]) {
                        lo = j;
                    }
                    if (y[j] > y[hi]) {
                        hi = j;
                    }
                }
                j++;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            kept.add(new double[] {x[first], y[first]});
            if (second != first) {
                kept.add(new double[] {x[second], y[second]});
            }
            k = j;
        }
        double[] ox = new double[kept.size()];
        double[] oy = new double[kept.size()];
        for (int i = 0; i < ox.length; i++) {
            ox[i] = kept.get(i)[0];
            oy[i] = kept.get(i)[1];
        }
        return new Series(s.name(), ox, oy);
    }

    private static Series clipped(Series s, double[] xr) {
        double[] x = s.x();
        int n = x.length;
        boolean[] keep = new boolean[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            boolean in = x[k] >= xr[0] && x[k] <= xr[1];
            boolean nearIn = (k > 0 && x[k - 1] >= xr[0] && x[k - 1] <= xr[1])
                    || (k < n - 1 && x[k + 1] >= xr[0] && x[k + 1] <= xr[1]);
            keep[k] = in || nearIn;
            if (keep[k]) {
                count++;
            }
        }
        double[] ox = new double[count];
        double[] oy = new double[count];
        int i = 0;
        for (int k = 0; k < n; k++) {
            if (keep[k]) {
                ox[i] = x[k];
                oy[i++] = s.y()[k];
            }
        }
        return new Series(s.name(), ox, oy);
    }

    private static int column(double x, double[] xr, int columns) {
        return (int) Math.min(columns - 1, Math.floor((x - xr[0]) / (xr[1] - xr[0]) * columns));
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        String t = s.substring(0, end);
        return t.equals("-0") ? "0" : t;
    }

    private static void checkSize(int width, int height) {
        if (width < 50 || height < 50 || width > 20000 || height > 20000) {
            throw new IllegalArgumentException("image size " + width + "×" + height + ": expected 50 to 20000 pixels"
                    + " each way");
        }
    }
}
