package org.larmor.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plots are real images of the size asked for, with the ppm axis decreasing from left to right. */
class PlotRendererTest {
    private static final double MHZ = 123.2;

    /** A singlet at {@code ppm} in the on-disk convention (receiver at 4.65 ppm), 3 Hz wide. */
    static Fid singlet(double ppm) {
        int n = 2048;
        double dwell = 2.5e-4;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double t = k * dwell;
            double a = -2 * Math.PI * (ppm - 4.65) * MHZ * t;
            re[k] = 3 * Math.exp(-Math.PI * 3 * t) * Math.cos(a);
            im[k] = 3 * Math.exp(-Math.PI * 3 * t) * Math.sin(a);
        }
        return new Fid(re, im, dwell);
    }

    static Plot basisPlot(Layout layout) {
        Map<String, Fid> fids = new LinkedHashMap<>();
        fids.put("NAA", singlet(2.01));
        fids.put("Cr", singlet(3.03));
        fids.put("Cho", singlet(3.2));
        return SpectrumPlots.basis("test basis", fids, MHZ, 4.65, SpectrumPart.REAL, layout, 0, 4.5);
    }

    @Test
    void pngIsANonUniformImageOfTheRequestedSize() throws Exception {
        for (Layout layout : Layout.values()) {
            byte[] png = PlotRenderer.png(basisPlot(layout), 640, 360);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(640, img.getWidth());
            assertEquals(360, img.getHeight());
            assertTrue(distinctColours(img) > 10, layout + ": the image is not blank");
        }
    }

    /**
     * One singlet at 3.0 ppm on a 0–4.5 ppm axis drawn decreasing to the right: its peak is a third of the way
     * across the plot from the left ((4.5 − 3.0)/4.5), not two thirds.
     */
    @Test
    void ppmAxisDecreasesFromLeftToRight() throws Exception {
        Plot p = SpectrumPlots.basis("", Map.of("line", singlet(3.0)), MHZ, 4.65, SpectrumPart.REAL,
                Layout.OVERLAID, 0, 4.5);
        assertTrue(PlotRenderer.chart(p, 900).getXYPlot().getDomainAxis().isInverted());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(PlotRenderer.png(p, 900, 400)));
        // The highest coloured (non-grey) pixel is the top of the peak.
        int peakX = -1;
        for (int y = 0; y < img.getHeight() && peakX < 0; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (b > 150 && r < 60) {
                    peakX = x;
                    break;
                }
            }
        }
        double fraction = (double) peakX / img.getWidth();
        assertTrue(fraction > 0.25 && fraction < 0.45, "peak at " + fraction + " of the width");
    }

    @Test
    void svgParsesAsXmlWithTheRequestedSize(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("basis.svg");
        PlotRenderer.write(basisPlot(Layout.STACKED), file, 800, 500);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element svg = doc.getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertEquals("800", svg.getAttribute("width"));
        assertEquals("500", svg.getAttribute("height"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String name : List.of("NAA", "Cr", "Cho", "Chemical shift (ppm)")) {
            // Stacked labels carry the per-trace magnification, "Cr ×1.3".
            assertTrue(text.contains(">" + name + "<") || text.contains(">" + name + " ×"), name);
        }
        assertTrue(svg.getElementsByTagName("path").getLength() >= 3, "one path per spectrum");
        assertTrue(text.length() < 200_000, "lines are drawn as paths, not segment by segment: " + text.length());
    }

    @Test
    void pngFileAndUnknownExtension(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("sub/basis.png");
        PlotRenderer.write(basisPlot(Layout.OVERLAID), png, 300, 200);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
        InputException e = assertThrows(InputException.class,
                () -> PlotRenderer.write(basisPlot(Layout.OVERLAID), tmp.resolve("basis.jpg"), 300, 200));
        assertTrue(e.getMessage().contains(".png or .svg"), e.getMessage());
    }

    @Test
    void aSpectrumWithItsComponentsAndAPulseProfileAreGenericSeries() throws Exception {
        Fid naa = singlet(2.01);
        Fid cr = singlet(3.03);
        Plot synth = SpectrumPlots.withComponents("synthetic", "spectrum", naa.plus(cr, 1),
                Map.of("NAA", naa, "Cr", cr), MHZ, 4.65, SpectrumPart.REAL, 0, 4.5);
        assertTrue(synth.emphasiseFirst());
        assertEquals(3, synth.series().size());
        double[] offsets = new double[201];
        double[] mz = new double[201];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = -2000 + 20 * k;
            mz[k] = Math.abs(offsets[k]) < 500 ? -1 : 1;
        }
        Plot profile = SpectrumPlots.profile("inversion", offsets, Map.of("Mz", mz), "Magnetisation (M0)");
        assertEquals(Axis.HZ, profile.xAxis());
        for (Plot p : List.of(synth, profile)) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(PlotRenderer.png(p, 400, 300)));
            assertTrue(distinctColours(img) > 10);
        }
        assertTrue(!PlotRenderer.chart(profile, 400).getXYPlot().getDomainAxis().isInverted(),
                "Hz axes increase to the right");
    }

    @Test
    void denseSeriesAreThinnedToTwoPointsPerColumnKeepingExtremes() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k;
            y[k] = Math.sin(k * 0.01) + (k == 54_321 ? 10 : 0);
        }
        Series s = PlotRenderer.thinned(new Series("s", x, y), new double[] {0, n - 1}, 500);
        assertTrue(s.points() <= 1000, "" + s.points());
        assertEquals(10 + Math.sin(543.21), java.util.Arrays.stream(s.y()).max().orElseThrow(), 1e-12);
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
