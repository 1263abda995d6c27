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

    static Synthesiser synth(Path dir, String basisName, String basisSeq, String extra) throws IOException {
        Path seq = dir.resolve(basisName + ".yaml");
        Files.writeString(seq, basisSeq);
        Scenario sc = ScenarioReader.parse("t.yaml", "basis: {sequence: " + seq.toAbsolutePath() + "}\n"
                + "concentrations_mm: {Cr: {dist: uniform, min: 6, max: 10}, NAA: 12}\n"
                + "lineshape: {shift_hz: {dist: uniform, min: -2, max: 2}}\n" + extra,
                Path.of("").toAbsolutePath(), List.of());
        return new Synthesiser(sc, SynthBasis.load(sc, Path.of("spin-systems")));
    }

    static final String FINITE = SPIN_ECHO + "coherence_selection: crushers\n"
            + "finite_crushers: {directions: [{area_mt_ms_per_m: 0.2, axis: y}], fov_mm: [40, 40, 40],"
            + " positions: 512}\n";

    /**
     * The spurious_echoes term adds s·c_m·Δ_m with Δ_m = (basis with finite crushers) − (basis): at s = 1 the
     * spectrum is the one synthesised from the finite-crusher basis itself; at s = 0 the one without the term (its
     * own random stream leaves every other draw as it was).
     */
    @Test
    void theSpuriousEchoTermAddsTheFiniteCrusherDifferenceWithItsDrawnScale(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("finite.yaml"), FINITE);
        String ideal = SPIN_ECHO + "coherence_selection: crushers\n";
        Synthesiser plain = synth(dir, "ideal", ideal, "");
        Synthesiser fromFinite = synth(dir, "finite-basis", FINITE, "");
        Synthesiser one = synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("finite.yaml")
                + "}\n");
        Synthesiser zero = synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("finite.yaml")
                + ", scale: 0}\n");
        Synthesiser drawn = synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("finite.yaml")
                + ", scale: {dist: uniform, min: 0.2, max: 0.8}}\n");
        assertTrue(one.termNames().contains("spurious_echoes"));
        for (long i = 0; i < 3; i++) {
            Sample p = plain.generate(7, i, false, false);
            Sample f = fromFinite.generate(7, i, false, false);
            Sample s1 = one.generate(7, i, false, false);
            Sample s0 = zero.generate(7, i, false, false);
            Sample sd = drawn.generate(7, i, false, false);
            assertEquals(1, s1.value("spurious_echoes.scale"));
            double s = sd.value("spurious_echoes.scale");
            assertTrue(s >= 0.2 && s <= 0.8);
            double peak = 0;
            for (int t = 0; t < p.fid().points(); t++) {
                peak = Math.max(peak, Math.hypot(p.fid().re()[t], p.fid().im()[t]));
            }
            double leak = 0;
            for (int t = 0; t < p.fid().points(); t++) {
                assertEquals(f.fid().re()[t], s1.fid().re()[t], 1e-9 * peak, "s = 1, re " + t);
                assertEquals(f.fid().im()[t], s1.fid().im()[t], 1e-9 * peak, "s = 1, im " + t);
                assertEquals(p.fid().re()[t], s0.fid().re()[t], 0, "s = 0, re " + t);
                assertEquals(p.fid().im()[t], s0.fid().im()[t], 0, "s = 0, im " + t);
                double dr = p.fid().re()[t] + s * (f.fid().re()[t] - p.fid().re()[t]);
                double di = p.fid().im()[t] + s * (f.fid().im()[t] - p.fid().im()[t]);
                assertEquals(dr, sd.fid().re()[t], 1e-9 * peak, "drawn s, re " + t);
                assertEquals(di, sd.fid().im()[t], 1e-9 * peak, "drawn s, im " + t);
                leak = Math.max(leak, Math.hypot(f.fid().re()[t] - p.fid().re()[t], f.fid().im()[t] - p.fid().im()[t]));
            }
            assertTrue(leak > 0.05 * peak, "the spurious echoes are visible: " + leak / peak);
        }
    }

    @Test
    void spuriousEchoesNeedASimulatedBasisAndAFiniteCrusherSequenceOfTheSameAcquisition(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("finite.yaml"), FINITE);
        Files.writeString(dir.resolve("ideal.yaml"), SPIN_ECHO + "coherence_selection: crushers\n");
        Files.writeString(dir.resolve("other.yaml"), FINITE.replace("points: 1024", "points: 2048"));
        String ideal = SPIN_ECHO + "coherence_selection: crushers\n";
        var noFinite = org.junit.jupiter.api.Assertions.assertThrows(org.larmor.input.InputException.class,
                () -> synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("ideal.yaml") + "}\n"));
        assertTrue(noFinite.getMessage().contains("has no finite_crushers"), noFinite.getMessage());
        var grid = org.junit.jupiter.api.Assertions.assertThrows(org.larmor.input.InputException.class,
                () -> synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("other.yaml") + "}\n"));
        assertTrue(grid.getMessage().contains("must have the basis sequence's field, nucleus and acquisition"),
                grid.getMessage());
        var scale = org.junit.jupiter.api.Assertions.assertThrows(org.larmor.input.InputException.class,
                () -> synth(dir, "ideal", ideal, "spurious_echoes: {sequence: " + dir.resolve("finite.yaml")
                        + ", scale: -1}\n"));
        assertTrue(scale.getMessage().contains("spurious_echoes.scale"), scale.getMessage());
    }
}
