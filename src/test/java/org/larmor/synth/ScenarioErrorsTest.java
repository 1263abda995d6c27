package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.SpinLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A malformed scenario is an error that names the file, line and field, and what was expected. */
class ScenarioErrorsTest {
    private static InputException error(String yaml) {
        return assertThrows(InputException.class, () -> SynthFixtures.scenario(yaml));
    }

    private static void assertMessage(InputException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void unknownKeysAreLocatedWithASuggestion() {
        assertMessage(error("concentrations_mm: {NAA: 10}\nlineshap: {gaussian_hz: 3}\n"),
                "test.yaml:3", "field 'lineshap'", "unknown key", "did you mean 'lineshape'");
        assertMessage(error("concentrations_mm: {NAA: 10}\nlineshape:\n  gausian_hz: 3\n"),
                "test.yaml:4", "field 'lineshape.gausian_hz'", "did you mean 'gaussian_hz'");
        assertMessage(error("concentrations_mm: {NAA: 10}\ntransients: {averages: 4, drift_hz: 1}\n"),
                "field 'transients.drift_hz'", "drift_hz_per_s");
    }

    @Test
    void impossibleBoundsAndContradictionsAreErrors() {
        assertMessage(error("concentrations_mm:\n  NAA: {dist: uniform, min: 12, max: 8}\n"),
                "test.yaml:3", "field 'concentrations_mm.NAA'", "min 12 is greater than max 8");
        assertMessage(error("concentrations_mm:\n  NAA: {dist: truncated_normal, mean: 10, sd: 0.1, min: 20,"
                + " max: 30}\n"), "impossible truncated normal", "holds probability");
        assertMessage(error("concentrations_mm: {NAA: 10}\nnoise: {snr: {dist: log_normal, median: -3, sigma: 1}}\n"),
                "noise.snr", "median must be positive");
        assertMessage(error("concentrations_mm: {NAA: 10}\nmetabolite_lineshape:\n  shift_hz: {dist: normal,"
                + " mean: 0, sd: -1}\n"), "sd must not be negative");
        assertMessage(error("concentrations_mm: {NAA: -1}\n"), "expected a value from 0");
        assertMessage(error("concentrations_mm: {NAA: 10}\nlineshape: {gaussian_hz: 3, linewidth_hz: 6}\n"),
                "either gaussian_hz or linewidth_hz");
        assertMessage(error("concentrations_mm: {NAA: 10}\nnoise: {snr: 20, sd: 1}\n"), "exactly one of snr");
        assertMessage(error("concentrations_mm: {NAA: 10}\nmacromolecules: {model: birch-9t, scale: 1}\n"),
                "unknown macromolecules model \"birch-9t\"", "birch-3t", "lcmodel");
        assertMessage(error("concentrations_mm: {NAA: 10}\nmacromolecules: {model: lcmodel}\n"),
                "macromolecules.scale", "missing required field");
        assertMessage(error("concentrations_mm: {NAA: 10, n_a_a: 3}\n"), "listed twice");
        assertMessage(error("concentrations_mm: {NAA: 10}\nmetabolite_lineshape:\n  per_metabolite: {Cr: {"
                + "lorentzian_hz: 2}}\n"), "\"Cr\" has no concentration");
        assertMessage(error("concentrations_mm: {preset: healthy-grey-matter-of-mars}\n"),
                "preset \"healthy-grey-matter-of-mars\" not found");
        assertMessage(assertThrows(InputException.class, () -> ScenarioReader.parse("t.yaml",
                "basis: {sequence: no/such/file.yaml}\nconcentrations_mm: {NAA: 1}\n", Path.of("."), List.of())),
                "t.yaml:1", "file or folder not found");
        assertMessage(assertThrows(InputException.class, () -> ScenarioReader.parse("t.yaml",
                "concentrations_mm: {NAA: 1}\n", Path.of("."), List.of())), "field 'basis'", "missing");
    }

    @Test
    void targetsNeedTheirReferenceAndWindowsInsideTheSpectrum() {
        Scenario noRef = SynthFixtures.scenario("concentrations_mm: {Cr: 8}\nnoise: {snr: 30}\n");
        assertMessage(assertThrows(InputException.class, () -> new Synthesiser(noRef, SynthFixtures.bind(noRef,
                SynthFixtures.singlets()))), "reference metabolite \"NAA\"", "lineshape.reference");
        Scenario window = SynthFixtures.scenario("concentrations_mm: {NAA: 8}\nnoise: {snr: 30, noise_window_ppm:"
                + " [-30, -25]}\n");
        assertMessage(assertThrows(InputException.class, () -> new Synthesiser(window, SynthFixtures.bind(window,
                SynthFixtures.singlets()))), "noise.noise_window_ppm", "outside the spectrum");
    }

    @Test
    void aBasisMissingARequestedMetaboliteIsAnErrorAtItsLineAndAliasesMatch(@TempDir Path tmp) throws Exception {
        // A basis from another tool, as FSL-MRS JSON: NAA, Cr and Ins (myo-inositol).
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        BasisSet set = BasisSimulator.simulate(lib.select("NAA,Cr,Ins"),
                SequenceReader.read(Path.of("sequences/press-te30-3t.yaml")), null);
        BasisWriters.write(set, EnumSet.of(Format.FSL), tmp.resolve("basis"));
        Path fsl = tmp.resolve("basis/fsl");
        Scenario ok = ScenarioReader.parse("s.yaml", "basis: {fsl: " + fsl + "}\nconcentrations_mm:\n"
                + "  N-acetylaspartate: 10\n  mI: 6\n  creatine: 4\n", tmp, List.of());
        SynthBasis b = SynthBasis.load(ok, Path.of("spin-systems"));
        assertEquals(List.of("NAA", "Ins", "Cr"), b.basisNames(), "aliases resolved through the spin library");
        assertEquals(1.0, b.intrinsicLorentzianHz(), 0.05, "the sequence's 1 Hz Lorentzian, measured on NAA");
        Scenario missing = ScenarioReader.parse("s.yaml", "basis: {fsl: " + fsl + "}\nconcentrations_mm:\n"
                + "  NAA: 10\n  Glu: 8\n", tmp, List.of());
        InputException e = assertThrows(InputException.class, () -> SynthBasis.load(missing, Path.of("spin-systems")));
        assertMessage(e, "s.yaml:4", "field 'Glu'", "has no metabolite \"Glu\"", "NAA");
        Scenario twice = ScenarioReader.parse("s.yaml", "basis: {fsl: " + fsl + "}\nconcentrations_mm:\n"
                + "  mI: 6\n  myo-inositol: 3\n", tmp, List.of());
        assertMessage(assertThrows(InputException.class, () -> SynthBasis.load(twice, Path.of("spin-systems"))),
                "s.yaml:4", "are the same basis spectrum \"Ins\"");
        Scenario simulated = ScenarioReader.parse("s.yaml", "basis: {sequence: " + Path.of(
                "sequences/press-te30-3t.yaml").toAbsolutePath() + "}\nconcentrations_mm:\n  NAA: 10\n"
                + "  Unobtainium: 1\n", tmp, List.of());
        assertMessage(assertThrows(InputException.class, () -> SynthBasis.load(simulated, Path.of("spin-systems"))),
                "s.yaml:4", "Unobtainium", "no spin system");
        assertTrue(Files.list(tmp).allMatch(p -> p.getFileName().toString().equals("basis")), "nothing written");
    }
}
