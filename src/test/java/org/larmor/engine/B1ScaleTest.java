package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code b1_scale} multiplies every shaped pulse's B1. For an on-resonance singlet an amplitude-modulated pulse
 * (phases 0 and π) is a rotation about one fixed axis, so the Bloch equations integrate exactly: the flip is
 * θ = b1_scale × the calibrated 90°, and the transverse signal is M0·sin θ. With b1_scale 0.5 that is sin 45°.
 */
class B1ScaleTest {
    static Sequence seq(double b1Scale) {
        return TestSequences.parse("template: pulse_acquire\nb0_t: 3\nb1_scale: " + b1Scale + "\n"
                + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.0, flip_deg: 90, phase_deg: 90}\n"
                + TestSequences.ACQ);
    }

    static double signal(Sequence q) {
        // A singlet at the receiver/carrier frequency: on resonance for the whole pulse.
        SpinSystem s = SpinSystem.of("one", List.of(Spin.protons("a", q.acquisition().referencePpm(), 2)), List.of());
        double[] z = Simulator.simulate(s, q).get("main").sumAtZero();
        return Math.hypot(z[0], z[1]);
    }

    @Test
    void halfB1GivesSinFortyFiveDegrees() {
        Sequence full = seq(1.0);
        assertTrue(full.variants().get(0).events().stream().anyMatch(e -> e instanceof Event.ShapedPulse),
                "the excitation is a shaped pulse");
        assertEquals(0.5, seq(0.5).b1Scale(), 0, "b1_scale read");
        double s1 = signal(full);
        double sHalf = signal(seq(0.5));
        assertEquals(2 * Math.sin(Math.PI / 2), s1, 2e-3, "calibrated 90° on resonance");
        assertEquals(2 * Math.sin(Math.PI / 4), sHalf, 2e-3, "b1_scale 0.5: a 45° flip");
        assertEquals(Math.sin(Math.PI / 4), sHalf / s1, 1e-3, "ratio sin 45° / sin 90°");
        assertEquals(2 * Math.sin(Math.PI / 2 * 1.5), signal(seq(1.5)), 2e-3, "b1_scale 1.5: a 135° flip");
    }
}
