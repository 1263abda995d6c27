package org.larmor.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input to the YAML layer: non-finite numbers, devices, folders, huge files, encodings, long lines. */
class InputHardeningTest {
    @TempDir
    Path dir;

    private static YamlMap yaml(String text) {
        return YamlReader.read("s.yaml", text).asMap();
    }

    @ParameterizedTest
    @ValueSource(strings = {".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})
    void infinityAndNanInNumericFieldsAreLocatedErrors(String v) {
        YamlMap m = yaml("name: x\nte_ms: " + v + "\n");
        InputException e = assertThrows(InputException.class, () -> m.number("te_ms", 0, 1000, "ms"));
        assertEquals("s.yaml:2:8: field 'te_ms': expected a finite number, got " + v, e.getMessage());
        assertThrows(InputException.class, () -> m.milli("te_ms", 0, 1000, "ms"));
        assertThrows(InputException.class, () -> m.integer("te_ms", 0, 1000));
        InputException p = assertThrows(InputException.class, m::toPlain);
        assertTrue(p.getMessage().contains("te_ms"), p.getMessage());
    }

    @Test
    void nonDecimalNumberFormsAreLocatedErrors() {
        YamlMap m = yaml("n: 0x1F\n");
        InputException e = assertThrows(InputException.class, () -> m.integer("n", 0, 100));
        assertTrue(e.getMessage().startsWith("s.yaml:1:4: field 'n': expected a number in decimal notation"),
                e.getMessage());
    }

    @Test
    void milliOfNonDecimalTextIsNotANumberFormatException() {
        assertThrows(IllegalArgumentException.class, () -> Units.milli(".inf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.milli(".inf"));
        assertFalse(e instanceof NumberFormatException);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void devicesAreRefusedBeforeReading() {
        for (String dev : new String[] {"/dev/zero", "/dev/urandom"}) {
            if (Files.exists(Path.of(dev))) {
                InputException e = assertThrows(InputException.class, () -> YamlReader.text(Path.of(dev)));
                assertEquals(dev + ": not a regular file (a device, pipe or socket), expected a YAML file",
                        e.getMessage());
            }
        }
    }

    @Test
    void foldersAreRefusedAsSuch() {
        InputException e = assertThrows(InputException.class, () -> YamlReader.read(dir));
        assertEquals(dir + ": is a folder, expected a YAML file", e.getMessage());
    }

    @Test
    void hugeFilesAreRefusedBySize() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputFiles.Kind.YAML.maxBytes() + 1); // sparse: costs no disk
        }
        InputException e = assertThrows(InputException.class, () -> YamlReader.text(big));
        assertTrue(e.getMessage().startsWith(big + ": too large for a YAML file: " + (InputFiles.Kind.YAML.maxBytes()
                + 1) + " bytes"), e.getMessage());
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() throws IOException {
        Path f = dir.resolve("bom.yaml");
        Files.write(f, ("\uFEFFname: x\nn: 3\n").getBytes(StandardCharsets.UTF_8));
        YamlMap m = YamlReader.read(f).asMap();
        assertEquals("x", m.string("name"));
        assertEquals(3, m.integer("n", 0, 10));
    }

    @Test
    void utf16IsNamed() throws IOException {
        Path f = dir.resolve("u16.yaml");
        Files.write(f, "name: x\nn: 3\n".getBytes(StandardCharsets.UTF_16));
        InputException e = assertThrows(InputException.class, () -> YamlReader.read(f));
        assertEquals(f + ": not UTF-8 text (it looks like UTF-16); save it as UTF-8", e.getMessage());
        Files.write(f, "name: x\n".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(assertThrows(InputException.class, () -> YamlReader.read(f)).getMessage()
                .contains("looks like UTF-16"));
    }

    @Test
    void latin1IsNamedWithTheOffendingByte() throws IOException {
        Path f = dir.resolve("l1.yaml");
        Files.write(f, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        InputException e = assertThrows(InputException.class, () -> YamlReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not UTF-8 text (it has a byte 0xE9 at offset 9"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("save it as UTF-8"), e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFourMegabyteOneLineFileIsRefusedQuickly() throws IOException {
        Path f = dir.resolve("one-line.yaml");
        Files.writeString(f, "a: " + "1".repeat(4 << 20) + "x");
        InputException e = assertThrows(InputException.class, () -> YamlReader.read(f));
        assertTrue(e.getMessage().contains("line 1 is longer than"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAMapIsNotQuoted() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                .repeat(30);
        InputException e = assertThrows(InputException.class, () -> yaml(passwd));
        assertFalse(e.getMessage().contains("root"), e.getMessage());
        assertTrue(e.getMessage().contains("not a Larmor YAML file"), e.getMessage());
    }

    @Test
    void quotedValuesAreShortPrintableExcerpts() {
        String secret = "s3cr3t\u0001".repeat(300);
        YamlMap m = yaml("n: \"" + secret.replace("\u0001", "\\x01") + "\"\n");
        InputException e = assertThrows(InputException.class, () -> m.integer("n", 0, 10));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("\\u0001"), e.getMessage());
        assertTrue(e.getMessage().contains("…"), e.getMessage());
    }
}
