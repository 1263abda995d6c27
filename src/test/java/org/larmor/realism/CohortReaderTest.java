package org.larmor.realism;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.io.NiftiMrsDataWriter;
import org.larmor.io.NiftiMrsDataWriter.Dimension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading cohorts of NIfTI-MRS files: transients averaged, an edited condition chosen by name, 1H only. */
class CohortReaderTest {
    static final int N = FeatureExtractorTest.N;

    @TempDir
    Path dir;

    final FeatureExtractor fx = new FeatureExtractor(FeatureSettings.defaults1H(ReferencePeak.named("NAA", null)));

    /** An NAA line (on-disk convention) plus noise of SD {@code sd}, interleaved re, im. */
    static double[][] naa(double sd, long seed) {
        double[] re = new double[N];
        double[] im = new double[N];
        FeatureExtractorTest.line(re, im, 10, 2.01, 6, 25);
        FeatureExtractorTest.line(re, im, 20, 3.03, 6, 25);
        FeatureExtractorTest.noise(re, im, sd, seed);
        return new double[][] {re, im};
    }

    static float[] interleave(double[][]... fids) {
        float[] out = new float[2 * N * fids.length];
        for (int s = 0; s < fids.length; s++) {
            for (int k = 0; k < N; k++) {
                out[2 * (s * N + k)] = (float) fids[s][0][k];
                out[2 * (s * N + k) + 1] = (float) fids[s][1][k];
            }
        }
        return out;
    }

    Path write(String name, float[] data, List<Dimension> higher, String nucleus) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, NiftiMrsDataWriter.write(data, N, higher, FeatureExtractorTest.DWELL,
                FeatureExtractorTest.MHZ, nucleus, Map.of(), "test"));
        return f;
    }

    @Test
    void transientsOnDimDynAreAveragedBeforeMeasuring() throws Exception {
        double[][] clean = naa(0, 1);
        double[][] noise = naa(0, 1);
        Random r = new Random(2);
        double[][] plus = new double[2][N];
        double[][] minus = new double[2][N];
        for (int k = 0; k < N; k++) {
            double nr = 0.05 * r.nextGaussian();
            double ni = 0.05 * r.nextGaussian();
            plus[0][k] = clean[0][k] + nr;
            plus[1][k] = clean[1][k] + ni;
            minus[0][k] = clean[0][k] - nr;
            minus[1][k] = clean[1][k] - ni;
            noise[0][k] = 0.05 * r.nextGaussian();
            noise[1][k] = 0.05 * r.nextGaussian();
        }
        Path dyn = write("dyn.nii", interleave(plus, minus), List.of(new Dimension(2, "DIM_DYN", null)), "1H");
        Path mean = write("mean.nii", interleave(clean), List.of(), "1H");
        Cohort c = CohortReader.read(dyn, "measured", fx, false);
        Cohort m = CohortReader.read(mean, "measured", fx, false);
        for (Feature f : List.of(Feature.LINEWIDTH, Feature.OFFSET, Feature.PHASE)) {
            assertEquals(m.spectra().get(0).value(f), c.spectra().get(0).value(f), 1e-3, f.key());
        }
        assertTrue(c.notes().get(0).contains("1 of 1 files hold transients (DIM_DYN, 2 each): averaged as stored,"
                + " without frequency or phase alignment"), c.notes().toString());
        assertTrue(c.notes().get(1).contains("receiver reference: 4.65 ppm assumed"), c.notes().toString());
    }

    @Test
    void anEditedConditionIsChosenByName() throws Exception {
        double[][] on = naa(0.01, 3);
        double[] re = new double[N];
        double[] im = new double[N];
        FeatureExtractorTest.line(re, im, 10, 2.01, 6, 100);
        FeatureExtractorTest.noise(re, im, 0.01, 4);
        Map<String, Object> json = Map.of("dim_5_header", Map.of("EditCondition", List.of("ON", "OFF")));
        Path edit = dir.resolve("edit.nii");
        Files.write(edit, NiftiMrsDataWriter.write(interleave(on, new double[][] {re, im}), N,
                List.of(new Dimension(2, "DIM_EDIT", null)), FeatureExtractorTest.DWELL, FeatureExtractorTest.MHZ,
                "1H", json, "edited"));
        InputException none = assertThrows(InputException.class, () -> CohortReader.read(edit, "measured", fx,
                false));
        assertEquals(edit + ": dim_5 is DIM_EDIT with 2 conditions (ON, OFF): choose one with --condition, or give"
                + " one sub-spectrum per file", none.getMessage());
        Cohort off = CohortReader.read(edit, "measured", fx, false, "off");
        assertEquals(100, off.spectra().get(0).value(Feature.PHASE), 1);
        assertEquals(25, CohortReader.read(edit, "measured", fx, false, "ON").spectra().get(0).value(Feature.PHASE),
                1);
        assertTrue(off.notes().get(0).contains("measured on their off sub-spectra"), off.notes().toString());
        InputException bad = assertThrows(InputException.class, () -> CohortReader.read(edit, "measured", fx,
                false, "DIFF"));
        assertEquals(edit + ": --condition DIFF: the DIM_EDIT conditions are ON, OFF", bad.getMessage());
    }

    /** A complex64 file rewritten as complex128 (datatype 1792, bitpix 128), as spec2nii and FSL-MRS may write. */
    static byte[] asComplex128(byte[] c64) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(c64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int vox = (int) in.getLong(168);
        int values = (c64.length - vox) / 4;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(vox + 8 * values).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(c64, 0, vox);
        out.putShort(12, (short) 1792);
        out.putShort(14, (short) 128);
        for (int k = 0; k < values; k++) {
            out.putDouble(vox + 8 * k, in.getFloat(vox + 4 * k));
        }
        return out.array();
    }

    @Test
    void complex128FilesAreMeasuredAsComplex64Ones() throws Exception {
        double[][] fid = naa(0.01, 9);
        Path c64 = write("c64.nii", interleave(fid), List.of(), "1H");
        Path c128 = dir.resolve("c128.nii");
        Files.write(c128, asComplex128(Files.readAllBytes(c64)));
        SpectrumFeatures a = CohortReader.read(c64, "measured", fx, false).spectra().get(0);
        SpectrumFeatures b = CohortReader.read(c128, "measured", fx, false).spectra().get(0);
        for (Feature f : Feature.values()) {
            assertEquals(a.value(f), b.value(f), 0.0, f.key());
        }
    }

    @Test
    void otherNucleiAreRefused() throws Exception {
        Path p31 = write("p31.nii", interleave(naa(0.01, 5)), List.of(), "31P");
        InputException p = assertThrows(InputException.class, () -> CohortReader.read(p31, "measured", fx, false));
        assertTrue(p.getMessage().contains("ResonantNucleus 31P: realism measures 1H spectra"), p.getMessage());
    }

    @Test
    void aFolderIsReadToAnyDepthInPathOrderAndOneFieldOnly() throws Exception {
        Files.createDirectories(dir.resolve("sub-01/mrs"));
        Files.createDirectories(dir.resolve("sub-02/mrs"));
        write("sub-02/mrs/svs.nii", interleave(naa(0.01, 6)), List.of(), "1H");
        write("sub-01/mrs/svs.nii", interleave(naa(0.01, 7)), List.of(), "1H");
        Cohort c = CohortReader.read(dir, "measured", fx, false);
        assertEquals(List.of(dir.resolve("sub-01/mrs/svs.nii").toString(), dir.resolve("sub-02/mrs/svs.nii")
                .toString()), c.files());
        Path f7 = dir.resolve("sub-03/mrs/svs.nii");
        Files.createDirectories(f7.getParent());
        Files.write(f7, NiftiMrsDataWriter.write(interleave(naa(0.01, 8)), N, List.of(), FeatureExtractorTest.DWELL,
                297.2, "1H", Map.of(), "7 T"));
        InputException e = assertThrows(InputException.class, () -> CohortReader.read(dir, "measured", fx, false));
        assertTrue(e.getMessage().contains("more than 5 % from another file's"), e.getMessage());
    }
}
