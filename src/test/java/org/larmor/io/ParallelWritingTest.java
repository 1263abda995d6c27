package org.larmor.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files made on several threads are recorded in the order the formats list them, and fail as they would alone. */
class ParallelWritingTest {
    /**
     * Each content waits until the one listed after it is made, so the files finish in reverse order: the record
     * must still follow the listing, not the finishing order.
     */
    @Test
    void filesAreRecordedInTheOrderListedWhateverOrderTheyFinishIn(@TempDir Path dir) throws IOException {
        int n = 4;
        List<CountDownLatch> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(new CountDownLatch(1));
        }
        List<StagingDirectory.Pending> pending = new ArrayList<>();
        List<String> afterEach = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            pending.add(new StagingDirectory.Pending("f/" + k + ".txt", () -> {
                if (k + 1 < n) {
                    await(made.get(k + 1));
                }
                made.get(k).countDown();
                return ("file " + k).getBytes(StandardCharsets.UTF_8);
            }));
        }
        try (StagingDirectory out = StagingDirectory.create(dir.resolve("out"))) {
            // A thread for each content and for each file's writing task: every content can wait for the next.
            out.writeAll(pending, 2 * n, afterEach::add);
            List<String> recorded = out.files().stream().map(StagingDirectory.WrittenFile::path).toList();
            assertEquals(List.of("f/0.txt", "f/1.txt", "f/2.txt", "f/3.txt"), recorded);
            assertEquals(recorded, afterEach);
            out.commit();
        }
        assertEquals("file 2", Files.readString(dir.resolve("out/f/2.txt")));
    }

    /** A file handed over in parts is their bytes in order, and its size and SHA-256 are those of the whole. */
    @Test
    void aFileInPartsIsThePartsOneAfterTheOther(@TempDir Path dir) throws IOException {
        List<StagingDirectory.Pending> pending = List.of(
                new StagingDirectory.Pending("whole.txt", List.of(() -> "ab".getBytes(StandardCharsets.UTF_8),
                        () -> new byte[0], () -> "cdé\n".getBytes(StandardCharsets.UTF_8))),
                new StagingDirectory.Pending("one.txt", () -> "x".getBytes(StandardCharsets.UTF_8)));
        byte[] whole = "abcdé\n".getBytes(StandardCharsets.UTF_8);
        try (StagingDirectory out = StagingDirectory.create(dir.resolve("out"))) {
            out.writeAll(pending, 3, path -> { });
            assertEquals(new StagingDirectory.WrittenFile("whole.txt", whole.length,
                    org.larmor.input.Sha256.hex(whole)), out.files().get(0));
            out.commit();
        }
        assertArrayEquals(whole, Files.readAllBytes(dir.resolve("out/whole.txt")));
    }

    @Test
    void aFailingContentIsThrownAsItWasAndLeavesNothing(@TempDir Path dir) {
        IllegalStateException failure = new IllegalStateException("writer failed");
        List<StagingDirectory.Pending> pending = List.of(
                new StagingDirectory.Pending("a.txt", () -> new byte[] {1}),
                new StagingDirectory.Pending("b.txt", () -> {
                    throw failure;
                }),
                new StagingDirectory.Pending("c.txt", () -> new byte[] {3}));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (StagingDirectory out = StagingDirectory.create(dir.resolve("out"))) {
                out.writeAll(pending, 3, path -> { });
            }
        });
        assertSame(failure, thrown, "the content's own exception, not a wrapper");
        assertFalse(Files.exists(dir.resolve("out")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "staging folder removed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The same basis set written on one thread and on eight gives the same files, byte for byte, in the same order. */
    @Test
    void oneThreadAndManyWriteTheSameBytes(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.mega();
        List<StagingDirectory.Pending> pending = new ArrayList<>();
        for (Format f : EnumSet.allOf(Format.class)) {
            f.format().write(set, (path, content) -> pending.add(new StagingDirectory.Pending(path, content)));
        }
        List<StagingDirectory.WrittenFile> one;
        List<StagingDirectory.WrittenFile> many;
        try (StagingDirectory out = StagingDirectory.create(dir.resolve("one"))) {
            out.writeAll(pending, 1, path -> { });
            one = out.files();
            out.commit();
        }
        try (StagingDirectory out = StagingDirectory.create(dir.resolve("many"))) {
            out.writeAll(pending, 8, path -> { });
            many = out.files();
            out.commit();
        }
        assertTrue(one.size() > 8, "the fixture writes many files");
        assertEquals(one, many);
        for (StagingDirectory.WrittenFile f : one) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(f.path())),
                    Files.readAllBytes(dir.resolve("many").resolve(f.path())), f.path());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the next file was never made: too few threads");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
