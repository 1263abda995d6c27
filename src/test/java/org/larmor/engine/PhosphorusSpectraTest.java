package org.larmor.engine;

import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.LineList;
import org.larmor.spin.Nucleus;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 31P spectra against closed forms: first-order multiplets of ATP (weak coupling, Δν ≫ J), PCr at 0 ppm, 1H
 * decoupling of PE/PC/GPC, the Pi shift from the Henderson–Hasselbalch equation, ATP's J modulation in a spin echo.
 * Every expected number is computed here from the literature constants, not read from the code under test.
 */
class PhosphorusSpectraTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));
    /** γ/2π of 31P (Harris et al. 2001), Hz/T, written again here. */
    static final double GAMMA_P = 17.235e6;
    /** Two-bond 31P–31P couplings of MgATP in atp.yaml (Schröder et al. 2005), Hz. */
    static final double J_ATP = 16.0;

    static Sequence pulseAcquire(double b0, boolean decoupled) {
        return SequenceReader.parse("pa.yaml", "template: pulse_acquire\nb0_t: " + b0 + "\nnucleus: 31P\n"
                + "acquisition: {points: 2048, spectral_width_hz: 20000"
                + (decoupled ? ", decoupling: {nucleus: 1H}" : "") + "}\n");
    }

    static LineList lines(String metabolite, Sequence seq) {
        return BasisSimulator.simulate(LIB.find(metabolite).orElseThrow(), seq).lines().values().iterator().next();
    }

    /** The lines within ±windowHz of a frequency, as {frequency, Re, Im} rows. */
    static List<double[]> near(LineList l, double centreHz, double windowHz) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(l.frequencyHz()[k] - centreHz) <= windowHz && Math.hypot(l.amplitudeRe()[k],
                    l.amplitudeIm()[k]) > 1e-9) {
                out.add(new double[] {l.frequencyHz()[k], l.amplitudeRe()[k], l.amplitudeIm()[k]});
            }
        }
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    /**
     * Lines closer than {@code mergeHz} joined into one (amplitude-weighted frequency, summed amplitude): in an AMX
     * system with J_AX = 0 the first-order-coincident transitions differ by second-order amounts.
     */
    static List<double[]> grouped(List<double[]> lines, double mergeHz) {
        List<double[]> out = new ArrayList<>();
        for (double[] l : lines) {
            double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && l[0] - last[0] < mergeHz) {
                double w = last[1] + l[1];
                last[0] = (last[0] * last[1] + l[0] * l[1]) / w;
                last[1] = w;
                last[2] += l[2];
            } else {
                out.add(l.clone());
            }
        }
        return out;
    }

    /** Receiver frequency of a shift on the PCr = 0 scale with the receiver on PCr: f = (0 − δ)·γB0·10⁻⁶. */
    static double hz(double ppm, double b0) {
        return -ppm * GAMMA_P * b0 * 1e-6;
    }

    /**
     * First-order multiplets: γ and α doublets (δ ± J/2, ½ each), β triplet (δ, δ ± J; ¼, ½, ¼). Second-order
     * corrections are of order J/Δν in intensity and J²/Δν in frequency; the tolerances are those bounds.
     */
    private static void atpMultiplets(double b0, double hzTol, double ampTol) {
        LineList l = lines("ATP", pulseAcquire(b0, false));
        for (double ppm : new double[] {-2.48, -7.52}) {
            List<double[]> d = grouped(near(l, hz(ppm, b0), 3 * J_ATP), 2 * hzTol);
            assertEquals(2, d.size(), ppm + " ppm: a doublet");
            assertEquals(hz(ppm, b0) - J_ATP / 2, d.get(0)[0], hzTol);
            assertEquals(hz(ppm, b0) + J_ATP / 2, d.get(1)[0], hzTol);
            assertEquals(0.5, d.get(0)[1], ampTol);
            assertEquals(0.5, d.get(1)[1], ampTol);
        }
        List<double[]> t = grouped(near(l, hz(-16.26, b0), 3 * J_ATP), 2 * hzTol);
        assertEquals(3, t.size(), "beta-ATP: a triplet (the two middle lines coincide when J_ab = J_bg)");
        double[] expected = {0.25, 0.5, 0.25};
        for (int k = 0; k < 3; k++) {
            assertEquals(hz(-16.26, b0) + (k - 1) * J_ATP, t.get(k)[0], hzTol, "beta line " + k);
            assertEquals(expected[k], t.get(k)[1], ampTol, "beta line " + k);
        }
    }

    @Test
    void atpBetaTripletAndAlphaGammaDoubletsSitAtShiftPlusMinusHalfJAt3T() {
        // 3 T: smallest Δν is α–β, 8.74 ppm·49.8 MHz = 435 Hz: J/Δν = 3.7 %, J²/Δν = 0.6 Hz.
        atpMultiplets(2.89, 0.6, 0.04);
    }

    @Test
    void atpMultipletsApproachFirstOrderAtHighField() {
        // 30 T: J/Δν = 0.36 %, J²/Δν = 0.06 Hz; the tolerance shrinks with them, so a wrong J or shift fails.
        atpMultiplets(30, 0.06, 0.004);
    }

    @Test
    void pcrIsOneLineAtZeroPpmOnThe31PScale() {
        Sequence seq = pulseAcquire(2.89, false);
        assertEquals(GAMMA_P * 2.89, seq.larmorHz(), 1e-3);
        assertEquals(0.0, seq.acquisition().referencePpm(), 0, "the 31P receiver defaults to PCr");
        List<double[]> p = near(lines("PCr", seq), 0, 1000);
        assertEquals(1, p.size());
        assertEquals(0.0, p.get(0)[0], 1e-9);
        assertEquals(1.0, p.get(0)[1], 1e-12, "one phosphorus");
        // A receiver moved to −2.5 ppm puts PCr at (−2.5 − 0)·f0.
        Sequence moved = SequenceReader.parse("pa.yaml", "template: pulse_acquire\nb0_t: 2.89\nnucleus: 31P\n"
                + "acquisition: {points: 2048, spectral_width_hz: 20000, reference_ppm: -2.5}\n");
        assertEquals(-2.5 * GAMMA_P * 2.89 * 1e-6, near(lines("PCr", moved), 0, 1000).get(0)[0], 1e-9);
    }

    @Test
    void protonDecouplingCollapsesThePeDoubletOfDoubletsIntoOneLineOfTheSameArea() {
        double b0 = 2.89;
        // PE: 31P coupled to OCH2a (7.288 Hz) and OCH2b (7.088 Hz): lines at ±(Ja ± Jb)/2, ¼ each.
        List<double[]> coupled = near(lines("PE", pulseAcquire(b0, false)), hz(6.78, b0), 20);
        double ja = 7.288;
        double jb = 7.088;
        double[] offsets = {-(ja + jb) / 2, -(ja - jb) / 2, (ja - jb) / 2, (ja + jb) / 2};
        assertEquals(4, coupled.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(hz(6.78, b0) + offsets[k], coupled.get(k)[0], 1e-9);
            assertEquals(0.25, coupled.get(k)[1], 1e-12);
        }
        List<double[]> decoupled = near(lines("PE", pulseAcquire(b0, true)), hz(6.78, b0), 20);
        assertEquals(1, decoupled.size());
        assertEquals(hz(6.78, b0), decoupled.get(0)[0], 1e-9);
        assertEquals(1.0, decoupled.get(0)[1], 1e-12, "the summed area of the multiplet");
    }

    @Test
    void protonDecouplingCollapsesThePcMultiplet() {
        double b0 = 6.98;
        List<double[]> coupled = near(lines("PC", pulseAcquire(b0, false)), hz(6.23, b0), 20);
        assertEquals(4, coupled.size(), "PC: doublet of doublets from OCH2a/b (6.298, 6.249 Hz)");
        assertEquals(hz(6.23, b0) - (6.298 + 6.249) / 2, coupled.get(0)[0], 1e-9);
        double area = coupled.stream().mapToDouble(r -> r[1]).sum();
        List<double[]> decoupled = near(lines("PC", pulseAcquire(b0, true)), hz(6.23, b0), 20);
        assertEquals(1, decoupled.size());
        assertEquals(area, decoupled.get(0)[1], 1e-12);
        assertEquals(1.0, area, 1e-12);
    }

    @Test
    void gpcPhosphorusIsOneAtomCoupledToBothFragments() {
        // Four protons at 6.03 Hz (glycerol H3a/b, choline OCH2a/b): a 1:4:6:4:1 quintet of one phosphorus.
        List<double[]> q = near(lines("GPC", pulseAcquire(2.89, false)), hz(2.95, 2.89), 30);
        double[] binomial = {1, 4, 6, 4, 1};
        assertEquals(5, q.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(hz(2.95, 2.89) + (k - 2) * 6.03, q.get(k)[0], 1e-9);
            assertEquals(binomial[k] / 16, q.get(k)[1], 1e-12);
        }
    }

    @Test
    void piShiftFollowsHendersonHasselbalchWithPetroffConstants() {
        // Petroff et al., Neurology 1985: pKa 6.77, δ_HA 3.29, δ_A 5.68 ppm (vs PCr), written here independently.
        SpinSystem pi = LIB.find("Pin").orElseThrow();
        Sequence seq = pulseAcquire(2.89, false);
        for (double ph : new double[] {6.5, 7.0, 7.5}) {
            double r = Math.pow(10, ph - 6.77);
            double delta = (3.29 + 5.68 * r) / (1 + r);
            LineList l = BasisSimulator.simulate(pi.atPh(ph), seq).lines().values().iterator().next();
            List<double[]> p = near(l, hz(delta, 2.89), 1000);
            assertEquals(1, p.size());
            assertEquals(hz(delta, 2.89), p.get(0)[0], 1e-9, "pH " + ph);
            assertEquals(ph, pi.atPh(ph).subsystems().get(0).spins().get(0).titration()
                    .phAt(pi.atPh(ph).subsystems().get(0).spins().get(0).shiftPpm()), 1e-12);
        }
        // Closed form at pH 7.0: 4.7942 ppm (hand-computed: 10^0.23 = 1.69824).
        assertEquals(4.7942, (3.29 + 5.68 * 1.69824) / 2.69824, 1e-4);
        assertEquals(4.7942, pi.subsystems().get(0).spins().get(0).shiftPpm(), 1e-4, "default pH 7.0");
    }

    @Test
    void atpSpinEchoModulatesTheDoubletsByCosPiJTe() {
        double b0 = 30;   // weak coupling to 0.4 %
        for (double teMs : new double[] {10, 20, 45}) {
            Sequence se = SequenceReader.parse("se.yaml", "template: spin_echo\nb0_t: " + b0 + "\nnucleus: 31P\nte_ms: "
                    + teMs + "\nacquisition: {points: 2048, spectral_width_hz: 20000}\n");
            LineList l = lines("ATP", se);
            double c = Math.cos(Math.PI * J_ATP * teMs * 1e-3);
            for (double ppm : new double[] {-2.48, -7.52}) {
                double re = near(l, hz(ppm, b0), 3 * J_ATP).stream().mapToDouble(r -> r[1]).sum();
                assertEquals(c, re, 0.01, ppm + " ppm at TE " + teMs + " ms: cos(pi J TE)");
            }
            double beta = near(l, hz(-16.26, b0), 3 * J_ATP).stream().mapToDouble(r -> r[1]).sum();
            assertEquals(c * c, beta, 0.01, "beta-ATP, coupled to alpha and gamma: cos^2(pi J TE)");
        }
    }

    @Test
    void a31PSequenceRefusesASystemWithout31P() {
        InputException e = assertThrows(InputException.class, () -> lines("NAA", pulseAcquire(2.89, false)));
        assertTrue(e.getMessage().contains("no 31P spin"), e.getMessage());
        assertThrows(InputException.class, () -> LIB.select("brain", Nucleus.P31));
        assertThrows(InputException.class, () -> LIB.select("NAA", Nucleus.P31));
        assertThrows(InputException.class, () -> LIB.select("ATP", Nucleus.H1));
    }

    @Test
    void namedSetsKeepEachNucleusApart() {
        List<String> p31 = LIB.select(SpinLibrary.defaultSet(Nucleus.P31), Nucleus.P31).stream()
                .map(SpinSystem::name).toList();
        assertEquals(List.of("ATP", "GPC", "GPE", "NAD", "NADH", "PCh", "PCr", "PE", "Pi", "UDPG"),
                p31.stream().sorted().toList());
        List<String> h1 = LIB.select(SpinLibrary.defaultSet(Nucleus.H1), Nucleus.H1).stream()
                .map(SpinSystem::name).toList();
        assertEquals("brain", SpinLibrary.defaultSet(Nucleus.H1));
        assertTrue(h1.contains("NAA") && !h1.contains("ATP") && !h1.contains("Pi"), h1.toString());
        List<String> all31 = LIB.select("all", Nucleus.P31).stream().map(SpinSystem::name).toList();
        assertTrue(all31.contains("ADP") && !all31.contains("NAA"), all31.toString());
        assertTrue(LIB.select("all", Nucleus.H1).stream().noneMatch(s -> s.name().equals("ATP")));
    }

    @Test
    void aPhOutsideTheModelRangeIsALocatedError() {
        String yaml = "name: X\nsource: t\nsubsystems:\n  - spins:\n      - label: P\n        nucleus: 31P\n"
                + "        ph_shift: {pka: 6.77, acid_ppm: 3.29, base_ppm: 5.68, default_ph: 9.5, source: s}\n";
        InputException e = assertThrows(InputException.class,
                () -> org.larmor.spin.SpinSystemReader.parse("x.yaml", yaml));
        assertEquals(7, e.location().line(), e.getMessage());
        assertTrue(e.field().endsWith("ph_shift.default_ph"), e.field());
        InputException same = assertThrows(InputException.class, () -> org.larmor.spin.SpinSystemReader.parse(
                "y.yaml", "name: Y\nsource: t\nsubsystems:\n  - name: A\n    spins:\n      - {label: P, nucleus: 31P,"
                        + " shift_ppm: 1}\n  - name: B\n    spins:\n      - {label: P, nucleus: 31P, shift_ppm: 2,"
                        + " same_as: A}\n"));
        assertEquals(9, same.location().line(), same.getMessage());
        assertTrue(same.getMessage().contains("same shift"), same.getMessage());
    }
}
