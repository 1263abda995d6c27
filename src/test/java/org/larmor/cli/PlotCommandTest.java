package org.larmor.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor plot}: images of the requested size from any format; bad requests are input errors. */
class PlotCommandTest {
    @TempDir
    static Path tmp;
    static Path basis;

    @BeforeAll
    static void write() throws Exception {
        basis = tmp.resolve("pa");
        BasisWriters.write(CompareCommandTest.simulate(2.89), Format.parse("lcmodel,nifti"), basis);
    }

    @Test
    void plotsABasisSetToPngAndSvg() throws Exception {
        Path png = tmp.resolve("basis.png");
        CompareCommandTest.Run r = CompareCommandTest.run("plot", basis.toString(), "-o", png.toString(),
                "--width", "700", "--height", "400");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 spectra plotted"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(700, img.getWidth());
        assertEquals(400, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "not a blank image: " + colours.size() + " colours");

        Path svg = tmp.resolve("naa-mi.svg");
        CompareCommandTest.Run s = CompareCommandTest.run("plot", basis.resolve("lcmodel").toString(), "-o",
                svg.toString(), "--metabolites", "NAA,mI", "--layout", "overlaid", "--part", "magnitude",
                "--ppm", "4.2,1.8");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("2 spectra plotted"), s.out());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("1000", doc.getDocumentElement().getAttribute("width"));
        String text = Files.readString(svg);
        assertTrue(text.contains(">Ins<") && text.contains(">NAA<") && !text.contains(">Cr<"), "mI is Ins");
    }

    @Test
    void aSpectrumWithItsComponents() throws Exception {
        Path out = tmp.resolve("components.png");
        CompareCommandTest.Run r = CompareCommandTest.run("plot", basis.resolve("nifti/NAA.nii.gz").toString(),
                basis.resolve("nifti").toString(), "--components", "--metabolites", "Cr,Ins", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 spectra plotted"), r.out());
        assertEquals(600, ImageIO.read(out.toFile()).getHeight());
    }

    @Test
    void plotsAPulseProfile() throws Exception {
        // A Gaussian waveform in the plain-text format (amplitude, phase in degrees).
        StringBuilder w = new StringBuilder();
        for (int k = 0; k < 128; k++) {
            double x = (k + 0.5 - 64) / 24.0;
            w.append(String.format(java.util.Locale.ROOT, "%.8f 0%n", Math.exp(-x * x / 2)));
        }
        Path pulse = tmp.resolve("gauss.txt");
        java.nio.file.Files.writeString(pulse, w.toString());
        Path png = tmp.resolve("profile.png");
        CompareCommandTest.Run r = CompareCommandTest.run("plot", "--pulse", pulse.toString(), "--duration-ms", "10",
                "--flip-deg", "180", "-o", png.toString(), "--width", "640", "--height", "400");
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertEquals(2, CompareCommandTest.run("plot", "--pulse", pulse.toString(), "-o", png.toString()).code(),
                "--duration-ms is required");
    }

    @Test
    void badRequestsAreInputErrors() {
        CompareCommandTest.Run ext = CompareCommandTest.run("plot", basis.toString(), "-o",
                tmp.resolve("x.jpg").toString());
        assertEquals(2, ext.code());
        assertTrue(ext.err().contains(".png or .svg"), ext.err());
        CompareCommandTest.Run cond = CompareCommandTest.run("plot", basis.toString(), "-o",
                tmp.resolve("x.png").toString(), "--condition", "ON");
        assertEquals(2, cond.code());
        assertTrue(cond.err().contains("\"ON\" is not in"), cond.err());
        CompareCommandTest.Run part = CompareCommandTest.run("plot", basis.toString(), "-o",
                tmp.resolve("x.png").toString(), "--part", "phase");
        assertEquals(2, part.code());
        assertTrue(part.err().contains("expected real, imag or magnitude"), part.err());
        CompareCommandTest.Run none = CompareCommandTest.run("plot", basis.toString(), "-o",
                tmp.resolve("x.png").toString(), "--metabolites", "GABA");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("nothing to plot"), none.err());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }
}
