package org.larmor.spin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The folder's {@code references.yaml}: one copy of a citation that several spin-system files name by key. */
class SharedReferencesTest {
    static String system(String name, String relaxationRef, String ownReferences) {
        return "name: " + name + "\nsource: S\n" + ownReferences
                + "subsystems:\n  - spins:\n      - {label: A, shift_ppm: 2.0}\n"
                + "relaxation:\n  - {field_t: 3, t2_ms: 100, ref: " + relaxationRef + "}\n";
    }

    @Test
    void aKeyOfTheSharedFileResolvesInEveryFileAndAFileMayOverrideIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("references.yaml"), "survey: Shared Survey 2001.\nother: Other 1999.\n");
        Files.writeString(dir.resolve("a.yaml"), system("A", "survey", ""));
        Files.writeString(dir.resolve("b.yaml"), system("B", "survey", "references:\n  survey: Local Copy 2002.\n"));
        SpinLibrary lib = SpinLibrary.load(dir);
        // references.yaml is not a spin system.
        assertEquals(2, lib.all().size());
        assertEquals("Shared Survey 2001.", lib.find("A").orElseThrow().publishedRelaxation().get(0).citation());
        assertEquals("Local Copy 2002.", lib.find("B").orElseThrow().publishedRelaxation().get(0).citation());
        // A file read on its own from that folder sees the shared file too.
        assertEquals("Shared Survey 2001.", SpinSystemReader.read(dir.resolve("a.yaml")).publishedRelaxation().get(0)
                .citation());
    }

    @Test
    void anUnknownKeyNamesTheSharedFileAndTheKnownKeys(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("references.yaml"), "survey: Shared Survey 2001.\n");
        Files.writeString(dir.resolve("a.yaml"), system("A", "surve", ""));
        InputException e = assertThrows(InputException.class, () -> SpinSystemReader.read(dir.resolve("a.yaml")));
        assertTrue(e.getMessage().contains("unknown reference \"surve\""), e.getMessage());
        assertTrue(e.getMessage().contains("references.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("survey"), e.getMessage());
        assertEquals(7, e.location().line(), e.getMessage());
        // A citation that is not text is refused in the shared file, at its line.
        Files.writeString(dir.resolve("references.yaml"), "survey: Shared Survey 2001.\nbad: [1, 2]\n");
        InputException bad = assertThrows(InputException.class, () -> SpinSystemReader.read(dir.resolve("a.yaml")));
        assertTrue(bad.location().source().endsWith("references.yaml"), bad.getMessage());
        assertEquals(2, bad.location().line(), bad.getMessage());
    }

    @Test
    void everyShippedKeyIsUsedAndEveryShippedRefResolves() throws IOException {
        Path dir = Path.of("spin-systems");
        java.util.Set<String> shared = new java.util.TreeSet<>(org.larmor.input.YamlReader.read(dir.resolve(
                "references.yaml")).asMap().keys());
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (Path f : Files.list(dir).filter(p -> p.toString().endsWith(".yaml")).toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ref: ([A-Za-z0-9_]+)")
                    .matcher(Files.readString(f));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertEquals(shared, used, "keys of references.yaml vs the keys the files name");
        SpinLibrary.load(dir); // every ref resolves
    }
}
