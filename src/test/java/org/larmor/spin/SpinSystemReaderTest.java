package org.larmor.spin;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad spin-system files give one clear message: file, line, field and what was expected. */
class SpinSystemReaderTest {
    static final String HEAD = "name: Lac\nsource: test\nsubsystems:\n  - spins:\n";

    static InputException fails(String yaml) {
        return assertThrows(InputException.class, () -> SpinSystemReader.parse("lac.yaml", yaml));
    }

    @Test
    void readsAValidSystem() {
        SpinSystem s = SpinSystemReader.parse("lac.yaml", HEAD
                + "      - {label: H2, shift_ppm: 4.0974}\n"
                + "      - {label: H3, shift_ppm: 1.3142, count: 3}\n"
                + "    couplings:\n      - {between: [H2, H3], j_hz: 6.933}\n");
        assertEquals("Lac", s.name());
        assertEquals(4, s.subsystems().get(0).expandedSpinCount());
        assertEquals(6.933, s.subsystems().get(0).couplingMatrixHz()[0][1]);
        assertEquals(4.0, s.weightedSpinCount(Nucleus.H1));
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndASuggestion() {
        InputException e = fails(HEAD + "      - {label: H2, shift_pmm: 4.0974}\n");
        assertEquals(5, e.location().line());
        assertEquals("subsystems[0].spins[0].shift_pmm", e.field());
        assertTrue(e.getMessage().startsWith("lac.yaml:5:"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'shift_ppm'"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        InputException e = fails(HEAD + "      - {label: H2}\n");
        assertEquals("subsystems[0].spins[0].shift_ppm", e.field());
        assertTrue(e.getMessage().contains("missing required field"), e.getMessage());
        InputException noSource = assertThrows(InputException.class, () -> SpinSystemReader.parse("x.yaml",
                "name: X\nsubsystems: []\n"));
        assertEquals("source", noSource.field());
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        InputException e = fails(HEAD + "      - {label: H2, shift_ppm: four}\n");
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("expected a number, got the text \"four\""), e.getMessage());
        InputException count = fails(HEAD + "      - {label: H2, shift_ppm: 4, count: 2.5}\n");
        assertTrue(count.getMessage().contains("whole number"), count.getMessage());
    }

    @Test
    void couplingToAnUnknownSpinIsRefused() {
        InputException e = fails(HEAD + "      - {label: H2, shift_ppm: 4.1}\n      - {label: H3, shift_ppm: 1.3}\n"
                + "    couplings:\n      - {between: [H2, H4], j_hz: 6.9}\n");
        assertEquals(8, e.location().line());
        assertTrue(e.getMessage().contains("\"H4\""), e.getMessage());
        assertTrue(e.getMessage().contains("H2, H3") || e.getMessage().contains("H3, H2"), e.getMessage());
    }

    @Test
    void duplicateAndConflictingCouplingsAreRefused() {
        String spins = "      - {label: H2, shift_ppm: 4.1}\n      - {label: H3, shift_ppm: 1.3}\n    couplings:\n"
                + "      - {between: [H2, H3], j_hz: 6.9}\n";
        InputException dup = fails(HEAD + spins + "      - {between: [H3, H2], j_hz: 6.9}\n");
        assertTrue(dup.getMessage().contains("duplicate coupling between H3 and H2; first written at line 8"),
                dup.getMessage());
        assertEquals(9, dup.location().line());
        InputException conflict = fails(HEAD + spins + "      - {between: [H2, H3], j_hz: 7.2}\n");
        assertTrue(conflict.getMessage().contains("conflicting coupling (6.9 Hz vs 7.2 Hz)"), conflict.getMessage());
    }

    @Test
    void duplicateYamlKeyIsRefused() {
        InputException e = fails(HEAD + "      - {label: H2, shift_ppm: 4.1, shift_ppm: 4.2}\n");
        assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
    }

    @Test
    void aSystemTooLargeForMemoryIsRefusedWithTheSizeItWouldNeed() {
        StringBuilder y = new StringBuilder(HEAD);
        for (int i = 0; i < 14; i++) {
            y.append("      - {label: H").append(i).append(", shift_ppm: ").append(1 + 0.1 * i).append("}\n");
        }
        y.append("    couplings:\n");
        for (int i = 0; i < 13; i++) {
            y.append("      - {between: [H").append(i).append(", H").append(i + 1).append("], j_hz: 7}\n");
        }
        InputException e = fails(y.toString());
        assertTrue(e.getMessage().contains("too large to simulate: 14 coupled 1H spins"), e.getMessage());
        assertTrue(e.getMessage().contains("GiB"), e.getMessage());
        assertEquals(4, e.location().line());
    }

    @Test
    void equivalentGroupsCountTowardTheLimitButUncoupledSpinsDoNot() {
        // 20 uncoupled protons are 20 one-spin clusters: fine.
        StringBuilder y = new StringBuilder(HEAD);
        for (int i = 0; i < 20; i++) {
            y.append("      - {label: H").append(i).append(", shift_ppm: ").append(1 + 0.1 * i).append("}\n");
        }
        SpinSystemReader.parse("many.yaml", y.toString());
        // A 3-spin chain with a 12-proton group is 14 coupled spins: refused.
        InputException e = fails(HEAD + "      - {label: A, shift_ppm: 4}\n      - {label: B, shift_ppm: 1, count: 12}\n"
                + "      - {label: C, shift_ppm: 2}\n    couplings:\n      - {between: [A, B], j_hz: 7}\n"
                + "      - {between: [B, C], j_hz: 7}\n");
        assertTrue(e.getMessage().contains("14 coupled"), e.getMessage());
    }

    @Test
    void invalidYamlReportsItsPosition() {
        InputException e = fails("name: [unclosed\nsource: x\n");
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.location().line() > 0);
    }

    @Test
    void lcmodelNameLongerThanSixCharactersIsRefused() {
        InputException e = assertThrows(InputException.class, () -> SpinSystemReader.parse("g.yaml",
                "name: GABA_gov\nsource: x\nsubsystems:\n  - spins:\n      - {label: H, shift_ppm: 3}\n"));
        assertTrue(e.getMessage().contains("lcmodel_name"), e.getMessage());
    }

    @Test
    void aliasesResolveCaseAndPunctuationInsensitivelyAndClashesAreRefused() {
        SpinSystem ins = SpinSystemReader.parse("ins.yaml", "name: Ins\naliases: [mI, myo-Ins]\nsource: x\n"
                + "subsystems:\n  - spins:\n      - {label: H, shift_ppm: 3.5}\n");
        SpinSystem other = SpinSystemReader.parse("x.yaml", "name: Other\naliases: [MYO_INS]\nsource: x\n"
                + "subsystems:\n  - spins:\n      - {label: H, shift_ppm: 3.5}\n");
        SpinLibrary lib = new SpinLibrary(java.util.List.of(ins));
        assertEquals("Ins", lib.find("mi").orElseThrow().name());
        assertEquals("Ins", lib.find("Myo Ins").orElseThrow().name());
        InputException twice = assertThrows(InputException.class, () -> lib.select("Ins,mI"));
        assertTrue(twice.getMessage().contains("selected twice"), twice.getMessage());
        InputException unknown = assertThrows(InputException.class, () -> lib.select("NAA"));
        assertTrue(unknown.getMessage().contains("unknown metabolite \"NAA\"; known: Ins"), unknown.getMessage());
        InputException clash = assertThrows(InputException.class,
                () -> new SpinLibrary(java.util.List.of(ins, other)));
        assertTrue(clash.getMessage().contains("already used by Ins"), clash.getMessage());
    }

    @Test
    void anOverlongLcmodelNameIsReportedAtTheFieldThatSetsIt() {
        // Without lcmodel_name the canonical name is used, so the error points at 'name' (line 1) ...
        InputException fromName = assertThrows(InputException.class, () -> SpinSystemReader.parse("g.yaml",
                "name: GABA_gov\nsource: x\nsubsystems:\n  - spins:\n      - {label: H, shift_ppm: 3}\n"));
        assertEquals("name", fromName.field());
        assertEquals(1, fromName.location().line());
        // ... and with one, at 'lcmodel_name' (line 3), the value the user must shorten.
        InputException fromField = assertThrows(InputException.class, () -> SpinSystemReader.parse("g.yaml",
                "name: GABA\nsource: x\nlcmodel_name: GABAgov\nsubsystems:\n  - spins:\n"
                        + "      - {label: H, shift_ppm: 3}\n"));
        assertEquals("lcmodel_name", fromField.field());
        assertEquals(3, fromField.location().line());
        assertTrue(fromField.getMessage().contains("\"GABAgov\""), fromField.getMessage());
    }

    @Test
    void theSingleMapFormOfRelaxationIsReadAsOnePublishedEntryInSeconds() {
        SpinSystem s = SpinSystemReader.parse("naa.yaml", HEAD + "      - {label: H, shift_ppm: 2.008, count: 3}\n"
                + "relaxation: {t1_ms: 1400, t2_ms: 247, field_t: 3, source: test}\n");
        assertNull(s.relaxation(), "nothing is applied until a simulation picks a field");
        RelaxationEntry e = s.publishedRelaxation().get(0);
        assertEquals(1, s.publishedRelaxation().size());
        assertEquals(1.4, e.t1S(), 1e-12);
        assertEquals(0.247, e.t2S(), 1e-12);
        assertEquals(3.0, e.fieldT());
        assertEquals("test", e.citation());
        assertEquals(6, e.line());
        RelaxationEntry t2Only = SpinSystemReader.parse("naa.yaml", HEAD + "      - {label: H, shift_ppm: 2.008}\n"
                + "relaxation: {t2_ms: 100, field_t: 7, source: test}\n").publishedRelaxation().get(0);
        assertTrue(Double.isNaN(t2Only.t1S()));
        assertEquals(0.1, t2Only.t2S(), 1e-12);
        RelaxationEntry t1Only = SpinSystemReader.parse("naa.yaml", HEAD + "      - {label: H, shift_ppm: 2.008}\n"
                + "relaxation: {t1_ms: 1000, field_t: 7, source: test}\n").publishedRelaxation().get(0);
        assertEquals(1.0, t1Only.t1S(), 1e-12);
        assertTrue(Double.isNaN(t1Only.t2S()));
        assertTrue(SpinSystemReader.parse("naa.yaml", HEAD + "      - {label: H, shift_ppm: 2.008}\n")
                .publishedRelaxation().isEmpty());
        InputException neither = fails(HEAD + "      - {label: H, shift_ppm: 2.008}\n"
                + "relaxation: {field_t: 3, source: test}\n");
        assertEquals(6, neither.location().line());
        assertTrue(neither.getMessage().contains("give t1_ms, t2_ms or both"), neither.getMessage());
    }

    static final String REFS = "references:\n  mly: Mlynarik V et al. NMR Biomed 2001;14:325-331.\n"
            + "  wys: Wyss PO et al. Magn Reson Med 2018;80:452-461.\n";

    @Test
    void relaxationIsAListPerFieldWithReferencesResolvedToTheirCitations() {
        SpinSystem s = SpinSystemReader.parse("naa.yaml", HEAD + "      - {label: H, shift_ppm: 2.008, count: 3}\n"
                + REFS + "relaxation:\n"
                + "  - {field_t: 3, t1_ms: 1470, ref: mly, resonance: CH3 2.01 ppm}\n"
                + "  - {field_t: 3, t2_ms: 258, ref: wys}\n"
                + "  - {field_t: 7, t2_ms: 155, source: in place}\n");
        List<RelaxationEntry> t = s.publishedRelaxation();
        assertEquals(3, t.size());
        assertEquals("Mlynarik V et al. NMR Biomed 2001;14:325-331.", t.get(0).citation());
        assertEquals("mly", t.get(0).key());
        assertEquals("CH3 2.01 ppm", t.get(0).resonance());
        assertEquals(0.258, t.get(1).t2S(), 1e-12);
        assertEquals("in place", t.get(2).citation());
        assertNull(t.get(2).key());
    }

    @Test
    void badRelaxationEntriesAreLocated() {
        String head = HEAD + "      - {label: H, shift_ppm: 2.008}\n" + REFS + "relaxation:\n";
        InputException unknown = fails(head + "  - {field_t: 3, t1_ms: 1470, ref: mlynarik}\n");
        assertEquals(10, unknown.location().line());
        assertTrue(unknown.getMessage().contains("unknown reference \"mlynarik\"; known (the file's references: and references.yaml beside it): mly, wys"),
                unknown.getMessage());
        InputException twice = fails(head + "  - {field_t: 3, t1_ms: 1470, ref: mly}\n"
                + "  - {field_t: 3, t1_ms: 1300, ref: wys}\n");
        assertEquals(11, twice.location().line());
        assertTrue(twice.getMessage().contains("a second T1 at 3.0 T (the first is at line 10)"), twice.getMessage());
        InputException noSource = fails(head + "  - {field_t: 3, t1_ms: 1470}\n");
        assertTrue(noSource.getMessage().contains("give source (a full citation) or ref"), noSource.getMessage());
        InputException both = fails(head + "  - {field_t: 3, t1_ms: 1470, ref: mly, source: x}\n");
        assertTrue(both.getMessage().contains("give source or ref, not both"), both.getMessage());
        InputException noField = fails(head + "  - {t1_ms: 1470, ref: mly}\n");
        assertTrue(noField.getMessage().contains("field_t"), noField.getMessage());
    }

    @Test
    void aShiftOrCouplingFromAnotherPaperCarriesItsOwnCitation() {
        SpinSystem s = SpinSystemReader.parse("lac.yaml", "name: Lac\nsource: main paper\n" + REFS
                + "subsystems:\n  - spins:\n"
                + "      - {label: H2, shift_ppm: 4.0974, ref: mly}\n"
                + "      - {label: H3, shift_ppm: 1.3142, count: 3}\n"
                + "    couplings:\n      - {between: [H2, H3], j_hz: 6.933, source: another paper}\n");
        assertEquals(java.util.Map.of("Lac/H2", "Mlynarik V et al. NMR Biomed 2001;14:325-331.",
                "Lac/H2~H3", "another paper"), s.valueSources());
        InputException e = fails(HEAD + "      - {label: H2, shift_ppm: 4.0974, ref: nowhere}\n");
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("unknown reference \"nowhere\"; known (the file's references: and references.yaml beside it): none"),
                e.getMessage());
    }

    @Test
    void anUnknownNucleusIsNamedWithTheKnownOnes() {
        InputException e = fails(HEAD + "      - {label: H, shift_ppm: 2}\n      - {label: D, nucleus: 7Li}\n");
        assertEquals("subsystems[0].spins[1].nucleus", e.field());
        assertEquals(6, e.location().line());
        assertTrue(e.getMessage().contains("unknown nucleus \"7Li\"; known: 1H, 2H, 13C, 14N, 15N, 19F, 31P"),
                e.getMessage());
        SpinSystem pch = SpinSystemReader.parse("p.yaml", HEAD + "      - {label: H, shift_ppm: 4.28}\n"
                + "      - {label: P, nucleus: 31P}\n    couplings:\n      - {between: [H, P], j_hz: 6.0}\n");
        Spin p = pch.subsystems().get(0).spins().get(1);
        assertEquals(Nucleus.P31, p.nucleus());
        assertTrue(Double.isNaN(p.shiftPpm()), "an unobserved heteronucleus needs no shift");
        assertEquals(1.0, pch.weightedSpinCount(Nucleus.H1));
    }

    /** {@code n} protons in a chain H0–H1–…, each coupled to the next. */
    private static String chain(int n) {
        StringBuilder y = new StringBuilder(HEAD);
        for (int i = 0; i < n; i++) {
            y.append("      - {label: H").append(i).append(", shift_ppm: ").append(1 + 0.1 * i).append("}\n");
        }
        y.append("    couplings:\n");
        for (int i = 0; i + 1 < n; i++) {
            y.append("      - {between: [H").append(i).append(", H").append(i + 1).append("], j_hz: 7}\n");
        }
        return y.toString();
    }

    @Test
    void twelveCoupledSpinsAreAcceptedAndThirteenNeedAGibibyte() {
        assertEquals(12, SpinSystemReader.parse("c12.yaml", chain(12)).subsystems().get(0).expandedSpinCount());
        // 13 spins: 2^13 = 8192 states; 8192² complex doubles × 16 bytes = 2^30 bytes = 1 GiB.
        InputException e = fails(chain(13));
        assertTrue(e.getMessage().contains("13 coupled 1H spins make a 8192×8192 complex density matrix (1.00 GiB)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("at most 12 coupled spins"), e.getMessage());
    }

    @Test
    void aLargeGroupOfEquivalentSpinsAloneIsNotACoupledCluster() {
        // Couplings inside a group of equivalent spins do not affect the spectrum: 18 methylene protons with no
        // partner are a singlet, not a 2^18-state cluster, and are accepted although 18 > 12.
        SpinSystem lip = SpinSystemReader.parse("lip.yaml", HEAD + "      - {label: CH2, shift_ppm: 1.3, count: 18}\n");
        assertEquals(18, lip.weightedSpinCount(Nucleus.H1));
    }
}
