package org.larmor.scan;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scan layer sits above io and sequence and below cli: it imports no cli, and only cli imports it. */
class ScanLayerTest {
    private static List<Path> sources(String pkg) throws Exception {
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/org/larmor", pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void scanImportsNothingAboveItAndNothingBelowImportsScan() throws Exception {
        for (Path p : sources("scan")) {
            String text = Files.readString(p);
            assertEquals(-1, text.indexOf("org.larmor.cli"), p + " reaches up into the CLI");
        }
        for (String lower : List.of("input", "signal", "spin", "rf", "sequence", "engine", "basis", "io", "synth",
                "plot", "validate")) {
            for (Path p : sources(lower)) {
                assertEquals(-1, Files.readString(p).indexOf("org.larmor.scan"), p + " imports the scan layer");
            }
        }
    }
}
