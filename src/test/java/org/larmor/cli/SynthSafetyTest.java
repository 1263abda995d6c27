package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue items 2 and 9 (second bullet): synth --overwrite removes only Larmor's files; a too-large count is refused. */
class SynthSafetyTest {
    private static Path scenario(Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "basis:\n  sequence: " + Path.of("sequences/press-te30-3t.yaml").toAbsolutePath()
                + "\n  points: 512\nconcentrations_mm: {NAA: 10, Cr: 6}\nnoise: {snr: 40}\n");
        return f;
    }

    @Test
    void overwriteWithoutADatasetKeepsTheUsersFiles(@TempDir Path tmp) throws Exception {
        Path s = scenario(tmp);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("spectra_00000.npy"), "my own array");
        SynthCommandTest.Run r = SynthCommandTest.synth("--scenario", s.toString(), "--count", "4", "--seed", "1",
                "--out", out.toString(), "--overwrite", "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("spectra_00000.npy") && r.err().contains("no Larmor dataset"), r.err());
        assertEquals("my own array", Files.readString(out.resolve("spectra_00000.npy")));
        try (Stream<Path> l = Files.list(out)) {
            assertEquals(1, l.count(), "nothing written");
        }
    }

    @Test
    void overwriteRemovesOnlyWhatTheManifestSaysLarmorWrote(@TempDir Path tmp) throws Exception {
        Path s = scenario(tmp);
        Path out = tmp.resolve("out");
        SynthCommandTest.Run a = SynthCommandTest.synth("--scenario", s.toString(), "--count", "30", "--seed", "1",
                "--chunk-size", "10", "--out", out.toString(), "-q");
        assertEquals(0, a.code(), a.err());
        // A file with a dataset's name that this dataset does not have: the user's.
        Files.writeString(out.resolve("spectra_00007.npy"), "mine");
        Files.writeString(out.resolve("notes.txt"), "mine");
        SynthCommandTest.Run b = SynthCommandTest.synth("--scenario", s.toString(), "--count", "5", "--seed", "2",
                "--out", out.toString(), "--overwrite", "-q");
        assertEquals(0, b.code(), b.err());
        assertFalse(Files.exists(out.resolve("spectra_00002.npy")), "the old dataset's chunk is gone");
        assertTrue(Files.exists(out.resolve("spectra_00000.npy")));
        assertEquals("mine", Files.readString(out.resolve("spectra_00007.npy")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void countBeyondTheFreeSpaceIsRefusedBeforeWriting(@TempDir Path tmp) throws Exception {
        Path s = scenario(tmp);
        Path out = tmp.resolve("out");
        SynthCommandTest.Run r = SynthCommandTest.synth("--scenario", s.toString(), "--count", "2147483648",
                "--seed", "1", "--out", out.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("needs about") && r.err().contains("free"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
