package org.larmor.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stacked traces scaled each to the tallest (by default) or shared; distinct colours; a legend heading. */
class StackScaleAndColourTest {
    static Series peak(String name, double height) {
        double[] x = new double[101];
        double[] y = new double[101];
        for (int k = 0; k < x.length; k++) {
            x[k] = k * 0.01;
            y[k] = height * Math.exp(-Math.pow((x[k] - 0.5) / 0.05, 2));
        }
        return new Series(name, x, y);
    }

    static double height(Series s) {
        double[] r = s.yRange(0, 1);
        return Math.max(Math.abs(r[0]), Math.abs(r[1]));
    }

    @Test
    void stackedTracesAreScaledEachToTheTallestByDefault() {
        Plot p = new Plot("t", Axis.PPM, "y", List.of(peak("NAA", 1.0), peak("GABA", 0.05)), Layout.STACKED, 0, 1,
                false);
        assertEquals(Scale.PER_TRACE, p.scale());
        List<Series> s = PlotRenderer.scaledForStack(p, new double[] {0, 1});
        assertEquals(height(s.get(0)), height(s.get(1)), 1e-12, "the multiplet is as tall as the singlet");
        assertEquals("NAA", s.get(0).name());
        assertEquals("GABA ×20", s.get(1).name());

        List<Series> shared = PlotRenderer.scaledForStack(p.withScale(Scale.SHARED), new double[] {0, 1});
        assertEquals(0.05, height(shared.get(1)), 1e-12);
        assertEquals("GABA", shared.get(1).name());
        assertEquals(Scale.SHARED, Scale.parse("shared"));
        assertEquals(Scale.PER_TRACE, Scale.parse("Per-Trace"));
        assertThrows(IllegalArgumentException.class, () -> Scale.parse("log"));
    }

    @Test
    void aZeroTraceIsNotMagnifiedIntoNoise() {
        Plot p = new Plot("t", Axis.PPM, "y", List.of(peak("NAA", 1.0), peak("zero", 1e-12)), Layout.STACKED, 0, 1,
                false);
        assertEquals("zero", PlotRenderer.scaledForStack(p, new double[] {0, 1}).get(1).name());
    }

    /** Twelve colours, all different, none black (black is the emphasised total of a components plot). */
    @Test
    void coloursAreDistinctAndNoneIsTheTotalsBlack() {
        Set<Color> seen = new HashSet<>();
        for (Color c : PlotRenderer.PALETTE) {
            assertNotEquals(Color.BLACK, c);
            assertTrue(seen.add(c), "repeated " + c);
        }
        assertTrue(PlotRenderer.PALETTE.length >= 12);
        List<Series> eight = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(peak("c" + i, 1));
        }
        var chart = PlotRenderer.chart(new Plot("t", Axis.PPM, "y", eight, Layout.OVERLAID, 0, 1, true), 500);
        var r = chart.getXYPlot().getRenderer();
        assertEquals(Color.BLACK, r.getSeriesPaint(0));
        Set<Object> paints = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            paints.add(r.getSeriesPaint(i));
        }
        assertEquals(8, paints.size(), "the total and seven components in eight colours");
    }

    @Test
    void theLegendHasAHeading() {
        Plot p = new Plot("t", Axis.PPM, "y", List.of(peak("spectrum", 1), peak("metabolites", 0.5)),
                Layout.OVERLAID, 0, 1, true, Scale.PER_TRACE, "Spectrum and components");
        String svg = PlotRenderer.svg(p, 600, 400, "x");
        assertTrue(svg.contains(">Spectrum and components<"), "legend heading drawn");
        assertFalse(PlotRenderer.svg(p.withLegendTitle(null), 600, 400, "x").contains("Spectrum and components"));
    }
}
