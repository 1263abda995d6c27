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
}
