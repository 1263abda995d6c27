package org.larmor.mrsi;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;
import org.larmor.synth.SynthBasis;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthesiser's images as physics statements: homogeneity, B0 shifts, lipid bleed through the PSF. */
class MrsiPhysicsTest {
    private static final int POINTS = 256;
    private static final double DWELL = 1 / 2000.0;

    private static String uniform(String weighting, double offsetHz, String noise) {
        return MrsiFixtures.BASIS
                + "tissues:\n"
                + "  grey_matter: {concentrations_mm: {NAA: 12, Cr: 8, PCh: 2, Ins: 7}, lorentzian_hz: 3}\n"
                + "phantom: {kind: uniform, tissue: grey_matter, matrix: [16, 12], fov_mm: [160, 120, 12],\n"
                + "          oversampling: 4, slice_samples: 3}\n"
                + "b0: {offset_hz: " + offsetHz + "}\n"
                + "encoding: {weighting: " + weighting + noise + "}\n";
    }

    /** V·Σ_m c_m·FID_m·exp(−π·L·t)·exp(−i·2π·Δf·t): the single-voxel FID of the tissue. */
    private static double[][] singleVoxel(SynthBasis basis, double[] conc, double volumeMl, double lorentzHz,
                                          double offsetHz) {
        double[][] out = new double[2][POINTS];
        for (int q = 0; q < conc.length; q++) {
            Fid f = basis.fids().get(q);
            for (int i = 0; i < POINTS; i++) {
                double t = i * DWELL;
                double d = volumeMl * conc[q] * Math.exp(-Math.PI * lorentzHz * t);
                double c = Math.cos(-2 * Math.PI * offsetHz * t);
                double s = Math.sin(-2 * Math.PI * offsetHz * t);
                out[0][i] += d * (f.re()[i] * c - f.im()[i] * s);
                out[1][i] += d * (f.re()[i] * s + f.im()[i] * c);
            }
        }
        return out;
    }

    private static double worstVoxel(MrsiResult r, double[][] expected) {
        double worst = 0;
        double scale = Math.hypot(expected[0][0], expected[1][0]);
        for (int v = 0; v < r.voxels(); v++) {
            double[][] fid = r.cleanFid(v);
            for (int i = 0; i < POINTS; i++) {
                worst = Math.max(worst, Math.hypot(fid[0][i] - expected[0][i], fid[1][i] - expected[1][i]) / scale);
            }
        }
        return worst;
    }

    @Test
    void homogeneousPhantomGivesEveryVoxelTheSingleVoxelSpectrumScaledByItsVolume() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        for (String w : new String[] {"none", "hamming", "acquisition_hamming, averages: 4",
            "hamming, elliptical: true"}) {
            MrsiResult r = MrsiFixtures.run(MrsiFixtures.scenario(uniform(w, 0, "")), basis, 2);
            double volumeMl = 10 * 10 * 12 * 1e-3;
            double[][] expected = singleVoxel(basis, new double[] {12, 8, 2, 7}, volumeMl, 3, 0);
            assertTrue(worstVoxel(r, expected) < 1e-9, w + ": worst relative deviation " + worstVoxel(r, expected));
            assertEquals(12, r.concentrationsMm()[0][r.voxel(3, 4, 0)], 1e-12, "NAA map");
            if (w.contains("elliptical")) {
                int outside = 0;
                int skipped = 0;
                for (int q = 0; q < 16 * 12; q++) {
                    double u = (q % 16 - 8) / 8.0;
                    double v = (q / 16 - 6) / 6.0;
                    outside += u * u + v * v > 1 ? 1 : 0;
                    skipped += r.averages()[q] == 0 ? 1 : 0;
                }
                assertEquals(outside, skipped, "the corners outside the ellipse are not acquired");
                assertTrue(outside > 30, "outside: " + outside);
            }
            assertEquals(1, r.fractions()[Phantom.GM][r.voxel(0, 0, 0)], 1e-12, "grey-matter fraction");
        }
    }

    @Test
    void homogeneous3dPhantomGivesEveryVoxelTheSingleVoxelSpectrum() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                + "tissues: {white_matter: {concentrations_mm: {NAA: 9, Cr: 6, PCh: 3, Ins: 5}, lorentzian_hz: 3}}\n"
                + "phantom: {kind: uniform, tissue: white_matter, matrix: [8, 6, 4], fov_mm: [80, 60, 40],\n"
                + "          oversampling: 2}\n"
                + "encoding: {weighting: hamming}\n");
        MrsiResult r = MrsiFixtures.run(sc, basis, 2);
        double[][] expected = singleVoxel(basis, new double[] {9, 6, 3, 5}, 1.0, 3, 0);
        assertTrue(worstVoxel(r, expected) < 1e-9, "worst relative deviation " + worstVoxel(r, expected));
    }

    @Test
    void b1ScaleReachesEveryVoxelThroughTheResponseHook() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        MrsiScenario sc = MrsiFixtures.scenario(uniform("none", 0, "").replace("b0:", "b1: {centre: 0.8, edge: 0.8,"
                + " response: press}\nb0:"));
        MrsiResult r = MrsiFixtures.run(sc, basis, 2);
        double volumeMl = 10 * 10 * 12 * 1e-3;
        double g = Math.pow(Math.sin(0.8 * Math.PI / 2), 5);
        assertTrue(worstVoxel(r, singleVoxel(basis, new double[] {12 * g, 8 * g, 2 * g, 7 * g}, volumeMl, 3, 0))
                < 1e-9, "ideal PRESS: every voxel scaled by sin^5(0.4π)");
        assertEquals(0.8, r.b1Scale()[r.voxel(4, 4, 0)], 1e-12, "B1 truth map");
        // Another implementation of the hook (an interpolated multi-B1 basis would be one): only NAA responds.
        List<Double> asked = new ArrayList<>();
        B1Response onlyNaa = new B1Response() {
            @Override
            public List<Fid> fids(double scale) {
                asked.add(scale);
                List<Fid> out = new ArrayList<>(basis.fids());
                Fid naa = out.get(0);
                double[] re = naa.re().clone();
                double[] im = naa.im().clone();
                for (int i = 0; i < re.length; i++) {
                    re[i] *= scale * scale;
                    im[i] *= scale * scale;
                }
                out.set(0, new Fid(re, im, naa.dwellS()));
                return out;
            }

            @Override
            public double singletGain(double scale) {
                return 1;
            }
        };
        MrsiResult h = MrsiSynthesiser.run(sc, 7, basis, onlyNaa, 2);
        assertEquals(List.of(0.8), asked.stream().map(x -> Math.round(x * 1e9) / 1e9).distinct().toList());
        assertTrue(worstVoxel(h, singleVoxel(basis, new double[] {12 * 0.64, 8, 2, 7}, volumeMl, 3, 0)) < 1e-9);
    }

    @Test
    void uniformB0OffsetShiftsEveryVoxelsLinesByExactlyTheOffset() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        double offset = 3.7;
        MrsiResult r = MrsiFixtures.run(MrsiFixtures.scenario(uniform("hamming", offset, "")), basis, 2);
        double volumeMl = 10 * 10 * 12 * 1e-3;
        double[][] expected = singleVoxel(basis, new double[] {12, 8, 2, 7}, volumeMl, 3, offset);
        assertTrue(worstVoxel(r, expected) < 1e-9, "worst relative deviation " + worstVoxel(r, expected));
        assertEquals(offset, r.b0Hz()[r.voxel(5, 5, 0)], 1e-12, "B0 truth map");
        // The NAA line, measured: the maximum of |Σ s(t)·exp(+i2πft)| near 2.01 ppm moves by the offset (+ = higher
        // frequency = higher ppm, i.e. the on-disk frequency −(δ − ref)·f0 falls by it).
        MrsiResult r0 = MrsiFixtures.run(MrsiFixtures.scenario(uniform("hamming", 0, "")), basis, 2);
        double nominal = -(2.01 - MrsiFixtures.REF) * MrsiFixtures.MHZ;
        for (int v : new int[] {0, r.voxel(7, 6, 0), r.voxels() - 1}) {
            double f1 = peakHz(r.cleanFid(v), nominal - offset);
            double f0 = peakHz(r0.cleanFid(v), nominal);
            assertEquals(-offset, f1 - f0, 0.01, "voxel " + v);
        }
    }

    /** Frequency (Hz) of the largest |DTFT| within ±5 Hz of a guess, by golden-section search. */
    private static double peakHz(double[][] fid, double guess) {
        double a = guess - 5;
        double b = guess + 5;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 100; it++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            if (dtft(fid, c) > dtft(fid, d)) {
                b = d;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }

    private static double dtft(double[][] fid, double f) {
        // The on-disk convention: a line at frequency f rotates as exp(+i2πft); its peak maximises |Σ s·exp(−i2πft)|.
        double re = 0;
        double im = 0;
        for (int i = 0; i < fid[0].length; i++) {
            double phi = -2 * Math.PI * f * i * DWELL;
            re += fid[0][i] * Math.cos(phi) - fid[1][i] * Math.sin(phi);
            im += fid[0][i] * Math.sin(phi) + fid[1][i] * Math.cos(phi);
        }
        return Math.hypot(re, im);
    }

    private static String head(String weighting) {
        return MrsiFixtures.BASIS
                + "tissues:\n"
                + "  grey_matter: {concentrations_mm: {NAA: 0}}\n"
                + "  white_matter: {concentrations_mm: {NAA: 0}}\n"
                + "lipids: {model: lcmodel, scale: 50}\n"
                + "phantom: {matrix: [24, 24], fov_mm: [220, 220, 10], oversampling: 4, slice_samples: 2}\n"
                + "encoding: {weighting: " + weighting + "}\n";
    }

    @Test
    void lipidBleedIntoTheBrainIsThePointSpreadFunctionTimesTheLipidContent() {
        SynthBasis basis = MrsiFixtures.singlets(POINTS, DWELL);
        double[] interiorMean = new double[2];
        Weighting[] ws = {Weighting.NONE, Weighting.HAMMING};
        for (int wi = 0; wi < ws.length; wi++) {
            Weighting w = ws[wi];
            MrsiScenario sc = MrsiFixtures.scenario(head(w.key()));
            MrsiResult r = MrsiFixtures.run(sc, basis, 2);
            // Expected image at t = 0: Σ_j lipid content_j · PSF(X_i − x_j), the analytic kernel per axis.
            int[] m = r.objectPoints();
            int[] n = r.matrix();
            Phantom ph = new Phantom(sc.phantom(), sc.b0().cavities());
            double[] frac = new double[4];
            double cellMl = r.objectCellM()[0] * r.objectCellM()[1] * r.objectCellM()[2] * 1e6;
            double[][] lip = MrsiSynthesiser.lipidSpectrum(sc.lipids(), basis, POINTS);
            double[] fov = sc.phantom().fovM();
            double[] expRe = new double[r.voxels()];
            double[] expIm = new double[r.voxels()];
            // Per axis the kernel between voxel centre i and object point j: tab[a][i·M + j] = {re, im}.
            double[][][] tab = new double[2][][];
            for (int a = 0; a < 2; a++) {
                tab[a] = new double[n[a] * m[a]][];
                for (int i = 0; i < n[a]; i++) {
                    double x = r.originM()[a] + i * r.voxelM()[a];
                    for (int jj = 0; jj < m[a]; jj++) {
                        double xj = r.objectOriginM()[a] + jj * r.objectCellM()[a];
                        tab[a][i * m[a] + jj] = PointSpreadFunctionTest.kernel(w, n[a], 2 * Math.PI * (x - xj)
                                / fov[a]);
                    }
                }
            }
            for (int j = 0; j < m[0] * m[1] * m[2]; j++) {
                double[] p = MrsiSynthesiser.position(j, m, r.objectOriginM(), r.objectCellM());
                ph.fractions(p, Math.cbrt(cellMl * 1e-6), frac);
                if (frac[Phantom.LIPID] == 0) {
                    continue;
                }
                double q = cellMl * frac[Phantom.LIPID] * lip[0][0];
                int jx = j % m[0];
                int jy = j / m[0] % m[1];
                for (int v = 0; v < r.voxels(); v++) {
                    double[] kx = tab[0][(v % n[0]) * m[0] + jx];
                    double[] ky = tab[1][(v / n[0]) * m[1] + jy];
                    expRe[v] += q * (kx[0] * ky[0] - kx[1] * ky[1]);
                    expIm[v] += q * (kx[0] * ky[1] + kx[1] * ky[0]);
                }
            }
            double peak = 0;
            double worst = 0;
            int interior = 0;
            for (int v = 0; v < r.voxels(); v++) {
                double re = r.cleanRe()[v];
                double im = r.cleanIm()[v];
                peak = Math.max(peak, Math.hypot(expRe[v], expIm[v]));
                worst = Math.max(worst, Math.hypot(re - expRe[v], im - expIm[v]));
                // Brain voxels at least 3 voxels (27 mm) inside the lipid shell: the bleed's far field.
                int x = v % n[0] - n[0] / 2;
                int y = v / n[0] - n[1] / 2;
                if (Math.hypot(x * 220.0 / 24 / 45, y * 220.0 / 24 / 60) < 1) {
                    interiorMean[wi] += Math.hypot(re, im);
                    interior++;
                }
            }
            assertTrue(worst < 1e-9 * peak, w + ": worst deviation " + worst + " of a peak " + peak);
            interiorMean[wi] /= interior;
            assertTrue(interior > 10, "interior voxels: " + interior);
        }
        assertTrue(interiorMean[1] < 0.2 * interiorMean[0], "Hamming cuts the far bleed: " + interiorMean[1]
                + " against " + interiorMean[0] + " unweighted");
    }
}
