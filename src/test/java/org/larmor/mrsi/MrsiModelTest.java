package org.larmor.mrsi;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.synth.SynthBasis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The field models in closed form, the noise and weighting definitions, determinism and located input errors. */
class MrsiModelTest {
    @Test
    void airSphereFieldIsTheUniformlyMagnetisedSphereDipole() {
        MrsiScenario.Cavity c = new MrsiScenario.Cavity(new double[] {0, 0.05, 0}, 0.01, 9.4);
        double f0 = 123.2e6;
        // On the B0 axis at r = 2R: (Δχ/3)·(1/8)·2; in the equatorial plane: −(Δχ/3)·(1/8); inside: 0.
        assertEquals(f0 * 9.4e-6 / 3 / 8 * 2, FieldMaps.susceptibilityHz(new double[] {0, 0.05, 0.02}, c, f0), 1e-9);
        assertEquals(-f0 * 9.4e-6 / 3 / 8, FieldMaps.susceptibilityHz(new double[] {0.02, 0.05, 0}, c, f0), 1e-9);
        assertEquals(0, FieldMaps.susceptibilityHz(new double[] {0.002, 0.05, 0.003}, c, f0));
        // At the magic angle the dipole field vanishes.
        double th = Math.acos(1 / Math.sqrt(3));
        assertEquals(0, FieldMaps.susceptibilityHz(new double[] {0.03 * Math.sin(th), 0.05, 0.03 * Math.cos(th)}, c,
                f0), 1e-9);
    }

    @Test
    void shimResidualHasTheRequestedRmsAndZeroMeanOverTheBrain() {
        MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {matrix: [16, 16], fov_mm: [220, 220, 10]}\n"
                + "b0: {shim_rms_hz: 6.5}\n");
        Phantom ph = new Phantom(sc.phantom(), List.of());
        FieldMaps maps = new FieldMaps(sc.b0(), sc.b1(), sc.phantom(), ph, 123.2e6, 3);
        List<double[]> pts = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        double[] f = new double[4];
        for (int i = 0; i < 4000; i++) {
            double[] p = {(i % 20 - 9.5) * 0.008, (i / 20 % 20 - 9.5) * 0.009, (i / 400 - 4.5) * 0.012};
            ph.fractions(p, 0.002, f);
            pts.add(p);
            w.add(f[0] + f[1] + f[2]);
        }
        double[] weight = w.stream().mapToDouble(Double::doubleValue).toArray();
        maps.calibrateShim(pts, weight);
        double s = 0;
        double s2 = 0;
        double sw = 0;
        for (int i = 0; i < pts.size(); i++) {
            double v = maps.b0Hz(pts.get(i));
            s += weight[i] * v;
            s2 += weight[i] * v * v;
            sw += weight[i];
        }
        assertEquals(0, s / sw, 1e-9);
        assertEquals(6.5, Math.sqrt(s2 / sw), 1e-9);
    }

    @Test
    void idealPressB1ResponseIsSinToTheFifthNormalisedAtNominal() {
        IdealPulseB1Response r = new IdealPulseB1Response(List.of(), "press");
        assertEquals(1, r.singletGain(1), 1e-15);
        assertEquals(Math.pow(Math.sin(0.8 * Math.PI / 2), 5), r.singletGain(0.8), 1e-15);
        assertEquals(Math.sin(1.2 * Math.PI / 2), new IdealPulseB1Response(List.of(), "pulse_acquire")
                .singletGain(1.2), 1e-15);
        assertEquals(1, new IdealPulseB1Response(List.of(), "none").singletGain(0.5));
    }

    private static String noisy(String weighting) {
        return MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {kind: uniform, tissue: grey_matter, matrix: [16, 16], fov_mm: [160, 160, 10],\n"
                + "          oversampling: 2, slice_samples: 1}\n"
                + "encoding: {weighting: " + weighting + ", averages: 8, noise_sd: 0.3}\n";
    }

    private static double measuredNoiseSd(MrsiResult r) {
        double s2 = 0;
        for (int i = 0; i < r.imageRe().length; i++) {
            s2 += Math.pow(r.imageRe()[i] - r.cleanRe()[i], 2) + Math.pow(r.imageIm()[i] - r.cleanIm()[i], 2);
        }
        return Math.sqrt(s2 / (2.0 * r.imageRe().length));
    }

    @Test
    void imageNoiseIsTheStatedSdAndAcquisitionWeightingBeatsTheSameFilterAppliedAfterwards() {
        SynthBasis basis = MrsiFixtures.singlets(256, 1 / 2000.0);
        MrsiResult none = MrsiFixtures.run(MrsiFixtures.scenario(noisy("none")), basis, 2);
        MrsiResult ham = MrsiFixtures.run(MrsiFixtures.scenario(noisy("hamming")), basis, 2);
        MrsiResult acq = MrsiFixtures.run(MrsiFixtures.scenario(noisy("acquisition_hamming")), basis, 2);
        assertEquals(0.3, none.imageNoiseSd(), 1e-12, "noise_sd is the unweighted image noise");
        for (MrsiResult r : List.of(none, ham, acq)) {
            assertEquals(r.imageNoiseSd(), measuredNoiseSd(r), 0.02 * r.imageNoiseSd(),
                    r.scenario().encoding().weighting() + ": measured against stated image noise");
        }
        // The same scan time: acquisition weighting spreads the averages, Σ n(κ) ≈ 8 per point.
        int total = 0;
        for (int a : acq.averages()) {
            total += a;
        }
        assertEquals(8 * 256, total, 0.02 * 8 * 256);
        // Hamming after the fact: σ·sqrt(mean w²) = σ·(0.54² + 0.46²/2) per axis; acquisition weighting is lower.
        double perAxis = Math.sqrt(0.54 * 0.54 + 0.46 * 0.46 / 2);
        assertEquals(0.3 * perAxis * perAxis, ham.imageNoiseSd(), 1e-9);
        assertTrue(acq.imageNoiseSd() < 0.8 * ham.imageNoiseSd(), acq.imageNoiseSd() + " vs " + ham.imageNoiseSd());
    }

    @Test
    void datasetIsTheSameForTheSameSeedWhateverTheThreadCount() {
        SynthBasis basis = MrsiFixtures.singlets(128, 1 / 2000.0);
        MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: {dist: uniform, min: 8, max: 12}}},\n"
                + "          white_matter: {concentrations_mm: {NAA: 9, Cr: 6}}}\n"
                + "lipids: {model: lcmodel, scale: 40}\n"
                + "phantom: {matrix: [16, 16], fov_mm: [220, 220, 10], oversampling: 2, slice_samples: 2}\n"
                + "b0: {shim_rms_hz: 5, cavities: [{centre_mm: [0, 80, -15], radius_mm: 12}]}\n"
                + "b1: {centre: 1.1, edge: 0.9, response: press}\n"
                + "encoding: {weighting: hamming, noise_sd: 0.2}\n");
        MrsiResult a = MrsiFixtures.run(sc, basis, 1);
        MrsiResult b = MrsiFixtures.run(sc, basis, 3);
        assertArrayEquals(a.imageRe(), b.imageRe());
        assertArrayEquals(a.kspaceIm(), b.kspaceIm());
        assertArrayEquals(a.linewidthHz(), b.linewidthHz());
        MrsiResult c = MrsiSynthesiser.run(sc, 8, basis, new IdealPulseB1Response(basis.fids(), "press"), 2);
        assertTrue(a.tissueConcentrationsMm()[0][0] != c.tissueConcentrationsMm()[0][0], "another seed draws anew");
    }

    @Test
    void badInputIsOneErrorWithLineAndField() {
        InputException e = assertThrows(InputException.class, () -> MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {matrix: [16, 16], fov_mm: [220, 220, 10]}\n"
                + "encoding: {weighting: hanning}\n"));
        assertTrue(e.getMessage().contains("test.yaml:4") && e.getMessage().contains("encoding.weighting")
                && e.getMessage().contains("acquisition_hamming"), e.getMessage());
        e = assertThrows(InputException.class, () -> MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {matrix: [15, 16], fov_mm: [220, 220, 10]}\n"));
        assertTrue(e.getMessage().contains("test.yaml:3") && e.getMessage().contains("even"), e.getMessage());
        e = assertThrows(InputException.class, () -> MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {lorentzian_hz: 2}}\n"
                + "phantom: {matrix: [16, 16], fov_mm: [220, 220, 10]}\n"));
        assertTrue(e.getMessage().contains("no tissue has metabolites"), e.getMessage());
        e = assertThrows(InputException.class, () -> MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {matrix: [16, 16], fov_mm: [220, 220, 10], oversamplng: 4}\n"));
        assertTrue(e.getMessage().contains("oversampling"), e.getMessage());
    }

    @Test
    void shippedScenarioReads() {
        MrsiScenario sc = MrsiScenarioReader.read(Path.of("scenarios/mrsi/mrsi-3t-press-slice.yaml"),
                List.of(Path.of("scenarios/presets")));
        assertEquals(20, sc.tissues().get(0).metabolites().size());
        assertEquals(Weighting.HAMMING, sc.encoding().weighting());
        assertArrayEquals(new int[] {128, 128, 4}, sc.phantom().objectPoints());
    }

    @Test
    void lesionReplacesBrainTissueInItsSphereAndTheEncodingConservesTheTotalSignal() {
        SynthBasis basis = MrsiFixtures.singlets(64, 1 / 2000.0);
        MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10, Cr: 8}, lorentzian_hz: 2}}\n"
                + "lesions:\n"
                + "  - {name: tumour, centre_mm: [20, -10, 0], radius_mm: 30,\n"
                + "     concentrations_mm: {NAA: 2, Cr: 5, PCh: 6}, lorentzian_hz: 6}\n"
                + "phantom: {kind: uniform, tissue: grey_matter, matrix: [16, 16], fov_mm: [160, 160, 10],\n"
                + "          oversampling: 4, slice_samples: 1}\n"
                + "b0: {shim_rms_hz: 3}\n"
                + "encoding: {weighting: none}\n");
        MrsiResult r = MrsiFixtures.run(sc, basis, 2);
        int centre = r.voxel(8 + 2, 8 - 1, 0);
        assertEquals(1, r.fractions()[4][centre], 1e-12, "the lesion fills the voxel at its centre");
        assertEquals(0, r.fractions()[Phantom.GM][centre], 1e-12);
        assertEquals(2, r.concentrationsMm()[0][centre], 1e-12, "NAA map: the lesion's");
        assertEquals(6, r.concentrationsMm()[2][centre], 1e-12, "PCh map: the lesion's");
        assertEquals(10, r.concentrationsMm()[0][r.voxel(0, 15, 0)], 1e-12, "NAA map far from it: grey matter's");
        // Its volume: a 30 mm sphere cut by a 10 mm slab through its centre, π·r²·h minus the caps, in voxels.
        double vol = 0;
        for (double fv : r.fractions()[4]) {
            vol += fv * 10 * 10 * 10;
        }
        double slab = Math.PI * (30 * 30 * 10 - 2 * Math.pow(5, 3) / 3);
        assertEquals(slab, vol, 0.01 * slab);
        // Σ over voxels of an unweighted image is S(κ = 0): the total content of the object, at every time point.
        double[][] lines = new double[2][64];
        double cellMl = r.objectCellM()[0] * r.objectCellM()[1] * r.objectCellM()[2] * 1e6;
        Phantom ph = new Phantom(sc.phantom(), List.of(), sc.lesions());
        double[] f = new double[5];
        int[] m = r.objectPoints();
        for (int j = 0; j < m[0] * m[1] * m[2]; j++) {
            double[] p = MrsiSynthesiser.position(j, m, r.objectOriginM(), r.objectCellM());
            ph.fractions(p, Math.cbrt(cellMl * 1e-6), f);
            double b0 = r.objectB0Hz()[j];
            for (int t = 0; t < 2; t++) {
                double lz = t == 0 ? 2 : 6;
                double frac = t == 0 ? f[Phantom.GM] : f[4];
                for (int i = 0; i < 64; i++) {
                    double time = i / 2000.0;
                    double re = 0;
                    double im = 0;
                    for (int q = 0; q < 4; q++) {
                        double c = r.tissueConcentrationsMm()[t == 0 ? 0 : 3][q];
                        re += c * basis.fids().get(q).re()[i];
                        im += c * basis.fids().get(q).im()[i];
                    }
                    double d = cellMl * frac * Math.exp(-Math.PI * lz * time);
                    double ph0 = -2 * Math.PI * b0 * time;
                    lines[0][i] += d * (re * Math.cos(ph0) - im * Math.sin(ph0));
                    lines[1][i] += d * (re * Math.sin(ph0) + im * Math.cos(ph0));
                }
            }
        }
        for (int i = 0; i < 64; i += 7) {
            double re = 0;
            double im = 0;
            for (int v = 0; v < r.voxels(); v++) {
                re += r.cleanRe()[i * r.voxels() + v];
                im += r.cleanIm()[i * r.voxels() + v];
            }
            assertEquals(lines[0][i], re, 1e-9 * Math.abs(lines[0][0]), "re at point " + i);
            assertEquals(lines[1][i], im, 1e-9 * Math.abs(lines[0][0]), "im at point " + i);
        }
    }

    @Test
    void tissueMapsFromNiftiImagesAreSampledThroughTheirAffine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // GM = 0.5 + x/400 (x in mm), WM = 1 − GM, on a 5 mm grid of their own: trilinear sampling is exact for a
        // linear map, so each voxel's GM fraction is the map at the voxel centre.
        int[] dims = {48, 40, 3};
        double[] vox = {5, 5, 6};
        double[] origin = {-117.5, -97.5, -6};
        float[] gm = new float[dims[0] * dims[1] * dims[2]];
        float[] wm = new float[gm.length];
        for (int i = 0; i < gm.length; i++) {
            double x = origin[0] + (i % dims[0]) * vox[0];
            gm[i] = (float) (0.5 + x / 400);
            wm[i] = 1 - gm[i];
        }
        java.nio.file.Files.write(dir.resolve("gm.nii"), org.larmor.io.NiftiImageWriter.float32(dims, vox, origin, gm,
                "gm"));
        java.nio.file.Files.write(dir.resolve("wm.nii"), org.larmor.io.NiftiImageWriter.float32(dims, vox, origin, wm,
                "wm"));
        MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}, white_matter: {concentrations_mm: {NAA: 6}}}\n"
                + "phantom: {kind: nifti, tissue_maps: {grey_matter: " + dir.resolve("gm.nii") + ", white_matter: "
                + dir.resolve("wm.nii") + "},\n"
                + "          matrix: [16, 16], fov_mm: [200, 160, 10], oversampling: 2, slice_samples: 2}\n");
        MrsiResult r = MrsiFixtures.run(sc, MrsiFixtures.singlets(32, 1 / 2000.0), 1);
        for (int v = 0; v < r.voxels(); v++) {
            double x = (r.originM()[0] + (v % 16) * r.voxelM()[0]) * 1e3;
            assertEquals(0.5 + x / 400, r.fractions()[Phantom.GM][v], 1e-6, "voxel " + v);
            assertEquals(1, r.fractions()[Phantom.GM][v] + r.fractions()[Phantom.WM][v], 1e-6);
            assertEquals(10 * (0.5 + x / 400) + 6 * (0.5 - x / 400), r.concentrationsMm()[0][v], 1e-5);
        }
        InputException e = assertThrows(InputException.class, () -> MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {grey_matter: {concentrations_mm: {NAA: 10}}}\n"
                + "phantom: {kind: nifti, tissue_maps: {grey_matter: nowhere.nii.gz}, matrix: [16, 16],"
                + " fov_mm: [200, 160, 10]}\n"));
        assertTrue(e.getMessage().contains("test.yaml:3") && e.getMessage().contains("not found"), e.getMessage());
    }
}
