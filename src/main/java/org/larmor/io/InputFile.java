package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Reading a file for a reader, every failure as an {@link InputException} that names the file. */
final class InputFile {
    /** How many bytes {@link #start} gives: enough for a NIfTI header and the comment lines of text formats. */
    static final int HEAD_BYTES = 8192;
    private static final Pattern REFERENCE = Pattern.compile("reference:?\\s*([-+]?[0-9]+(?:\\.[0-9]*)?)\\s*ppm");

    private InputFile() {
    }

    /** The first {@link #HEAD_BYTES} bytes of a file, decompressed if gzip; empty if it cannot be read. */
    static byte[] start(Path file) {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(HEAD_BYTES);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    return in.readNBytes(HEAD_BYTES);
                }
            }
            return head;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** {@link #start} as ISO-8859-1 text: where text formats keep their free-form comments. */
    static String head(Path file) {
        return new String(start(file), StandardCharsets.ISO_8859_1);
    }

    /** {@code head} up to its first {@code $} (the first namelist group), or all of it. */
    static String beforeNamelist(String head) {
        int dollar = head.indexOf('$');
        return dollar >= 0 ? head.substring(0, dollar) : head;
    }

    /** "reference 4.65 ppm" in a file's comment lines (Larmor writes it in LCModel and jMRUI files), else NaN. */
    static double commentReference(String head) {
        Matcher m = REFERENCE.matcher(beforeNamelist(head));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** True if {@code b} holds the ASCII text {@code s} at {@code at}. */
    static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON node's text, or null if it is not a non-blank string. */
    static String jsonText(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    /** The bytes of the file, decompressed if it is gzip (recognised by its magic bytes, not its name). */
    static byte[] bytes(Path file) {
        byte[] raw = InputFiles.bytes(file, InputFiles.Kind.BASIS);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            long max = InputFiles.Kind.BASIS.maxBytes();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                byte[] out = in.readNBytes((int) max);
                if (in.read() >= 0) {
                    throw InputException.of(file.toString(), "too large for a basis or spectrum file: more than "
                            + max + " bytes after gzip decompression");
                }
                return out;
            } catch (IOException e) {
                throw InputException.of(file.toString(), "corrupt or truncated gzip data: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                throw InputException.of(file.toString(), "too large to decompress into memory; give Java more"
                        + " memory (LARMOR_JAVA_OPTS=-Xmx8g)");
            }
        }
        return raw;
    }

    /** The file as text: UTF-8, or ISO-8859-1 if it is not valid UTF-8 (older tools write Latin-1 comments). */
    static String text(Path file) {
        return InputFiles.utf8OrLatin1(file.toString(), bytes(file));
    }

    /** The file name without its directory and without the given extensions (case-insensitive). */
    static String stem(Path file, String... extensions) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String ext : extensions) {
            if (lower.endsWith(ext.toLowerCase(java.util.Locale.ROOT))) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
