package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Localisation;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine behaviour that the PIT run on Eigenbasis/Cluster/SimulationContext/Simulator/Propagator found untested,
 * each against an analytic result.
 */
class EngineMutationGapsTest {

    /**
     * 1H weakly coupled (Iz·Sz) to two 31P: each 31P is in m = ±1/2 with probability 1/2 independently, so the
     * proton line splits into the first-order doublet of doublets at J1·m1 + J2·m2, four lines of 1/4 each.
     */
    @Test
    void protonCoupledToTwoPhosphorusIsAnEqualDoubletOfDoublets() {
        double j1 = 6.4;
        double j2 = 2.5;
        double hPpm = 3.2;
        SpinSystem sys = SpinSystem.of("HPP", List.of(Spin.proton("H", hPpm),
                        new Spin("P1", Double.NaN, 1, Nucleus.P31), new Spin("P2", Double.NaN, 1, Nucleus.P31)),
                List.of(new Coupling("H", "P1", j1), new Coupling("H", "P2", j2)));
        Sequence q = TestSequences.pulseAcquire(3);
        LineList l = Simulator.simulate(sys, q).get("main");
        double centre = (q.acquisition().referencePpm() - hPpm) * q.hzPerPpm();
        assertEquals(4, l.size(), "four lines");
        double[] off = new double[4];
        double total = 0;
        for (int k = 0; k < 4; k++) {
            off[k] = l.frequencyHz()[k] - centre;
            double a = Math.hypot(l.amplitudeRe()[k], l.amplitudeIm()[k]);
            assertEquals(0.25, a, 1e-9, "each line a quarter of one proton's signal");
            total += a;
        }
        Arrays.sort(off);
        double[] expected = {-(j1 + j2) / 2, -(j1 - j2) / 2, (j1 - j2) / 2, (j1 + j2) / 2};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], off[k], 1e-6, "line " + k + " offset (Hz)");
        }
        assertEquals(1, total, 1e-9);
    }

    /**
     * One spin, 90°x then acquire, through both convenience overloads of {@link Propagator#run}: one line of
     * magnitude 1 (the documented normalisation) at ν = Ω/2π = −(δ − ref)·f0, with the overload's default
     * reference 4.65 ppm.
     */
    @Test
    void oneSpinPulseAcquireThroughTheConvenienceOverloads() {
        double hzPerPpm = 127.7;
        double ppm = 2.0;
        double omega = -2 * Math.PI * (ppm - 4.65) * hzPerPpm;
        Cluster c = new Cluster(new double[] {ppm}, new double[] {omega}, new double[1][1], 1.0);
        List<Event> ev = List.of(new Event.Pulse("p", Math.PI / 2, 0), new Event.Acquire());
        LineList a = Propagator.run(c, ev, hzPerPpm, null);
        LineList b = Propagator.run(c, ev, new SimulationContext(hzPerPpm, 4.65, 1.0, null), null);
        for (LineList l : List.of(a, b)) {
            assertEquals(1, l.size());
            assertEquals(-(ppm - 4.65) * hzPerPpm, l.frequencyHz()[0], 1e-9);
            assertEquals(1, Math.hypot(l.amplitudeRe()[0], l.amplitudeIm()[0]), 1e-12);
        }
    }

    /**
     * The memory guard: a 20-spin cluster's density matrix and two work matrices, 3·(2^20)² complex doubles of
     * 16 bytes = 48 TiB = 50331648 MiB, exceed any test JVM's heap; the message states both sizes.
     */
    @Test
    void aTwentySpinClusterIsRefusedWithItsMemoryNeed() {
        int n = 20;
        Cluster c = new Cluster(new double[n], new double[n], new double[n][n], 1.0);
        SimulationContext ctx = new SimulationContext(127.7, 4.65, 1.0, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Propagator.Workspace(c, ctx));
        double mib = Math.pow(2, 2 * n) * 16 * 3 / (1024.0 * 1024.0);
        assertTrue(e.getMessage().contains(" " + (long) mib + " MiB"), e.getMessage());
        assertTrue(e.getMessage().contains(" " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB heap"),
                e.getMessage());
    }

    static Localisation line(int positions) {
        // fov = voxel: each axis's weights sum to 1, so an unselective experiment keeps exactly its signal.
        return new Localisation(new double[] {0.02, 0.02, 0.02}, new double[] {0.02, 0.02, 0.02},
                new int[] {positions, positions, positions}, false);
    }

    /**
     * The 1D projection averages each axis's segment on its own; x, y, −x gradients interleave the axes and must be
     * refused, while x, −x, y, −y (contiguous, each pair refocused) is exact: the winding cancels at every position,
     * so one spin keeps its full signal, 1.
     */
    @Test
    void interleavedAxesAreRefusedAndContiguousRefocusedPairsKeepTheFullSignal() {
        Cluster c = new Cluster(new double[] {4.65}, new double[] {0}, new double[1][1], 1.0);
        SimulationContext ctx = new SimulationContext(127.7, 4.65, 1.0, line(16));
        double g = 30; // Hz·s/m: 0.6 turns across the 2 cm field
        List<Event> interleaved = List.of(new Event.Pulse("p", Math.PI / 2, 0), new Event.Gradient(0, g),
                new Event.Gradient(1, g), new Event.Gradient(0, -g), new Event.Gradient(1, -g), new Event.Acquire());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Propagator.run(c, interleaved, ctx, null));
        assertTrue(e.getMessage().contains("interleave"), e.getMessage());
        List<Event> contiguous = new ArrayList<>(List.of(new Event.Pulse("p", Math.PI / 2, 0),
                new Event.Gradient(0, g), new Event.Gradient(0, -g), new Event.Gradient(1, g),
                new Event.Gradient(1, -g), new Event.Acquire()));
        LineList l = Propagator.run(c, contiguous, ctx, null);
        assertEquals(1, l.size());
        assertEquals(1, Math.hypot(l.amplitudeRe()[0], l.amplitudeIm()[0]), 1e-12);
        // One unrefocused x gradient: the signal is the cell average |(1/N)·Σ_j e^{i2π·g·x_j}|, x_j the cell centres.
        List<Event> dephased = List.of(new Event.Pulse("p", Math.PI / 2, 0), new Event.Gradient(0, g),
                new Event.Acquire());
        LineList d = Propagator.run(c, dephased, ctx, null);
        double re = 0;
        double im = 0;
        int cells = 16;
        for (int j = 0; j < cells; j++) {
            double x = (j + 0.5) * 0.02 / cells - 0.01;
            re += Math.cos(2 * Math.PI * g * x) / cells;
            im += Math.sin(2 * Math.PI * g * x) / cells;
        }
        assertTrue(Math.hypot(re, im) < 0.9, "the check has teeth");
        assertEquals(1, d.size());
        assertEquals(Math.hypot(re, im), Math.hypot(d.amplitudeRe()[0], d.amplitudeIm()[0]), 1e-12);
    }
}
