package org.larmor.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Fortran {@code Ew.d} output editing, as LCModel reads its {@code .RAW} and {@code .BASIS} data with
 * {@code FMTDAT = '(2E16.6)'}: the value right-justified in {@code w} characters as {@code [-]0.ddddddE±xx}, i.e. a
 * mantissa in [0.1, 1) with a leading zero and {@code d} digits, then a two-digit exponent (Fortran 2008, §10.7.2.3.3).
 *
 * <p>Written by hand because {@code String.format} is about fifty times slower and a basis set of 35 metabolites
 * holds 600 000 numbers (its {@code .BASIS} and {@code .RAW} files); the files write them as bytes straight into
 * their buffer ({@link #put(byte[], int, double)}). Rounding is half-up on the shortest decimal form of the double, as {@code String.format}
 * does: the fast path multiplies by an exact power of ten and falls back to {@link BigDecimal} only when the
 * discarded part is within 10⁻⁴ of one half, where the floating-point product could round the wrong way.
 *
 * <p>Magnitudes below 10⁻⁹⁹ are written as zero: {@code Ew.d} has room for a two-digit exponent only, and Fortran's
 * three-digit form ({@code 0.1-100}, without the E) is not understood by the Python readers (FSL-MRS, spant).
 * Such values are far below the E16.6 resolution of any basis spectrum, whose largest value is of order one.
 */
public final class FortranEFormat {
    /** The width LCModel's '(2E16.6)' expects. */
    public static final int WIDTH = 16;
    /** Mantissa digits of '(2E16.6)'. */
    public static final int DIGITS = 6;

    /**
     * Most mantissa digits: a 15-digit mantissa and the exponent fit one long (below), and a double has no more
     * decimal digits to give.
     */
    public static final int MAX_DIGITS = 15;

    private static final double[] POW10 = new double[23];
    private static final double SMALLEST = 1e-99;
    /** The exponent's bits in a packed mantissa and exponent: doubles' decimal exponents lie within ±400. */
    private static final int EXPONENT_BITS = 10;
    private static final long EXPONENT_MASK = (1L << EXPONENT_BITS) - 1;
    private static final int EXPONENT_BIAS = 512;

    static {
        double p = 1;
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = p;
            p *= 10;
        }
    }

    private FortranEFormat() {
    }

    /** {@code v} in E16.6, exactly 16 characters. */
    public static String format(double v) {
        byte[] b = new byte[WIDTH];
        put(b, 0, v, WIDTH, DIGITS);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Appends {@code v} in E16.6. */
    public static void append(StringBuilder sb, double v) {
        append(sb, v, WIDTH, DIGITS);
    }

    /**
     * Appends {@code v} in {@code Ew.d}.
     *
     * @throws IllegalArgumentException for NaN, infinities, magnitudes of 10⁹⁹ or more (no Fortran reader would
     *                                  survive them in a basis file), or a width too small for the digits
     */
    public static void append(StringBuilder sb, double v, int width, int digits) {
        byte[] b = new byte[width];
        put(b, 0, v, width, digits);
        sb.append(new String(b, StandardCharsets.US_ASCII));
    }

    /**
     * Writes {@code v} in E16.6 as 16 ASCII bytes into {@code out} from {@code at}: the files' hot path, with no
     * String or StringBuilder per value.
     *
     * @return {@code at + 16}
     * @throws IllegalArgumentException as {@link #append(StringBuilder, double, int, int)}
     */
    public static int put(byte[] out, int at, double v) {
        return put(out, at, v, WIDTH, DIGITS);
    }

    /**
     * Writes {@code v} in {@code Ew.d} as {@code width} ASCII bytes into {@code out} from {@code at}.
     *
     * @return {@code at + width}
     * @throws IllegalArgumentException as {@link #append(StringBuilder, double, int, int)}; digits must be 1..15
     */
    public static int put(byte[] out, int at, double v, int width, int digits) {
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be 1.." + MAX_DIGITS + ", got " + digits);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " in Fortran E format");
        }
        double a = Math.abs(v);
        boolean negative = v < 0;
        long mantissa;
        int exponent;
        if (a < SMALLEST) {
            mantissa = 0;
            exponent = 0;
            negative = false;
        } else {
            long me = mantissaAndExponent(a, digits);
            mantissa = me >> EXPONENT_BITS;
            exponent = (int) (me & EXPONENT_MASK) - EXPONENT_BIAS;
            if (exponent > 99) {
                throw new IllegalArgumentException("cannot write " + v + " in E" + width + "." + digits
                        + ": exponent above 99");
            }
        }
        int length = (negative ? 1 : 0) + 2 + digits + 4;
        if (length > width) {
            throw new IllegalArgumentException("E" + width + "." + digits + " is too narrow for " + v);
        }
        int p = at;
        for (int k = length; k < width; k++) {
            out[p++] = ' ';
        }
        if (negative) {
            out[p++] = '-';
        }
        out[p++] = '0';
        out[p++] = '.';
        long m = mantissa;
        for (int k = digits - 1; k >= 0; k--) {
            out[p + k] = (byte) ('0' + m % 10);
            m /= 10;
        }
        p += digits;
        out[p++] = 'E';
        out[p++] = (byte) (exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        out[p++] = (byte) ('0' + e / 10);
        out[p++] = (byte) ('0' + e % 10);
        return p;
    }

    /**
     * The {@code digits}-digit integer mantissa m and exponent e with a ≈ 0.m × 10^e, 10^(digits−1) ≤ m < 10^digits,
     * packed as {@code m << EXPONENT_BITS | (e + EXPONENT_BIAS)}: one long, so the hot path allocates nothing.
     */
    private static long mantissaAndExponent(double a, int digits) {
        long top = (long) POW10[digits];
        // log10 may be off by one next to a power of ten: the loop below corrects it.
        int e = (int) Math.floor(Math.log10(a)) + 1;
        for (int attempt = 0; attempt < 3; attempt++) {
            int s = digits - e;
            if (Math.abs(s) >= POW10.length) {
                break;
            }
            // One correctly rounded operation with an exact power of ten: x is within 1e-10 of the true value.
            double x = s >= 0 ? a * POW10[s] : a / POW10[-s];
            if (x >= top) {
                e++;
                continue;
            }
            if (x < top / 10) {
                e--;
                continue;
            }
            double whole = Math.floor(x);
            double fraction = x - whole;
            if (Math.abs(fraction - 0.5) < 1e-4) {
                break;
            }
            long m = (long) whole + (fraction > 0.5 ? 1 : 0);
            if (m == top) {
                m = top / 10;
                e++;
            }
            return pack(m, e);
        }
        return exact(a, digits);
    }

    /** Half-up rounding of the shortest decimal form, as {@code String.format("%.5E")} does. */
    private static long exact(double a, int digits) {
        BigDecimal rounded = new BigDecimal(Double.toString(a)).round(new MathContext(digits, RoundingMode.HALF_UP));
        BigDecimal unscaled = new BigDecimal(rounded.unscaledValue());
        int shift = digits - unscaled.precision();
        long m = unscaled.movePointRight(shift).longValueExact();
        // value = unscaled × 10^(−scale) = 0.m × 10^(precision − scale)
        int e = unscaled.precision() - rounded.scale();
        return pack(m, e);
    }

    private static long pack(long mantissa, int exponent) {
        return mantissa << EXPONENT_BITS | (exponent + EXPONENT_BIAS);
    }
}
