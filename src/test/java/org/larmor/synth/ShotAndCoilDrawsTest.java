package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shot and coil draws are those of their distributions, seen on the transients: a motion-corrupted shot takes
 * the motion's phase and shift on top of drift and jitter (a fixed, one-sided motion, so a sign error shows), shots
 * are corrupted with the stated probability, and every coil sees the stated sensitivity phase and magnitude.
 */
class ShotAndCoilDrawsTest {
    @Test
    void aMovedShotCarriesTheMotionsPhaseShiftAndAmplitude() {
        double tr = 1.5;
        double drift = 0.2;
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10}\n"
                + "transients: {averages: 40, repetition_time_s: " + tr + ", drift_hz_per_s: " + drift
                + ", motion_probability: 0.5, motion_amplitude: 0.6, motion_phase_deg: 40, motion_shift_hz: 5}\n");
        Sample s = synth.generate(7, 0, false, true);
        double[] shift = s.values("transient_shift_hz");
        double[] phase = s.values("transient_phase_deg");
        double[] amp = s.values("transient_amplitude");
        double[] motion = s.values("transient_motion");
        int moved = 0;
        Fid first = s.transientOf(0, 0);
        for (int j = 0; j < 40; j++) {
            boolean m = motion[j] == 1;
            moved += m ? 1 : 0;
            assertEquals(drift * tr * j + (m ? 5 : 0), shift[j], 1e-12, "shift of shot " + j);
            assertEquals(m ? 40 : 0, phase[j], 1e-12, "phase of shot " + j);
            assertEquals(m ? 0.6 : 1, amp[j], 1e-15, "amplitude of shot " + j);
            // At t = 0 the transient is a_j·exp(iθ_j) times the clean signal (no frequency effect yet).
            Fid t = s.transientOf(j, 0);
            double ratio = Math.hypot(t.re()[0], t.im()[0]) / Math.hypot(first.re()[0], first.im()[0]);
            double dph = Math.toDegrees(Math.atan2(t.im()[0], t.re()[0]) - Math.atan2(first.im()[0], first.re()[0]));
            assertEquals(amp[j] / amp[0], ratio, 1e-9);
            assertEquals(phase[j] - phase[0], dph, 1e-7);
        }
        assertTrue(moved > 5 && moved < 35, "about half the shots move: " + moved);
    }

    @Test
    void shotsAreCorruptedWithTheStatedProbability() {
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10}\n"
                + "transients: {averages: 2000, motion_probability: 0.1, motion_amplitude: 0.5}\n");
        double[] motion = synth.generate(3, 0, false, false).values("transient_motion");
        double moved = 0;
        for (double m : motion) {
            moved += m;
        }
        // Binomial(2000, 0.1): mean 200, SD 13.4.
        assertEquals(200, moved, 55, "corrupted shots");
    }

    @Test
    void everyCoilSeesTheStatedSensitivity() {
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10}\n"
                + "coils: {count: 4, sensitivity_magnitude: 0.8, sensitivity_phase_deg: 30}\n");
        Sample s = synth.generate(1, 0, false, true);
        Fid out = s.fid();
        for (int q = 0; q < 4; q++) {
            assertEquals(0.8, s.values("coil_sensitivity_magnitude")[q], 1e-15, "recorded magnitude " + q);
            assertEquals(30, s.values("coil_sensitivity_phase_deg")[q], 1e-15, "recorded phase " + q);
            Fid t = s.transientOf(0, q);
            double ratio = Math.hypot(t.re()[0], t.im()[0]) / Math.hypot(out.re()[0], out.im()[0]);
            double dph = Math.toDegrees(Math.atan2(t.im()[0], t.re()[0]) - Math.atan2(out.im()[0], out.re()[0]));
            assertEquals(0.8, ratio, 1e-12, "coil " + q + " magnitude on its transient");
            assertEquals(30, dph, 1e-9, "coil " + q + " phase on its transient");
        }
    }
}
