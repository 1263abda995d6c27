package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HERMES (Saleh et al. 2016) and HERCULES (Oeltzschner et al. 2019) with ideal 180° band pulses, 60 Hz wide at
 * 2.89 T (± 0.244 ppm). Hadamard encoding: GABA's only edited partner (H3, 1.888 ppm) is inside the 1.9 ppm band
 * and nothing of GABA is near 4.2–4.6 ppm, so in HERMES A ≡ B and C ≡ D for GABA and GABA = A + B − C − D =
 * 2·(1.9 ON − 1.9 OFF); GSH's cysteinyl H2 (4.561 ppm) is inside the 4.56 band and nothing of GSH is inside the
 * 1.9 band (its nearest, glutamyl H3b at 2.146 ppm, is just outside 1.9 ± 0.244), so A ≡ C and B ≡ D for GSH and it
 * cancels exactly in the GABA combination; and the reverse. Singlets are the same in every sub-experiment and
 * cancel in any combination whose weights add to zero.
 */
class HadamardEditingTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));
    static final String ACQ = "acquisition: {points: 4096, spectral_width_hz: 4000}\n";

    static SpinSystem sys(String name) {
        return LIB.find(name).orElseThrow();
    }

    static Sequence seq(String template, String extra) {
        return SequenceReader.parse(template + ".yaml", "template: " + template + "\nb0_t: 2.89\nte1_ms: 17\n"
                + "te2_ms: 63\nediting: {bandwidth_hz: 60" + extra + "}\n" + ACQ);
    }

    static double signalNear(LineList l, double ppm, double halfWidthPpm, Sequence q) {
        double s = 0;
        for (int k = 0; k < l.size(); k++) {
            double p = q.acquisition().referencePpm() - l.frequencyHz()[k] / q.hzPerPpm();
            if (Math.abs(p - ppm) <= halfWidthPpm) {
                s += Math.hypot(l.amplitudeRe()[k], l.amplitudeIm()[k]);
            }
        }
        return s;
    }

    /** Σ|amplitude| of a combination, the lines being merged across conditions. */
    static double size(BasisSpectrum b, String name) {
        return b.lines().get(name).merged(0).absoluteSum();
    }

    static void checkSeparation(String template) {
        Sequence q = seq(template, "");
        BasisSpectrum gaba = BasisSimulator.simulate(sys("GABA"), q);
        BasisSpectrum gsh = BasisSimulator.simulate(sys("GSH"), q);
        double gabaIn = signalNear(gaba.lines().get("GABA"), 3.013, 0.1, q);
        double gabaLeak = size(gaba, "GSH");
        double gshIn = signalNear(gsh.lines().get("GSH"), 2.95, 0.1, q);
        double gshLeak = size(gsh, "GABA");
        assertTrue(gabaIn > 1.0, template + ": GABA's 3.0 ppm multiplet edited in the GABA combination: " + gabaIn);
        assertTrue(gshIn > 0.5, template + ": GSH's 2.95 ppm cysteinyl signal edited in the GSH combination: "
                + gshIn);
        assertTrue(gabaLeak / gabaIn < 1e-9, template + ": |GABA in GSH combination| / |GABA at 3.0 in GABA"
                + " combination| = " + gabaLeak / gabaIn);
        assertTrue(gshLeak / gshIn < 1e-9, template + ": |GSH in GABA combination| / |GSH at 2.95 in GSH"
                + " combination| = " + gshLeak / gshIn);
    }

    @Test
    void hermesGabaCombinationKeepsGabaAndCancelsGshAndViceVersa() {
        checkSeparation("hermes");
    }

    @Test
    void herculesGabaCombinationKeepsGabaAndCancelsGshAndViceVersa() {
        checkSeparation("hercules");
    }

    @Test
    void hermesGabaCombinationIsTwiceTheMegaDifferenceAtTheSameTiming() {
        // A + B − C − D = 2·(1.9 ON − 7.5 OFF) for GABA (Hadamard encoding): compared against MEGA-PRESS.
        Sequence hermes = seq("hermes", "");
        Sequence mega = seq("mega_press", ", on_ppm: 1.9, off_ppm: 7.5");
        LineList h = BasisSimulator.simulate(sys("GABA"), hermes).lines().get("GABA");
        LineList m = BasisSimulator.simulate(sys("GABA"), mega).lines().get("DIFF");
        double[] hf = h.toFid(2048, 1.0 / 4000, 3, 0).re();
        double[] mf = m.toFid(2048, 1.0 / 4000, 3, 0).re();
        double max = 0;
        double d = 0;
        for (int k = 0; k < hf.length; k++) {
            max = Math.max(max, Math.abs(hf[k]));
            d = Math.max(d, Math.abs(hf[k] - 2 * mf[k]));
        }
        assertTrue(max > 0.5, "a GABA signal: " + max);
        assertTrue(d / max < 1e-10, "HERMES GABA − 2·MEGA DIFF, relative: " + d / max);
    }

    @Test
    void singletsCancelInTheGabaAndGshCombinationsAndAddFourfoldInTheSum() {
        for (String template : new String[] {"hermes", "hercules"}) {
            Sequence q = seq(template, "");
            BasisSpectrum cr = BasisSimulator.simulate(sys("Cr"), q);
            double oneCondition = cr.lines().get("A").sumAtZero()[0];
            assertEquals(6.0, oneCondition, 1e-9, template + ": CH3 + CH2 + NH = 6 protons, fully refocused");
            assertEquals(4 * oneCondition, cr.lines().get("SUM").sumAtZero()[0], 1e-9, template + ": SUM");
            for (String c : new String[] {"GABA", "GSH"}) {
                assertTrue(size(cr, c) < 1e-12 * oneCondition, template + ": Cr cancels in " + c + ": "
                        + size(cr, c));
            }
        }
    }
}
