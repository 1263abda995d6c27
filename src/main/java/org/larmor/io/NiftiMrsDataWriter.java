package org.larmor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes single-voxel NIfTI-MRS data of any shape up to three higher dimensions: the acquisitions of a synthetic
 * scan (per-coil transients on DIM_COIL and DIM_DYN, or one averaged spectrum), as opposed to
 * {@link NiftiMrsWriter}, which writes basis spectra. NIfTI-2, little-endian, complex64, unlocalised
 * (pixdim[1..3] = 10000 mm), with the header extension (ecode 44) holding the JSON (Clarke WT et al., Magn Reson
 * Med 2022;88:2358-2370; specification v0.9). The FID is stored in the standard's sign convention.
 */
public final class NiftiMrsDataWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NiftiMrsDataWriter() {
    }

    /**
     * A higher dimension (5, 6 or 7 in NIfTI numbering).
     *
     * @param size entries
     * @param tag  NIfTI-MRS dimension tag, e.g. "DIM_COIL", "DIM_DYN"
     * @param info free-text description (dim_N_info), or null
     */
    public record Dimension(int size, String tag, String info) {
        public Dimension {
            if (size < 1) {
                throw new IllegalArgumentException("dimension size must be positive");
            }
        }
    }

    /**
     * @param interleaved     re, im pairs in NIfTI (Fortran) order: the spectral point varies fastest, then the
     *                        first higher dimension, and so on
     * @param points          spectral points (dim 4)
     * @param higher          higher dimensions in order (dim 5, 6, 7); may be empty
     * @param dwellS          dwell time in seconds (pixdim[4])
     * @param spectrometerMHz spectrometer frequency in MHz
     * @param nucleus         e.g. "1H"
     * @param json            further header-extension keys (standard keys such as EchoTime, and user keys as
     *                        {@code {"Value": …, "Description": …}} objects)
     * @param description     NIfTI descrip field (≤ 79 ASCII characters kept)
     * @return the uncompressed {@code .nii} bytes
     */
    public static byte[] write(float[] interleaved, int points, List<Dimension> higher, double dwellS,
                               double spectrometerMHz, String nucleus, Map<String, Object> json, String description) {
        return build(interleaved, new int[] {1, 1, 1}, null, null, points, higher, dwellS, spectrometerMHz, nucleus,
                json, description);
    }

    /**
     * Spectroscopic imaging data: dims 1–3 are space (x fastest), dim 4 the spectral point, with the voxel size in
     * pixdim[1..3] (mm) and the voxel-to-scanner affine (qform_code = sform_code = 1, scanner coordinates): an
     * identity orientation with voxel (0, 0, 0) at {@code originMm}.
     *
     * @param interleaved re, im pairs, x fastest, then y, z, then the spectral point
     * @param spatial     {nx, ny, nz}
     * @param voxelMm     voxel size along x, y, z (mm)
     * @param originMm    centre of voxel (0, 0, 0) in scanner coordinates (mm)
     */
    public static byte[] writeImage(float[] interleaved, int[] spatial, double[] voxelMm, double[] originMm,
                                    int points, double dwellS, double spectrometerMHz, String nucleus,
                                    Map<String, Object> json, String description) {
        return build(interleaved, spatial, voxelMm, originMm, points, List.of(), dwellS, spectrometerMHz, nucleus,
                json, description);
    }

    /**
     * As {@link #writeImage(float[], int[], double[], double[], int, double, double, String, Map, String)}, the same
     * bytes, streamed: the header, then the data slice by slice of z within each spectral point (nx·ny complex64
     * values at a time), from double arrays; the file is never held in memory whole.
     *
     * @param re value (x, y, z, t) at index t·V + (z·ny + y)·nx + x, V = nx·ny·nz (real parts)
     * @param im imaginary parts, the same layout
     */
    public static void writeImage(java.io.OutputStream out, double[] re, double[] im, int[] spatial, double[] voxelMm,
                                  double[] originMm, int points, double dwellS, double spectrometerMHz,
                                  String nucleus, Map<String, Object> json, String description)
            throws java.io.IOException {
        int plane = spatial[0] * spatial[1];
        long values = (long) points * plane * spatial[2];
        if (re.length < values || im.length < values) {
            throw new IllegalArgumentException("data has " + Math.min(re.length, im.length) + " values, shape needs "
                    + values);
        }
        out.write(header(spatial, voxelMm, originMm, points, List.of(), dwellS, spectrometerMHz, nucleus, json,
                description, values));
        ByteBuffer b = ByteBuffer.allocate(8 * plane).order(ByteOrder.LITTLE_ENDIAN);
        long slices = (long) points * spatial[2];
        for (long s = 0; s < slices; s++) {
            b.clear();
            int first = (int) (s * plane);
            for (int v = first; v < first + plane; v++) {
                b.putFloat((float) re[v]);
                b.putFloat((float) im[v]);
            }
            out.write(b.array(), 0, b.position());
        }
    }

    private static byte[] build(float[] interleaved, int[] spatial, double[] voxelMm, double[] originMm, int points,
                                List<Dimension> higher, double dwellS, double spectrometerMHz, String nucleus,
                                Map<String, Object> json, String description) {
        long values = (long) points * spatial[0] * spatial[1] * spatial[2];
        for (Dimension d : higher) {
            values *= d.size();
        }
        if (interleaved.length < 2 * values) {
            throw new IllegalArgumentException("data has " + interleaved.length / 2 + " values, shape needs " + values);
        }
        byte[] head = header(spatial, voxelMm, originMm, points, higher, dwellS, spectrometerMHz, nucleus, json,
                description, values);
        ByteBuffer b = ByteBuffer.allocate((int) (head.length + 8 * values)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(head);
        b.asFloatBuffer().put(interleaved, 0, (int) (2 * values));
        return b.array();
    }

    /** The NIfTI-2 header, the JSON extension and the padding: everything before the data (vox_offset bytes). */
    private static byte[] header(int[] spatial, double[] voxelMm, double[] originMm, int points,
                                 List<Dimension> higher, double dwellS, double spectrometerMHz, String nucleus,
                                 Map<String, Object> json, String description, long values) {
        if (higher.size() > 3) {
            throw new IllegalArgumentException("NIfTI-MRS has at most three higher dimensions");
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("SpectrometerFrequency", List.of(spectrometerMHz));
        j.put("ResonantNucleus", List.of(nucleus));
        j.put("SpectralWidth", 1.0 / dwellS);
        for (int k = 0; k < higher.size(); k++) {
            Dimension d = higher.get(k);
            j.put("dim_" + (5 + k), d.tag());
            if (d.info() != null) {
                j.put("dim_" + (5 + k) + "_info", d.info());
            }
        }
        j.putAll(json);
        byte[] ext;
        try {
            ext = JSON.writeValueAsString(j).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("header JSON is not serialisable", e);
        }
        int esize = (8 + ext.length + 15) / 16 * 16;
        long voxOffset = NiftiHeader.SIZE_2 + 4 + esize;
        long[] dim = {4 + higher.size(), spatial[0], spatial[1], spatial[2], points, 1, 1, 1};
        double[] pixdim = voxelMm == null ? new double[] {1, NiftiMrsWriter.UNLOCALISED_MM,
            NiftiMrsWriter.UNLOCALISED_MM, NiftiMrsWriter.UNLOCALISED_MM, dwellS, 1, 1, 1}
            : new double[] {1, voxelMm[0], voxelMm[1], voxelMm[2], dwellS, 1, 1, 1};
        for (int k = 0; k < higher.size(); k++) {
            dim[5 + k] = higher.get(k).size();
        }
        NiftiHeader h = new NiftiHeader(2, ByteOrder.LITTLE_ENDIAN, NiftiHeader.DT_COMPLEX64, dim, pixdim, voxOffset,
                1.0, NiftiHeader.UNITS_MM_SEC, NiftiMrsWriter.INTENT, description);
        long total = voxOffset + 8 * values;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("NIfTI file over 2 GB: write fewer transients per file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) voxOffset).order(ByteOrder.LITTLE_ENDIAN);
        byte[] head = h.toNifti2Bytes();
        if (originMm != null) {
            NiftiImageWriter.putAffine2(head, voxelMm, originMm);
        }
        b.put(head);
        b.put(new byte[] {1, 0, 0, 0});
        b.putInt(esize);
        b.putInt(NiftiMrsWriter.ECODE_MRS);
        b.put(ext);
        return b.array();
    }
}
