package org.larmor.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one place where an input file is opened: checks that it is a regular file of a sane size for its kind before
 * reading it (so that {@code /dev/zero}, a folder or a huge file gives an {@link InputException}, not an
 * OutOfMemoryError), decodes text as UTF-8 with a clear message when it is not, and quotes file content in messages
 * only as a short, printable excerpt.
 */
public final class InputFiles {
    /** Longest excerpt of file content that a message quotes. */
    public static final int EXCERPT = 60;

    /** What a file is for, its name in messages and the largest size accepted. */
    public enum Kind {
        YAML("YAML", 16L << 20),
        PULSE("pulse", 64L << 20),
        TSV("BIDS events", 16L << 20),
        BASIS("basis or spectrum", Integer.MAX_VALUE - 16L),
        /** A text table of numbers, such as FSL's bvals and bvecs files. */
        TABLE("gradient table", 16L << 20),
        /** A scan (raw data with its header): any size, since only its header is read. */
        SCAN("scan", Long.MAX_VALUE);

        private final String label;
        private final long maxBytes;

        Kind(String label, long maxBytes) {
            this.label = label;
            this.maxBytes = maxBytes;
        }

        public String label() {
            return label;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private InputFiles() {
    }

    /**
     * Checks that {@code file} exists, is a regular file (not a folder, device or pipe) and is at most the size
     * limit of its kind; returns its size.
     */
    public static long check(Path file, Kind kind) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw InputException.of(file.toString(), "file not found");
        } catch (AccessDeniedException e) {
            throw InputException.of(file.toString(), "cannot read file: permission denied");
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read file: " + e.getMessage());
        }
        if (a.isDirectory()) {
            throw InputException.of(file.toString(), "is a folder, expected a " + kind.label + " file");
        }
        if (!a.isRegularFile()) {
            throw InputException.of(file.toString(), "not a regular file (a device, pipe or socket), expected a "
                    + kind.label + " file");
        }
        if (a.size() > kind.maxBytes) {
            throw tooLarge(file.toString(), a.size(), kind);
        }
        return a.size();
    }

    /** The bytes of a file, after {@link #check}. */
    public static byte[] bytes(Path file, Kind kind) {
        check(file, kind);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(kind.maxBytes + 1, Integer.MAX_VALUE - 16L));
            if (b.length > kind.maxBytes) {
                throw tooLarge(file.toString(), b.length, kind);
            }
            return b;
        } catch (NoSuchFileException e) {
            throw InputException.of(file.toString(), "file not found");
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read file: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw InputException.of(file.toString(), "too large to read into memory; give Java more memory"
                    + " (LARMOR_JAVA_OPTS=-Xmx8g)");
        }
    }

    /** The file as UTF-8 text (see {@link #utf8}), after {@link #check}. */
    public static String text(Path file, Kind kind) {
        return utf8(file.toString(), bytes(file, kind));
    }

    /**
     * Bytes as text for formats that may carry Latin-1 comments: UTF-8 if valid, else ISO-8859-1; without a leading
     * byte-order mark; an error if the bytes look like UTF-16.
     */
    public static String utf8OrLatin1(String source, byte[] b) {
        if (looksUtf16(b)) {
            throw InputException.of(source, "not UTF-8 text (it looks like UTF-16); save it as UTF-8");
        }
        int start = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        java.nio.charset.Charset cs = firstInvalidUtf8(b, start) < 0 ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.StandardCharsets.ISO_8859_1;
        return new String(b, start, b.length - start, cs);
    }

    static InputException tooLarge(String source, long size, Kind kind) {
        return InputException.of(source, "too large for a " + kind.label + " file: " + size + " bytes (at most "
                + kind.maxBytes + ")");
    }

    /**
     * Bytes as UTF-8 text without a leading byte-order mark; an error naming the encoding when they are not UTF-8
     * ("it looks like UTF-16", "has a byte 0xE9 at offset 12").
     */
    public static String utf8(String source, byte[] b) {
        int start = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            start = 3;
        }
        if (looksUtf16(b)) {
            throw InputException.of(source, "not UTF-8 text (it looks like UTF-16); save it as UTF-8");
        }
        int bad = firstInvalidUtf8(b, start);
        if (bad >= 0) {
            throw InputException.of(source, String.format(Locale.ROOT, "not UTF-8 text (it has a byte 0x%02X at offset"
                    + " %d%s); save it as UTF-8", b[bad] & 0xff, bad, (b[bad] & 0xff) >= 0xA0 ? ", as Latin-1 text"
                    + " would" : ""));
        }
        return new String(b, start, b.length - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Text without a leading byte-order mark (U+FEFF), for text that was decoded elsewhere. */
    public static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** UTF-16 by its byte-order mark, or by NUL bytes in alternate positions of the first bytes. */
    static boolean looksUtf16(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE
                || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) {
            return true;
        }
        int n = Math.min(b.length, 64) & ~1;
        if (n < 4) {
            return false;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int k = 0; k < n; k += 2) {
            evenZero += b[k] == 0 ? 1 : 0;
            oddZero += b[k + 1] == 0 ? 1 : 0;
        }
        int half = n / 2;
        return evenZero * 4 >= half * 3 && oddZero == 0 || oddZero * 4 >= half * 3 && evenZero == 0;
    }

    /** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
    static int firstInvalidUtf8(byte[] b, int from) {
        int i = from;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + len > n) {
                return i;
            }
            int cp = c & (0xff >> (len + 1));
            for (int k = 1; k < len; k++) {
                int d = b[i + k] & 0xff;
                if ((d & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (d & 0x3f);
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /**
     * A parser's message (Jackson's, SnakeYAML's) made safe to show: its first line, at most 120 characters,
     * non-printable characters escaped, since such messages may quote the file.
     */
    public static String parserMessage(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        String q = quote(first.length() > 120 ? first.substring(0, 120) : first, 120);
        q = q.substring(1, q.length() - 1);
        return first.length() > 120 ? q + "…" : q;
    }

    /** {@link #quote(String, int)} with at most {@link #EXCERPT} characters. */
    public static String quote(String s) {
        return quote(s, EXCERPT);
    }

    /**
     * A short printable excerpt of file content, quoted: at most {@link #EXCERPT} characters, control and other
     * non-printable characters escaped ({@code \n}, {@code \u0000}), "…" when cut.
     */
    public static String quote(String s, int max) {
        if (s == null) {
            return "nothing";
        }
        StringBuilder sb = new StringBuilder("\"");
        int shown = 0;
        int k = 0;
        for (; k < s.length() && shown < max; k++, shown++) {
            char c = s.charAt(k);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isISOControl(c) || Character.isSurrogate(c)
                            || !Character.isDefined(c) || c == '\uFEFF' || c == '\uFFFD') {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (k < s.length()) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }
}
