package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FSL-MRS basis JSON (formats.md §3a) and jMRUI text (§4). */
class FslAndJmruiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fslJsonHasTheKeysFslMrsRequiresWithTheRightTypes() throws IOException {
        BasisSet set = IoFixtures.twoMetabolites();
        BasisSpectrum lac = set.spectra().get(1);
        JsonNode root = JSON.readTree(FslBasisWriter.write(set, lac, "main"));
        JsonNode b = root.get("basis");
        assertTrue(b.get("basis_re").isArray() && b.get("basis_re").size() == IoFixtures.POINTS);
        assertTrue(b.get("basis_im").isArray() && b.get("basis_im").get(0).isNumber());
        assertEquals(set.dwellS(), b.get("basis_dwell").asDouble(), "dwell in s");
        assertEquals(IoFixtures.F0_MHZ, b.get("basis_centre").asDouble(), 1e-9, "centre in MHz");
        assertEquals(2.0, b.get("basis_width").asDouble(), "Lorentzian FWHM in Hz");
        assertEquals("Lac", b.get("basis_name").asText());
        assertEquals("1H", b.get("basis_nucleus").asText());
        assertTrue(b.get("basis_re").get(0).isNumber());

        JsonNode seq = root.get("seq");
        assertEquals(IoFixtures.B0, seq.get("B0").asDouble());
        assertEquals(4.65, seq.get("centralShift").asDouble());
        assertTrue(seq.get("Rx_Points").isInt());
        assertEquals(IoFixtures.POINTS, seq.get("Rx_Points").asInt());
        assertEquals(IoFixtures.SW, seq.get("Rx_SW").asDouble(), 1e-9);
        assertEquals("1H", seq.get("Nucleus").asText());
        assertEquals(0.0, root.get("meta").get("TE").asDouble(), "TE in ms");
        IoFixtures.assertSha256(lac.system().contentHash(), "spin-system content hash");
        assertNotEquals(lac.system().contentHash(), set.spectra().get(0).system().contentHash(),
                "NAA and Lac have different content hashes");
        assertEquals(lac.system().contentHash(),
                root.get("larmor_provenance").get("metabolites").get(0).get("content_sha256").asText());
    }

    @Test
    void fslFolderReadsBackExactly(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.mega();
        BasisWriters.write(set, EnumSet.of(Format.FSL), dir.resolve("out"));
        ReadBasis on = FslBasisReader.read(dir.resolve("out/fsl/on"));
        assertEquals(List.of("Lac", "NAA"), List.copyOf(on.fids().keySet()), "file-name order, as FSL-MRS");
        for (BasisSpectrum s : set.spectra()) {
            assertEquals(s.fid("ON"), on.fid(s.name()), "shortest exact decimals: bit for bit");
        }
        assertEquals(0.068, on.echoTimeS(), 1e-12);
        assertFalse(Files.exists(dir.resolve("out/fsl/diff")), "everything cancels in DIFF: no folder");
        BasisSet edited = IoFixtures.megaEdited();
        BasisWriters.write(edited, EnumSet.of(Format.FSL), dir.resolve("edited"));
        ReadBasis diff = FslBasisReader.read(dir.resolve("edited/fsl/diff"));
        assertEquals(List.of("GABA"), List.copyOf(diff.fids().keySet()));
        assertEquals(edited.spectra().get(2).fid("DIFF"), diff.fid("GABA"));
    }

    @Test
    void malformedFslFilesSayWhereAndWhat() {
        InputException syntax = assertThrows(InputException.class,
                () -> FslBasisReader.parse("a.json", "{\"basis\": {\n  \"basis_re\": [1, 2,\n"));
        assertTrue(syntax.getMessage().startsWith("a.json:"), syntax.getMessage());
        assertTrue(syntax.location().line() >= 2);
        InputException noBasis = assertThrows(InputException.class,
                () -> FslBasisReader.parse("b.json", "{\"seq\": {}}"));
        assertTrue(noBasis.getMessage().contains("'basis'"), noBasis.getMessage());
        InputException lengths = assertThrows(InputException.class, () -> FslBasisReader.parse("c.json",
                "{\"basis\": {\"basis_re\": [1, 2], \"basis_im\": [0], \"basis_dwell\": 2.5e-4,"
                        + " \"basis_centre\": 123.2, \"basis_name\": \"x\"}}"));
        assertEquals("basis.basis_im", lengths.field());
        InputException dwell = assertThrows(InputException.class, () -> FslBasisReader.parse("d.json",
                "{\"basis\": {\"basis_re\": [1], \"basis_im\": [0], \"basis_dwell\": \"fast\","
                        + " \"basis_centre\": 123.2, \"basis_name\": \"x\"}}"));
        assertEquals("basis.basis_dwell", dwell.field());
    }

    @Test
    void jmruiHeaderUsesMillisecondsAndHertz() {
        BasisSet set = IoFixtures.twoMetabolites();
        String text = JmruiTextWriter.write(set, "main", "pa-3t.txt");
        List<String> lines = text.lines().toList();
        assertEquals("jMRUI Data Textfile", lines.get(0));
        assertTrue(lines.contains("Filename: pa-3t.txt"));
        assertTrue(lines.contains("PointsInDataset: " + IoFixtures.POINTS));
        assertTrue(lines.contains("DatasetsInFile: 2"));
        double ms = Double.parseDouble(value(lines, "SamplingInterval"));
        assertEquals(1e3 / IoFixtures.SW, ms, 1e-12, "SamplingInterval in ms");
        double hz = Double.parseDouble(value(lines, "TransmitterFrequency"));
        assertEquals(IoFixtures.F0_MHZ * 1e6, hz, 1e-3, "TransmitterFrequency in Hz");
        assertEquals(IoFixtures.B0, Double.parseDouble(value(lines, "MagneticField")));
        assertEquals("NAA;Lac;", value(lines, "SignalNames"));
        assertTrue(lines.contains("Signal 1 out of 2 in file"));
        assertTrue(lines.contains("Signal 2 out of 2 in file"));
        int first = lines.indexOf("Signal 1 out of 2 in file");
        String[] cols = lines.get(first + 1).split("\t");
        assertEquals(2, cols.length, "time domain only");
        assertEquals(3.0, Double.parseDouble(cols[0]), 1e-12, "NAA at t = 0: three protons");
    }

    @Test
    void jmruiReadsBackExactlyPerCondition(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.megaEdited();
        BasisWriters.write(set, EnumSet.of(Format.JMRUI), dir.resolve("out"));
        for (String c : set.conditions()) {
            ReadBasis r = JmruiTextReader.read(dir.resolve("out/jmrui/" + c.toLowerCase() + "/mega-3t.txt"));
            assertEquals(set.dwellS(), r.dwellS(), 1e-15);
            assertEquals(IoFixtures.F0_MHZ, r.spectrometerMHz(), 1e-9);
            assertEquals(set.included(c).size(), r.fids().size(), c);
            for (BasisSpectrum s : set.included(c)) {
                assertEquals(s.fid(c), r.fid(s.name()), c + " " + s.name());
            }
        }
    }

    @Test
    void conjugateFlagFlipsTheSignBothWays(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.singlet();
        Path f = dir.resolve("conj.txt");
        Files.writeString(f, JmruiTextWriter.write(set, "main", "conj.txt", true), StandardCharsets.UTF_8);
        Fid fid = set.spectra().get(0).fid("main");
        assertEquals(fid.conjugate(), JmruiTextReader.read(f).fid("NAA"));
        assertEquals(fid, JmruiTextReader.read(f, true).fid("NAA"));
    }

    @Test
    void truncatedOrMalformedJmruiNamesTheLine(@TempDir Path dir) throws IOException {
        BasisSet set = IoFixtures.twoMetabolites();
        String text = JmruiTextWriter.write(set, "main", "x.txt");
        String cut = text.substring(0, text.lastIndexOf('\n', text.length() - 5000) + 1);
        InputException t = assertThrows(InputException.class, () -> JmruiTextReader.parse("x.txt", "x", cut));
        assertTrue(t.getMessage().contains("signal 2 of 2 ends after"), t.getMessage());
        assertTrue(t.location().line() > 2000);

        InputException bad = assertThrows(InputException.class,
                () -> JmruiTextReader.parse("y.txt", "y", text.replaceFirst("(Signal 1 out of 2 in file\n)[^\t]*", "$1three")));
        assertTrue(bad.getMessage().contains("\"three"), bad.getMessage());

        InputException noDwell = assertThrows(InputException.class,
                () -> JmruiTextReader.parse("z.txt", "z", text.replaceFirst("SamplingInterval", "Sampling")));
        assertEquals("SamplingInterval", noDwell.field());

        Path notJmrui = dir.resolve("n.txt");
        Files.writeString(notJmrui, "hello\n", StandardCharsets.UTF_8);
        InputException n = assertThrows(InputException.class, () -> JmruiTextReader.read(notJmrui));
        assertTrue(n.getMessage().contains("jMRUI Data Textfile"), n.getMessage());
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow()
                .substring(key.length() + 1).trim();
    }
}
