package org.larmor.basis;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A basis simulated at a few B1 scales and interpolated: at scales between the nodes it agrees with a direct
 * simulation within its stated error, and the stated error is not absurdly loose.
 */
class B1InterpolatedTest {
    static final SpinLibrary LIB = SpinLibrary.load(Path.of("spin-systems"));

    static double[] range(double from, double to, int k) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = from + (to - from) * i / (k - 1);
        }
        return s;
    }

    /** Max over metabolites of ‖interpolated − direct‖ / max_k ‖FID(s_k)‖ at scale s. */
    static double actual(B1Interpolated b, List<SpinSystem> systems, Sequence seq, double s) {
        List<Fid> got = b.at(s);
        BasisSet direct = BasisSimulator.simulate(systems, seq.withB1Scale(s), false, (BasisSimulator.Progress) null);
        double worst = 0;
        for (int j = 0; j < systems.size(); j++) {
            Fid[] nodes = new Fid[b.scales().length];
            for (int k = 0; k < nodes.length; k++) {
                nodes[k] = b.node(k).spectra().get(j).fids().get("main");
            }
            worst = Math.max(worst, B1Interpolated.relativeError(got.get(j), direct.spectra().get(j).fids().get("main"),
                    nodes));
        }
        return worst;
    }

    void agreesWithinTheStatedError(List<SpinSystem> systems, Sequence seq, double[] scales, double[] probes) {
        B1Interpolated b = B1Interpolated.simulate(systems, seq, scales, false);
        double stated = b.statedErrorRelative();
        double max = 0;
        for (double s : probes) {
            double e = actual(b, systems, seq, s);
            assertTrue(e <= stated, "at B1 scale " + s + ": actual " + e + " > stated " + stated);
            max = Math.max(max, e);
        }
        assertTrue(stated > 0 && stated < 0.05, "a useful error: " + stated);
        assertTrue(stated <= 10 * max, "stated " + stated + " within 10x of the largest actual " + max);
        // at a node the interpolant is the node
        assertEquals(0, actual(b, systems, seq, scales[2]), 1e-12);
    }

    @Test
    void lactateAndGabaUnderIdealPressInterpolateWithinTheirStatedError() {
        Sequence seq = B1DistributionTest.press("");
        List<SpinSystem> systems = List.of(LIB.find("Lac").orElseThrow(), LIB.find("GABA").orElseThrow());
        agreesWithinTheStatedError(systems, seq, range(0.6, 1.4, 9), range(0.6, 1.4, 81));
    }

    @Test
    void lactateUnderPressWithShapedRefocusingInterpolatesWithinItsStatedError() {
        Sequence seq = B1DistributionTest.parse("template: press\nb0_t: 3\nte1_ms: 13\nte2_ms: 17\n"
                + B1DistributionTest.ACQ
                + "refocusing: {shape: sinc, lobes: 3, duration_ms: 3, flip_deg: 180}\n");
        agreesWithinTheStatedError(List.of(LIB.find("Lac").orElseThrow()), seq, range(0.7, 1.3, 7),
                range(0.7, 1.3, 25));
    }

    @Test
    void outOfRangeAndTooFewScalesAreRefused() {
        Sequence seq = B1DistributionTest.pulseAcquire("");
        List<SpinSystem> one = List.of(LIB.find("Cr").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> B1Interpolated.simulate(one, seq,
                new double[] {0.8, 1.0, 1.2}, false));
        assertThrows(IllegalArgumentException.class, () -> B1Interpolated.simulate(one, seq,
                new double[] {0.8, 1.0, 0.9, 1.2}, false));
        B1Interpolated b = B1Interpolated.simulate(one, seq, range(0.8, 1.2, 5), false);
        assertThrows(IllegalArgumentException.class, () -> b.at(1.25));
        assertEquals(List.of("Cr"), b.metabolites());
    }
}
