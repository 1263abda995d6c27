package org.larmor;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's JIT options name the SIMD kernels by class (C2 compiles them first: until then they run on the
 * vector API's slow Java fallback). A renamed or new kernel would silently lose that: the classes named must be
 * exactly the sources that use the vector API's vectors.
 */
class LauncherTest {
    @Test
    void earlyCompiledKernelsAreTheClassesThatUseTheVectorApi() throws Exception {
        String launcher = Files.readString(Path.of("larmor"));
        Matcher loop = Pattern.compile("for kernel in ([^;]+);").matcher(launcher);
        assertTrue(loop.find(), "the launcher's kernel list");
        TreeSet<String> named = new TreeSet<>(List.of(loop.group(1).trim().split("\\s+")));

        TreeSet<String> vectorised = new TreeSet<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains("DoubleVector.")) {
                    String rel = root.relativize(f).toString();
                    vectorised.add(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'));
                }
            }
        }
        assertEquals(vectorised, named);
        List<String> missing = new ArrayList<>();
        for (String c : named) {
            try {
                Class.forName(c, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(c);
            }
        }
        assertEquals(List.of(), missing);
    }
}
