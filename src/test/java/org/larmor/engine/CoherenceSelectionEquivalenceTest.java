package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-step coherence-order filters and ideal crusher pairs select the same coherence-transfer pathway in PRESS,
 * STEAM, semi-LASER and the spin echo: each crusher pair around a refocusing pulse demands p_after = −p_before, and
 * the acquisition sees p = −1, so the pathway through the crushers is unique and is the one the filters keep
 * (STEAM: the TM spoiler keeps p = 0 during TM, zero-quantum coherences included, exactly as the order-0 filter).
 * The two must agree whatever the flip angles, and with non-ideal flips (where the FID of the refocusing pulses,
 * unwanted echoes and, in STEAM, the unrecalled FID exist) selecting nothing must differ.
 */
class CoherenceSelectionEquivalenceTest {
    static final double B0 = 2.89;

    /** An AB pair at 2.89 T: Δν = 0.3 ppm ≈ 37 Hz against J = 12 Hz, strongly coupled. */
    static SpinSystem ab() {
        return SpinSystem.of("ab", List.of(Spin.proton("A", 3.1), Spin.proton("B", 3.4)),
                List.of(new Coupling("A", "B", 12.0)));
    }

    static Fid fid(SpinSystem s, Sequence q) {
        LineList l = Simulator.simulate(s, q).get("main");
        return l.toFid(2048, 1.0 / 4000, 2.0, 0);
    }

    /** max |a − b| over the samples, relative to max |a|. */
    static double relativeDifference(Fid a, Fid b) {
        double max = 0;
        double diff = 0;
        for (int k = 0; k < a.re().length; k++) {
            max = Math.max(max, Math.hypot(a.re()[k], a.im()[k]));
            diff = Math.max(diff, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
        }
        assertTrue(max > 0.1, "a real signal to compare: " + max);
        return diff / max;
    }

    static String yaml(String body, String selection) {
        return "b0_t: " + B0 + "\n" + body + "coherence_selection: " + selection + "\n" + TestSequences.ACQ;
    }

    /** Filters equal crushers to 1e-9 for both systems; with {@code unwanted}, "none" differs by more than 1e-3. */
    static void check(String what, String body, boolean unwanted) {
        for (SpinSystem s : List.of(DensityMatrixInvariantsTest.gabaLike(), ab())) {
            Fid filters = fid(s, TestSequences.parse(yaml(body, "filters")));
            Fid crushers = fid(s, TestSequences.parse(yaml(body, "crushers")));
            double d = relativeDifference(filters, crushers);
            assertTrue(d < 1e-9, what + " on " + s.name() + ": filters vs crushers differ by " + d);
            if (unwanted) {
                double none = relativeDifference(filters, fid(s, TestSequences.parse(yaml(body, "none"))));
                assertTrue(none > 1e-3, what + " on " + s.name() + ": unwanted pathways exist with non-ideal flips,"
                        + " so no selection must differ from filters: " + none);
            }
        }
    }

    @Test
    void pressFiltersAndCrushersKeepTheSamePathway() {
        check("PRESS ideal", "template: press\nte1_ms: 13\nte2_ms: 17\n", false);
        check("PRESS 80/160", "template: press\nte1_ms: 13\nte2_ms: 17\nexcitation: {flip_deg: 80}\n"
                + "refocusing: {flip_deg: 160}\n", true);
    }

    @Test
    void spinEchoFiltersAndCrushersKeepTheSamePathway() {
        check("spin echo ideal", "template: spin_echo\nte_ms: 30\n", false);
        check("spin echo 80/160", "template: spin_echo\nte_ms: 30\nexcitation: {flip_deg: 80}\n"
                + "refocusing: {flip_deg: 160, phase_deg: 20}\n", true);
    }

    @Test
    void steamFiltersAndCrushersKeepTheStimulatedEchoWithItsZeroQuantumTerms() {
        check("STEAM ideal", "template: steam\nte_ms: 20\ntm_ms: 10\n", true);
        check("STEAM 80/80/80", "template: steam\nte_ms: 20\ntm_ms: 10\nexcitation: {flip_deg: 80}\n"
                + "store: {flip_deg: 80}\nrecall: {flip_deg: 80}\n", true);
    }

    @Test
    void steamStimulatedEchoOfASingletIsHalfTheMagnetisation() {
        // Independent check that the kept pathway is the stimulated echo: for a singlet with ideal 90° pulses,
        // +1 → 0 → −1 carries exactly half of M0 (Hahn 1950; Frahm 1987), whatever TE and TM.
        SpinSystem cr = SpinSystem.of("s", List.of(Spin.protons("CH3", 3.03, 3)), List.of());
        for (String sel : List.of("filters", "crushers")) {
            LineList l = Simulator.simulate(cr, TestSequences.parse(yaml("template: steam\nte_ms: 20\ntm_ms: 10\n",
                    sel))).get("main");
            double[] a = l.sumAtZero();
            assertEquals(1.5, Math.hypot(a[0], a[1]), 1e-12, sel + ": |S| = M0/2 = 3/2");
        }
    }

    @Test
    void semiLaserFiltersAndCrushersKeepTheSamePathway() {
        check("sLASER ideal", "template: semi_laser\nte_ms: 40\n", false);
        check("sLASER 80/160", "template: semi_laser\nte_ms: 40\nexcitation: {flip_deg: 80}\n"
                + "refocusing: {flip_deg: 160}\n", true);
        check("sLASER uneven spacing", "template: semi_laser\nte_ms: 40\nspacing_ms: [4, 11, 7, 12, 6]\n"
                + "refocusing: {flip_deg: 150}\n", true);
    }
}
