package org.larmor.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A write that fails half-way (a full disk) leaves the old file and no temporary file. */
class AtomicWriteTest {
    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileAndNoTemporary(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("plot.png");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(f, out -> {
            out.write(new byte[4096]);
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList(), "the temporary file is deleted");
        }
    }

    @Test
    void plotRendererWritesWholeFilesOnly(@TempDir Path tmp) throws Exception {
        Plot p = Plot.of("t", Axis.HZ, "y", List.of(new Series("a", new double[] {0, 1}, new double[] {0, 1})));
        Path folder = tmp.resolve("taken.svg");
        Files.createDirectories(folder.resolve("inside"));
        assertThrows(IOException.class, () -> PlotRenderer.write(p, folder, 200, 100));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(folder), s.toList());
        }
        Path ok = tmp.resolve("sub/ok.svg");
        PlotRenderer.write(p, ok, 200, 100);
        assertArrayEquals(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + PlotRenderer.svg(p, 200, 100, "p") + "\n")
                .getBytes(StandardCharsets.UTF_8), Files.readAllBytes(ok));
    }
}
