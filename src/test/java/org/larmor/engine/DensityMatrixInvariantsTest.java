package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unitary evolution keeps ρ Hermitian, its trace and Tr(ρ²); checked after every event of whole sequences on a
 * strongly coupled system (GABA-like six spins), with coherence filters and crushers removed (both are
 * projections onto pathways, not unitary steps).
 */
class DensityMatrixInvariantsTest {
    static SpinSystem gabaLike() {
        return SpinSystem.of("g", List.of(Spin.proton("A1", 2.284), Spin.proton("A2", 2.284), Spin.proton("B1", 1.888),
                        Spin.proton("B2", 1.888), Spin.proton("C1", 3.013), Spin.proton("C2", 3.013)),
                List.of(new Coupling("A1", "A2", -15.9), new Coupling("A1", "B1", 7.7), new Coupling("A1", "B2", 7.0),
                        new Coupling("A2", "B1", 7.0), new Coupling("A2", "B2", 7.7), new Coupling("B1", "B2", -15.0),
                        new Coupling("B1", "C1", 8.5), new Coupling("B1", "C2", 6.5), new Coupling("B2", "C1", 6.5),
                        new Coupling("B2", "C2", 8.5), new Coupling("C1", "C2", -14.1)));
    }

    @Test
    void wholeSequencesPreserveHermiticityTraceAndNorm() {
        List<Sequence> seqs = List.of(TestSequences.press(2.89, 13, 17), TestSequences.steam(2.89, 20, 10),
                TestSequences.parse("template: mega_press\nb0_t: 2.89\nte1_ms: 17\nte2_ms: 51\n"
                        + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80, flip_deg: 160}\n"
                        + TestSequences.ACQ),
                TestSequences.parse("template: press\nb0_t: 7\nte1_ms: 9\nte2_ms: 11\n"
                        + "excitation: {flip_deg: 77, phase_deg: 33}\nrefocusing: {flip_deg: 151, phase_deg: 12}\n"
                        + TestSequences.ACQ));
        for (Sequence q : seqs) {
            List<Cluster> clusters = Simulator.clusters(gabaLike(), Nucleus.H1, q.hzPerPpm(), 4.65);
            assertEquals(1, clusters.size());
            for (Sequence.Variant v : q.variants()) {
                List<Event> unfiltered = new ArrayList<>(v.events());
                unfiltered.removeIf(e -> e instanceof Event.SelectCoherence || e instanceof Event.Crusher);
                double[] norm0 = {Double.NaN};
                int[] steps = {0};
                Propagator.run(clusters.get(0), unfiltered, q.hzPerPpm(), (e, rho) -> {
                    steps[0]++;
                    assertTrue(rho.hermiticityError() < 1e-12, "Hermitian after " + e);
                    assertEquals(0, rho.traceRe(), 1e-12, "traceless after " + e);
                    if (Double.isNaN(norm0[0])) {
                        norm0[0] = rho.frobeniusNormSquared();
                    }
                    assertEquals(norm0[0], rho.frobeniusNormSquared(), 1e-10 * norm0[0], "Tr(ρ²) after " + e);
                });
                assertEquals(unfiltered.size(), steps[0]);
                // Tr(ρ0²) = Σ_i Tr(Iz_i²) = n·2^n/4 for ρ0 = Σ Iz.
                assertEquals(6 * 64 / 4.0, norm0[0], 1e-9);
            }
        }
    }

    @Test
    void coherenceFilterKeepsOnlyTheSelectedOrder() {
        Sequence q = TestSequences.press(2.89, 13, 17);
        List<Cluster> clusters = Simulator.clusters(gabaLike(), Nucleus.H1, q.hzPerPpm(), 4.65);
        int[] filters = {0};
        double[] kept = {0};
        Propagator.run(clusters.get(0), q.variants().get(0).events(), q.hzPerPpm(), (e, rho) -> {
            if (e instanceof Event.SelectCoherence s) {
                filters[0]++;
                for (int a = 0; a < rho.dim; a++) {
                    for (int b = 0; b < rho.dim; b++) {
                        double x = Math.hypot(rho.re[a * rho.dim + b], rho.im[a * rho.dim + b]);
                        if (rho.space.twiceM[a] - rho.space.twiceM[b] != 2 * s.order()) {
                            assertEquals(0, x);
                        } else {
                            kept[0] += x;
                        }
                    }
                }
            }
        });
        // The checks above run only inside the callback: make sure it ran, on a state that still had signal.
        long expected = q.variants().get(0).events().stream().filter(e -> e instanceof Event.SelectCoherence).count();
        assertTrue(expected >= 3, "PRESS selects a pathway after each pulse: " + expected);
        assertEquals(expected, filters[0], "the callback saw every coherence filter");
        assertTrue(kept[0] > 0.1, "the selected order is not empty: " + kept[0]);
    }

    @Test
    void eigenvectorsAreOrthonormalAndDiagonaliseTheHamiltonian() {
        List<Cluster> clusters = Simulator.clusters(gabaLike(), Nucleus.H1, 42.577478 * 2.89, 4.65);
        SpinSpace space = new SpinSpace(6);
        Eigenbasis eb = new Eigenbasis(space, clusters.get(0));
        for (int k = 0; k < space.blocks(); k++) {
            var v = eb.vectors[k];
            int n = v.numRows;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += v.get(r, a) * v.get(r, b);
                    }
                    assertEquals(a == b ? 1 : 0, dot, 1e-12);
                }
            }
        }
        // Sum of eigenvalues = trace of H = Σ_i Ω_i·Σ_states m_i + … = 0 for a traceless H.
        double sum = 0;
        for (double e : eb.energy) {
            sum += e;
        }
        assertEquals(0, sum, 1e-6);
    }
}
