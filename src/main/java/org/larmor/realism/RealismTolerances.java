package org.larmor.realism;

import org.larmor.input.InputException;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --tolerance} of {@code larmor realism}: {@code KEY=VALUE} pairs, repeated or comma-separated.
 *
 * <ul>
 *   <li>{@code p=α}: the family-wise significance level of the Kolmogorov–Smirnov tests, Holm-corrected over the
 *   features (default {@value #DEFAULT_ALPHA});</li>
 *   <li>{@code snr_ratio=X}: an SNR difference within |median_measured / median_synthetic − 1| ≤ X is tolerated;</li>
 *   <li>{@code linewidth_hz}, {@code offset_hz}, {@code phase_deg}, {@code residual_water_db}, {@code baseline_db}:
 *   a difference of medians within ±VALUE (the feature's unit) is tolerated;</li>
 *   <li>{@code sd_ratio=X}: with an effect bound, the spread must also agree,
 *   |SD_measured / SD_synthetic − 1| ≤ X.</li>
 * </ul>
 * A feature fails when its distributions differ (Holm-adjusted p &lt; α) and, if a bound is given for it, its
 * effect is beyond that bound: a bound forgives differences too small to matter, which a large cohort makes
 * significant, and never fails a feature the test does not find different.
 *
 * @param alpha  family-wise significance level
 * @param bounds effect bound per feature (absent: any significant difference fails)
 * @param sdRatio bound on |SD ratio − 1| applied with every effect bound; NaN for none
 * @param gating true when {@code --tolerance} was given (exit status 3 when a feature fails)
 */
public record RealismTolerances(double alpha, Map<Feature, Double> bounds, double sdRatio, boolean gating) {
    public static final double DEFAULT_ALPHA = 0.01;

    public RealismTolerances {
        bounds = Collections.unmodifiableMap(new EnumMap<>(bounds.isEmpty() ? new EnumMap<>(Feature.class)
                : new EnumMap<>(bounds)));
    }

    /** No gate: verdicts at the default α, exit status 0. */
    public static RealismTolerances none() {
        return new RealismTolerances(DEFAULT_ALPHA, Map.of(), Double.NaN, false);
    }

    /** @param specs the option's values (each may hold several comma-separated pairs); empty for no gate */
    public static RealismTolerances parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return none();
        }
        double alpha = DEFAULT_ALPHA;
        double sd = Double.NaN;
        Map<Feature, Double> b = new EnumMap<>(Feature.class);
        for (String spec : specs) {
            for (String pair : spec.split(",")) {
                String p = pair.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    throw InputException.of("--tolerance", "\"" + p + "\": expected KEY=VALUE, e.g. p=0.01 or"
                            + " linewidth_hz=1.0");
                }
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                double v;
                try {
                    v = Double.parseDouble(p.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw InputException.of("--tolerance", "\"" + p + "\": the value is not a number");
                }
                if (!Double.isFinite(v) || v < 0) {
                    throw InputException.of("--tolerance", "\"" + p + "\": expected a finite number ≥ 0");
                }
                if (key.equals("p") || key.equals("alpha")) {
                    if (!(v > 0 && v < 1)) {
                        throw InputException.of("--tolerance", "\"" + p + "\": the significance level must lie"
                                + " between 0 and 1");
                    }
                    alpha = v;
                } else if (key.equals("sd_ratio")) {
                    sd = v;
                } else {
                    Feature f = null;
                    for (Feature x : Feature.values()) {
                        if (x.toleranceKey().equals(key)) {
                            f = x;
                        }
                    }
                    if (f == null) {
                        throw InputException.of("--tolerance", "unknown key \"" + key + "\": expected p, " + keys()
                                + " or sd_ratio");
                    }
                    b.put(f, v);
                }
            }
        }
        return new RealismTolerances(alpha, b, sd, true);
    }

    static String keys() {
        StringBuilder sb = new StringBuilder();
        for (Feature f : Feature.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.toleranceKey());
        }
        return sb.toString();
    }

    /** NaN when no bound is given for {@code f}. */
    public double bound(Feature f) {
        Double v = bounds.get(f);
        return v == null ? Double.NaN : v;
    }
}
