package org.larmor.engine;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Relaxation;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.spin.SpinSystemReader;
import org.larmor.spin.SubSystem;
import org.larmor.validate.BasisFiles;
import org.larmor.validate.LoadedSpectra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2H (spin 1) and 13C spectra against closed forms. Every expected number is computed here from constants written
 * in this file (γ/2π from Harris et al., Pure Appl Chem 2001;73:1795; shifts and couplings as the cited sources
 * give them), never read from the code under test; the spin-1 reference is an explicit 3 × 3 calculation.
 */
class DeuteriumAndCarbonSpectraTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));
    /** γ/2π, Hz/T, written again here. */
    static final double GAMMA_D = 6.53590e6;
    static final double GAMMA_C = 10.7084e6;
    /** The 2H receiver default: HDO on the 1H scale at 37 °C (docs/conventions.md). */
    static final double HDO_PPM = 4.65;

    static Sequence seq(String nucleus, double b0, String excitation, String acquisition) {
        return SequenceReader.parse("t.yaml", "template: pulse_acquire\nb0_t: " + b0 + "\nnucleus: " + nucleus + "\n"
                + excitation + "acquisition: {points: 4096, spectral_width_hz: 4000" + acquisition + "}\n");
    }

    static LineList lines(SpinSystem s, Sequence q) {
        return BasisSimulator.simulate(s, q).lines().values().iterator().next();
    }

    static SpinSystem find(String name) {
        return LIB.find(name).orElseThrow();
    }

    /** Σ Re A of the lines within ±windowHz of a frequency. */
    static double areaNear(LineList l, double hz, double windowHz) {
        double a = 0;
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(l.frequencyHz()[k] - hz) <= windowHz) {
                a += l.amplitudeRe()[k];
            }
        }
        return a;
    }

    static double total(LineList l) {
        double a = 0;
        for (int k = 0; k < l.size(); k++) {
            a += l.amplitudeRe()[k];
        }
        return a;
    }

    // ---- 2H: isolated spin 1 ----

    @Test
    void deuteratedLactateIsOneSingletAtItsShiftWithOneAmplitudePerDeuteron() {
        double b0 = 4.0;
        double f0 = GAMMA_D * b0;
        LineList lac = lines(find("Lac_2H"), seq("2H", b0, "", ""));
        // [3,3-2H2]lactate: two methyl deuterons at the Lac H3 shift (1.3142 ppm, Govindaraju 2000).
        double hz = (HDO_PPM - 1.3142) * f0 * 1e-6;
        assertEquals(1, lac.size(), "one line");
        assertEquals(hz, lac.frequencyHz()[0], 1e-6);
        assertEquals(2.0, lac.amplitudeRe()[0], 1e-9, "amplitude = number of deuterons");
        assertEquals(0.0, lac.amplitudeIm()[0], 1e-9, "absorptive");
        // HDO on the receiver (0 Hz), amplitude 1; [6,6'-2H2]glucose: 2 deuterons over both anomers.
        LineList hdo = lines(find("HDO"), seq("2H", b0, "", ""));
        assertEquals(0.0, hdo.frequencyHz()[0], 1e-9);
        assertEquals(1.0, total(hdo), 1e-9);
        assertEquals(2.0, total(lines(find("Glc_2H"), seq("2H", b0, "", ""))), 1e-9);
    }

    /**
     * The signal of an isolated spin 1 after a flip θ about y, computed with explicit 3 × 3 spin-1 matrices:
     * exp(−iθIy) = 1 − i·sin θ·Iy − (1 − cos θ)·Iy² (Iy³ = Iy for I = 1), s = Tr(R·Iz·R†·I+) / Tr(Iz²).
     */
    static double spinOneSignal(double theta) {
        double r = Math.sqrt(0.5);
        // Spin 1, basis m = +1, 0, −1: I+ = √2(|+1⟩⟨0| + |0⟩⟨−1|), Iy = (I+ − I−)/(2i) = −i·A with A real
        // antisymmetric, A³ = −A, so exp(−iθIy) = exp(−θA) = 1 − sin θ·A + (1 − cos θ)·A², a real rotation.
        double[][] a = {{0, r, 0}, {-r, 0, r}, {0, -r, 0}};
        double[][] a2 = mul(a, a);
        double[][] rot = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rot[i][j] = (i == j ? 1 : 0) - Math.sin(theta) * a[i][j] + (1 - Math.cos(theta)) * a2[i][j];
            }
        }
        double[][] iz = {{1, 0, 0}, {0, 0, 0}, {0, 0, -1}};
        double[][] iPlus = {{0, 2 * r, 0}, {0, 0, 2 * r}, {0, 0, 0}};
        double[][] p = mul(mul(mul(rot, iz), transpose(rot)), iPlus);
        return (p[0][0] + p[1][1] + p[2][2]) / 2.0;   // Tr(Iz²) = 2 for spin 1: the signal per nucleus
    }

    static double[][] mul(double[][] x, double[][] y) {
        double[][] z = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    z[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return z;
    }

    static double[][] transpose(double[][] x) {
        double[][] z = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                z[i][j] = x[j][i];
            }
        }
        return z;
    }

    @Test
    void flipAngleDependenceOfAnIsolatedDeuteronIsSinThetaAsForAClassicalVector() {
        for (double deg : new double[] {15, 30, 60, 90, 120, 150, 170}) {
            double theta = Math.toRadians(deg);
            // The explicit spin-1 calculation gives sin θ, the classical vector's transverse component ...
            assertEquals(Math.sin(theta), spinOneSignal(theta), 1e-12, "spin-1 closed form at " + deg + "°");
            // ... and the engine gives the same per deuteron (Lac_2H: two deuterons).
            LineList l = lines(find("Lac_2H"), seq("2H", 6.98, "excitation: {flip_deg: " + deg
                    + ", phase_deg: 90}\n", ""));
            assertEquals(2 * Math.sin(theta), total(l), 1e-9, "engine at " + deg + "°");
        }
    }

    @Test
    void basisLineOfADeuteronIsALorentzianOfFwhmOneOverPiT2() {
        double t2 = 0.030;   // a quadrupolar 2H T2 of tens of ms
        double fwhm = 1 / (Math.PI * t2);
        Sequence q = SequenceReader.parse("t.yaml", "template: pulse_acquire\nb0_t: 6.98\nnucleus: 2H\n"
                + "acquisition: {points: 8192, spectral_width_hz: 2000, lorentzian_fwhm_hz: " + fwhm + "}\n");
        BasisSet set = BasisSimulator.simulate(List.of(find("HDO")), q, false, (BasisSimulator.Progress) null);
        Fid fid = set.spectra().get(0).fids().values().iterator().next();
        // The FID of a line at the receiver decays as exp(−t/T2): its real spectrum is a Lorentzian of FWHM 1/(πT2).
        int n = fid.points();
        double[] spec = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int m = 0; m < n; m++) {
                double ph = -2 * Math.PI * (double) m * k / n;
                s += fid.re()[m] * Math.cos(ph) - fid.im()[m] * Math.sin(ph);
            }
            // The discrete FT of a one-sided decay carries a constant x0/2 besides the Lorentzian: removed.
            spec[k] = s - fid.re()[0] / 2;
        }
        double peak = spec[0];
        double binHz = 2000.0 / n;
        int k = 0;
        while (spec[k + 1] > peak / 2) {
            k++;
        }
        double frac = (spec[k] - peak / 2) / (spec[k] - spec[k + 1]);
        double halfWidthHz = (k + frac) * binHz;
        assertEquals(fwhm, 2 * halfWidthHz, 0.02 * fwhm, "FWHM of the 2H line");
        assertEquals(1.0, fid.re()[0], 1e-9, "amplitude 1 per deuteron at t = 0");
    }

    @Test
    void transverseRelaxationOfADeuteronDecaysTheSpinEchoAsExpMinusTeOverT2() {
        double t2 = 0.030;
        SpinSystem lac = find("Lac_2H").withRelaxation(new Relaxation(0.3, t2, 7, "test"));
        for (double teMs : new double[] {10, 20, 40}) {
            Sequence q = SequenceReader.parse("t.yaml", "template: spin_echo\nb0_t: 6.98\nnucleus: 2H\nte_ms: "
                    + teMs + "\nacquisition: {points: 1024, spectral_width_hz: 2000}\n");
            LineList l = BasisSimulator.simulate(lac, q, true).lines().values().iterator().next();
            assertEquals(2 * Math.exp(-teMs * 1e-3 / t2), Math.abs(total(l)), 1e-9, "TE " + teMs + " ms");
        }
    }

    @Test
    void twoJCoupledDeuteronsAreRefusedWithTheirLineInTheFile() {
        String yaml = "name: DD\nsource: test\nsubsystems:\n  - spins:\n"
                + "      - {label: Da, nucleus: 2H, shift_ppm: 2.0}\n"
                + "      - {label: Db, nucleus: 2H, shift_ppm: 3.0}\n"
                + "    couplings:\n      - {between: [Da, Db], j_hz: 1.0}\n";
        InputException e = assertThrows(InputException.class, () -> SpinSystemReader.parse("dd.yaml", yaml));
        assertTrue(e.getMessage().contains("dd.yaml:8"), e.getMessage());
        assertTrue(e.getMessage().contains("spin-1 operators"), e.getMessage());
        // Built in code (past the reader), the engine refuses it too rather than simulate spin ½.
        SubSystem sub = new SubSystem("DD", 1, List.of(new Spin("Da", 2.0, 1, Nucleus.H2),
                new Spin("Db", 3.0, 1, Nucleus.H2)), List.of(new Coupling("Da", "Db", 1.0)));
        SpinSystem s = new SpinSystem("DD", "DD", List.of(), "DD", "test", List.of(sub), "code");
        InputException e2 = assertThrows(InputException.class, () -> lines(s, seq("2H", 7, "", "")));
        assertTrue(e2.getMessage().contains("Da, Db") && e2.getMessage().contains("spin-1"), e2.getMessage());
    }

    // ---- 13C ----

    @Test
    void hyperpolarisedPyruvateProductsSitAtTheirShiftsFromGammaAndTheReceiver() {
        double b0 = 2.89;
        double f0 = GAMMA_C * b0;
        double ref = 175;
        // Shang, spectrum_C13.m (14 T measurements): pyruvate, hydrate, lactate, alanine; bicarbonate.
        Object[][] cases = {{"Pyr_13C", 170.60}, {"PyrH_13C", 178.91}, {"Lac_13C", 182.98}, {"Ala_13C", 176.32},
                {"Bic_13C", 160.9}};
        Sequence q = seq("13C", b0, "", ", reference_ppm: " + ref);
        for (Object[] c : cases) {
            LineList l = lines(find((String) c[0]), q);
            assertEquals(1, l.size(), c[0] + ": one line");
            assertEquals((ref - (double) c[1]) * f0 * 1e-6, l.frequencyHz()[0], 1e-6, c[0] + " frequency");
            assertEquals(1.0, l.amplitudeRe()[0], 1e-9, c[0] + ": one per 13C");
        }
        // 13C has no default receiver: a sequence without reference_ppm is refused.
        InputException e = assertThrows(InputException.class, () -> seq("13C", b0, "", ""));
        assertTrue(e.getMessage().contains("reference_ppm"), e.getMessage());
    }

    @Test
    void glutamateC4IsATripletFromItsTwoProtonsWithoutDecouplingAndOneLineWithIt() {
        double b0 = 6.98;
        double f0 = GAMMA_C * b0;
        double ref = 30;
        // de Graaf 2003 / Gruetter 2003: Glu C4 34.2 ppm, Gln C4 31.7, Glu C3 27.9, Gln C3 27.3; 1J_CH 127 / 130 Hz.
        Object[][] cases = {{"Glu_C4", 34.2, 127.0}, {"Gln_C4", 31.7, 127.0}, {"Glu_C3", 27.9, 130.0},
                {"Gln_C3", 27.3, 130.0}};
        for (Object[] c : cases) {
            double hz = (ref - (double) c[1]) * f0 * 1e-6;
            double j = (double) c[2];
            LineList coupled = lines(find((String) c[0]), seq("13C", b0, "", ", reference_ppm: " + ref));
            // Two equivalent spectator protons: M = +1, 0, −1 with ¼, ½, ¼, each shifting the carbon by J·M.
            assertEquals(3, coupled.size(), c[0] + ": triplet");
            assertEquals(0.25, areaNear(coupled, hz - j, 1e-6), 1e-9, c[0] + " outer line");
            assertEquals(0.50, areaNear(coupled, hz, 1e-6), 1e-9, c[0] + " centre line");
            assertEquals(0.25, areaNear(coupled, hz + j, 1e-6), 1e-9, c[0] + " outer line");
            LineList decoupled = lines(find((String) c[0]), seq("13C", b0, "", ", reference_ppm: " + ref
                    + ", decoupling: {nucleus: 1H}"));
            assertEquals(1, decoupled.size(), c[0] + ": one line decoupled");
            assertEquals(hz, decoupled.frequencyHz()[0], 1e-6);
            assertEquals(1.0, decoupled.amplitudeRe()[0], 1e-9, "the summed area");
        }
    }

    @Test
    void glutamateC4IsInvisibleToA1HSequence() {
        // Its protons carry no shift (spectators only): a 1H sequence refuses it by name instead of showing part of
        // glutamate's 1H spectrum.
        InputException e = assertThrows(InputException.class, () -> lines(find("Glu_C4"), seq("1H", 2.89, "", "")));
        assertTrue(e.getMessage().contains("Glu_C4") && e.getMessage().contains("1H"), e.getMessage());
    }

    // ---- one template on four nuclei ----

    @Test
    void oneTemplateOnFourNucleiWritesEachItsLarmorFrequencyAndResonantNucleus(@TempDir Path tmp) throws Exception {
        Object[][] cases = {{"1H", 42.577478e6, "Cr", ""}, {"31P", 17.235e6, "PCr", ""}, {"2H", GAMMA_D, "HDO", ""},
                {"13C", GAMMA_C, "Pyr_13C", ", reference_ppm: 175"}};
        for (Object[] c : cases) {
            Sequence s = seq((String) c[0], 6.98, "", (String) c[3]);
            double f0 = (double) c[1] * 6.98;
            assertEquals(f0, s.larmorHz(), 1e-3, c[0] + " Larmor frequency");
            BasisSet set = BasisSimulator.simulate(List.of(find((String) c[2])), s, false,
                    (BasisSimulator.Progress) null);
            Path out = tmp.resolve((String) c[0]);
            BasisWriters.write(set, Format.parse("nifti,fsl"), out);
            int checked = 0;
            try (var files = Files.walk(out)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".nii.gz") || p.toString().endsWith(".json")
                        && !p.getFileName().toString().equals("provenance.json")).toList()) {
                    LoadedSpectra l = BasisFiles.load(f);
                    assertEquals(f0 * 1e-6, l.data().spectrometerMHz(), 1e-6, f + ": SpectrometerFrequency");
                    assertEquals(c[0], l.nucleus(), f + ": ResonantNucleus / basis_nucleus");
                    checked++;
                }
            }
            assertTrue(checked >= 2, c[0] + ": NIfTI-MRS and FSL files written");
        }
    }
}
