package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The truth tables' decimals ({@link Truth#shortestDecimal}, Schubfach) read back to the very double written, on a
 * million values and the edge cases, in the notation of JDK 17's {@link Double#toString(double)} and never longer
 * than it; where the two differ, it is in digits only (JDK-4511638).
 */
class ShortestDecimalTest {
    // Kills: a decimal that does not read back bit for bit, a notation other than Double.toString's (plain against
    // E, the exponent's form), a longer string than JDK 17's, the sign of -0.0 or of negative values lost.
    @Test
    void everyDecimalReadsBackToTheSameDoubleBitForBit() {
        SplittableRandom r = new SplittableRandom(20261201);
        int differ = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong());          // every exponent, subnormals, NaN payloads
                case 1 -> r.nextDouble() * 100;                            // the range of drawn parameters
                case 2 -> r.nextGaussian() * Math.pow(10, r.nextInt(-30, 30));
                default -> Math.nextAfter(Math.pow(10, r.nextInt(-320, 309)), r.nextBoolean() ? 0 : Double.POSITIVE_INFINITY);
            };
            if (Double.isNaN(v)) {
                continue;
            }
            differ += check(v) ? 0 : 1;
        }
        // JDK-4511638 is rare: a few values in a thousand of random bit patterns.
        assertTrue(differ < 10_000, differ + " decimals differ from Double.toString's");
    }

    @Test
    void edgeCasesReadBackAndKeepDoubleToStringsNotation() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 1e-3, Math.nextDown(1e-3), 1e7,
            Math.nextDown(1e7), 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2e-3, 1e23, 9.999999999999999e22, 5e-324,
            2e-323, 1.0, -1.0, 123.456, 4.35, 2.0E-3, 1.0E-5, 1e15, 1e16, 1e22, Math.PI, Math.E, 0.5, 0.25};
        for (double v : edges) {
            check(v);
        }
        assertEquals("1.0E23", Truth.shortestDecimal(1e23));       // JDK 17: 9.999999999999999E22
        assertEquals("0.002", Truth.shortestDecimal(2e-3));
        assertEquals("-0.0", Truth.shortestDecimal(-0.0));
        assertEquals("4.9E-324", Truth.shortestDecimal(Double.MIN_VALUE));
        assertEquals("1.0e-5", Truth.format(1e-5));
        assertEquals("null", Truth.format(Double.NaN));
    }

    /** Checks the round trip and the notation; returns whether the text is Double.toString's. */
    private static boolean check(double v) {
        String s = Truth.shortestDecimal(v);
        double back = Double.parseDouble(s);
        if (Double.doubleToRawLongBits(back) != Double.doubleToRawLongBits(v)) {
            fail(s + " reads back as " + back + ", not " + v);
        }
        String jdk = Double.toString(v);
        if (s.equals(jdk)) {
            return true;
        }
        assertEquals(jdk.indexOf('E') >= 0, s.indexOf('E') >= 0, () -> s + " against " + jdk);
        assertTrue(s.length() <= jdk.length(), () -> s + " longer than " + jdk);
        return false;
    }
}
