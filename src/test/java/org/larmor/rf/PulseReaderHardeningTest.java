package org.larmor.rf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.larmor.input.InputException;

/** Hostile input to the pulse readers: byte-order marks, devices, huge files, other files' content, long lines. */
class PulseReaderHardeningTest {
    @TempDir
    Path dir;

    private static final String PTA = "PULSENAME: test.sinc\nCOMMENT: a test\nREFGRAD: 1.0\nMINSLICE: 1.0\n"
            + "MAXSLICE: 100.0\n\n"
            + "0.5 0.0 ; (0)\n1.0 0.0 ; (1)\n0.5 0.0 ; (2)\n";

    @Test
    void aUtf8ByteOrderMarkIsIgnoredByEveryReader() throws IOException {
        Path plain = dir.resolve("p.pta");
        Files.writeString(plain, PTA);
        Path bom = dir.resolve("b.pta");
        Files.write(bom, ("\uFEFF" + PTA).getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(PulseFiles.read(plain).amplitude(), PulseFiles.read(bom).amplitude());
        Path txt = dir.resolve("b.txt");
        Files.write(txt, "\uFEFF0.5 0\n1 0\n0.5 0\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, PulseFiles.read(txt).amplitude().length);
        assertEquals(PulseFiles.Format.SIEMENS_PTA, PulseFiles.detect("x", "\uFEFF" + PTA));
    }

    @Test
    void utf16IsNamed() throws IOException {
        Path f = dir.resolve("u.pta");
        Files.write(f, PTA.getBytes(StandardCharsets.UTF_16));
        InputException e = assertThrows(InputException.class, () -> PulseFiles.read(f));
        assertTrue(e.getMessage().contains("not UTF-8 text (it looks like UTF-16)"), e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void devicesFoldersAndHugeFilesAreRefusedBeforeReading() throws IOException {
        if (Files.exists(Path.of("/dev/urandom"))) {
            InputException e = assertThrows(InputException.class, () -> PulseFiles.read(Path.of("/dev/urandom")));
            assertEquals("/dev/urandom: not a regular file (a device, pipe or socket), expected a pulse file",
                    e.getMessage());
        }
        assertEquals(dir + ": is a folder, expected a pulse file",
                assertThrows(InputException.class, () -> PulseFiles.read(dir)).getMessage());
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((64L << 20) + 1);
        }
        assertTrue(assertThrows(InputException.class, () -> PulseFiles.read(big)).getMessage()
                .contains("too large for a pulse file"));
    }

    @Test
    void anotherKindOfFileIsNotQuoted() throws IOException {
        String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n";
        Path f = dir.resolve("passwd");
        Files.writeString(f, passwd);
        InputException e = assertThrows(InputException.class, () -> PulseFiles.read(f));
        assertFalse(e.getMessage().contains("nologin"), e.getMessage());
        assertTrue(e.getMessage().contains("not a Siemens .pta file"), e.getMessage());
        InputException b = assertThrows(InputException.class, () -> PulseFiles.parse("x.exc", passwd,
                PulseFiles.Format.BRUKER_JCAMP));
        assertFalse(b.getMessage().contains("root"), b.getMessage());
    }

    @Test
    void quotedTokensAreShortPrintableExcerpts() {
        String token = "secret\u0007".repeat(200);
        InputException e = assertThrows(InputException.class, () -> PulseFiles.parse("x.txt", token + " 0\n",
                PulseFiles.Format.PLAIN_TEXT));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("\\u0007"), e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFourMegabyteOneLineFileIsRefusedQuickly() {
        String digits = "1".repeat(4 << 20) + "x 0\n";
        assertThrows(InputException.class, () -> PulseFiles.parse("x.txt", digits, PulseFiles.Format.PLAIN_TEXT));
        String header = "A" + " ".repeat(4 << 20) + "x\n";
        assertThrows(InputException.class, () -> PulseFiles.parse("x.pta", header, PulseFiles.Format.SIEMENS_PTA));
    }

    @Test
    void ptaHeaderLinesAreSplitAsBefore() {
        assertArrayEquals(new String[] {"PULSENAME", " a: b"}, SiemensPtaReader.header("  PULSENAME \t:  a: b"));
        assertArrayEquals(new String[] {"MAX SLICE.x-1", ""}, SiemensPtaReader.header("MAX SLICE.x-1:"));
        assertEquals(null, SiemensPtaReader.header("1abc: x"));
        assertEquals(null, SiemensPtaReader.header("ab/c: x"));
        assertEquals(null, SiemensPtaReader.header("no colon"));
    }
}
