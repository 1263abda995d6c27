package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sequence file's own fields (nucleus, spatial grid, series, timing errors): values in mm and ms converted to SI
 * exactly, and each mistake refused at the field that made it, saying what was expected.
 */
class SequenceFileFieldsTest {
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";
    /** A PRESS with slice-selective hard pulses in a 20 × 25 × 30 mm voxel. */
    static final String SELECTIVE = "template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\nvoxel_mm: [20, 25, 30]\n"
            + "excitation: {shape: hard, duration_ms: 1}\nrefocusing: {shape: hard, duration_ms: 1, flip_deg: 180}\n"
            + ACQ;

    static InputException error(String yaml, int line, String field, String... phrases) {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("f.yaml", yaml));
        return org.larmor.input.InputErrors.assertLocated(e, line, field, phrases);
    }

    @Test
    void anUnknownNucleusIsNamed() {
        error("template: spin_echo\nb0_t: 3\nnucleus: 7Li\nte_ms: 30\n" + ACQ, 3, "nucleus", "unknown nucleus \"7Li\"");
        InputException ref = error("template: spin_echo\nb0_t: 3\nnucleus: 13C\nte_ms: 30\n" + ACQ, 5, "acquisition",
                "reference_ppm", "13C has no default receiver", "31P (0.0 ppm, PCr)");
        assertFalse(ref.getMessage().isEmpty());
    }

    @Test
    void theSpatialGridDefaultsToSixtyFourPositionsOverTwiceTheVoxel() {
        Localisation l = SequenceReader.parse("f.yaml", SELECTIVE).localisation();
        assertArrayEquals(new double[] {0.020, 0.025, 0.030}, l.voxelM());
        assertArrayEquals(new double[] {0.040, 0.050, 0.060}, l.fovM(), 1e-15);
        assertArrayEquals(new int[] {64, 64, 64}, l.positions());
        assertFalse(l.full3d());
    }

    @Test
    void positionsMayBeOneNumberOrOnePerAxis() {
        Localisation one = SequenceReader.parse("f.yaml", SELECTIVE + "spatial: {positions: 8}\n").localisation();
        assertArrayEquals(new int[] {8, 8, 8}, one.positions());
        Localisation each = SequenceReader.parse("f.yaml", SELECTIVE + "spatial: {positions: [1, 4096, 5],"
                + " method: full_3d}\n").localisation();
        assertArrayEquals(new int[] {1, 4096, 5}, each.positions());
        assertTrue(each.full3d());
        error(SELECTIVE + "spatial: {positions: [4, 0, 4]}\n", 9, "spatial.positions", "1 to 4096");
        error(SELECTIVE + "spatial: {positions: [4, 4, 4097]}\n", 9, "spatial.positions", "1 to 4096");
        error(SELECTIVE + "spatial: {positions: [4, 4]}\n", 9, "spatial.positions", "expected a list of 3");
        error(SELECTIVE + "spatial: {method: exact}\n", 9, "spatial.method", "'projection'", "'full_3d'",
                "\"exact\"");
    }

    @Test
    void theFieldOfViewIsAFactorOfTheVoxelOrGivenInMillimetresButAtLeastTheVoxel() {
        Localisation f = SequenceReader.parse("f.yaml", SELECTIVE + "spatial: {fov_factor: 3}\n").localisation();
        assertArrayEquals(new double[] {0.060, 0.075, 0.090}, f.fovM(), 1e-15);
        Localisation mm = SequenceReader.parse("f.yaml", SELECTIVE + "spatial: {fov_mm: [20, 40, 90.5]}\n")
                .localisation();
        assertArrayEquals(new double[] {0.020, 0.040, 0.0905}, mm.fovM(), "exactly the voxel is allowed");
        error(SELECTIVE + "spatial: {fov_mm: [20, 24.9, 30]}\n", 9, "spatial.fov_mm[1]", "at least the voxel (25 mm)");
        error(SELECTIVE + "spatial: {fov_mm: [40, 40, 40], fov_factor: 2}\n", 9, "spatial.fov_mm", "not both");
    }

    @Test
    void aSliceAlongXAloneMakesTheSequenceSpatial() {
        // One shaped pulse selecting x (axis 0), no gradient lobe: still slice-selective, so it needs the grid.
        Sequence s = SequenceReader.parse("f.yaml", "template: events\nb0_t: 3\nvoxel_mm: [20, 20, 20]\n"
                + "events:\n  - pulse: {shape: hard, duration_ms: 1, slice: {axis: x, gradient_hz_per_m: 50000}}\n"
                + "  - acquire: {}\n" + ACQ);
        assertNotNull(s.localisation());
        error("template: spin_echo\nb0_t: 3\nte_ms: 30\nspatial: {positions: 8}\n" + ACQ, 4, "spatial",
                "needs slice-selective shaped pulses");
        error("template: events\nb0_t: 3\nevents:\n  - pulse: {shape: hard, duration_ms: 1, slice: {axis: x,"
                + " thickness_mm: 20}}\n  - acquire: {}\n" + ACQ, 1, "", "need voxel_mm");
    }

    @Test
    void aTimingThatCannotFitIsBlamedOnTheTimeThatSetsIt() {
        String ref = "refocusing: {shape: hard, duration_ms: 10, flip_deg: 180}\n";
        error("template: spin_echo\nb0_t: 3\nte_ms: 8\n" + ref + ACQ, 3, "te_ms", "TE/2 is 4 ms", "1 ms too short");
        error("template: press\nb0_t: 3\nte1_ms: 8\nte2_ms: 30\n" + ref + ACQ, 3, "te1_ms", "TE1/2 is 4 ms");
    }

    @Test
    void aSeriesOfAnEventListSweepsADeclaredParameter() {
        String events = "template: events\nb0_t: 3\nparameters: {te_ms: 30}\n"
                + "events:\n  - pulse: {label: excitation, flip_deg: 90, phase_deg: 90}\n"
                + "  - select_coherence: {order: 1}\n"
                + "  - delay: {duration_ms: \"${te_ms / 2}\"}\n  - pulse: {label: refocusing, flip_deg: 180}\n"
                + "  - select_coherence: {order: -1}\n  - delay: {duration_ms: \"${te_ms / 2}\"}\n  - acquire: {}\n"
                + ACQ;
        Sequence s = SequenceReader.parse("f.yaml", events + "series: {parameter: te_ms, values_ms: [20, 35]}\n");
        assertEquals("DIM_USER_0", s.indirect().dimension());
        assertEquals("te", s.indirect().parameter());
        assertArrayEquals(new double[] {0.020, 0.035}, s.indirect().valuesS());
        assertArrayEquals(new double[] {0.020, 0.035}, s.indirect().headerS(), 1e-15, "TE implied by the delays");
        assertEquals(List.of("te_20ms", "te_35ms"), s.variants().stream().map(Sequence.Variant::name).toList());
        // The same as the spin-echo template at each TE.
        Sequence t = SequenceReader.parse("t.yaml", "template: spin_echo\nb0_t: 3\nte_ms: 35\n" + ACQ);
        assertEquals(t.variants().get(0).events(), s.variant("main", 1).events());
        error(events + "series: {parameter: tm_ms, values_ms: [20]}\n", 13, "series.parameter",
                "'tm_ms' is not declared under 'parameters'");
        error(events + "series: {parameter: te_ms, values_ms: [20]}\nindirect: {dimension: DIM_USER_0}\n", 13,
                "series", "not both");
    }

    @Test
    void aSeriesOfATemplateSweepsOneOfItsTimes() {
        Sequence j = SequenceReader.parse("j.yaml", "template: jpress\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\n"
                + "series: {parameter: te2_ms, values_ms: [20, 30]}\n" + ACQ);
        assertEquals("DIM_INDIRECT_0", j.indirect().dimension());
        assertArrayEquals(new double[] {0.040, 0.050}, j.indirect().headerS(), 1e-15, "TE = TE1 + TE2");
        Sequence d = SequenceReader.parse("j.yaml", "template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\n"
                + "series: {parameter: te2_ms, values_ms: [20], dimension: DIM_USER_2}\n" + ACQ);
        assertEquals("DIM_USER_2", d.indirect().dimension());
        error("template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\nseries: {parameter: tm_ms, values_ms: [20]}\n" + ACQ,
                5, "series.parameter", "template press has no parameter 'tm_ms'; its times: te1_ms, te2_ms, te_ms");
        error("template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\nseries: {parameter: te_ms, values_ms: [20]}\n" + ACQ,
                5, "series.parameter", "te_ms is their sum");
        error("template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\nseries: {parameter: te2, values_ms: [20]}\n" + ACQ,
                5, "series.parameter", "a key ending in _ms");
        error("template: press\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\nseries: {parameter: te2_ms, values_ms: [20],"
                + " dimension: DIM_EDIT}\n" + ACQ, 5, "series.dimension", "DIM_INDIRECT_0..2");
        error("template: jpress\nb0_t: 3\nte1_ms: 20\nte2_ms: 20\n" + ACQ, 1, "", "t1 increments");
    }
}
