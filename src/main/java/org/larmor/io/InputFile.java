package org.larmor.io;

import org.larmor.input.InputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading a file for a reader, every failure as an {@link InputException} that names the file. */
final class InputFile {
    private InputFile() {
    }

    /** The bytes of the file, decompressed if it is gzip (recognised by its magic bytes, not its name). */
    static byte[] bytes(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InputException.of(file.toString(), "file not found");
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read file: " + e.getMessage());
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw InputException.of(file.toString(), "corrupt or truncated gzip data: " + e.getMessage());
            }
        }
        return raw;
    }

    /** The file as text: UTF-8, or ISO-8859-1 if it is not valid UTF-8 (older tools write Latin-1 comments). */
    static String text(Path file) {
        byte[] b = bytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
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
