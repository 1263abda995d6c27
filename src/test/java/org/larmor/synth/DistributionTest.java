package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each distribution draws with its stated moments and bounds; impossible ones are clear, located errors. */
class DistributionTest {
    private static final int DRAWS = 200_000;

    private static Distribution parse(String yaml, double lo, double hi) {
        return Distribution.parse(YamlReader.read("d.yaml", "x: " + yaml).asMap().require("x"), lo, hi, "Hz");
    }

    private static double[] moments(Distribution d) {
        SplittableRandom r = new SplittableRandom(1);
        double s = 0;
        double ss = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < DRAWS; k++) {
            double x = d.sample(r);
            s += x;
            ss += x * x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = s / DRAWS;
        return new double[] {mean, Math.sqrt(ss / DRAWS - mean * mean), min, max};
    }

    @Test
    void uniformNormalTruncatedAndLogNormalHaveTheirMoments() {
        double[] u = moments(parse("{dist: uniform, min: 2, max: 5}", 0, 10));
        assertEquals(3.5, u[0], 0.01);
        assertEquals(3 / Math.sqrt(12), u[1], 0.01);
        assertTrue(u[2] >= 2 && u[3] <= 5);
        double[] n = moments(parse("{dist: normal, mean: 1, sd: 2}", -100, 100));
        assertEquals(1, n[0], 0.02);
        assertEquals(2, n[1], 0.02);
        // N(0, 1) truncated to [0.5, 2]: mean = (φ(0.5) − φ(2)) / (Φ(2) − Φ(0.5)).
        double[] t = moments(parse("{dist: truncated_normal, mean: 0, sd: 1, min: 0.5, max: 2}", -10, 10));
        double pdf05 = Math.exp(-0.125) / Math.sqrt(2 * Math.PI);
        double pdf2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        assertEquals((pdf05 - pdf2) / (Distribution.phi(2) - Distribution.phi(0.5)), t[0], 0.005);
        assertTrue(t[2] >= 0.5 && t[3] <= 2);
        // Deep in the upper tail, where Φ ≈ 1: drawn by mirroring.
        double[] tail = moments(parse("{dist: truncated_normal, mean: 0, sd: 1, min: 6, max: 7}", -10, 10));
        assertTrue(tail[2] >= 6 && tail[3] <= 7 && tail[0] > 6 && tail[0] < 6.3, "tail mean " + tail[0]);
        Distribution l = parse("{dist: log_normal, median: 8, sigma: 0.25}", 0, 100);
        SplittableRandom r = new SplittableRandom(2);
        int below = 0;
        for (int k = 0; k < DRAWS; k++) {
            below += l.sample(r) < 8 ? 1 : 0;
        }
        assertEquals(0.5, below / (double) DRAWS, 0.005, "half the draws below the median");
        assertInstanceOf(Distribution.Fixed.class, parse("3.5", 0, 10));
    }

    @Test
    void impossibleDistributionsAreLocatedErrors() {
        InputException e = assertThrows(InputException.class, () -> parse("{dist: uniform, min: 5, max: 2}", 0, 10));
        assertTrue(e.getMessage().contains("d.yaml:1") && e.getMessage().contains("min 5 is greater than max 2"),
                e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: normal, mean: 1, sd: -2}", -10, 10));
        assertTrue(e.getMessage().contains("sd must not be negative"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: truncated_normal, mean: 0, sd: 1, min: 40,"
                + " max: 50}", -100, 100));
        assertTrue(e.getMessage().contains("impossible truncated normal") && e.getMessage().contains("40.0 sd"),
                e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: log_normal, median: 0, sigma: 1}", 0, 100));
        assertTrue(e.getMessage().contains("median must be positive"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: normal, mean: 1, sd: 1}", 0, 10));
        assertTrue(e.getMessage().contains("reaches outside the allowed range") && e.getMessage().contains(
                "truncated_normal"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: gamma, shape: 2}", 0, 10));
        assertTrue(e.getMessage().contains("unknown distribution \"gamma\""), e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: uniform, min: 1, max: 2, mean: 3}", 0, 10));
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse("{dist: uniform, min: 1, max: 20}", 0, 10));
        assertTrue(e.getMessage().contains("expected a value from 0 to 10 Hz, got 20"), e.getMessage());
    }
}
