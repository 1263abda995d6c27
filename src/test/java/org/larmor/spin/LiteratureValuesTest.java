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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spin systems added beyond FID-A's library carry the numbers of their cited sources: each is compared with
 * an independent transcription of those sources (literature-shifts.tsv beside this class), spin by spin. A typo in
 * a shift or a proton count, a spin too many or too few, a coupling the source does not give, or a source line
 * that does not name the paper fails it.
 */
class LiteratureValuesTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));

    record Row(String label, double shiftPpm, int protons, String sourceId) {
    }

    static Map<String, List<Row>> transcription() throws IOException {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        try (InputStream in = LiteratureValuesTest.class.getResourceAsStream("literature-shifts.tsv")) {
            assertNotNull(in, "literature-shifts.tsv");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Row(f[1], Double.parseDouble(f[2]),
                        Integer.parseInt(f[3]), f[4]));
            }
        }
        return out;
    }

    @Test
    void everyTranscribedMetaboliteMatchesItsSourceSpinBySpin() throws IOException {
        Map<String, List<Row>> sources = transcription();
        assertEquals(List.of("Acetone", "AcAc", "Suc"), List.copyOf(sources.keySet()));
        for (Map.Entry<String, List<Row>> e : sources.entrySet()) {
            SpinSystem s = LIB.find(e.getKey()).orElseThrow(() -> new AssertionError("not shipped: " + e.getKey()));
            Map<String, Spin> yaml = new TreeMap<>();
            for (SubSystem sub : s.subsystems()) {
                assertEquals(1.0, sub.scale(), s.name() + ": scale");
                assertTrue(sub.couplings().isEmpty(), s.name() + ": the source gives no coupling");
                sub.spinsOf(Nucleus.H1).forEach(p -> yaml.put(p.label(), p));
            }
            assertEquals(e.getValue().stream().map(Row::label).sorted().toList(), List.copyOf(yaml.keySet()),
                    s.name() + ": spins");
            for (Row r : e.getValue()) {
                Spin p = yaml.get(r.label());
                assertEquals(r.shiftPpm(), p.shiftPpm(), 0, s.name() + "/" + r.label() + ": shift");
                assertEquals(r.protons(), p.count(), s.name() + "/" + r.label() + ": protons");
                assertTrue(s.source().contains(r.sourceId()), s.name() + ": source does not name " + r.sourceId());
            }
        }
    }

    @Test
    void theNewMetabolitesStayOutOfTheDefaultBrainSet() {
        List<String> brain = LIB.select(SpinLibrary.DEFAULT_SET).stream().map(SpinSystem::name).toList();
        for (String n : List.of("Acetone", "AcAc", "Suc")) {
            assertTrue(!brain.contains(n), n + " in the default set");
            assertTrue(LIB.select("all").stream().anyMatch(x -> x.name().equals(n)), n + " not in all");
        }
        assertEquals(List.of("AcAc", "Acetone", "bHB"), LIB.select("ketosis").stream().map(SpinSystem::name).toList());
        assertEquals(List.of("Ace", "Ala", "Lac", "Suc"), LIB.select("abscess").stream().map(SpinSystem::name)
                .toList());
        assertEquals("Ace", LIB.find("Acetate").orElseThrow().name(), "Ace stays acetate");
        assertEquals("Acetone", LIB.find("acetone").orElseThrow().name());
    }
}
