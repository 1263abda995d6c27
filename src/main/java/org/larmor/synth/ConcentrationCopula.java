package org.larmor.synth;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Correlated concentrations: a Gaussian copula. Each metabolite m has a marginal distribution F_m (any
 * {@link Distribution} with a spread) and the metabolites' normal scores z_m = Φ⁻¹(F_m(c_m)) are jointly normal
 * with unit variances and correlation matrix R. A draw is
 * <pre>
 *   n ~ N(0, I),   z = L·n  (R = L·Lᵀ, Cholesky),   c_m = F_m⁻¹(Φ(z_m))
 * </pre>
 * so every marginal is exactly F_m and the rank correlations are those of the normal scores (Spearman's
 * ρ_S = (6/π)·asin(R/2)); for normal marginals R is the Pearson correlation of the concentrations themselves, for
 * log-normal ones that of their logarithms. Reference: Nelsen RB. An Introduction to Copulas, 2nd ed. Springer 2006,
 * §2.3 and §5.1 (the normal copula); Joe H. Dependence Modeling with Copulas. CRC 2014, §4.3.
 *
 * @param names      metabolites as written, in the order of R's rows
 * @param marginals  F_m, in the same order
 * @param correlation R (symmetric, unit diagonal, positive definite: checked by {@link #of})
 * @param source     where the copula came from (free text, may be empty)
 */
public record ConcentrationCopula(List<String> names, List<Distribution> marginals, double[][] correlation,
                                  String source) {
    /** Largest tolerated |R_ij − R_ji| and |R_ii − 1| (the matrices written by {@code larmor priors} have 6 digits). */
    static final double TOLERANCE = 1e-9;

    public ConcentrationCopula {
        names = List.copyOf(names);
        marginals = List.copyOf(marginals);
        correlation = copy(correlation);
    }

    /** A matrix that is not a valid correlation matrix; {@link #row} is the first wrong row (0-based), or −1. */
    public static final class InvalidCorrelation extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int row;

        InvalidCorrelation(int row, String message) {
            super(message);
            this.row = row;
        }

        /** The row (0-based) holding the first wrong entry, or −1 when the matrix as a whole is wrong. */
        public int row() {
            return row;
        }
    }

    /**
     * Checks R and returns its lower Cholesky factor L (R = L·Lᵀ).
     *
     * @throws InvalidCorrelation naming the first entry that is wrong: not square, an entry outside [−1, 1], a
     *                            diagonal other than 1, an asymmetric pair, or not positive definite
     */
    public static double[][] cholesky(double[][] r) {
        int n = r.length;
        for (int i = 0; i < n; i++) {
            if (r[i].length != n) {
                throw new InvalidCorrelation(i, "row " + (i + 1) + " has " + r[i].length + " entries, expected "
                        + n + " (one per metabolite of the copula)");
            }
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(r[i][i] - 1) > TOLERANCE) {
                throw new InvalidCorrelation(i, "diagonal entry [" + (i + 1) + "][" + (i + 1) + "] is " + r[i][i]
                        + ", expected 1 (a correlation matrix has a unit diagonal)");
            }
            for (int j = 0; j < n; j++) {
                if (!(Math.abs(r[i][j]) <= 1)) {
                    throw new InvalidCorrelation(i, "entry [" + (i + 1) + "][" + (j + 1) + "] is " + r[i][j]
                            + ", expected a correlation in [-1, 1]");
                }
                if (Math.abs(r[i][j] - r[j][i]) > TOLERANCE) {
                    throw new InvalidCorrelation(Math.max(i, j), "not symmetric: entry [" + (i + 1) + "][" + (j + 1)
                            + "] is " + r[i][j] + " but [" + (j + 1) + "][" + (i + 1) + "] is " + r[j][i]);
                }
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(copy(r));
        try {
            // Positive definite with a margin: the smallest pivot must exceed 1e-10 (a singular R, e.g. ρ = 1
            // between two metabolites, has no density and no stable factor).
            return new CholeskyDecomposition(m, TOLERANCE, 1e-10).getL().getData();
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            throw new InvalidCorrelation(-1, "not positive definite (no set of concentrations can have these"
                    + " correlations together; a sample correlation from fewer subjects than metabolites, or one"
                    + " assembled pair by pair, can be like this: `larmor priors` projects such a matrix to the"
                    + " nearest positive definite one and says so)");
        }
    }

    /** The metabolites' count. */
    public int size() {
        return names.size();
    }

    /**
     * Draws one set of concentrations into {@code out} (in {@link #names} order): n standard normal deviates from
     * {@code rng}, then z = L·n and c_m = F_m⁻¹(Φ(z_m)).
     */
    void draw(double[][] lower, SplittableRandom rng, double[] out) {
        int n = names.size();
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int k = 0; k <= i; k++) {
                z += lower[i][k] * g[k];
            }
            out[i] = marginals.get(i).fromNormalScore(z);
        }
    }

    /** For the manifest: names, marginals, correlation and source. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "gaussian_copula");
        m.put("source", source);
        m.put("metabolites", names);
        Map<String, Object> marg = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            marg.put(names.get(k), marginals.get(k).describe());
        }
        m.put("marginals", marg);
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (double[] row : correlation) {
            List<Double> r = new java.util.ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        m.put("correlation_of_normal_scores", rows);
        return m;
    }

    @Override
    public double[][] correlation() {
        return copy(correlation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConcentrationCopula c && names.equals(c.names) && marginals.equals(c.marginals)
                && java.util.Arrays.deepEquals(correlation, c.correlation) && source.equals(c.source);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + java.util.Arrays.deepHashCode(correlation);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
