package org.larmor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code larmor basis} with a B1 distribution in the sequence, and with {@code --b1-scales}. */
class B1BasisCommandTest {
    @Test
    void aSequenceWithAB1DistributionJustWorksAndRecordsItsQuadrature(@TempDir Path tmp) throws Exception {
        Path seq = tmp.resolve("press-b1.yaml");
        Files.writeString(seq, Files.readString(Path.of("sequences/press-te30-3t.yaml"))
                + "\nb1_distribution: {dist: normal, mean: 1, sd: 0.08}\n");
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", seq.toString(), "--metabolites", "NAA,Lac",
                "--format", "lcmodel", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> p = new ObjectMapper().readValue(out.resolve("provenance.json").toFile(), Map.class);
        Map<?, ?> d = (Map<?, ?>) ((Map<?, ?>) p.get("sequence")).get("b1_distribution");
        assertEquals("normal", d.get("dist"));
        for (Object m : (List<?>) p.get("metabolites")) {
            Map<?, ?> q = (Map<?, ?>) ((Map<?, ?>) m).get("b1_quadrature");
            assertTrue(((Number) q.get("error_relative")).doubleValue() <= 1e-6, q.toString());
            assertTrue(((Number) q.get("nodes")).intValue() >= 8, q.toString());
        }
    }

    @Test
    void b1ScalesWriteOneBasisPerScaleWithTheStatedInterpolationError(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "Lac", "--format", "lcmodel", "--b1-scales", "0.8,0.9,1.0,1.1,1.2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String s : new String[] {"0.8", "0.9", "1", "1.1", "1.2"}) {
            Path prov = out.resolve("b1_" + s).resolve("provenance.json");
            assertTrue(Files.exists(prov), prov.toString());
            Map<?, ?> seq = (Map<?, ?>) new ObjectMapper().readValue(prov.toFile(), Map.class).get("sequence");
            assertEquals(Double.parseDouble(s), ((Number) seq.get("b1_scale")).doubleValue(), 0);
            Map<?, ?> i = (Map<?, ?>) seq.get("b1_interpolation");
            double e = ((Number) i.get("stated_error_relative")).doubleValue();
            assertTrue(e > 0 && e < 0.01, "stated " + e);
        }
        assertTrue(r.out().contains("stated error"), r.out());
    }

    @Test
    void badB1ScalesAreRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        for (String bad : new String[] {"0.8,1.0,1.2", "0.8,1.0,0.9,1.2", "0.8,0.9,1.0,11"}) {
            CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                    "--metabolites", "Lac", "--b1-scales", bad, "--out", out.toString());
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertTrue(r.err().contains("--b1-scales"), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
