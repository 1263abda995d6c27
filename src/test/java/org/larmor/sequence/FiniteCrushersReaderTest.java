package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.spin.Nucleus;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finite_crushers}: crusher lobes become gradients of the stated areas; bad input is refused where it is. */
class FiniteCrushersReaderTest {
    static final String ACQ = "acquisition: {points: 2048, spectral_width_hz: 4000}\n";
    static final String PRESS = "template: press\nb0_t: 2.89\nte1_ms: 16\nte2_ms: 14\ncoherence_selection: crushers\n"
            + ACQ;
    static final String SHAPED = "voxel_mm: [20, 20, 20]\n"
            + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
            + "refocusing: {shape: sinc, lobes: 4, duration_ms: 4.4, flip_deg: 180}\n";

    static InputException fails(String yaml) {
        return assertThrows(InputException.class, () -> SequenceReader.parse("seq.yaml", yaml));
    }

    static void refused(String yaml, int line, String field, String text) {
        InputException e = fails(yaml);
        assertEquals(line, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("seq.yaml:" + line + ":"), e.getMessage());
        assertTrue(e.field() != null && e.field().startsWith(field), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void crusherLobesBecomeGradientsOfTheStatedAreaWithTheNucleusGamma() {
        for (Nucleus nucleus : List.of(Nucleus.H1, Nucleus.P31)) {
            Sequence s = SequenceReader.parse("seq.yaml", PRESS + "nucleus: " + nucleus.symbol() + "\n"
                    + "finite_crushers: {directions: [{area_mt_ms_per_m: 25, axis: y}, {area_mt_ms_per_m: 10, axis:"
                    + " z}], fov_mm: [40, 60, 80], positions: [1, 1024, 512]}\n");
            List<Event> events = s.variants().get(0).events();
            assertTrue(events.stream().noneMatch(e -> e instanceof Event.Crusher));
            List<Event.Gradient> g = events.stream().filter(e -> e instanceof Event.Gradient)
                    .map(e -> (Event.Gradient) e).toList();
            double gamma = nucleus.gammaHzPerT();
            int[] axes = {1, 1, 2, 2};
            double[] cycles = {gamma * 25e-6, gamma * 25e-6, gamma * 10e-6, gamma * 10e-6};   // γ/2π·A, cycles/m
            assertEquals(4, g.size());
            for (int k = 0; k < 4; k++) {
                assertEquals(axes[k], g.get(k).axis());
                assertEquals(cycles[k], g.get(k).areaHzSPerM(), 1e-12 * Math.abs(cycles[k]));
            }
            Localisation loc = s.localisation();
            assertArrayEquals(new double[] {0.04, 0.06, 0.08}, loc.fovM(), 1e-15);
            assertArrayEquals(new int[] {1, 1024, 512}, loc.positions());
            // ideal pulses select nothing: along every axis the voxel is the whole extent (the mean over the tissue)
            assertArrayEquals(loc.fovM(), loc.voxelM(), 0);
        }
    }

    @Test
    void defaultPositionsSampleTheLargestWindingAndTheProfiles() {
        Sequence s = SequenceReader.parse("seq.yaml", PRESS + SHAPED
                + "finite_crushers: {directions: [{area_mt_ms_per_m: 25, axis: y}, ideal], fov_mm: [60, 60, 60]}\n");
        Localisation loc = s.localisation();
        assertArrayEquals(new double[] {0.02, 0.02, 0.02}, loc.voxelM(), 0);
        // y: two lobes of 25 mT·ms/m = 2·1064.4 cycles/m over 60 mm = 127.7 cycles, 8 per cycle → 1022
        int y = (int) Math.ceil(8 * 2 * Nucleus.H1.gammaHzPerT() * 25e-6 * 0.06);
        assertEquals(y + (y & 1), loc.positions()[1]);
        assertEquals(96, loc.positions()[0]);   // 32 per voxel length over the 3-voxel extent
        assertEquals(96, loc.positions()[2]);
        // the ideal direction stays pathway selection
        assertEquals(2, s.variants().get(0).events().stream().filter(e -> e instanceof Event.Crusher).count());
    }

    @Test
    void badFiniteCrushersAreRefusedWithFileLineAndField() {
        String head = PRESS + "finite_crushers:\n";
        refused(head + "  directions: [{area_mt_ms_per_m: -5, axis: y}, {area_mt_ms_per_m: 5, axis: z}]\n"
                + "  fov_mm: [40, 40, 40]\n", 8, "finite_crushers.directions[0].area_mt_ms_per_m",
                "expected a value from 0 to 1000 mT·ms/m, got -5");
        refused(head + "  directions: [{area_mt_ms_per_m: 5000, axis: y}, {area_mt_ms_per_m: 5, axis: z}]\n"
                + "  fov_mm: [40, 40, 40]\n", 8, "finite_crushers.directions[0]", "got 5000");
        refused(head + "  directions: [{area_mt_ms_per_m: 5, axis: w}, {area_mt_ms_per_m: 5, axis: z}]\n"
                + "  fov_mm: [40, 40, 40]\n", 8, "finite_crushers.directions[0].axis", "expected x, y or z");
        refused(head + "  directions: [{area_mt_ms_per_m: 5, axis: y}]\n  fov_mm: [40, 40, 40]\n", 8,
                "finite_crushers.directions", "use 2 dephasing directions");
        refused(head + "  directions: [{area_mt_ms_per_m: 5, axis: y}, strong]\n  fov_mm: [40, 40, 40]\n", 8,
                "finite_crushers.directions[1]", "or 'ideal'");
        refused(head + "  directions: [{area_mt_ms_per_m: 5, axis: y}, ideal]\n  fov_mm: [40, 40]\n", 9,
                "finite_crushers.fov_mm", "");
        refused(head + "  directions: [{area_mt_ms_per_m: 5, axis: y}, ideal]\n  fov_mm: [40, 40, 40]\n"
                + "  tissue: water\n", 10, "finite_crushers", "tissue");
        // 2 lobes of 25 mT·ms/m over 40 mm wind 85 cycles: 100 positions are too few
        refused(head + "  directions: [{area_mt_ms_per_m: 25, axis: y}, ideal]\n  fov_mm: [40, 40, 40]\n"
                + "  positions: 100\n", 10, "finite_crushers.positions", "at least 341");
        // the tissue must hold the voxel
        refused(PRESS + SHAPED + "finite_crushers:\n  directions: [ideal, ideal]\n  fov_mm: [40, 10, 40]\n", 12,
                "finite_crushers.fov_mm[1]", "must hold the voxel (20 mm along y)");
        // no crusher events to give areas to
        refused(PRESS.replace("crushers", "filters") + "finite_crushers: {directions: [ideal], fov_mm: [40, 40, 40]}\n",
                7, "finite_crushers", "set coherence_selection: crushers");
        refused(PRESS + SHAPED + "spatial: {tissue: skull}\n"
                + "finite_crushers: {directions: [ideal, ideal], fov_mm: [40, 40, 40]}\n", 10, "spatial.tissue",
                "expected everywhere, inside_voxel");
        // two truths about the grid
        refused(PRESS + SHAPED + "spatial: {positions: 64}\n"
                + "finite_crushers: {directions: [ideal, ideal], fov_mm: [40, 40, 40]}\n", 10, "spatial.positions",
                "finite_crushers.fov_mm");
    }

    @Test
    void crushersThatEncloseAnotherAxisAreRefusedUnderTheProjection() {
        // STEAM's TE crushers bracket the store (y) and recall (z) pulses: along y they enclose z
        String steam = "template: steam\nb0_t: 2.89\nte_ms: 20\ntm_ms: 10\ncoherence_selection: crushers\n" + ACQ
                + "voxel_mm: [20, 20, 20]\n"
                + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90}\n"
                + "store: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90}\n"
                + "recall: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90, phase_deg: 270}\n";
        refused(steam + "finite_crushers: {directions: [{area_mt_ms_per_m: 5, axis: y}, {area_mt_ms_per_m: 5,"
                + " axis: y}], fov_mm: [40, 40, 40], positions: 256}\n", 11, "finite_crushers", "full_3d");
        // the TE direction ideal and the TM spoiler finite along the store's axis: accepted
        Sequence ok = SequenceReader.parse("seq.yaml", steam + "finite_crushers: {directions: [ideal,"
                + " {area_mt_ms_per_m: 5, axis: y}], fov_mm: [40, 40, 40], positions: 256}\n");
        assertEquals(2, ok.variants().get(0).events().stream().filter(e -> e instanceof Event.Crusher).count());
        // and the full 3D grid takes any layout
        SequenceReader.parse("seq.yaml", steam + "spatial: {method: full_3d}\nfinite_crushers: {directions:"
                + " [{area_mt_ms_per_m: 5, axis: y}, {area_mt_ms_per_m: 5, axis: y}], fov_mm: [40, 40, 40],"
                + " positions: 128}\n");
    }

    @Test
    void anExpandedEventListReadsBackToTheSameGradientsAndGrid() {
        Sequence s = SequenceReader.parse("seq.yaml", PRESS + SHAPED + "finite_crushers: {directions:"
                + " [{area_mt_ms_per_m: 7.5, axis: y}, ideal], fov_mm: [60, 50, 60], positions: [128, 512, 96]}\n"
                + "spatial: {tissue: outside_voxel}\n");
        assertEquals(Localisation.Tissue.OUTSIDE_VOXEL, s.localisation().tissue());
        Sequence back = SequenceReader.parse("back.yaml", EventListWriter.write(s, "test"));
        assertEquals(s.variants().get(0).events(), back.variants().get(0).events());
        assertArrayEquals(s.localisation().voxelM(), back.localisation().voxelM(), 0);
        assertArrayEquals(s.localisation().fovM(), back.localisation().fovM(), 0);
        assertArrayEquals(s.localisation().positions(), back.localisation().positions());
        assertEquals(Localisation.Tissue.OUTSIDE_VOXEL, back.localisation().tissue());
    }

    @Test
    void aHandWrittenEventListTakesFiniteCrushersToo() {
        Sequence s = SequenceReader.parse("seq.yaml", "template: events\nb0_t: 2.89\n" + ACQ
                + "events:\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90}\n"
                + "  - delay: {duration_ms: 10}\n"
                + "  - crusher: {area: [2, 0]}\n"
                + "  - pulse: {flip_deg: 180}\n"
                + "  - crusher: {area: [2, -1]}\n"
                + "  - delay: {duration_ms: 10}\n"
                + "  - acquire: {}\n"
                + "finite_crushers: {directions: [{area_mt_ms_per_m: 3, axis: x}, ideal], fov_mm: [30, 30, 30]}\n");
        List<Event> e = s.variants().get(0).events();
        double cycles = 2 * 3e-6 * Nucleus.H1.gammaHzPerT();
        assertTrue(e.get(2) instanceof Event.Gradient g && g.axis() == 0
                && Math.abs(g.areaHzSPerM() - cycles) < 1e-9 * cycles, e.toString());
        assertTrue(e.get(4) instanceof Event.Gradient, e.toString());
        assertArrayEquals(new int[] {0, -1}, ((Event.Crusher) e.get(5)).area(), e.toString());
    }
}
