package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.larmor.sequence.Event;
import org.larmor.signal.LineList;

import java.util.List;

/**
 * Plays an event list on one cluster of coupled spins and reads out the transitions: the one propagator behind
 * every sequence. Pulses rotate, delays evolve, coherence filters select, acquisition detects.
 *
 * <p>Detection: s(t) = Tr(ρ(t)·F+) with F+ = Σ (Ix + i·Iy) picks the elements of coherence order −1. In the
 * eigenbasis each such element ρ_ab contributes a line ρ_ab·(F+)_ba·exp(−i(E_a − E_b)t); with the rotating-frame
 * Hamiltonian's physical sign (Ω = −2π(δ − ref)·f0 for γ > 0, Levitt, Spin Dynamics, 2nd ed., §2.5 and §11.9) this
 * is already the on-disk convention exp(−i2π(δ − ref)f0·t). The factor 4/2^n makes one spin's 90° pulse-acquire
 * signal 1 at t = 0.
 */
public final class Propagator {
    /** Lines weaker than this fraction of the strongest are numerical dust (forbidden transitions ~1e-17). */
    static final double LINE_FLOOR = 1e-13;

    /** Receives the density matrix after each event; for tests of invariants. */
    interface StepObserver {
        void after(Event event, DensityMatrix rho);
    }

    private Propagator() {
    }

    static LineList run(Cluster cluster, List<Event> events, double hzPerPpm, StepObserver observer) {
        int n = cluster.spins();
        long dim = 1L << n;
        long bytes = dim * dim * 16 * 3;
        if (bytes > Runtime.getRuntime().maxMemory() * 0.8) {
            throw new IllegalStateException("a cluster of " + n + " coupled spins needs about " + (bytes >> 20)
                    + " MiB, more than this JVM's " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap");
        }
        SpinSpace space = new SpinSpace(n);
        Eigenbasis eigen = new Eigenbasis(space, cluster);
        DephasingPathways state = new DephasingPathways(new DensityMatrix(space, eigen));
        int[][] remaining = remainingCrusherAreas(events);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Event.Pulse p) {
                boolean[] mask = new boolean[n];
                boolean any = false;
                for (int k = 0; k < n; k++) {
                    mask[k] = p.band() == null || p.band().contains(cluster.shiftPpm()[k], hzPerPpm);
                    any |= mask[k];
                }
                if (any) {
                    for (DensityMatrix rho : state.all()) {
                        rho.rotate(mask, p.flipRad(), p.phaseRad());
                    }
                }
            } else if (e instanceof Event.Delay d) {
                for (DensityMatrix rho : state.all()) {
                    rho.evolve(d.durationS());
                }
            } else if (e instanceof Event.SelectCoherence s) {
                for (DensityMatrix rho : state.all()) {
                    rho.selectCoherence(s.order());
                }
            } else if (e instanceof Event.Crusher c) {
                state.crush(c.area(), remaining[i + 1]);
            } else if (e instanceof Event.Acquire) {
                DensityMatrix rho = state.refocused();
                if (observer != null && rho != null) {
                    observer.after(e, rho);
                }
                return rho == null ? LineList.EMPTY : detect(rho, cluster.weight() * 4.0 / dim);
            }
            if (observer != null && state.refocused() != null) {
                observer.after(e, state.refocused());
            }
        }
        throw new IllegalArgumentException("event list does not end with an acquisition");
    }

    /** For each event index, Σ |area| per direction of the crushers from that index on. */
    private static int[][] remainingCrusherAreas(List<Event> events) {
        int[][] out = new int[events.size() + 1][3];
        for (int i = events.size() - 1; i >= 0; i--) {
            out[i] = out[i + 1].clone();
            if (events.get(i) instanceof Event.Crusher c) {
                for (int a = 0; a < 3; a++) {
                    out[i][a] += Math.abs(c.area()[a]);
                }
            }
        }
        return out;
    }

    /** Lines of the order −1 elements of ρ, in the eigenbasis, scaled by {@code scale}. */
    private static LineList detect(DensityMatrix rho, double scale) {
        rho.toEigen();
        SpinSpace space = rho.space;
        Eigenbasis eigen = rho.eigen;
        int dim = space.dim;
        int lines = 0;
        for (int k = 1; k < space.blocks(); k++) {
            lines += space.blockSize[k] * space.blockSize[k - 1];
        }
        double[] f = new double[lines];
        double[] ar = new double[lines];
        double[] ai = new double[lines];
        int out = 0;
        for (int k = 1; k < space.blocks(); k++) {
            // F+ from block k (k β spins) to block k−1: one β raised to α.
            int rows = space.blockSize[k - 1];
            int cols = space.blockSize[k];
            int r0 = space.blockStart[k - 1];
            int c0 = space.blockStart[k];
            DMatrixRMaj fPlus = new DMatrixRMaj(rows, cols);
            for (int c = 0; c < cols; c++) {
                int bits = space.stateAt[c0 + c];
                for (int spin = 0; spin < space.spins; spin++) {
                    if (((bits >> spin) & 1) == 1) {
                        fPlus.set(space.indexOf[bits ^ (1 << spin)] - r0, c, 1.0);
                    }
                }
            }
            DMatrixRMaj tmp = new DMatrixRMaj(rows, cols);
            DMatrixRMaj fPlusEigen = new DMatrixRMaj(rows, cols);
            eigen.toEigen(k - 1, k, fPlus, tmp, fPlusEigen);
            // ρ_ab with a in block k (M), b in block k−1 (M+1): order −1.
            for (int a = 0; a < cols; a++) {
                int ia = c0 + a;
                for (int b = 0; b < rows; b++) {
                    int ib = r0 + b;
                    double fp = fPlusEigen.get(b, a);
                    double xr = rho.re[ia * dim + ib];
                    double xi = rho.im[ia * dim + ib];
                    f[out] = -(eigen.energy[ia] - eigen.energy[ib]) / (2 * Math.PI);
                    ar[out] = scale * fp * xr;
                    ai[out] = scale * fp * xi;
                    out++;
                }
            }
        }
        return new LineList(f, ar, ai).merged(LINE_FLOOR);
    }

}
