package org.larmor.rf;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-spin Bloch simulation against closed-form rotations, and the two propagations against each other. */
class BlochSimulatorTest {
    private static final double T = 1e-3;

    /** A rectangular pulse cut into {@code n} equal samples, so that the simulator composes n rotations. */
    static PulseShape rectangular(int n, double phaseRad) {
        double[] a = new double[n];
        double[] p = new double[n];
        Arrays.fill(a, 1);
        Arrays.fill(p, phaseRad);
        return PulseShape.of("rect", "test", a, p);
    }

    @Test
    void hardPulseFlipIsTwoPiTimesB1TimesDuration() {
        for (double flipDeg : new double[] {10, 90, 137, 180}) {
            double flip = Math.toRadians(flipDeg);
            Calibration c = PulseAnalysis.calibrate(PulseShapes.hard(), T, flip);
            assertEquals(flip / (2 * Math.PI * T), c.b1MaxHz(), 1e-9, "θ = 2π·B1·T");
            assertEquals(Calibration.Method.AMPLITUDE_INTEGRAL, c.method());
            Magnetisation m = new BlochSimulator(rectangular(50, 0), T).rotate(Magnetisation.EQUILIBRIUM,
                    c.b1MaxHz(), 0);
            assertEquals(Math.cos(flip), m.z(), 1e-12);
            assertEquals(-Math.sin(flip), m.y(), 1e-12, "phase 0 tips +z towards −y");
            assertEquals(0, m.x(), 1e-12);
        }
    }

    /**
     * A rectangular pulse of B1 (Hz) at offset Δν (Hz above the carrier, Ω = −2π·Δν) is a single rotation by
     * θ = 2π·B_eff·T about n = (B1, 0, −Δν)/B_eff, B_eff = √(B1² + Δν²). Rodrigues' formula applied to +z gives
     * Mx = n_x·n_z·(1 − cos θ), My = −n_x·sin θ, Mz = 1 − 2·n_x²·sin²(θ/2) (the Rabi formula).
     */
    @Test
    void hardNinetyProfileFollowsTheRabiFormula() {
        double b1 = 1 / (4 * T); // 90°
        BlochSimulator sim = new BlochSimulator(rectangular(200, 0), T);
        for (double nu : new double[] {0, 37, 100, 250, 500, 1000, -700, 3333}) {
            double beff = Math.hypot(b1, nu);
            double nx = b1 / beff;
            double nz = -nu / beff;
            double theta = 2 * Math.PI * beff * T;
            Magnetisation m = sim.rotate(Magnetisation.EQUILIBRIUM, b1, nu);
            assertEquals(nx * nz * (1 - Math.cos(theta)), m.x(), 1e-12, "Mx at " + nu + " Hz");
            assertEquals(-nx * Math.sin(theta), m.y(), 1e-12, "My at " + nu + " Hz");
            assertEquals(1 - 2 * nx * nx * Math.pow(Math.sin(theta / 2), 2), m.z(), 1e-12, "Mz at " + nu + " Hz");
            Magnetisation ck = sim.cayleyKlein(b1, nu).apply(Magnetisation.EQUILIBRIUM);
            assertEquals(m.x(), ck.x(), 1e-12);
            assertEquals(m.y(), ck.y(), 1e-12);
            assertEquals(m.z(), ck.z(), 1e-12);
        }
    }

    @Test
    void phaseZeroExcitesAlongMinusYAndPhaseNinetyAlongPlusX() {
        double b1 = 1 / (4 * T);
        Magnetisation x = new BlochSimulator(PulseShapes.hard(0), T).rotate(Magnetisation.EQUILIBRIUM, b1, 0);
        Magnetisation y = new BlochSimulator(PulseShapes.hard(Math.PI / 2), T).rotate(Magnetisation.EQUILIBRIUM,
                b1, 0);
        assertEquals(-1, x.y(), 1e-12);
        assertEquals(0, x.x(), 1e-12);
        assertEquals(1, y.x(), 1e-12);
        assertEquals(0, y.y(), 1e-12);
        Complex e = new BlochSimulator(PulseShapes.hard(Math.PI / 2), T).cayleyKlein(b1, 0).excitation();
        assertEquals(1, e.getReal(), 1e-12, "2α*β = Mx + i·My");
        assertEquals(0, e.getImaginary(), 1e-12);
    }

    /**
     * Free precession above the carrier turns transverse magnetisation clockwise seen from +z: the engine's
     * physical sign, Ω = −2π·Δν for γ &gt; 0 (docs/conventions.md). A short strong 90° pulse (phase 0, to −y)
     * followed by a quarter cycle of precession at +Δν leaves M along −x; at −Δν, along +x.
     */
    @Test
    void precessionAboveTheCarrierTurnsMinusYTowardsMinusX() {
        double pulse = 1e-6;
        double delay = 1e-3;
        double nu = 1 / (4 * delay); // quarter cycle in the delay
        PulseShape s = new PulseShape("90-delay", "test", new double[] {1, 0}, new double[] {0, 0},
                new double[] {pulse, delay}, null, Map.of());
        double b1 = 1 / (4 * pulse);
        BlochSimulator sim = new BlochSimulator(s, pulse + delay);
        Magnetisation above = sim.rotate(Magnetisation.EQUILIBRIUM, b1, nu);
        assertEquals(-1, above.x(), 1e-3);
        assertEquals(0, above.y(), 1e-3);
        Magnetisation below = sim.rotate(Magnetisation.EQUILIBRIUM, b1, -nu);
        assertEquals(1, below.x(), 1e-3);
    }

    @Test
    void cayleyKleinAgreesWithRotationMatricesToRoundOff() {
        Random rnd = new Random(20240601);
        int n = 300;
        double[] a = new double[n];
        double[] p = new double[n];
        double[] w = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = rnd.nextDouble();
            p[k] = 2 * Math.PI * rnd.nextDouble();
            w[k] = 0.5 + rnd.nextDouble();
            g[k] = 2 * rnd.nextDouble() - 1;
        }
        PulseShape plain = PulseShape.normalised("random", "test", a, p, w, null, Map.of());
        PulseShape graded = PulseShape.normalised("random-gradient", "test", a, p, w, g, Map.of());
        for (PulseShape s : new PulseShape[] {plain, graded}) {
            BlochSimulator sim = new BlochSimulator(s, 4e-3);
            for (int trial = 0; trial < 20; trial++) {
                double b1 = 2000 * rnd.nextDouble();
                double nu = 4000 * (rnd.nextDouble() - 0.5);
                double th = Math.PI * rnd.nextDouble();
                double ph = 2 * Math.PI * rnd.nextDouble();
                Magnetisation m0 = new Magnetisation(Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph),
                        Math.cos(th));
                Magnetisation direct = sim.rotate(m0, b1, nu);
                CayleyKlein ck = sim.cayleyKlein(b1, nu);
                Magnetisation spinor = ck.apply(m0);
                assertEquals(direct.x(), spinor.x(), 1e-12);
                assertEquals(direct.y(), spinor.y(), 1e-12);
                assertEquals(direct.z(), spinor.z(), 1e-12);
                assertEquals(1, ck.alpha().abs() * ck.alpha().abs() + ck.betaNormSquared(), 1e-12, "|α|²+|β|² = 1");
                // The named profiles from (α, β), against the directly rotated magnetisation.
                Magnetisation fromZ = sim.rotate(Magnetisation.EQUILIBRIUM, b1, nu);
                assertEquals(fromZ.x(), ck.excitation().getReal(), 1e-12);
                assertEquals(fromZ.y(), ck.excitation().getImaginary(), 1e-12);
                assertEquals(fromZ.z(), ck.inversionMz(), 1e-12);
                // Spin echo: Mxy' = (α*)²·Mxy − β²·Mxy*; for Mxy = 1 and Mxy = i the −β² part is (M1 + i·M2)/2.
                Magnetisation mx = sim.rotate(new Magnetisation(1, 0, 0), b1, nu);
                Magnetisation my = sim.rotate(new Magnetisation(0, 1, 0), b1, nu);
                Complex echo = new Complex(mx.x(), mx.y()).add(new Complex(my.x(), my.y()).multiply(Complex.I))
                        .divide(2);
                assertEquals(echo.getReal(), ck.refocusing().getReal(), 1e-12);
                assertEquals(echo.getImaginary(), ck.refocusing().getImaginary(), 1e-12);
            }
        }
    }

    @Test
    void composedCayleyKleinEqualsOneRotationAboutTheSameAxis() {
        CayleyKlein half = CayleyKlein.rotation(1, 2, 3, 0.7);
        CayleyKlein whole = CayleyKlein.rotation(1, 2, 3, 1.4);
        CayleyKlein twice = half.then(half);
        assertEquals(whole.alpha().getReal(), twice.alpha().getReal(), 1e-14);
        assertEquals(whole.alpha().getImaginary(), twice.alpha().getImaginary(), 1e-14);
        assertEquals(whole.beta().getReal(), twice.beta().getReal(), 1e-14);
        assertEquals(whole.beta().getImaginary(), twice.beta().getImaginary(), 1e-14);
    }

    @Test
    void idealRefocusingPulseConjugatesOrMirrorsTransverseMagnetisation() {
        // 180° about x: (Mx, My) → (Mx, −My), i.e. Mxy' = Mxy*, so −β² = 1; about y: −β² = −1.
        double b1 = 1 / (2 * T);
        CayleyKlein x = new BlochSimulator(PulseShapes.hard(0), T).cayleyKlein(b1, 0);
        CayleyKlein y = new BlochSimulator(PulseShapes.hard(Math.PI / 2), T).cayleyKlein(b1, 0);
        assertEquals(1, x.refocusing().getReal(), 1e-12);
        assertEquals(-1, y.refocusing().getReal(), 1e-12);
        assertEquals(1, x.betaNormSquared(), 1e-12);
        assertTrue(x.inversionMz() < -1 + 1e-12);
    }
}
