package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.larmor.sequence.Event.ShapedPulse;

import java.util.HashMap;
import java.util.Map;

/**
 * The propagator of a shaped pulse for one cluster at one position, built sample by sample.
 *
 * <p>In the carrier frame, sample k has H_k = Σ_i [ω_i·Iz_i + 2π·b1_k·(cos φ_k·Ix_i + sin φ_k·Iy_i)] + H_J: a sum of
 * one-spin terms plus the couplings. The one-spin part is exponentiated exactly (a product of 2×2 SU(2) rotations,
 * one per spin, about each spin's own effective field); the couplings by symmetric (Strang) splitting,
 * exp(−iH_J·δ/2)·R_k·exp(−iH_J·δ/2), with each sample divided into {@link #SUBSTEPS} parts. Its error is
 * O(δ²·|J|·|H_1|²) — couplings are small against RF and offsets — and is measured against exact per-sample
 * exponentials in ShapedPulseTest: max |ΔU| = 6e-7 for a GABA-like six-spin system under the 400-sample Mao pulse
 * at one substep (1.6e-7 at two). exp(−iH_J·t) is block-diagonal by total M and computed once per step length.
 * Reference for splitting: Strang G. SIAM J Numer Anal 1968;5:506-517.
 */
final class ShapedPulsePropagator {
    /** Parts each waveform sample is split into. */
    static final int SUBSTEPS = 1;

    private final SpinSpace space;
    private final double[][] jHz;
    private final boolean coupled;
    private final Map<Double, double[][]> couplingSteps = new java.util.concurrent.ConcurrentHashMap<>();

    ShapedPulsePropagator(SpinSpace space, Cluster cluster) {
        this.space = space;
        this.jHz = cluster.jHz();
        boolean any = false;
        for (double[] row : jHz) {
            for (double v : row) {
                any |= v != 0;
            }
        }
        this.coupled = any;
    }

    /**
     * U (Zeeman basis, block order) of the pulse, in the receiver frame.
     *
     * @param offsetsRadPerS rotating-frame offset of each spin in the receiver frame, gradient included, rad/s
     * @param carrierRadPerS the carrier's offset in the same frame, rad/s
     * @param b1Scale        factor on the nominal B1 (transmit inhomogeneity)
     * @return {re, im} of U, d×d row-major
     */
    double[][] propagator(ShapedPulse p, double[] offsetsRadPerS, double carrierRadPerS, double b1Scale) {
        return propagator(p, offsetsRadPerS, carrierRadPerS, b1Scale, DenseKernel.forDimension(space.dim));
    }

    /** The same with a given kernel (tests compare the kernels). */
    double[][] propagator(ShapedPulse p, double[] offsetsRadPerS, double carrierRadPerS, double b1Scale,
                          DenseKernel kernel) {
        int d = space.dim;
        int n = space.spins;
        int samples = p.b1Hz().length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = offsetsRadPerS[i] - carrierRadPerS;
        }
        // The steps in time order: before each (sub)sample's rotations, the coupling for the time since the last
        // ones. Consecutive half-steps of the coupling merge: exp(−iH_J·a)·exp(−iH_J·b) = exp(−iH_J·(a + b)).
        int steps = samples * SUBSTEPS;
        double[] rot = new double[steps * n * 8];
        double[][][] coupling = coupled ? new double[steps + 1][][] : null;
        double pendingJ = 0;
        double[] r = new double[8];
        for (int k = 0; k < samples; k++) {
            double dt = p.durationS()[k] / SUBSTEPS;
            double bx = 2 * Math.PI * p.b1Hz()[k] * b1Scale * Math.cos(p.phaseRad()[k]);
            double by = 2 * Math.PI * p.b1Hz()[k] * b1Scale * Math.sin(p.phaseRad()[k]);
            for (int i = 0; i < n; i++) {
                su2(bx, by, w[i], dt, r);
                for (int s = 0; s < SUBSTEPS; s++) {
                    System.arraycopy(r, 0, rot, ((k * SUBSTEPS + s) * n + i) * 8, 8);
                }
            }
            for (int s = 0; s < SUBSTEPS; s++) {
                pendingJ += dt / 2;
                if (coupled) {
                    coupling[k * SUBSTEPS + s] = couplingStep(pendingJ);
                }
                pendingJ = dt / 2;
            }
        }
        if (coupled) {
            coupling[steps] = couplingStep(pendingJ);
        }
        // Every step multiplies U from the left, so each column of U = S_N⋯S_1·e_c goes through the steps on its own:
        // a strip of a few columns (16 KiB for seven spins) stays in the first-level cache for the whole pulse,
        // where U itself (256 KiB) would be streamed through the cache once per spin and sample.
        int width = kernel.width(d);
        double[] ure = new double[d * d];
        double[] uim = new double[d * d];
        double[] xr = new double[d * width];
        double[] xi = new double[d * width];
        double[] tr = new double[d * width];
        double[] ti = new double[d * width];
        for (int c0 = 0; c0 < d; c0 += width) {
            java.util.Arrays.fill(xr, 0);
            java.util.Arrays.fill(xi, 0);
            for (int j = 0; j < width; j++) {
                xr[(c0 + j) * width + j] = 1;
            }
            for (int k = 0; k < steps; k++) {
                if (coupled) {
                    kernel.blockDiagonal(space, coupling[k], xr, xi, width, tr, ti);
                }
                kernel.rotateSpins(space, rot, k * n * 8, xr, xi, width);
            }
            if (coupled) {
                kernel.blockDiagonal(space, coupling[steps], xr, xi, width, tr, ti);
            }
            for (int row = 0; row < d; row++) {
                System.arraycopy(xr, row * width, ure, row * d + c0, width);
                System.arraycopy(xi, row * width, uim, row * d + c0, width);
            }
        }
        // Carrier frame → receiver frame, frames coinciding at the pulse centre: U_r = Z·U_c·Z, Z = exp(−iΩ_c·T/2·Fz).
        double half = carrierRadPerS * p.totalDurationS() / 2;
        if (half != 0) {
            double[] zr = new double[d];
            double[] zi = new double[d];
            for (int a = 0; a < d; a++) {
                double ph = -half * space.twiceM[a] / 2.0;
                zr[a] = Math.cos(ph);
                zi[a] = Math.sin(ph);
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    int idx = a * d + b;
                    double pr = zr[a] * zr[b] - zi[a] * zi[b];
                    double pi = zr[a] * zi[b] + zi[a] * zr[b];
                    double vr = ure[idx];
                    double vi = uim[idx];
                    ure[idx] = vr * pr - vi * pi;
                    uim[idx] = vr * pi + vi * pr;
                }
            }
        }
        return new double[][] {ure, uim};
    }

    /**
     * exp(−i·dt·(bx·Ix + by·Iy + w·Iz)) as {r00re, r00im, r01re, r01im, r10re, r10im, r11re, r11im}:
     * cos(θ/2)·1 − i·sin(θ/2)·n·σ with θ = |h|·dt, n = h/|h|.
     */
    static void su2(double bx, double by, double w, double dt, double[] out) {
        double norm = Math.sqrt(bx * bx + by * by + w * w);
        if (norm == 0) {
            out[0] = 1;
            out[1] = 0;
            out[2] = 0;
            out[3] = 0;
            out[4] = 0;
            out[5] = 0;
            out[6] = 1;
            out[7] = 0;
            return;
        }
        double c = Math.cos(norm * dt / 2);
        double s = Math.sin(norm * dt / 2);
        double nx = bx / norm;
        double ny = by / norm;
        double nz = w / norm;
        out[0] = c;
        out[1] = -s * nz;
        out[2] = -s * ny;
        out[3] = -s * nx;
        out[4] = s * ny;
        out[5] = -s * nx;
        out[6] = c;
        out[7] = s * nz;
    }

    /**
     * exp(−i·H_J·t) as block matrices (re, im per block), cached by t. Looked up with {@code get} first, which takes
     * no lock: {@code computeIfAbsent} locks the bin unless the key is its first node, and t and t/2 (a pulse's
     * inner and outer steps) differ only in the exponent, which the map's 16-bin spread ignores, so the inner step,
     * asked for at every sample, sat behind a lock shared by every thread (JFR: 12-22 % of MEGA-PRESS).
     */
    private double[][] couplingStep(double t) {
        double[][] step = couplingSteps.get(t);
        return step != null ? step : couplingSteps.computeIfAbsent(t, this::buildCouplingStep);
    }

    private double[][] buildCouplingStep(double t) {
        int nb = space.blocks();
        double[][] out = new double[2 * nb][];
        for (int k = 0; k < nb; k++) {
            int size = space.blockSize[k];
            DMatrixRMaj h = HamiltonianBlocks.block(space, k, null, jHz);
            double[] re = new double[size * size];
            double[] im = new double[size * size];
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
            if (!eig.decompose(h)) {
                throw new IllegalStateException("eigen-decomposition failed");
            }
            for (int c = 0; c < size; c++) {
                double e = eig.getEigenvalue(c).getReal();
                double pr = Math.cos(-e * t);
                double pi = Math.sin(-e * t);
                DMatrixRMaj v = eig.getEigenVector(c);
                for (int a = 0; a < size; a++) {
                    for (int b = 0; b < size; b++) {
                        double vv = v.get(a, 0) * v.get(b, 0);
                        re[a * size + b] += vv * pr;
                        im[a * size + b] += vv * pi;
                    }
                }
            }
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
        return out;
    }
}
