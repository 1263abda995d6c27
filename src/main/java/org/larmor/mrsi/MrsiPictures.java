package org.larmor.mrsi;

import org.larmor.synth.Fft;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of an MRSI dataset (PNG): {@code report/maps.png}, the truth maps (NAA, total creatine, total choline,
 * lipid fraction, B0, B1, linewidth) above the maps measured from the noisy data (the real spectrum's integral over
 * each metabolite's window, PSF and lipid bleed included); and {@code report/voxel_grid.png}, the real spectra
 * (4.2–0.5 ppm) of the central slice's voxels on their grid, on the scale of the largest voxel without lipid
 * (lipid voxels are clipped). Each map is scaled from its own minimum to maximum.
 */
public final class MrsiPictures {
    private static final int CELL = 6;

    private MrsiPictures() {
    }

    /** Relative path → PNG bytes. */
    public static Map<String, byte[]> draw(MrsiResult r) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        double[][] spectra = spectra(r);
        out.put("report/maps.png", png(maps(r, spectra)));
        out.put("report/voxel_grid.png", png(grid(r, spectra)));
        out.put("report/index.html", html(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    /** Real spectrum of each voxel of the central slice (noisy data), fftshifted: index 0 at −SW/2. */
    private static double[][] spectra(MrsiResult r) {
        int n = r.points();
        int[] m = r.matrix();
        int z = m[2] / 2;
        double[][] s = new double[m[0] * m[1]][];
        Fft fft = Integer.bitCount(n) == 1 ? new Fft(n) : null;
        for (int y = 0; y < m[1]; y++) {
            for (int x = 0; x < m[0]; x++) {
                double[][] fid = r.voxelFid(r.voxel(x, y, z));
                fid[0][0] *= 0.5;
                fid[1][0] *= 0.5;
                double[] re = fid[0];
                double[] im = fid[1];
                if (fft != null) {
                    fft.forward(re, im);
                } else {
                    double[][] f = org.larmor.signal.Fourier.forward(re, im);
                    re = f[0];
                }
                double[] shifted = new double[n];
                for (int i = 0; i < n; i++) {
                    shifted[i] = re[(i + n / 2) % n];
                }
                s[y * m[0] + x] = shifted;
            }
        }
        return s;
    }

    /** Index in the fftshifted spectrum of a chemical shift: frequency −(δ − ref)·f0 at bin f·N·dwell + N/2. */
    private static int bin(MrsiResult r, double ppm) {
        double f = -(ppm - r.basis().referencePpm()) * r.basis().hzPerPpm();
        int i = (int) Math.round(f * r.points() * r.basis().dwellS()) + r.points() / 2;
        return Math.max(0, Math.min(r.points() - 1, i));
    }

    private static double[] measured(MrsiResult r, double[][] spectra, double lo, double hi) {
        int a = bin(r, hi);
        int b = bin(r, lo);
        double[] out = new double[spectra.length];
        for (int v = 0; v < spectra.length; v++) {
            for (int i = Math.min(a, b); i <= Math.max(a, b); i++) {
                out[v] += spectra[v][i];
            }
        }
        return out;
    }

    private static double[] truthSum(MrsiResult r, String... names) {
        int[] m = r.matrix();
        int z = m[2] / 2;
        double[] out = new double[m[0] * m[1]];
        for (String name : names) {
            int q = r.basis().indexOf(name);
            if (q < 0) {
                continue;
            }
            for (int v = 0; v < out.length; v++) {
                out[v] += r.concentrationsMm()[q][z * out.length + v];
            }
        }
        return out;
    }

    private static double[] slice(MrsiResult r, double[] map) {
        int[] m = r.matrix();
        double[] out = new double[m[0] * m[1]];
        System.arraycopy(map, m[2] / 2 * out.length, out, 0, out.length);
        return out;
    }

    private static BufferedImage maps(MrsiResult r, double[][] spectra) {
        Map<String, double[]> top = new LinkedHashMap<>();
        top.put("NAA (truth, mM)", truthSum(r, "NAA", "NAAG"));
        top.put("tCr (truth)", truthSum(r, "Cr", "PCr"));
        top.put("tCho (truth)", truthSum(r, "PCh", "GPC"));
        top.put("lipid fraction", slice(r, r.fractions()[Phantom.LIPID]));
        top.put("B0 (Hz)", slice(r, r.b0Hz()));
        top.put("B1 scale", slice(r, r.b1Scale()));
        top.put("linewidth (Hz)", slice(r, r.linewidthHz()));
        Map<String, double[]> bottom = new LinkedHashMap<>();
        bottom.put("NAA 1.9-2.1 ppm (data)", measured(r, spectra, 1.9, 2.1));
        bottom.put("tCr 2.95-3.1", measured(r, spectra, 2.95, 3.1));
        bottom.put("tCho 3.15-3.3", measured(r, spectra, 3.15, 3.3));
        bottom.put("lipid 1.2-1.4", measured(r, spectra, 1.2, 1.4));
        int[] m = r.matrix();
        int w = m[0] * CELL;
        int h = m[1] * CELL;
        int pad = 22;
        int cols = top.size();
        BufferedImage img = new BufferedImage(cols * (w + 8) + 8, 2 * (h + pad + 8) + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<Map<String, double[]>> rows = List.of(top, bottom);
        for (int row = 0; row < 2; row++) {
            int c = 0;
            for (Map.Entry<String, double[]> e : rows.get(row).entrySet()) {
                int x0 = 8 + c * (w + 8);
                int y0 = 8 + row * (h + pad + 8);
                g.setColor(Color.BLACK);
                g.drawString(e.getKey(), x0, y0 + 12);
                image(g, e.getValue(), m[0], m[1], x0, y0 + pad);
                c++;
            }
        }
        g.dispose();
        return img;
    }

    private static void image(Graphics2D g, double[] v, int nx, int ny, int x0, int y0) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double d = v[y * nx + x];
                float grey = !Double.isFinite(d) || hi <= lo ? 0 : (float) ((d - lo) / (hi - lo));
                g.setColor(Double.isFinite(d) ? new Color(grey, grey, grey) : new Color(0.2f, 0f, 0f));
                // y up, as radiological pictures put anterior at the top.
                g.fillRect(x0 + x * CELL, y0 + (ny - 1 - y) * CELL, CELL, CELL);
            }
        }
    }

    private static BufferedImage grid(MrsiResult r, double[][] spectra) {
        int[] m = r.matrix();
        int cell = 36;
        BufferedImage img = new BufferedImage(m[0] * cell + 16, m[1] * cell + 36, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(r.scenario().name() + ": real spectra 4.2-0.5 ppm, one scale (the largest brain voxel's; lipid"
                + " voxels clipped)", 8, 20);
        int a = Math.min(bin(r, 4.2), bin(r, 0.5));
        int b = Math.max(bin(r, 4.2), bin(r, 0.5));
        double max = 0;
        double[] lipid = slice(r, r.fractions()[Phantom.LIPID]);
        for (int v = 0; v < spectra.length; v++) {
            if (lipid[v] > 0.01) {
                continue;
            }
            for (int i = a; i <= b; i++) {
                max = Math.max(max, Math.abs(spectra[v][i]));
            }
        }
        g.setStroke(new BasicStroke(0.6f));
        for (int y = 0; y < m[1]; y++) {
            for (int x = 0; x < m[0]; x++) {
                int x0 = 8 + x * cell;
                int y0 = 28 + (m[1] - 1 - y) * cell;
                g.setColor(new Color(0.85f, 0.85f, 0.85f));
                g.drawRect(x0, y0, cell, cell);
                g.setColor(new Color(0.1f, 0.2f, 0.6f));
                double[] s = spectra[y * m[0] + x];
                List<int[]> pts = new ArrayList<>();
                for (int i = a; i <= b; i++) {
                    // Higher ppm on the left: the bins run from low to high frequency, i.e. high to low ppm.
                    int px = x0 + (int) Math.round((double) (i - a) / Math.max(1, b - a) * (cell - 2)) + 1;
                    int py = y0 + cell - 2 - (int) Math.round(max > 0 ? s[i] / max * (cell - 4) : 0);
                    pts.add(new int[] {px, Math.max(y0, Math.min(y0 + cell, py))});
                }
                for (int k = 1; k < pts.size(); k++) {
                    g.drawLine(pts.get(k - 1)[0], pts.get(k - 1)[1], pts.get(k)[0], pts.get(k)[1]);
                }
            }
        }
        g.dispose();
        return img;
    }

    /** A page showing both pictures with the acquisition in one line (self-contained apart from the two PNGs). */
    private static String html(MrsiResult r) {
        int[] m = r.matrix();
        MrsiScenario sc = r.scenario();
        String what = String.format(java.util.Locale.ROOT, "%d × %d × %d voxels of %.2f × %.2f × %.2f mm, %d points,"
                        + " %s weighting, image noise SD %.4g, seed %d", m[0], m[1], m[2], r.voxelM()[0] * 1e3,
                r.voxelM()[1] * 1e3, r.voxelM()[2] * 1e3, r.points(), sc.encoding().weighting().key(),
                r.imageNoiseSd(), r.seed());
        String name = sc.name().replace("&", "&amp;").replace("<", "&lt;");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + name + "</title></head><body>\n"
                + "<h1>" + name + "</h1>\n<p>" + what + " (truth: ../truth.json, ../truth/*.nii.gz)</p>\n"
                + "<h2>Metabolite and field maps</h2>\n<p>Top: truth. Bottom: measured from the noisy data (real"
                + " spectrum integrated over each window; the point-spread function and the lipid bleed are in"
                + " it).</p>\n<img src=\"maps.png\" alt=\"maps\">\n<h2>Voxel spectra</h2>\n"
                + "<img src=\"voxel_grid.png\" alt=\"voxel spectra\">\n</body></html>\n";
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
