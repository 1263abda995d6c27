package org.larmor.spin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spin systems added beyond FID-A's library carry the numbers of their cited sources: each is compared with
 * an independent transcription of those sources (literature-shifts.tsv beside this class), spin by spin and
 * coupling by coupling. A typo in a shift, a proton count or a J, a spin or a coupling too many or too few, or a
 * source line that does not name the paper (and the transcription the numbers were read from) fails it.
 */
class LiteratureValuesTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));

    /** The 1H metabolites added beyond FID-A, in the order of the transcription file. */
    static final List<String> NEW_1H = List.of("Acetone", "AcAc", "Suc", "Thr", "Pyr", "MSM", "Glyc", "Val",
            "EA", "His", "Trp");

    record Row(String label, double shiftPpm, int protons, List<String> sourceIds) {
    }

    /** Transcribed spins and couplings of one metabolite; couplings keyed by the two labels in sorted order. */
    record Source(List<Row> spins, Map<String, Double> couplings) {
    }

    static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "~" + b : b + "~" + a;
    }

    static Map<String, Source> transcription() throws IOException {
        Map<String, Source> out = new LinkedHashMap<>();
        try (InputStream in = LiteratureValuesTest.class.getResourceAsStream("literature-shifts.tsv")) {
            assertNotNull(in, "literature-shifts.tsv");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals("J")) {
                    Source s = out.get(f[1]);
                    assertNotNull(s, "coupling before the spins of " + f[1]);
                    assertNull(s.couplings().put(pair(f[2], f[3]), Double.parseDouble(f[4])), "twice: " + line);
                } else {
                    Row r = new Row(f[1], Double.parseDouble(f[2]), Integer.parseInt(f[3]),
                            List.of(f[4].split("\\|")));
                    out.computeIfAbsent(f[0], k -> new Source(new ArrayList<>(), new TreeMap<>())).spins().add(r);
                }
            }
        }
        return out;
    }

    @Test
    void everyTranscribedMetaboliteMatchesItsSourceSpinBySpinAndCouplingByCoupling() throws IOException {
        Map<String, Source> sources = transcription();
        assertEquals(NEW_1H, List.copyOf(sources.keySet()));
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            SpinSystem s = LIB.find(e.getKey()).orElseThrow(() -> new AssertionError("not shipped: " + e.getKey()));
            assertEquals(e.getKey(), s.name(), "canonical name");
            Map<String, Spin> yaml = new TreeMap<>();
            Map<String, Double> couplings = new TreeMap<>();
            for (SubSystem sub : s.subsystems()) {
                assertEquals(1.0, sub.scale(), s.name() + ": scale");
                sub.spinsOf(Nucleus.H1).forEach(p -> assertNull(yaml.put(p.label(), p), s.name() + ": label twice"));
                for (Coupling c : sub.couplings()) {
                    assertNull(couplings.put(pair(c.a(), c.b()), c.jHz()), s.name() + ": coupling twice");
                }
            }
            assertEquals(e.getValue().spins().stream().map(Row::label).sorted().toList(), List.copyOf(yaml.keySet()),
                    s.name() + ": spins");
            for (Row r : e.getValue().spins()) {
                Spin p = yaml.get(r.label());
                assertEquals(r.shiftPpm(), p.shiftPpm(), 0, s.name() + "/" + r.label() + ": shift");
                assertEquals(r.protons(), p.count(), s.name() + "/" + r.label() + ": protons");
                for (String id : r.sourceIds()) {
                    assertTrue(s.source().contains(id), s.name() + ": source does not name " + id);
                }
            }
            assertEquals(e.getValue().couplings().keySet(), couplings.keySet(), s.name() + ": coupled pairs");
            for (Map.Entry<String, Double> c : e.getValue().couplings().entrySet()) {
                assertEquals(c.getValue(), couplings.get(c.getKey()), 0, s.name() + "/" + c.getKey() + ": J");
            }
        }
    }

    @Test
    void theNewMetabolitesStayOutOfTheDefaultBrainSet() {
        List<String> brain = LIB.select(SpinLibrary.DEFAULT_SET).stream().map(SpinSystem::name).toList();
        List<String> extra = LIB.select("extra").stream().map(SpinSystem::name).toList();
        for (String n : NEW_1H) {
            assertTrue(!brain.contains(n), n + " in the default set");
            assertTrue(extra.contains(n), n + " not in extra");
            assertTrue(LIB.select("all").stream().anyMatch(x -> x.name().equals(n)), n + " not in all");
        }
        assertEquals(List.of("AcAc", "Acetone", "bHB"), LIB.select("ketosis").stream().map(SpinSystem::name).toList());
        assertEquals(List.of("Ace", "Ala", "Lac", "Suc"), LIB.select("abscess").stream().map(SpinSystem::name)
                .toList());
        assertEquals("Ace", LIB.find("Acetate").orElseThrow().name(), "Ace stays acetate");
        assertEquals("Acetone", LIB.find("acetone").orElseThrow().name());
        assertEquals("Gly", LIB.find("Glycine").orElseThrow().name(), "Gly stays glycine");
        assertEquals("Glyc", LIB.find("glycerol").orElseThrow().name());
        assertEquals("Pyr", LIB.find("Pyruvate").orElseThrow().name(), "1H pyruvate");
        assertEquals("Pyr_13C", LIB.find("Pyruvate_13C").orElseThrow().name(), "13C pyruvate is another file");
        assertEquals("Phenyl", LIB.find("L-Phenylalanine").orElseThrow().name(), "Phenyl is phenylalanine");
        assertEquals("EtOH", LIB.find("Eth").orElseThrow().name(), "Eth stays ethanol");
        assertEquals("EA", LIB.find("Ethanolamine").orElseThrow().name(), "ethanolamine is EA");
        assertEquals("PE", LIB.find("PEtn").orElseThrow().name(), "PEtn stays phosphoethanolamine");
        assertEquals("Trp", LIB.find("Tryp").orElseThrow().name(), "MRSCloud's name for tryptophan");
        assertEquals("His", LIB.find("L-Histidine").orElseThrow().name());
        assertEquals("Val", LIB.find("valine").orElseThrow().name());
    }
}
