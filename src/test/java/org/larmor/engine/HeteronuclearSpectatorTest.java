package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A proton J-coupled to a heteronucleus (never pulsed nor detected) against a brute-force calculation in the full
 * product space 1H ⊗ X, with the heteronucleus's own Zeeman term: H = ω_H·Iz + ω_X·Sz + 2πJ·Iz·Sz. After a 90°
 * on 1H only, ρ = Ix ⊗ 1_X / (2I+1), and the lines are the ⟨a|F+|b⟩ transitions: 1H with 31P (I = 1/2) is a
 * doublet at ±J/2 with equal halves, 1H with 14N (I = 1) a triplet at 0, ±J with equal thirds.
 */
class HeteronuclearSpectatorTest {
    static final double H_PPM = 3.2;

    /** Brute-force lines {Δν from the uncoupled line (Hz), fraction of the signal}, sorted by Δν. */
    static List<double[]> bruteForce(int twiceSpinX, double jHz, double omegaXRadPerS) {
        int levels = twiceSpinX + 1;
        int d = 2 * levels;
        // Product states |mH, mX>, index a = h·levels + x, h = 0 for mH = +1/2.
        double[] mH = new double[d];
        double[] mX = new double[d];
        double[] energy = new double[d];
        double omegaH = 0; // rotating frame of the proton's own line: frequencies come out relative to it
        for (int a = 0; a < d; a++) {
            mH[a] = a / levels == 0 ? 0.5 : -0.5;
            mX[a] = twiceSpinX / 2.0 - (a % levels);
            energy[a] = omegaH * mH[a] + omegaXRadPerS * mX[a] + 2 * Math.PI * jHz * mH[a] * mX[a];
        }
        // Ix ⊗ 1 / (2I+1) and F+ = I+ ⊗ 1; the FID is Tr(ρ(t)·F+) = Σ_ab ρ_ab(t)·(F+)_ba, ρ_ab(t) = ρ_ab·e^{−i(E_a−E_b)t}.
        double total = 0;
        List<double[]> lines = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                boolean sameX = mX[a] == mX[b];
                double rho = sameX && mH[a] != mH[b] ? 0.5 / levels : 0;
                double fPlus = sameX && mH[b] == 0.5 && mH[a] == -0.5 ? 1 : 0; // (F+)_ba = <b|I+|a>
                double amp = rho * fPlus;
                if (amp != 0) {
                    double nu = Math.abs((energy[a] - energy[b]) / (2 * Math.PI));
                    lines.add(new double[] {nu * Math.signum(mX[a]) * Math.signum(jHz), amp});
                    total += amp;
                }
            }
        }
        for (double[] l : lines) {
            l[1] /= total;
        }
        lines.sort((x, y) -> Double.compare(x[0], y[0]));
        return lines;
    }

    /** Larmor's lines {Δν from the uncoupled proton line (Hz), fraction}, sorted, and the total amplitude. */
    static List<double[]> larmor(Nucleus x, double jHz, double[] totalOut) {
        SpinSystem sys = SpinSystem.of("HX", List.of(Spin.proton("H", H_PPM), new Spin("X", Double.NaN, 1, x)),
                List.of(new Coupling("H", "X", jHz)));
        Sequence q = TestSequences.pulseAcquire(3);
        LineList l = Simulator.simulate(sys, q).get("main");
        double centre = (q.acquisition().referencePpm() - H_PPM) * q.hzPerPpm();
        double total = 0;
        for (int k = 0; k < l.size(); k++) {
            total += Math.hypot(l.amplitudeRe()[k], l.amplitudeIm()[k]);
        }
        totalOut[0] = total;
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) {
            out.add(new double[] {Math.abs(l.frequencyHz()[k] - centre) < 1e-9 ? 0
                    : l.frequencyHz()[k] - centre, Math.hypot(l.amplitudeRe()[k], l.amplitudeIm()[k]) / total});
        }
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    static void assertSameLines(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of lines");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k)[0], actual.get(k)[0], 1e-6, what + ": line " + k + " offset (Hz)");
            assertEquals(expected.get(k)[1], actual.get(k)[1], 1e-9, what + ": line " + k + " fraction");
        }
    }

    @Test
    void protonCoupledToPhosphorusIsAnEqualDoubletAtPlusMinusHalfJ() {
        double j = 6.4;
        List<double[]> brute = bruteForce(1, j, 2 * Math.PI * 1.7e3);
        assertEquals(2, brute.size());
        assertEquals(-j / 2, brute.get(0)[0], 1e-12);
        assertEquals(j / 2, brute.get(1)[0], 1e-12);
        double[] total = new double[1];
        assertSameLines(brute, larmor(Nucleus.P31, j, total), "1H-31P");
        assertEquals(1, total[0], 1e-9, "one proton's signal in all, split, not multiplied");
    }

    @Test
    void protonCoupledToNitrogen14IsAnEqualTripletAtZeroAndPlusMinusJ() {
        double j = 2.5;
        List<double[]> brute = bruteForce(2, j, -2 * Math.PI * 900);
        assertEquals(3, brute.size());
        for (double[] l : brute) {
            assertEquals(1.0 / 3, l[1], 1e-12);
        }
        assertEquals(-j, brute.get(0)[0], 1e-12);
        assertEquals(0, brute.get(1)[0], 1e-12);
        assertEquals(j, brute.get(2)[0], 1e-12);
        double[] total = new double[1];
        assertSameLines(brute, larmor(Nucleus.N14, j, total), "1H-14N");
        assertEquals(1, total[0], 1e-9, "one proton's signal in all");
    }
}
