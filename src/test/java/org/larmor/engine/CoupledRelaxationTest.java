package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Relaxation;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * T2 in a strongly coupled system. In a spin echo or PRESS with ideal pulses every delay holds only ±1 quantum
 * coherences (the Hamiltonian conserves Fz, a 180° maps p to −p), and in the Redfield-free model every coherence
 * decays as exp(−t/T2) whatever basis it is written in. So each line of an AB system, including the weak outer
 * lines and the phase-twisted strong-coupling lines, is the no-relaxation line times exp(−TE/T2), exactly; T1 has
 * nothing to act on.
 */
class CoupledRelaxationTest {
    static final double T1 = 1.2;
    static final double T2 = 0.09;

    static SpinSystem ab() {
        // Δν = 0.06 ppm · 123 MHz ≈ 7.4 Hz < J = 12 Hz: strongly coupled at 3 T.
        return SpinSystem.of("AB", List.of(Spin.proton("A", 3.00), Spin.proton("B", 3.06)),
                List.of(new Coupling("A", "B", 12.0))).withRelaxation(new Relaxation(T1, T2, 3, "test values"));
    }

    static void assertScaledLines(Sequence q, double teS) {
        LineList plain = Simulator.simulate(ab(), q).get("main");
        LineList relaxed = Simulator.simulate(ab(), q, true).get("main");
        double f = Math.exp(-teS / T2);
        assertTrue(plain.size() >= 4, "an AB quartet (and its echo-modulated lines): " + plain.size());
        assertEquals(plain.size(), relaxed.size(), "same lines");
        double largest = 0;
        for (int k = 0; k < plain.size(); k++) {
            largest = Math.max(largest, Math.hypot(plain.amplitudeRe()[k], plain.amplitudeIm()[k]));
        }
        for (int k = 0; k < plain.size(); k++) {
            assertEquals(plain.frequencyHz()[k], relaxed.frequencyHz()[k], 1e-9, "line " + k + " frequency");
            assertEquals(f * plain.amplitudeRe()[k], relaxed.amplitudeRe()[k], 1e-12 * largest,
                    "line " + k + " at " + plain.frequencyHz()[k] + " Hz, Re");
            assertEquals(f * plain.amplitudeIm()[k], relaxed.amplitudeIm()[k], 1e-12 * largest,
                    "line " + k + " at " + plain.frequencyHz()[k] + " Hz, Im");
        }
    }

    @Test
    void everyLineOfAStronglyCoupledSpinEchoDecaysAsExpMinusTeOverT2() {
        for (double te : new double[] {20, 97}) {
            assertScaledLines(TestSequences.spinEcho(3, te), te * 1e-3);
        }
    }

    @Test
    void everyLineOfAStronglyCoupledPressDecaysAsExpMinusTeOverT2() {
        assertScaledLines(TestSequences.press(3, 13, 57), 70e-3);
    }

    /**
     * STEAM's mixing time is where the basis matters: after the store pulse the state holds eigenstate populations,
     * which relax with T1, and the AB pair's zero-quantum coherence, which relaxes with T2 and oscillates at
     * f_ZQ = √(Δν² + J²). The populations' share S_pop of the signal is the mean of the no-relaxation signal over one
     * ZQ period (a sinusoid's mean is zero), so the relaxed signal must be
     * e^(−TE/T2)·[e^(−TM/T1)·S_pop + e^(−TM/T2)·(S(TM) − S_pop)]. Relaxation applied in the Zeeman basis would mix
     * the two (the eigenstates of a strongly coupled pair are not αβ and βα) and fail this.
     */
    @Test
    void stronglyCoupledPopulationsRelaxWithT1AndZeroQuantumWithT2DuringTheMixingTime() {
        double te = 20e-3;
        double hzPerPpm = org.larmor.spin.Nucleus.H1.larmorHz(3) * 1e-6;
        double fzq = Math.hypot(0.06 * hzPerPpm, 12.0);
        double period = 1 / fzq;
        int n = 8;
        int points = 512;
        double dwell = 1 / 4000.0;
        double[][] mean = new double[2][points];
        double[][][] plain = new double[n][][];
        double[] tm = new double[n];
        for (int k = 0; k < n; k++) {
            tm[k] = 0.030 + k * period / n;
            Sequence q = TestSequences.steam(3, te * 1e3, tm[k] * 1e3);
            org.larmor.signal.Fid f = Simulator.simulate(ab(), q).get("main").toFid(points, dwell, 0, 0);
            plain[k] = new double[][] {f.re(), f.im()};
            for (int t = 0; t < points; t++) {
                mean[0][t] += f.re()[t] / n;
                mean[1][t] += f.im()[t] / n;
            }
        }
        double zq = 0;
        double scale = 0;
        for (int t = 0; t < points; t++) {
            zq = Math.max(zq, Math.hypot(plain[0][0][t] - mean[0][t], plain[0][1][t] - mean[1][t]));
            scale = Math.max(scale, Math.hypot(plain[0][0][t], plain[0][1][t]));
        }
        assertTrue(zq > 0.05 * scale, "the zero-quantum term is a visible part of the signal: " + zq / scale);
        for (int k = 0; k < n; k += 3) {
            Sequence q = TestSequences.steam(3, te * 1e3, tm[k] * 1e3);
            org.larmor.signal.Fid r = Simulator.simulate(ab(), q, true).get("main").toFid(points, dwell, 0, 0);
            double pop = Math.exp(-te / T2) * Math.exp(-tm[k] / T1);
            double coh = Math.exp(-te / T2) * Math.exp(-tm[k] / T2);
            for (int t = 0; t < points; t++) {
                assertEquals(pop * mean[0][t] + coh * (plain[k][0][t] - mean[0][t]), r.re()[t], 1e-9 * scale,
                        "TM " + tm[k] + " s, point " + t + " re");
                assertEquals(pop * mean[1][t] + coh * (plain[k][1][t] - mean[1][t]), r.im()[t], 1e-9 * scale,
                        "TM " + tm[k] + " s, point " + t + " im");
            }
        }
    }
}
