package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan layout's counts, indices and times, worked out by hand for a small interleaved scan. */
class LayoutArithmeticTest {
    @Test
    void shotsAreNumberedInAcquisitionOrderDynamicThenAverageThenCondition() {
        // 3 dynamics × 2 averages × 2 conditions (OFF, ON), TR 2 s.
        Layout l = new Layout(List.of("OFF", "ON"), 3, "fmrs", 2, 4, 2.0);
        assertEquals(2, l.conditionCount());
        assertEquals(6, l.blocks(), "3 dynamics × 2 conditions");
        assertEquals(12, l.shots(), "3 × 2 × 2");
        assertEquals(4, l.coils());
        assertTrue(l.edited());
        int expected = 0;
        for (int d = 0; d < 3; d++) {
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected++, l.shot(d, j, c), "shot (" + d + ", " + j + ", " + c + ")");
                }
            }
        }
        // By hand: dynamic 1, average 1, ON is the 8th shot (index 7); dynamic 2, average 0, OFF is index 8.
        assertEquals(7, l.shot(1, 1, 1));
        assertEquals(8, l.shot(2, 0, 0));
        assertEquals(0, l.block(0, 0));
        assertEquals(3, l.block(1, 1));
        assertEquals(4, l.block(2, 0));
        assertEquals(5, l.block(2, 1));
        // Shot s starts at s·TR; dynamic 1's shots are 4..7, starting at 8, 10, 12, 14 s: middle 11 s.
        assertEquals(14.0, l.shotTimeS(7), 0);
        assertEquals(0.0, l.shotTimeS(0), 0);
        assertEquals(3.0, l.dynamicTimeS(0), 1e-15, "shots at 0, 2, 4, 6 s");
        assertEquals(11.0, l.dynamicTimeS(1), 1e-15);
        assertEquals(19.0, l.dynamicTimeS(2), 1e-15);
    }

    @Test
    void withoutATrEveryShotIsAtTimeZeroAndAnUneditedScanHasOneCondition() {
        Layout l = new Layout(List.of("main"), 1, "none", 5, 1, Double.NaN);
        assertFalse(l.edited());
        assertEquals(1, l.blocks());
        assertEquals(5, l.shots());
        assertEquals(3, l.shot(0, 3, 0));
        assertEquals(0, l.shotTimeS(4), 0);
        assertEquals(0, l.dynamicTimeS(0), 0);
        // An unedited scan with one average per dynamic: dynamic d is shot d, at d·TR.
        Layout series = new Layout(List.of("main"), 4, "diffusion", 1, 1, 1.5);
        assertEquals(4.5, series.dynamicTimeS(3), 1e-15);
        assertEquals(3, series.shot(3, 0, 0));
    }

    @Test
    void theConditionListIsTheLayoutsOwnCopy() {
        List<String> names = new ArrayList<>(List.of("OFF", "ON"));
        Layout l = new Layout(names, 1, "none", 1, 1, Double.NaN);
        names.add("SUM");
        assertEquals(List.of("OFF", "ON"), l.conditions());
        assertThrows(UnsupportedOperationException.class, () -> l.conditions().add("X"));
    }
}
