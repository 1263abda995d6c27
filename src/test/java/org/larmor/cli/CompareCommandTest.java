package org.larmor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor compare}: the table, the gate (exit status 3) and refusals (exit status 2). */
class CompareCommandTest {
    record Run(int code, String out, String err) {
    }

    @TempDir
    static Path tmp;
    static Path press;
    static Path shifted;
    static Path press7t;

    /**
     * Runs the command line with {@code plot}, {@code report} and {@code compare} registered: through
     * {@link LarmorCommand#execute} once the lead has registered them, until then through the same handlers.
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        int code;
        if (LarmorCommand.commandLine().getSubcommands().containsKey(args[0])) {
            code = LarmorCommand.execute(args, o, e);
        } else {
            CommandLine cl = LarmorCommand.commandLine();
            cl.addSubcommand(new PlotCommand());
            cl.addSubcommand(new ReportCommand());
            cl.addSubcommand(new CompareCommand());
            cl.setOut(o);
            cl.setErr(e);
            cl.setExecutionExceptionHandler((ex, c, p) -> {
                if (ex instanceof InputException ie) {
                    e.println("larmor: error: " + ie.getMessage());
                    return LarmorCommand.INPUT_ERROR;
                }
                throw ex;
            });
            cl.setParameterExceptionHandler((ex, a) -> {
                e.println("larmor: " + ex.getMessage());
                return LarmorCommand.INPUT_ERROR;
            });
            code = cl.execute(args);
        }
        o.flush();
        e.flush();
        return new Run(code, out.toString(), err.toString());
    }

    /** NAA, Cr and Ins under pulse-acquire at {@code b0T} (1024 points, 2 Hz lines), written in every format. */
    static BasisSet simulate(double b0T) {
        return BasisSimulator.simulate(SpinLibrary.load(Path.of("spin-systems")).select("NAA,Cr,Ins"),
                SequenceReader.parse("sequences/pa-cli.yaml", "name: pa-cli\ntemplate: pulse_acquire\nb0_t: " + b0T
                        + "\nacquisition: {points: 1024, spectral_width_hz: 2000, lorentzian_fwhm_hz: 2}\n"), null);
    }

    /** Each FID × scale·exp(−i2π·Δppm·f0·t): every line Δppm higher. */
    static BasisSet shifted(BasisSet set, double deltaPpm, double scale) {
        double hz = deltaPpm * set.spectrometerMHz();
        List<BasisSpectrum> out = set.spectra().stream().map(s -> {
            Map<String, Fid> fids = new LinkedHashMap<>();
            s.fids().forEach((c, f) -> {
                double[] re = new double[f.points()];
                double[] im = new double[f.points()];
                for (int k = 0; k < re.length; k++) {
                    double a = -2 * Math.PI * hz * k * f.dwellS();
                    re[k] = scale * (f.re()[k] * Math.cos(a) - f.im()[k] * Math.sin(a));
                    im[k] = scale * (f.re()[k] * Math.sin(a) + f.im()[k] * Math.cos(a));
                }
                fids.put(c, new Fid(re, im, f.dwellS()));
            });
            return new BasisSpectrum(s.system(), fids, s.lines());
        }).toList();
        return new BasisSet(set.sequence(), out, set.provenance());
    }

    @BeforeAll
    static void write() throws Exception {
        BasisSet set = simulate(2.89);
        press = tmp.resolve("pa");
        BasisWriters.write(set, Format.parse("all"), press);
        shifted = tmp.resolve("pa-shifted");
        BasisWriters.write(shifted(set, 0.05, 2), Format.parse("fsl,nifti"), shifted);
        press7t = tmp.resolve("pa-7t");
        BasisWriters.write(simulate(7.0), Format.parse("nifti"), press7t);
    }

    @Test
    void aBasisSetAgainstItselfInAnotherFormatPassesEveryTolerance() {
        Run r = run("compare", press.toString(), press.resolve("lcmodel").toString(), "--tolerance",
                "offset_ppm=0.0001,ratio=0.0001,correlation=0.99999,residual=0.001,linewidth_hz=0.01");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: 3 compared, all within tolerance"), r.out());
        for (String name : List.of("NAA", "Cr", "Ins")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" ok")), r.out());
        }
    }

    @Test
    void aShiftedScaledCopyIsReportedAndFailsTheGateWithStatusThree() throws Exception {
        Path json = tmp.resolve("result.json");
        Run r = run("compare", press.toString(), shifted.toString(), "-t", "offset_ppm=0.01", "-t", "ratio=0.1",
                "--json", json.toString());
        assertEquals(CompareCommand.OUT_OF_TOLERANCE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: OUT OF TOLERANCE"), r.out());
        assertTrue(r.out().contains("main/NAA: |offset| 0.05000 ppm > 0.01"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertFalse(j.get("within_tolerance").asBoolean());
        for (JsonNode m : j.get("metabolites")) {
            assertEquals(0.05, m.get("offset_ppm").asDouble(), 1e-5, m.toString());
            assertEquals(2, m.get("amplitude_ratio").asDouble(), 1e-4, m.toString());
        }
        // The same pair within looser bounds, and with a global scale ignored.
        assertEquals(0, run("compare", press.toString(), shifted.toString(), "-t", "offset_ppm=0.06,ratio=1.01")
                .code());
        Run rel = run("compare", press.toString(), shifted.toString(), "-t", "ratio=0.001",
                "--relative-amplitudes", "--quiet");
        assertEquals(0, rel.code(), rel.out());
        assertTrue(rel.out().startsWith("result:"), "quiet prints only the verdict: " + rel.out());
    }

    @Test
    void fieldMismatchIsRefusedWithStatusTwoUnlessAllowed() {
        Run r = run("compare", press.toString(), press7t.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--allow-field-mismatch"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Run allowed = run("compare", press.toString(), press7t.toString(), "--allow-field-mismatch");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().contains("note: B's spectrometer frequency"), allowed.out());
    }

    @Test
    void badOptionsAreInputErrors() {
        Run key = run("compare", press.toString(), shifted.toString(), "-t", "offset=1");
        assertEquals(2, key.code());
        assertTrue(key.err().contains("unknown metric \"offset\""), key.err());
        Run missing = run("compare", press.toString(), tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        Run window = run("compare", press.toString(), shifted.toString(), "--ppm", "40,50");
        assertEquals(2, window.code());
        assertTrue(window.err().contains("outside the range both inputs cover"), window.err());
        Run help = run("compare", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: larmor compare") && help.out().contains("3   some metric out of"
                + " tolerance"), help.out());
    }
}
