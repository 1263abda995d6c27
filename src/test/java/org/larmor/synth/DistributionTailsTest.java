package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.YamlReader;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributions against closed forms: the probability mass and the mean of a truncated normal in either tail, the
 * rejection of normal and log-normal draws outside the parameter's range (the accepted draws are the truncated
 * distribution), and what each distribution reports of itself. Sample sizes are fixed with fixed seeds; each
 * tolerance is about five standard errors.
 */
class DistributionTailsTest {
    private static final int DRAWS = 100_000;

    private static Distribution parse(String yaml, double lo, double hi) {
        return Distribution.parse(YamlReader.read("d.yaml", "x: " + yaml).asMap().require("x"), lo, hi, "Hz");
    }

    private static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void truncatedNormalMassIsTheNormalProbabilityOfTheInterval() {
        assertEquals(Distribution.phi(2) - Distribution.phi(1),
                new Distribution.TruncatedNormal(0, 1, 1, 2).mass(), 1e-15);
        assertEquals(Distribution.phi(2) - Distribution.phi(1),
                new Distribution.TruncatedNormal(0, 1, -2, -1).mass(), 1e-15, "mirror image");
        assertEquals(Distribution.phi(2) - Distribution.phi(-1),
                new Distribution.TruncatedNormal(0, 1, -1, 2).mass(), 1e-15);
        // Mean 10, SD 2 on [12, 16]: z from 1 to 3.
        assertEquals(Distribution.phi(3) - Distribution.phi(1),
                new Distribution.TruncatedNormal(10, 2, 12, 16).mass(), 1e-15);
        // Far in the upper tail the mass is computed in the lower tail, where it keeps its relative precision:
        // Φ(−8) − Φ(−9) ≈ 6.2·10⁻¹⁶ is lost entirely in 1 − Φ.
        double far = new Distribution.TruncatedNormal(0, 1, 8, 9).mass();
        assertEquals(Distribution.phi(-8) - Distribution.phi(-9), far, 1e-6 * far);
        assertTrue(far > 6e-16 && far < 6.3e-16, "mass " + far);
        assertEquals(1, Distribution.phi(0) * 2, 1e-15);
        assertEquals(1.959963984540054, Distribution.inversePhi(0.975), 1e-12);
    }

    @Test
    void truncatedNormalDrawsHaveTheTruncatedMeanInEitherTail() {
        // Mean of N(μ, σ²) on [a, b] (standardised α, β): μ + σ·(φ(α) − φ(β))/(Φ(β) − Φ(α)).
        double[][] cases = {{10, 2, 12, 16}, {10, 2, 4, 8}, {0, 1, 6, 7}, {0, 1, -7, -6}, {5, 3, 1, 6}};
        for (double[] c : cases) {
            Distribution d = new Distribution.TruncatedNormal(c[0], c[1], c[2], c[3]);
            double a = (c[2] - c[0]) / c[1];
            double b = (c[3] - c[0]) / c[1];
            double mass = a > 0 ? Distribution.phi(-a) - Distribution.phi(-b)
                    : Distribution.phi(b) - Distribution.phi(a);
            double mean = c[0] + c[1] * (pdf(a) - pdf(b)) / mass;
            SplittableRandom r = new SplittableRandom(11);
            double s = 0;
            double ss = 0;
            for (int k = 0; k < DRAWS; k++) {
                double x = d.sample(r);
                assertTrue(x >= c[2] && x <= c[3], x + " outside [" + c[2] + ", " + c[3] + "]");
                s += x;
                ss += x * x;
            }
            double m = s / DRAWS;
            double sd = Math.sqrt(ss / DRAWS - m * m);
            assertEquals(mean, m, 5 * sd / Math.sqrt(DRAWS) + 1e-9, "mean of " + java.util.Arrays.toString(c));
            assertFalse(d.isFixed());
        }
        assertTrue(new Distribution.TruncatedNormal(1, 2, 3, 3).isFixed());
    }

    @Test
    void normalAndLogNormalDrawsOutsideTheRangeAreDrawnAgain() {
        // N(0, 1) restricted by rejection to [−0.5, 0.5]: the accepted draws are the truncated normal, of which
        // the fraction inside ±0.25 is (Φ(0.25) − Φ(−0.25))/(Φ(0.5) − Φ(−0.5)) ≈ 0.5102.
        Distribution n = new Distribution.Normal(0, 1, -0.5, 0.5);
        double p = (Distribution.phi(0.25) - Distribution.phi(-0.25)) / (Distribution.phi(0.5) - Distribution.phi(-0.5));
        SplittableRandom r = new SplittableRandom(3);
        int inner = 0;
        for (int k = 0; k < DRAWS; k++) {
            double x = n.sample(r);
            assertTrue(x >= -0.5 && x <= 0.5, "normal draw " + x);
            inner += Math.abs(x) < 0.25 ? 1 : 0;
        }
        assertEquals(p, inner / (double) DRAWS, 5 * Math.sqrt(p * (1 - p) / DRAWS));
        // Log-normal, median 1, σ = 1, restricted to [1/2, 2]: ln x is N(0, 1) on [−ln 2, ln 2].
        Distribution l = new Distribution.LogNormal(1, 1, 0.5, 2);
        double a = Math.log(2);
        double q = (Distribution.phi(a / 2) - Distribution.phi(-a / 2)) / (Distribution.phi(a) - Distribution.phi(-a));
        int near = 0;
        for (int k = 0; k < DRAWS; k++) {
            double x = l.sample(r);
            assertTrue(x >= 0.5 && x <= 2, "log-normal draw " + x);
            near += Math.abs(Math.log(x)) < a / 2 ? 1 : 0;
        }
        assertEquals(q, near / (double) DRAWS, 5 * Math.sqrt(q * (1 - q) / DRAWS));
    }

    @Test
    void aDistributionIsFixedOnlyWhenItsSpreadIsZeroAndDescribesItselfAsWritten() {
        Distribution f = parse("{dist: fixed, value: 4.5}", 0, 10);
        assertTrue(f.isFixed());
        assertEquals(4.5, f.fixedValue(), 0);
        assertEquals(4.5, f.sample(new SplittableRandom(1)), 0);
        assertEquals(Map.of("dist", "fixed", "value", 4.5), f.describe());
        assertEquals(4.5, Distribution.fixed(4.5).fixedValue(), 0);

        Distribution u = parse("{dist: uniform, min: 2, max: 5}", 0, 10);
        assertFalse(u.isFixed());
        assertTrue(Double.isNaN(u.fixedValue()));
        assertEquals(Map.of("dist", "uniform", "min", 2.0, "max", 5.0), u.describe());
        assertTrue(parse("{dist: uniform, min: 3, max: 3}", 0, 10).isFixed());

        Distribution n = parse("{dist: normal, mean: 1, sd: 2}", -100, 100);
        assertFalse(n.isFixed());
        assertEquals(Map.of("dist", "normal", "mean", 1.0, "sd", 2.0), n.describe());
        assertTrue(parse("{dist: normal, mean: 1, sd: 0}", -100, 100).isFixed());
        assertEquals(1, parse("{dist: normal, mean: 1, sd: 0}", -100, 100).sample(new SplittableRandom(2)), 0);

        Distribution t = parse("{dist: truncated_normal, mean: 0, sd: 1, min: -1, max: 2}", -10, 10);
        assertEquals(Map.of("dist", "truncated_normal", "mean", 0.0, "sd", 1.0, "min", -1.0, "max", 2.0),
                t.describe());

        Distribution l = parse("{dist: log_normal, median: 8, sigma: 0.25}", 0, 100);
        assertFalse(l.isFixed());
        assertEquals(Map.of("dist", "log_normal", "median", 8.0, "sigma", 0.25), l.describe());
        assertTrue(parse("{dist: log_normal, median: 8, sigma: 0}", 0, 100).isFixed());
        // The manifest keeps the order in which the distribution is written.
        assertEquals(java.util.List.of("dist", "mean", "sd", "min", "max"), new java.util.ArrayList<>(
                t.describe().keySet()));
    }
}
