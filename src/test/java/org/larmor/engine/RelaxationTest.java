package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.spin.Relaxation;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** T2 weights echoes by exp(−TE/T2); STEAM's stored magnetisation also decays by exp(−TM/T1). */
class RelaxationTest {
    static final SpinSystem NAA = SpinSystem.of("NAA", List.of(Spin.protons("CH3", 2.008, 3)), List.of())
            .withRelaxation(new Relaxation(1.4, 0.25, 3, "test values"));

    @Test
    void spinEchoDecaysAsExpMinusTeOverT2() {
        for (double te : new double[] {30, 144, 288}) {
            double s = Simulator.simulate(NAA, TestSequences.spinEcho(3, te), true).get("main").sumAtZero()[0];
            assertEquals(3 * Math.exp(-te * 1e-3 / 0.25), s, 1e-12, "TE " + te);
            double off = Simulator.simulate(NAA, TestSequences.spinEcho(3, te)).get("main").sumAtZero()[0];
            assertEquals(3, off, 1e-12, "off by default");
        }
    }

    @Test
    void steamStoredMagnetisationDecaysWithT1DuringTm() {
        double te = 20e-3;
        double tm = 100e-3;
        double s = Simulator.simulate(NAA, TestSequences.steam(3, 20, 100), true).get("main").sumAtZero()[0];
        assertEquals(1.5 * Math.exp(-te / 0.25) * Math.exp(-tm / 1.4), s, 1e-12);
    }

    @Test
    void relaxationWithoutTimesIsRefused() {
        SpinSystem bare = SpinSystem.of("Cr", List.of(Spin.protons("CH3", 3.027, 3)), List.of());
        InputException e = assertThrows(InputException.class,
                () -> Simulator.simulate(bare, TestSequences.spinEcho(3, 30), true));
        assertEquals(true, e.getMessage().contains("has no relaxation times"));
    }
}
