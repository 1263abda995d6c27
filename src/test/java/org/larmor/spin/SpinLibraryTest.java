package org.larmor.spin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder of spin systems: which files are read, in what order they are listed, and how names resolve. */
class SpinLibraryTest {
    private static String singlet(String name, double ppm) {
        return "name: " + name + "\nsource: test\nsubsystems:\n  - spins:\n      - {label: H, shift_ppm: " + ppm + "}\n";
    }

    private static SpinSystem system(String name) {
        return SpinSystem.of(name, List.of(Spin.proton("H", 2)), List.of());
    }

    @Test
    void systemsAreListedAlphabeticallyIgnoringCase() {
        SpinLibrary lib = new SpinLibrary(List.of(system("NAA"), system("cr"), system("Ins"), system("GABA")));
        assertEquals(List.of("cr", "GABA", "Ins", "NAA"), lib.all().stream().map(SpinSystem::name).toList());
        assertEquals(List.of("NAA", "cr"), lib.select("NAA,cr").stream().map(SpinSystem::name).toList(),
                "a selection keeps the order it was given in");
    }

    @Test
    void bothYamlExtensionsAreReadAndOtherFilesIgnored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cr.yaml"), singlet("Cr", 3.03));
        Files.writeString(dir.resolve("naa.yml"), singlet("NAA", 2.01));
        Files.writeString(dir.resolve("README.txt"), "not a spin system");
        Files.writeString(dir.resolve("naa.yml.bak"), "name: [broken");
        SpinLibrary lib = SpinLibrary.load(dir);
        assertEquals(List.of("Cr", "NAA"), lib.all().stream().map(SpinSystem::name).toList());
        assertEquals(dir.resolve("naa.yml").toString(), lib.find("naa").orElseThrow().origin());
    }

    @Test
    void aMissingFolderIsAnInputErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        InputException e = assertThrows(InputException.class, () -> SpinLibrary.load(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("folder not found"), e.getMessage());
    }

    @Test
    void anEmptySelectionIsRefused() {
        SpinLibrary lib = new SpinLibrary(List.of(system("Cr")));
        InputException e = assertThrows(InputException.class, () -> lib.select(" , "));
        assertTrue(e.getMessage().contains("no metabolite selected"), e.getMessage());
    }
}
