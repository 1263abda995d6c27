package org.larmor.synth;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact expectations for distributions: the bounds each kind reports, the edges of every acceptance test (a range
 * bound reached exactly is allowed), the numbers in the refusals, and each draw as the closed-form transform of
 * the generator's own uniform or Gaussian.
 */
class DistributionExactTest {
    private static Distribution parse(String yaml, double lo, double hi, String unit) {
        return Distribution.parse(YamlReader.read("d.yaml", "x: " + yaml).asMap().require("x"), lo, hi, unit);
    }

    private static Distribution parse(String yaml, double lo, double hi) {
        return parse(yaml, lo, hi, "Hz");
    }

    private static String refusal(String yaml, double lo, double hi, String unit) {
        return assertThrows(InputException.class, () -> parse(yaml, lo, hi, unit)).getMessage();
    }

    private static void assertHas(String message, String part) {
        assertTrue(message.contains(part), "expected «" + part + "» in: " + message);
    }

    @Test
    void boundsOfEveryKind() {
        Distribution f = Distribution.fixed(3.25);
        assertEquals(3.25, f.lowerBound());
        assertEquals(3.25, f.upperBound());
        Distribution u = new Distribution.Uniform(2.5, 4.5);
        assertEquals(2.5, u.lowerBound());
        assertEquals(4.5, u.upperBound());
        // A normal with spread can reach its parameter's range; without spread only its mean.
        Distribution n = new Distribution.Normal(5, 1, -3, 13);
        assertEquals(-3, n.lowerBound());
        assertEquals(13, n.upperBound());
        Distribution n0 = new Distribution.Normal(5, 0, -3, 13);
        assertEquals(5, n0.lowerBound());
        assertEquals(5, n0.upperBound());
        Distribution t = new Distribution.TruncatedNormal(5, 2, 1.5, 7.5);
        assertEquals(1.5, t.lowerBound());
        assertEquals(7.5, t.upperBound());
        Distribution l = new Distribution.LogNormal(8, 0.1, 2, 30);
        assertEquals(2, l.lowerBound());
        assertEquals(30, l.upperBound());
        Distribution l0 = new Distribution.LogNormal(8, 0, 2, 30);
        assertEquals(8, l0.lowerBound());
        assertEquals(8, l0.upperBound());
    }

    @Test
    void numbersInMessagesAreIntegersDecimalsOrThreeDigitExponents() {
        assertHas(refusal("{dist: uniform, min: 2.5, max: 1.5}", 0, 10, "Hz"), "min 2.5 is greater than max 1.5");
        assertHas(refusal("{dist: uniform, min: 7, max: 3}", 0, 10, "Hz"), "min 7 is greater than max 3");
        // 1e15 and beyond are written with three significant digits, below as whole numbers.
        assertHas(refusal("{dist: uniform, min: 2e15, max: 1e15}", 0, 1e16, "Hz"),
                "min 2.00e+15 is greater than max 1.00e+15");
        assertHas(refusal("{dist: uniform, min: 999999999999999, max: 5}", 0, 1e16, "Hz"),
                "min 999999999999999 is greater than max 5");
    }

    @Test
    void normalReachingTheRangeExactlyIsAcceptedAndEachSideIsChecked() {
        Distribution n = parse("{dist: normal, mean: 6, sd: 1}", 0, 12);
        assertInstanceOf(Distribution.Normal.class, n);
        // Only the upper side outside: mean + 6 sd = 7 > 5.
        String m = refusal("{dist: normal, mean: 1, sd: 1}", -5, 5, "Hz");
        assertHas(m, "a normal distribution with mean 1 and sd 1 reaches outside the allowed range [-5, 5] Hz"
                + " (mean ± 6 sd = [-5, 7]); use {dist: truncated_normal");
        m = refusal("{dist: normal, mean: 2, sd: 0.5}", 0, 100, "");
        assertHas(m, "reaches outside the allowed range [0, 100] (mean ± 6 sd = [-1, 5])");
    }

    @Test
    void truncatedNormalEdges() {
        // min = max is a point (accepted, fixed), even where it holds no probability.
        Distribution p = parse("{dist: truncated_normal, mean: 0, sd: 1, min: 3, max: 3}", 0, 10);
        assertTrue(p.isFixed());
        Distribution far = parse("{dist: truncated_normal, mean: 0, sd: 1, min: 50, max: 50}", 0, 100);
        assertTrue(far.isFixed());
        // Distance in sd from the nearer end: here min, above the mean (|60 − 2| / 2 = 29).
        String m = refusal("{dist: truncated_normal, mean: 2, sd: 2, min: 60, max: 100}", 0, 200, "");
        assertHas(m, "impossible truncated normal: [60, 100] lies 29.0 sd from the mean 2 and holds probability ");
        // Here max, below the mean (|20 − 100| / 2 = 40).
        m = refusal("{dist: truncated_normal, mean: 100, sd: 2, min: 0, max: 20}", 0, 200, "");
        assertHas(m, "impossible truncated normal: [0, 20] lies 40.0 sd from the mean 100 and holds probability ");
        assertHas(refusal("{dist: truncated_normal, mean: 0, sd: 1, min: 5, max: 4}", 0, 10, ""),
                "impossible truncated normal: min 5 is greater than max 4");
    }

    @Test
    void logNormalEdges() {
        // The median may sit on either end of the range when sigma is 0.
        Distribution lo = parse("{dist: log_normal, median: 10, sigma: 0}", 10, 20);
        assertEquals(10, lo.sample(new SplittableRandom(1)));
        Distribution hi = parse("{dist: log_normal, median: 20, sigma: 0}", 10, 20);
        assertEquals(20, hi.sample(new SplittableRandom(1)));
        // median·exp(±6·0.1) = [0.549, 1.822] inside [0.5, 2].
        assertInstanceOf(Distribution.LogNormal.class, parse("{dist: log_normal, median: 1, sigma: 0.1}", 0.5, 2));
        // Only the lower side outside: exp(−3) < 0.1 while exp(3) < 100.
        String m = refusal("{dist: log_normal, median: 1, sigma: 0.5}", 0.1, 100, "ms");
        assertHas(m, "a log-normal distribution with median 1 and sigma 0.5 reaches outside the allowed range"
                + " [0.1, 100] ms (median·exp(±6 sigma) = [" + Math.exp(-3) + ", " + Math.exp(3) + "])");
        m = refusal("{dist: log_normal, median: 50, sigma: 0}", 10, 20, "ms");
        assertHas(m, "expected a median in the allowed range [10, 20] ms, got 50");
        m = refusal("{dist: log_normal, median: 5, sigma: 0}", 10, 20, "ms");
        assertHas(m, "expected a median in the allowed range [10, 20] ms, got 5");
    }

    @Test
    @Timeout(2)
    void drawsOnTheRangeBoundAreKept() {
        assertEquals(0, parse("{dist: normal, mean: 0, sd: 0}", 0, 5).sample(new SplittableRandom(3)));
        assertEquals(5, parse("{dist: normal, mean: 5, sd: 0}", 0, 5).sample(new SplittableRandom(3)));
        assertEquals(2, new Distribution.LogNormal(2, 0, 2, 4).sample(new SplittableRandom(3)));
        assertEquals(4, new Distribution.LogNormal(4, 0, 2, 4).sample(new SplittableRandom(3)));
    }

    @Test
    void eachDrawIsTheTransformOfOneGaussian() {
        for (long seed = 1; seed <= 5; seed++) {
            double g = new SplittableRandom(seed).nextGaussian();
            assertEquals(3 + 0.5 * g, new Distribution.Normal(3, 0.5, -100, 100).sample(new SplittableRandom(seed)),
                    1e-12);
            assertEquals(8 * Math.exp(0.25 * g),
                    new Distribution.LogNormal(8, 0.25, 1e-3, 1e3).sample(new SplittableRandom(seed)), 1e-12);
        }
    }

    @Test
    void truncatedNormalDrawIsTheInverseCdfOfOneUniform() {
        NormalDistribution std = new NormalDistribution(0, 1);
        for (long seed = 1; seed <= 5; seed++) {
            double u = new SplittableRandom(seed).nextDouble();
            // [mean, mean + sd]: increasing in u.
            double p = 0.5 + u * (std.cumulativeProbability(1) - 0.5);
            assertEquals(10 + 2 * std.inverseCumulativeProbability(p),
                    new Distribution.TruncatedNormal(10, 2, 10, 12).sample(new SplittableRandom(seed)), 1e-9);
        }
    }

    @Test
    void tailsAtTheAcceptanceLimitAreResolvedOnBothSides() {
        // [7, 7.5] sd holds 1.25e-12, just above the limit 1e-12. Computed near Φ = 1, where doubles are 1.1e-16
        // apart, such a tail would have only ~10^4 distinct values; drawn in the lower tail every draw is distinct.
        NormalDistribution std = new NormalDistribution(0, 1);
        double mass = std.cumulativeProbability(-7) - std.cumulativeProbability(-7.5);
        double pdf7 = Math.exp(-24.5) / Math.sqrt(2 * Math.PI);
        double pdf75 = Math.exp(-28.125) / Math.sqrt(2 * Math.PI);
        double tailMean = (pdf7 - pdf75) / mass;
        for (String yaml : new String[] {"{dist: truncated_normal, mean: 0, sd: 1, min: 7, max: 7.5}",
                "{dist: truncated_normal, mean: 0, sd: 1, min: -7.5, max: -7}"}) {
            Distribution t = parse(yaml, -10, 10);
            double sign = t.upperBound() > 0 ? 1 : -1;
            SplittableRandom r = new SplittableRandom(7);
            int n = 20_000;
            java.util.Set<Double> seen = new java.util.HashSet<>();
            double s = 0;
            for (int k = 0; k < n; k++) {
                double x = sign * t.sample(r);
                assertTrue(x >= 7 && x <= 7.5, yaml + " drew " + x);
                s += x;
                seen.add(x);
            }
            assertEquals(tailMean, s / n, 0.005, yaml);
            assertTrue(seen.size() > n - 50, yaml + ": " + seen.size() + " distinct draws");
        }
    }

    @Test
    void inverseOfPhiKeepsItsRelativePrecisionDeepInTheLowerTail() {
        // Φ(z) = erfc(−z/√2)/2 keeps its relative precision for z < 0: the inverse must give Φ(z) = p to rounding.
        for (double p : new double[] {1e-7, 1.25e-12, 1e-19, 1e-100, 1e-300}) {
            double z = Distribution.inversePhi(p);
            double back = 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
            assertEquals(1, back / p, 1e-12, "p = " + p + ": z = " + z);
        }
        assertEquals(Double.NEGATIVE_INFINITY, Distribution.inversePhi(0));
        assertEquals(0, Distribution.inversePhi(0.5), 1e-15);
        assertEquals(1.959963984540054, Distribution.inversePhi(0.975), 1e-12);
    }
}
