package org.larmor.sequence;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.larmor.input.InputException;
import org.larmor.input.Units;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the transmit B1 scale (the factor on every pulse's nominal B1; 1 = calibrated) is distributed over the
 * positions of one voxel. A basis for it is the expectation of the signal over the distribution, E[s(S)], formed as a
 * weighted sum of simulations at fixed scales (nodes): exact for the expectation, because the signal of a voxel is
 * the linear sum of its positions' signals. The scale is assumed independent of the position along the slice
 * profiles (B1 varies over the voxel, not with the slice-selection coordinate; docs/rf-pulses.md).
 */
public sealed interface B1Distribution {
    /** Smallest and largest B1 scale a sequence accepts (as {@code b1_scale}). */
    double MIN_SCALE = 0.01;
    double MAX_SCALE = 10;

    /** Default relative tolerance on the quadrature (|Q(2n) − Q(n)| in the FID norm, relative to ‖Q(2n)‖). */
    double DEFAULT_TOLERANCE = 1e-6;

    /** Nodes of the first Gauss–Hermite rule tried; doubled until converged, up to {@link Normal#MAX_NODES}. */
    int FIRST_NODES = 4;

    /**
     * Quadrature nodes: {@code scales[k]} with {@code weights[k]}, Σ weights = 1, so that E[f(S)] ≈ Σ w_k·f(s_k).
     *
     * @param n nodes wanted (a normal distribution's Gauss–Hermite order); a discrete one ignores it
     */
    Nodes nodes(int n);

    /** True when {@link #nodes(int)} is exact for any signal (a discrete distribution): no convergence check. */
    boolean exact();

    /** For provenance: the distribution as written, in SI (the scale is dimensionless). */
    Map<String, Object> describe();

    /** The YAML this distribution reads back from ({@code {dist: normal, mean: 1, sd: 0.08}}). */
    String yaml();

    /** Quadrature nodes and weights; the weights sum to 1. */
    record Nodes(double[] scales, double[] weights) {
        public int size() {
            return scales.length;
        }
    }

    /**
     * S ~ N(mean, sd²). E[f(S)] = (1/√π)·∫ e^{−x²}·f(mean + √2·sd·x) dx, computed by n-point Gauss–Hermite quadrature
     * (Abramowitz &amp; Stegun 1964, 25.4.46; nodes from Commons Math's {@code GaussIntegratorFactory#hermite}), exact
     * for f polynomial of degree ≤ 2n − 1.
     *
     * @param tolerance relative quadrature error allowed (|Q(2n) − Q(n)| / ‖Q(2n)‖ in the FID norm)
     */
    record Normal(double mean, double sd, double tolerance) implements B1Distribution {
        public static final int MAX_NODES = 64;

        @Override
        public Nodes nodes(int n) {
            if (sd == 0) {
                return new Nodes(new double[] {mean}, new double[] {1});
            }
            GaussIntegrator g = new GaussIntegratorFactory().hermite(n);
            double[] s = new double[n];
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                s[k] = mean + Math.sqrt(2) * sd * g.getPoint(k);
                w[k] = g.getWeight(k) / Math.sqrt(Math.PI);
            }
            return new Nodes(s, w);
        }

        @Override
        public boolean exact() {
            return sd == 0;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dist", "normal");
            m.put("mean", mean);
            m.put("sd", sd);
            m.put("tolerance_relative", tolerance);
            m.put("quadrature", "Gauss-Hermite, n nodes doubled from " + FIRST_NODES + " until |Q(2n) - Q(n)| <="
                    + " tolerance * |Q(2n)| (FID 2-norm over every spectrum); Q(2n) kept");
            return m;
        }

        @Override
        public String yaml() {
            return "{dist: normal, mean: " + Units.text(mean) + ", sd: " + Units.text(sd) + ", tolerance: "
                    + Units.text(tolerance) + "}";
        }
    }

    /** S takes {@code values[k]} with probability {@code weights[k]}: a B1 map's histogram over the voxel. */
    record Discrete(double[] values, double[] weights) implements B1Distribution {
        public Discrete {
            values = values.clone();
            weights = weights.clone();
        }

        @Override
        public Nodes nodes(int n) {
            return new Nodes(values.clone(), weights.clone());
        }

        @Override
        public boolean exact() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dist", "discrete");
            m.put("values", values.clone());
            m.put("weights", weights.clone());
            m.put("quadrature", "the given values and weights: exact for this distribution");
            return m;
        }

        @Override
        public String yaml() {
            StringBuilder v = new StringBuilder();
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < values.length; k++) {
                v.append(k == 0 ? "" : ", ").append(Units.text(values[k]));
                w.append(k == 0 ? "" : ", ").append(Units.text(weights[k]));
            }
            return "{dist: discrete, values: [" + v + "], weights: [" + w + "]}";
        }
    }

    /**
     * Reads {@code b1_distribution:}: {@code {dist: normal, mean, sd[, tolerance]}} or
     * {@code {dist: discrete, values: [...], weights: [...]}} (weights ≥ 0 summing to 1 within 1e-9).
     */
    static B1Distribution read(YamlNode node) {
        YamlMap m = node.asMap();
        String dist = m.string("dist");
        switch (dist) {
            case "normal" -> {
                m.allowOnly("dist", "mean", "sd", "tolerance");
                double mean = m.number("mean", MIN_SCALE, MAX_SCALE, "");
                double sd = m.number("sd", 0, MAX_SCALE, "");
                if (sd > mean / 3) {
                    throw m.require("sd").error("expected at most mean/3 = " + Units.text(mean / 3) + ", got "
                            + Units.text(sd) + ": a B1 scale cannot be negative, and a normal distribution this wide"
                            + " puts more than 0.1 % of the voxel below zero (give a discrete distribution instead)");
                }
                double tol = m.number("tolerance", 1e-12, 0.1, "", DEFAULT_TOLERANCE);
                return new Normal(mean, sd, tol);
            }
            case "discrete" -> {
                m.allowOnly("dist", "values", "weights");
                YamlList vl = m.list("values");
                if (vl.size() == 0) {
                    throw vl.error("expected at least one B1 scale");
                }
                double[] values = vl.asDoubles(MIN_SCALE, MAX_SCALE, "");
                YamlList wl = m.list("weights");
                double[] weights = wl.asDoubles(0, 1, "");
                if (weights.length != values.length) {
                    throw wl.error("expected " + values.length + " weights, one per value, got " + weights.length);
                }
                double sum = 0;
                for (double w : weights) {
                    sum += w;
                }
                if (Math.abs(sum - 1) > 1e-9) {
                    throw wl.error("expected weights summing to 1 (a probability per value), got a sum of "
                            + Units.text(sum));
                }
                return new Discrete(values, weights);
            }
            default -> throw m.require("dist").error("expected normal or discrete, got \"" + dist + "\"");
        }
    }

    /** An error at {@code node} for a distribution given with {@code b1_scale}. */
    static InputException exclusive(YamlNode node) {
        return node.error("write b1_scale (one scale for the whole voxel) or b1_distribution (a distribution of"
                + " scales over it), not both");
    }
}
