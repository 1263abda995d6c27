package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.rf.PulseShape;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A multi-band pulse is the single-band waveform modulated to each band and summed, with the modulation's phase zero
 * at the pulse centre: B1(t) = B1max·a(t)·Σ_j exp(i·2π·(δ_j − δ_c)·f0·(t − T/2)). For two bands symmetric about the
 * carrier this is 2·B1max·a(t)·cos(2π·Δf·(t − T/2)), checked here sample by sample on a flat waveform.
 */
class ShapedPulsesTest {
    @Test
    void twoBandsModulateAFlatPulseByTwiceTheCosineOfTheirOffsetFromTheCentre() {
        // Four equal samples over 2 ms: centres at −0.75, −0.25, 0.25, 0.75 ms from the pulse centre.
        PulseShape flat = new PulseShape("flat", "test", new double[] {1, 1, 1, 1}, new double[] {0, 0, 0, 0},
                new double[] {1, 1, 1, 1}, null, Map.of());
        double b1 = 250;
        double hzPerPpm = 127.7;
        PulseSpec spec = new PulseSpec(Math.PI, Math.PI / 2, flat, 0.002, b1, 500, "flat", Map.of());
        Event.ShapedPulse p = (Event.ShapedPulse) spec.event("dual", 0, List.of(1.9, 4.56), hzPerPpm, 0, -1, 0);
        assertEquals((1.9 + 4.56) / 2, p.carrierPpm(), 1e-12);
        double df = (4.56 - 1.9) / 2 * hzPerPpm;
        double[] tc = {-0.00075, -0.00025, 0.00025, 0.00075};
        for (int k = 0; k < 4; k++) {
            double c = 2 * Math.cos(2 * Math.PI * df * tc[k]);
            assertEquals(b1 * Math.abs(c), p.b1Hz()[k], 1e-9, "sample " + k);
            // The pulse's own phase (90°), plus π where the cosine is negative.
            double phase = Math.PI / 2 + (c < 0 ? Math.PI : 0);
            assertEquals(Math.cos(phase), Math.cos(p.phaseRad()[k]), 1e-9, "sample " + k);
            assertEquals(Math.sin(phase), Math.sin(p.phaseRad()[k]), 1e-9, "sample " + k);
            assertEquals(0.0005, p.durationS()[k], 1e-18);
        }
        // Three bands (1, 2 and 4 ppm) about their mean, 7/3 ppm: the sum is no longer real.
        Event.ShapedPulse three = (Event.ShapedPulse) spec.event("three", 0, List.of(1.0, 2.0, 4.0), hzPerPpm, 0, -1,
                0);
        assertEquals(7.0 / 3, three.carrierPpm(), 1e-12);
        for (int k = 0; k < 4; k++) {
            double re = 0;
            double im = 0;
            for (double band : new double[] {1, 2, 4}) {
                double phi = 2 * Math.PI * (band - 7.0 / 3) * hzPerPpm * tc[k];
                re += Math.cos(phi);
                im += Math.sin(phi);
            }
            assertEquals(b1 * Math.hypot(re, im), three.b1Hz()[k], 1e-9, "sample " + k);
            double phase = Math.PI / 2 + Math.atan2(im, re);
            assertEquals(Math.cos(phase), Math.cos(three.phaseRad()[k]), 1e-9, "sample " + k);
            assertEquals(Math.sin(phase), Math.sin(three.phaseRad()[k]), 1e-9, "sample " + k);
        }
        // One band: played there, unmodulated, with the pulse's phase on every sample.
        Event.ShapedPulse one = (Event.ShapedPulse) spec.event("one", 0, List.of(1.9), hzPerPpm, 0, -1, 0);
        assertEquals(1.9, one.carrierPpm());
        for (int k = 0; k < 4; k++) {
            assertEquals(b1, one.b1Hz()[k]);
            assertEquals(Math.PI / 2, one.phaseRad()[k]);
        }
    }
}
