package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.engine.Simulator;
import org.larmor.signal.LineList;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dual-band pulse as an inversion, read by a 90°: for uncoupled singlets, the read signal of a spin is its
 * longitudinal magnetisation Mz/M0 before the read (the order-0 filter after the inversion removes whatever
 * transverse magnetisation an imperfect inversion leaves). Spins inside either band flip from +1 to −1; a spin
 * between the bands is untouched. The reference condition is the same list with the inversion disabled.
 */
class DualBandInversionTest {
    static final double[] PPM = {1.9, 3.0, 4.56};

    static SpinSystem singlets() {
        return SpinSystem.of("three", List.of(Spin.proton("a", PPM[0]), Spin.proton("b", PPM[1]),
                Spin.proton("c", PPM[2])), List.of());
    }

    static Sequence seq(String inversion) {
        return SequenceReader.parse("inv.yaml", "template: events\nb0_t: 2.89\nparameters: {invert: true}\n"
                + "conditions: {INV: {invert: true}, REF: {invert: false}}\n"
                + "events:\n"
                + "  - pulse: {" + inversion + ", enabled: $invert}\n"
                + "  - select_coherence: {order: 0}\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90}\n"
                + "  - select_coherence: {order: -1}\n"
                + "  - acquire: {}\n"
                + "acquisition: {points: 2048, spectral_width_hz: 4000}\n");
    }

    /** Mz/M0 after the inversion for each spin: Re(A_INV / A_REF) of its line. */
    static double[] mz(Sequence q) {
        Map<String, LineList> l = Simulator.simulate(singlets(), q);
        double[] out = new double[PPM.length];
        for (int s = 0; s < PPM.length; s++) {
            double[] inv = line(l.get("INV"), PPM[s], q);
            double[] ref = line(l.get("REF"), PPM[s], q);
            double n = ref[0] * ref[0] + ref[1] * ref[1];
            assertEquals(1.0, n, 1e-9, "reference: a full 90° read of one proton");
            out[s] = (inv[0] * ref[0] + inv[1] * ref[1]) / n;
        }
        return out;
    }

    static double[] line(LineList l, double ppm, Sequence q) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < l.size(); k++) {
            double p = q.acquisition().referencePpm() - l.frequencyHz()[k] / q.hzPerPpm();
            if (Math.abs(p - ppm) < 0.05) {
                re += l.amplitudeRe()[k];
                im += l.amplitudeIm()[k];
            }
        }
        return new double[] {re, im};
    }

    @Test
    void idealTwoBandPulseInvertsBothBandsExactlyAndLeavesTheSpinBetweenThemAlone() {
        double[] mz = mz(seq("flip_deg: 180, bands: [{center_ppm: 1.9, width_hz: 60},"
                + " {center_ppm: 4.56, width_hz: 60}]"));
        assertEquals(-1, mz[0], 1e-12, "1.9 ppm inverted");
        assertEquals(1, mz[1], 1e-12, "3.0 ppm untouched");
        assertEquals(-1, mz[2], 1e-12, "4.56 ppm inverted");
    }

    @Test
    void shapedDualBandGaussianInvertsBothBandsAndLeavesTheSpinBetweenThemAlone() {
        double[] mz = mz(seq("shape: gaussian, duration_ms: 20, flip_deg: 180, bands_ppm: [1.9, 4.56]"));
        assertTrue(mz[0] < -0.95, "1.9 ppm inverted: Mz/M0 = " + mz[0]);
        assertTrue(mz[2] < -0.95, "4.56 ppm inverted: Mz/M0 = " + mz[2]);
        assertTrue(Math.abs(1 - mz[1]) < 0.05, "3.0 ppm (135 Hz and 192 Hz from the bands) untouched: Mz/M0 = "
                + mz[1]);
    }

    @Test
    void shapedSingleBandGaussianInvertsOnlyItsBand() {
        // Control: the same pulse at one band inverts that band only, so the dual-band result is not a broad pulse.
        double[] mz = mz(seq("shape: gaussian, duration_ms: 20, flip_deg: 180, bands_ppm: [4.56]"));
        assertTrue(mz[2] < -0.95, "4.56 ppm inverted: " + mz[2]);
        assertTrue(mz[0] > 0.95, "1.9 ppm untouched: " + mz[0]);
        assertTrue(mz[1] > 0.95, "3.0 ppm untouched: " + mz[1]);
    }
}
