package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.signal.Fid;
import org.larmor.spin.Nucleus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario whose basis sequence has finite crushers synthesises from a basis with the spurious echoes in it: the
 * difference to the ideal-crusher basis is the leaked pathways' signal, with the amplitude the areas give it.
 */
class SpuriousEchoBasisTest {
    static final String SPIN_ECHO = "template: spin_echo\nb0_t: 2.89\nte_ms: 30\n"
            + "excitation: {flip_deg: 90, phase_deg: 90}\nrefocusing: {flip_deg: 120}\n"
            + "acquisition: {points: 1024, spectral_width_hz: 2000}\n";

    static Fid basisFid(Path dir, String name, String sequence) throws IOException {
        Path seq = dir.resolve(name + ".yaml");
        Files.writeString(seq, sequence);
        Scenario sc = ScenarioReader.parse("t.yaml", "basis: {sequence: " + seq.toAbsolutePath() + "}\n"
                + "concentrations_mm: {Cr: 8}\n", Path.of("").toAbsolutePath(), List.of());
        return SynthBasis.load(sc, Path.of("spin-systems")).fids().get(0);
    }

    @Test
    void theSpuriousEchoComponentReachesTheSynthesiserWithTheAmplitudeOfItsWinding(@TempDir Path dir)
            throws IOException {
        Fid ideal = basisFid(dir, "ideal", SPIN_ECHO + "coherence_selection: crushers\n");
        Fid none = basisFid(dir, "none", SPIN_ECHO + "coherence_selection: none\n");
        double area = 0.2;   // mT·ms/m per lobe, over 40 mm of tissue on 512 positions
        Fid finite = basisFid(dir, "finite", SPIN_ECHO + "coherence_selection: crushers\n"
                + "finite_crushers: {directions: [{area_mt_ms_per_m: " + area + ", axis: y}], fov_mm: [40, 40, 40],"
                + " positions: 512}\n");
        double x = 2 * 2 * Math.PI * Nucleus.H1.gammaHzPerT() * area * 1e-6 * 0.04 / 2;
        double d = Math.sin(x) / (512 * Math.sin(x / 512));
        double leak = 0;
        for (int k = 0; k < ideal.re().length; k++) {
            assertEquals(ideal.re()[k] + d * (none.re()[k] - ideal.re()[k]), finite.re()[k], 1e-9, "re " + k);
            assertEquals(ideal.im()[k] + d * (none.im()[k] - ideal.im()[k]), finite.im()[k], 1e-9, "im " + k);
            leak = Math.max(leak, Math.hypot(finite.re()[k] - ideal.re()[k], finite.im()[k] - ideal.im()[k]));
        }
        assertTrue(leak > 0.1, "Cr's FID pathways leak in: " + leak);
    }
}
