package org.larmor.spin;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue item 12: named metabolite sets; 'brain', the default, is a usable basis set. */
class MetaboliteSetsTest {
    private static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));

    private static List<String> names(String selection) {
        return LIB.select(selection).stream().map(SpinSystem::name).toList();
    }

    @Test
    void brainExcludesWaterReferenceLipidAndAlternates() {
        List<String> brain = names("brain");
        for (String no : List.of("H2O", "Ref0ppm", "Lip", "GABA_gov", "GSH_v2")) {
            assertFalse(brain.contains(no), no + " in " + brain);
        }
        for (String yes : List.of("NAA", "Cr", "PCr", "GPC", "PCh", "Ins", "Glu", "Gln", "GABA", "GSH", "Lac")) {
            assertTrue(brain.contains(yes), yes + " missing from " + brain);
        }
        assertEquals("brain", SpinLibrary.DEFAULT_SET);
    }

    @Test
    void everySetNamesShippedMetabolitesAndTheyCoverTheLibrary() {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (SpinLibrary.NamedSet s : SpinLibrary.namedSets()) {
            assertFalse(s.description().isBlank(), s.name());
            assertTrue(LIB.find(s.name()).isEmpty(), "set name " + s.name() + " is a metabolite name");
            for (String m : s.metabolites()) {
                assertTrue(LIB.find(m).map(x -> x.name().equals(m)).orElse(false), s.name() + ": " + m);
                covered.add(m);
            }
        }
        assertEquals(LIB.all().stream().map(SpinSystem::name).collect(java.util.stream.Collectors.toSet()), covered,
                "every shipped spin system is in one named set");
    }

    @Test
    void setsCombineWithNamesAndAllIsEverything() {
        assertEquals(67, names("all").size(), "every file, whatever its nucleus, without a sequence to filter by");
        List<String> b = names("brain,Ref0");
        assertEquals(names("brain").size() + 1, b.size());
        assertTrue(b.contains("Ref0ppm"));
        assertTrue(names("brain,H2O").contains("H2O"));
        assertEquals(List.of("GABA_gov", "GSH_v2"), names("alternates"));
        assertEquals(names("brain"), names("brain,NAA"), "a metabolite a set holds is taken once");
        assertThrows(InputException.class, () -> names("Ins,mI"));
        InputException e = assertThrows(InputException.class, () -> names("brian"));
        assertTrue(e.getMessage().contains("brain") && e.getMessage().contains("alternates"), e.getMessage());
    }
}
