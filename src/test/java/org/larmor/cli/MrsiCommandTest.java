package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.NiftiHeader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor mrsi} as a user meets it: the dataset's files with their shapes; exit 2 and nothing for bad input. */
class MrsiCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "mrsi";
        System.arraycopy(args, 0, all, 1, args.length);
        return LarmorCommand.execute(all, new PrintWriter(out), new PrintWriter(err));
    }

    private static Path scenario(Path dir, String encoding) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, "seed: 5\nbasis:\n  sequence: " + Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()
                + "\n  points: 256\n"
                + "tissues:\n  grey_matter: {concentrations_mm: {NAA: 12, Cr: 8}, lorentzian_hz: 3}\n"
                + "  white_matter: {concentrations_mm: {NAA: 10, Cr: 6}, lorentzian_hz: 3}\n"
                + "lipids: {model: lcmodel, scale: 100}\n"
                + "phantom: {matrix: [16, 12], fov_mm: [220, 200, 12], oversampling: 2, slice_samples: 2}\n"
                + "b0: {shim_rms_hz: 3}\n"
                + "encoding: " + encoding + "\n");
        return f;
    }

    private static byte[] gunzip(Path p) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesNiftiMrsWithSpatialDimensionsKspaceAndTruthMaps(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "--scenario", scenario(dir, "{weighting: hamming, noise_sd: 0.1}").toString(), "--out",
                out.toString(), "--threads", "2");
        assertEquals(0, code, e.toString());
        assertTrue(o.toString().contains("16 x 12 x 1 voxels"), o.toString());
        byte[] nii = gunzip(out.resolve("mrsi.nii.gz"));
        NiftiHeader h = NiftiHeader.parse("mrsi.nii.gz", nii);
        assertArrayEquals(new long[] {4, 16, 12, 1, 256, 1, 1, 1}, h.dim());
        assertEquals(220.0 / 16, h.pixdim()[1], 1e-9);
        assertEquals(12, h.pixdim()[3], 1e-9);
        assertEquals(1 / 4000.0, h.dwellS(), 1e-12);
        ByteBuffer b = ByteBuffer.wrap(nii).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getInt(348), "sform_code: scanner");
        assertEquals(-8 * 220.0 / 16, b.getDouble(400 + 24), 1e-9, "voxel 0's x (mm)");
        String npy = new String(Files.readAllBytes(out.resolve("kspace.npy")), 0, 80,
                java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(npy.contains("'shape': (12, 16, 256)") && npy.contains("<c8"), npy);
        byte[] naa = gunzip(out.resolve("truth/NAA_mm.nii.gz"));
        assertEquals(348, ByteBuffer.wrap(naa).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        assertEquals(352 + 4 * 16 * 12, naa.length);
        for (String f : new String[] {"mrsi_noise_free.nii.gz", "truth/fraction_grey_matter.nii.gz",
            "truth/fraction_lipid.nii.gz", "truth/b0_hz.nii.gz", "truth/b1_scale.nii.gz", "truth/linewidth_hz.nii.gz",
            "truth/b0_hz_object.nii.gz", "report/maps.png", "report/voxel_grid.png", "truth.json", "scenario.yaml"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String truth = Files.readString(out.resolve("truth.json"));
        assertTrue(truth.contains("\"weighting\" : \"hamming\"") && truth.contains("\"image_noise_sd\""), truth);
    }

    @Test
    void nibabelAndNumpyReadTheImagesMapsAndKspace(@TempDir Path dir) throws Exception {
        boolean have = Files.isExecutable(Path.of("/usr/bin/python3")) && python("import nibabel, numpy") == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(have, "nibabel/numpy not available to /usr/bin/python3: the"
                + " byte-level checks of writesNiftiMrs… hold");
        Path out = dir.resolve("out");
        assertEquals(0, run(new StringWriter(), new StringWriter(), "--scenario", scenario(dir, "{weighting: none}")
                .toString(), "--out", out.toString(), "--no-pictures"));
        String script = String.join("\n",
                "import nibabel as nib, numpy as np, sys, os",
                "d = sys.argv[1]",
                "img = nib.load(os.path.join(d, 'mrsi_noise_free.nii.gz'))",
                "assert img.shape == (16, 12, 1, 256), img.shape",
                "assert img.get_data_dtype() == np.complex64",
                "a = img.affine",
                "assert abs(a[0, 0] - 220 / 16) < 1e-6 and abs(a[0, 3] + 110) < 1e-6 and abs(a[1, 3] + 100) < 1e-6, a",
                "m = nib.load(os.path.join(d, 'truth', 'fraction_lipid.nii.gz'))",
                "assert m.shape == (16, 12, 1) and np.allclose(m.affine, a), m.affine",
                "k = np.load(os.path.join(d, 'kspace.npy'))",
                "assert k.shape == (12, 16, 256) and k.dtype == np.complex64, k.shape",
                "x = np.asarray(img.dataobj)[:, :, 0, 0]",
                "# no weighting, no noise: the image is the inverse DFT of k-space (numpy's ifft2 with the centre at N/2)",
                "y = np.fft.fftshift(np.fft.ifft2(np.fft.ifftshift(k[:, :, 0]))).T",
                "assert np.allclose(x, y, rtol=1e-4, atol=1e-4 * abs(x).max()), abs(x - y).max()");
        assertEquals(0, python(script, out.toString()), "nibabel check failed");
    }

    private static int python(String script, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(text);
        }
        return p.exitValue();
    }

    @Test
    void badScenarioExitsWithStatusTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "--scenario", scenario(dir, "{weighting: hamming, noise_sd: -1}").toString(), "--out",
                out.toString());
        assertEquals(2, code);
        assertTrue(e.toString().contains("m.yaml:11") && e.toString().contains("noise_sd"), e.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void interpolatedB1MacromoleculesAndResidualWaterAreRecordedInTruth(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, Files.readString(scenario(dir, "{weighting: hamming}"))
                .replace("lorentzian_hz: 3}\n  white", "lorentzian_hz: 3, macromolecules: {model: birch-3t, scale: 20}}"
                        + "\n  white")
                + "b1: {centre: 1.1, edge: 0.9, response: interpolated, scales: [0.85, 0.95, 1.05, 1.15]}\n"
                + "residual_water: {amplitude: {dist: log_normal, median: 100, sigma: 0.5},"
                + " voxel_factor: {dist: uniform, min: 0.5, max: 2}}\n");
        Path out = dir.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "--scenario", f.toString(), "--out", out.toString(), "--threads", "2", "--no-pictures");
        assertEquals(0, code, e.toString());
        String truth = Files.readString(out.resolve("truth.json"));
        assertTrue(truth.contains("\"response\" : \"interpolated\"") && truth.contains("\"stated_error_relative\"")
                && truth.contains("\"lipid_gain_stated_error_relative\""), truth);
        assertTrue(truth.contains("\"macromolecules\" : {") && truth.contains("\"M0.90\""), truth);
        assertTrue(truth.contains("\"residual_water\" : {") && truth.contains("\"lorentzian_hz\""), truth);
        assertTrue(Files.isRegularFile(out.resolve("truth/residual_water_factor.nii.gz")));
    }
}
