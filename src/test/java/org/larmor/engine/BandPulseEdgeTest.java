package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An ideal band pulse rotates exactly the spins within width/2 of its centre and no other: a band 90° excitation
 * followed by the −1 pathway gives one proton's full signal for a singlet just inside either edge (and at the
 * centre) and nothing for one just outside. The expected values come from the band's definition written out
 * here (|δ − centre|·f0 ≤ W/2), not from {@code Event.Band}.
 */
class BandPulseEdgeTest {
    static final double CENTRE = 2.0;
    static final double WIDTH_HZ = 40;
    static final double MARGIN_HZ = 0.05;

    @Test
    void bandPulseExcitesSpinsInsideItsEdgesAndNoneOutside() {
        Sequence q = TestSequences.parse("template: events\nb0_t: 2.89\nevents:\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90, band: {center_ppm: " + CENTRE + ", width_hz: " + WIDTH_HZ
                + "}}\n  - select_coherence: {order: -1}\n  - acquire: {}\n" + TestSequences.ACQ);
        double f0 = q.hzPerPpm();
        double half = WIDTH_HZ / 2;
        // offset from the centre in Hz → expected signal (protons)
        double[][] cases = {{0, 1}, {half - MARGIN_HZ, 1}, {-(half - MARGIN_HZ), 1}, {half + MARGIN_HZ, 0},
                {-(half + MARGIN_HZ), 0}, {3 * half, 0}, {-5 * half, 0}};
        for (double[] c : cases) {
            double ppm = CENTRE + c[0] / f0;
            SpinSystem s = SpinSystem.of("one", List.of(Spin.proton("a", ppm)), List.of());
            LineList l = Simulator.simulate(s, q).get("main");
            double[] z = l.sumAtZero();
            assertEquals(c[1], Math.hypot(z[0], z[1]), 1e-9, "singlet " + c[0] + " Hz from the band centre");
        }
    }

    @Test
    void bandPulseActsOnlyOnTheSpinsInsideWithinOneCoupledSystem() {
        // Two uncoupled groups in one system, one just inside the edge and one just outside.
        Sequence q = TestSequences.parse("template: events\nb0_t: 2.89\nevents:\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90, band: {center_ppm: " + CENTRE + ", width_hz: " + WIDTH_HZ
                + "}}\n  - select_coherence: {order: -1}\n  - acquire: {}\n" + TestSequences.ACQ);
        double f0 = q.hzPerPpm();
        double inside = CENTRE - (WIDTH_HZ / 2 - MARGIN_HZ) / f0;
        double outside = CENTRE + (WIDTH_HZ / 2 + MARGIN_HZ) / f0;
        SpinSystem s = SpinSystem.of("two", List.of(Spin.protons("in", inside, 3), Spin.protons("out", outside, 2)),
                List.of());
        LineList l = Simulator.simulate(s, q).get("main");
        List<Double> found = new ArrayList<>();
        double ref = q.acquisition().referencePpm();
        double atInside = 0;
        double atOutside = 0;
        for (int k = 0; k < l.size(); k++) {
            double ppm = ref - l.frequencyHz()[k] / f0;
            double a = Math.hypot(l.amplitudeRe()[k], l.amplitudeIm()[k]);
            found.add(ppm);
            if (Math.abs(ppm - inside) < 1e-9) {
                atInside += a;
            } else if (Math.abs(ppm - outside) < 1e-9) {
                atOutside += a;
            }
        }
        assertEquals(3, atInside, 1e-9, "the 3 protons just inside the edge are excited: " + found);
        assertEquals(0, atOutside, 1e-9, "the 2 protons just outside are not: " + found);
    }
}
