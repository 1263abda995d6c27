package org.larmor.synth;

import org.apache.commons.math3.special.Erf;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlScalar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where a scenario parameter's value comes from: a fixed number or a probability distribution, drawn once per
 * spectrum (or per component, transient, coil, as the parameter says). Written in YAML as a number, or as a map
 * with a {@code dist} key:
 * <pre>
 * 12.5                                                   fixed
 * {dist: uniform, min: 8, max: 14}
 * {dist: normal, mean: 0, sd: 2}
 * {dist: truncated_normal, mean: 10, sd: 2, min: 6, max: 14}
 * {dist: log_normal, median: 8, sigma: 0.2}              ln(x) ~ N(ln median, sigma²)
 * {dist: empirical, values: [7.9, 8.4, 9.1, …]}          the quantiles of a sample (linear interpolation)
 * </pre>
 * Every map may carry a free-text {@code source:} saying where the distribution came from (a fit, a paper); it is
 * kept in the scenario as written and in the dataset's manifest, and does not change the draws.
 * Every parameter has an allowed range; a distribution must stay inside it. A normal or log-normal distribution
 * has unbounded support, so it is accepted only if its mean ± 6 SD (median·exp(±6σ)) lies inside the range, and
 * the rare draw outside (probability below 2·10⁻⁹) is drawn again; use a truncated normal to bound a distribution
 * on purpose.
 */
public sealed interface Distribution {
    /** Draws a value; a fixed value consumes no random numbers. */
    double sample(SplittableRandom rng);

    /** True when every draw gives the same value. */
    boolean isFixed();

    /** The distribution as written, for the manifest. */
    Map<String, Object> describe();

    /** The value of a fixed distribution; NaN otherwise. */
    default double fixedValue() {
        return Double.NaN;
    }

    /** The smallest value a draw can take (a normal's or log-normal's range bound, its centre when it has no spread). */
    default double lowerBound() {
        if (this instanceof Fixed f) {
            return f.value();
        } else if (this instanceof Uniform u) {
            return u.min();
        } else if (this instanceof Normal n) {
            return n.sd() == 0 ? n.mean() : n.lo();
        } else if (this instanceof TruncatedNormal t) {
            return t.min();
        } else if (this instanceof Empirical e) {
            return e.values()[0];
        }
        LogNormal l = (LogNormal) this;
        return l.sigma() == 0 ? l.median() : l.lo();
    }

    /** The largest value a draw can take (as {@link #lowerBound()}). */
    default double upperBound() {
        if (this instanceof Fixed f) {
            return f.value();
        } else if (this instanceof Uniform u) {
            return u.max();
        } else if (this instanceof Normal n) {
            return n.sd() == 0 ? n.mean() : n.hi();
        } else if (this instanceof TruncatedNormal t) {
            return t.max();
        } else if (this instanceof Empirical e) {
            return e.values()[e.values().length - 1];
        }
        LogNormal l = (LogNormal) this;
        return l.sigma() == 0 ? l.median() : l.hi();
    }

    /**
     * The value whose standard normal score is z: F⁻¹(Φ(z)) for this distribution's cumulative distribution F, the
     * map by which a Gaussian copula turns correlated normal deviates into draws of each marginal. A normal is
     * mean + sd·z and a log-normal median·exp(sigma·z) directly (no round trip through Φ, exact in the tails), both
     * clamped to the parameter's range (reached beyond 6 SD only); the others invert their own cumulative
     * distribution at Φ(z).
     */
    default double fromNormalScore(double z) {
        if (this instanceof Fixed f) {
            return f.value();
        } else if (this instanceof Uniform u) {
            return u.min() + (u.max() - u.min()) * phi(z);
        } else if (this instanceof Normal n) {
            return Math.min(Math.max(n.mean() + n.sd() * z, n.lo()), n.hi());
        } else if (this instanceof TruncatedNormal t) {
            return t.quantile(phi(z));
        } else if (this instanceof Empirical e) {
            return e.quantile(phi(z));
        }
        LogNormal l = (LogNormal) this;
        return Math.min(Math.max(l.median() * Math.exp(l.sigma() * z), l.lo()), l.hi());
    }

    /** The constant c. */
    static Distribution fixed(double c) {
        return new Fixed(c);
    }

    /** A fixed number. */
    record Fixed(double value) implements Distribution {
        @Override
        public double sample(SplittableRandom rng) {
            return value;
        }

        @Override
        public boolean isFixed() {
            return true;
        }

        @Override
        public double fixedValue() {
            return value;
        }

        @Override
        public Map<String, Object> describe() {
            return ordered("dist", "fixed", "value", value);
        }
    }

    /** Uniform on [min, max]. */
    record Uniform(double min, double max) implements Distribution {
        @Override
        public double sample(SplittableRandom rng) {
            return min + (max - min) * rng.nextDouble();
        }

        @Override
        public boolean isFixed() {
            return min == max;
        }

        @Override
        public Map<String, Object> describe() {
            return ordered("dist", "uniform", "min", min, "max", max);
        }
    }

    /**
     * Normal N(mean, sd²); draws outside the parameter's range [lo, hi] (beyond 6 SD, checked on reading) are
     * drawn again.
     */
    record Normal(double mean, double sd, double lo, double hi) implements Distribution {
        @Override
        public double sample(SplittableRandom rng) {
            while (true) {
                double x = mean + sd * rng.nextGaussian();
                if (x >= lo && x <= hi) {
                    return x;
                }
            }
        }

        @Override
        public boolean isFixed() {
            return sd == 0;
        }

        @Override
        public Map<String, Object> describe() {
            return ordered("dist", "normal", "mean", mean, "sd", sd);
        }
    }

    /**
     * N(mean, sd²) restricted to [min, max], drawn by inverting the cumulative distribution (exact, one uniform per
     * draw). An interval in the upper tail is sampled as its mirror image in the lower tail, where Φ keeps its
     * relative precision.
     */
    record TruncatedNormal(double mean, double sd, double min, double max) implements Distribution {
        @Override
        public double sample(SplittableRandom rng) {
            return quantile(rng.nextDouble());
        }

        /**
         * The value below which a fraction u of the distribution lies (u in [0, 1]); of the mirror image when the
         * interval lies in the upper tail, so that u = 0 gives max there (one uniform per draw either way).
         */
        public double quantile(double u) {
            double a = (min - mean) / sd;
            double b = (max - mean) / sd;
            boolean mirror = a > 0;
            if (mirror) {
                double t = a;
                a = -b;
                b = -t;
            }
            double pa = phi(a);
            double pb = phi(b);
            double p = pa + u * (pb - pa);
            double z = inversePhi(p);
            z = Math.min(Math.max(z, a), b);
            return mean + sd * (mirror ? -z : z);
        }

        /** Probability mass of N(mean, sd²) inside [min, max]. */
        public double mass() {
            double a = (min - mean) / sd;
            double b = (max - mean) / sd;
            return a > 0 ? phi(-a) - phi(-b) : phi(b) - phi(a);
        }

        @Override
        public boolean isFixed() {
            return min == max;
        }

        @Override
        public Map<String, Object> describe() {
            return ordered("dist", "truncated_normal", "mean", mean, "sd", sd, "min", min, "max", max);
        }
    }

    /** Log-normal: ln x ~ N(ln median, sigma²); draws outside [lo, hi] (beyond 6σ) are drawn again. */
    record LogNormal(double median, double sigma, double lo, double hi) implements Distribution {
        @Override
        public double sample(SplittableRandom rng) {
            while (true) {
                double x = median * Math.exp(sigma * rng.nextGaussian());
                if (x >= lo && x <= hi) {
                    return x;
                }
            }
        }

        @Override
        public boolean isFixed() {
            return sigma == 0;
        }

        @Override
        public Map<String, Object> describe() {
            return ordered("dist", "log_normal", "median", median, "sigma", sigma);
        }
    }

    /**
     * The distribution of a sample: its quantile function is the linear interpolation between the order statistics
     * (Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361-365, definition 7, R's
     * default), so a draw lies between the smallest and the largest value of the sample.
     *
     * @param values the sample, sorted ascending (at least two values)
     */
    record Empirical(double[] values) implements Distribution {
        public Empirical {
            values = values.clone();
            java.util.Arrays.sort(values);
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double sample(SplittableRandom rng) {
            return quantile(rng.nextDouble());
        }

        /** The sample quantile at u in [0, 1]. */
        public double quantile(double u) {
            double h = (values.length - 1) * Math.min(Math.max(u, 0), 1);
            int k = (int) Math.floor(h);
            if (k >= values.length - 1) {
                return values[values.length - 1];
            }
            return values[k] + (h - k) * (values[k + 1] - values[k]);
        }

        @Override
        public boolean isFixed() {
            return values[0] == values[values.length - 1];
        }

        @Override
        public Map<String, Object> describe() {
            List<Double> v = new java.util.ArrayList<>();
            for (double x : values) {
                v.add(x);
            }
            return ordered("dist", "empirical", "values", v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && java.util.Arrays.equals(values, e.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Empirical" + java.util.Arrays.toString(values);
        }
    }

    /** Standard normal cumulative distribution Φ(z) = erfc(−z/√2)/2. */
    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * Φ⁻¹(p) = −√2·erfc⁻¹(2p). Commons Math computes erfc⁻¹(x) as erf⁻¹(1 − x), which keeps only an absolute
     * precision of 1e-16 in x: below p = 1e-6 the result is refined by Newton steps on ln Φ (Φ, from erfc, keeps its
     * relative precision there), so that deep-tail draws are not quantised (or infinite where 1 − 2p rounds to 1).
     */
    static double inversePhi(double p) {
        double z = -Math.sqrt(2) * Erf.erfcInv(2 * p);
        if (p > 0 && p < 1e-6) {
            if (!Double.isFinite(z)) {
                z = -Math.sqrt(-2 * Math.log(p));
            }
            double logP = Math.log(p);
            for (int k = 0; k < 8; k++) {
                double cdf = phi(z);
                double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
                double step = (Math.log(cdf) - logP) * cdf / pdf;
                z -= step;
                if (Math.abs(step) <= 1e-15 * Math.abs(z)) {
                    break;
                }
            }
        }
        return z;
    }

    /**
     * Reads a fixed value or a distribution for a parameter whose values must lie in [lo, hi].
     *
     * @param unit the parameter's unit, for messages
     */
    static Distribution parse(YamlNode node, double lo, double hi, String unit) {
        if (node instanceof YamlScalar) {
            return new Fixed(node.asDoubleIn(lo, hi, unit));
        }
        if (!(node instanceof YamlMap m)) {
            throw node.error("expected a number or a distribution such as {dist: uniform, min: 1, max: 2}, got "
                    + node.describe());
        }
        String kind = m.has("dist") ? m.string("dist").toLowerCase(Locale.ROOT) : "";
        String range = "[" + fmt(lo) + ", " + fmt(hi) + "]" + (unit.isEmpty() ? "" : " " + unit);
        switch (kind) {
            case "fixed" -> {
                m.allowOnly("dist", "value", "source");
                return new Fixed(m.number("value", lo, hi, unit));
            }
            case "uniform" -> {
                m.allowOnly("dist", "min", "max", "source");
                double min = m.number("min", lo, hi, unit);
                double max = m.number("max", lo, hi, unit);
                if (min > max) {
                    throw m.error("impossible uniform distribution: min " + fmt(min) + " is greater than max "
                            + fmt(max));
                }
                return new Uniform(min, max);
            }
            case "normal" -> {
                m.allowOnly("dist", "mean", "sd", "source");
                double mean = m.number("mean", lo, hi, unit);
                double sd = sd(m, "sd");
                if (mean - 6 * sd < lo || mean + 6 * sd > hi) {
                    throw m.error("a normal distribution with mean " + fmt(mean) + " and sd " + fmt(sd)
                            + " reaches outside the allowed range " + range + " (mean ± 6 sd = [" + fmt(mean - 6 * sd)
                            + ", " + fmt(mean + 6 * sd) + "]); use {dist: truncated_normal, ..., min: …, max: …}");
                }
                return new Normal(mean, sd, lo, hi);
            }
            case "truncated_normal" -> {
                m.allowOnly("dist", "mean", "sd", "min", "max", "source");
                double mean = m.number("mean", -Double.MAX_VALUE, Double.MAX_VALUE, unit);
                double sd = sd(m, "sd");
                if (sd == 0) {
                    throw m.require("sd").error("a truncated normal needs sd > 0; write a fixed value instead");
                }
                double min = m.number("min", lo, hi, unit);
                double max = m.number("max", lo, hi, unit);
                if (min > max) {
                    throw m.error("impossible truncated normal: min " + fmt(min) + " is greater than max "
                            + fmt(max));
                }
                TruncatedNormal t = new TruncatedNormal(mean, sd, min, max);
                double mass = t.mass();
                if (!(mass > 1e-12) && min < max) {
                    throw m.error("impossible truncated normal: [" + fmt(min) + ", " + fmt(max) + "] lies "
                            + String.format(Locale.ROOT, "%.1f", Math.min(Math.abs(min - mean), Math.abs(max - mean))
                            / sd) + " sd from the mean " + fmt(mean) + " and holds probability "
                            + String.format(Locale.ROOT, "%.1e", mass) + ": no value can be drawn");
                }
                return t;
            }
            case "log_normal" -> {
                m.allowOnly("dist", "median", "sigma", "source");
                YamlNode medianNode = m.require("median");
                double median = medianNode.asDouble();
                if (!(median > 0)) {
                    throw medianNode.error("impossible log-normal distribution: the median must be positive, got "
                            + fmt(median));
                }
                if (median < lo || median > hi) {
                    throw medianNode.error("expected a median in the allowed range " + range + ", got "
                            + fmt(median));
                }
                double sigma = sd(m, "sigma");
                double low = median * Math.exp(-6 * sigma);
                double high = median * Math.exp(6 * sigma);
                if (low < lo || high > hi) {
                    throw m.error("a log-normal distribution with median " + fmt(median) + " and sigma "
                            + fmt(sigma) + " reaches outside the allowed range " + range + " (median·exp(±6 sigma) = ["
                            + fmt(low) + ", " + fmt(high) + "]); use a smaller sigma or a truncated_normal");
                }
                return new LogNormal(median, sigma, lo, hi);
            }
            case "empirical" -> {
                m.allowOnly("dist", "values", "source");
                org.larmor.input.YamlList list = m.list("values");
                if (list.size() < 2) {
                    throw list.error("an empirical distribution needs at least 2 values, got " + list.size());
                }
                return new Empirical(list.asDoubles(lo, hi, unit));
            }
            default -> {
                if (!m.has("dist")) {
                    throw m.error("missing 'dist': a distribution is written {dist: uniform|normal|truncated_normal"
                            + "|log_normal|empirical, …}, a fixed value as a plain number");
                }
                throw m.require("dist").error("unknown distribution \"" + m.string("dist")
                        + "\"; known: fixed, uniform, normal, truncated_normal, log_normal,"
                        + " empirical");
            }
        }
    }

    private static double sd(YamlMap m, String key) {
        YamlNode n = m.require(key);
        double v = n.asDouble();
        if (v < 0) {
            throw n.error("impossible distribution: " + key + " must not be negative, got " + fmt(v));
        }
        return v;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e15) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return Double.toString(v);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }
}
