package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: help everywhere, exit status 2 and no output for bad input. */
class CommandLineTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LarmorCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"basis", "simulate", "list", "timeline", "pulse", "plot", "report", "compare", "synth"}) {
            Run r = run(sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage: larmor " + sub), r.out());
        }
        assertTrue(run("--help").out().contains("basis"));
        assertTrue(run("--version").out().contains("Larmor"));
    }

    @Test
    void badSequenceStopsBeforeWritingAnything(@TempDir Path tmp) throws Exception {
        Path seq = tmp.resolve("bad.yaml");
        Files.writeString(seq, "template: spin_echo\nb0_t: 3\nacquisition: {points: 1024, spectral_width_hz: 2000}\n"
                + "te_ms: 35000000\n");
        Path out = tmp.resolve("out");
        Run r = run("basis", "--sequence", seq.toString(), "--metabolites", "NAA", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(seq + ":4:"), r.err());
        assertTrue(r.err().contains("field 'te_ms'"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void unknownMetaboliteAndFormatAreInputErrors(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Run met = run("basis", "--sequence", "sequences/press-te30-3t.yaml", "--metabolites", "NAA,Glutamax",
                "--out", out.toString());
        assertEquals(2, met.code());
        assertTrue(met.err().contains("unknown metabolite \"Glutamax\""), met.err());
        Run fmt = run("basis", "--sequence", "sequences/press-te30-3t.yaml", "--metabolites", "NAA",
                "--format", "lcmodel,dicom", "--out", out.toString());
        assertEquals(2, fmt.code());
        assertTrue(fmt.err().toLowerCase().contains("dicom"), fmt.err());
        assertFalse(Files.exists(out));
        Run missing = run("basis", "--metabolites", "NAA");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--sequence"), missing.err());
    }

    @Test
    void basisWritesEveryFormatForAliasesOfMetabolites(@TempDir Path tmp) {
        Path out = tmp.resolve("mega");
        Run r = run("basis", "--sequence", "sequences/mega-press-te68-3t.yaml", "--metabolites", "GABA,mI,Cr",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("provenance.json")));
        assertTrue(Files.isDirectory(out.resolve("lcmodel")));
        assertTrue(Files.isDirectory(out.resolve("nifti")));
        assertTrue(Files.isDirectory(out.resolve("fsl")));
        assertTrue(Files.isDirectory(out.resolve("jmrui")));
    }

    @Test
    void simulatePrintsTheLactateInversionAtTe144() {
        Run r = run("simulate", "--sequence", "sequences/press-te144-3t.yaml", "--metabolite", "Lactate",
                "--lines", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Lac (L-Lactate) under press-te144-3t"), r.out());
        // The four strongest lines are the methyl doublet's, all negative in the real part at TE 144 ms.
        long negativeMethyl = r.out().lines().filter(l -> l.trim().startsWith("1.3"))
                .filter(l -> l.trim().split("\\s+")[2].startsWith("-")).count();
        assertTrue(negativeMethyl >= 2, r.out());
    }

    @Test
    void listShowsMetabolitesWithAliasesAndSequences() {
        Run r = run("list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Metabolites (67)"), r.out());
        assertTrue(r.out().contains("mI"), r.out());
        assertTrue(r.out().contains("press-te30-3t.yaml"), r.out());
        assertEquals(2, run("list", "widgets").code());
    }

    @Test
    void timelineShowsEventsAndImpliedTeAndRefusesPulsesThatDoNotFit(@TempDir Path tmp) throws Exception {
        Run ok = run("timeline", "sequences/siemens-mega-press-te68-3t.yaml");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("implied TE (first pulse centre to acquisition): 68.0000 ms; declared TE"
                + " 68.0000 ms"), ok.out());
        assertTrue(ok.out().contains("pulse 'edit 1 ON', shaped"), ok.out());
        Path bad = tmp.resolve("short.yaml");
        Files.writeString(bad, "template: press\nb0_t: 3\nte1_ms: 4\nte2_ms: 30\n"
                + "refocusing: {shape: sinc, lobes: 2, duration_ms: 5.2, flip_deg: 180}\n"
                + "acquisition: {points: 1024, spectral_width_hz: 2000}\n");
        Run r = run("timeline", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":3:"), r.err());
        assertTrue(r.err().contains("TE1/2 is 2 ms between pulse centres, 0.6 ms too short"), r.err());
    }

    @Test
    void pulsePrintsCalibrationAndWritesItsProfile(@TempDir Path tmp) throws Exception {
        // A 5-lobe sinc written as a plain-text waveform (amplitude, phase in degrees).
        StringBuilder w = new StringBuilder("# sinc, 5 lobes\n");
        for (int k = 0; k < 200; k++) {
            double x = (k + 0.5 - 100) / 100.0 * 3 * Math.PI;
            double a = Math.sin(x) / x;
            w.append(String.format(java.util.Locale.ROOT, "%.8f %.1f%n", Math.abs(a), a < 0 ? 180.0 : 0.0));
        }
        Path file = tmp.resolve("sinc.txt");
        Files.writeString(file, w.toString());
        Path png = tmp.resolve("profile.png");
        Path csv = tmp.resolve("profile.csv");
        Run r = run("pulse", file.toString(), "--duration-ms", "3", "--flip-deg", "90", "--plot", png.toString(),
                "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("B1max"), r.out());
        assertTrue(r.out().contains("bandwidth"), r.out());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertTrue(Files.readAllLines(csv).size() > 50);
        assertEquals(2, run("pulse", file.toString(), "--duration-ms", "-1").code());
    }

    @Test
    void aPhOutOfRangeStopsWithTheOptionNamed(@TempDir Path tmp) {
        Run r = run("basis", "--sequence", "sequences/31p-pulse-acquire-3t.yaml", "--metabolites", "Pi", "--ph", "9.2",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--ph") && r.err().contains("9.2"), r.err());
        Run ok = run("simulate", "--sequence", "sequences/31p-pulse-acquire-3t.yaml", "--metabolite", "Pin", "--ph",
                "7.0");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("pH 7.00 gives 4.7942 ppm"), ok.out());
    }
}
