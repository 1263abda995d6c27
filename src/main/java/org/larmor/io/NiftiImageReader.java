package org.larmor.io;

import org.larmor.input.InputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a 3D scalar NIfTI-1 or NIfTI-2 image ({@code .nii} or {@code .nii.gz}, either byte order; uint8, int16,
 * int32, float32 or float64, with scl_slope/scl_inter) and its voxel-to-scanner affine: the sform when
 * sform_code > 0, else the qform (quaternion, qfac in pixdim[0]) when qform_code > 0, else the voxel size alone
 * (field offsets of {@code nifti1.h}, {@code nifti2.h}).
 */
public final class NiftiImageReader {
    /**
     * @param dims   {nx, ny, nz}
     * @param affine 3 × 4, row-major: scanner (mm) = A·(i, j, k, 1)
     * @param data   x fastest, then y, z
     */
    public record Image(int[] dims, double[] affine, double[] data) {
        /** The value at scanner position p (mm), trilinear between voxel centres; 0 outside the image. */
        public double sample(double[] pMm, double[] inverse) {
            double[] q = new double[3];
            for (int r = 0; r < 3; r++) {
                q[r] = inverse[4 * r] * pMm[0] + inverse[4 * r + 1] * pMm[1] + inverse[4 * r + 2] * pMm[2]
                        + inverse[4 * r + 3];
            }
            int[] lo = new int[3];
            double[] w = new double[3];
            for (int a = 0; a < 3; a++) {
                if (dims[a] == 1) {
                    if (Math.abs(q[a]) > 0.5) {
                        return 0;
                    }
                    lo[a] = 0;
                    w[a] = 0;
                    continue;
                }
                if (q[a] < -0.5 || q[a] > dims[a] - 0.5) {
                    return 0;
                }
                double c = Math.max(0, Math.min(dims[a] - 1, q[a]));
                lo[a] = Math.min((int) Math.floor(c), dims[a] - 2);
                w[a] = c - lo[a];
            }
            double v = 0;
            for (int dz = 0; dz < (dims[2] > 1 ? 2 : 1); dz++) {
                for (int dy = 0; dy < (dims[1] > 1 ? 2 : 1); dy++) {
                    for (int dx = 0; dx < (dims[0] > 1 ? 2 : 1); dx++) {
                        double wt = (dx == 0 ? 1 - w[0] : w[0]) * (dy == 0 ? 1 - w[1] : w[1])
                                * (dz == 0 ? 1 - w[2] : w[2]);
                        v += wt * data[((lo[2] + dz) * dims[1] + lo[1] + dy) * dims[0] + lo[0] + dx];
                    }
                }
            }
            return v;
        }

        /** The inverse of the affine, 3 × 4 row-major. */
        public double[] inverse() {
            double[] a = affine;
            double a00 = a[0], a01 = a[1], a02 = a[2], a10 = a[4], a11 = a[5], a12 = a[6], a20 = a[8], a21 = a[9];
            double a22 = a[10];
            double det = a00 * (a11 * a22 - a12 * a21) - a01 * (a10 * a22 - a12 * a20) + a02 * (a10 * a21 - a11 * a20);
            double[] m = {
                (a11 * a22 - a12 * a21) / det, (a02 * a21 - a01 * a22) / det, (a01 * a12 - a02 * a11) / det,
                (a12 * a20 - a10 * a22) / det, (a00 * a22 - a02 * a20) / det, (a02 * a10 - a00 * a12) / det,
                (a10 * a21 - a11 * a20) / det, (a01 * a20 - a00 * a21) / det, (a00 * a11 - a01 * a10) / det};
            double[] inv = new double[12];
            for (int r = 0; r < 3; r++) {
                inv[4 * r] = m[3 * r];
                inv[4 * r + 1] = m[3 * r + 1];
                inv[4 * r + 2] = m[3 * r + 2];
                inv[4 * r + 3] = -(m[3 * r] * a[3] + m[3 * r + 1] * a[7] + m[3 * r + 2] * a[11]);
            }
            return inv;
        }
    }

    private NiftiImageReader() {
    }

    public static Image read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String src = file.toString();
        if (bytes.length < 348) {
            throw InputException.of(src, "not a NIfTI image: " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size != 348 && size != 540) {
            b.order(ByteOrder.BIG_ENDIAN);
            size = b.getInt(0);
        }
        if (size != 348 && size != 540) {
            throw InputException.of(src, "not a NIfTI-1 or NIfTI-2 header (sizeof_hdr " + size + ")");
        }
        boolean two = size == 540;
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int k = 0; k < 8; k++) {
            dim[k] = two ? b.getLong(16 + 8 * k) : b.getShort(40 + 2 * k);
            pixdim[k] = two ? b.getDouble(104 + 8 * k) : b.getFloat(76 + 4 * k);
        }
        int datatype = two ? b.getShort(12) : b.getShort(70);
        long voxOffset = two ? b.getLong(168) : (long) b.getFloat(108);
        double slope = two ? b.getDouble(176) : b.getFloat(112);
        double inter = two ? b.getDouble(184) : b.getFloat(116);
        int qcode = two ? b.getInt(344) : b.getShort(252);
        int scode = two ? b.getInt(348) : b.getShort(254);
        if (dim[0] < 1 || dim[0] > 7) {
            throw InputException.of(src, "dim[0] = " + dim[0] + ", expected 1–7");
        }
        for (int k = 4; k <= dim[0]; k++) {
            if (dim[k] != 1) {
                throw InputException.of(src, "expected a 3D image (a volume fraction per voxel), got dim[" + k
                        + "] = " + dim[k]);
            }
        }
        int[] dims = new int[3];
        for (int k = 0; k < 3; k++) {
            dims[k] = k < dim[0] ? (int) dim[k + 1] : 1;
            if (dims[k] < 1) {
                throw InputException.of(src, "dim[" + (k + 1) + "] = " + dims[k]);
            }
        }
        double[] affine = new double[12];
        if (scode > 0) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    affine[4 * r + c] = two ? b.getDouble(400 + 32 * r + 8 * c) : b.getFloat(280 + 16 * r + 4 * c);
                }
            }
        } else if (qcode > 0) {
            double qb = two ? b.getDouble(352) : b.getFloat(256);
            double qc = two ? b.getDouble(360) : b.getFloat(260);
            double qd = two ? b.getDouble(368) : b.getFloat(264);
            double qa = Math.sqrt(Math.max(0, 1 - qb * qb - qc * qc - qd * qd));
            double qfac = pixdim[0] < 0 ? -1 : 1;
            double[][] rm = {
                {qa * qa + qb * qb - qc * qc - qd * qd, 2 * (qb * qc - qa * qd), 2 * (qb * qd + qa * qc)},
                {2 * (qb * qc + qa * qd), qa * qa + qc * qc - qb * qb - qd * qd, 2 * (qc * qd - qa * qb)},
                {2 * (qb * qd - qa * qc), 2 * (qc * qd + qa * qb), qa * qa + qd * qd - qc * qc - qb * qb}};
            double[] off = {two ? b.getDouble(376) : b.getFloat(268), two ? b.getDouble(384) : b.getFloat(272),
                two ? b.getDouble(392) : b.getFloat(276)};
            double[] sc = {pixdim[1], pixdim[2], pixdim[3] * qfac};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    affine[4 * r + c] = rm[r][c] * sc[c];
                }
                affine[4 * r + 3] = off[r];
            }
        } else {
            for (int r = 0; r < 3; r++) {
                affine[4 * r + r] = pixdim[r + 1] > 0 ? pixdim[r + 1] : 1;
            }
        }
        int count = dims[0] * dims[1] * dims[2];
        int bytesPer = switch (datatype) {
            case 2 -> 1;
            case 4 -> 2;
            case 8, 16 -> 4;
            case 64 -> 8;
            default -> throw InputException.of(src, "datatype " + datatype + " not read here; expected uint8 (2),"
                    + " int16 (4), int32 (8), float32 (16) or float64 (64)");
        };
        if (voxOffset < size || voxOffset + (long) count * bytesPer > bytes.length) {
            throw InputException.of(src, "the data (" + count + " values from byte " + voxOffset + ") run past the"
                    + " end of the file (" + bytes.length + " bytes)");
        }
        boolean scale = Double.isFinite(slope) && slope != 0;
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            int at = (int) voxOffset + i * bytesPer;
            double v = switch (datatype) {
                case 2 -> b.get(at) & 0xff;
                case 4 -> b.getShort(at);
                case 8 -> b.getInt(at);
                case 16 -> b.getFloat(at);
                default -> b.getDouble(at);
            };
            data[i] = scale ? v * slope + (Double.isFinite(inter) ? inter : 0) : v;
        }
        return new Image(dims, affine, data);
    }
}
