package org.larmor.basis;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MEGA-PRESS with ideal editing pulses (Mescher et al. 1998): at TE 68 ms ≈ 1/(2J) the GABA C4 triplet's outer
 * lines are inverted in OFF and upright in ON (the 1.9 ppm partners are inverted, refocusing J), so ON − OFF keeps
 * the outer lines and cancels the centre line: the 3.0 ppm pseudo-doublet. Uncoupled singlets cancel exactly.
 */
class MegaPressEditingTest {
    static final Sequence MEGA = SequenceReader.parse("mega.yaml", "template: mega_press\nb0_t: 2.89\n"
            + "te1_ms: 17\nte2_ms: 51\nediting: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80}\n"
            + "acquisition: {points: 4096, spectral_width_hz: 4000}\n");

    /** GABA after Near et al. / Kaiser et al. 2008 as in FID-A (spins C2 2.284, C3 1.888, C4 3.013 ppm). */
    static SpinSystem gaba() {
        return SpinSystem.of("GABA", List.of(Spin.proton("C2a", 2.284), Spin.proton("C2b", 2.284),
                        Spin.proton("C3a", 1.888), Spin.proton("C3b", 1.888), Spin.proton("C4a", 3.013),
                        Spin.proton("C4b", 3.013)),
                List.of(new Coupling("C2a", "C2b", -15.938), new Coupling("C2a", "C3a", 7.678),
                        new Coupling("C2a", "C3b", 6.98), new Coupling("C2b", "C3a", 6.98),
                        new Coupling("C2b", "C3b", 7.678), new Coupling("C3a", "C3b", -15.0),
                        new Coupling("C3a", "C4a", 8.51), new Coupling("C3a", "C4b", 6.503),
                        new Coupling("C3b", "C4a", 6.503), new Coupling("C3b", "C4b", 8.51),
                        new Coupling("C4a", "C4b", -14.062)));
    }

    static double signalNear(LineList l, double ppm, double halfWidthPpm, Sequence q) {
        double s = 0;
        for (int k = 0; k < l.size(); k++) {
            double p = q.acquisition().referencePpm() - l.frequencyHz()[k] / q.hzPerPpm();
            if (Math.abs(p - ppm) <= halfWidthPpm) {
                s += l.amplitudeRe()[k];
            }
        }
        return s;
    }

    @Test
    void gabaDifferenceShowsTheEdited3PpmPseudoDoublet() {
        BasisSpectrum b = BasisSimulator.simulate(gaba(), MEGA);
        LineList on = b.lines().get("ON");
        LineList off = b.lines().get("OFF");
        LineList diff = b.lines().get("DIFF");
        double on3 = signalNear(on, 3.013, 0.1, MEGA);
        double off3 = signalNear(off, 3.013, 0.1, MEGA);
        double diff3 = signalNear(diff, 3.013, 0.1, MEGA);
        assertEquals(on3 - off3, diff3, 1e-12, "DIFF = ON − OFF");
        assertTrue(diff3 > 1.5 && diff3 < 2.2, "ideal editing recovers nearly all of C4's 2 protons: " + diff3);
        assertTrue(Math.abs(off3) < 0.5, "OFF: outer lines inverted against the centre line: " + off3);
        // Pseudo-doublet: the centre of the multiplet (±2 Hz) nearly cancels, the outer lines (±5–12 Hz) remain.
        double centre = signalNear(diff, 3.013, 2.0 / MEGA.hzPerPpm(), MEGA);
        assertTrue(Math.abs(centre) < 0.25 * diff3, "centre line cancels: " + centre + " of " + diff3);
        // The C3 partners at 1.9 ppm lie inside the ON band: their couplings to C2 and C4 are refocused in ON, so
        // they appear strongly in the difference too (the 1.9 ppm peak of GABA-edited spectra).
        double diff19 = signalNear(diff, 1.888, 0.1, MEGA);
        assertTrue(diff19 > 1.0 && diff19 < 2.2, "C3 edited at 1.9 ppm: " + diff19);
    }

    @Test
    void singletsCancelExactlyInsideOrOutsideTheEditingBand() {
        BasisSpectrum cr = BasisSimulator.simulate(SpinSystem.of("Cr", List.of(Spin.protons("CH3", 3.027, 3)),
                List.of()), MEGA);
        assertEquals(3.0, cr.lines().get("OFF").sumAtZero()[0], 1e-12);
        assertEquals(3.0, cr.lines().get("ON").sumAtZero()[0], 1e-12);
        for (double v : cr.fid("DIFF").re()) {
            assertEquals(0, v, 1e-12, "Cr cancels");
        }
        BasisSpectrum naa = BasisSimulator.simulate(SpinSystem.of("NAA", List.of(Spin.protons("CH3", 2.008, 3)),
                List.of()), MEGA);
        assertEquals(3.0, naa.lines().get("OFF").sumAtZero()[0], 1e-12);
        assertEquals(3.0, naa.lines().get("ON").sumAtZero()[0], 1e-12, "2.008 ppm is inside 1.9 ppm ± 40 Hz: two"
                + " ideal 180° editing pulses refocus it");
        assertEquals(0.0, naa.lines().get("ON").sumAtZero()[1], 1e-12);
        for (double v : naa.fid("DIFF").re()) {
            assertEquals(0, v, 1e-12, "NAA cancels");
        }
    }

    @Test
    void shapedGaussianEditingPulsesPartlyInvertNaaWhichTurnsNegativeInTheDifference() {
        // A 14 ms Gaussian at 1.9 ppm has its inversion band's flank at 2.01 ppm (13.5 Hz away at 2.89 T): NAA is
        // partly inverted, its coherence partly leaves the refocused pathway, and DIFF shows a negative NAA singlet.
        Sequence shaped = SequenceReader.parse("mega-shaped.yaml", "template: mega_press\nb0_t: 2.89\n"
                + "te1_ms: 17\nte2_ms: 51\nediting: {on_ppm: 1.9, off_ppm: 7.5, shape: gaussian, duration_ms: 14,"
                + " flip_deg: 180}\nacquisition: {points: 4096, spectral_width_hz: 4000}\n");
        BasisSpectrum naa = BasisSimulator.simulate(SpinSystem.of("NAA", List.of(Spin.protons("CH3", 2.008, 3)),
                List.of()), shaped);
        double on = naa.lines().get("ON").sumAtZero()[0];
        double off = naa.lines().get("OFF").sumAtZero()[0];
        assertEquals(3.0, off, 1e-4, "7.5 ppm is far from 2.01 ppm (a truncated Gaussian's side lobes: ~1e-5)");
        assertTrue(on < 2.9 && on > 0, "partly affected in ON: " + on);
        assertTrue(naa.lines().get("DIFF").sumAtZero()[0] < -0.1, "negative NAA in DIFF");
        BasisSpectrum gaba = BasisSimulator.simulate(gaba(), shaped);
        double diff3 = signalNear(gaba.lines().get("DIFF"), 3.013, 0.1, shaped);
        assertTrue(diff3 > 0.8, "GABA still edited at 3.0 ppm with real pulses: " + diff3);
    }
}
