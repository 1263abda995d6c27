package org.larmor.spin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped library in {@code spin-systems/}: every file loads, the canonical names and common aliases resolve,
 * and every number agrees with FID-A's spinSystems.mat as exported to {@code ../shared/reference/spin-systems-fida.json}.
 *
 * <p>The comparison is independent of how the YAML is written: both sides are expanded to individual spins and a
 * one-to-one assignment of spins is searched for that reproduces every shift and every coupling. The only allowed
 * differences are the representation changes documented in {@code docs/spin-systems.md}, each listed explicitly
 * here: FID-A's heteronuclear stand-in spins ({@link #STAND_INS}), FID-A's "one spin with scale k" for k equivalent
 * protons ({@link #SCALE_TO_COUNT}) and couplings inside an equivalent group, which are unobservable and dropped
 * ({@link #DROPPED_INTRA_GROUP}).
 */
class ShippedSpinSystemsTest {
    private static final Path DIR = Path.of("spin-systems");
    private static final Path REFERENCE = Path.of("..", "shared", "reference", "spin-systems-fida.json");
    private static final double TOL = 1e-9;

    private static final List<String> CANONICAL = List.of("NAA", "NAAG", "Cr", "PCr", "GPC", "PCh", "Ch", "Ins",
            "Scyllo", "Glu", "Gln", "GABA", "GABA_gov", "GSH", "GSH_v2", "Lac", "Asp", "Tau", "hTau", "Glc", "Ala",
            "Asc", "Gly", "PE", "Ser", "Cit", "EtOH", "bHB", "2HG", "Ace", "H2O", "Lip", "Phenyl", "Tyros", "Ref0ppm",
            "Acetone", "AcAc", "Suc", "Thr", "Pyr", "MSM", "Glyc", "Val", "EA", "His", "Trp",
            "ATP", "ADP", "Pi", "GPE", "NAD", "NADH", "UDPG",
            "HDO", "Glc_2H", "Glu_2H", "Gln_2H", "Lac_2H",
            "Pyr_13C", "PyrH_13C", "Lac_13C", "Ala_13C", "Bic_13C", "Glu_C4", "Glu_C3", "Gln_C4", "Gln_C3");

    /**
     * Shipped systems that FID-A's library does not have (issue #13): the new 1H ones (checked by LiteratureValuesTest
     * instead), the 31P-only ones and the 2H and 13C ones (DeuteriumAndCarbonSpectraTest).
     */
    private static final Set<String> BEYOND_FIDA = Set.of("Acetone", "AcAc", "Suc", "Thr", "Pyr", "MSM", "Glyc",
            "Val", "EA", "His", "Trp", "ATP", "ADP", "Pi", "GPE", "NAD", "NADH", "UDPG", "HDO", "Glc_2H", "Glu_2H", "Gln_2H", "Lac_2H", "Pyr_13C", "PyrH_13C", "Lac_13C", "Ala_13C",
            "Bic_13C", "Glu_C4", "Glu_C3", "Gln_C4", "Gln_C3");

    /** FID-A metabolite names that differ from Larmor's canonical name. */
    private static final Map<String, String> RENAMED = Map.of("bHG", "2HG");

    /**
     * FID-A's stand-in spins for heteronuclei ("metabolite/sub-system/index" → nucleus), assigned from the coupling
     * sizes: 14N couples weakly (0.5–2.9 Hz), 31P couples ~6–7 Hz to the P-O-CH2 protons.
     */
    private static final Map<String, Nucleus> STAND_INS = Map.of(
            "PCh/PCh_ch2ch2/4", Nucleus.N14, "PCh/PCh_ch2ch2/5", Nucleus.P31,
            "PE/PE/4", Nucleus.N14, "PE/PE/5", Nucleus.P31,
            "Ch/Ch_3CH3/3", Nucleus.N14,
            "GPC/GPC_gp/5", Nucleus.P31,
            "GPC/GPC_pCh1/4", Nucleus.N14, "GPC/GPC_pCh1/5", Nucleus.P31,
            "GPC/GPC_pCh2/3", Nucleus.N14);

    /**
     * Sub-systems that FID-A writes with scale k where the molecule has k times as many equivalent protons, and the
     * YAML writes the protons as a count with scale 1. Valid only because these protons couple to no other proton
     * (checked): each FID-A proton then stands for k protons with the same heteronuclear couplings.
     */
    private static final Set<String> SCALE_TO_COUNT = Set.of("Ace/Ace", "Scyllo/Scyllo", "PCh/PCh_trimethyl",
            "H2O/H2O", "PCr/PCr_ch3", "Ch/Ch_3CH3", "GPC/GPC_pCh2");

    /**
     * Couplings inside a group of magnetically equivalent spins that FID-A lists and the YAML drops (one entry per
     * FID-A spin pair). They commute with the Hamiltonian, the pulses and the observable, so they cannot change
     * any spectrum.
     */
    private static final Map<String, List<Double>> DROPPED_INTRA_GROUP = Map.of(
            "Ala/Ala", List.of(-14.366, -14.366, -14.366));

    private static SpinLibrary library;

    @BeforeAll
    static void load() {
        library = SpinLibrary.load(DIR);
    }

    @Test
    void everyFileLoadsAndTheLibraryHoldsExactlyTheShippedMetabolites() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(SpinSystemReader.SHARED_REFERENCES)).sorted()
                    .toList();
        }
        for (Path f : files) {
            SpinSystem sys = SpinSystemReader.read(f);
            assertEquals(sys.name().toLowerCase(Locale.ROOT) + ".yaml", f.getFileName().toString(),
                    "file name must be the lower-case canonical name");
        }
        assertEquals(CANONICAL.size(), files.size(), "number of shipped files");
        assertEquals(CANONICAL.size(), library.all().size());
        for (String name : CANONICAL) {
            SpinSystem s = library.find(name).orElseThrow(() -> new AssertionError("missing metabolite " + name));
            assertEquals(name, s.name(), "canonical spelling of " + name);
            assertFalse(s.source().isBlank(), name + " has no source");
        }
    }

    @Test
    void commonAliasesResolve() {
        Map<String, String> expect = new LinkedHashMap<>();
        expect.put("mI", "Ins");
        expect.put("myo-inositol", "Ins");
        expect.put("MYO_INS", "Ins");
        expect.put("bHG", "2HG");
        expect.put("PC", "PCh");
        expect.put("PCho", "PCh");
        expect.put("GPCho", "GPC");
        expect.put("sI", "Scyllo");
        expect.put("Phe", "Phenyl");
        expect.put("Tyr", "Tyros");
        expect.put("Eth", "EtOH");
        expect.put("PEtn", "PE");
        expect.put("Vitamin C", "Asc");
        expect.put("beta-hydroxybutyrate", "bHB");
        expect.put("GABA_govind", "GABA_gov");
        expect.put("Ref0", "Ref0ppm");
        expect.put("Choline", "Ch");
        expect.put("homotaurine", "hTau");
        expect.forEach((alias, name) -> assertEquals(name,
                library.find(alias).map(SpinSystem::name).orElse("<none>"), "alias " + alias));
        // Deliberately not aliases: these mean sums of metabolites in fitting tools.
        for (String total : List.of("Cho", "tCr", "tCho", "tNAA", "Glx")) {
            assertTrue(library.find(total).isEmpty(), total + " must not resolve to a single metabolite");
        }
    }

    @Test
    void lcmodelNamesAreShortAndUnique() {
        Map<String, String> seen = new HashMap<>();
        for (SpinSystem s : library.all()) {
            String l = s.lcmodelNameOrName();
            assertTrue(l.length() <= 6, l);
            String before = seen.put(l.toLowerCase(Locale.ROOT), s.name());
            assertEquals(null, before, "LCModel name " + l + " used twice");
        }
        assertEquals("GABAgv", library.find("GABA_gov").orElseThrow().lcmodelNameOrName());
        assertEquals("Ref0", library.find("Ref0ppm").orElseThrow().lcmodelNameOrName());
    }

    @TestFactory
    Stream<DynamicTest> agreesWithFidA() throws IOException {
        if (!Files.isRegularFile(REFERENCE)) {
            // An assumption failing in the factory itself would leave no test in the report (surefire drops the
            // aborted container): one dynamic test that aborts shows as skipped, with the reason.
            String reason = "FID-A reference " + REFERENCE.toAbsolutePath().normalize()
                    + " not present (the shared reference folder is not beside this clone)";
            return Stream.of(DynamicTest.dynamicTest("agrees with FID-A (reference missing)",
                    () -> Assumptions.abort(reason)));
        }
        JsonNode metabolites = new ObjectMapper().readTree(REFERENCE.toFile()).get("metabolites");
        List<DynamicTest> tests = new ArrayList<>();
        List<String> fidaNames = new ArrayList<>();
        for (Iterator<String> it = metabolites.fieldNames(); it.hasNext(); ) {
            String fida = it.next();
            fidaNames.add(fida);
            tests.add(DynamicTest.dynamicTest(fida, () -> compare(fida, metabolites.get(fida))));
        }
        tests.add(DynamicTest.dynamicTest("same set of metabolites", () -> {
            List<String> expected = fidaNames.stream().map(n -> RENAMED.getOrDefault(n, n)).sorted().toList();
            List<String> actual = library.all().stream().map(SpinSystem::name)
                    .filter(n -> !BEYOND_FIDA.contains(n)).sorted().toList();
            assertEquals(expected, actual);
        }));
        tests.add(DynamicTest.dynamicTest("listed exceptions all exist in FID-A", () -> {
            for (String key : List.of(STAND_INS.keySet(), SCALE_TO_COUNT, DROPPED_INTRA_GROUP.keySet()).stream()
                    .flatMap(Set::stream).toList()) {
                String[] p = key.split("/");
                JsonNode subs = metabolites.get(p[0]);
                assertTrue(subs != null && findSub(subs, p[1]) != null, "no FID-A sub-system " + key);
            }
        }));
        return tests.stream();
    }

    private static void compare(String fidaName, JsonNode fidaSubs) {
        String name = RENAMED.getOrDefault(fidaName, fidaName);
        SpinSystem sys = library.find(name).orElseThrow(() -> new AssertionError("no YAML for FID-A " + fidaName));
        assertEquals(name, sys.name());
        assertTrue(sys.source().contains("spinSystems.mat (sys" + fidaName + ")"),
                name + ": source should name FID-A's sys" + fidaName + ", is: " + sys.source());

        Map<String, JsonNode> byName = new LinkedHashMap<>();
        fidaSubs.forEach(s -> byName.put(s.get("name").asText(), s));
        assertEquals(List.copyOf(byName.keySet()), sys.subsystems().stream().map(SubSystem::name).toList(),
                name + ": sub-system names (and order) must be FID-A's");

        // Weighted proton shifts of the whole metabolite (scale × count), a direct check with a readable message.
        assertEquals(fidaWeightedShifts(fidaName, byName), yamlWeightedShifts(sys),
                name + ": proton shifts weighted by scale (ppm → number of protons)");

        for (SubSystem sub : sys.subsystems()) {
            compareSub(fidaName + "/" + sub.name(), byName.get(sub.name()), sub);
        }
    }

    /** One spin after expansion: nucleus, shift (NaN for heteronuclei) and the group it came from. */
    private record Flat(Nucleus nucleus, double shift, int group) {
    }

    private static void compareSub(String key, JsonNode fida, SubSystem sub) {
        // FID-A side, normalised: stand-ins become heteronuclei, "scale k" becomes k copies of each proton.
        double[] shifts = doubles(fida.get("shifts_ppm"));
        int n = shifts.length;
        double[][] j = upperTriangle(fida.get("j_hz"), n);
        double scale = fida.get("scale").asDouble();
        List<Flat> ref = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        int copies = 1;
        if (SCALE_TO_COUNT.contains(key)) {
            copies = (int) Math.round(scale);
            assertEquals(copies, scale, TOL, key + ": scale must be an integer to become a count");
            scale = 1;
        }
        for (int i = 0; i < n; i++) {
            Nucleus nuc = STAND_INS.get(key + "/" + i);
            if (nuc == null) {
                assertTrue(shifts[i] < 30, key + ": FID-A spin " + i + " at " + shifts[i]
                        + " ppm looks like a heteronuclear stand-in but is not listed in STAND_INS");
                for (int c = 0; c < copies; c++) {
                    ref.add(new Flat(Nucleus.H1, shifts[i], i));
                    origin.add(i);
                }
            } else {
                assertTrue(shifts[i] == 100 || shifts[i] == 40, key + ": stand-in " + i + " at " + shifts[i] + " ppm");
                ref.add(new Flat(nuc, Double.NaN, i));
                origin.add(i);
            }
        }
        int m = ref.size();
        double[][] refJ = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                int oa = origin.get(a);
                int ob = origin.get(b);
                if (oa != ob) {
                    refJ[a][b] = j[oa][ob];
                }
                if (copies > 1 && a != b && ref.get(a).nucleus() == Nucleus.H1 && ref.get(b).nucleus() == Nucleus.H1) {
                    assertEquals(0, j[oa][ob], TOL, key + ": scale-to-count needs protons without H-H couplings");
                }
            }
        }

        // YAML side, expanded.
        assertEquals(scale, sub.scale(), TOL, key + ": scale");
        List<Flat> yaml = new ArrayList<>();
        for (int g = 0; g < sub.spins().size(); g++) {
            Spin s = sub.spins().get(g);
            if (s.nucleus() != Nucleus.H1) {
                // A heteronucleus' shift is on its own scale (31P: PCr = 0), which FID-A does not have; one coupled
                // to no proton (PCr's phosphorus) is invisible to 1H and absent from FID-A.
                boolean coupledToProton = false;
                for (int h = 0; h < sub.spins().size(); h++) {
                    coupledToProton |= sub.spins().get(h).nucleus() == Nucleus.H1 && sub.couplingMatrixHz()[g][h] != 0;
                }
                if (!coupledToProton) {
                    continue;
                }
            }
            for (int c = 0; c < s.count(); c++) {
                yaml.add(new Flat(s.nucleus(), s.nucleus() == Nucleus.H1 ? s.shiftPpm() : Double.NaN, g));
            }
        }
        double[][] groupJ = sub.couplingMatrixHz();
        assertEquals(m, yaml.size(), key + ": number of spins after expansion (FID-A " + describe(ref)
                + ", YAML " + describe(yaml) + ")");

        List<Double> expectedDropped = new ArrayList<>(DROPPED_INTRA_GROUP.getOrDefault(key, List.of()));
        expectedDropped.sort(Double::compare);
        int[] assign = new int[m];
        boolean[] used = new boolean[m];
        if (!search(0, assign, used, yaml, ref, groupJ, refJ, expectedDropped)) {
            fail(key + ": no assignment of YAML spins to FID-A spins reproduces every shift and coupling"
                    + " (allowed dropped intra-group couplings: " + expectedDropped + ")\n  FID-A: "
                    + couplingList(ref, refJ) + "\n  YAML:  " + yamlCouplings(sub));
        }
    }

    /** Backtracking search for a bijection YAML spin → FID-A spin; members of a group map in increasing order. */
    private static boolean search(int i, int[] assign, boolean[] used, List<Flat> yaml, List<Flat> ref,
                                  double[][] groupJ, double[][] refJ, List<Double> expectedDropped) {
        int m = yaml.size();
        if (i == m) {
            List<Double> dropped = new ArrayList<>();
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    if (yaml.get(a).group() == yaml.get(b).group() && refJ[assign[a]][assign[b]] != 0) {
                        dropped.add(refJ[assign[a]][assign[b]]);
                    }
                }
            }
            dropped.sort(Double::compare);
            if (dropped.size() != expectedDropped.size()) {
                return false;
            }
            for (int k = 0; k < dropped.size(); k++) {
                if (Math.abs(dropped.get(k) - expectedDropped.get(k)) > TOL) {
                    return false;
                }
            }
            return true;
        }
        Flat y = yaml.get(i);
        int start = 0;
        if (i > 0 && yaml.get(i - 1).group() == y.group()) {
            start = assign[i - 1] + 1;   // equivalent spins are interchangeable: fix their order
        }
        for (int r = start; r < m; r++) {
            Flat f = ref.get(r);
            if (used[r] || f.nucleus() != y.nucleus()
                    || (y.nucleus() == Nucleus.H1 && Math.abs(f.shift() - y.shift()) > TOL)) {
                continue;
            }
            boolean ok = true;
            for (int a = 0; a < i && ok; a++) {
                Flat ya = yaml.get(a);
                if (ya.group() != y.group()) {
                    ok = Math.abs(groupJ[ya.group()][y.group()] - refJ[assign[a]][r]) <= TOL;
                }
            }
            if (ok) {
                assign[i] = r;
                used[r] = true;
                if (search(i + 1, assign, used, yaml, ref, groupJ, refJ, expectedDropped)) {
                    return true;
                }
                used[r] = false;
            }
        }
        return false;
    }

    private static Map<String, Double> fidaWeightedShifts(String fidaName, Map<String, JsonNode> subs) {
        Map<String, Double> out = new TreeMap<>();
        subs.forEach((subName, s) -> {
            double[] shifts = doubles(s.get("shifts_ppm"));
            double scale = s.get("scale").asDouble();
            for (int i = 0; i < shifts.length; i++) {
                if (!STAND_INS.containsKey(fidaName + "/" + subName + "/" + i)) {
                    out.merge(ppm(shifts[i]), scale, Double::sum);
                }
            }
        });
        return out;
    }

    private static Map<String, Double> yamlWeightedShifts(SpinSystem sys) {
        Map<String, Double> out = new TreeMap<>();
        for (SubSystem sub : sys.subsystems()) {
            for (Spin s : sub.spinsOf(Nucleus.H1)) {
                out.merge(ppm(s.shiftPpm()), sub.scale() * s.count(), Double::sum);
            }
        }
        return out;
    }

    private static String ppm(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static JsonNode findSub(JsonNode subs, String name) {
        for (JsonNode s : subs) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** FID-A uses the upper triangle; the result is symmetric. */
    private static double[][] upperTriangle(JsonNode rows, int n) {
        assertEquals(n, rows.size(), "J matrix size");
        double[][] j = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                j[a][b] = rows.get(a).get(b).asDouble();
                j[b][a] = j[a][b];
            }
        }
        return j;
    }

    private static String describe(List<Flat> spins) {
        Map<String, Integer> c = new TreeMap<>();
        for (Flat f : spins) {
            c.merge(f.nucleus() == Nucleus.H1 ? ppm(f.shift()) : f.nucleus().symbol(), 1, Integer::sum);
        }
        return c.toString();
    }

    private static String couplingList(List<Flat> spins, double[][] j) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < spins.size(); a++) {
            for (int b = a + 1; b < spins.size(); b++) {
                if (j[a][b] != 0) {
                    sb.append(name(spins.get(a))).append('-').append(name(spins.get(b))).append('=').append(j[a][b])
                            .append(' ');
                }
            }
        }
        return sb.toString();
    }

    private static String name(Flat f) {
        return f.nucleus() == Nucleus.H1 ? ppm(f.shift()) : f.nucleus().symbol();
    }

    private static String yamlCouplings(SubSystem sub) {
        StringBuilder sb = new StringBuilder();
        for (Coupling c : sub.couplings()) {
            sb.append(c.a()).append('-').append(c.b()).append('=').append(c.jHz()).append(' ');
        }
        return sb.toString();
    }
}
