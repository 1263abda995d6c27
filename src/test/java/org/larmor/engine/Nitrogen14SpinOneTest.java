package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 14N is spin 1. GPC's nine N(CH3)3 protons couple 0.57 Hz to it: a 1:1:1 triplet at 0, ±J, which a linewidth
 * L ≫ J collapses into one line of peak height (1 + 2/(1 + (2J/L)²))/3 of the uncoupled one (Lorentzian, FWHM L).
 * The spin-½ stand-in of the reference MATLAB toolkit gives a doublet at ±J/2 instead, collapsing to
 * 1/(1 + (J/L)²): a few per cent taller. Both heights are evaluated from the engine's lines and compared with
 * these closed forms.
 */
class Nitrogen14SpinOneTest {
    static final double J_HZ = 0.57; // GPC_pCh2: N(CH3)3 to 14N, as in gpc.yaml
    static final double PPM = 3.212;

    static LineList methyl(Nucleus n) {
        SpinSystem s = SpinSystem.of("GPC_methyl", List.of(Spin.protons("NCH3", PPM, 9),
                new Spin("N", Double.NaN, 1, n)), List.of(new Coupling("NCH3", "N", J_HZ)));
        return Simulator.simulate(s, TestSequences.pulseAcquire(3)).get("main");
    }

    /** Absorptive peak height at the uncoupled line's frequency, lines broadened to Lorentzians of FWHM l. */
    static double peakHeight(LineList lines, double centreHz, double l) {
        double h = 0;
        for (int k = 0; k < lines.size(); k++) {
            double x = 2 * (lines.frequencyHz()[k] - centreHz) / l;
            h += lines.amplitudeRe()[k] / (1 + x * x);
        }
        return h;
    }

    @Test
    void spinOneNitrogenCollapsesToTheTripletHeightAndTheSpinHalfStandInToTheDoubletHeight() {
        LineList spinOne = methyl(Nucleus.N14);
        LineList standIn = methyl(Nucleus.N15); // a spin-½ spectator with the same coupling
        double centre = 0;
        for (int k = 0; k < spinOne.size(); k++) {
            centre += spinOne.frequencyHz()[k] * spinOne.amplitudeRe()[k] / 9; // symmetric triplet: its centre
        }
        assertEquals(3, spinOne.size(), "14N: triplet");
        assertEquals(2, standIn.size(), "spin-½ stand-in: doublet");
        for (double l : new double[] {2, 4, 8}) {
            double triplet = (1 + 2 / (1 + Math.pow(2 * J_HZ / l, 2))) / 3;
            double doublet = 1 / (1 + Math.pow(J_HZ / l, 2));
            assertEquals(9 * triplet, peakHeight(spinOne, centre, l), 1e-9, "14N, L " + l);
            assertEquals(9 * doublet, peakHeight(standIn, centre, l), 1e-9, "stand-in, L " + l);
            assertTrue(doublet > triplet, "the stand-in overestimates the collapsed peak");
        }
        // At 4 Hz (3 T in vivo), the stand-in's methyl peak is 3.1 % too tall
        double ratio = (1 / (1 + Math.pow(J_HZ / 4, 2))) / ((1 + 2 / (1 + Math.pow(2 * J_HZ / 4, 2))) / 3);
        assertEquals(1.031, ratio, 0.001);
        assertEquals(9, spinOne.sumAtZero()[0], 1e-12, "the area (t = 0 amplitude) is the same for both");
        assertEquals(9, standIn.sumAtZero()[0], 1e-12);
    }
}
