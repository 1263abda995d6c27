package org.larmor.mrsi;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.synth.Sample;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;
import org.larmor.synth.Synthesiser;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Macromolecules per tissue and residual water per voxel, from the single-voxel synthesiser's terms. */
class MrsiMacromoleculesWaterTest {
    private static final int POINTS = 256;
    private static final double DWELL = 1 / 2000.0;
    private static final double VOLUME_ML = 10 * 10 * 12 * 1e-3;
    private static final String MM = "macromolecules: {model: birch-3t, scale: 20}";
    private static final String WATER = "residual_water: {components: 2, amplitude: 80, ppm: 4.71, lorentzian_hz: 9,"
            + " phase_deg: 40}";

    private static String uniform(String mm, String water, double offsetHz, String weighting) {
        return MrsiFixtures.BASIS
                + "tissues:\n"
                + "  grey_matter: {concentrations_mm: {NAA: 12, Cr: 8, PCh: 2, Ins: 7}, lorentzian_hz: 3"
                + (mm.isEmpty() ? "" : ", " + mm) + "}\n"
                + water + "\n"
                + "phantom: {kind: uniform, tissue: grey_matter, matrix: [8, 6], fov_mm: [80, 60, 12],\n"
                + "          oversampling: 4, slice_samples: 3}\n"
                + "b0: {offset_hz: " + offsetHz + "}\n"
                + "encoding: {weighting: " + weighting + "}\n";
    }

    /** Σ_v ‖a_v − b‖ / ‖b‖ over voxels, the worst. */
    private static double worst(MrsiResult with, MrsiResult without, double[][] expected) {
        double scale = 0;
        for (int i = 0; i < POINTS; i++) {
            scale = Math.max(scale, Math.hypot(expected[0][i], expected[1][i]));
        }
        double w = 0;
        for (int v = 0; v < with.voxels(); v++) {
            double[][] a = with.cleanFid(v);
            double[][] b = without.cleanFid(v);
            for (int i = 0; i < POINTS; i++) {
                w = Math.max(w, Math.hypot(a[0][i] - b[0][i] - expected[0][i], a[1][i] - b[1][i] - expected[1][i])
                        / scale);
            }
        }
        return w;
    }

    private static double[][] times(Fid f, double s, double offsetHz) {
        double[][] out = new double[2][POINTS];
        for (int i = 0; i < POINTS; i++) {
            double c = Math.cos(-2 * Math.PI * offsetHz * i * DWELL);
            double si = Math.sin(-2 * Math.PI * offsetHz * i * DWELL);
            out[0][i] = s * (f.re()[i] * c - f.im()[i] * si);
            out[1][i] = s * (f.re()[i] * si + f.im()[i] * c);
        }
        return out;
    }

    /** The single-voxel synthesiser's components for the same blocks and basis. */
    private static Sample singleVoxel(SynthBasis basis, String blocks) {
        Scenario sc = ScenarioReader.parse("sv.yaml", "basis: {sequence: sequences/press-te30-3t.yaml}\n"
                        + "concentrations_mm: {NAA: 12, Cr: 8, PCh: 2, Ins: 7}\n" + blocks,
                Path.of("").toAbsolutePath(), List.of(Path.of("scenarios/presets")));
        return new Synthesiser(sc, basis).generate(0, 0, true, false);
    }

    @Test
    void homogeneousPhantomVoxelHoldsTheSingleVoxelSynthesisersMacromoleculesAndWater() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        Sample sv = singleVoxel(basis, MM + "\n" + WATER + "\n");
        Fid mm = sv.component("macromolecules");
        Fid water = sv.component("residual_water");
        Fid both = new Fid(mm.re().clone(), mm.im().clone(), DWELL).plus(water, 1);
        for (String w : new String[] {"none", "hamming"}) {
            MrsiResult plain = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", "", 0, w)), basis, 2);
            MrsiResult withMm = MrsiFixtures.run(MrsiFixtures.scenario(uniform(MM, "", 0, w)), basis, 2);
            MrsiResult withBoth = MrsiFixtures.run(MrsiFixtures.scenario(uniform(MM, WATER, 0, w)), basis, 2);
            double e = worst(withMm, plain, times(mm, VOLUME_ML, 0));
            assertTrue(e < 1e-9, w + ": MM, worst relative deviation " + e);
            e = worst(withBoth, plain, times(both, VOLUME_ML, 0));
            assertTrue(e < 1e-9, w + ": MM and water, worst relative deviation " + e);
            assertEquals(20, withMm.macromoleculesDrawn()[0][0], 0, "the drawn MM scale");
        }
    }

    @Test
    void residualWaterMovesWithTheB0MapExactly() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        Fid water = singleVoxel(basis, WATER + "\n").component("residual_water");
        for (double offset : new double[] {0, 3.7, -12.5}) {
            MrsiResult dry = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", "", offset, "hamming")), basis, 2);
            MrsiResult wet = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", WATER, offset, "hamming")), basis,
                    2);
            double e = worst(wet, dry, times(water, VOLUME_ML, offset));
            assertTrue(e < 1e-9, offset + " Hz: worst relative deviation " + e);
        }
    }

    @Test
    void perVoxelResidualFactorsAreDrawnAndTheEncodingConservesTheirSum() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        Fid water = singleVoxel(basis, WATER + "\n").component("residual_water");
        String factor = WATER.replace("}", ", voxel_factor: {dist: log_normal, median: 1, sigma: 0.5}}");
        MrsiResult dry = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", "", 0, "none")), basis, 2);
        MrsiResult wet = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", factor, 0, "none")), basis, 2);
        double[] f = wet.residualWaterFactor();
        assertEquals(48, f.length);
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double x : f) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(max / min > 2, "the factors vary: " + min + "–" + max);
        // k = 0 is acquired exactly: the image summed over voxels is the object's total water.
        for (int i = 0; i < POINTS; i++) {
            double re = 0;
            double im = 0;
            for (int v = 0; v < wet.voxels(); v++) {
                re += wet.cleanFid(v)[0][i] - dry.cleanFid(v)[0][i];
                im += wet.cleanFid(v)[1][i] - dry.cleanFid(v)[1][i];
            }
            double scale = VOLUME_ML * sum * Math.hypot(water.re()[0], water.im()[0]);
            assertEquals(VOLUME_ML * sum * water.re()[i], re, 1e-9 * scale, "Re at " + i);
            assertEquals(VOLUME_ML * sum * water.im()[i], im, 1e-9 * scale, "Im at " + i);
        }
        // The same seed draws the same factors; the metabolite draws are unchanged by the water term.
        MrsiResult again = MrsiFixtures.run(MrsiFixtures.scenario(uniform("", factor, 0, "none")), basis, 2);
        assertEquals(f[5], again.residualWaterFactor()[5], 0);
        assertEquals(dry.tissueConcentrationsMm()[0][0], wet.tissueConcentrationsMm()[0][0], 0);
    }

    @Test
    void macromoleculesScaleWithEachTissuesFraction() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        String head = MrsiFixtures.BASIS
                + "tissues:\n"
                + "  grey_matter: {concentrations_mm: {NAA: 12, Cr: 8}, MMGM}\n"
                + "  white_matter: {concentrations_mm: {NAA: 9, Cr: 6}, MMWM}\n"
                + "phantom: {kind: head, matrix: [12, 12], fov_mm: [220, 220, 10], oversampling: 2,"
                + " slice_samples: 1}\n";
        String gm = "macromolecules: {model: birch-3t, scale: 20}";
        String wm = "macromolecules: {model: birch-3t, scale: 12}";
        MrsiResult plain = MrsiFixtures.run(MrsiFixtures.scenario(head.replace(", MMGM", "").replace(", MMWM", "")),
                basis, 2);
        MrsiResult with = MrsiFixtures.run(MrsiFixtures.scenario(head.replace("MMGM", gm).replace("MMWM", wm)),
                basis, 2);
        Fid unit = singleVoxel(basis, "macromolecules: {model: birch-3t, scale: 1}\n").component("macromolecules");
        double voxelMl = 220.0 / 12 * 220.0 / 12 * 10 * 1e-3;
        double gmVolume = 0;
        double wmVolume = 0;
        for (int v = 0; v < with.voxels(); v++) {
            gmVolume += voxelMl * with.fractions()[Phantom.GM][v];
            wmVolume += voxelMl * with.fractions()[Phantom.WM][v];
        }
        assertTrue(gmVolume > 1 && wmVolume > 1, gmVolume + " " + wmVolume);
        double s = 20 * gmVolume + 12 * wmVolume;
        for (int i = 0; i < POINTS; i++) {
            double re = 0;
            double im = 0;
            for (int v = 0; v < with.voxels(); v++) {
                re += with.cleanFid(v)[0][i] - plain.cleanFid(v)[0][i];
                im += with.cleanFid(v)[1][i] - plain.cleanFid(v)[1][i];
            }
            double scale = s * Math.hypot(unit.re()[0], unit.im()[0]);
            assertEquals(s * unit.re()[i], re, 1e-9 * scale, "Re at " + i);
            assertEquals(s * unit.im()[i], im, 1e-9 * scale, "Im at " + i);
        }
        assertNotEquals(with.macromoleculesDrawn()[0][0], with.macromoleculesDrawn()[1][0]);
    }

    @Test
    void badMacromoleculeAndWaterBlocksAreLocatedErrors() {
        InputException model = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "macromolecules: {model: nonsense, scale: 20}", "", 0, "none")));
        assertTrue(model.getMessage().contains("test.yaml:") && model.getMessage().contains("nonsense"),
                model.getMessage());
        InputException key = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform("",
                "residual_water: {amplitude: 80, voxel_sd: 2}", 0, "none")));
        assertTrue(key.getMessage().contains("test.yaml:") && key.getMessage().contains("voxel_sd"),
                key.getMessage());
        InputException amp = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform("",
                "residual_water: {components: 2}", 0, "none")));
        assertTrue(amp.getMessage().contains("amplitude"), amp.getMessage());
    }
}
