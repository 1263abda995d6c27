package org.larmor.mrsi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.NiftiMrsDataWriter;
import org.larmor.io.NpyWriter;
import org.larmor.synth.SynthBasis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The streamed writer (the data slice by slice of z, never a whole copy in memory) writes the same bytes as the
 * writer that built each file in memory: the whole interleaved float array, the whole .nii, then gzip.
 */
class MrsiWriterStreamingTest {
    @Test
    void streamedFilesAreByteForByteTheInMemoryWritersFiles(@TempDir Path dir) throws Exception {
        SynthBasis basis = MrsiFixtures.singlets(64, 1 / 2000.0);
        String[] phantoms = {
            "phantom: {kind: head, matrix: [8, 6], fov_mm: [220, 200, 10], oversampling: 2, slice_samples: 2}\n",
            "phantom: {kind: head, matrix: [6, 6, 4], fov_mm: [220, 220, 120], oversampling: 2}\n"};
        int run = 0;
        for (String phantom : phantoms) {
            MrsiScenario sc = MrsiFixtures.scenario(MrsiFixtures.BASIS
                    + "tissues: {grey_matter: {concentrations_mm: {NAA: 12, Cr: 8}},"
                    + " white_matter: {concentrations_mm: {NAA: 9, Ins: 5}}}\n"
                    + "lipids: {model: lcmodel, scale: 100}\n" + phantom
                    + "b0: {shim_rms_hz: 3}\nencoding: {weighting: hamming, noise_sd: 0.2}\n");
            MrsiResult r = MrsiFixtures.run(sc, basis, 2);
            Path out = dir.resolve("out" + run++);
            MrsiWriter.write(r, out, "x: 1\n", Map.of());
            int[] dims = r.matrix();
            double[] vox = {r.voxelM()[0] * 1e3, r.voxelM()[1] * 1e3, r.voxelM()[2] * 1e3};
            double[] org = {r.originM()[0] * 1e3, r.originM()[1] * 1e3, r.originM()[2] * 1e3};
            Map<String, Object> json = MrsiWriter.headerJson(r);
            byte[] noisy = MrsiWriter.gzip(NiftiMrsDataWriter.writeImage(MrsiWriter.interleave(r.imageRe(),
                    r.imageIm()), dims, vox, org, r.points(), basis.dwellS(), basis.hzPerPpm(), basis.nucleus(), json,
                    "Larmor synthetic MRSI"));
            byte[] clean = MrsiWriter.gzip(NiftiMrsDataWriter.writeImage(MrsiWriter.interleave(r.cleanRe(),
                    r.cleanIm()), dims, vox, org, r.points(), basis.dwellS(), basis.hzPerPpm(), basis.nucleus(), json,
                    "Larmor synthetic MRSI, noise free"));
            assertArrayEquals(noisy, Files.readAllBytes(out.resolve("mrsi.nii.gz")), phantom);
            assertArrayEquals(clean, Files.readAllBytes(out.resolve("mrsi_noise_free.nii.gz")), phantom);
            int v = r.voxels();
            int t = r.points();
            float[] k = new float[2 * v * t];
            for (int q = 0; q < v; q++) {
                for (int i = 0; i < t; i++) {
                    k[2 * (q * t + i)] = (float) r.kspaceRe()[i * v + q];
                    k[2 * (q * t + i) + 1] = (float) r.kspaceIm()[i * v + q];
                }
            }
            long[] shape = dims[2] > 1 ? new long[] {dims[2], dims[1], dims[0], t} : new long[] {dims[1], dims[0], t};
            byte[] head = NpyWriter.header(NpyWriter.COMPLEX64, shape);
            java.nio.ByteBuffer kb = java.nio.ByteBuffer.allocate(head.length + 4 * k.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            kb.put(head);
            kb.asFloatBuffer().put(k);
            assertArrayEquals(kb.array(), Files.readAllBytes(out.resolve("kspace.npy")), phantom);
        }
    }
}
