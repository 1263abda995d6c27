package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edited scans acquired as a scanner acquires them: ON and OFF interleaved shot by shot, SNR defined on OFF, and
 * DIFF made from the noisy averaged sub-spectra.
 */
class EditedScanTest {
    /**
     * A two-condition basis: NAA and Cr the same in ON and OFF (they must cancel in DIFF), and "Edited", a 3.5 ppm
     * doublet-like pair that the editing pulse turns from (+1, +1) in OFF to (+1, −1)… modelled simply as a singlet
     * of amplitude +1 in ON and −1 in OFF, so DIFF holds twice it.
     */
    static SynthBasis editedBasis(Scenario sc) {
        Map<String, Fid> off = SynthFixtures.singlets();
        Map<String, Fid> on = new LinkedHashMap<>(off);
        off.put("Edited", SynthFixtures.lines(new double[] {3.5}, new double[] {-1}));
        on.put("Edited", SynthFixtures.lines(new double[] {3.5}, new double[] {1}));
        List<String> names = new ArrayList<>();
        List<Fid> fOn = new ArrayList<>();
        List<Fid> fOff = new ArrayList<>();
        for (Scenario.Metabolite m : sc.metabolites()) {
            names.add(m.name());
            fOn.add(on.get(m.name()));
            fOff.add(off.get(m.name()));
        }
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("ON", 1.0);
        w.put("OFF", -1.0);
        return new SynthBasis("test", names, names, List.of("ON", "OFF"), List.of(fOn, fOff),
                List.of(new Sequence.Combination("DIFF", w)), SynthFixtures.MHZ, SynthFixtures.REF, "1H", 0.068, 0, 0,
                1);
    }

    static Synthesiser edited(String yaml) {
        Scenario sc = SynthFixtures.scenario("editing: {}\n" + yaml);
        return new Synthesiser(sc, editedBasis(sc));
    }

    private static final String METABOLITES = """
            concentrations_mm:
              NAA: 10
              Cr: 8
              Edited: 50
            lineshape:
              gaussian_hz: 4
            metabolite_lineshape:
              lorentzian_hz: 2
            """;

    @Test
    void diffNoiseIsRootTwoTimesTheOffNoiseAndSnrIsDefinedOnOff() {
        Synthesiser s = edited(METABOLITES + """
                noise:
                  snr: 50
                transients:
                  averages: 8
                """);
        assertEquals("OFF", s.referenceCondition());
        double sumOff = 0;
        double sumOn = 0;
        double sumDiff = 0;
        double snrRatio = 0;
        int draws = 40;
        for (int i = 0; i < draws; i++) {
            Sample x = s.generate(3, i, true, false);
            double sigma = x.value("noise_sd");
            Fid nOn = x.component("noise", 0);
            Fid nOff = x.component("noise", 1);
            sumOn += variance(nOn.re(), null) / (sigma * sigma);
            sumOff += variance(nOff.re(), null) / (sigma * sigma);
            sumDiff += variance(nOn.re(), nOff.re()) / (sigma * sigma);
            // DIFF is ON − OFF of the noisy sub-spectra, exactly.
            Fid diff = x.combination("DIFF", 0);
            for (int k = 0; k < diff.points(); k += 97) {
                assertEquals(x.fid(0, 0).re()[k] - x.fid(0, 1).re()[k], diff.re()[k], 1e-12);
            }
            Spectrum off = Spectrum.of(x.fid("OFF"), SynthFixtures.MHZ, SynthFixtures.REF);
            snrRatio += SpectralMetrics.snr(off, 1.9, 2.1, -2, 0) / x.value("snr_target");
        }
        assertEquals(1, sumOn / draws, 0.02, "ON noise variance / σ²");
        assertEquals(1, sumOff / draws, 0.02, "OFF noise variance / σ²");
        assertEquals(2, sumDiff / draws, 0.04, "DIFF noise variance / σ²: √2·σ");
        assertEquals(1, snrRatio / draws, 0.03, "SNR measured on OFF equals the target");
    }

    private static double variance(double[] a, double[] minus) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double v = a[k] - (minus == null ? 0 : minus[k]);
            s += v * v;
        }
        return s / a.length;
    }

    @Test
    void subtractionArtefactsVanishWithoutDriftOrMotionAndGrowLinearlyWithDrift() {
        double[] residual = new double[3];
        double[] rates = {0, 0.01, 0.02};
        for (int r = 0; r < rates.length; r++) {
            Synthesiser s = edited(METABOLITES.replace("Edited: 50", "Edited: 0") + """
                    repetition_time_s: 2
                    transients:
                      averages: 16
                      drift_hz_per_s: %s
                    """.formatted(rates[r]));
            Sample x = s.generate(5, 0, false, false);
            Spectrum off = Spectrum.of(x.fid("OFF"), SynthFixtures.MHZ, SynthFixtures.REF);
            Spectrum diff = Spectrum.of(x.combination("DIFF", 0), SynthFixtures.MHZ, SynthFixtures.REF);
            residual[r] = maxAbs(diff, 1.9, 2.1) / maxAbs(off, 1.9, 2.1);
        }
        assertTrue(residual[0] < 1e-12, "NAA cancels exactly without drift: " + residual[0]);
        assertTrue(residual[1] > 1e-3, "drift between ON and OFF leaves NAA in DIFF: " + residual[1]);
        // Each OFF shot is one TR after its ON shot: a frequency difference of rate·TR, so the residual of a line
        // is proportional to the rate for small rates.
        assertEquals(2, residual[2] / residual[1], 0.05, "subtraction artefact linear in the drift rate");
    }

    @Test
    void theEditedSignalIsInDiffWhateverTheDrift() {
        for (double rate : new double[] {0, 0.02}) {
            Synthesiser s = edited(METABOLITES + """
                    repetition_time_s: 2
                    transients:
                      averages: 16
                      drift_hz_per_s: %s
                    """.formatted(rate));
            Sample x = s.generate(5, 0, false, false);
            Spectrum off = Spectrum.of(x.fid("OFF"), SynthFixtures.MHZ, SynthFixtures.REF);
            Spectrum diff = Spectrum.of(x.combination("DIFF", 0), SynthFixtures.MHZ, SynthFixtures.REF);
            // Twice its OFF size (the tails of the other lines add about 1 % in OFF).
            assertEquals(2, maxAbs(diff, 3.45, 3.55) / maxAbs(off, 3.45, 3.55), 0.04);
        }
    }

    private static double maxAbs(Spectrum s, double lo, double hi) {
        double best = 0;
        for (int k = 0; k < s.re().length; k++) {
            if (s.ppm(k) >= lo && s.ppm(k) <= hi) {
                best = Math.max(best, Math.hypot(s.re()[k], s.im()[k]));
            }
        }
        return best;
    }

    @Test
    void shotsAreInterleavedOnePerRepetition() {
        Synthesiser s = edited(METABOLITES + """
                repetition_time_s: 1.5
                transients:
                  averages: 3
                  drift_hz_per_s: 0.1
                """);
        Sample x = s.generate(1, 0, false, false);
        double[] shift = x.values("transient_shift_hz");
        assertEquals(6, shift.length);
        for (int k = 0; k < 6; k++) {
            // shot k (average k/2, condition k%2) starts at k·TR
            assertEquals(0.1 * 1.5 * k, shift[k], 1e-12);
        }
        assertEquals(s.layout().shot(0, 1, 1), 3);
    }

    @Test
    void coEditedMacromoleculesAppearInDiffOnly() {
        Synthesiser s = edited(METABOLITES + """
                edited_mm:
                  fwhm_ppm: 0.1
                  amplitude: 5
                """);
        Sample x = s.generate(2, 0, true, false);
        double[] perCondition = x.values("edited_mm.condition_amplitude");
        assertArrayEquals(new double[] {5, 0}, perCondition);
        Spectrum onMm = Spectrum.of(x.component("macromolecules", 0), SynthFixtures.MHZ, SynthFixtures.REF);
        Spectrum offMm = Spectrum.of(x.component("macromolecules", 1), SynthFixtures.MHZ, SynthFixtures.REF);
        assertTrue(maxAbs(onMm, 2.9, 3.1) > 0);
        assertEquals(0, maxAbs(offMm, 2.9, 3.1));
        // Its area in ON is its FID amplitude at t = 0 (Gaussian line, unit-area convention of Lines).
        assertEquals(5, Math.hypot(x.component("macromolecules", 0).re()[0], x.component("macromolecules", 0)
                .im()[0]), 1e-9);
    }

    @Test
    void aDifferenceSpectrumWithoutTheReferenceSingletIsRefusedForSnr() {
        // A DIFF basis as a file holds it: NAA cancels (a residual of 10⁻⁴), the edited line stays.
        Scenario sc = SynthFixtures.scenario(METABOLITES + "noise: {snr: 30}\n");
        Map<String, Fid> diff = new LinkedHashMap<>(SynthFixtures.singlets());
        diff.put("NAA", SynthFixtures.lines(new double[] {2.008}, new double[] {3e-4}));
        diff.put("Cr", SynthFixtures.lines(new double[] {3.027}, new double[] {1e-4}));
        diff.put("Edited", SynthFixtures.lines(new double[] {3.5}, new double[] {2}));
        var e = assertThrows(org.larmor.input.InputException.class,
                () -> new Synthesiser(sc, SynthFixtures.bind(sc, diff)));
        assertTrue(e.getMessage().contains("almost no signal"), e.getMessage());
        // With the singlet present it is accepted.
        diff.put("NAA", SynthFixtures.lines(new double[] {2.008}, new double[] {3}));
        new Synthesiser(sc, SynthFixtures.bind(sc, diff));
    }

    @Test
    void aSimulatedDiffChosenAsTheBasisIsRefusedWhenTheSnrNeedsTheReference() {
        Scenario sc = ScenarioReader.parse("t.yaml", """
                basis: {sequence: sequences/mega-press-te68-3t.yaml, condition: DIFF, points: 1024}
                concentrations_mm: {NAA: 10, GABA: 1}
                noise: {snr: 30}
                """, Path.of("").toAbsolutePath(), List.of());
        var e = assertThrows(org.larmor.input.InputException.class, () -> SynthBasis.load(sc, Path.of("spin-systems")));
        assertTrue(e.getMessage().contains("editing:"), e.getMessage());
    }

    @Test
    void anUnknownSnrConditionIsRefused() {
        Scenario sc = SynthFixtures.scenario("editing: {snr_condition: MIDDLE}\n" + METABOLITES);
        var e = assertThrows(org.larmor.input.InputException.class, () -> new Synthesiser(sc, editedBasis(sc)));
        assertTrue(e.getMessage().contains("MIDDLE"), e.getMessage());
    }

    @Test
    void threadCountDoesNotChangeAByteOfAnEditedDataset(@TempDir Path tmp) throws IOException {
        Synthesiser s = edited(METABOLITES + """
                repetition_time_s: 2
                noise: {snr: 40}
                transients:
                  averages: 4
                  drift_hz_per_s: {dist: uniform, min: -0.05, max: 0.05}
                  phase_jitter_deg: 3
                coils: {count: 2}
                """);
        for (int threads : new int[] {1, 2}) {
            Dataset.write(s, tmp.resolve("t" + threads), new Dataset.Options(24, 9, 5, threads, true, true, true,
                    false, false), "x", null);
        }
        List<Path> files;
        try (Stream<Path> w = Files.walk(tmp.resolve("t1"))) {
            files = w.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() > 20);
        for (Path f : files) {
            Path other = tmp.resolve("t2").resolve(tmp.resolve("t1").relativize(f));
            if (f.getFileName().toString().equals("manifest.json") || f.getFileName().toString().equals("run.json")) {
                continue;
            }
            assertTrue(Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)), f.toString());
        }
    }
}
