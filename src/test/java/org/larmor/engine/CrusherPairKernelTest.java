package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinSystem;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pulse between two equal crusher lobes of its own direction keeps the pathways whose coherence order changes
 * sign: ρ → Σ_p P₋ₚ(U·Pₚ(ρ)·U†). The engine computes that in one pass; here it is checked against the sum written
 * out (order filters and a dense U·ρ·U† per order), and, on whole sequences with shaped slice-selective pulses,
 * against per-step filters, which select the same pathways for PRESS and semi-LASER.
 */
class CrusherPairKernelTest {
    @Test
    void theOnePassKernelEqualsTheSumOverOrdersWrittenOut() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 3, 5}) {
            SpinSpace space = new SpinSpace(n);
            double[] offsets = new double[n];
            double[][] j = new double[n][n];
            Eigenbasis eigen = new Eigenbasis(space, new Cluster(new double[n], offsets, j, 1));
            int d = space.dim;
            DensityMatrix rho = CrusherPairRowsTest.randomHermitian(space, eigen, rnd);
            double[][] u = randomUnitary(d, rnd);
            DensityMatrix expected = rho.emptyLike();
            for (int p = -n; p <= n; p++) {
                DensityMatrix part = rho.copy();
                part.selectCoherence(p);
                part.applyUnitary(u);
                part.selectCoherence(-p);
                expected.addScaled(part, 1);
            }
            DensityMatrix fast = rho.copy();
            fast.applyBetweenCrushers(u);
            for (int k = 0; k < d * d; k++) {
                assertEquals(expected.re[k], fast.re[k], 1e-12, n + " spins, element " + k);
                assertEquals(expected.im[k], fast.im[k], 1e-12, n + " spins, element " + k);
            }
        }
    }

    /** A random unitary: the Q of a Gram–Schmidt orthonormalisation of a complex Gaussian matrix. */
    static double[][] randomUnitary(int d, Random rnd) {
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        for (int c = 0; c < d; c++) {
            double[] vr = new double[d];
            double[] vi = new double[d];
            for (int r = 0; r < d; r++) {
                vr[r] = rnd.nextGaussian();
                vi[r] = rnd.nextGaussian();
            }
            for (int q = 0; q < c; q++) {
                double dr = 0;
                double di = 0;
                for (int r = 0; r < d; r++) {
                    // <col q, v> = Σ conj(q_r)·v_r
                    dr += re[r * d + q] * vr[r] + im[r * d + q] * vi[r];
                    di += re[r * d + q] * vi[r] - im[r * d + q] * vr[r];
                }
                for (int r = 0; r < d; r++) {
                    vr[r] -= dr * re[r * d + q] - di * im[r * d + q];
                    vi[r] -= dr * im[r * d + q] + di * re[r * d + q];
                }
            }
            double norm = 0;
            for (int r = 0; r < d; r++) {
                norm += vr[r] * vr[r] + vi[r] * vi[r];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                re[r * d + c] = vr[r] / norm;
                im[r * d + c] = vi[r] / norm;
            }
        }
        return new double[][] {re, im};
    }

    static final String SHAPED = "b0_t: 2.89\nvoxel_mm: [20, 20, 20]\ncarrier_ppm: 3.0\n"
            + "spatial: {positions: 8, fov_factor: 1.5}\n"
            + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
            + "acquisition: {points: 512, spectral_width_hz: 2000}\n";

    @Test
    void shapedPressAndSemiLaserSelectTheSamePathwaysByCrushersAsByFilters() {
        SpinSystem g = DensityMatrixInvariantsTest.gabaLike();
        String[] sequences = {
            "template: press\nte1_ms: 20\nte2_ms: 30\nrefocusing: {shape: sinc, lobes: 3, duration_ms: 4,"
                    + " flip_deg: 180}\n",
            "template: semi_laser\nte_ms: 40\nrefocusing: {shape: hs, n: 1, r: 10, duration_ms: 3.5, flip_deg: 180}\n"
        };
        for (String body : sequences) {
            Sequence filters = TestSequences.parse(body + "coherence_selection: filters\n" + SHAPED);
            Sequence crushers = TestSequences.parse(body + "coherence_selection: crushers\n" + SHAPED);
            Sequence none = TestSequences.parse(body + "coherence_selection: none\n" + SHAPED);
            Fid f = fid(Simulator.simulate(g, filters));
            Fid c = fid(Simulator.simulate(g, crushers));
            Fid x = fid(Simulator.simulate(g, none));
            double scale = 0;
            double unwanted = 0;
            for (int k = 0; k < f.points(); k++) {
                scale = Math.max(scale, Math.hypot(f.re()[k], f.im()[k]));
                unwanted = Math.max(unwanted, Math.hypot(x.re()[k] - f.re()[k], x.im()[k] - f.im()[k]));
            }
            assertTrue(unwanted > 1e-3 * scale, "shaped pulses make unwanted pathways: " + unwanted / scale);
            for (int k = 0; k < f.points(); k++) {
                assertEquals(f.re()[k], c.re()[k], 1e-9 * scale, body + " re " + k);
                assertEquals(f.im()[k], c.im()[k], 1e-9 * scale, body + " im " + k);
            }
        }
    }

    private static Fid fid(Map<String, LineList> lines) {
        return lines.get("main").toFid(512, 1.0 / 2000, 0, 0);
    }
}
