package org.larmor.mrsi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.larmor.basis.Version;
import org.larmor.io.NiftiImageWriter;
import org.larmor.io.NiftiMrsDataWriter;
import org.larmor.io.NpyWriter;
import org.larmor.io.StagingDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an MRSI dataset into a new (or empty) folder, through a staging folder moved into place at the end
 * (docs/mrsi.md, "Output"): NIfTI-MRS images with and without noise, the k-space data as {@code .npy}, the truth maps
 * as NIfTI-1 float32 images, {@code truth.json} (written last) and the scenario as written.
 */
public final class MrsiWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MrsiWriter() {
    }

    /**
     * @param scenarioText the scenario's YAML, copied as {@code scenario.yaml}
     * @param extra        further files (relative path → bytes), e.g. report pictures; may be empty
     * @return the files written, relative to {@code out}
     */
    public static List<String> write(MrsiResult r, Path out, String scenarioText, Map<String, byte[]> extra)
            throws IOException {
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new IOException(out + " exists and is not an empty folder; choose a new folder");
        }
        List<String> files = new ArrayList<>();
        try (StagingDirectory st = StagingDirectory.create(out)) {
            int v = r.voxels();
            int t = r.points();
            int[] dims = r.matrix();
            double[] voxMm = mm(r.voxelM());
            double[] originMm = mm(r.originM());
            double mhz = r.basis().hzPerPpm();
            Map<String, Object> json = headerJson(r);
            // The images and k-space are streamed into their files (the data slice by slice of z, k-space point by
            // point), the noise-free image on a second thread: no copy of the dataset is made in memory.
            java.util.concurrent.CompletableFuture<Void> clean = java.util.concurrent.CompletableFuture.runAsync(
                    () -> {
                        try {
                            st.writeStreamed("mrsi_noise_free.nii.gz", gzipped(o -> NiftiMrsDataWriter.writeImage(o,
                                    r.cleanRe(), r.cleanIm(), dims, voxMm, originMm, t, r.basis().dwellS(), mhz,
                                    r.basis().nucleus(), json, "Larmor synthetic MRSI, noise free")));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            try {
                st.writeStreamed("mrsi.nii.gz", gzipped(o -> NiftiMrsDataWriter.writeImage(o, r.imageRe(),
                        r.imageIm(), dims, voxMm, originMm, t, r.basis().dwellS(), mhz, r.basis().nucleus(), json,
                        "Larmor synthetic MRSI")));
            } finally {
                try {
                    clean.join();
                } catch (java.util.concurrent.CompletionException e) {
                    if (e.getCause() instanceof java.io.UncheckedIOException u) {
                        throw u.getCause();
                    }
                    throw e;
                }
            }
            files.add("mrsi.nii.gz");
            files.add("mrsi_noise_free.nii.gz");
            // k-space: (nz,) ny, nx, points in C order, from the [t][k] layout.
            long[] shape = dims[2] > 1 ? new long[] {dims[2], dims[1], dims[0], t}
                    : new long[] {dims[1], dims[0], t};
            st.writeStreamed("kspace.npy", o -> {
                o.write(NpyWriter.header(NpyWriter.COMPLEX64, shape));
                java.nio.ByteBuffer kb = java.nio.ByteBuffer.allocate(8 * t).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int q = 0; q < v; q++) {
                    kb.clear();
                    for (int i = 0; i < t; i++) {
                        kb.putFloat((float) r.kspaceRe()[i * v + q]);
                        kb.putFloat((float) r.kspaceIm()[i * v + q]);
                    }
                    o.write(kb.array(), 0, kb.position());
                }
            });
            files.add("kspace.npy");
            List<String> classes = new Phantom(r.scenario().phantom(), List.of(), r.scenario().lesions()).classes();
            for (int c = 0; c < classes.size(); c++) {
                map(st, files, "truth/fraction_" + classes.get(c) + ".nii.gz", r.fractions()[c], dims, voxMm,
                        originMm, "volume fraction of " + classes.get(c));
            }
            for (int q = 0; q < r.metabolites().size(); q++) {
                map(st, files, "truth/" + safe(r.metabolites().get(q)) + "_mm.nii.gz", r.concentrationsMm()[q], dims,
                        voxMm, originMm, r.metabolites().get(q) + " concentration of voxel volume (mM)");
            }
            map(st, files, "truth/b0_hz.nii.gz", r.b0Hz(), dims, voxMm, originMm, "tissue-weighted mean B0 (Hz)");
            map(st, files, "truth/b1_scale.nii.gz", r.b1Scale(), dims, voxMm, originMm, "mean transmit B1 scale");
            if (r.residualWaterFactor() != null) {
                map(st, files, "truth/residual_water_factor.nii.gz", r.residualWaterFactor(), dims, voxMm, originMm,
                        "residual water factor per voxel");
            }
            map(st, files, "truth/linewidth_hz.nii.gz", r.linewidthHz(), dims, voxMm, originMm,
                    r.referenceMetabolite() + " FWHM from the intra-voxel B0 spread (Hz)");
            map(st, files, "truth/b0_hz_object.nii.gz", r.objectB0Hz(), r.objectPoints(), mm(r.objectCellM()),
                    mm(r.objectOriginM()), "B0 on the object grid (Hz)");
            put(st, files, "scenario.yaml", scenarioText.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                put(st, files, e.getKey(), e.getValue());
            }
            List<String> all = new ArrayList<>(files);
            all.add("truth.json");
            put(st, files, "truth.json", JSON.writeValueAsBytes(truth(r, all)));
            st.commit();
        }
        return files;
    }

    /** A map of key, value pairs in the order given (Map.of's order changes from one JVM run to the next). */
    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The NIfTI-MRS header extension's keys beyond the required ones. */
    static Map<String, Object> headerJson(MrsiResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!Double.isNaN(r.basis().echoTimeS())) {
            json.put("EchoTime", r.basis().echoTimeS());
        }
        json.put("LarmorReceiverReference", ordered("Value", r.basis().referencePpm(), "Description",
                "chemical shift (ppm) at 0 Hz"));
        json.put("LarmorMrsi", ordered("Value", ordered("scenario", r.scenario().name(), "seed", r.seed(),
                "weighting", r.scenario().encoding().weighting().key()), "Description",
                "synthetic MRSI by Larmor; truth in truth.json and truth/"));
        return json;
    }

    /** Everything drawn and every definition, as plain values. */
    static Map<String, Object> truth(MrsiResult r, List<String> files) {
        MrsiScenario sc = r.scenario();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("larmor_version", Version.get());
        j.put("scenario", sc.name());
        j.put("scenario_sha256", sc.sha256());
        j.put("seed", r.seed());
        Map<String, Object> acq = new LinkedHashMap<>();
        acq.put("matrix", r.matrix());
        acq.put("fov_mm", mm(sc.phantom().fovM()));
        acq.put("voxel_mm", mm(r.voxelM()));
        acq.put("origin_mm", mm(r.originM()));
        acq.put("encoded_dimensions", sc.phantom().encodedDimensions());
        acq.put("points", r.points());
        acq.put("dwell_s", r.basis().dwellS());
        acq.put("spectrometer_mhz", r.basis().hzPerPpm());
        acq.put("reference_ppm", r.basis().referencePpm());
        acq.put("nucleus", r.basis().nucleus());
        acq.put("echo_time_s", r.basis().echoTimeS());
        acq.put("basis", r.basis().source());
        j.put("acquisition", acq);
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("points", r.objectPoints());
        obj.put("cell_mm", mm(r.objectCellM()));
        obj.put("origin_mm", mm(r.objectOriginM()));
        j.put("object_grid", obj);
        Map<String, Object> enc = new LinkedHashMap<>();
        enc.put("weighting", sc.encoding().weighting().key());
        enc.put("mean_averages", sc.encoding().averages());
        enc.put("elliptical", sc.encoding().elliptical());
        enc.put("averages", r.averages());
        enc.put("weights", r.weights());
        enc.put("noise_sd", sc.encoding().noiseSd());
        enc.put("kspace_noise_sd_per_average", r.kspaceNoiseSd().length > 0 ? r.kspaceNoiseSd()[0]
                * Math.sqrt(r.averages()[0]) : 0);
        enc.put("image_noise_sd", r.imageNoiseSd());
        enc.put("kspace_order", "kspace.npy is (nz,) ny, nx, points; index κ + N/2 along each axis (κ = −N/2 … N/2 − 1,"
                + " cycles per field of view); each point the mean of its averages, 0 where none were acquired");
        j.put("encoding", enc);
        Map<String, Object> tissues = new LinkedHashMap<>();
        List<MrsiScenario.Tissue> all = sc.allTissues();
        for (int t = 0; t < all.size(); t++) {
            Map<String, Object> one = new LinkedHashMap<>();
            Map<String, Object> c = new LinkedHashMap<>();
            for (int q = 0; q < r.metabolites().size(); q++) {
                c.put(r.metabolites().get(q), r.tissueConcentrationsMm()[t][q]);
            }
            one.put("concentrations_mm", c);
            one.put("lorentzian_hz", all.get(t).lorentzianHz());
            if (r.macromoleculesDrawn()[t] != null) {
                org.larmor.synth.Scenario.ComponentSet set = all.get(t).macromolecules();
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("model", set.model());
                mm.put("scale", r.macromoleculesDrawn()[t][0]);
                Map<String, Object> amps = new LinkedHashMap<>();
                for (int k = 0; k < set.peaks().size(); k++) {
                    amps.put(set.peaks().get(k).name(), r.macromoleculesDrawn()[t][k + 1]);
                }
                mm.put("component_amplitudes", amps);
                one.put("macromolecules", mm);
            }
            if (t >= MrsiScenario.TISSUES.size()) {
                MrsiScenario.Lesion l = sc.lesions().get(t - MrsiScenario.TISSUES.size());
                one.put("lesion", ordered("centre_mm", mm(l.centreM()), "radius_mm", l.radiusM() * 1e3));
            }
            tissues.put(all.get(t).name(), one);
        }
        j.put("tissues", tissues);
        Map<String, Object> b0 = new LinkedHashMap<>();
        b0.put("offset_hz", sc.b0().offsetHz());
        b0.put("shim_rms_hz", sc.b0().shimRmsHz());
        b0.put("shim_terms", List.of("u", "v", "w", "uv", "uw", "vw", "u2-v2", "2w2-u2-v2"));
        b0.put("shim_coefficients", r.shimCoefficients());
        b0.put("shim_scale_hz", r.shimScaleHz());
        List<Object> cav = new ArrayList<>();
        for (MrsiScenario.Cavity c : sc.b0().cavities()) {
            cav.add(ordered("centre_mm", mm(c.centreM()), "radius_mm", c.radiusM() * 1e3, "delta_chi_ppm",
                    c.deltaChiPpm()));
        }
        b0.put("cavities", cav);
        j.put("b0", b0);
        Map<String, Object> b1 = new LinkedHashMap<>();
        b1.put("centre", sc.b1().centre());
        b1.put("edge", sc.b1().edge());
        b1.put("response", sc.b1().response());
        b1.put("resolution", sc.b1().resolution());
        if (!r.b1Response().isEmpty()) {
            b1.put("response_model", r.b1Response());
        }
        j.put("b1", b1);
        if (r.residualWaterLines() != null) {
            List<Object> lines = new ArrayList<>();
            for (double[] l : r.residualWaterLines()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("amplitude", l[0]);
                one.put("ppm", l[1]);
                one.put("lorentzian_hz", l[2]);
                one.put("phase_deg", l[3]);
                lines.add(one);
            }
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("lines", lines);
            w.put("amplitude_unit", "FID amplitude per mL of tissue (GM, WM, CSF, lesions) at factor 1");
            w.put("voxel_factor", "truth/residual_water_factor.nii.gz");
            j.put("residual_water", w);
        }
        if (sc.lipids() != null) {
            j.put("lipids", ordered("model", sc.lipids().model(), "scale", sc.lipids().scale()));
        }
        j.put("linewidth_reference", r.referenceMetabolite());
        j.put("units", "signal: mL × mM × basis amplitude (a homogeneous voxel holds its volume in mL times the"
                + " single-voxel FID); B0 in Hz (+ = higher frequency, higher ppm); concentration maps in mM of voxel"
                + " volume; fractions of voxel volume");
        j.put("files", files);
        j.put("scenario_as_written", sc.asWritten());
        return j;
    }

    private static void map(StagingDirectory st, List<String> files, String name, double[] values, int[] dims,
                            double[] voxMm, double[] originMm, String description) throws IOException {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        put(st, files, name, gzip(NiftiImageWriter.float32(dims, voxMm, originMm, f, description)));
    }

    private static void put(StagingDirectory st, List<String> files, String name, byte[] bytes) throws IOException {
        st.write(name, bytes);
        files.add(name);
    }

    /** gzip at the fastest level (the images are noise-like and compress little at any level); deterministic. */
    static byte[] gzip(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length / 2);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code content} through gzip at the fastest level, the same bytes as {@link #gzip} of the whole content. */
    static StagingDirectory.StreamContent gzipped(StagingDirectory.StreamContent content) {
        return out -> {
            java.io.OutputStream keepOpen = new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(keepOpen, 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }) {
                content.writeTo(gz);
            }
        };
    }

    static float[] interleave(double[] re, double[] im) {
        float[] f = new float[2 * re.length];
        for (int i = 0; i < re.length; i++) {
            f[2 * i] = (float) re[i];
            f[2 * i + 1] = (float) im[i];
        }
        return f;
    }

    private static double[] mm(double[] m) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] * 1e3;
        }
        return out;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
