package org.larmor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.io.NiftiHeader;
import org.larmor.io.NiftiMrsReader;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #15, part 1: from a scan to its basis set. A synthetic scan's NIfTI-MRS header gives back the sequence
 * that made it; a header without TE is refused, the field named; every value's source reaches provenance.json.
 */
class FromScanCommandTest {
    private static JsonNode headerJson(Path niiGz) throws Exception {
        byte[] b;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(niiGz)))) {
            b = in.readAllBytes();
        }
        NiftiHeader.parse(niiGz.toString(), b);
        return NiftiMrsReader.headerJson(niiGz.toString(), b);
    }

    @Test
    void aSyntheticScanGivesBackItsSequencesEchoTimeFieldAndName(@TempDir Path tmp) throws Exception {
        for (String scenario : new String[] {"scenarios/press-3t-healthy-gm.yaml", "scenarios/mega-press-3t-gaba.yaml"}) {
            Path out = tmp.resolve(Path.of(scenario).getFileName().toString());
            CommandLineTest.Run s = CommandLineTest.run("synth", "--scenario", scenario, "--count", "1", "--seed", "3",
                    "--nifti", "--out", out.toString(), "--quiet");
            assertEquals(0, s.code(), s.err());
            Path scan = out.resolve("nifti/spectrum_0000000.nii.gz");
            String seqFile = scenario.contains("mega") ? "sequences/mega-press-te68-3t.yaml"
                    : "sequences/press-te30-3t.yaml";
            Sequence made = SequenceReader.read(Path.of(seqFile));
            JsonNode j = headerJson(scan);
            assertEquals(made.label(), j.path("SequenceName").asText(), "the synthetic header names its sequence");
            assertEquals(made.name(), j.path("ProtocolName").asText());
            assertEquals(made.timing().echoTimeS(), j.path("EchoTime").asDouble(), 0);

            Path yaml = tmp.resolve(made.name() + "-from-scan.yaml");
            CommandLineTest.Run r = CommandLineTest.run("sequence", "--from-scan", scan.toString(), "--out",
                    yaml.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("preset: " + made.name()), r.out());
            Sequence back = SequenceReader.read(yaml);
            assertEquals(made.template(), back.template());
            assertEquals(made.label(), back.label());
            assertEquals(made.timing().echoTimeS(), back.timing().echoTimeS(), 1e-12, "TE");
            assertEquals(made.b0T(), back.b0T(), 1e-6, "field from SpectrometerFrequency / γ");
            assertEquals(made.conditions(), back.conditions());
            assertEquals(made.nucleus(), back.nucleus());
            assertEquals(2048, back.acquisition().points(), "the scan's points (the scenario keeps 2048)");
            assertTrue(back.valueSources().get("te_ms").startsWith("read from spectrum_0000000.nii.gz (EchoTime"),
                    back.valueSources().toString());
            if (scenario.contains("mega")) {
                assertTrue(back.valueSources().get("editing.on_ppm").contains("EditPulse"), back.valueSources()
                        .toString());
                // The difference spectrum holds no EditPulse: it has no DIM_EDIT.
                assertFalse(headerJson(out.resolve("nifti/spectrum_0000000_DIFF.nii.gz")).has("EditPulse"));
                assertTrue(j.path("EditPulse").path("ON").path("PulseOffset").isNumber(), j.toString());
            }
        }
    }

    @Test
    void aHeaderWithoutEchoTimeIsRefusedNamingTheField(@TempDir Path tmp) throws Exception {
        Path rda = tmp.resolve("noTE.rda");
        Files.writeString(rda, ">>> Begin of header <<<\nSequenceName: svs_se\nMRFrequency: 123.255547\nNucleus: 1H\n"
                + ">>> End of header <<<\n", StandardCharsets.ISO_8859_1);
        Path yaml = tmp.resolve("x.yaml");
        CommandLineTest.Run r = CommandLineTest.run("sequence", "--from-scan", rda.toString(), "--out", yaml.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("will not guess") && r.err().contains("echo time: the header states no TE")
                && r.err().contains("--set te_ms=MS"), r.err());
        assertFalse(Files.exists(yaml), "nothing written");
        Path out = tmp.resolve("basis");
        CommandLineTest.Run b = CommandLineTest.run("basis", "--from-scan", rda.toString(), "--out", out.toString(),
                "--metabolites", "NAA");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("echo time"), b.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void basisFromAScanRecordsEveryValuesSourceInProvenance(@TempDir Path tmp) throws Exception {
        Path rda = tmp.resolve("meas.rda");
        Files.writeString(rda, ">>> Begin of header <<<\nSequenceName: svs_se\nTE: 144.000000\nTR: 2000\n"
                + "MRFrequency: 123.255547\nNucleus: 1H\nDwellTime: 250.000000\nVectorSize: 1024\n"
                + ">>> End of header <<<\n", StandardCharsets.ISO_8859_1);
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--from-scan", rda.toString(), "--preset",
                "press-te30-3t", "--set", "acquisition.lorentzian_fwhm_hz=2", "--metabolites", "Lac", "--format",
                "fsl", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("te_ms: read from meas.rda (TE = 144.000000 ms)"), r.err());
        JsonNode seq = new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("sequence");
        assertEquals(0.144, seq.path("echo_time_s").asDouble(), 1e-12);
        assertEquals("Siemens", seq.path("manufacturer").asText());
        JsonNode vs = seq.path("value_sources");
        assertEquals("read from meas.rda (TE = 144.000000 ms)", vs.path("te_ms").asText());
        assertEquals("stated on the command line (--set acquisition.lorentzian_fwhm_hz=2)",
                vs.path("acquisition.lorentzian_fwhm_hz").asText());
        assertEquals("read from meas.rda (VectorSize = 1024)", vs.path("acquisition.points").asText());
        assertEquals("from preset press-te30-3t.yaml (its TE1; the header states only TE)", vs.path("te1_ms").asText());
        assertEquals(1024, seq.path("acquisition").path("points").asInt());
        JsonNode fsl = new ObjectMapper().readTree(out.resolve("fsl/Lac.json").toFile());
        assertEquals(144.0, fsl.path("meta").path("TE").asDouble(), 1e-9);
    }

    @Test
    void optionsAreCheckedAndFilesNotOverwrittenSilently(@TempDir Path tmp) throws Exception {
        CommandLineTest.Run none = CommandLineTest.run("basis", "--out", tmp.resolve("o").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--sequence FILE or --from-scan FILE"), none.err());
        CommandLineTest.Run stray = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml", "--set",
                "te_ms=35", "--out", tmp.resolve("o").toString());
        assertEquals(2, stray.code());
        assertTrue(stray.err().contains("go with --from-scan"), stray.err());
        Path rda = Files.writeString(tmp.resolve("m.rda"), ">>> Begin of header <<<\nSequenceName: svs_st\nTE: 20\n"
                + "MRFrequency: 123.2\nNucleus: 1H\n>>> End of header <<<\n");
        Path yaml = Files.writeString(tmp.resolve("keep.yaml"), "mine");
        CommandLineTest.Run r = CommandLineTest.run("sequence", "--from-scan", rda.toString(), "--out", yaml.toString());
        assertEquals(2, r.code());
        assertEquals("mine", Files.readString(yaml));
        CommandLineTest.Run p = CommandLineTest.run("sequence", "--from-scan", rda.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("template: \"steam\"") && p.out().contains("tm_ms: 10")
                && p.out().contains("tm_ms: \"from preset siemens-steam-te20-3t.yaml (the header states no mixing"
                + " time)\""), p.out());
        CommandLineTest.Run help = CommandLineTest.run("sequence", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--from-scan") && help.out().contains("--set"), help.out());
    }
}
