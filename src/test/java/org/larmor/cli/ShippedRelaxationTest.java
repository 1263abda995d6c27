package org.larmor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.basis.BasisSimulator;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.RelaxationChoice;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --relaxation with the shipped T1/T2: the nearest published field is used, the decay is the analytic one for the
 * value in the literature, and what was used is said on stderr and recorded in provenance. The expected times are
 * literals from the cited papers (as tabulated in Osprey), not read back from the YAML.
 */
class ShippedRelaxationTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));
    /** Creatine: T2 of the CH3 singlet, Wyss 2018 at 3 T (mean of 148 and 144 ms), Marjańska 2012 at 7 T. */
    static final double CR_T2_3T_S = 0.146;
    static final double CR_T2_7T_S = 0.107;

    static Sequence spinEcho(double b0, double teMs) {
        return SequenceReader.parse("se.yaml", "template: spin_echo\nb0_t: " + b0 + "\nte_ms: " + teMs
                + "\nacquisition: {points: 2048, spectral_width_hz: 4000}\n");
    }

    static SpinSystem cr() {
        return LIB.find("Cr").orElseThrow();
    }

    @Test
    void theNearestPublishedFieldIsUsedAndATieGoesToTheLowerField() {
        assertEquals(3.0, RelaxationChoice.of(cr(), 1.5).fieldT(), "1.5 T: only 3 and 7 T are published");
        assertEquals(3.0, RelaxationChoice.of(cr(), 2.89).fieldT());
        assertEquals(3.0, RelaxationChoice.of(cr(), 4.7).fieldT(), "4.7 T is 1.7 T from 3 T, 2.3 T from 7 T");
        assertEquals(3.0, RelaxationChoice.of(cr(), 5.0).fieldT(), "a tie goes to the lower field");
        assertEquals(7.0, RelaxationChoice.of(cr(), 5.1).fieldT());
        assertEquals(7.0, RelaxationChoice.of(cr(), 7.0).fieldT());
        assertEquals(7.0, RelaxationChoice.of(cr(), 9.4).fieldT());
        assertEquals(CR_T2_7T_S, RelaxationChoice.of(cr(), 7).applied().t2S(), 1e-12);
        assertEquals(1.740, RelaxationChoice.of(cr(), 7).applied().t1S(), 1e-12, "Xin 2013, grey matter");
        assertEquals(1.460, RelaxationChoice.of(cr(), 3).applied().t1S(), 1e-12, "Mlynárik 2001, grey matter");
    }

    @Test
    void aQuantityNotPublishedAtTheNearestFieldIsNotBorrowedFromAnother() {
        // Gln: T2 at 3 T (Wyss 2018), T1 only at 7 T (Xin 2013)
        RelaxationChoice at7 = RelaxationChoice.of(LIB.find("Gln").orElseThrow(), 7);
        assertEquals(1.640, at7.applied().t1S(), 1e-12);
        assertTrue(Double.isNaN(at7.applied().t2S()), "the 3 T T2 is not used at 7 T");
        assertTrue(at7.describe().contains("T2 none published at this field (not applied)"), at7.describe());
        RelaxationChoice at3 = RelaxationChoice.of(LIB.find("Gln").orElseThrow(), 3);
        assertTrue(Double.isNaN(at3.applied().t1S()));
        assertEquals(0.1105, at3.applied().t2S(), 1e-12);
    }

    @Test
    void aSingletEchoDecaysAsExpMinusTeOverTheShippedT2() {
        for (double b0 : new double[] {3, 4.7, 7}) {
            double t2 = b0 < 5 ? CR_T2_3T_S : CR_T2_7T_S;
            for (double te : new double[] {30, 144}) {
                Sequence seq = spinEcho(b0, te);
                SpinSystem relaxed = BasisCommand.withPublishedRelaxation(List.of(cr()), b0, org.larmor.spin.Nucleus.H1,
                        BasisCommand.MissingRelaxation.refuse, null).get(0);
                double s = BasisSimulator.simulate(relaxed, seq, true).lines().get("main").sumAtZero()[0];
                // Cr: CH3 (3 H), CH2 (2 H) and NH (1 H) singlets, one T2 for the molecule
                assertEquals(6 * Math.exp(-te * 1e-3 / t2), s, 1e-9, b0 + " T, TE " + te);
            }
        }
    }

    @Test
    void theFieldUsedIsSaidOnStderrAndRecordedInProvenance(@TempDir Path tmp) throws Exception {
        Path seq = tmp.resolve("se-4.7t.yaml");
        Files.writeString(seq, "template: spin_echo\nb0_t: 4.7\nte_ms: 30\n"
                + "acquisition: {points: 1024, spectral_width_hz: 4000}\n");
        Path out = tmp.resolve("out");
        CommandLineTest.Run r = CommandLineTest.run("basis", "--sequence", seq.toString(), "--metabolites", "Cr",
                "--relaxation", "--format", "fsl", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("relaxation of Cr (1H) at B0 = 4.70 T: nearest published field 3.00 T: T1 1460 ms"
                + " (mlynarik2001), T2 146 ms (wyss2018)"), r.err());
        JsonNode rel = new ObjectMapper().readTree(out.resolve("provenance.json").toFile())
                .path("metabolites").get(0).path("relaxation");
        assertEquals(3.0, rel.path("field_t").asDouble());
        assertEquals(4.7, rel.path("sequence_b0_t").asDouble());
        assertEquals(CR_T2_3T_S, rel.path("t2_s").asDouble(), 1e-12);
        assertTrue(rel.path("source").asText().contains("T2: Wyss PO et al."), rel.toString());
    }

    @Test
    void aMetaboliteWithoutPublishedTimesIsRefusedUnlessUnrelaxedIsAskedFor(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CommandLineTest.Run refused = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "Cr,Ace,EtOH", "--relaxation", "--format", "fsl", "--out", out.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("no published 1H T1/T2 for Ace, EtOH"), refused.err());
        assertTrue(refused.err().contains("--relaxation-missing unrelaxed"), refused.err());
        assertTrue(!Files.exists(out), "nothing written");
        CommandLineTest.Run unrelaxed = CommandLineTest.run("basis", "--sequence", "sequences/press-te30-3t.yaml",
                "--metabolites", "Cr,Ace", "--relaxation", "--relaxation-missing", "unrelaxed", "--format", "fsl",
                "--out", out.toString(), "--quiet");
        assertEquals(0, unrelaxed.code(), unrelaxed.err());
        assertTrue(unrelaxed.err().contains("warning: relaxation of Ace (1H) at B0 = 2.89 T: no published 1H T1/T2,"
                + " simulated without relaxation"), unrelaxed.err());
        JsonNode mets = new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("metabolites");
        JsonNode ace = mets.get(0).path("name").asText().equals("Ace") ? mets.get(0) : mets.get(1);
        assertTrue(ace.path("relaxation").path("field_t").isNull(), ace.toString());
        assertTrue(ace.path("relaxation").path("source").asText().startsWith("none published"), ace.toString());
    }

    @Test
    void onlyTheObservedNucleusEntriesCount() {
        // PCr's file carries its 1H methyl times and its 31P times: each nucleus gets its own.
        SpinSystem pcr = LIB.find("PCr").orElseThrow();
        assertEquals(CR_T2_3T_S, RelaxationChoice.of(pcr, 3, org.larmor.spin.Nucleus.H1).applied().t2S(), 1e-12);
        RelaxationChoice p = RelaxationChoice.of(pcr, 3, org.larmor.spin.Nucleus.P31);
        assertEquals(3.570, p.applied().t1S(), 1e-12, "Blenman 2006, 31P T1 of PCr at 3 T");
        assertTrue(Double.isNaN(p.applied().t2S()), "no 31P T2 at 3 T, and 7 T's is not borrowed: " + p.describe());
        // NAD has no published 31P times: refused, naming it
        SpinSystem nad = LIB.find("NAD").orElseThrow();
        assertTrue(!RelaxationChoice.of(nad, 3, org.larmor.spin.Nucleus.P31).published());
        org.larmor.input.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.larmor.input.InputException.class, () -> BasisCommand.withPublishedRelaxation(List.of(pcr, nad), 3,
                        org.larmor.spin.Nucleus.P31, BasisCommand.MissingRelaxation.refuse, null));
        assertTrue(e.getMessage().contains("no published 31P T1/T2 for NAD"), e.getMessage());
        // An entry that says nucleus: 31P is taken for 31P only, and a 1H entry at the same field is not a duplicate.
        SpinSystem both = org.larmor.spin.SpinSystemReader.parse("x.yaml", "name: X\nsource: S\nsubsystems:\n"
                + "  - spins:\n      - {label: H, shift_ppm: 3.0}\n      - {label: P, nucleus: 31P, shift_ppm: 0}\n"
                + "    couplings:\n      - {between: [H, P], j_hz: 1}\n"
                + "relaxation:\n  - {field_t: 3, t2_ms: 100, source: A}\n"
                + "  - {field_t: 3, t2_ms: 200, nucleus: 31P, source: B}\n");
        assertEquals(0.100, RelaxationChoice.of(both, 3, org.larmor.spin.Nucleus.H1).applied().t2S(), 1e-12);
        assertEquals(0.200, RelaxationChoice.of(both, 3, org.larmor.spin.Nucleus.P31).applied().t2S(), 1e-12);
    }

    /**
     * The shipped 31P times, literals from the cited papers (not read back from the YAML): Blenman R, Felmlee J,
     * Port J, ISMRM 2006 #3098 (T1 at 3 T) and Lei H et al., MRM 2003;49:199-205 (7 T: PCr T1 and T2; ATP T1 1.02-1.27
     * s and T2 25-26 ms over its resonances, shipped as the midpoints). A typo in a file fails here.
     */
    @Test
    void shipped31pTimesAreThoseOfTheirPapers() {
        org.larmor.spin.Nucleus p31 = org.larmor.spin.Nucleus.P31;
        String[] names = {"PCr", "ATP", "Pi", "PE", "GPE", "GPC"};
        double[] t1 = {3.57, 0.98, 2.2, 4.88, 3.94, 3.11};
        for (int i = 0; i < names.length; i++) {
            RelaxationChoice c = RelaxationChoice.of(LIB.find(names[i]).orElseThrow(), 2.89, p31);
            assertEquals(3.0, c.fieldT(), names[i]);
            assertEquals(t1[i], c.applied().t1S(), 1e-12, names[i] + " 31P T1 at 3 T");
        }
        RelaxationChoice pcr7 = RelaxationChoice.of(LIB.find("PCr").orElseThrow(), 6.98, p31);
        assertEquals(3.37, pcr7.applied().t1S(), 1e-12);
        assertEquals(0.132, pcr7.applied().t2S(), 1e-12);
        RelaxationChoice atp7 = RelaxationChoice.of(LIB.find("ATP").orElseThrow(), 7, p31);
        assertEquals((1.02 + 1.27) / 2, atp7.applied().t1S(), 1e-12);
        assertEquals((0.025 + 0.026) / 2, atp7.applied().t2S(), 1e-12);
    }
}
