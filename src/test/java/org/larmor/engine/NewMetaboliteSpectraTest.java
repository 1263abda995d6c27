package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped spin systems added from spant's transcriptions, simulated: pulse-acquire at 7 T against the
 * weak-coupling closed form. Shifts on the receiver scale are (4.65 − δ)·f0, f0 = γ/2π·B0.
 */
class NewMetaboliteSpectraTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));
    static final double B0 = 7.0;
    static final double F0 = 42.577478 * B0;

    static LineList pulseAcquire(String name) {
        SpinSystem s = LIB.find(name).orElseThrow();
        return Simulator.simulate(s, TestSequences.pulseAcquire(B0)).get("main");
    }

    @Test
    void threonineMethylIsADoubletSplitByJ34HoldingThreeProtons() {
        // H4 (CH3, 1.316 ppm) couples only to H3 (4.246 ppm) with J = 6.35 Hz. Δν34 = 2.93 ppm · 298 MHz ≈ 873 Hz,
        // so J/Δν ≈ 0.007: first order, two lines at ν4 ± J/2, each 3/2 protons; second-order shifts and the
        // roof effect are of order J²/Δν ≈ 0.05 Hz and J/Δν ≈ 1 % (Levitt, Spin Dynamics §14).
        double j = 6.35;
        double nu4 = (4.65 - 1.316) * F0;
        LineList l = pulseAcquire("Thr");
        double[] lower = weightedMean(l, nu4 - 2 * j, nu4);
        double[] upper = weightedMean(l, nu4, nu4 + 2 * j);
        assertEquals(j, upper[0] - lower[0], 0.05, "doublet splitting = J(H3, H4)");
        assertEquals(nu4, (upper[0] + lower[0]) / 2, 0.05, "centred on the methyl shift");
        assertEquals(3.0, lower[1] + upper[1], 1e-3, "the doublet holds the three methyl protons");
        assertEquals(1.5, lower[1], 0.03, "near-equal halves (weak coupling)");
        assertEquals(1.5, upper[1], 0.03, "near-equal halves (weak coupling)");
        double[] h2 = weightedMean(l, (4.65 - 3.578) * F0 - 2 * j, (4.65 - 3.578) * F0 + 2 * j);
        assertEquals(1.0, h2[1], 0.02, "H2 (alpha CH): one proton");
    }

    @Test
    void msmAndPyruvateAreSingletsOfTheirProtonCount() {
        for (String[] c : new String[][] {{"MSM", "3.142", "6"}, {"Pyr", "2.358", "3"}}) {
            LineList l = pulseAcquire(c[0]);
            assertEquals(1, l.size(), c[0]);
            assertEquals((4.65 - Double.parseDouble(c[1])) * F0, l.frequencyHz()[0], 1e-6, c[0]);
            assertEquals(Double.parseDouble(c[2]), l.amplitudeRe()[0], 1e-9, c[0]);
        }
    }

    @Test
    void glycerolHoldsFiveProtonsBetween3p5And3p8Ppm() {
        LineList l = pulseAcquire("Glyc");
        double[] all = weightedMean(l, -1e9, 1e9);
        assertEquals(5.0, all[1], 1e-6, "five C-H protons at pulse-acquire");
        double[] band = weightedMean(l, (4.65 - 3.85) * F0, (4.65 - 3.45) * F0);
        assertEquals(5.0, band[1], 1e-3, "all but combination lines of order (J/Δν)² lie between 3.45 and 3.85 ppm");
        assertTrue(l.size() > 5, "strongly coupled: many lines");
    }

    /** {amplitude-weighted mean frequency, summed real amplitude} of the lines in [from, to) Hz. */
    static double[] weightedMean(LineList l, double from, double to) {
        double sum = 0;
        double moment = 0;
        for (int k = 0; k < l.size(); k++) {
            double f = l.frequencyHz()[k];
            if (f >= from && f < to) {
                sum += l.amplitudeRe()[k];
                moment += l.amplitudeRe()[k] * f;
            }
        }
        return new double[] {moment / sum, sum};
    }
}
