package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue item 1: a folder holding a Larmor set is refused; --overwrite replaces the whole set. */
class BasisOverwriteTest {
    @Test
    void folderHoldingASetIsRefusedAndNothingWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.twoMetabolites(), Format.parse("lcmodel,fsl"), out);
        Set<String> before = BasisWritersTest.tree(out);
        byte[] prov = Files.readAllBytes(out.resolve("provenance.json"));
        BasisSet other = BasisSimulator.simulate(List.of(IoFixtures.naa()), IoFixtures.megaPress(), null);
        InputException e = assertThrows(InputException.class,
                () -> BasisWriters.write(other, Format.parse("lcmodel,nifti"), out, false));
        assertTrue(e.getMessage().contains("holds a Larmor basis set already") && e.getMessage().contains("pa-3t")
                && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, BasisWritersTest.tree(out), "nothing written");
        assertTrue(java.util.Arrays.equals(prov, Files.readAllBytes(out.resolve("provenance.json"))));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no staging folder left behind");
        }
    }

    @Test
    void overwriteReplacesTheWholeSetAndKeepsUserFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.twoMetabolites(), Format.parse("lcmodel,nifti,fsl"), out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        BasisSet other = BasisSimulator.simulate(List.of(IoFixtures.naa()), IoFixtures.megaPress(), null);
        BasisWriters.write(other, Format.parse("fsl"), out, true);
        Set<String> t = BasisWritersTest.tree(out);
        assertEquals(Set.of("fsl/on/NAA.json", "fsl/off/NAA.json", "provenance.json", "notes.txt"), t,
                "the old set's files are gone, the user's file stays");
        assertFalse(Files.exists(out.resolve("lcmodel")), "folders the old set leaves empty are removed");
        JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("mega-3t", p.path("sequence").path("name").asText());
    }

    @Test
    void oldFilesAreRemovedOnlyWhenTheNewSetIsCommitted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.twoMetabolites(), Format.parse("lcmodel,fsl"), out);
        Set<String> before = BasisWritersTest.tree(out);
        BasisSet other = BasisSimulator.simulate(List.of(IoFixtures.naa()), IoFixtures.megaPress(), null);
        assertThrows(IllegalStateException.class, () -> BasisWriters.write(other, Format.parse("fsl"), out, true,
                path -> {
                    if (path.startsWith("fsl/off/")) {
                        throw new IllegalStateException("simulated failure");
                    }
                }));
        assertEquals(before, BasisWritersTest.tree(out), "a failed overwrite leaves the old set as it was");
    }

    @Test
    void readersTrustTheFileListOfProvenance(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.twoMetabolites(), Format.parse("nifti,fsl"), out);
        // A stray file from elsewhere (e.g. an older Larmor that left a previous set's files beside the new ones).
        Files.copy(out.resolve("nifti/NAA.nii.gz"), out.resolve("nifti/Old.nii.gz"));
        Files.copy(out.resolve("fsl/NAA.json"), out.resolve("fsl/Old.json"));
        var loaded = org.larmor.validate.BasisFiles.load(out);
        assertEquals(Set.of("NAA", "Lac"), loaded.data().fids().keySet());
        var fsl = org.larmor.validate.BasisFiles.load(out.resolve("fsl"));
        assertEquals(Set.of("NAA", "Lac"), fsl.data().fids().keySet());
    }
}
