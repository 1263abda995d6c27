package org.larmor.synth;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gaussian copula of concentrations: synthesised truth has the stated marginals and correlation (within 4
 * standard errors of N draws: σ/√N for a mean, σ/√(2(N−1)) for an SD, 1/√(N−3) for Fisher's z of a correlation),
 * and a bad correlation matrix is refused with the file, line and field.
 */
class ConcentrationCopulaTest {
    static final int N = 2000;

    private static final String COPULA = """
            concentrations_mm:
              Cho: 2.0
              copula:
                source: "test: known cohort"
                marginals:
                  NAA: {dist: normal, mean: 12, sd: 1.2}
                  Cr: {dist: normal, mean: 8, sd: 0.8}
                  Singlet: {dist: log_normal, median: 3, sigma: 0.2}
                correlation:
                  - [1.0, 0.6, -0.4]
                  - [0.6, 1.0, 0.0]
                  - [-0.4, 0.0, 1.0]
            """;

    @Test
    void synthesisedTruthConcentrationsHaveTheCopulasMarginalsAndCorrelation() {
        Synthesiser s = SynthFixtures.synthesiser(COPULA);
        double[][] c = new double[N][3];
        double[] cho = new double[N];
        for (int i = 0; i < N; i++) {
            Sample sample = s.generate(11, i, false, false);
            c[i][0] = sample.value("NAA.concentration_mm");
            c[i][1] = sample.value("Cr.concentration_mm");
            c[i][2] = Math.log(sample.value("Singlet.concentration_mm"));
            cho[i] = sample.value("Cho.concentration_mm");
        }
        assertMeanSd(c, 0, 12, 1.2);
        assertMeanSd(c, 1, 8, 0.8);
        assertMeanSd(c, 2, Math.log(3), 0.2);
        double[][] r = new PearsonsCorrelation(c).getCorrelationMatrix().getData();
        assertCorrelation(r[0][1], 0.6, "NAA-Cr");
        assertCorrelation(r[0][2], -0.4, "NAA-ln Singlet");
        assertCorrelation(r[1][2], 0.0, "Cr-ln Singlet");
        for (double v : cho) {
            assertEquals(2.0, v, 0.0, "a metabolite outside the copula keeps its own distribution");
        }
    }

    @Test
    void theCopulaIsReproducibleAndDrawsFromTheMetaboliteStream() {
        Synthesiser a = SynthFixtures.synthesiser(COPULA);
        Synthesiser b = SynthFixtures.synthesiser(COPULA);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.generate(3, i, false, false).value("NAA.concentration_mm"),
                    b.generate(3, i, false, false).value("NAA.concentration_mm"), 0.0);
        }
    }

    @Test
    void aUniformEmpiricalOrTruncatedMarginalIsMappedThroughItsInverseCdf() {
        double[] sample = {1, 2, 3, 4, 5};
        Distribution.Empirical e = new Distribution.Empirical(sample);
        assertEquals(3, e.fromNormalScore(0), 1e-12, "the median of the sample");
        assertEquals(1, e.fromNormalScore(-40), 0, "the smallest value");
        assertEquals(5, e.fromNormalScore(40), 0, "the largest value");
        Distribution.Uniform u = new Distribution.Uniform(2, 4);
        assertEquals(3, u.fromNormalScore(0), 1e-12);
        Distribution.TruncatedNormal t = new Distribution.TruncatedNormal(0, 1, 0, 10);
        assertEquals(Distribution.inversePhi(0.75), t.fromNormalScore(0), 1e-12, "median of a half-normal");
        SplittableRandom rng = new SplittableRandom(1);
        double sum = 0;
        for (int i = 0; i < 20000; i++) {
            sum += e.sample(rng);
        }
        assertEquals(3, sum / 20000, 4 * Math.sqrt(2.0 / 20000));
    }

    @Test
    void aCorrelationMatrixThatIsNotPositiveDefiniteIsRefusedWithItsLine() {
        String yaml = """
                concentrations_mm:
                  copula:
                    marginals:
                      NAA: {dist: normal, mean: 12, sd: 1.2}
                      Cr: {dist: normal, mean: 8, sd: 0.8}
                      Cho: {dist: normal, mean: 2, sd: 0.3}
                    correlation:
                      - [1.0, 0.9, 0.9]
                      - [0.9, 1.0, -0.9]
                      - [0.9, -0.9, 1.0]
                """;
        InputException e = assertThrows(InputException.class, () -> SynthFixtures.scenario(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml:9:"), e.getMessage());
        assertTrue(e.getMessage().contains("concentrations_mm.copula.correlation"), e.getMessage());
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    @Test
    void anAsymmetricMatrixOrAWrongDiagonalOrAFixedMarginalIsRefused() {
        String asym = COPULA.replace("- [0.6, 1.0, 0.0]", "- [0.5, 1.0, 0.0]");
        InputException e = assertThrows(InputException.class, () -> SynthFixtures.scenario(asym));
        assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.yaml:12:") && e.getMessage().contains("correlation[1]"),
                "the row's line and field: " + e.getMessage());
        String diag = COPULA.replace("- [0.6, 1.0, 0.0]", "- [0.6, 0.9, 0.0]");
        e = assertThrows(InputException.class, () -> SynthFixtures.scenario(diag));
        assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
        String fixed = COPULA.replace("Cr: {dist: normal, mean: 8, sd: 0.8}", "Cr: 8");
        e = assertThrows(InputException.class, () -> SynthFixtures.scenario(fixed));
        assertTrue(e.getMessage().contains("needs a distribution with a spread"), e.getMessage());
        String twice = COPULA.replace("Cho: 2.0", "Cr: 2.0");
        e = assertThrows(InputException.class, () -> SynthFixtures.scenario(twice));
        assertTrue(e.getMessage().contains("both in the copula and an entry"), e.getMessage());
        String rows = COPULA.replace("  - [-0.4, 0.0, 1.0]\n", "");
        e = assertThrows(InputException.class, () -> SynthFixtures.scenario(rows));
        assertTrue(e.getMessage().contains("expected 3 rows"), e.getMessage());
    }

    @Test
    void aCopulaOverridesAPresetsEntriesAndKeepsTheRest() {
        Scenario plain = SynthFixtures.scenario("concentrations_mm: {preset: healthy-grey-matter}\n");
        Scenario sc = SynthFixtures.scenario("""
                concentrations_mm:
                  preset: healthy-grey-matter
                  copula:
                    marginals:
                      NAA: {dist: normal, mean: 12, sd: 1.2}
                      Cr: {dist: normal, mean: 8, sd: 0.8}
                    correlation: [[1, 0.6], [0.6, 1]]
                """);
        assertEquals(plain.metabolites().stream().map(Scenario.Metabolite::name).toList(),
                sc.metabolites().stream().map(Scenario.Metabolite::name).toList(),
                "the preset's metabolites in its order, none added");
        Scenario.Metabolite naa = sc.metabolites().stream().filter(m -> m.name().equals("NAA")).findFirst()
                .orElseThrow();
        assertEquals(new Distribution.Normal(12, 1.2, 0, ScenarioReader.MAX_MM), naa.concentrationMm());
        assertEquals(java.util.List.of("NAA", "Cr"), sc.copula().names());
    }

    static void assertMeanSd(double[][] c, int col, double mean, double sd) {
        double m = 0;
        for (double[] row : c) {
            m += row[col];
        }
        m /= c.length;
        double v = 0;
        for (double[] row : c) {
            v += (row[col] - m) * (row[col] - m);
        }
        double s = Math.sqrt(v / (c.length - 1));
        assertEquals(mean, m, 4 * sd / Math.sqrt(c.length), "mean of column " + col);
        assertEquals(sd, s, 4 * sd / Math.sqrt(2.0 * (c.length - 1)), "SD of column " + col);
    }

    static void assertCorrelation(double r, double rho, String what) {
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double zRho = 0.5 * Math.log((1 + rho) / (1 - rho));
        assertEquals(zRho, z, 4 / Math.sqrt(N - 3), what + ": r = " + r + ", expected ρ = " + rho);
    }
}
