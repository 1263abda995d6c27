package org.larmor.rf;

import java.nio.file.Path;
import java.util.Locale;
import org.larmor.input.InputFiles;

/**
 * Reads an RF pulse file of any supported format, chosen by extension and, failing that, by content. See
 * docs/rf-pulses.md for the formats.
 */
public final class PulseFiles {
    /** The supported pulse-file formats. */
    public enum Format {
        /** Siemens {@code .pta}: {@link SiemensPtaReader}. */
        SIEMENS_PTA,
        /** Varian/Agilent {@code .RF}: {@link VarianRfReader}. */
        VARIAN_RF,
        /** Bruker JCAMP-DX shape ({@code .exc}, {@code .rfc}, {@code .inv}): {@link BrukerShapeReader}. */
        BRUKER_JCAMP,
        /** Plain columns: {@link PlainTextPulseReader}. */
        PLAIN_TEXT
    }

    private PulseFiles() {
    }

    /** Reads the file in the format {@link #detect} picks. */
    public static PulseShape read(Path file) {
        String text = readText(file);
        return parse(file.toString(), text, detect(file.getFileName() == null ? "" : file.getFileName().toString(), text));
    }

    /** Reads the file in the given format. */
    public static PulseShape read(Path file, Format format) {
        return parse(file.toString(), readText(file), format);
    }

    /** Parses text in the given format; {@code source} names it in messages. */
    public static PulseShape parse(String source, String text, Format format) {
        text = InputFiles.stripBom(text);
        return switch (format) {
            case SIEMENS_PTA -> SiemensPtaReader.parse(source, text);
            case VARIAN_RF -> VarianRfReader.parse(source, text);
            case BRUKER_JCAMP -> BrukerShapeReader.parse(source, text);
            case PLAIN_TEXT -> PlainTextPulseReader.parse(source, text);
        };
    }

    /**
     * The format of a file: by extension ({@code .pta}; {@code .rf}; {@code .exc}, {@code .rfc}, {@code .inv}),
     * otherwise by its first non-blank line: {@code ##} → Bruker JCAMP-DX, {@code KEY: value} → Siemens .pta,
     * anything else → plain text.
     */
    public static Format detect(String fileName, String text) {
        text = InputFiles.stripBom(text);
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        switch (ext) {
            case "pta":
                return Format.SIEMENS_PTA;
            case "rf":
                return Format.VARIAN_RF;
            case "exc", "rfc", "inv":
                return Format.BRUKER_JCAMP;
            default:
                break;
        }
        for (String line : PulseText.lines(text)) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("##")) {
                return Format.BRUKER_JCAMP;
            }
            if (s.matches("[A-Za-z][A-Za-z0-9_]*\\s*:.*")) {
                return Format.SIEMENS_PTA;
            }
            return Format.PLAIN_TEXT;
        }
        return Format.PLAIN_TEXT;
    }

    private static String readText(Path file) {
        // UTF-8, or ISO-8859-1 (which decodes any byte) otherwise: the formats are ASCII, and a stray byte should
        // give a located format error, not a charset exception. A leading byte-order mark is dropped.
        return InputFiles.utf8OrLatin1(file.toString(), InputFiles.bytes(file, InputFiles.Kind.PULSE));
    }
}
