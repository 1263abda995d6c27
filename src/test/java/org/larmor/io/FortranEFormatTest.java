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

    /**
     * The bytes the file writers put, several values in a row into one buffer, against String.format on a million
     * values: random bit patterns over every exponent E16.6 can write, exact decimal ties of the sixth digit (where
     * the half-up rule of the shortest form decides) and their neighbours one ulp away, values that round up to the
     * next power of ten, and values next to the 10⁻⁹⁹ floor.
     */
    @Test
    void bytesPutInARowAgreeWithStringFormatOnAMillionValuesAndTheHardCases() {
        SplittableRandom r = new SplittableRandom(20261201);
        int count = 1_000_000;
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            double v;
            switch (k % 5) {
                case 0 -> {
                    // any double from about 1e-99 to 5e98: biased exponent 696..1350
                    long bits = (long) r.nextInt(696, 1351) << 52 | (r.nextLong() >>> 12);
                    v = Double.longBitsToDouble(bits);
                }
                case 1 -> v = Double.parseDouble(r.nextInt(100_000, 1_000_000) + "5E" + r.nextInt(-105, 92));
                case 2 -> {
                    double tie = Double.parseDouble(r.nextInt(100_000, 1_000_000) + "5E" + r.nextInt(-105, 92));
                    v = r.nextBoolean() ? Math.nextUp(tie) : Math.nextDown(tie);
                }
                case 3 -> v = Double.parseDouble("0.9999995E" + r.nextInt(-97, 99)) * (1 + (r.nextDouble() - 0.5) * 1e-15);
                default -> v = Double.parseDouble(r.nextInt(1, 10) + "." + r.nextInt(0, 1_000_000) + "E-" + r.nextInt(98, 101));
            }
            values[k] = r.nextBoolean() ? -v : v;
        }
        values[0] = 0.0;
        values[1] = -0.0;
        values[2] = 1e-99;
        values[3] = Math.nextDown(1e-99);
        values[4] = 9.999994999999999e98;
        byte[] buffer = new byte[3 + 64 * FortranEFormat.WIDTH];
        for (int k = 0; k < count; k += 64) {
            int at = 3;
            for (int j = k; j < Math.min(count, k + 64); j++) {
                at = FortranEFormat.put(buffer, at, values[j]);
            }
            for (int j = k, off = 3; j < Math.min(count, k + 64); j++, off += FortranEFormat.WIDTH) {
                String got = new String(buffer, off, FortranEFormat.WIDTH, java.nio.charset.StandardCharsets.US_ASCII);
                double v = values[j];
                assertEquals(reference(v), got, () -> "value " + v + " (bits " + Double.doubleToRawLongBits(v) + ")");
            }
        }
    }

    @Test
    void digitsBeyondWhatOneLongHoldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FortranEFormat.append(new StringBuilder(), 1.0, 24, 16));
        StringBuilder sb = new StringBuilder();
        FortranEFormat.append(sb, Math.PI, 22, 15);
        assertEquals(" 0.314159265358979E+01", sb.toString());
    }
}
