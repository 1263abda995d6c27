package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The NIfTI header fields NIfTI-MRS uses, with their byte layout: writes NIfTI-2 (540 bytes, little-endian) and reads
 * NIfTI-2 or NIfTI-1 (348 bytes) in either byte order. Offsets follow {@code nifti2.h} / {@code nifti1.h}
 * (NIfTI Data Format Working Group) and the NIfTI-MRS specification (Clarke WT et al., Magn Reson Med
 * 2022;88:2358-2370).
 *
 * @param version     1 or 2
 * @param order       byte order of the file
 * @param datatype    NIfTI type code (32 = complex64, 1792 = complex128)
 * @param dim         dim[0..7]: dim[0] = number of dimensions, then sizes
 * @param pixdim      pixdim[0..7]: pixdim[4] is the dwell time in {@link #xyztUnits} time units
 * @param voxOffset   byte offset of the data
 * @param sclSlope    data scaling slope (0 or NaN: none)
 * @param xyztUnits   spatial | temporal unit code (MM = 2, SEC = 8)
 * @param intentName  e.g. "mrs_v0_9"
 * @param description free text (descrip, 80 bytes)
 */
public record NiftiHeader(int version, ByteOrder order, int datatype, long[] dim, double[] pixdim, long voxOffset,
                          double sclSlope, int xyztUnits, String intentName, String description) {
    /** NIfTI-2 header size; the extension flag follows at this offset. */
    public static final int SIZE_2 = 540;
    public static final int SIZE_1 = 348;
    public static final int DT_COMPLEX64 = 32;
    public static final int DT_COMPLEX128 = 1792;
    /** NIFTI_UNITS_MM | NIFTI_UNITS_SEC, as nifti_mrs writes. */
    public static final int UNITS_MM_SEC = 2 | 8;

    private static final byte[] MAGIC_2 = {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'};

    public NiftiHeader {
        dim = dim.clone();
        pixdim = pixdim.clone();
        if (dim.length != 8 || pixdim.length != 8) {
            throw new IllegalArgumentException("dim and pixdim have 8 entries");
        }
    }

    /** dim[0..7] (a copy). */
    @Override
    public long[] dim() {
        return dim.clone();
    }

    /** pixdim[0..7] (a copy). */
    @Override
    public double[] pixdim() {
        return pixdim.clone();
    }

    /** Bytes per complex value. */
    public int bytesPerValue() {
        return datatype == DT_COMPLEX128 ? 16 : 8;
    }

    /** Number of values stored: the product of dim[1..dim[0]]. */
    public long valueCount() {
        long n = 1;
        for (int k = 1; k <= dim[0]; k++) {
            n *= dim[k];
        }
        return n;
    }

    /** pixdim[4] in seconds, from the time unit bits of xyzt_units (unset is taken as seconds). */
    public double dwellS() {
        return switch (xyztUnits & 0x38) {
            case 16 -> pixdim[4] * 1e-3;
            case 24 -> pixdim[4] * 1e-6;
            default -> pixdim[4];
        };
    }

    /**
     * The 540-byte NIfTI-2 header, little-endian, unlocalised (qform_code = sform_code = 0, all quaternion and
     * affine fields zero), scl_slope 1, intent_code 0.
     */
    public byte[] toNifti2Bytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE_2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, SIZE_2);
        b.put(4, MAGIC_2);
        b.putShort(12, (short) datatype);
        b.putShort(14, (short) (8 * bytesPerValue()));
        for (int k = 0; k < 8; k++) {
            b.putLong(16 + 8 * k, dim[k]);
            b.putDouble(104 + 8 * k, pixdim[k]);
        }
        b.putLong(168, voxOffset);
        b.putDouble(176, sclSlope);
        b.putDouble(184, 0);
        putString(b, 240, 80, description);
        b.putInt(344, 0);
        b.putInt(348, 0);
        b.putInt(500, xyztUnits);
        b.putInt(504, 0);
        putString(b, 508, 16, intentName);
        return b.array();
    }

    /**
     * Parses the header at the start of {@code file}; errors name the byte offset of the offending field.
     *
     * @param source file name for messages
     */
    public static NiftiHeader parse(String source, byte[] file) {
        if (file.length < SIZE_1) {
            throw at(source, 0, "file is " + file.length + " bytes, shorter than any NIfTI header (348 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int le = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int be = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        ByteOrder order;
        int version;
        if (le == SIZE_2 || be == SIZE_2) {
            version = 2;
            order = le == SIZE_2 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        } else if (le == SIZE_1 || be == SIZE_1) {
            version = 1;
            order = le == SIZE_1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        } else {
            throw at(source, 0, "sizeof_hdr is " + le + ": expected 540 (NIfTI-2) or 348 (NIfTI-1); not a NIfTI file");
        }
        b.order(order);
        return version == 2 ? parse2(source, file, b, order) : parse1(source, b, order);
    }

    private static NiftiHeader parse2(String source, byte[] file, ByteBuffer b, ByteOrder order) {
        if (file.length < SIZE_2) {
            throw at(source, file.length, "NIfTI-2 header truncated: the file has " + file.length + " of 540 bytes");
        }
        byte[] magic = Arrays.copyOfRange(file, 4, 12);
        if (!Arrays.equals(magic, MAGIC_2)) {
            throw at(source, 4, "magic is \"" + printable(magic) + "\": expected \"n+2\" (single-file NIfTI-2)");
        }
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int k = 0; k < 8; k++) {
            dim[k] = b.getLong(16 + 8 * k);
            pixdim[k] = b.getDouble(104 + 8 * k);
        }
        return new NiftiHeader(2, order, b.getShort(12), dim, pixdim, b.getLong(168), b.getDouble(176),
                b.getInt(500), string(file, 508, 16), string(file, 240, 80));
    }

    private static NiftiHeader parse1(String source, ByteBuffer b, ByteOrder order) {
        byte[] magic = new byte[4];
        b.get(344, magic);
        if (!(magic[0] == 'n' && magic[1] == '+' && magic[2] == '1' && magic[3] == 0)) {
            throw at(source, 344, "magic is \"" + printable(magic) + "\": expected \"n+1\" (single-file NIfTI-1)");
        }
        long[] dim = new long[8];
        double[] pixdim = new double[8];
        for (int k = 0; k < 8; k++) {
            dim[k] = b.getShort(40 + 2 * k);
            pixdim[k] = b.getFloat(76 + 4 * k);
        }
        byte[] all = b.array();
        return new NiftiHeader(1, order, b.getShort(70), dim, pixdim, (long) b.getFloat(108), b.getFloat(112),
                all[123] & 0xff, string(all, 328, 16), string(all, 148, 80));
    }

    /** Header size of this version: where the 4-byte extension flag starts. */
    public int size() {
        return version == 2 ? SIZE_2 : SIZE_1;
    }

    static InputException at(String source, long offset, String problem) {
        return new InputException(new Location(source, 0, 0), null, "byte " + offset + ": " + problem);
    }

    private static void putString(ByteBuffer b, int offset, int length, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < length; k++) {
            b.put(offset + k, k < bytes.length && k < length - 1 ? bytes[k] : 0);
        }
    }

    private static String string(byte[] file, int offset, int length) {
        int end = offset;
        while (end < offset + length && file[end] != 0) {
            end++;
        }
        return new String(file, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xff));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NiftiHeader h && h.version == version && h.order.equals(order) && h.datatype == datatype
                && Arrays.equals(h.dim, dim) && Arrays.equals(h.pixdim, pixdim) && h.voxOffset == voxOffset
                && Double.compare(h.sclSlope, sclSlope) == 0 && h.xyztUnits == xyztUnits
                && h.intentName.equals(intentName) && h.description.equals(description);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dim) * 31 + datatype;
    }

    @Override
    public String toString() {
        return "NiftiHeader[NIfTI-" + version + ", datatype " + datatype + ", dim " + Arrays.toString(dim)
                + ", pixdim " + Arrays.toString(pixdim) + ", vox_offset " + voxOffset + "]";
    }
}
