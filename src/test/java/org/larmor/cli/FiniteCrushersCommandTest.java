package org.larmor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sequence with finite crushers through the commands a user runs: timeline, basis (with provenance). */
class FiniteCrushersCommandTest {
    static final String SEQ = "template: press\nb0_t: 2.89\nte1_ms: 16\nte2_ms: 14\ncoherence_selection: crushers\n"
            + "voxel_mm: [20, 20, 20]\n"
            + "refocusing: {shape: sinc, lobes: 4, hamming: true, duration_ms: 4.4, flip_deg: 180}\n"
            + "finite_crushers:\n  directions: [{area_mt_ms_per_m: 5, axis: y}, {area_mt_ms_per_m: 5, axis: z}]\n"
            + "  fov_mm: [60, 60, 60]\n"
            + "spatial: {tissue: outside_voxel}\n"
            + "acquisition: {points: 1024, spectral_width_hz: 2000}\n";

    @Test
    void aFiniteCrusherBasisIsWrittenWithItsGridAndTissueInProvenance(@TempDir Path tmp) throws Exception {
        Path seq = tmp.resolve("press-finite.yaml");
        Files.writeString(seq, SEQ);
        CommandLineTest.Run t = CommandLineTest.run("timeline", "--events", seq.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("gradient"), t.out());
        assertTrue(t.out().contains("tissue: outside_voxel"), t.out());
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", seq.toString(), "--metabolites", "Cr",
                "--format", "lcmodel", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String prov = Files.readString(out.resolve("provenance.json"));
        assertTrue(prov.matches("(?s).*\"tissue\"\\s*:\\s*\"outside_voxel\".*"), prov);
        assertTrue(prov.contains("crusher gradients of finite area") && prov.contains("spins outside voxel only"),
                prov);
        assertTrue(prov.contains("finite_crushers"), "the key as written is in provenance");
    }
}
