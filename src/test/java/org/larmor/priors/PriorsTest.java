package org.larmor.priors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.spin.SpinLibrary;
import org.larmor.synth.ConcentrationCopula;
import org.larmor.synth.Distribution;
import org.larmor.synth.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choices of {@link Priors}: sums, names, marginal kinds, and the projection of a non-PD sample matrix. */
class PriorsTest {
    static final SpinLibrary LIBRARY = SpinLibrary.load(Path.of("spin-systems"));

    static List<FitResult> cohort(int n, long seed, String... names) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<FitResult> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Map<String, Double> c = new LinkedHashMap<>();
            double common = rng.nextGaussian();
            for (int k = 0; k < names.length; k++) {
                c.put(names[k], 5 + k + 0.5 * common + 0.5 * rng.nextGaussian());
            }
            out.add(new FitResult("s" + s, "/fits/s" + s + ".table", FitResult.Format.LCMODEL_TABLE, c, Map.of(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return out;
    }

    static Priors.Options options(String marginal, Map<String, String> map) {
        return new Priors.Options("mM", null, Double.NaN, false, map, marginal, Double.NaN, Double.NaN, LIBRARY);
    }

    static Scenario readBack(Priors.Result r, Path dir) throws Exception {
        Files.writeString(dir.resolve("stand-in.yaml"), "");
        String text = "basis: {sequence: stand-in.yaml}\n" + PriorsWriter.yaml(r, "test", "0", null);
        return org.larmor.synth.ScenarioReader.parse("priors.yaml", text, dir, List.of());
    }

    @Test
    void aSampleMatrixFromFewerSubjectsThanMetabolitesIsProjectedAndSaysSo(@TempDir Path dir) throws Exception {
        List<FitResult> fits = cohort(4, 1, "NAA", "Cr", "PCr", "Glu", "Gln", "Ins", "GPC");
        Priors.Result r = Priors.fit(fits, options("normal", Map.of()));
        assertTrue(r.projected());
        assertTrue(r.copulaSource().contains("PROJECTED to the nearest positive definite"), r.copulaSource());
        Scenario sc = readBack(r, dir);
        double[][] m = sc.copula().correlation();
        ConcentrationCopula.cholesky(m);
        for (int i = 0; i < m.length; i++) {
            assertEquals(1.0, m[i][i], 0);
        }
        assertTrue(PriorsWriter.yaml(r, "t", "0", null).contains("# NOTE: the correlation matrix was projected"));
    }

    @Test
    void nearestPositiveDefiniteLeavesAValidMatrixAloneAndRepairsAnInvalidOne() {
        double[][] ok = {{1, 0.5}, {0.5, 1}};
        assertTrue(Priors.positiveDefinite(ok));
        double[][] bad = {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}};
        assertTrue(!Priors.positiveDefinite(bad));
        double[][] fixed = Priors.nearestPositiveDefinite(bad);
        assertTrue(Priors.positiveDefinite(Priors.rounded(fixed)));
        assertEquals(1.0, fixed[1][1], 1e-12);
        assertTrue(fixed[1][2] < 0 && fixed[0][1] > 0, "the signs of the pattern are kept");
    }

    @Test
    void sumsAreLeftOutUnlessMappedAndAMappedSumMayNotCollideWithItsMetabolite() {
        List<FitResult> fits = cohort(50, 2, "NAA", "tCr", "Glx", "Ins");
        Priors.Result r = Priors.fit(fits, options("normal", Map.of()));
        assertEquals(List.of("NAA", "Ins"), List.copyOf(r.metabolites().keySet()));
        assertTrue(r.leftOut().stream().anyMatch(l -> l.startsWith("tCr: a sum")), r.leftOut().toString());
        assertTrue(r.leftOut().stream().anyMatch(l -> l.startsWith("Glx: a sum")), r.leftOut().toString());
        Priors.Result m = Priors.fit(fits, options("normal", Map.of("tCr", "Cr")));
        assertEquals(List.of("NAA", "Cr", "Ins"), List.copyOf(m.metabolites().keySet()));
        List<FitResult> both = cohort(50, 2, "NAA", "tCr", "Cr");
        InputException e = assertThrows(InputException.class, () -> Priors.fit(both, options("normal",
                Map.of("tCr", "Cr"))));
        assertTrue(e.getMessage().contains("are both Cr"), e.getMessage());
    }

    @Test
    void logNormalAndEmpiricalMarginalsReadBack(@TempDir Path dir) throws Exception {
        List<FitResult> fits = cohort(60, 3, "NAA", "Cr", "Ins");
        Scenario ln = readBack(Priors.fit(fits, options("log_normal", Map.of())), dir);
        assertTrue(ln.copula().marginals().get(0) instanceof Distribution.LogNormal);
        Scenario em = readBack(Priors.fit(fits, options("empirical", Map.of())), dir);
        Distribution.Empirical e = (Distribution.Empirical) em.copula().marginals().get(1);
        assertEquals(60, e.values().length);
        assertEquals(fits.stream().mapToDouble(f -> f.concentrations().get("Cr")).min().orElseThrow(),
                e.values()[0], 1e-4);
        InputException x = assertThrows(InputException.class, () -> Priors.fit(fits, options("gamma", Map.of())));
        assertTrue(x.getMessage().contains("expected normal, log_normal or empirical"), x.getMessage());
    }

    @Test
    void aMetaboliteWithNoSpreadIsAFixedEntryOutsideTheCopula(@TempDir Path dir) throws Exception {
        List<FitResult> fits = new ArrayList<>();
        for (FitResult f : cohort(30, 4, "NAA", "Cr", "Ins")) {
            Map<String, Double> c = new LinkedHashMap<>(f.concentrations());
            c.put("Lac", 0.0);
            fits.add(new FitResult(f.subject(), f.file(), f.format(), c, Map.of(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        Priors.Result r = Priors.fit(fits, options("normal", Map.of()));
        assertTrue(r.fixed().containsKey("Lac"));
        Scenario sc = readBack(r, dir);
        assertTrue(sc.metabolites().stream().anyMatch(m -> m.name().equals("Lac") && m.concentrationMm().isFixed()));
        assertEquals(3, sc.copula().size());
    }
}
