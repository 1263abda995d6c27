package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sub-experiments of one sequence (editing conditions, J-PRESS increments) resume from the state before the first
 * event in which they differ. Two routes to one answer: each sub-experiment played on a workspace that keeps those
 * states, in turn, and each played from thermal equilibrium on a fresh workspace, must give the same lines, for
 * sequences with shaped slice-selective pulses (segments averaged over space, where resuming is not allowed
 * mid-segment) and crushers (whose pathway pruning looks ahead).
 */
class SubExperimentReuseTest {
    /** A strongly coupled three-spin system (ABX) near the editing band. */
    static SpinSystem abx() {
        return SpinSystem.of("abx", List.of(Spin.proton("A", 1.90), Spin.proton("B", 2.05), Spin.proton("X", 3.00)),
                List.of(new Coupling("A", "B", -15.0), new Coupling("A", "X", 7.3), new Coupling("B", "X", 6.1)));
    }

    static final String SHAPED = "b0_t: 2.89\nvoxel_mm: [20, 20, 20]\ncarrier_ppm: 3.0\n"
            + "spatial: {positions: 6, fov_factor: 1.5}\n"
            + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90}\n"
            + "refocusing: {shape: sinc, lobes: 3, duration_ms: 4, flip_deg: 180}\n"
            + "acquisition: {points: 256, spectral_width_hz: 2000}\n";

    static void assertSameSignal(LineList expected, LineList actual, String what) {
        Fid e = expected.toFid(256, 1.0 / 2000, 0, 0);
        Fid a = actual.toFid(256, 1.0 / 2000, 0, 0);
        double scale = 0;
        for (int k = 0; k < e.points(); k++) {
            scale = Math.max(scale, Math.hypot(e.re()[k], e.im()[k]));
        }
        assertTrue(scale > 1e-3, what + ": signal present");
        for (int k = 0; k < e.points(); k++) {
            assertEquals(e.re()[k], a.re()[k], 1e-10 * scale, what + " re " + k);
            assertEquals(e.im()[k], a.im()[k], 1e-10 * scale, what + " im " + k);
        }
    }

    static void checkReuse(Sequence q, int expectedVariants) {
        assertEquals(expectedVariants, q.variants().size());
        SimulationContext ctx = new SimulationContext(q.hzPerPpm(), q.acquisition().referencePpm(), 1.0,
                q.localisation());
        List<Cluster> clusters = Simulator.clusters(abx(), Nucleus.H1, q.hzPerPpm(), q.acquisition().referencePpm());
        assertEquals(1, clusters.size());
        Propagator.Workspace shared = new Propagator.Workspace(clusters.get(0), ctx, true);
        // Forwards, then backwards: each list resumes from whatever the previous one left.
        for (int pass = 0; pass < 2; pass++) {
            for (int v = 0; v < q.variants().size(); v++) {
                int i = pass == 0 ? v : q.variants().size() - 1 - v;
                List<Event> events = q.variants().get(i).events();
                LineList reused = Propagator.run(shared, events, null);
                LineList fresh = Propagator.run(new Propagator.Workspace(clusters.get(0), ctx), events, null);
                assertSameSignal(fresh, reused, q.variants().get(i).name() + " pass " + pass);
            }
        }
    }

    @Test
    void editingConditionsWithShapedPulsesAndCrushersResumeCorrectly() {
        checkReuse(TestSequences.parse("template: mega_press\nte1_ms: 17\nte2_ms: 51\n"
                + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80, flip_deg: 180}\n"
                + "coherence_selection: crushers\n" + SHAPED), 2);
    }

    @Test
    void jPressIncrementsResumeAtTheIncrementedDelay() {
        checkReuse(TestSequences.parse("template: jpress\nb0_t: 2.89\nte1_ms: 15\nte2_ms: 15\n"
                + "series: {parameter: te2_ms, start_ms: 15, step_ms: 10, count: 3}\n"
                + "acquisition: {points: 256, spectral_width_hz: 2000}\n"), 3);
    }

    @Test
    void aTeSeriesOfShapedPressResumesOnlyAtSegmentBoundaries() {
        checkReuse(TestSequences.parse("template: press\nte1_ms: 20\nte2_ms: 30\n"
                + "series: {parameter: te2_ms, start_ms: 30, step_ms: 12, count: 2}\n"
                + "coherence_selection: crushers\n" + SHAPED), 2);
    }

    @Test
    void aSubExperimentDoesNotResumeFromAStatePrunedForOtherCrushers() {
        // A shared prefix that makes every order up to ±3 (90°, coupling evolution, 70°), a crusher of area 1, a
        // further pulse. A then crushes by 3, which refocuses the triple-quantum pathway (1·3 + 3·(−1) = 0); B
        // acquires at once, so its run keeps only the unwound part and drops the one wound by 3 that A needs: A must
        // not take up B's state although their events agree up to A's last crusher.
        List<Event> prefix = List.of(new Event.Pulse("90", Math.PI / 2, 0), new Event.Delay(0.021),
                new Event.Pulse("70", 1.2, Math.PI / 2), new Event.Delay(0.004), new Event.Crusher(new int[] {1}),
                new Event.Pulse("120", 2.1, 0.3), new Event.Delay(0.003));
        List<Event> a = new java.util.ArrayList<>(prefix);
        a.addAll(List.of(new Event.Crusher(new int[] {3}), new Event.Acquire()));
        List<Event> b = new java.util.ArrayList<>(prefix);
        b.add(new Event.Acquire());
        Cluster c = Simulator.clusters(abx(), Nucleus.H1, 123.0, 4.65).get(0);
        SimulationContext ctx = new SimulationContext(123.0, 4.65, 1.0, null);
        Propagator.Workspace shared = new Propagator.Workspace(c, ctx, true);
        for (List<Event> events : List.of(b, a, b, a)) {
            LineList fresh = Propagator.run(new Propagator.Workspace(c, ctx), events, null);
            assertSameSignal(fresh, Propagator.run(shared, events, null), events == a ? "A" : "B");
        }
    }

    @Test
    void eventListsThePropagatorCannotPlayAreRefused() {
        Cluster c = DensityMatrixOperationsTest.abx();
        SimulationContext ctx = new SimulationContext(123.0, 4.65, 1.0, null);
        assertThrows(IllegalArgumentException.class, () -> Propagator.run(c,
                List.of(new Event.Pulse("x", Math.PI / 2, 0, List.of()), new Event.Delay(1e-3)), ctx, null));
        // A slice-selective event needs the voxel and grid.
        assertThrows(IllegalArgumentException.class, () -> Propagator.run(c,
                List.of(new Event.Gradient(0, 100), new Event.Acquire()), ctx, null));
        // 16 coupled spins: 2^32 complex elements per density matrix, more than any test JVM's heap.
        int n = 16;
        Cluster big = new Cluster(new double[n], new double[n], new double[n][n], 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Propagator.Workspace(big, ctx));
        assertTrue(e.getMessage().contains("16 coupled spins"), e.getMessage());
        // The Zeeman space itself: 1 to 16 spins (16 still indexes as C(16, k) blocks; 0 and 17 are refused).
        assertEquals(12870, new SpinSpace(16).blockSize[8]);
        assertEquals(2, new SpinSpace(1).dim);
        assertThrows(IllegalArgumentException.class, () -> new SpinSpace(0));
        assertThrows(IllegalArgumentException.class, () -> new SpinSpace(17));
    }
}
