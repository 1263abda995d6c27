package org.larmor.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A text file built as its UTF-8 bytes: headers appended as strings, numbers written as ASCII straight into the
 * buffer. A basis file is mostly numbers, and building it as a String first cost two more copies of the whole file
 * (the String, then its UTF-8 encoding) and, as soon as a header held one non-Latin-1 character (a citation's
 * "ö", the "·" of a formula), a UTF-16 String of twice the size and a slow encoding pass. The basis writers and the
 * synthesiser's truth tables both build their text here.
 */
public final class TextBytes {
    /** Bytes per write in {@link #write(Path)}. */
    private static final int WRITE_SLICE = 1 << 16;

    private byte[] bytes;
    private int size;

    /** @param capacity expected size in bytes (the buffer grows if needed) */
    public TextBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code text} in UTF-8. */
    public TextBytes text(CharSequence text) {
        return bytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends bytes already encoded (text encoded once and appended many times). */
    public TextBytes bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** Appends one ASCII character. */
    public TextBytes ascii(char c) {
        room(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends ASCII text, a byte per character. */
    public TextBytes ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends bytes [from, other.size()) of another buffer: text written once and wanted twice. */
    public TextBytes copy(TextBytes other, int from) {
        int len = other.size - from;
        room(len);
        System.arraycopy(other.bytes, from, bytes, size, len);
        size += len;
        return this;
    }

    /** Appends a long in decimal, as {@link Long#toString(long)}. */
    public TextBytes decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        room(20);
        if (v < 0) {
            bytes[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
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
    public TextBytes shortest(double v) {
        return shortest(v, 'E');
    }

    /** As {@link #shortest(double)}, with {@code exponent} for the letter before the exponent (CSV and JSON: 'e'). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, as wanted
    public TextBytes shortest(double v, char exponent) {
        String d = com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(v);
        int n = d.length();
        room(n);
        d.getBytes(0, n, bytes, size); // ASCII only: digits, '.', '-', 'E'
        if (exponent != 'E') {
            for (int i = size + n - 1; i > size; i--) {
                if (bytes[i] == 'E') {
                    bytes[i] = (byte) exponent;
                    break;
                }
            }
        }
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

    /** Bytes appended so far. */
    public int size() {
        return size;
    }

    /**
     * Writes the bytes to {@code file}, in slices: the channel copies a heap array through a temporary direct buffer
     * of the size of each write, and one of a whole table (megabytes) was mapped and freed again per file.
     */
    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int at = 0; at < size; at += WRITE_SLICE) {
                out.write(bytes, at, Math.min(WRITE_SLICE, size - at));
            }
        }
    }

    /** The bytes appended so far. */
    public byte[] toByteArray() {
        return size == bytes.length ? bytes.clone() : Arrays.copyOf(bytes, size);
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
