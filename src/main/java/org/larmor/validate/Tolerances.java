package org.larmor.validate;

import org.larmor.input.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bounds on the comparison metrics; a metric not given (NaN) is not checked. See docs/validation.md for each.
 *
 * @param offsetPpm   |frequency offset| ≤ this, ppm
 * @param offsetHz    |frequency offset| ≤ this, Hz (at A's field)
 * @param linewidthHz |FWHM(B) − FWHM(A)| ≤ this, Hz
 * @param ratio       |amplitude ratio − 1| ≤ this
 * @param correlation correlation ≥ this
 * @param residual    normalised residual ≤ this
 * @param snr         |SNR(B)/SNR(A) − 1| ≤ this (spectrum mode)
 * @param peakPpm     |peak position(B) − peak position(A)| ≤ this for every matched peak, ppm (spectrum mode)
 */
public record Tolerances(double offsetPpm, double offsetHz, double linewidthHz, double ratio, double correlation,
                         double residual, double snr, double peakPpm) {
    /** Keys users write, in the order above. */
    public static final List<String> KEYS = List.of("offset_ppm", "offset_hz", "linewidth_hz", "ratio", "correlation",
            "residual", "snr", "peak_ppm");

    public static final Tolerances NONE = new Tolerances(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /**
     * From {@code key=value} pairs (keys as in {@link #KEYS}, case-insensitive).
     *
     * @throws InputException for an unknown key or a value that is not a non-negative number
     */
    public static Tolerances parse(Map<String, String> given) {
        double[] v = new double[KEYS.size()];
        java.util.Arrays.fill(v, Double.NaN);
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            int i = KEYS.indexOf(key);
            if (i < 0) {
                throw InputException.of("--tolerance", "unknown metric \"" + e.getKey() + "\"; known: "
                        + String.join(", ", KEYS));
            }
            double x;
            try {
                x = Double.parseDouble(e.getValue().trim());
            } catch (NumberFormatException ex) {
                throw InputException.of("--tolerance", key + "=" + e.getValue() + ": expected a number");
            }
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw InputException.of("--tolerance", key + "=" + e.getValue() + ": expected a finite number ≥ 0");
            }
            if (key.equals("correlation") && x > 1) {
                throw InputException.of("--tolerance", "correlation=" + x + ": a correlation is at most 1");
            }
            v[i] = x;
        }
        return new Tolerances(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** True if no metric is bounded. */
    public boolean isEmpty() {
        return asMap().isEmpty();
    }

    /** The bounds set, key → value. */
    public Map<String, Double> asMap() {
        double[] v = {offsetPpm, offsetHz, linewidthHz, ratio, correlation, residual, snr, peakPpm};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                m.put(KEYS.get(i), v[i]);
            }
        }
        return m;
    }

    /**
     * The bounds {@code c} breaks, each as a sentence. A metric that could not be measured (NaN: the FWHM of a line
     * that never falls to half height) breaks no bound; it shows as "n/a". {@code ratioChecked} is the ratio the bound
     * applies to (divided by the median when amplitudes are relative).
     */
    public List<String> violations(MetaboliteComparison c) {
        List<String> out = new ArrayList<>();
        if (c.signalOnlyIn() != null) {
            if (!isEmpty()) {
                out.add("signal only in " + c.signalOnlyIn());
            }
            return out;
        }
        if (c.bothEmpty()) {
            return out;
        }
        check(out, "offset_ppm", Math.abs(c.offsetPpm()), offsetPpm, true, "|offset| %.5f ppm > %s");
        check(out, "offset_hz", Math.abs(c.offsetHz()), offsetHz, true, "|offset| %.4f Hz > %s");
        check(out, "linewidth_hz", Math.abs(c.linewidthDifferenceHz()), linewidthHz, false,
                "|linewidth difference| %.4f Hz > %s");
        check(out, "ratio", Math.abs(c.ratioChecked() - 1), ratio, true, "|ratio − 1| %.5f > %s");
        if (!Double.isNaN(correlation) && !(c.correlation() >= correlation)) {
            out.add(String.format(Locale.ROOT, "correlation %.6f < %s", c.correlation(), fmt(correlation)));
        }
        check(out, "residual", c.residual(), residual, true, "residual %.5f > %s");
        if (c.spectrum() != null) {
            SpectrumChecks s = c.spectrum();
            check(out, "snr", Math.abs(s.snrB() / s.snrA() - 1), snr, true, "|SNR(B)/SNR(A) − 1| %.4f > %s");
            if (!Double.isNaN(peakPpm)) {
                for (SpectrumChecks.PeakPair p : s.peaks()) {
                    double d = p.ppmB() - p.ppmA();
                    if (Double.isNaN(d)) {
                        out.add(String.format(Locale.ROOT, "no peak in B within ±%s ppm of %.3f ppm",
                                fmt(Comparison.PEAK_SEARCH_PPM), p.ppmA()));
                    } else if (!(Math.abs(d) <= peakPpm)) {
                        out.add(String.format(Locale.ROOT, "peak at %.3f ppm moved %+.5f ppm (> %s)", p.ppmA(), d,
                                fmt(peakPpm)));
                    }
                }
            }
        }
        return out;
    }

    private static void check(List<String> out, String key, double value, double bound, boolean nanFails,
                              String message) {
        if (Double.isNaN(bound)) {
            return;
        }
        if (Double.isNaN(value)) {
            if (nanFails) {
                out.add(key + " could not be measured");
            }
            return;
        }
        if (value > bound) {
            out.add(String.format(Locale.ROOT, message, value, fmt(bound)));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }
}
