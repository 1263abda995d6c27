package org.larmor.validate;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that differ in sampling, field or nucleus are resampled onto one ppm grid and say so, or are refused with a
 * message that names the difference: never silently compared.
 */
class ComparisonMismatchTest {
    private static final CompareOptions OPTIONS = CompareOptions.defaults().withLibrary(ValidateFixtures.LIBRARY);

    private static LoadedSpectra naaAndCr(double b0T, int points, double swHz) {
        BasisSet set = BasisSimulator.simulate(ValidateFixtures.LIBRARY.select("NAA,Cr"),
                ValidateFixtures.pulseAcquire(b0T, points, swHz, 5), null);
        return ValidateFixtures.loaded(set, "pa-" + b0T + "T-" + points);
    }

    @Test
    void differentPointsAndDwellAreResampledOntoOnePpmGrid() {
        LoadedSpectra a = naaAndCr(2.89, 2048, 4000);
        LoadedSpectra b = naaAndCr(2.89, 1024, 2500);
        Comparison c = Comparison.of(a, b, OPTIONS);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("different sampling") && n.contains("common grid")),
                c.notes().toString());
        // B covers only ±5 ppm around 4.65: the grid is limited to what both cover.
        assertTrue(c.gridHighPpm() - c.gridLowPpm() < 2500 / a.spectrometerMHz());
        for (MetaboliteComparison r : c.rows()) {
            assertEquals(0, r.offsetPpm(), 1e-6, r.nameA());
            // Both are samples of the same decaying signal: the spectra agree to the FID's truncation (≈ 0.2 %).
            assertEquals(1, r.amplitudeRatio(), 0.01, r.nameA());
            assertEquals(1, r.correlation(), 1e-3, r.nameA());
            assertEquals(0, r.linewidthDifferenceHz(), 0.05, r.nameA());
        }
    }

    @Test
    void fieldsWithinFivePercentAreComparedOnThePpmAxisWithANote() {
        LoadedSpectra a = naaAndCr(2.89, 2048, 4000);
        LoadedSpectra b = naaAndCr(3.0, 2048, 4000);
        Comparison c = Comparison.of(a, b, OPTIONS);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("fields differ by 3.81 %")), c.notes().toString());
        MetaboliteComparison naa = c.rows().stream().filter(r -> r.nameA().equals("NAA")).findFirst().orElseThrow();
        // NAA's singlet sits at the same ppm at any field; its aspartate multiplets change shape with the field, which
        // moves the best overall alignment by a few 10⁻⁶ ppm.
        assertEquals(0, naa.offsetPpm(), 1e-4);
        assertEquals(naa.peakPpmA(), naa.peakPpmB(), 1e-4);
        assertEquals(0, naa.linewidthDifferenceHz(), 0.01, "the same 5 Hz broadening at both fields");
        // Same height, but 5 Hz is 3.8 % narrower in ppm at 3 T, and the multiplets differ: the least-squares
        // ratio of the shapes on the ppm axis is a little below 1.
        assertEquals(0.98, naa.amplitudeRatio(), 0.02);
    }

    @Test
    void fieldsMoreThanFivePercentApartAreRefusedUnlessAllowed() {
        LoadedSpectra a = naaAndCr(2.89, 2048, 4000);
        LoadedSpectra b = naaAndCr(7.0, 2048, 8000);
        InputException e = assertThrows(InputException.class, () -> Comparison.of(a, b, OPTIONS));
        assertTrue(e.getMessage().contains("differs from A's 123.0489 MHz by 142.2 %"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-field-mismatch"), e.getMessage());
        Comparison c = Comparison.of(a, b, OPTIONS.withFieldMismatchAllowed(true));
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("--allow-field-mismatch")), c.notes().toString());
        assertEquals(2, c.rows().size());
    }

    @Test
    void differentNucleiAreRefused() {
        LoadedSpectra a = naaAndCr(2.89, 2048, 4000);
        LoadedSpectra p31 = ValidateFixtures.with(a, "31P", a.spectrometerMHz());
        InputException e = assertThrows(InputException.class, () -> Comparison.of(a, p31, OPTIONS));
        assertTrue(e.getMessage().contains("nucleus is 31P") && e.getMessage().contains("different nuclei"),
                e.getMessage());
        // A nucleus stated by one input only is taken from it, and said.
        Comparison c = Comparison.of(a, ValidateFixtures.with(a, null, a.spectrometerMHz()), OPTIONS);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("B does not state the nucleus; taken as 1H")),
                c.notes().toString());
    }

    @Test
    void anUnstatedSpectrometerFrequencyIsRefused() {
        LoadedSpectra a = naaAndCr(2.89, 2048, 4000);
        LoadedSpectra b = ValidateFixtures.with(a, "1H", Double.NaN);
        InputException e = assertThrows(InputException.class, () -> Comparison.of(a, b, OPTIONS));
        assertTrue(e.getMessage().contains("do not state the spectrometer frequency"), e.getMessage());
    }

    @Test
    void namesAreMatchedThroughAliasesAndUnmatchedOnesAreListed() {
        LoadedSpectra a = ValidateFixtures.loaded(ValidateFixtures.press(), "press");
        Map<String, Fid> renamed = new LinkedHashMap<>();
        a.data().fids().forEach((n, f) -> renamed.put(n.equals("Ins") ? "mI" : n.equals("Cr") ? "Creatine-X" : n, f));
        LoadedSpectra b = ValidateFixtures.of("other", a.spectrometerMHz(), "1H", renamed);
        Comparison c = Comparison.of(a, b, OPTIONS);
        assertEquals(List.of("Ins", "NAA"), c.rows().stream().map(MetaboliteComparison::nameA).sorted().toList());
        assertEquals(List.of("main/Cr"), c.onlyInA());
        assertEquals(List.of("main/Creatine-X"), c.onlyInB());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("matched A's \"Ins\" with B's \"mI\"")));
        Tolerances t = Tolerances.parse(Map.of("ratio", "0.01"));
        assertEquals(2, c.violations(t, false).size(), "each unmatched metabolite fails a gate");
        assertTrue(c.violations(t, true).isEmpty(), "unless missing ones are allowed");
        assertTrue(c.violations(Tolerances.NONE, false).isEmpty(), "no tolerance, no gate");
    }

    @Test
    void noMetaboliteInCommonIsRefused() {
        LoadedSpectra a = ValidateFixtures.loaded(ValidateFixtures.press(), "press");
        Map<String, Fid> other = new LinkedHashMap<>();
        other.put("Lac", a.data().fid("NAA"));
        other.put("GABA", a.data().fid("Cr"));
        InputException e = assertThrows(InputException.class, () -> Comparison.of(a,
                ValidateFixtures.of("other", a.spectrometerMHz(), "1H", other), OPTIONS));
        assertTrue(e.getMessage().contains("no metabolite in common"), e.getMessage());
    }

    @Test
    void aSpectrumEmptyInBothPassesAndOneEmptyInOnlyOneFails() {
        Fid naa = ValidateFixtures.lines(123.2, 1024, 2.5e-4, 4, false, new double[] {2.01}, new double[] {3});
        Fid zero = Fid.zeros(1024, 2.5e-4);
        Map<String, Fid> a = new LinkedHashMap<>(Map.of("NAA", naa));
        a.put("Cr", zero);
        a.put("GABA", zero);
        Map<String, Fid> b = new LinkedHashMap<>(Map.of("NAA", naa));
        b.put("Cr", zero);
        b.put("GABA", naa);
        Comparison c = Comparison.of(ValidateFixtures.of("a", 123.2, "1H", a), ValidateFixtures.of("b", 123.2, "1H", b),
                OPTIONS);
        Tolerances t = Tolerances.parse(Map.of("correlation", "0.99"));
        List<String> v = c.violations(t, false);
        assertEquals(List.of("main/GABA: signal only in B"), v);
        assertFalse(c.toText(t, false).contains("main/Cr"));
    }
}
