package org.larmor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes NumPy {@code .npy} files, format version 1.0, as {@code numpy.load} reads them without help: the magic
 * string {@code \x93NUMPY}, version bytes 1 0, a little-endian 2-byte header length, and an ASCII Python dict
 * {@code {'descr': '<c8', 'fortran_order': False, 'shape': (rows, points), }} padded with spaces and ended by a
 * newline so that the data start on a 64-byte boundary; then the raw C-order data (NumPy Enhancement Proposal 1,
 * "A simple file format for NumPy arrays").
 *
 * <p>Only little-endian complex64 ({@code <c8}: interleaved float32 real, imaginary) is written: the dtype of
 * synthetic spectra.
 */
public final class NpyWriter {
    /** NumPy dtype string of little-endian complex64. */
    public static final String COMPLEX64 = "<c8";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    /**
     * The complete header (magic, version, length, dict, padding) for an array of {@code descr} and {@code shape}.
     */
    public static byte[] header(String descr, long... shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, ")
                .append("'shape': (");
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] < 0) {
                throw new IllegalArgumentException("negative dimension " + shape[k]);
            }
            dict.append(shape[k]);
            if (shape.length == 1 || k < shape.length - 1) {
                dict.append(",");
            }
            if (k < shape.length - 1) {
                dict.append(" ");
            }
        }
        dict.append("), }");
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        int headerLength = total - MAGIC.length - 2;
        if (headerLength > 0xffff) {
            throw new IllegalArgumentException("npy v1.0 header too long");
        }
        dict.append(" ".repeat(total - unpadded)).append('\n');
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.putShort((short) headerLength);
        b.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * Writes a complex64 array to {@code file} (created or truncated), through one large buffered channel.
     *
     * @param interleaved re, im, re, im, … in C order of {@code shape} (the last dimension varies fastest)
     * @param count       complex values to write from the start of {@code interleaved}
     * @param shape       array shape; its product must equal {@code count}
     */
    public static void writeComplex64(Path file, float[] interleaved, int count, long... shape) throws IOException {
        long product = 1;
        for (long s : shape) {
            product *= s;
        }
        if (product != count || 2L * count > interleaved.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " does not match "
                    + count + " values");
        }
        byte[] head = header(COMPLEX64, shape);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(head);
            int floats = 2 * count;
            int k = 0;
            while (k < floats) {
                int n = Math.min(buf.remaining() / 4, floats - k);
                buf.asFloatBuffer().put(interleaved, k, n);
                buf.position(buf.position() + 4 * n);
                k += n;
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                buf.clear();
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
