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

    @Test
    void valineMethylsAreTwoDoubletsSplitByTheirCouplingsToH3() {
        // H4a (1.0271 ppm) and H4b (0.9764 ppm) each couple only to H3 (2.2577 ppm): 6.971 and 7.071 Hz (Vespa).
        // Δν(H3, methyl) ≈ 1.23 ppm · 298 MHz ≈ 367 Hz, so J/Δν ≈ 0.02: first order. The methyls are 15.1 Hz apart;
        // a window of ±J around each methyl shift holds its own two lines only.
        LineList l = pulseAcquire("Val");
        for (double[] m : new double[][] {{1.0271, 6.971}, {0.9764, 7.071}}) {
            double nu = (4.65 - m[0]) * F0;
            double j = m[1];
            double[] lower = weightedMean(l, nu - j, nu);
            double[] upper = weightedMean(l, nu, nu + j);
            assertEquals(j, upper[0] - lower[0], 0.1, m[0] + " ppm: doublet splitting = J(H3, methyl)");
            assertEquals(3.0, lower[1] + upper[1], 0.01, m[0] + " ppm: three methyl protons");
        }
        assertEquals(8.0, weightedMean(l, -1e9, 1e9)[1], 1e-6, "eight C-H protons at pulse-acquire");
    }

    @Test
    void ethanolamineHistidineAndTryptophanCarryTheirCHProtons() {
        // 14N (EA, His) is a spectator spin of the 1H experiment: the pulse-acquire amplitude is the proton count.
        for (Object[] c : new Object[][] {{"EA", 4.0}, {"His", 5.0}, {"Trp", 8.0}}) {
            LineList l = pulseAcquire((String) c[0]);
            assertEquals((double) c[1], weightedMean(l, -1e9, 1e9)[1], 1e-6, (String) c[0]);
        }
        // histidine's imidazole C2-H (7.791 ppm) couples only to 14N (1.07 Hz): a 1:1:1 triplet of 1/3 each
        LineList his = pulseAcquire("His");
        double nu = (4.65 - 7.791) * F0;
        double[] ring = weightedMean(his, nu - 2, nu + 2);
        assertEquals(1.0, ring[1], 1e-6, "one proton");
        assertEquals(nu, ring[0], 1e-6, "centred on its shift");
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
