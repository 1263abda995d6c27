package org.larmor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value cited from another paper than its file's source says so in `larmor list --sources` and in provenance. */
class ValueSourcesTest {
    @Test
    void listSourcesNamesTheFragmentAndTheValuesCitedElsewhere() {
        CommandLineTest.Run r = CommandLineTest.run("list", "metabolites", "--sources");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("      GSH_cyst: Tkáč I et al., Proc Intl Soc Magn Reson Med 2008, p.1624"), r.out());
        assertTrue(r.out().contains("      NAAG_glu/H3a~H4a: FID-A spinSystems.mat (sysNAAG;"), r.out());
        assertTrue(r.out().contains("      GABA/H2a~H3a: Couplings after Kaiser LG"), r.out());
        assertTrue(r.out().contains("relaxation at 7.00 T: T1 1780 ms (acetyl CH3 singlet, 2.01 ppm): Xin L"), r.out());
        assertTrue(r.out().contains("relaxation: none published"), r.out());
    }

    @Test
    void provenanceCarriesTheValueSources(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "NAAG", "--format", "fsl", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("metabolites").get(0);
        assertTrue(m.path("value_sources").path("NAAG_glu/H3a~H4a").asText().startsWith("FID-A spinSystems.mat"),
                m.toString());
        assertTrue(m.path("value_sources").path("NAAG_acetyl/CH3").isMissingNode(), "the acetyl CH3 is Govindaraju's");
    }
}
