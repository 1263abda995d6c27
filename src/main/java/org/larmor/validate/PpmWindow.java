package org.larmor.validate;

import org.larmor.input.InputException;

import java.util.Locale;

/**
 * A chemical-shift window given on the command line as {@code LOW,HIGH} in ppm (either order, e.g. {@code 4.2,0.2}).
 *
 * @param low  low end, ppm
 * @param high high end, ppm
 */
public record PpmWindow(double low, double high) {
    /**
     * @param option the option's name, for the message
     * @throws InputException unless the text is two different finite numbers separated by a comma
     */
    public static PpmWindow parse(String text, String option) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw InputException.of(option, "\"" + text + "\": expected LOW,HIGH in ppm, e.g. 0.2,4.2");
        }
        try {
            double a = Double.parseDouble(parts[0].trim());
            double b = Double.parseDouble(parts[1].trim());
            if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
                throw InputException.of(option, "\"" + text + "\": expected two different finite numbers");
            }
            return new PpmWindow(Math.min(a, b), Math.max(a, b));
        } catch (NumberFormatException e) {
            throw InputException.of(option, "\"" + text + "\": expected LOW,HIGH in ppm, e.g. 0.2,4.2");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s to %s ppm", low, high);
    }
}
