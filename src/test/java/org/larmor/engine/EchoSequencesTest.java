package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larmor.engine.AnalyticSpectraTest.multipletAtZero;

/** Echo sequences with ideal pulses against the product-operator results for weakly coupled spins. */
class EchoSequencesTest {
    static final double B0 = 7.0;
    static final double HZ_PER_PPM = 42.577478 * B0;

    static LineList lines(SpinSystem s, Sequence q) {
        return Simulator.simulate(s, q).get("main");
    }

    static SpinSystem ax(double j) {
        return SpinSystem.of("ax", List.of(Spin.proton("A", 4.0), Spin.proton("X", 1.0)),
                List.of(new Coupling("A", "X", j)));
    }

    @Test
    void spinEchoOfAnAxPairIsModulatedAsCosPiJTe() {
        double j = 7.0;
        for (double teMs : new double[] {10, 40, 71.4, 100, 144, 200}) {
            LineList l = lines(ax(j), TestSequences.spinEcho(B0, teMs));
            double[] a = multipletAtZero(l, (4.65 - 4.0) * HZ_PER_PPM, 30);
            // At 7 T, ε = J/Δν = 7/894: weak coupling. The residual strong-coupling coherence transfer is O(ε)
            // and oscillates with Δν·TE; the exact strongly coupled result is checked in ReferenceSimulationTest.
            double eps = j / (3.0 * HZ_PER_PPM);
            assertEquals(Math.cos(Math.PI * j * teMs * 1e-3), a[0], eps, "TE " + teMs + " ms");
            assertEquals(0, a[1], eps, "TE " + teMs + " ms: no dispersive part at the echo top");
        }
    }

    @Test
    void singletEchoHasFullAmplitudeWhateverTheTe() {
        SpinSystem cr = SpinSystem.of("cr", List.of(Spin.protons("CH3", 3.027, 3)), List.of());
        for (double teMs : new double[] {5, 30, 144, 288}) {
            double[] a = lines(cr, TestSequences.spinEcho(B0, teMs)).sumAtZero();
            assertEquals(3.0, a[0], 1e-12);
            double[] p = lines(cr, TestSequences.press(B0, teMs / 3, 2 * teMs / 3)).sumAtZero();
            assertEquals(3.0, p[0], 1e-12, "PRESS refocuses a singlet fully");
            assertEquals(0.0, p[1], 1e-12);
        }
    }

    @Test
    void lactateMethylDoubletInvertsAtEchoTimeOneOverJ() {
        SpinSystem lac = SpinSystem.of("lac", List.of(Spin.proton("H2", 4.0974), Spin.protons("H3", 1.3142, 3)),
                List.of(new Coupling("H2", "H3", 6.933)));
        double b0 = 2.89;
        double hzPerPpm = 42.577478 * b0;
        double centre = (4.65 - 1.3142) * hzPerPpm;
        double[] te144 = multipletAtZero(lines(lac, TestSequences.press(b0, 16, 128)), centre, 20);
        double[] te288 = multipletAtZero(lines(lac, TestSequences.press(b0, 16, 272)), centre, 20);
        // Weak-coupling product operators: 3·cos(πJ·TE); J/Δν = 0.017 at 3 T, so allow 2 %.
        assertEquals(3 * Math.cos(Math.PI * 6.933 * 0.144), te144[0], 0.06);
        assertEquals(-3.0, te144[0], 0.06, "inverted at TE = 144 ms ≈ 1/J");
        assertEquals(3.0, te288[0], 0.06, "upright again at TE = 288 ms ≈ 2/J");
    }

    @Test
    void steamKeepsHalfTheSpinEchoSignal() {
        SpinSystem naa = SpinSystem.of("naa", List.of(Spin.protons("CH3", 2.008, 3)), List.of());
        for (double teMs : new double[] {6, 20, 30}) {
            double echo = lines(naa, TestSequences.spinEcho(B0, teMs)).sumAtZero()[0];
            double[] steam = lines(naa, TestSequences.steam(B0, teMs, 10)).sumAtZero();
            assertEquals(echo / 2, steam[0], 1e-12, "stimulated echo = ½ spin echo, TE " + teMs + " ms");
            assertEquals(0, steam[1], 1e-12);
        }
    }

    @Test
    void steamOfAnAxPairAveragedOverOneZeroQuantumPeriodKeepsHalfTheCosPiJTeModulation() {
        // Product operators (weak coupling): in-phase Ix·cos(πJ·TE/2) is stored as Iz and recalled, then modulated by
        // cos(πJ·TE/2) again, giving ½·cos²(πJ·TE/2) (which is why lactate does not invert in STEAM). The antiphase
        // part becomes zero-quantum coherence that survives the TM filter, oscillates at Δν during TM with an
        // amplitude ∝ sin²(πJ·TE/2), and cancels in an average over 16 TMs spanning one period 1/Δν.
        double j = 7.0;
        double dNu = 3.0 * HZ_PER_PPM;
        double eps = j / dNu;
        for (double teMs : new double[] {20, 50, 100, 2000 / j}) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 16; k++) {
                double tmMs = 30 + 1e3 * k / (16 * dNu);
                double a = multipletAtZero(lines(ax(j), TestSequences.steam(B0, teMs, tmMs)),
                        (4.65 - 4.0) * HZ_PER_PPM, 30)[0];
                min = Math.min(min, a);
                max = Math.max(max, a);
                sum += a / 16;
            }
            double half = Math.cos(Math.PI * j * teMs * 1e-3 / 2);
            assertEquals(0.5 * half * half, sum, eps, "TE " + teMs);
            double sin2 = 1 - half * half;
            if (sin2 > 0.5) {
                assertTrue(max - min > 0.01, "ZQ modulation over TM appears when sin(πJ·TE/2) ≠ 0, TE " + teMs);
            } else if (sin2 < 0.02) {
                assertTrue(max - min < 1e-3, "no ZQ modulation when sin(πJ·TE/2) = 0");
            }
        }
    }
}
