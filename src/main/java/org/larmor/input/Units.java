package org.larmor.input;

import java.math.BigDecimal;

/**
 * Conversions between the units written in YAML (ms, mm, degrees) and the SI units used inside, made so that a
 * value printed by Larmor and read back is the same double to the last bit.
 *
 * <p>Milli-units are converted by moving the decimal point of the written text (BigDecimal), then rounding once to
 * the nearest double; printing goes the other way from the shortest decimal that identifies the double
 * ({@link Double#toString}). Both directions are exact, so expanded event lists round-trip bit for bit. Angles have
 * no exact decimal route (π is irrational); {@link #degreesText} searches the few doubles around the converted value
 * for one that maps back exactly.
 */
public final class Units {
    private Units() {
    }

    /** A value written in thousandths (ms, mm), in SI (s, m), rounded once. */
    public static double milli(double written) {
        if (!Double.isFinite(written)) {
            throw new IllegalArgumentException("expected a finite number, got " + written);
        }
        return new BigDecimal(Double.toString(written)).movePointLeft(3).doubleValue();
    }

    /** A value written in thousandths, from its exact text. */
    public static double milli(String text) {
        try {
            return new BigDecimal(text.trim()).movePointLeft(3).doubleValue();
        } catch (NumberFormatException e) {
            // .inf, .nan, 1_000: not a decimal; callers check the value first, so this is a last line of defence.
            throw new IllegalArgumentException("expected a finite decimal number, got " + InputFiles.quote(text), e);
        }
    }

    /** The text, in thousandths (ms, mm), that {@link #milli(String)} reads back as exactly {@code si}. */
    public static String milliText(double si) {
        BigDecimal d = new BigDecimal(Double.toString(si)).movePointRight(3).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** Shortest text of a double in plain notation where it is short, else Java's round-trip form. */
    public static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // YAML 1.1 reads 1.0E10 as text: its exponent needs a sign.
        String t = Double.toString(v);
        int e = t.indexOf('E');
        return e >= 0 && t.charAt(e + 1) != '-' ? t.substring(0, e + 1) + "+" + t.substring(e + 1) : t;
    }

    /**
     * A text in degrees that {@code Math.toRadians(Double.parseDouble(text))} maps back to exactly {@code rad}, the
     * shortest found among the doubles next to toDegrees(rad); null when there is none (then write radians).
     */
    public static String degreesText(double rad) {
        double guess = Math.toDegrees(rad);
        String best = null;
        double c = guess;
        double lo = guess;
        for (int k = 0; k <= 8; k++) {
            for (double cand : new double[] {c, lo}) {
                if (Math.toRadians(cand) == rad) {
                    String t = text(cand);
                    if (best == null || t.length() < best.length()) {
                        best = t;
                    }
                }
            }
            c = Math.nextUp(c);
            lo = Math.nextDown(lo);
        }
        // A round number near the guess (90, 180, 22.5) is what the user wrote: prefer it when it maps back.
        for (int digits = 0; digits <= 6; digits++) {
            double r = new BigDecimal(guess).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
            if (Math.toRadians(r) == rad) {
                String t = text(r);
                return best == null || t.length() <= best.length() ? t : best;
            }
        }
        return best;
    }

}
