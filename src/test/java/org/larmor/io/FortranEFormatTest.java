package org.larmor.io;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fortran E16.6 against the Fortran rules and against Java's own %E formatting. */
class FortranEFormatTest {

    /** E16.6 as Fortran defines it, derived from String.format("%.5E"): d.ddddd E±xx → 0.dddddd E±(xx+1). */
    static String reference(double v) {
        if (Math.abs(v) < 1e-99) {
            return "    0.000000E+00";
        }
        String s = String.format(Locale.ROOT, "%.5E", Math.abs(v));
        String digits = s.charAt(0) + s.substring(2, 7);
        int exp = Integer.parseInt(s.substring(8)) + 1;
        String body = (v < 0 ? "-" : "") + "0." + digits + "E" + (exp < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        return " ".repeat(16 - body.length()) + body;
    }

    @Test
    void writesTheFortranLayoutWithLeadingZeroInSixteenCharacters() {
        assertEquals("    0.123457E+01", FortranEFormat.format(1.2345678));
        assertEquals("   -0.123457E+01", FortranEFormat.format(-1.2345678));
        assertEquals("    0.000000E+00", FortranEFormat.format(0.0));
        assertEquals("    0.000000E+00", FortranEFormat.format(-0.0));
        assertEquals("    0.100000E+01", FortranEFormat.format(1.0));
        assertEquals("    0.250000E-03", FortranEFormat.format(2.5e-4));
        assertEquals("    0.314159E+03", FortranEFormat.format(314.159265));
        assertEquals("   -0.999999E+98", FortranEFormat.format(-9.99999e97));
        assertEquals("    0.123457E-98", FortranEFormat.format(1.234567e-99));
    }

    @Test
    void roundingCarriesIntoTheExponent() {
        assertEquals("    0.100000E+01", FortranEFormat.format(0.9999996));
        assertEquals("    0.999999E+00", FortranEFormat.format(0.9999994));
        assertEquals("   -0.100000E+02", FortranEFormat.format(-9.9999999));
        assertEquals("    0.100000E-04", FortranEFormat.format(9.9999996e-6));
        assertEquals("    0.100000E+00", FortranEFormat.format(0.09999999999));
    }

    @Test
    void exactHalvesRoundUpAsStringFormatDoes() {
        assertEquals(reference(0.1234565), FortranEFormat.format(0.1234565));
        assertEquals(reference(1.5), FortranEFormat.format(1.5));
        assertEquals(reference(0.0000125), FortranEFormat.format(0.0000125));
        assertEquals(reference(2.5e10), FortranEFormat.format(2.5e10));
    }

    @Test
    void agreesWithStringFormatOverManyMagnitudes() {
        SplittableRandom r = new SplittableRandom(20240611);
        for (int k = 0; k < 200_000; k++) {
            double v = (r.nextBoolean() ? 1 : -1) * r.nextDouble(1, 10) * Math.pow(10, r.nextInt(-98, 98));
            assertEquals(reference(v), FortranEFormat.format(v), () -> "value " + v);
        }
    }

    @Test
    void roundTripsToSixSignificantDigits() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-30, 30));
            String s = FortranEFormat.format(v);
            assertEquals(16, s.length());
            double back = Double.parseDouble(s.trim());
            // Half a unit in the sixth mantissa digit: 0.5·10^(e−6) for a value written 0.dddddd·10^e.
            int e = Integer.parseInt(s.substring(s.indexOf('E') + 1));
            double halfUnit = 0.5 * Math.pow(10, e - 6) * (1 + 1e-9);
            assertTrue(Math.abs(back - v) <= halfUnit, () -> v + " -> " + s);
        }
    }

    @Test
    void tinyValuesBecomeZeroAndImpossibleOnesAreRefused() {
        assertEquals("    0.000000E+00", FortranEFormat.format(1e-150));
        assertEquals("    0.000000E+00", FortranEFormat.format(Double.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> FortranEFormat.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FortranEFormat.format(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> FortranEFormat.format(1e100));
    }

    @Test
    void otherWidthsFollowTheSameRule() {
        StringBuilder sb = new StringBuilder();
        FortranEFormat.append(sb, -1.45025, 13, 5);
        assertEquals(" -0.14503E+01", sb.toString());
    }

    @Test
    void isFastEnoughForALargeBasisSet() {
        double[] values = new SplittableRandom(1).doubles(35 * 4096 * 2, -10, 10).toArray();
        StringBuilder sb = new StringBuilder(values.length * 16);
        for (double v : values) {
            FortranEFormat.append(sb, v);
        }
        sb.setLength(0);
        long t0 = System.nanoTime();
        for (double v : values) {
            FortranEFormat.append(sb, v);
        }
        double ms = (System.nanoTime() - t0) * 1e-6;
        assertTrue(ms < 500, "286 720 numbers in " + ms + " ms");
    }
}
