package org.larmor.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes 3D float32 images as NIfTI-1 (348-byte header, little-endian, {@code n+1} single file; field offsets of
 * {@code nifti1.h}, NIfTI Data Format Working Group): truth maps of a synthetic MRSI dataset. The orientation is the
 * identity with voxel (0, 0, 0) at a given scanner position (qform_code = sform_code = 1), units mm.
 */
public final class NiftiImageWriter {
    private static final int DT_FLOAT32 = 16;
    private static final int HEADER_1 = 348;

    private NiftiImageWriter() {
    }

    /**
     * @param dims        {nx, ny, nz}
     * @param voxelMm     voxel size (mm)
     * @param originMm    centre of voxel (0, 0, 0), scanner coordinates (mm)
     * @param data        x fastest, then y, z ({@code nx·ny·nz} values)
     * @param description descrip field (≤ 79 ASCII characters kept)
     * @return the uncompressed {@code .nii} bytes
     */
    public static byte[] float32(int[] dims, double[] voxelMm, double[] originMm, float[] data, String description) {
        int count = dims[0] * dims[1] * dims[2];
        if (data.length != count) {
            throw new IllegalArgumentException(data.length + " values for a " + dims[0] + "×" + dims[1] + "×"
                    + dims[2] + " image");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_1 + 4 + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, HEADER_1);
        b.putShort(40, (short) 3);
        for (int k = 0; k < 3; k++) {
            b.putShort(42 + 2 * k, (short) dims[k]);
        }
        for (int k = 3; k < 7; k++) {
            b.putShort(42 + 2 * k, (short) 1);
        }
        b.putShort(70, (short) DT_FLOAT32);
        b.putShort(72, (short) 32);
        b.putFloat(76, 1);
        for (int k = 0; k < 3; k++) {
            b.putFloat(80 + 4 * k, (float) voxelMm[k]);
        }
        b.putFloat(108, HEADER_1 + 4);
        b.putFloat(112, 1);
        b.put(123, (byte) 2);
        byte[] d = description.getBytes(StandardCharsets.US_ASCII);
        b.put(148, d, 0, Math.min(79, d.length));
        b.putShort(252, (short) 1);
        b.putShort(254, (short) 1);
        b.putFloat(268, (float) originMm[0]);
        b.putFloat(272, (float) originMm[1]);
        b.putFloat(276, (float) originMm[2]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                b.putFloat(280 + 16 * r + 4 * c, r == c ? (float) voxelMm[r] : 0);
            }
            b.putFloat(280 + 16 * r + 12, (float) originMm[r]);
        }
        b.put(344, new byte[] {'n', '+', '1', 0});
        b.position(HEADER_1 + 4);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /**
     * Puts the identity-orientation affine into a NIfTI-2 header (qform_code = sform_code = 1, quaternion 0, offsets
     * and srow from the voxel size and origin; nifti2.h offsets 344–495).
     */
    static void putAffine2(byte[] header, double[] voxelMm, double[] originMm) {
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(344, 1);
        b.putInt(348, 1);
        b.putDouble(376, originMm[0]);
        b.putDouble(384, originMm[1]);
        b.putDouble(392, originMm[2]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                b.putDouble(400 + 32 * r + 8 * c, r == c ? voxelMm[r] : 0);
            }
            b.putDouble(400 + 32 * r + 24, originMm[r]);
        }
    }
}
