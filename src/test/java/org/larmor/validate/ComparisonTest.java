package org.larmor.validate;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparing basis sets: analytic truths (a set against itself, against a shifted and scaled copy). */
class ComparisonTest {
    private static final CompareOptions OPTIONS = CompareOptions.defaults().withLibrary(ValidateFixtures.LIBRARY);

    @Test
    void aBasisSetAgreesWithItselfExactly() {
        LoadedSpectra a = ValidateFixtures.loaded(ValidateFixtures.press(), "press");
        Comparison c = Comparison.of(a, a, OPTIONS);
        assertEquals(3, c.rows().size());
        for (MetaboliteComparison r : c.rows()) {
            assertEquals(0, r.offsetPpm(), 1e-9, r.nameA());
            assertEquals(1, r.amplitudeRatio(), 1e-12, r.nameA());
            assertEquals(1, r.correlation(), 1e-12, r.nameA());
            assertEquals(0, r.residual(), 1e-9, r.nameA());
            assertEquals(0, r.linewidthDifferenceHz(), 1e-9, r.nameA());
            assertNull(r.signalOnlyIn());
        }
        assertTrue(c.onlyInA().isEmpty() && c.onlyInB().isEmpty());
    }

    /**
     * B = 2·A shifted up by 0.05 ppm (FIDs × 2·exp(−i2π·0.05·f0·t)): the offset is found to 10⁻⁸ ppm (about 10⁻⁶ of
     * the grid spacing of 0.0079 ppm; measured errors are below 3·10⁻¹⁰ ppm), and the ratio is 2 with nothing left
     * over.
     */
    @Test
    void aCopyShiftedByFiveHundredthsOfAPpmAndDoubledReportsExactlyThat() {
        LoadedSpectra a = ValidateFixtures.loaded(ValidateFixtures.press(), "press");
        LoadedSpectra b = ValidateFixtures.shifted(a, 0.05, 2);
        Comparison c = Comparison.of(a, b, OPTIONS);
        double step = c.gridStepPpm();
        assertTrue(0.05 / step > 5, "the shift spans several grid points");
        for (MetaboliteComparison r : c.rows()) {
            assertEquals(0.05, r.offsetPpm(), 1e-8, r.nameA());
            assertEquals(0.05 * a.spectrometerMHz(), r.offsetHz(), 1e-4, r.nameA());
            assertEquals(2, r.amplitudeRatio(), 1e-8, r.nameA());
            assertEquals(1, r.correlation(), 1e-9, r.nameA());
            assertEquals(0, r.residual(), 1e-6, r.nameA());
            assertEquals(0, r.linewidthDifferenceHz(), 1e-3, r.nameA());
            assertEquals(0.05, r.peakPpmB() - r.peakPpmA(), 1e-4, r.nameA());
            assertEquals(0, r.phaseDeg(), 1e-6, r.nameA());
        }
    }
}
