package org.larmor.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue item 3: staging folders left by a killed run are removed by a later one; a live run's never. */
class StagingDirectoryStaleTest {
    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** A staging folder as a run of process {@code pid} started at {@code start} names it, with files in it. */
    private static Path staging(Path parent, String out, long pid, long start) throws Exception {
        Path p = parent.resolve("." + out + ".larmor-tmp-" + pid + "-" + start + "-12345");
        Files.createDirectories(p.resolve("lcmodel/raw"));
        Files.writeString(p.resolve("lcmodel/raw/NAA.RAW"), "x");
        return p;
    }

    @Test
    void stagingFolderRecordsItsOwner(@TempDir Path dir) throws Exception {
        try (StagingDirectory s = StagingDirectory.create(dir.resolve("out"))) {
            String n = s.stagingPath().getFileName().toString();
            ProcessHandle me = ProcessHandle.current();
            assertTrue(n.startsWith(".out.larmor-tmp-" + me.pid() + "-" + startMillis(me) + "-"), n);
        }
    }

    @Test
    void killedRunsStagingIsRemovedLiveOnesAreKept(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        long goneStart = startMillis(gone.toHandle());
        gone.waitFor();
        while (ProcessHandle.of(gone.pid()).isPresent()) {
            Thread.sleep(10);
        }
        ProcessHandle me = ProcessHandle.current();
        Path dead = staging(dir, "out", gone.pid(), goneStart);
        Path reused = staging(dir, "other", me.pid(), startMillis(me) - 5000); // our pid, another start: reused id
        Path live = staging(dir, "out", me.pid(), startMillis(me));
        Path oldUnowned = dir.resolve(".out.larmor-tmp-987654321");
        Files.createDirectories(oldUnowned);
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(StagingDirectory.UNOWNED_MAX_AGE)
                .minusSeconds(60)));
        Path newUnowned = dir.resolve(".out.larmor-tmp-123456789");
        Files.createDirectories(newUnowned);
        Path user = dir.resolve(".mine");
        Files.createDirectories(user);

        try (StagingDirectory s = StagingDirectory.create(dir.resolve("out"))) {
            s.write("a.txt", new byte[] {1});
            s.commit();
        }
        assertFalse(Files.exists(dead), "owner process gone");
        assertFalse(Files.exists(reused), "process id reused by a process started at another instant");
        assertFalse(Files.exists(oldUnowned), "older Larmor's staging folder, untouched for a day");
        assertTrue(Files.exists(live.resolve("lcmodel/raw/NAA.RAW")), "a live run's staging folder is never touched");
        assertTrue(Files.exists(newUnowned), "an unowned recent one might be live");
        assertTrue(Files.exists(user));
        try (Stream<Path> s = Files.list(dir)) {
            // Sorted on both sides: the live folder's name holds this process's id, which may sort anywhere.
            assertEquals(java.util.stream.Stream.of(".mine", ".out.larmor-tmp-123456789", live.getFileName().toString(),
                    "out").sorted().toList(), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void ownerAliveChecksPidAndStart() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        assertTrue(StagingDirectory.ownerAlive(me.pid(), startMillis(me)));
        assertTrue(StagingDirectory.ownerAlive(me.pid(), 0));
        if (startMillis(me) != 0) {
            assertFalse(StagingDirectory.ownerAlive(me.pid(), startMillis(me) + 1000));
        }
    }

    @Test
    void anExitedButUnreapedOwnerCountsAsGone(@TempDir Path dir) throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return; // Linux only
        }
        // A child that exits while its parent (a shell sleeping) does not reap it: a zombie.
        Process sh = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 5").start();
        try {
            ProcessHandle child = null;
            for (int i = 0; i < 200 && child == null; i++) {
                child = sh.toHandle().children().findFirst().orElse(null);
                Thread.sleep(10);
            }
            if (child == null) {
                return; // the child was reaped before it could be seen
            }
            long pid = child.pid();
            for (int i = 0; i < 200 && !StagingDirectory.exited(pid); i++) {
                Thread.sleep(10);
            }
            assertTrue(StagingDirectory.exited(pid), "zombie " + pid);
            assertFalse(StagingDirectory.ownerAlive(pid, 0), "ProcessHandle says alive, but it has exited");
        } finally {
            sh.destroyForcibly();
        }
    }
}
