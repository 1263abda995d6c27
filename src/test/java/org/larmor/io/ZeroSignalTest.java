package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.sequence.SequenceReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metabolites whose signal cancels in a combination are left out of its files (an all-zero LCModel basis entry is
 * filled from the priors), said in the .BASIS header, provenance.json and a notice; and per-spectrum file names for
 * flattened spectrum names (TE series, HERMES).
 */
class ZeroSignalTest {
    static final String MEGA = "name: mega-3t\ntemplate: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
            + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80}\n"
            + "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    static BasisSet megaCrNaaGaba() {
        return BasisSimulator.simulate(IoFixtures.library().select("Cr,NAA,GABA"),
                SequenceReader.parse("sequences/mega-3t.yaml", MEGA), null);
    }

    @Test
    void megaDiffBasisHoldsGabaNotCreatine(@TempDir Path dir) throws IOException {
        BasisSet set = megaCrNaaGaba();
        assertTrue(set.omitted().get("DIFF").contains("Cr"), set.omitted().toString());
        assertFalse(set.omitted().get("DIFF").contains("GABA"));
        BasisWriters.write(set, EnumSet.allOf(Format.class), dir);

        ReadBasis diff = LcmodelBasisReader.read(dir.resolve("lcmodel/mega-3t_diff.BASIS"));
        assertTrue(diff.fids().containsKey("GABA"), diff.toString());
        assertFalse(diff.fids().containsKey("Cr"), "creatine's singlets cancel in DIFF");
        String text = Files.readString(dir.resolve("lcmodel/mega-3t_diff.BASIS"));
        String header = text.substring(0, text.indexOf("$SEQPAR"));
        assertTrue(header.contains("left out") && header.contains("Cr"), header);
        assertFalse(Files.readString(dir.resolve("lcmodel/mega-3t_off.BASIS")).contains("left out"));
        assertEquals(3, LcmodelBasisReader.read(dir.resolve("lcmodel/mega-3t_off.BASIS")).fids().size(),
                "acquired conditions keep every metabolite");
        assertFalse(Files.exists(dir.resolve("lcmodel/raw/diff/Cr.RAW")));
        assertFalse(Files.exists(dir.resolve("fsl/diff/Cr.json")));
        assertFalse(Files.exists(dir.resolve("nifti/diff/Cr.nii.gz")));
        assertTrue(Files.exists(dir.resolve("nifti/diff/GABA.nii.gz")));
        assertFalse(JmruiTextReader.read(dir.resolve("jmrui/diff/mega-3t.txt")).fids().containsKey("Cr"));

        JsonNode p = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
        JsonNode omitted = p.get("sequence").get("omitted_zero_signal").get("DIFF");
        List<String> listed = new ArrayList<>();
        omitted.forEach(n -> listed.add(n.asText()));
        assertTrue(listed.contains("Cr"), listed.toString());
        assertFalse(listed.contains("GABA"));

        List<String> notices = BasisWriters.notices(set);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("notice: DIFF leaves out " + listed.size() + " metabolite"),
                notices.get(0));
        assertTrue(notices.get(0).contains("Cr") && notices.get(0).contains("provenance.json"), notices.get(0));
    }

    @Test
    void aCombinationWithNothingLeftWritesNoFiles(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.mega();
        assertEquals(List.of("NAA", "Lac"), set.omitted().get("DIFF"));
        BasisWriters.write(set, EnumSet.allOf(Format.class), dir);
        Set<String> t = BasisWritersTest.tree(dir);
        assertTrue(t.stream().noneMatch(f -> f.contains("diff")), t.toString());
        assertTrue(t.contains("lcmodel/mega-3t_on.BASIS"));
    }

    @Test
    void teSeriesWritesOneFilePerEchoTime(@TempDir Path dir) throws IOException {
        BasisSet set = BasisSimulator.simulate(List.of(IoFixtures.naa(), IoFixtures.lac()),
                SequenceReader.parse("sequences/te.yaml", NiftiDimensionsTest.TE_SERIES), null);
        BasisWriters.write(set, EnumSet.allOf(Format.class), dir);
        Set<String> t = BasisWritersTest.tree(dir);
        for (String te : List.of("te2_15ms", "te2_25ms", "te2_35ms")) {
            assertTrue(t.contains("lcmodel/te-series_" + te + ".BASIS"), te + " in " + t);
            assertTrue(t.contains("lcmodel/raw/" + te + "/Lac.RAW"), te);
            assertTrue(t.contains("fsl/" + te + "/NAA.json"), te);
            assertTrue(t.contains("jmrui/" + te + "/te-series.txt"), te);
            ReadBasis b = LcmodelBasisReader.read(dir.resolve("lcmodel/te-series_" + te + ".BASIS"));
            assertTrue(IoFixtures.relativeError(set.spectra().get(1).fid(te), b.fids().get("Lac")) < 1e-5, te);
        }
        assertTrue(t.contains("nifti/Lac.nii.gz"), "one NIfTI file per metabolite over all echo times");
        assertEquals(3 * (1 + 2) + 2 + 3 * 2 + 3 + 1, t.size(), t.toString());
    }

    @Test
    void hermesWritesAFolderPerConditionAndCombination(@TempDir Path dir) throws IOException {
        BasisSet set = BasisSimulator.simulate(IoFixtures.library().select("NAA,GABA,GSH"),
                SequenceReader.parse("sequences/hermes.yaml", NiftiDimensionsTest.HERMES), null);
        assertEquals(List.of("A", "B", "C", "D", "GABA", "GSH", "SUM"), set.conditions());
        BasisWriters.write(set, EnumSet.of(Format.LCMODEL, Format.FSL), dir);
        Set<String> t = BasisWritersTest.tree(dir);
        for (String c : set.conditions()) {
            String part = c.toLowerCase();
            assertTrue(t.contains("lcmodel/hermes-3t_" + part + ".BASIS"), c);
            ReadBasis b = LcmodelBasisReader.read(dir.resolve("lcmodel/hermes-3t_" + part + ".BASIS"));
            List<String> expected = set.included(c).stream().map(s -> s.name()).sorted().toList();
            assertEquals(expected, b.fids().keySet().stream().sorted().toList(), c);
            assertEquals(expected.size(), t.stream().filter(f -> f.startsWith("fsl/" + part + "/")).count(), c);
        }
        assertTrue(set.omitted().get("GABA").contains("GSH"), "GSH cancels in the GABA Hadamard combination");
        assertFalse(t.contains("fsl/gaba/GSH.json"));
        assertTrue(t.contains("fsl/gaba/GABA.json"));
    }
}
