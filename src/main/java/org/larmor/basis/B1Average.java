package org.larmor.basis;

import org.larmor.engine.Simulator;
import org.larmor.input.InputException;
import org.larmor.sequence.Acquisition;
import org.larmor.sequence.B1Distribution;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinSystem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expectation of a metabolite's acquired lines over the sequence's B1 distribution:
 * E[lines(S)] ≈ Σ_k w_k·lines(s_k), every node s_k one ordinary simulation at a fixed scale. A voxel's signal is the
 * linear sum of its positions' signals, so this average is the voxel's signal exactly up to the quadrature error.
 *
 * <p>A normal distribution uses n-point Gauss–Hermite nodes, n = 4, 8, 16, … doubled until the relative difference
 * of the two last rules, ‖Q(2n) − Q(n)‖ / ‖Q(2n)‖ (2-norm of the FIDs of every acquired spectrum, on the
 * sequence's own sampling and lineshape), is at most the distribution's tolerance; Q(2n) is kept and that difference
 * is reported (it bounds the error of Q(n), and Gauss–Hermite converges geometrically for the entire functions of
 * the scale a signal is, so Q(2n)'s error is far smaller). A discrete distribution is its own exact quadrature.
 */
public final class B1Average {
    private B1Average() {
    }

    /**
     * @param lines         per acquired sub-experiment, the B1-averaged lines
     * @param nodes         quadrature nodes of the kept rule
     * @param errorRelative the convergence difference reported (0 for a discrete distribution)
     */
    public record Result(Map<String, LineList> lines, int nodes, double errorRelative) {
    }

    /** The B1-averaged acquired lines of {@code system} under {@code seq} (which must have a distribution). */
    public static Result of(SpinSystem system, Sequence seq, boolean relaxation) {
        B1Distribution d = seq.b1Distribution();
        if (d.exact()) {
            B1Distribution.Nodes n = d.nodes(1);
            return new Result(average(system, seq, relaxation, n), n.size(), 0);
        }
        int n = B1Distribution.FIRST_NODES;
        Map<String, LineList> coarse = average(system, seq, relaxation, d.nodes(n));
        double tol = ((B1Distribution.Normal) d).tolerance();
        while (true) {
            Map<String, LineList> fine = average(system, seq, relaxation, d.nodes(2 * n));
            double err = relativeDifference(fine, coarse, seq.acquisition());
            if (err <= tol) {
                return new Result(fine, 2 * n, err);
            }
            if (2 * n >= B1Distribution.Normal.MAX_NODES) {
                throw InputException.of(seq.origin(), "b1_distribution: Gauss-Hermite quadrature of " + system.name()
                        + " did not reach the tolerance " + tol + " with " + 2 * n + " nodes (relative difference "
                        + err + " from " + n + " nodes); loosen b1_distribution.tolerance or narrow the distribution");
            }
            coarse = fine;
            n *= 2;
        }
    }

    /** Σ_k w_k·lines(s_k), per sub-experiment, merged. */
    static Map<String, LineList> average(SpinSystem system, Sequence seq, boolean relaxation, B1Distribution.Nodes n) {
        Map<String, LineList> sum = new LinkedHashMap<>();
        for (int k = 0; k < n.size(); k++) {
            Map<String, LineList> at = Simulator.simulate(system, seq.withB1Scale(n.scales()[k]), relaxation);
            double w = n.weights()[k];
            at.forEach((name, l) -> sum.merge(name, LineList.EMPTY.plus(l, w), (a, b) -> a.plus(b, 1.0)));
        }
        sum.replaceAll((name, l) -> l.merged(1e-13));
        return sum;
    }

    /** ‖a − b‖ / ‖a‖ over every sub-experiment's FID (0 when a is all zero and b equals it). */
    static double relativeDifference(Map<String, LineList> a, Map<String, LineList> b, Acquisition acq) {
        double diff = 0;
        double norm = 0;
        for (Map.Entry<String, LineList> e : a.entrySet()) {
            Fid fa = fid(e.getValue(), acq);
            Fid fb = fid(b.get(e.getKey()), acq);
            for (int t = 0; t < fa.points(); t++) {
                double dr = fa.re()[t] - fb.re()[t];
                double di = fa.im()[t] - fb.im()[t];
                diff += dr * dr + di * di;
                norm += fa.re()[t] * fa.re()[t] + fa.im()[t] * fa.im()[t];
            }
        }
        return diff == 0 ? 0 : Math.sqrt(diff / norm);
    }

    static Fid fid(LineList l, Acquisition a) {
        return l.toFid(a.points(), a.dwellS(), a.lorentzianFwhmHz(), a.gaussianFwhmHz());
    }
}
