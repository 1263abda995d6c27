package org.larmor.rf;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The normalised waveform: dwell fractions, integrals, modulation type, normalisation and immutability. */
class PulseShapeTest {
    @Test
    void dwellFractionsSumToOneAndFollowTheWeights() {
        PulseShape s = PulseShape.normalised("w", "test", new double[] {1, 1, 1}, new double[3],
                new double[] {1, 2, 5}, null, Map.of());
        double[] f = s.dwellFractions();
        assertEquals(1.0, f[0] + f[1] + f[2], 1e-15);
        assertEquals(2.0 / 8, f[1], 1e-15);
    }

    @Test
    void rectangularPulseHasUnitIntegrals() {
        PulseShape hard = PulseShapes.hard();
        assertEquals(1, hard.amplitudeIntegral(), 0);
        assertEquals(1, hard.absoluteIntegral(), 0);
        assertEquals(1, hard.powerIntegral(), 0);
    }

    @Test
    void signedWaveformKeepsItsSignInTheIntegral() {
        // +1 for two samples, −1 (phase π) for one: net integral 1/3, absolute 1.
        PulseShape s = PulseShape.of("signed", "test", new double[] {1, -1, 1}, new double[3]);
        assertEquals(Math.PI, s.phaseRad(1), 0);
        assertEquals(1, s.amplitude(1), 0);
        assertEquals(1.0 / 3, s.amplitudeIntegral(), 1e-15);
        assertEquals(1.0, s.absoluteIntegral(), 1e-15);
        assertTrue(s.isAmplitudeModulatedOnly());
    }

    @Test
    void amplitudeModulationAllowsOnlyTwoOppositePhases() {
        assertTrue(PulseShape.of("a", "t", new double[] {1, 1, 1}, new double[] {0, 3.141592979, -Math.PI})
                .isAmplitudeModulatedOnly());
        assertTrue(PulseShape.of("b", "t", new double[] {1, 1}, new double[] {0.5, 0.5 + Math.PI})
                .isAmplitudeModulatedOnly(), "a constant phase offset is still amplitude modulation");
        assertTrue(PulseShape.of("c", "t", new double[] {1, 0}, new double[] {0, 1.0})
                .isAmplitudeModulatedOnly(), "a zero-amplitude sample's phase does not count");
        assertFalse(PulseShape.of("d", "t", new double[] {1, 1}, new double[] {0, 0.3})
                .isAmplitudeModulatedOnly());
    }

    @Test
    void normalisationScalesToAPeakOfOne() {
        PulseShape s = PulseShape.normalised("n", "t", new double[] {2, 4, -8}, new double[3], new double[] {1, 1, 1},
                new double[] {0.5, -2, 1}, Map.of("K", "V"));
        assertEquals(0.25, s.amplitude(0), 0);
        assertEquals(1, s.amplitude(2), 0);
        assertEquals(-1, s.gradient()[1], 0);
        assertEquals("V", s.metadata().get("K"));
        assertThrows(IllegalArgumentException.class, () -> new PulseShape("x", "t", new double[] {0.5},
                new double[1], new double[] {1}, null, Map.of()), "peak must be 1");
        assertThrows(IllegalArgumentException.class, () -> PulseShape.of("z", "t", new double[2], new double[2]));
    }

    @Test
    void shapesAreImmutable() {
        double[] a = {1, 0.5};
        PulseShape s = PulseShape.of("i", "t", a, new double[2]);
        a[1] = 0.9;
        s.amplitude()[1] = 0.1;
        assertEquals(0.5, s.amplitude(1), 0);
        assertThrows(UnsupportedOperationException.class, () -> s.metadata().put("x", "y"));
    }

    @Test
    void builtInShapesHaveTheirDefiningProperties() {
        PulseShape sinc = PulseShapes.sinc(200, 2, false);
        assertTrue(sinc.isAmplitudeModulatedOnly());
        assertEquals(Math.PI, sinc.phaseRad(0), 0, "outer lobes of a 3-lobe sinc are negative");
        assertEquals(0, sinc.phaseRad(100), 0);
        PulseShape gauss = PulseShapes.gaussian(200, 0.01);
        // Midpoint sampling: samples sit at τ = ±1/200, ±3/200, …, ±199/200; the peak sample (τ = ±1/200) is 1.
        double edge = -1 + 1.0 / 200;
        double centre = 1.0 / 200;
        assertEquals(Math.exp(-Math.log(100) * (edge * edge - centre * centre)), gauss.amplitude(0), 1e-12);
        assertEquals(1, gauss.amplitude(100), 0);
        double beta = PulseShapes.betaForEdgeAmplitude(0.01);
        assertEquals(0.01, 1 / Math.cosh(beta), 1e-15);
        PulseShape hs1 = PulseShapes.hyperbolicSecant(256, 1, 10, beta);
        assertFalse(hs1.isAmplitudeModulatedOnly());
        assertTrue(PulseAnalysis.looksAdiabatic(hs1));
        // HS1 phase: φ(τ) = (πR/2)·ln cosh(βτ)/(β·tanh β), the integral of the tanh sweep.
        for (int k : new int[] {0, 40, 100, 127}) {
            double t = PulseShapes.tau(k, 256);
            double expected = Math.PI * 10 / 2 * Math.log(Math.cosh(beta * t)) / (beta * Math.tanh(beta));
            assertEquals(expected, hs1.phaseRad(k), 1e-6, "HS1 phase at sample " + k);
            double peak = 1 / Math.cosh(beta / 256); // the samples nearest the centre, τ = ±1/256
            assertEquals(1 / Math.cosh(beta * t) / peak, hs1.amplitude(k), 1e-12);
        }
    }
}
