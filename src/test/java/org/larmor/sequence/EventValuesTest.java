package org.larmor.sequence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value types of the event model: band edges, crusher identity, the spatial grid and the Voigt width. */
class EventValuesTest {
    @Test
    void aBandIncludesItsEdges() {
        // 100 Hz wide about 2 ppm at 100 Hz/ppm: 1.5 to 2.5 ppm, edges included.
        Event.Band b = new Event.Band(2, 100);
        assertTrue(b.contains(2.5, 100));
        assertTrue(b.contains(1.5, 100));
        assertTrue(b.contains(2, 100));
        assertFalse(b.contains(2.51, 100));
        assertFalse(b.contains(1.49, 100));
        Event.Pulse p = new Event.Pulse("edit", Math.PI, 0, java.util.List.of(b));
        assertTrue(p.acts(2.25, 100));
        assertFalse(p.acts(3, 100));
        assertTrue(new Event.Pulse("hard", Math.PI, 0).acts(3, 100), "no bands: every spin");
    }

    @Test
    void crushersAreEqualByTheirAreas() {
        assertEquals(new Event.Crusher(new int[] {1, 0}), new Event.Crusher(new int[] {1, 0}));
        assertEquals(new Event.Crusher(new int[] {1, 0}).hashCode(), new Event.Crusher(new int[] {1, 0}).hashCode());
        assertNotEquals(new Event.Crusher(new int[] {1, 0}), new Event.Crusher(new int[] {0, 1}));
        assertNotEquals(new Event.Crusher(new int[] {1}), new Event.Delay(0));
        assertEquals("Crusher[1, -2]", new Event.Crusher(new int[] {1, -2}).toString());
        Event.ShapedPulse p = ShapedPulses.of("exc", org.larmor.rf.PulseShapes.hard(), 0.001, 250, 0, 4.65, -1, 0);
        assertEquals("ShapedPulse[exc, 1 samples, 0.001 s, axis -1]", p.toString());
    }

    @Test
    void gridPositionsAreCellCentresAndWeightsTheirShareOfTheVoxel() {
        // 4 positions over 40 mm: cells 10 mm wide, centres at −15, −5, 5, 15 mm; weight 10/20 of the voxel.
        Localisation l = new Localisation(new double[] {0.020, 0.025, 0.030}, new double[] {0.040, 0.050, 0.060},
                new int[] {4, 5, 6}, false);
        double[] x = {-0.015, -0.005, 0.005, 0.015};
        for (int j = 0; j < 4; j++) {
            assertEquals(x[j], l.position(0, j), 1e-15);
        }
        assertEquals(0.5, l.weight(0), 1e-15);
        // 5 over 50 mm: centre at 0, ends at ±20 mm; weight 10/25.
        assertEquals(0, l.position(1, 2), 1e-15);
        assertEquals(0.020, l.position(1, 4), 1e-15);
        assertEquals(0.4, l.weight(1), 1e-15);
        assertEquals(10.0 / 30, l.weight(2), 1e-15);
    }

    @Test
    void theVoigtWidthReducesToEitherPureLine() {
        // Olivero & Longbothum: 0.5346·L + √(0.2166·L² + G²), exact within 0.02 % at the pure limits.
        assertEquals(3, new Acquisition(1024, 4000, 4.65, 3, 0).voigtFwhmHz(), 3 * 2e-4);
        assertEquals(5, new Acquisition(1024, 4000, 4.65, 0, 5).voigtFwhmHz(), 5 * 2e-4);
    }
}
