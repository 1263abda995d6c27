package org.larmor.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardening of plot, report, pulse, simulate: write failures, shared input checks, option limits. */
class CliHardeningTest {
    @TempDir
    static Path tmp;
    static Path basis;
    static Path pulse;

    @BeforeAll
    static void write() throws Exception {
        basis = tmp.resolve("pa");
        BasisWriters.write(CompareCommandTest.simulate(2.89), Format.parse("lcmodel,nifti"), basis);
        StringBuilder w = new StringBuilder();
        for (int k = 0; k < 128; k++) {
            double x = (k + 0.5 - 64) / 24.0;
            w.append(String.format(Locale.ROOT, "%.8f 0%n", Math.exp(-x * x / 2)));
        }
        pulse = tmp.resolve("gauss.txt");
        Files.writeString(pulse, w.toString());
    }

    static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run(args);
    }

    static Path basisFile() throws Exception {
        try (Stream<Path> s = Files.list(basis.resolve("lcmodel"))) {
            return s.filter(p -> p.toString().endsWith(".BASIS")).findFirst().orElseThrow();
        }
    }

    /** A folder standing where the output should go: exit 2 with the reason, and no temporary file left. */
    @Test
    void writeFailuresExitTwoAndLeaveNoPartialFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("w"));
        for (String[] args : List.of(
                new String[] {"plot", basis.toString(), "-o", "PLOT"},
                new String[] {"report", basis.toString(), "-o", "PLOT"},
                new String[] {"pulse", pulse.toString(), "--duration-ms", "2", "--csv", "PLOT"})) {
            Path target = dir.resolve(args[0] + (args[0].equals("pulse") ? ".csv" : args[0].equals("plot") ? ".png"
                    : ".html"));
            Files.createDirectories(target.resolve("in-the-way"));
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("PLOT")) {
                    args[i] = target.toString();
                }
            }
            CommandLineTest.Run r = run(args);
            assertEquals(LarmorCommand.WRITE_ERROR, r.code(), args[0] + ": " + r.err());
            assertTrue(r.err().contains("cannot write " + target), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("larmor-tmp")).toList());
        }
        assertTrue(run("--help").out().contains("could not be written"));
        for (String sub : List.of("plot", "report", "pulse")) {
            assertTrue(run(sub, "--help").out().contains("cannot be written"), sub + " --help documents exit 2");
        }
    }

    /** HZPPPM 0 and a negative frequency: plot refuses them as compare does, with the same message. */
    @Test
    void plotRefusesWhatCompareRefuses() throws Exception {
        String text = Files.readString(basisFile());
        for (String hz : new String[] {"0", "-123.2"}) {
            Path bad = tmp.resolve("hz" + hz + ".BASIS");
            Files.writeString(bad, text.replaceFirst("HZPPPM = [-0-9.E+]+", "HZPPPM = " + hz));
            Path png = tmp.resolve("hz" + hz + ".png");
            CommandLineTest.Run p = run("plot", bad.toString(), "-o", png.toString());
            CommandLineTest.Run c = run("compare", bad.toString(), basisFile().toString());
            assertEquals(2, p.code(), p.err());
            assertEquals(2, c.code(), c.err());
            assertTrue(p.err().contains("cannot be placed on a ppm axis"), p.err());
            assertEquals(c.err().lines().findFirst(), p.err().lines().findFirst());
            assertFalse(Files.exists(png));
        }
    }

    @Test
    void aHugeTitleIsRefusedQuickly() {
        String huge = "x".repeat(100_000);
        Path png = tmp.resolve("title.png");
        CommandLineTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("plot", basis.toString(),
                "-o", png.toString(), "--title", huge));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--title") && r.err().contains("at most 200"), r.err());
        CommandLineTest.Run ok = run("plot", basis.toString(), "-o", png.toString(), "--title", "x".repeat(200));
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void aLongTitleFromTheApiIsCutWithAnEllipsis() {
        org.larmor.plot.Plot p = org.larmor.plot.Plot.of("y".repeat(100_000), org.larmor.plot.Axis.HZ, "y",
                List.of(new org.larmor.plot.Series("a", new double[] {0, 1}, new double[] {0, 1})));
        assertEquals(200, p.shortTitle().length());
        assertTrue(p.shortTitle().endsWith("…"));
        byte[] png = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> org.larmor.plot.PlotRenderer.png(p, 400, 300));
        assertTrue(png.length > 100);
    }

    @Test
    void simulateRefusesANegativeLineCount() {
        CommandLineTest.Run r = run("simulate", "-s", "sequences/press-te30-3t.yaml", "-m", "NAA", "--lines", "-3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--lines") && r.err().contains("negative"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void pulsePrintsItsProfileOnce() {
        CommandLineTest.Run r = run("pulse", pulse.toString(), "--duration-ms", "2");
        assertEquals(0, r.code(), r.err());
        String plot = org.larmor.rf.PulseReport.plot(org.larmor.rf.PulseAnalysis.analyse(
                org.larmor.rf.PulseFiles.read(pulse), 2e-3, Math.PI / 2).profile(),
                org.larmor.rf.PulseAnalysis.analyse(org.larmor.rf.PulseFiles.read(pulse), 2e-3, Math.PI / 2).kind(),
                org.larmor.rf.PulseReport.PLOT_WIDTH, org.larmor.rf.PulseReport.PLOT_HEIGHT);
        int first = r.out().indexOf(plot);
        assertTrue(first >= 0, r.out());
        assertEquals(first, r.out().lastIndexOf(plot), "the profile is printed once:\n" + r.out());
    }

    @Test
    void pulseConvertsB1WithTheGammaOfTheNucleusItIsPlayedOn() {
        CommandLineTest.Run h = run("pulse", pulse.toString(), "--duration-ms", "2");
        CommandLineTest.Run p = run("pulse", pulse.toString(), "--duration-ms", "2", "--nucleus", "31P");
        assertEquals(0, p.code(), p.err());
        double b1 = org.larmor.rf.PulseAnalysis.analyse(org.larmor.rf.PulseFiles.read(pulse), 2e-3, Math.PI / 2)
                .calibration().b1MaxHz();
        assertTrue(h.out().contains(String.format(java.util.Locale.ROOT, "= %.3f uT (1H)", b1 / 42.577478e6 * 1e6)),
                h.out());
        assertTrue(p.out().contains(String.format(java.util.Locale.ROOT, "= %.3f uT (31P)", b1 / 17.235e6 * 1e6)),
                p.out());
        CommandLineTest.Run bad = run("pulse", pulse.toString(), "--duration-ms", "2", "--nucleus", "32P");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--nucleus") && bad.err().contains("31P"), bad.err());
    }

    @Test
    void plotOffersPerTraceAndSharedScaling() throws Exception {
        Path png = tmp.resolve("scale.png");
        assertEquals(0, run("plot", basis.toString(), "-o", png.toString(), "--scale", "shared").code());
        assertEquals(0, run("plot", basis.toString(), "-o", png.toString(), "--scale", "per-trace").code());
        CommandLineTest.Run bad = run("plot", basis.toString(), "-o", png.toString(), "--scale", "log");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--scale"), bad.err());
        Path svg = tmp.resolve("scale.svg");
        assertEquals(0, run("plot", basis.toString(), "-o", svg.toString(), "-m", "NAA,Ins").code());
        assertTrue(Files.readString(svg).contains(">Ins ×"), "Ins is magnified to NAA's height by default");
    }

    /** A synthetic spectrum with its components: named by component, a legend heading, no list of file names. */
    @Test
    void theComponentsPlotNamesComponentsAndHasALegendHeading() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("synth"));
        Files.copy(basis.resolve("nifti/NAA.nii.gz"), dir.resolve("spectrum_0000000.nii.gz"));
        Files.copy(basis.resolve("nifti/Cr.nii.gz"), dir.resolve("spectrum_0000000_metabolites.nii.gz"));
        Path svg = tmp.resolve("components.svg");
        CommandLineTest.Run r = run("plot", dir.resolve("spectrum_0000000.nii.gz").toString(),
                dir.resolve("spectrum_0000000_metabolites.nii.gz").toString(), "--components", "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.contains(">Spectrum and components<"), "legend heading");
        assertTrue(text.contains(">spectrum_0000000 and its components<"), "title");
        assertFalse(text.contains("spectrum_0000000_metabolites"), "no file names");
        assertEquals("macromolecules", PlotCommand.componentName("spectrum_0000000_macromolecules", 1,
                "spectrum_0000000"));
        assertEquals("residual water", PlotCommand.componentName("spectrum_0000000_residual_water", 2,
                "spectrum_0000000"));
        assertEquals("spectrum", PlotCommand.componentName("NAA", 0, "spectrum_0000000"));
    }

    /** The synthesiser's own chunks: rows chosen with --index, dwell and frequency from the manifest. */
    @Test
    void plotDrawsRowsOfASynthesiserChunk() throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "basis:\n  sequence: " + Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()
                + "\n  points: 1024\nconcentrations_mm: {NAA: 10, Cr: 6}\nnoise: {snr: 40}\n");
        Path ds = tmp.resolve("ds");
        CommandLineTest.Run s = run("synth", "-s", scenario.toString(), "-n", "7", "--seed", "1", "--chunk-size", "4",
                "-o", ds.toString(), "-q");
        assertEquals(0, s.code(), s.err());
        Path svg = tmp.resolve("chunk.svg");
        CommandLineTest.Run r = run("plot", ds.resolve("spectra_00001.npy").toString(), "--index", "0-2", "-o",
                svg.toString(), "--scale", "shared");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 spectra plotted"), r.out());
        String text = Files.readString(svg);
        for (String name : List.of("spectrum 4", "spectrum 5", "spectrum 6")) {
            assertTrue(text.contains(">" + name + "<"), name + " (dataset index = chunk × 4 + row)");
        }
        assertTrue(text.contains("Chemical shift (ppm)"));
        CommandLineTest.Run dflt = run("plot", ds.resolve("spectra_00000.npy").toString(), "-o", svg.toString());
        assertEquals(0, dflt.code(), dflt.err());
        assertTrue(dflt.out().contains("4 spectra plotted"), "the first five, or all of a smaller chunk: "
                + dflt.out());

        CommandLineTest.Run range = run("plot", ds.resolve("spectra_00001.npy").toString(), "--index", "3", "-o",
                svg.toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("holds 3 spectra"), range.err());
        Path lone = Files.createDirectories(tmp.resolve("lone")).resolve("spectra_00000.npy");
        Files.copy(ds.resolve("spectra_00000.npy"), lone);
        CommandLineTest.Run noManifest = run("plot", lone.toString(), "-o", svg.toString());
        assertEquals(2, noManifest.code());
        assertTrue(noManifest.err().contains("manifest.json"), noManifest.err());
        assertEquals(2, run("plot", basis.toString(), "--index", "0", "-o", svg.toString()).code());
    }
}
