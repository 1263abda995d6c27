package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output layout, provenance.json, and all-or-nothing writing. */
class BasisWritersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Set<String> tree(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    @Test
    void plainSequenceLayout(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.twoMetabolites();
        Path out = dir.resolve("out");
        List<Path> written = BasisWriters.write(set, Format.parse("lcmodel,nifti,fsl,jmrui"), out);
        assertEquals(Set.of("lcmodel/pa-3t.BASIS", "lcmodel/raw/NAA.RAW", "lcmodel/raw/Lac.RAW", "nifti/NAA.nii.gz",
                "nifti/Lac.nii.gz", "fsl/NAA.json", "fsl/Lac.json", "jmrui/pa-3t.txt", "provenance.json"), tree(out));
        assertEquals(out.toAbsolutePath().resolve("provenance.json"), written.get(written.size() - 1));
        assertEquals(9, written.size());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "no staging folder left behind");
        }
    }

    @Test
    void megaLayoutHasConditionFoldersAndSuffixes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        BasisSet set = IoFixtures.megaEdited();
        assertEquals(List.of("NAA", "Lac"), set.omitted().get("DIFF"), "singlets and unedited lactate cancel");
        BasisWriters.write(set, EnumSet.allOf(Format.class), out);
        Set<String> t = tree(out);
        for (String c : List.of("on", "off", "diff")) {
            assertTrue(t.contains("lcmodel/mega-3t_" + c + ".BASIS"), c);
            assertTrue(t.contains("lcmodel/raw/" + c + "/GABA.RAW"), c);
            assertTrue(t.contains("fsl/" + c + "/GABA.json"), c);
            assertTrue(t.contains("jmrui/" + c + "/mega-3t.txt"), c);
        }
        assertTrue(t.contains("nifti/NAA.nii.gz"));
        assertTrue(t.contains("nifti/diff/GABA.nii.gz"));
        assertFalse(t.contains("nifti/diff/NAA.nii.gz"), "NAA cancels in DIFF: no file");
        assertFalse(t.contains("fsl/diff/NAA.json"));
        assertFalse(t.contains("lcmodel/raw/diff/Lac.RAW"));
        assertFalse(t.contains("nifti/on/NAA.nii.gz"), "ON and OFF live in one file, on dim 5");
        // lcmodel 3 .BASIS + 3 + 3 + 1 RAW, nifti 3 + 1, fsl 3 + 3 + 1, jmrui 3, provenance
        assertEquals(3 + 7 + 4 + 7 + 3 + 1, t.size());
    }

    @Test
    void provenanceListsEveryFileWithItsHash(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.twoMetabolites();
        Path out = dir.resolve("out");
        BasisWriters.write(set, EnumSet.of(Format.LCMODEL, Format.FSL), out);
        JsonNode p = JSON.readTree(out.resolve("provenance.json").toFile());
        assertEquals(set.provenance().larmorVersion(), p.get("larmor_version").asText());
        IoFixtures.assertSha256(set.sequence().sourceHash(), "sequence file hash");
        assertEquals(set.sequence().sourceHash(), p.get("sequence").get("file_sha256").asText());
        assertEquals("[\"lcmodel\",\"fsl\"]", p.get("formats").toString());
        Set<String> listed = new TreeSet<>();
        for (JsonNode f : p.get("files")) {
            Path file = out.resolve(f.get("path").asText());
            assertEquals(StagingDirectory.sha256(Files.readAllBytes(file)), f.get("sha256").asText());
            assertEquals(Files.size(file), f.get("bytes").asLong());
            listed.add(f.get("path").asText());
        }
        Set<String> expected = tree(out);
        expected.remove("provenance.json");
        assertEquals(expected, listed);
    }

    @Test
    void aFailureHalfWayLeavesNoOutputAtAll(@TempDir Path dir) {
        BasisSet set = IoFixtures.mega();
        Path out = dir.resolve("out");
        AtomicInteger files = new AtomicInteger();
        RuntimeException e = assertThrows(RuntimeException.class, () -> BasisWriters.write(set,
                EnumSet.allOf(Format.class), out, path -> {
                    if (files.incrementAndGet() == 7) {
                        throw new UncheckedIOException(new IOException("disk full (simulated) after " + path));
                    }
                }));
        assertTrue(e.getMessage().contains("disk full"));
        assertEquals(7, files.get(), "six files were written before the failure");
        assertFalse(Files.exists(out));
        assertEquals(List.of(), listing(dir), "staging folder removed");
    }

    @Test
    void aFailureLeavesAnExistingOutputFolderAsItWas(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.singlet(), EnumSet.of(Format.FSL), out);
        byte[] before = Files.readAllBytes(out.resolve("fsl/NAA.json"));
        Set<String> treeBefore = tree(out);
        assertThrows(IllegalStateException.class, () -> BasisWriters.write(IoFixtures.twoMetabolites(),
                EnumSet.allOf(Format.class), out, true, path -> {
                    if (path.startsWith("fsl/")) {
                        throw new IllegalStateException("writer failed at " + path);
                    }
                }));
        assertEquals(treeBefore, tree(out));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("fsl/NAA.json"))));
        assertEquals(List.of(out), listing(dir));
    }

    @Test
    void rewritingReplacesFilesInAnExistingFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        BasisWriters.write(IoFixtures.singlet(), EnumSet.of(Format.FSL), out);
        BasisWriters.write(IoFixtures.twoMetabolites(), EnumSet.of(Format.FSL), out, true); // --overwrite
        assertEquals(Set.of("fsl/NAA.json", "fsl/Lac.json", "provenance.json"), tree(out));
        assertEquals(2, JSON.readTree(out.resolve("provenance.json").toFile()).get("files").size());
    }

    @Test
    void namesThatCannotBeWrittenAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        BasisSet longName = BasisSimulator.simulate(List.of(SpinSystem.of("Glycerol", List.of(Spin.protons("H",
                3.6, 2)), List.of())), IoFixtures.pulseAcquire(), null);
        InputException e = assertThrows(InputException.class,
                () -> BasisWriters.write(longName, EnumSet.of(Format.NIFTI, Format.LCMODEL), dir.resolve("out")));
        assertEquals("lcmodel_name", e.field());
        assertEquals(List.of(), listing(dir));

        BasisSet slash = BasisSimulator.simulate(List.of(SpinSystem.of("Glu/Gln", List.of(Spin.protons("H",
                3.6, 2)), List.of())), IoFixtures.pulseAcquire(), null);
        InputException s = assertThrows(InputException.class,
                () -> BasisWriters.write(slash, EnumSet.of(Format.FSL), dir.resolve("out")));
        assertTrue(s.getMessage().contains("file name"), s.getMessage());
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void formatListsAreParsedWithClearErrors() {
        assertEquals(EnumSet.allOf(Format.class), Format.parse("lcmodel, NIfTI,fsl,jmrui"));
        assertEquals(EnumSet.allOf(Format.class), Format.parse("all"));
        InputException e = assertThrows(InputException.class, () -> Format.parse("lcmodel,osprey"));
        assertTrue(e.getMessage().contains("unknown format \"osprey\"; known: lcmodel, nifti, fsl, jmrui"),
                e.getMessage());
        assertThrows(InputException.class, () -> Format.parse(" , "));
    }

    private static List<Path> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
