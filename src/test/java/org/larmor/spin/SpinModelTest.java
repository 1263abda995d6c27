package org.larmor.spin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spin-system value types: couplings are symmetric, look-ups by label, and the content hash follows physics. */
class SpinModelTest {
    private static final SpinSystem LAC = SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0974),
            Spin.protons("H3", 1.3142, 3)), List.of(new Coupling("H2", "H3", 6.933)));

    @Test
    void aCouplingJoinsItsTwoLabelsInEitherOrderAndNothingElse() {
        Coupling c = new Coupling("H2", "H3", 6.9);
        assertTrue(c.joins("H2", "H3"));
        assertTrue(c.joins("H3", "H2"));
        assertFalse(c.joins("H2", "H4"));
        assertFalse(c.joins("H4", "H3"));
        assertFalse(c.joins("H2", "H2"));
        assertFalse(c.joins("H3", "H3"));
    }

    @Test
    void theCouplingMatrixIsSymmetricWithAZeroDiagonal() {
        SubSystem s = new SubSystem("x", 1, List.of(Spin.proton("A", 1), Spin.proton("B", 2), Spin.proton("C", 3)),
                List.of(new Coupling("C", "A", -12.5), new Coupling("B", "C", 4)));
        double[][] j = s.couplingMatrixHz();
        for (int a = 0; a < 3; a++) {
            assertEquals(0, j[a][a]);
            for (int b = 0; b < 3; b++) {
                assertEquals(j[a][b], j[b][a]);
            }
        }
        assertEquals(-12.5, j[0][2]);
        assertEquals(4, j[1][2]);
        assertEquals(0, j[0][1]);
    }

    @Test
    void labelsAreFoundByIndexAndAnUnknownLabelIsMinusOne() {
        SubSystem s = LAC.subsystems().get(0);
        assertEquals(0, s.indexOf("H2"));
        assertEquals(1, s.indexOf("H3"));
        assertEquals(-1, s.indexOf("H4"));
    }

    @Test
    void protonFactoriesMakeProtonsAndAGroupNeedsAtLeastOneSpin() {
        assertEquals(new Spin("H", 2.0, 1, Nucleus.H1), Spin.proton("H", 2.0));
        assertEquals(new Spin("M", 0.9, 3, Nucleus.H1), Spin.protons("M", 0.9, 3));
        assertThrows(IllegalArgumentException.class, () -> new Spin("X", 1, 0, Nucleus.H1));
    }

    @Test
    void lactateHasFourProtonsAndTheJavaApiFillsDefaults() {
        assertEquals(4, LAC.weightedSpinCount(Nucleus.H1));
        assertEquals(0, LAC.weightedSpinCount(Nucleus.P31));
        assertEquals("Lac", LAC.fullName());
        assertEquals("Lac", LAC.lcmodelNameOrName());
        assertEquals("code", LAC.origin());
        assertEquals(1.0, LAC.subsystems().get(0).scale());
        assertNull(LAC.relaxation());
    }

    @Test
    void withRelaxationAddsTimesAndKeepsTheSpins() {
        Relaxation r = new Relaxation(1.4, 0.2, 3, "test");
        SpinSystem relaxed = LAC.withRelaxation(r);
        assertSame(r, relaxed.relaxation());
        assertEquals(LAC.subsystems(), relaxed.subsystems());
        assertEquals(LAC.name(), relaxed.name());
        assertEquals(LAC.contentHash(), relaxed.contentHash());
    }

    @Test
    void theContentHashIgnoresFormattingButNotPhysics() {
        String hash = LAC.contentHash();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        // The same values written differently in YAML (flow vs block, comments, trailing zeros) hash the same.
        SpinSystem fromYaml = SpinSystemReader.parse("lac.yaml", "# lactate\nname: Lac\nsource: somewhere else\n"
                + "subsystems:\n  - spins:\n      - label: H2\n        shift_ppm: 4.09740\n"
                + "      - {label: H3, shift_ppm: 1.3142, count: 3}\n    couplings:\n"
                + "      - {between: [H2, H3], j_hz: 6.9330}   # Hz\n");
        assertEquals(hash, fromYaml.contentHash());
        // Any change of shift, J, count or nucleus changes it.
        assertNotEquals(hash, SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0975), Spin.protons("H3", 1.3142, 3)),
                List.of(new Coupling("H2", "H3", 6.933))).contentHash());
        assertNotEquals(hash, SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0974), Spin.protons("H3", 1.3142, 3)),
                List.of(new Coupling("H2", "H3", 7.0))).contentHash());
        assertNotEquals(hash, SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0974), Spin.protons("H3", 1.3142, 2)),
                List.of(new Coupling("H2", "H3", 6.933))).contentHash());
        assertNotEquals(hash, SpinSystem.of("Lac", List.of(Spin.proton("H2", 4.0974),
                new Spin("H3", 1.3142, 3, Nucleus.F19)), List.of(new Coupling("H2", "H3", 6.933))).contentHash());
    }

    @Test
    void anUnobservedHeteronucleusWithoutShiftHashesStably() {
        SpinSystem a = SpinSystem.of("PCh", List.of(Spin.proton("H", 4.2), new Spin("P", Double.NaN, 1, Nucleus.P31)),
                List.of(new Coupling("H", "P", 6)));
        SpinSystem b = SpinSystem.of("PCh", List.of(Spin.proton("H", 4.2), new Spin("P", Double.NaN, 1, Nucleus.P31)),
                List.of(new Coupling("H", "P", 6)));
        assertEquals(a.contentHash(), b.contentHash());
        SpinSystem shifted = SpinSystem.of("PCh", List.of(Spin.proton("H", 4.2), new Spin("P", 3.0, 1, Nucleus.P31)),
                List.of(new Coupling("H", "P", 6)));
        assertNotEquals(a.contentHash(), shifted.contentHash());
    }
}
