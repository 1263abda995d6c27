package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.rf.BlochSimulator;
import org.larmor.rf.Magnetisation;
import org.larmor.rf.PulseAnalysis;
import org.larmor.rf.PulseShape;
import org.larmor.rf.PulseShapes;
import org.larmor.sequence.Event;
import org.larmor.sequence.Localisation;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.ShapedPulses;
import org.larmor.signal.LineList;
import org.larmor.spin.Coupling;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slice selection and spatial averaging against independent Bloch simulation and geometry. */
class SpatialLocalisationTest {
    static final double B0 = 2.89;
    static final double HZ_PER_PPM = 42.577478 * B0;

    static SimulationContext ctx(Localisation loc) {
        return new SimulationContext(HZ_PER_PPM, 4.65, 1.0, loc);
    }

    static Cluster singletAt(double ppm) {
        return Simulator.clusters(SpinSystem.of("s", List.of(Spin.proton("H", ppm)), List.of()), Nucleus.H1,
                HZ_PER_PPM, 4.65).get(0);
    }

    @Test
    void singletSliceProfileEqualsAnIndependentBlochSimulation() {
        PulseShape sinc = PulseShapes.sinc(256, 3, true);
        double t = 2.6e-3;
        double b1 = PulseAnalysis.calibrate(sinc, t, Math.PI / 2).b1MaxHz();
        double g = 60_000;   // Hz/m: a 1.9 kHz-wide sinc selects about 3 cm
        Event.ShapedPulse exc = ShapedPulses.of("excitation", sinc, t, b1, Math.PI / 2, 4.65, 0, g);
        double rephase = -0.5 * g * t;
        List<Event> events = List.of(exc, new Event.Gradient(0, rephase), new Event.SelectCoherence(-1),
                new Event.Acquire());
        BlochSimulator bloch = new BlochSimulator(PulseShapes.sinc(256, 3, true), t);
        Cluster c = singletAt(4.65);
        for (double x = -0.03; x <= 0.03; x += 0.0025) {
            double[] s = Propagator.runAt(c, events, ctx(null), new double[] {x, 0, 0}).sumAtZero();
            // Bloch: phase 90° puts the pulse along +y; offset of the spin from the carrier is γG·x.
            Magnetisation m = blochWithPhase(bloch, b1, g * x, Math.PI / 2);
            double wind = -2 * Math.PI * rephase * x;  // order −1 winds by exp(−i·2π·area·x)
            double er = m.x() * Math.cos(wind) - m.y() * Math.sin(wind);
            double ei = m.x() * Math.sin(wind) + m.y() * Math.cos(wind);
            assertEquals(er, s[0], 1e-6, "Re at x = " + x);
            assertEquals(ei, s[1], 1e-6, "Im at x = " + x);
        }
    }

    /** The rf package simulates phase 0 pulses; a phase φ rotates the result about z by φ. */
    static Magnetisation blochWithPhase(BlochSimulator bloch, double b1, double offsetHz, double phase) {
        Magnetisation m = bloch.rotate(new Magnetisation(0, 0, 1), b1, offsetHz);
        double c = Math.cos(phase);
        double s = Math.sin(phase);
        return new Magnetisation(m.x() * c - m.y() * s, m.x() * s + m.y() * c, m.z());
    }

    @Test
    void veryShortShapedPulsesReproduceIdealPulsesForACoupledSystem() {
        SpinSystem g = DensityMatrixInvariantsTest.gabaLike();
        Sequence ideal = TestSequences.press(B0, 20, 15);
        Sequence hard = TestSequences.parse("template: press\nb0_t: " + B0 + "\nte1_ms: 20\nte2_ms: 15\n"
                + "excitation: {shape: hard, duration_ms: 0.001, flip_deg: 90, phase_deg: 90}\n"
                + "refocusing: {shape: hard, duration_ms: 0.001, flip_deg: 180}\n" + TestSequences.ACQ);
        var a = Simulator.simulate(g, ideal).get("main").toFid(512, 2.5e-4, 0, 0);
        var b = Simulator.simulate(g, hard).get("main").toFid(512, 2.5e-4, 0, 0);
        double worst = 0;
        for (int k = 0; k < 512; k++) {
            worst = Math.max(worst, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
        }
        // 1 µs pulses: phase errors ~ offset × duration ≈ 2π·500 Hz·1 µs ≈ 3e-3 of the pulse's own rotation.
        assertTrue(worst < 5e-3, "max |ΔFID| = " + worst);
    }

    static Sequence pressShaped(String voxel, String extra) {
        return TestSequences.parse("template: press\nb0_t: " + B0 + "\nte1_ms: 16\nte2_ms: 14\n"
                + "voxel_mm: " + voxel + "\ncarrier_ppm: 3.0\n"
                + "excitation: {shape: sinc, lobes: 3, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
                + "refocusing: {shape: sinc, lobes: 2, duration_ms: 4.0, flip_deg: 180}\n" + extra
                + TestSequences.ACQ);
    }

    @Test
    void pressSignalOverAFixedLargeGridIsProportionalToTheVoxelVolume() {
        // The same 60 mm field sampled at 120 positions per axis for every voxel: a 10 mm slice spans 20 positions,
        // a 30 mm slice 60. Larmor reports signal per nominal voxel (weights fov/N/voxel); the raw signal integrated
        // over the grid is that times the volume, and must scale with it.
        SpinSystem cr = SpinSystem.of("cr", List.of(Spin.protons("CH3", 3.0, 3)), List.of());
        double[][] voxels = {{20, 20, 20}, {10, 20, 20}, {20, 15, 30}, {30, 30, 30}};
        double perVolume = Double.NaN;
        for (double[] v : voxels) {
            Sequence q = pressShaped(String.format(java.util.Locale.ROOT, "[%s, %s, %s]", v[0], v[1], v[2]),
                    "spatial: {positions: 120}\n");
            Sequence fixed = withFov(q, 0.060);
            double normalised = Simulator.simulate(cr, fixed).get("main").sumAtZero()[0];
            double volume = v[0] * v[1] * v[2];
            double raw = normalised * volume;
            if (Double.isNaN(perVolume)) {
                perVolume = raw / volume;
                assertTrue(perVolume > 2.4 && perVolume < 3.3, "most of the 3 protons inside the voxel: " + perVolume);
            }
            assertEquals(perVolume * volume, raw, 0.01 * perVolume * volume, "voxel " + java.util.Arrays.toString(v));
        }
    }

    /** The same sequence with a 60 mm field of view on every axis, whatever its voxel. */
    static Sequence withFov(Sequence q, double fovM) {
        Localisation l = q.localisation();
        Localisation fixed = new Localisation(l.voxelM(), new double[] {fovM, fovM, fovM}, l.positions(), l.full3d());
        return q.withLocalisation(fixed);
    }

    @Test
    void chemicalShiftDisplacementEqualsShiftOverBandwidthTimesThickness() {
        PulseShape sinc = PulseShapes.sinc(256, 3, true);
        double t = 2.6e-3;
        double b1 = PulseAnalysis.calibrate(sinc, t, Math.PI / 2).b1MaxHz();
        double bw = PulseAnalysis.bandwidthHz(sinc, t, b1, org.larmor.rf.ProfileKind.EXCITATION);
        double thickness = 0.02;
        double g = bw / thickness;
        Event.ShapedPulse exc = ShapedPulses.of("excitation", sinc, t, b1, Math.PI / 2, 3.0, 0, g);
        List<Event> events = List.of(exc, new Event.Gradient(0, -0.5 * g * t), new Event.SelectCoherence(-1),
                new Event.Acquire());
        double atCarrier = centroid(singletAt(3.0), events);
        for (double ppm : new double[] {2.0, 3.9}) {
            double expected = -(ppm - 3.0) * HZ_PER_PPM / bw * thickness;
            assertEquals(expected, centroid(singletAt(ppm), events) - atCarrier, 0.01 * Math.abs(expected),
                    "displacement of a singlet at " + ppm + " ppm");
        }
    }

    /** Centre of the |signal| slice profile along x. */
    static double centroid(Cluster c, List<Event> events) {
        double sw = 0;
        double sx = 0;
        for (int j = 0; j < 400; j++) {
            double x = -0.04 + j * 0.0002;
            double[] s = Propagator.runAt(c, events, ctx(null), new double[] {x, 0, 0}).sumAtZero();
            double w = Math.hypot(s[0], s[1]);
            sw += w;
            sx += w * x;
        }
        return sx / sw;
    }

    @Test
    void projectionEqualsTheFull3dGrid() {
        SpinSystem abx = SpinSystem.of("abx", List.of(Spin.proton("A", 3.9), Spin.proton("B", 3.7),
                Spin.proton("X", 2.6)), List.of(new Coupling("A", "B", -14), new Coupling("A", "X", 6),
                new Coupling("B", "X", 9)));
        Sequence proj = pressShaped("[20, 20, 20]", "spatial: {positions: [7, 6, 5], fov_factor: 2}\n");
        Sequence grid = pressShaped("[20, 20, 20]", "spatial: {positions: [7, 6, 5], fov_factor: 2, method: full_3d}\n");
        LineList a = Simulator.simulate(abx, proj).get("main");
        LineList b = Simulator.simulate(abx, grid).get("main");
        var fa = a.toFid(256, 2.5e-4, 0, 0);
        var fb = b.toFid(256, 2.5e-4, 0, 0);
        double scale = Math.hypot(fa.re()[0], fa.im()[0]);
        assertTrue(scale > 0.1);
        for (int k = 0; k < 256; k++) {
            assertEquals(fb.re()[k], fa.re()[k], 1e-6 * scale);
            assertEquals(fb.im()[k], fa.im()[k], 1e-6 * scale);
        }
    }

    @Test
    void semiLaserIsInsensitiveToB1AboveTheAdiabaticThreshold() {
        SpinSystem cr = SpinSystem.of("cr", List.of(Spin.protons("CH3", 3.027, 3)), List.of());
        PulseShape hs = PulseShapes.hyperbolicSecant(256, 1, 10, 5.3);
        double threshold = PulseAnalysis.adiabaticThresholdHz(hs, 4.5e-3).orElseThrow();
        double[] s = new double[2];
        double[] factors = {1.2, 2.0};
        for (int k = 0; k < 2; k++) {
            Sequence q = TestSequences.parse("template: semi_laser\nb0_t: " + B0 + "\nte_ms: 40\n"
                    + "voxel_mm: [20, 20, 20]\ncarrier_ppm: 3.0\nspatial: {positions: 32, fov_factor: 2.5}\n"
                    + "excitation: {shape: sinc, lobes: 3, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
                    + "refocusing: {shape: hs, n: 1, r: 10, duration_ms: 4.5, flip_deg: 180, b1_max_hz: "
                    + threshold * factors[k] + "}\n" + TestSequences.ACQ);
            s[k] = Simulator.simulate(cr, q).get("main").sumAtZero()[0];
        }
        assertTrue(s[0] > 2.0, "signal survives: " + s[0]);
        assertEquals(s[0], s[1], 0.02 * s[0], "B1 1.2× vs 2× threshold");
    }
}
