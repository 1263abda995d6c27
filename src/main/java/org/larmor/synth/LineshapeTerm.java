package org.larmor.synth;

import java.util.SplittableRandom;

/**
 * The global lineshape of every tissue signal: exp(−i·2π·Δ·t) (global shift) · exp(−(π·G·t)²/(4 ln 2)) (Gaussian)
 * · Π_d sinc(π·W_d·t) (B0 inhomogeneity: linear field gradients across the voxel). G is drawn, or solved so that
 * the reference singlet reaches a drawn target FWHM ({@link Linewidth#gaussianFor}); the resulting FWHM of the
 * reference singlet is recorded either way.
 */
final class LineshapeTerm implements Term {
    private final Scenario.Lineshape ls;
    private final MetaboliteTerm metabolites;
    private final int reference;
    private final double intrinsicLorentzHz;
    private final double intrinsicGaussHz;
    private final int n;
    private final double dwell;
    private final int target;
    final int gaussian;
    final int linewidth;
    final int globalShift;
    /** Offsets of the x, y, z spreads, or −1 each when the scenario has no B0 inhomogeneity. */
    final int[] spread = {-1, -1, -1};

    LineshapeTerm(Scenario.Lineshape ls, MetaboliteTerm metabolites, int reference, SynthBasis basis,
                  Truth.Builder truth) {
        this.ls = ls;
        this.metabolites = metabolites;
        this.reference = reference;
        this.intrinsicLorentzHz = basis.intrinsicLorentzianHz();
        this.intrinsicGaussHz = basis.intrinsicGaussianHz();
        this.n = basis.points();
        this.dwell = basis.dwellS();
        target = ls.linewidthHz() != null ? truth.scalar("linewidth_target_hz") : -1;
        gaussian = truth.scalar("gaussian_hz");
        linewidth = truth.scalar("linewidth_hz");
        globalShift = truth.scalar("global_shift_hz");
        if (!ls.b0SpreadHz().isEmpty()) {
            spread[0] = truth.scalar("b0_spread_x_hz");
            spread[1] = truth.scalar("b0_spread_y_hz");
            spread[2] = truth.scalar("b0_spread_z_hz");
        }
    }

    @Override
    public String name() {
        return "lineshape";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        double t = ls.linewidthHz() != null ? ls.linewidthHz().sample(rng) : Double.NaN;
        double gauss = ls.gaussianHz() != null ? ls.gaussianHz().sample(rng) : Double.NaN;
        row[globalShift] = ls.shiftHz().sample(rng);
        double[] w = new double[3];
        for (int d = 0; d < 3 && spread[0] >= 0; d++) {
            w[d] = ls.b0SpreadHz().get(d).sample(rng);
            row[spread[d]] = w[d];
        }
        double refLorentz = intrinsicLorentzHz + (reference >= 0 ? row[metabolites.lorentzian[reference]] : 0);
        if (!Double.isNaN(t)) {
            gauss = Linewidth.gaussianFor(t, refLorentz, intrinsicGaussHz, w, n, dwell);
            row[target] = t;
        }
        row[gaussian] = gauss;
        row[linewidth] = reference >= 0 ? Linewidth.fwhmHz(refLorentz, Math.hypot(intrinsicGaussHz, gauss), w, n,
                dwell) : Double.NaN;
    }

    /** The B0 spreads of this spectrum (Hz; zeros without inhomogeneity). */
    double[] spreads(double[] row, double[] into) {
        for (int d = 0; d < 3; d++) {
            into[d] = spread[d] >= 0 ? row[spread[d]] : 0;
        }
        return into;
    }
}
