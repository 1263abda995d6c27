package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.rf.Calibration;
import org.larmor.rf.PulseAnalysis;
import org.larmor.rf.PulseFiles;
import org.larmor.rf.PulseShape;
import org.larmor.sequence.Event;
import org.larmor.sequence.ShapedPulses;
import org.larmor.spin.Nucleus;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larmor.engine.ReferenceSimulationTest.CMat;

/** Shaped-pulse propagation against exact per-sample exponentials. */
class ShapedPulseTest {
    static final Path MAO = Path.of("../shared/reference/rf-pulses/sampleRefocPulse.pta");

    static PulseShape mao() {
        return PulseFiles.read(MAO);
    }

    @Test
    void splitPropagatorMatchesExactPerSampleExponentials() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(MAO), "sample pulse not present");
        PulseShape shape = mao();
        double duration = 5.2e-3;
        Calibration cal = PulseAnalysis.calibrate(shape, duration, Math.PI);
        Event.ShapedPulse p = ShapedPulses.of("refocusing", shape, duration, cal.b1MaxHz(), 0, 3.0, -1, 0);
        var g = DensityMatrixInvariantsTest.gabaLike();
        double hzPerPpm = 42.577478 * 2.89;
        List<Cluster> clusters = Simulator.clusters(g, Nucleus.H1, hzPerPpm, 4.65);
        Cluster c = clusters.get(0);
        int n = c.spins();
        SpinSpace space = new SpinSpace(n);
        ShapedPulsePropagator sp = new ShapedPulsePropagator(space, c);
        double carrier = -2 * Math.PI * (3.0 - 4.65) * hzPerPpm;
        double worst = 0;
        for (double gradHz : new double[] {0, -700, 450}) {
            double[] offsets = c.offsetRadPerS().clone();
            for (int i = 0; i < n; i++) {
                offsets[i] -= 2 * Math.PI * gradHz;
            }
            double[][] u = sp.propagator(p, offsets, carrier, 1.0);
            CMat exact = exactPropagator(c, offsets, carrier, p);
            // Compare in natural bit order: SpinSpace index → bits.
            for (int a = 0; a < space.dim; a++) {
                for (int b = 0; b < space.dim; b++) {
                    int ba = reverse(space.stateAt[a], n);
                    int bb = reverse(space.stateAt[b], n);
                    double dr = u[0][a * space.dim + b] - exact.re[ba][bb];
                    double di = u[1][a * space.dim + b] - exact.im[ba][bb];
                    worst = Math.max(worst, Math.hypot(dr, di));
                }
            }
        }
        assertTrue(worst < 1e-6, "max |ΔU| " + worst);
    }

    /** Bit i of SpinSpace's mask is spin i; CMat.single puts spin 0 at the most significant bit. */
    static int reverse(int bits, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (((bits >> i) & 1) != 0) {
                out |= 1 << (n - 1 - i);
            }
        }
        return out;
    }

    /** Z·Π_k exp(−i·H_k·dt_k)·Z with H_k in the carrier frame, by Taylor-series exponentials. */
    static CMat exactPropagator(Cluster c, double[] offsets, double carrier, Event.ShapedPulse p) {
        int n = c.spins();
        int d = 1 << n;
        CMat[] ix = CMat.all(n, 'x');
        CMat[] iy = CMat.all(n, 'y');
        CMat[] iz = CMat.all(n, 'z');
        CMat h0 = new CMat(d);
        CMat fx = new CMat(d);
        CMat fy = new CMat(d);
        CMat fz = new CMat(d);
        for (int i = 0; i < n; i++) {
            h0 = h0.plus(iz[i].scale(offsets[i] - carrier));
            fx = fx.plus(ix[i]);
            fy = fy.plus(iy[i]);
            fz = fz.plus(iz[i]);
            for (int j = i + 1; j < n; j++) {
                double w = 2 * Math.PI * c.jHz()[i][j];
                if (w != 0) {
                    h0 = h0.plus(ix[i].times(ix[j]).plus(iy[i].times(iy[j])).plus(iz[i].times(iz[j])).scale(w));
                }
            }
        }
        CMat u = CMat.identity(d);
        for (int k = 0; k < p.b1Hz().length; k++) {
            double w1 = 2 * Math.PI * p.b1Hz()[k];
            CMat h = h0.plus(fx.scale(w1 * Math.cos(p.phaseRad()[k]))).plus(fy.scale(w1 * Math.sin(p.phaseRad()[k])));
            u = h.scale(p.durationS()[k]).expMinusI().times(u);
        }
        CMat z = fz.scale(carrier * p.totalDurationS() / 2).expMinusI();
        return z.times(u).times(z);
    }
}
