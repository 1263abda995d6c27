package org.larmor.rf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each reader on its sample file (sample counts and values checked against the raw text), and on truncated or
 * malformed copies, which must fail with an {@link InputException} naming the file and the line.
 */
class PulseFilesTest {
    static final Path BRUKER = Path.of("src", "test", "resources", "org", "larmor", "rf", "sinc3.exc");

    @TempDir
    Path tmp;

    static List<String> raw(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
    }

    /** Writes lines to a temporary file and expects reading it to fail at the given line. */
    private InputException fails(String name, List<String> lines, int line, String phrase) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, lines, StandardCharsets.ISO_8859_1);
        InputException e = assertThrows(InputException.class, () -> PulseFiles.read(f));
        assertEquals(f.toString(), e.location().source(), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + (line > 0 ? ":" + line + ":" : "")), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), e.getMessage() + " should mention: " + phrase);
        return e;
    }

    private static List<String> without(List<String> lines, int fromIndex, int toIndex) {
        List<String> out = new ArrayList<>(lines.subList(0, fromIndex));
        out.addAll(lines.subList(toIndex, lines.size()));
        return out;
    }

    private static List<String> replaced(List<String> lines, int index, String line) {
        List<String> out = new ArrayList<>(lines);
        out.set(index, line);
        return out;
    }

    // ---- Siemens .pta ----

    @Test
    void readsTheSiemensSamplesWithTheirSampleCounts() throws IOException {
        for (String f : new String[] {"sampleRefocPulse.pta", "sampleExcPulse.pta", "sampleEditPulse.pta"}) {
            List<String> lines = raw(SamplePulsePhysicsTest.samplePath(f));
            long samples = lines.stream().filter(l -> l.matches("\\s*[0-9.]+\\s+[0-9.]+\\s*;.*")).count();
            PulseShape s = PulseFiles.read(SamplePulsePhysicsTest.samplePath(f));
            assertEquals(samples, s.sampleCount(), f);
            assertNull(s.gradient());
        }
        PulseShape mao = PulseFiles.read(SamplePulsePhysicsTest.samplePath("sampleRefocPulse.pta"));
        assertEquals(400, mao.sampleCount());
        assertEquals("mao_400_4.mao_400_4", mao.name());
        assertEquals("36.711385000", mao.metadata().get("AMPINT"));
        assertEquals("Mao refocussing pulse, 4 zc, experimentally determined BWTP 6.000", mao.metadata().get("COMMENT"));
        assertEquals(3.141592979, mao.phaseRad(0), 1e-12);
        assertEquals(1.0, maxOf(mao.amplitude()), 0);
        assertEquals(80, PulseFiles.read(SamplePulsePhysicsTest.samplePath("sampleExcPulse.pta")).sampleCount());
        assertEquals(99, PulseFiles.read(SamplePulsePhysicsTest.samplePath("sampleEditPulse.pta")).sampleCount());
    }

    @Test
    void truncatedPtaFailsOnItsAmplitudeIntegral() throws IOException {
        List<String> lines = raw(SamplePulsePhysicsTest.samplePath("sampleRefocPulse.pta"));
        // Drop the last 10 samples: the file still looks well-formed, but AMPINT (line 6) no longer matches.
        fails("truncated.pta", lines.subList(0, lines.size() - 10), 6, "truncated");
    }

    @Test
    void ptaWithAMissingLineInTheMiddleFailsOnTheIndex() throws IOException {
        List<String> lines = raw(SamplePulsePhysicsTest.samplePath("sampleRefocPulse.pta"));
        // Samples start on line 10 (index 9); remove sample (100), then line 109 holds (101).
        fails("gap.pta", without(lines, 109, 110), 110, "sample index (101) out of sequence: expected (100)");
    }

    @Test
    void malformedPtaFilesNameTheLine() throws IOException {
        List<String> lines = raw(SamplePulsePhysicsTest.samplePath("sampleRefocPulse.pta"));
        fails("empty.pta", List.of(), 0, "empty file");
        fails("nocolon.pta", replaced(lines, 5, "AMPINT 36.711385000"), 6, "expected a header line 'KEY: value'");
        fails("nan.pta", replaced(lines, 20, "0.03O27001\t3.141592979\t; (11)"), 21, "expected a relative amplitude");
        fails("onecolumn.pta", replaced(lines, 408, "0.028020000"), 409, "two numbers");
        fails("toolarge.pta", replaced(lines, 9, "1.5\t0\t; (0)"), 10, "0 … 1");
        fails("headeronly.pta", lines.subList(0, 9), 9, "no samples after the header");
        List<String> counted = new ArrayList<>(lines);
        counted.add(1, "SAMPLES:\t401");
        fails("counted.pta", counted, 410, "declares 401 samples but the file has 400");
        List<String> split = new ArrayList<>(lines);
        split.add(200, "");
        fails("blank.pta", split, 202, "blank lines are not allowed inside the sample block");
    }

    // ---- Varian .RF ----

    @Test
    void readsTheVarianSample() throws IOException {
        Path f = SamplePulsePhysicsTest.samplePath("sampleAFPpulse_HS2_R15.RF");
        long data = raw(f).stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).count();
        PulseShape s = PulseFiles.read(f);
        assertEquals(data, s.sampleCount());
        assertEquals(512, s.sampleCount());
        assertEquals(Math.toRadians(1044.83191), s.phaseRad(0), 1e-12);
        assertEquals(10.23 / 1023, s.amplitude(0), 1e-12);
        assertEquals("15.0", s.metadata().get("R"));
        assertEquals("512", s.metadata().get("number of points"));
        assertEquals("adiabatic", s.metadata().get("MODULATION"));
        assertEquals("Adiabatic Inversion Pulse Using Sech/Tanh Mod.", s.metadata().get("COMMENT"));
        assertFalse(s.isAmplitudeModulatedOnly());
    }

    @Test
    void truncatedAndMalformedVarianFilesNameTheLine() throws IOException {
        List<String> lines = raw(SamplePulsePhysicsTest.samplePath("sampleAFPpulse_HS2_R15.RF"));
        fails("truncated.RF", lines.subList(0, lines.size() - 12), 509, "declares 512 points but the file has 500");
        fails("nan.RF", replaced(lines, 30, "    1000.0   abc   1.0"), 31, "expected an amplitude 0 … 1023, got \"abc\"");
        fails("columns.RF", replaced(lines, 40, "    1000.0   500.0"), 41, "expected 3 columns like line 10");
        fails("range.RF", replaced(lines, 9, "    0.0   1500.0   1.0"), 10, "0 … 1023");
        fails("empty.RF", List.of(), 0, "empty file");
        fails("commentsonly.RF", lines.subList(0, 9), 9, "no samples");
    }

    // ---- Bruker JCAMP-DX ----

    /**
     * {@code sinc3.exc} (test resource) was written from the public layout of Bruker shape files: a 3-lobe sinc
     * of 64 points, amplitude in %, phase 0/180°. Its SHAPE_INTEGFAC is Σ a·cos φ/(100·N) and its SHAPE_BWFAC the
     * 90° excitation FWHM × duration, both computed by an independent script (numpy/scipy, matrix-exponential
     * Bloch simulation).
     */
    @Test
    void readsTheBrukerShape() throws IOException {
        List<String> lines = raw(BRUKER);
        long pairs = lines.stream().filter(l -> l.matches("[0-9.E+-]+, [0-9.E+-]+")).count();
        PulseShape s = PulseFiles.read(BRUKER);
        assertEquals(pairs, s.sampleCount());
        assertEquals(64, s.sampleCount());
        assertEquals("sinc3.exc", s.name());
        assertEquals("Excitation", s.metadata().get("$SHAPE_TYPE"));
        assertEquals("5.00", s.metadata().get("JCAMP-DX"));
        assertEquals(Math.PI, s.phaseRad(0), 1e-12);
        assertTrue(s.isAmplitudeModulatedOnly());
        double integfac = Double.parseDouble(s.metadata().get("$SHAPE_INTEGFAC"));
        assertEquals(integfac, s.amplitudeIntegral(), 1e-6);
        double bwfac = Double.parseDouble(s.metadata().get("$SHAPE_BWFAC"));
        double t = 2e-3;
        double b1 = PulseAnalysis.calibrate(s, t, Math.PI / 2).b1MaxHz();
        assertEquals(bwfac, PulseAnalysis.bandwidthHz(s, t, b1, ProfileKind.EXCITATION) * t, 1e-5 * bwfac,
                "FWHM × T agrees with the independent simulation");
    }

    @Test
    void truncatedAndMalformedBrukerFilesNameTheLine() throws IOException {
        List<String> lines = raw(BRUKER);
        int n = lines.size(); // 23 header lines, 64 pairs, ##END=
        fails("noend.exc", lines.subList(0, n - 1), n - 1, "without '##END='");
        fails("short.exc", without(lines, n - 6, n - 1), n - 6, "declares 64 points but the data hold 59");
        fails("noxy.exc", without(lines, 22, 23), n - 1, "no '##XYPOINTS= (XY..XY)'");
        fails("nan.exc", replaced(lines, 30, "4.8E+00, phase"), 31, "expected a phase in degrees, got \"phase\"");
        fails("odd.exc", replaced(lines, 30, "4.8E+00"), 31, "pairs");
        fails("title.exc", without(lines, 0, 1), 1, "expected '##TITLE= …'");
        fails("label.exc", replaced(lines, 40, "##$SHAPE_MODE= 1"), 41, "unexpected label inside the data");
        fails("empty.exc", List.of(), 0, "empty file");
    }

    // ---- plain text (GOIA) ----

    @Test
    void readsTheGoiaTextWithItsGradient() throws IOException {
        Path f = SamplePulsePhysicsTest.samplePath("GOIA_tthk0.01_R120.txt");
        long data = raw(f).stream().filter(l -> !l.isBlank()).count();
        PulseShape s = PulseFiles.read(f);
        assertEquals(data, s.sampleCount());
        assertEquals(512, s.sampleCount());
        assertTrue(s.hasGradient());
        assertEquals(2.79306, Double.parseDouble(s.metadata().get("GRADIENT_PEAK")), 0);
        assertEquals(1.0, s.gradient()[0], 1e-12);
        assertEquals(0.28184 / 2.79306, s.gradient()[255], 1e-12);
        assertEquals(0.01, s.amplitude(0), 1e-12);
        assertEquals(Math.toRadians(-42.27006), s.phaseRad(0), 1e-12);
        assertEquals(1.0 / 512, s.dwellFractions()[0], 1e-15);
    }

    @Test
    void truncatedAndMalformedTextFilesNameTheLine() throws IOException {
        List<String> lines = raw(SamplePulsePhysicsTest.samplePath("GOIA_tthk0.01_R120.txt"));
        fails("cut.txt", replaced(lines, 511, "0.01000  -0.0"), 512, "expected 4 columns like line 1, found 2");
        fails("nan.txt", replaced(lines, 99, "0.5  -12.0  1.0  2,7"), 100, "expected 4 columns");
        fails("word.txt", replaced(lines, 99, "0.5  -12.0  one  2.7"), 100, "relative time step");
        fails("negative.txt", replaced(lines, 0, "0.5  -12.0  -1.0  2.7"), 1, "≥ 0");
        fails("empty.txt", List.of("# only a comment"), 1, "no samples");
    }

    @Test
    void formatIsChosenByExtensionThenContent() {
        assertEquals(PulseFiles.Format.SIEMENS_PTA, PulseFiles.detect("a.PTA", ""));
        assertEquals(PulseFiles.Format.VARIAN_RF, PulseFiles.detect("a.RF", ""));
        assertEquals(PulseFiles.Format.BRUKER_JCAMP, PulseFiles.detect("a.rfc", ""));
        assertEquals(PulseFiles.Format.BRUKER_JCAMP, PulseFiles.detect("hs8", "\n##TITLE= hs8\n"));
        assertEquals(PulseFiles.Format.SIEMENS_PTA, PulseFiles.detect("x.dat", "PULSENAME: x\n"));
        assertEquals(PulseFiles.Format.PLAIN_TEXT, PulseFiles.detect("x.txt", "# c\n1 0\n"));
    }

    @Test
    void missingFileIsAnInputError() {
        Path f = tmp.resolve("nope.pta");
        InputException e = assertThrows(InputException.class, () -> PulseFiles.read(f));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    private static double maxOf(double[] a) {
        double m = a[0];
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
