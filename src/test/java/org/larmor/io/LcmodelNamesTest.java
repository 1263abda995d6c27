package org.larmor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.spin.SpinLibrary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue item 13: a METABO name that differs from the name in 'list' is said in a notice and in provenance.json. */
class LcmodelNamesTest {
    @Test
    void shortenedNamesAreNoticedAndRecorded(@TempDir Path dir) throws Exception {
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        BasisSet set = BasisSimulator.simulate(lib.select("NAA,GABA_gov,Ref0ppm"), IoFixtures.pulseAcquire(), null);
        assertEquals(Map.of("GABA_gov", "GABAgv", "Ref0ppm", "Ref0"), BasisWriters.lcmodelNames(set));
        List<String> notices = BasisWriters.notices(set, Format.parse("lcmodel,fsl"));
        assertTrue(notices.stream().anyMatch(n -> n.contains("GABA_gov -> GABAgv") && n.contains("Ref0ppm -> Ref0")),
                notices.toString());
        assertTrue(BasisWriters.notices(set, Format.parse("fsl")).isEmpty(), "no LCModel files: nothing to say");
        Path out = dir.resolve("out");
        BasisWriters.write(set, Format.parse("lcmodel,fsl"), out);
        JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("GABAgv", p.path("lcmodel_names").path("GABA_gov").asText());
        assertEquals("Ref0", p.path("lcmodel_names").path("Ref0ppm").asText());
        assertTrue(p.path("lcmodel_names").path("NAA").isMissingNode(), "unchanged names are not listed");
    }
}
