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

/** {@code larmor synth} as a user meets it: a dataset for good input; exit status 2 and nothing written for bad. */
class SynthCommandTest {
    record Run(int code, String out, String err) {
    }

    /** Runs {@code larmor synth …} through {@link LarmorCommand}, as a user would. */
    static Run synth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "synth";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = LarmorCommand.execute(all, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path scenario(Path dir, String body) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "basis:\n  sequence: " + Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()
                + "\n  points: 1024\n" + body);
        return f;
    }

    @Test
    void helpDescribesTheCommand() {
        Run r = synth("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--scenario") && r.out().contains("--count") && r.out().contains("--seed"),
                r.out());
    }

    @Test
    void writesADatasetWithProgressAndSummary(@TempDir Path tmp) throws Exception {
        Path s = scenario(tmp, """
                concentrations_mm: {NAA: {dist: uniform, min: 8, max: 12}, Cr: 6, mI: 5}
                lineshape: {linewidth_hz: {dist: uniform, min: 5, max: 8}}
                macromolecules: {model: lcmodel, scale: 2}
                noise: {snr: 40}
                """);
        Path out = tmp.resolve("out");
        Run r = synth("--scenario", s.toString(), "--count", "25", "--seed", "3", "--out", out.toString(),
                "--threads", "2", "--chunk-size", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("25 spectra"), r.out());
        assertTrue(r.err().contains("25/25 spectra"), "progress on stderr: " + r.err());
        for (String f : new String[] {"spectra_00000.npy", "spectra_00002.npy", "truth_00002.csv", "truth_00002.jsonl",
            "manifest.json", "run.json", "scenario.yaml"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("spectra_00003.npy")));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"seed\" : 3") && manifest.contains("\"Ins\""), manifest);
        Run again = synth("--scenario", s.toString(), "--count", "25", "--seed", "3", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--resume"), again.err());
    }

    @Test
    void shippedScenariosRun(@TempDir Path tmp) {
        Run gm = synth("--scenario", "scenarios/press-3t-healthy-gm.yaml", "--count", "3", "--out",
                tmp.resolve("gm").toString(), "--quiet");
        assertEquals(0, gm.code(), gm.err());
        Run wm = synth("--scenario", "scenarios/press-3t-healthy-wm.yaml", "--count", "2", "--out",
                tmp.resolve("wm").toString(), "--quiet");
        assertEquals(0, wm.code(), wm.err());
        Run raw = synth("--scenario", "scenarios/press-3t-transients-coils.yaml", "--count", "1", "--nifti",
                "--out", tmp.resolve("raw").toString(), "--quiet");
        assertEquals(0, raw.code(), raw.err());
        assertTrue(Files.exists(tmp.resolve("raw/nifti/spectrum_0000000_transients.nii.gz")));
        assertTrue(Files.exists(tmp.resolve("raw/nifti/spectrum_0000000_water.nii.gz")));
    }

    @Test
    void niftiComponentsAddUpToTheSpectrum(@TempDir Path tmp) {
        Path out = tmp.resolve("c");
        Run r = synth("--scenario", "scenarios/press-3t-healthy-gm.yaml", "--count", "1", "--nifti", "--components",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path dir = out.resolve("nifti");
        org.larmor.signal.Fid total = only(dir.resolve("spectrum_0000000.nii.gz"));
        double[] re = new double[total.points()];
        double[] im = new double[total.points()];
        for (String part : org.larmor.synth.Synthesiser.COMPONENTS) {
            org.larmor.signal.Fid f = only(dir.resolve("spectrum_0000000_" + part + ".nii.gz"));
            for (int k = 0; k < re.length; k++) {
                re[k] += f.re()[k];
                im[k] += f.im()[k];
            }
        }
        double scale = 0;
        for (int k = 0; k < re.length; k++) {
            scale = Math.max(scale, Math.hypot(total.re()[k], total.im()[k]));
        }
        for (int k = 0; k < re.length; k++) {
            // complex64 on disk: each part carries its own float rounding.
            assertEquals(total.re()[k], re[k], 1e-5 * scale);
            assertEquals(total.im()[k], im[k], 1e-5 * scale);
        }
    }

    private static org.larmor.signal.Fid only(Path nifti) {
        var fids = org.larmor.io.NiftiMrsReader.read(nifti).fids();
        assertEquals(1, fids.size(), nifti.toString());
        return fids.values().iterator().next();
    }

    @Test
    void badScenariosAreInputErrorsAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path unknown = scenario(tmp, "concentrations_mm: {NAA: 10}\nnoise: {snr: 20, windw: [1, 2]}\n");
        Run r = synth("--scenario", unknown.toString(), "--count", "5", "--seed", "1", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(unknown + ":5:") && r.err().contains("unknown key"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());

        Path bounds = scenario(tmp, "concentrations_mm:\n  NAA: {dist: uniform, min: 10, max: 5}\n");
        r = synth("--scenario", bounds.toString(), "--count", "5", "--seed", "1", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("min 10 is greater than max 5"), r.err());

        Path missing = scenario(tmp, "concentrations_mm: {NAA: 10, Kryptonate: 2}\n");
        r = synth("--scenario", missing.toString(), "--count", "5", "--seed", "1", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Kryptonate"), r.err());

        Path noSeed = scenario(tmp, "concentrations_mm: {NAA: 10}\n");
        r = synth("--scenario", noSeed.toString(), "--count", "5", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seed"), r.err());

        r = synth("--scenario", noSeed.toString(), "--count", "0", "--seed", "1", "--out", out.toString());
        assertEquals(2, r.code());
        assertFalse(Files.exists(out), "nothing written");
    }
}
