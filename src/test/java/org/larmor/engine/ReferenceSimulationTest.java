package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.spin.Nucleus;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against an independent brute-force calculation that shares none of its machinery: operators built by
 * Kronecker products in natural bit order, propagators exp(−iHt) and pulses exp(−iθ(cos φ Fx + sin φ Fy)) by
 * scaling-and-squaring Taylor series, no eigenbasis, no blocks, no line list; the FID sampled by stepping ρ one dwell
 * at a time. Strongly coupled six-spin system, non-ideal flip angles and phases, coherence filters, band pulses.
 */
class ReferenceSimulationTest {
    static final int POINTS = 48;
    static final double DWELL = 2.5e-4;

    @Test
    void engineMatchesBruteForceForPressAndSteam() {
        SpinSystem g = DensityMatrixInvariantsTest.gabaLike();
        List<Sequence> seqs = List.of(
                TestSequences.press(2.89, 13, 17),
                TestSequences.steam(2.89, 20, 10),
                TestSequences.parse("template: press\nb0_t: 1.5\nte1_ms: 9\nte2_ms: 26\n"
                        + "excitation: {flip_deg: 77, phase_deg: 33}\nrefocusing: {flip_deg: 151, phase_deg: 12}\n"
                        + TestSequences.ACQ));
        for (Sequence q : seqs) {
            for (Sequence.Variant v : q.variants()) {
                Fid engine = Simulator.simulate(g, q).get(v.name()).toFid(POINTS, DWELL, 0, 0);
                double[][] ref = bruteForce(g, q, v.events(), new int[] {1, 1, 1});
                double scale = 0;
                for (int k = 0; k < POINTS; k++) {
                    scale = Math.max(scale, Math.hypot(ref[0][k], ref[1][k]));
                }
                assertTrue(scale > 0.1, "the reference has signal");
                for (int k = 0; k < POINTS; k++) {
                    assertEquals(ref[0][k], engine.re()[k], 1e-9 * scale, q.template() + " " + v.name() + " re " + k);
                    assertEquals(ref[1][k], engine.im()[k], 1e-9 * scale, q.template() + " " + v.name() + " im " + k);
                }
            }
        }
    }

    /**
     * MEGA-PRESS with crusher pairs: the engine's pathway bookkeeping against an explicit average of the gradient
     * phases exp(−i·p·k·area) over a grid of wave numbers k (K points per direction, K larger than any winding a
     * pathway can reach, so that only unwound pathways survive the average), on a three-spin chain with one spin
     * inside the ON band, at two flip angles of the editing pulses.
     */
    @Test
    void crusherPathwaysMatchAnExplicitAverageOverGradientPhases() {
        SpinSystem chain = SpinSystem.of("abc", List.of(org.larmor.spin.Spin.proton("A", 3.01),
                        org.larmor.spin.Spin.proton("B", 1.89), org.larmor.spin.Spin.proton("C", 2.28)),
                List.of(new org.larmor.spin.Coupling("A", "B", 7.4), new org.larmor.spin.Coupling("B", "C", 7.2),
                        new org.larmor.spin.Coupling("A", "C", 0.6)));
        for (String flip : new String[] {"180", "150"}) {
            Sequence q = TestSequences.parse("template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                    + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80, flip_deg: " + flip + "}\n"
                    + TestSequences.ACQ);
            for (Sequence.Variant v : q.variants()) {
                Fid engine = Simulator.simulate(chain, q).get(v.name()).toFid(POINTS, DWELL, 0, 0);
                // One crusher pair winds a three-spin pathway by at most |p_before + p_after| ≤ 6 (K = 13 > 2·6);
                // the two editing pairs share direction 3: at most 12 (K = 25).
                double[][] ref = bruteForce(chain, q, v.events(), new int[] {13, 13, 25});
                double scale = 0;
                for (int k = 0; k < POINTS; k++) {
                    scale = Math.max(scale, Math.hypot(ref[0][k], ref[1][k]));
                }
                assertTrue(scale > 0.1);
                for (int k = 0; k < POINTS; k++) {
                    assertEquals(ref[0][k], engine.re()[k], 1e-9 * scale, "MEGA " + flip + " " + v.name() + " re " + k);
                    assertEquals(ref[1][k], engine.im()[k], 1e-9 * scale, "MEGA " + flip + " " + v.name() + " im " + k);
                }
            }
        }
    }

    /**
     * The FID by brute force. Crushers wind each element ρ_ab by exp(−i·p_ab·k·area) for wave numbers k = 2πj/K_d
     * in each direction d; the FID is averaged over the K_1·K_2·K_3 grid (all 1: no crushers expected).
     */
    static double[][] bruteForce(SpinSystem system, Sequence q, List<Event> events, int[] gridK) {
        List<Cluster> clusters = Simulator.clusters(system, Nucleus.H1, q.hzPerPpm(), q.acquisition().referencePpm());
        Cluster c = clusters.get(0);
        int n = c.spins();
        int d = 1 << n;
        CMat[] ix = CMat.all(n, 'x');
        CMat[] iy = CMat.all(n, 'y');
        CMat[] iz = CMat.all(n, 'z');
        CMat h = new CMat(d);
        for (int i = 0; i < n; i++) {
            h = h.plus(iz[i].scale(c.offsetRadPerS()[i]));
            for (int j = i + 1; j < n; j++) {
                double w = 2 * Math.PI * c.jHz()[i][j];
                h = h.plus(ix[i].times(ix[j]).plus(iy[i].times(iy[j])).plus(iz[i].times(iz[j])).scale(w));
            }
        }
        CMat rho0 = new CMat(d);
        CMat fz = new CMat(d);
        CMat fPlus = new CMat(d);
        for (int i = 0; i < n; i++) {
            rho0 = rho0.plus(iz[i]);
            fz = fz.plus(iz[i]);
            fPlus = fPlus.plus(ix[i]).plus(iy[i].timesI());
        }
        // Propagators do not depend on the gradient phase: compute them once.
        CMat[] props = new CMat[events.size()];
        for (int j = 0; j < events.size(); j++) {
            Event e = events.get(j);
            if (e instanceof Event.Pulse p) {
                CMat gen = new CMat(d);
                for (int i = 0; i < n; i++) {
                    if (p.acts(c.shiftPpm()[i], q.hzPerPpm())) {
                        gen = gen.plus(ix[i].scale(Math.cos(p.phaseRad()))).plus(iy[i].scale(Math.sin(p.phaseRad())));
                    }
                }
                props[j] = gen.scale(p.flipRad()).expMinusI();
            } else if (e instanceof Event.Delay dl) {
                props[j] = h.scale(dl.durationS()).expMinusI();
            }
        }
        CMat step = h.scale(DWELL).expMinusI();
        double[][] out = new double[2][POINTS];
        int cells = gridK[0] * gridK[1] * gridK[2];
        double norm = c.weight() * 4.0 / d / cells;
        for (int g = 0; g < cells; g++) {
            double[] k = {2 * Math.PI * (g % gridK[0]) / gridK[0], 2 * Math.PI * ((g / gridK[0]) % gridK[1]) / gridK[1],
                    2 * Math.PI * (g / (gridK[0] * gridK[1])) / gridK[2]};
            CMat rho = rho0;
            for (int j = 0; j < events.size(); j++) {
                Event e = events.get(j);
                if (props[j] != null) {
                    rho = props[j].times(rho).times(props[j].dagger());
                } else if (e instanceof Event.Crusher cr) {
                    double phasePerOrder = cr.area()[0] * k[0] + cr.area()[1] * k[1] + cr.area()[2] * k[2];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            double phi = -(fz.re[a][a] - fz.re[b][b]) * phasePerOrder;
                            double xr = rho.re[a][b];
                            double xi = rho.im[a][b];
                            rho.re[a][b] = xr * Math.cos(phi) - xi * Math.sin(phi);
                            rho.im[a][b] = xr * Math.sin(phi) + xi * Math.cos(phi);
                        }
                    }
                } else if (e instanceof Event.SelectCoherence s) {
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            if (Math.round(fz.re[a][a] - fz.re[b][b]) != s.order()) {
                                rho.re[a][b] = 0;
                                rho.im[a][b] = 0;
                            }
                        }
                    }
                }
            }
            for (int t = 0; t < POINTS; t++) {
                CMat m = rho.times(fPlus);
                for (int a = 0; a < d; a++) {
                    out[0][t] += norm * m.re[a][a];
                    out[1][t] += norm * m.im[a][a];
                }
                rho = step.times(rho).times(step.dagger());
            }
        }
        return out;
    }

    /** Minimal dense complex matrix for the reference calculation. */
    static final class CMat {
        final double[][] re;
        final double[][] im;

        CMat(int d) {
            re = new double[d][d];
            im = new double[d][d];
        }

        int d() {
            return re.length;
        }

        /** I_x, I_y or I_z of spin i among n, spin 0 as the most significant factor of the Kronecker product. */
        static CMat single(int n, int i, char axis) {
            int d = 1 << n;
            CMat m = new CMat(d);
            int bit = 1 << (n - 1 - i);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    if ((a & ~bit) != (b & ~bit)) {
                        continue;
                    }
                    boolean aUp = (a & bit) == 0;
                    boolean bUp = (b & bit) == 0;
                    switch (axis) {
                        case 'z' -> m.re[a][b] = a == b ? (aUp ? 0.5 : -0.5) : 0;
                        case 'x' -> m.re[a][b] = a != b ? 0.5 : 0;
                        default -> m.im[a][b] = a == b ? 0 : (aUp && !bUp ? -0.5 : 0.5);
                    }
                }
            }
            return m;
        }

        /** I_axis of every spin among n. */
        static CMat[] all(int n, char axis) {
            CMat[] out = new CMat[n];
            for (int i = 0; i < n; i++) {
                out[i] = single(n, i, axis);
            }
            return out;
        }

        CMat plus(CMat o) {
            CMat r = new CMat(d());
            for (int a = 0; a < d(); a++) {
                for (int b = 0; b < d(); b++) {
                    r.re[a][b] = re[a][b] + o.re[a][b];
                    r.im[a][b] = im[a][b] + o.im[a][b];
                }
            }
            return r;
        }

        CMat scale(double s) {
            CMat r = new CMat(d());
            for (int a = 0; a < d(); a++) {
                for (int b = 0; b < d(); b++) {
                    r.re[a][b] = s * re[a][b];
                    r.im[a][b] = s * im[a][b];
                }
            }
            return r;
        }

        CMat timesI() {
            CMat r = new CMat(d());
            for (int a = 0; a < d(); a++) {
                for (int b = 0; b < d(); b++) {
                    r.re[a][b] = -im[a][b];
                    r.im[a][b] = re[a][b];
                }
            }
            return r;
        }

        CMat times(CMat o) {
            int d = d();
            CMat r = new CMat(d);
            for (int a = 0; a < d; a++) {
                for (int k = 0; k < d; k++) {
                    double xr = re[a][k];
                    double xi = im[a][k];
                    if (xr == 0 && xi == 0) {
                        continue;
                    }
                    for (int b = 0; b < d; b++) {
                        r.re[a][b] += xr * o.re[k][b] - xi * o.im[k][b];
                        r.im[a][b] += xr * o.im[k][b] + xi * o.re[k][b];
                    }
                }
            }
            return r;
        }

        CMat dagger() {
            CMat r = new CMat(d());
            for (int a = 0; a < d(); a++) {
                for (int b = 0; b < d(); b++) {
                    r.re[b][a] = re[a][b];
                    r.im[b][a] = -im[a][b];
                }
            }
            return r;
        }

        /** exp(−i·this) for Hermitian this, by scaling and squaring a 24-term Taylor series. */
        CMat expMinusI() {
            double norm = 0;
            for (int a = 0; a < d(); a++) {
                for (int b = 0; b < d(); b++) {
                    norm += Math.hypot(re[a][b], im[a][b]);
                }
            }
            int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.25) / Math.log(2)));
            CMat x = timesI().scale(-1.0 / (1L << squarings));
            CMat sum = identity(d());
            CMat term = identity(d());
            for (int k = 1; k <= 24; k++) {
                term = term.times(x).scale(1.0 / k);
                sum = sum.plus(term);
            }
            for (int s = 0; s < squarings; s++) {
                sum = sum.times(sum);
            }
            return sum;
        }

        static CMat identity(int d) {
            CMat r = new CMat(d);
            for (int a = 0; a < d; a++) {
                r.re[a][a] = 1;
            }
            return r;
        }
    }
}
