package org.larmor;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's layout rule, held: no layer's source names a package above it (imports and qualified names alike). */
class LayersTest {
    static final List<String> LAYERS = List.of("input", "signal", "spin", "rf", "sequence", "engine", "basis", "io",
            "synth", "mrsi", "priors", "plot", "validate", "realism", "scan", "cli");

    @Test
    void noLayerImportsOneAboveIt() throws Exception {
        Path root = Path.of("src/main/java/org/larmor");
        Pattern ref = Pattern.compile("org\\.larmor\\.([a-z]+)\\.");
        List<String> wrong = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String layer = d.getFileName().toString();
                packages.add(layer);
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = ref.matcher(Files.readString(f));
                        while (m.find()) {
                            String used = m.group(1);
                            if (LAYERS.indexOf(used) > LAYERS.indexOf(layer)) {
                                wrong.add(f + " uses org.larmor." + used);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(LAYERS.stream().sorted().toList(), packages, "every package is a layer of the README's list");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
