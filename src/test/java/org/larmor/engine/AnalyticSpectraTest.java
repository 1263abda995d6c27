package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulse-acquire spectra against their closed-form solutions. */
class AnalyticSpectraTest {
    static final double B0 = 2.89;
    static final double F0 = 42.577478 * B0; // Hz per ppm

    static LineList lines(SpinSystem s, Sequence q) {
        return Simulator.simulate(s, q).get("main");
    }

    @Test
    void singletSitsAtItsShiftWithAmplitudeEqualToProtonCount() {
        SpinSystem naa = SpinSystem.of("s", List.of(Spin.protons("CH3", 2.01, 3)), List.of());
        LineList l = lines(naa, TestSequences.pulseAcquire(B0));
        assertEquals(1, l.size());
        assertEquals((4.65 - 2.01) * F0, l.frequencyHz()[0], 1e-6);
        assertEquals(3.0, l.amplitudeRe()[0], 1e-12, "90° pulse-acquire: amplitude = number of protons");
        assertEquals(0.0, l.amplitudeIm()[0], 1e-12, "absorption phase");
    }

    @Test
    void onDiskSignPutsA201PpmSingletAtPositiveFrequencyInTheForwardFft() {
        SpinSystem s = SpinSystem.of("s", List.of(Spin.proton("H", 2.01)), List.of());
        Sequence q = TestSequences.pulseAcquire(B0);
        Fid fid = lines(s, q).toFid(4096, q.acquisition().dwellS(), 2, 0);
        double[][] spec = Fourier.forward(fid.re(), fid.im());
        int peak = 0;
        for (int k = 0; k < 4096; k++) {
            if (spec[0][k] > spec[0][peak]) {
                peak = k;
            }
        }
        double f = Fourier.binFrequencyHz(peak, 4096, q.acquisition().dwellS());
        assertEquals((4.65 - 2.01) * F0, f, 4000.0 / 4096, "peak within one bin of +(4.65 − 2.01)·f0");
        assertTrue(f > 0);
    }

    @Test
    void axDoubletIsSplitByJWithEqualHalves() {
        double j = 7.0;
        SpinSystem ax = SpinSystem.of("ax", List.of(Spin.proton("A", 4.0), Spin.proton("X", 1.0)),
                List.of(new Coupling("A", "X", j)));
        LineList l = lines(ax, TestSequences.pulseAcquire(11.7));
        double f0 = 42.577478 * 11.7;
        double[] a = linesNear(l, (4.65 - 4.0) * f0, 20);
        assertEquals(2, a.length / 2);
        // Weak-coupling limit: doublet at ν_A ± J/2, each half of one proton (roof effect ~ J/Δν ≈ 0.004 here).
        assertEquals(j, Math.abs(a[2] - a[0]), 1e-3);
        assertEquals(1.0, a[1] + a[3], 1e-12, "the doublet holds one proton");
        assertEquals(0.5, a[1], 0.01);
    }

    @Test
    void abQuartetMatchesTheAnalyticLinePositionsAndRoofEffect() {
        // Strongly coupled AB: Δν = 10 Hz, J = 8 Hz. D = sqrt(Δν² + J²); lines at ν0 ± (D ± J)/2,
        // inner lines (1 + J/D)/2, outer lines (1 − J/D)/2 (Levitt, Spin Dynamics §14.4; Abraham & Bernstein 1959).
        double j = 8.0;
        double dNuHz = 10.0;
        double dPpm = dNuHz / F0;
        SpinSystem ab = SpinSystem.of("ab", List.of(Spin.proton("A", 3.0 + dPpm / 2), Spin.proton("B", 3.0 - dPpm / 2)),
                List.of(new Coupling("A", "B", j)));
        LineList l = lines(ab, TestSequences.pulseAcquire(B0));
        assertEquals(4, l.size());
        double nu0 = (4.65 - 3.0) * F0;
        double d = Math.hypot(dNuHz, j);
        double[] expectF = {nu0 - (d + j) / 2, nu0 - (d - j) / 2, nu0 + (d - j) / 2, nu0 + (d + j) / 2};
        double[] expectA = {(1 - j / d) / 2, (1 + j / d) / 2, (1 + j / d) / 2, (1 - j / d) / 2};
        for (int k = 0; k < 4; k++) {
            assertEquals(expectF[k], l.frequencyHz()[k], 1e-6, "line " + k + " position");
            assertEquals(expectA[k], l.amplitudeRe()[k], 1e-10, "line " + k + " intensity");
            assertEquals(0, l.amplitudeIm()[k], 1e-10);
        }
    }

    @Test
    void equivalentGroupGivesTheSameSpectrumWrittenOutOrCompact() {
        // Lactate-like A3X: compact (count 3) against three separate methyl spins with equal couplings.
        SpinSystem compact = SpinSystem.of("c", List.of(Spin.proton("X", 4.1), Spin.protons("A", 1.31, 3)),
                List.of(new Coupling("X", "A", 6.9)));
        SpinSystem explicit = SpinSystem.of("e", List.of(Spin.proton("X", 4.1), Spin.proton("A1", 1.31),
                Spin.proton("A2", 1.31), Spin.proton("A3", 1.31)), List.of(new Coupling("X", "A1", 6.9),
                new Coupling("X", "A2", 6.9), new Coupling("X", "A3", 6.9),
                new Coupling("A1", "A2", -12.5), new Coupling("A1", "A3", -12.5), new Coupling("A2", "A3", -12.5)));
        Sequence q = TestSequences.press(B0, 20, 15);
        Fid a = lines(compact, q).toFid(2048, 2.5e-4, 1, 0);
        Fid b = lines(explicit, q).toFid(2048, 2.5e-4, 1, 0);
        for (int k = 0; k < 2048; k++) {
            assertEquals(a.re()[k], b.re()[k], 1e-9);
            assertEquals(a.im()[k], b.im()[k], 1e-9);
        }
    }

    /** {f0, a0, f1, a1, …} (real amplitudes) of the lines within ±window Hz of centre. */
    static double[] linesNear(LineList l, double centre, double window) {
        double[] out = new double[0];
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(l.frequencyHz()[k] - centre) <= window) {
                out = Arrays.copyOf(out, out.length + 2);
                out[out.length - 2] = l.frequencyHz()[k];
                out[out.length - 1] = l.amplitudeRe()[k];
            }
        }
        return out;
    }

    /** Σ of complex amplitudes of the lines within ±window Hz of centre: the multiplet's signal at t = 0. */
    static double[] multipletAtZero(LineList l, double centre, double window) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < l.size(); k++) {
            if (Math.abs(l.frequencyHz()[k] - centre) <= window) {
                re += l.amplitudeRe()[k];
                im += l.amplitudeIm()[k];
            }
        }
        return new double[] {re, im};
    }
}
