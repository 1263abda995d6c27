package org.larmor.scan;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading the header part of a scan file without reading its data: bounded reads, every failure an InputException. */
final class ScanFiles {
    /** Most bytes any header reader takes from a file (multi-GB raw files hold their header in the first MBs). */
    static final int MAX_HEADER_BYTES = 64 << 20;

    private ScanFiles() {
    }

    /** Checks the file is a regular, readable file; returns its size. */
    static long check(Path file) {
        return InputFiles.check(file, InputFiles.Kind.SCAN);
    }

    /** Up to {@code max} bytes from byte {@code offset} (fewer if the file ends first). */
    static byte[] read(Path file, long offset, int max) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (offset >= size) {
                return new byte[0];
            }
            int n = (int) Math.min(max, size - offset);
            ByteBuffer b = ByteBuffer.allocate(n);
            ch.position(offset);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // keep reading
            }
            return b.position() == n ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read file: " + e.getMessage());
        }
    }

    /** True if the file starts with the gzip magic bytes. */
    static boolean gzip(Path file) {
        byte[] b = read(file, 0, 2);
        return b.length == 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** Up to {@code max} bytes from the start of the file, decompressed if it is gzip. */
    static byte[] start(Path file, int max) {
        if (!gzip(file)) {
            return read(file, 0, max);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw InputException.of(file.toString(), "corrupt or truncated gzip data: " + e.getMessage());
        }
    }
}
