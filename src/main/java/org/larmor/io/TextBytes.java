package org.larmor.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text file built as its UTF-8 bytes: headers appended as strings, numbers written as ASCII straight into the
 * buffer. A basis file is mostly numbers, and building it as a String first cost two more copies of the whole file
 * (the String, then its UTF-8 encoding) and, as soon as a header held one non-Latin-1 character (a citation's
 * "ö", the "·" of a formula), a UTF-16 String of twice the size and a slow encoding pass.
 */
final class TextBytes {
    private byte[] bytes;
    private int size;

    /** @param capacity expected size in bytes (the buffer grows if needed) */
    TextBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code text} in UTF-8. */
    TextBytes text(CharSequence text) {
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** Appends one ASCII character. */
    TextBytes ascii(char c) {
        room(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends {@code v} in Fortran E16.6 ({@link FortranEFormat}). */
    TextBytes fortranE(double v) {
        room(FortranEFormat.WIDTH);
        size = FortranEFormat.put(bytes, size, v);
        return this;
    }

    /**
     * Appends {@code v} as the shortest decimal that reads back to it, in the notation of {@link Double#toString}
     * (Schubfach: Giulietti R. The Schubfach way to render doubles, 2020, as jackson-core ships it). JDK 17's own
     * {@code Double.toString} is about twice as slow and not always the shortest (JDK-4511638); both read back to
     * the same double.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, as wanted
    TextBytes shortest(double v) {
        String d = com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(v);
        int n = d.length();
        room(n);
        d.getBytes(0, n, bytes, size); // ASCII only: digits, '.', '-', 'E'
        size += n;
        return this;
    }

    /**
     * {@code values} as a JSON array in the layout of Jackson's default pretty printer ({@code [ a, b, c ]}, or
     * {@code [ ]} when empty), each number by {@link #shortest}: for a writer to hand to Jackson as a raw value.
     */
    static String jsonArray(double[] values) {
        if (values.length == 0) {
            return "[ ]";
        }
        TextBytes out = new TextBytes(4 + values.length * 22);
        out.ascii('[').ascii(' ');
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                out.ascii(',').ascii(' ');
            }
            if (!Double.isFinite(values[k])) {
                // A basis FID is finite by construction; JSON has no literal for anything else.
                throw new IllegalStateException("not a finite number at index " + k + ": " + values[k]);
            }
            out.shortest(values[k]);
        }
        out.ascii(' ').ascii(']');
        return new String(out.bytes, 0, out.size, StandardCharsets.ISO_8859_1);
    }

    /** The bytes of {@code parts}, each made here in turn, one after the other. */
    static byte[] join(java.util.List<Staged.Content> parts) {
        java.util.List<byte[]> made = new java.util.ArrayList<>(parts.size());
        int size = 0;
        for (Staged.Content c : parts) {
            byte[] b = c.make();
            made.add(b);
            size += b.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] b : made) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    /** The bytes appended so far. */
    byte[] toByteArray() {
        return size == bytes.length ? bytes.clone() : Arrays.copyOf(bytes, size);
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
