package org.larmor.basis;

import org.larmor.sequence.B1Distribution;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A basis set simulated at a few B1 scales and interpolated between them, with its interpolation error stated: what
 * a per-voxel synthesiser calls with each voxel's B1 scale from a transmit map ({@link #at(double)}).
 *
 * <p><b>Interpolation.</b> Each metabolite's FID is interpolated point by point (real and imaginary parts) by
 * piecewise cubic Lagrange interpolation: between nodes s_i and s_{i+1}, the cubic through the four nodes
 * s_{i−1} … s_{i+2} (the four end nodes at either end of the range). Its error is
 * f⁽⁴⁾(ξ)/4!·Π_j (s − s_j), O(h⁴) uniformly, also in the end intervals (Press et al., Numerical Recipes, 3rd ed.
 * 2007, §3.2; Abramowitz &amp; Stegun 1964, 25.2.1). The signal is an entire function of the scale (sines and cosines
 * of flips proportional to it), so the error is small and smooth between nodes.
 *
 * <p><b>Stated error.</b> The basis is simulated once more at the midpoint of every interval, and the interpolant
 * compared there with the direct simulation: e_mid = ‖interpolated − direct‖ / max_k ‖FID(s_k)‖ (2-norms over the
 * FID points, per metabolite and spectrum; the denominator is the metabolite's largest FID over the nodes, so a
 * signal passing through zero does not make the ratio meaningless). The stated error is
 * {@link #SAFETY} × the largest e_mid: for a cubic through four equally spaced nodes the node polynomial
 * |Π (s − s_j)| peaks at the midpoint of an inner interval, but in an end interval it peaks 1/0.9375 higher than at
 * the midpoint, and f⁽⁴⁾ varies across an interval; the factor 2 covers both (checked by
 * {@code B1InterpolatedTest} against direct simulations on a fine grid of scales).
 */
public final class B1Interpolated {
    /** Stated error = SAFETY × the largest midpoint error (see the class comment). */
    public static final double SAFETY = 2;

    private final Sequence sequence;
    private final double[] scales;
    private final List<String> metabolites;
    private final List<String> spectra;
    /** fids[spectrum][metabolite][node]. */
    private final Fid[][][] fids;
    private final List<BasisSet> nodes;
    private final double[] midpointErrors;
    private final double stated;

    private B1Interpolated(Sequence sequence, double[] scales, List<BasisSet> nodes, List<BasisSet> midpoints) {
        this.sequence = sequence;
        this.scales = scales.clone();
        this.nodes = List.copyOf(nodes);
        BasisSet first = nodes.get(0);
        this.metabolites = first.spectra().stream().map(BasisSpectrum::name).toList();
        this.spectra = first.conditions();
        int m = metabolites.size();
        fids = new Fid[spectra.size()][m][scales.length];
        for (int c = 0; c < spectra.size(); c++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < scales.length; k++) {
                    fids[c][j][k] = nodes.get(k).spectra().get(j).fids().get(spectra.get(c));
                }
            }
        }
        midpointErrors = new double[scales.length - 1];
        for (int i = 0; i + 1 < scales.length; i++) {
            double mid = 0.5 * (scales[i] + scales[i + 1]);
            double worst = 0;
            for (int c = 0; c < spectra.size(); c++) {
                for (int j = 0; j < m; j++) {
                    Fid direct = midpoints.get(i).spectra().get(j).fids().get(spectra.get(c));
                    worst = Math.max(worst, relativeError(interpolate(fids[c][j], mid), direct, fids[c][j]));
                }
            }
            midpointErrors[i] = worst;
        }
        double max = 0;
        for (double e : midpointErrors) {
            max = Math.max(max, e);
        }
        stated = SAFETY * max;
    }

    /**
     * Simulates the basis of {@code systems} under {@code seq} at each of {@code scales} (at least 4, increasing,
     * each 0.01–10) and at the midpoints between them (for the stated error).
     */
    public static B1Interpolated simulate(List<SpinSystem> systems, Sequence seq, double[] scales,
                                          boolean relaxation) {
        if (scales.length < 4) {
            throw new IllegalArgumentException("cubic interpolation needs at least 4 B1 scales, got " + scales.length);
        }
        for (int k = 0; k < scales.length; k++) {
            if (!(scales[k] >= B1Distribution.MIN_SCALE && scales[k] <= B1Distribution.MAX_SCALE)) {
                throw new IllegalArgumentException("B1 scale " + scales[k] + " outside " + B1Distribution.MIN_SCALE
                        + "–" + B1Distribution.MAX_SCALE);
            }
            if (k > 0 && !(scales[k] > scales[k - 1])) {
                throw new IllegalArgumentException("B1 scales must increase, got " + scales[k - 1] + " then "
                        + scales[k]);
            }
        }
        if (seq.b1Distribution() != null) {
            throw new IllegalArgumentException(seq.origin() + ": a B1-interpolated basis takes one scale per voxel;"
                    + " the sequence's b1_distribution would be replaced; remove it");
        }
        List<BasisSet> at = new ArrayList<>();
        for (double s : scales) {
            at.add(BasisSimulator.simulate(systems, seq.withB1Scale(s), relaxation, (BasisSimulator.Progress) null));
        }
        List<BasisSet> mid = new ArrayList<>();
        for (int i = 0; i + 1 < scales.length; i++) {
            mid.add(BasisSimulator.simulate(systems, seq.withB1Scale(0.5 * (scales[i] + scales[i + 1])), relaxation,
                    (BasisSimulator.Progress) null));
        }
        return new B1Interpolated(seq, scales, at, mid);
    }

    /** Each metabolite's FID at {@code b1Scale} (within the simulated range), of the first spectrum. */
    public List<Fid> at(double b1Scale) {
        return at(b1Scale, spectra.get(0));
    }

    /** Each metabolite's FID at {@code b1Scale} in the spectrum {@code spectrum} ("main", "ON", "DIFF", …). */
    public List<Fid> at(double b1Scale, String spectrum) {
        int c = spectra.indexOf(spectrum);
        if (c < 0) {
            throw new IllegalArgumentException("no spectrum \"" + spectrum + "\"; have " + spectra);
        }
        List<Fid> out = new ArrayList<>();
        for (Fid[] node : fids[c]) {
            out.add(interpolate(node, b1Scale));
        }
        return out;
    }

    /**
     * The stated interpolation error: an upper estimate of ‖interpolated − true‖ / max_k ‖FID(s_k)‖ for any
     * metabolite, spectrum and scale in the range.
     */
    public double statedErrorRelative() {
        return stated;
    }

    /** The largest error found at the midpoint of each interval (before the safety factor). */
    public double[] midpointErrorsRelative() {
        return midpointErrors.clone();
    }

    public double[] scales() {
        return scales.clone();
    }

    public List<String> metabolites() {
        return metabolites;
    }

    public List<String> spectra() {
        return spectra;
    }

    /** The basis set simulated at node k ({@link #scales()}[k]). */
    public BasisSet node(int k) {
        return nodes.get(k);
    }

    /**
     * The basis set at node k as written: its provenance also records this interpolation
     * ({@code b1_interpolation}: the scales, the method and the stated error).
     */
    public BasisSet nodeForWriting(int k) {
        BasisSet b = nodes.get(k);
        return new BasisSet(b.sequence(), b.spectra(), b.provenance().withSequenceEntry("b1_interpolation",
                describe()), b.omitted());
    }

    public Sequence sequence() {
        return sequence;
    }

    /** For provenance: the scales, the method and the stated error. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b1_scales", scales.clone());
        m.put("interpolation", "piecewise cubic Lagrange through the 4 nearest nodes, FID point by point"
                + " (Numerical Recipes 3rd ed. 3.2)");
        m.put("midpoint_errors_relative", midpointErrors.clone());
        m.put("stated_error_relative", stated);
        m.put("stated_error_meaning", SAFETY + " x the largest |interpolated - direct| / max over nodes |FID| (FID"
                + " 2-norm, per metabolite and spectrum) at the interval midpoints, simulated directly");
        return m;
    }

    /** The cubic Lagrange interpolant of one metabolite's FIDs at the nodes, at scale s. */
    private Fid interpolate(Fid[] node, double s) {
        int k = scales.length;
        if (!(s >= scales[0] - 1e-12 && s <= scales[k - 1] + 1e-12)) {
            throw new IllegalArgumentException("B1 scale " + s + " outside the simulated range " + scales[0] + "–"
                    + scales[k - 1] + " (no extrapolation: its error is not stated)");
        }
        int i = 0;
        while (i + 2 < k && s > scales[i + 1]) {
            i++;
        }
        int start = Math.max(0, Math.min(i - 1, k - 4));
        Fid out = Fid.zeros(node[0].points(), node[0].dwellS());
        for (int a = start; a < start + 4; a++) {
            double w = 1;
            for (int b = start; b < start + 4; b++) {
                if (b != a) {
                    w *= (s - scales[b]) / (scales[a] - scales[b]);
                }
            }
            out = out.plus(node[a], w);
        }
        return out;
    }

    /** ‖a − b‖ / max_k ‖node_k‖. */
    static double relativeError(Fid a, Fid b, Fid[] node) {
        double scale = 0;
        for (Fid f : node) {
            scale = Math.max(scale, norm(f, null));
        }
        double d = norm(a, b);
        return d == 0 ? 0 : d / scale;
    }

    /** ‖a − b‖ (b null: ‖a‖). */
    static double norm(Fid a, Fid b) {
        double s = 0;
        for (int t = 0; t < a.points(); t++) {
            double r = a.re()[t] - (b == null ? 0 : b.re()[t]);
            double i = a.im()[t] - (b == null ? 0 : b.im()[t]);
            s += r * r + i * i;
        }
        return Math.sqrt(s);
    }
}
