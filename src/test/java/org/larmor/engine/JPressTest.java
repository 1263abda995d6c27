package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * J-PRESS of an AX pair (1 and 3 ppm at 2.89 T, J = 7 Hz; J/Δν = 0.028) with ideal pulses, TE = TE1 + TE2 stepped
 * by TE2. Chemical shift refocuses at the echo, J does not: the A coherence detected with X in state m (the line at
 * ν_A + m·J) spent TE1/2 + TE2/2 at ν_A + mJ and, conjugated by each 180° that also flips X, (TE1 + TE2)/2 at
 * ν_A − mJ, so its phase at the echo is 2π·m·J·TE. Each F2 line's amplitude goes as exp(+i·2π·m·J·TE) in the line
 * list's own convention exp(i·2π·ν·t): its F1 spectrum peaks at F1 = m·J, i.e. +J/2 for the line at ν_A + J/2 and
 * −J/2 for the line at ν_A − J/2 (the 45° tilt of J-resolved multiplets).
 */
class JPressTest {
    static final double J = 7.0;
    static final int N = 32;

    static SpinSystem ax() {
        return SpinSystem.of("ax", List.of(Spin.proton("A", 3.0), Spin.proton("X", 1.0)),
                List.of(new Coupling("A", "X", J)));
    }

    static Sequence jpress() {
        return TestSequences.parse("template: jpress\nb0_t: 2.89\nte1_ms: 15\nte2_ms: 15\n"
                + "series: {parameter: te2_ms, start_ms: 15, step_ms: 10, count: " + N + "}\n" + TestSequences.ACQ);
    }

    /** Σ amplitude (complex) of lines within 0.5 Hz of ν. */
    static double[] near(LineList l, double nu) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(l.frequencyHz()[k] - nu) < 0.5) {
                re += l.amplitudeRe()[k];
                im += l.amplitudeIm()[k];
            }
        }
        return new double[] {re, im};
    }

    @Test
    void theSeriesIsAnIndirectDimensionOverTe() {
        Sequence q = jpress();
        assertEquals("DIM_INDIRECT_0", q.indirect().dimension());
        assertEquals(N, q.increments());
        for (int i = 0; i < N; i++) {
            assertEquals((15 + 10 * i) * 1e-3, q.indirect().valuesS()[i], 1e-15, "TE2 at increment " + i);
            assertEquals((30 + 10 * i) * 1e-3, q.indirect().headerS()[i], 1e-15, "TE = TE1 + TE2 at increment " + i);
        }
        assertEquals("te2_15ms", q.variant("main", 0).name());
        assertEquals("te2_325ms", q.variant("main", N - 1).name());
    }

    @Test
    void eachF2LineIsModulatedAsExpI2piMJTeAndPeaksAtF1PlusOrMinusHalfJ() {
        Sequence q = jpress();
        Map<String, LineList> sim = Simulator.simulate(ax(), q);
        double f0 = q.hzPerPpm();
        double ref = q.acquisition().referencePpm();
        double nuA = (ref - 3.0) * f0;
        double nuX = (ref - 1.0) * f0;
        // Exact AB line positions (weak-coupling labels): centre ± (D ± J)/2, D = √(Δν² + J²).
        double centre = (nuA + nuX) / 2;
        double d = Math.sqrt((nuA - nuX) * (nuA - nuX) + J * J);
        double sA = Math.signum(nuA - nuX);
        double[] lines = {centre + sA * (d + J) / 2, centre + sA * (d - J) / 2, centre - sA * (d - J) / 2,
                centre - sA * (d + J) / 2};
        // m = +1/2 for the line above its spin's own frequency, −1/2 below.
        double[] m = {Math.signum(lines[0] - nuA) / 2, Math.signum(lines[1] - nuA) / 2,
                Math.signum(lines[2] - nuX) / 2, Math.signum(lines[3] - nuX) / 2};
        double eps = J / Math.abs(nuA - nuX);
        double worstModulation = 0;
        for (int l = 0; l < 4; l++) {
            double[][] a = new double[N][];
            for (int i = 0; i < N; i++) {
                LineList li = sim.get(q.variant("main", i).name());
                a[i] = near(li, lines[l]);
                assertTrue(Math.hypot(a[i][0], a[i][1]) > 0.4, "line " + l + " at the exact AB position "
                        + lines[l] + " Hz, increment " + i);
            }
            // Independent check: A(TE)/A(TE0) = exp(i·2π·m·J·(TE − TE0)).
            for (int i = 0; i < N; i++) {
                double t1 = q.indirect().headerS()[i] - q.indirect().headerS()[0];
                double ph = 2 * Math.PI * m[l] * J * t1;
                double n0 = Math.hypot(a[0][0], a[0][1]);
                double pr = (a[i][0] * a[0][0] + a[i][1] * a[0][1]) / (n0 * n0);
                double pi = (a[i][1] * a[0][0] - a[i][0] * a[0][1]) / (n0 * n0);
                worstModulation = Math.max(worstModulation, Math.hypot(pr - Math.cos(ph), pi - Math.sin(ph)));
            }
            // F1 spectrum: |Σ_i A_i·exp(−i·2π·F1·t1_i)| on a 0.01 Hz grid over the F1 width (±50 Hz).
            double best = -1;
            double bestF = Double.NaN;
            for (double f = -50; f <= 50; f += 0.01) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < N; i++) {
                    double t1 = q.indirect().headerS()[i] - q.indirect().headerS()[0];
                    double c = Math.cos(2 * Math.PI * f * t1);
                    double s = Math.sin(2 * Math.PI * f * t1);
                    re += a[i][0] * c + a[i][1] * s;
                    im += a[i][1] * c - a[i][0] * s;
                }
                double mag = Math.hypot(re, im);
                if (mag > best) {
                    best = mag;
                    bestF = f;
                }
            }
            assertEquals(m[l] * J, bestF, 0.05, "F2 line " + l + " at " + lines[l] + " Hz (m = " + m[l]
                    + "): F1 peak at m·J");
        }
        assertTrue(worstModulation < 3 * eps, "A(TE)/A(TE0) vs exp(i2πmJ·t1): worst deviation " + worstModulation
                + " (strong-coupling mixing J/Δν = " + eps + ")");
    }
}
