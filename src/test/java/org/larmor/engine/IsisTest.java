package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Localisation;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.Relaxation;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ISIS (Ordidge RJ, Connelly A, Lohman JAB. J Magn Reson 1986;66:283-294) against its physics. Expected values come
 * from geometry (inside an inverted slab Mz = −1, outside +1) and from an independent Bloch integration of the
 * inversion pulse's samples written here, never from the density-matrix engine.
 */
class IsisTest {
    static final double B0 = 2.89;
    /** A 1H singlet on the receiver and the carrier: its only offset is the slice gradient's. */
    static final SpinSystem SINGLET = SpinSystem.of("s", List.of(Spin.proton("H", 4.65)), List.of());

    /** An ISIS of a singlet at 4.65 ppm; the outer volume is 3× the slab along each axis (fov factor 4). */
    static Sequence isis(String axes, String extra) {
        return TestSequences.parse("template: isis\nb0_t: " + B0 + "\naxes: " + axes + "\nvoxel_mm: [20, 20, 20]\n"
                + "spatial: {positions: 128, fov_factor: 4}\n"
                + "inversion: {shape: hs, n: 1, r: 20, duration_ms: 8, flip_deg: 180}\nti_ms: 6\n" + extra
                + TestSequences.ACQ);
    }

    /** Re of a condition's signal at t = 0, or of a combination formed from the sequence's weights. */
    static double signal(Map<String, LineList> lines, String spectrum) {
        return line(lines, spectrum).sumAtZero()[0];
    }

    static Sequence current;

    static LineList line(Map<String, LineList> lines, String spectrum) {
        if (lines.containsKey(spectrum)) {
            return lines.get(spectrum);
        }
        LineList sum = LineList.EMPTY;
        for (Sequence.Combination c : current.combinations()) {
            if (c.name().equals(spectrum)) {
                for (Map.Entry<String, Double> w : c.weights().entrySet()) {
                    sum = sum.plus(lines.get(w.getKey()), w.getValue());
                }
                return sum;
            }
        }
        throw new IllegalArgumentException("no spectrum " + spectrum);
    }

    static Map<String, LineList> simulate(SpinSystem s, Sequence seq, boolean relaxation) {
        current = seq;
        return Simulator.simulate(s, seq, relaxation);
    }

    /**
     * Σ over the grid's positions along one axis of weight·Mz after the inversion (an independent Bloch rotation of
     * the pulse's samples with the spin's offset −γG·x), or of weight·1 when it is off: the axis' factor of a scan.
     */
    static double axisFactor(Event.ShapedPulse inversion, Localisation loc, int axis, boolean on) {
        double sum = 0;
        for (int j = 0; j < loc.positions()[axis]; j++) {
            double mz = on ? blochMz(inversion, -inversion.gradientHzPerM() * loc.position(axis, j)) : 1;
            sum += loc.weight(axis) * mz;
        }
        return sum;
    }

    /** Mz from +z after the pulse, for a spin at {@code offsetHz} from its carrier: dM/dt = Ω × M per sample. */
    static double blochMz(Event.ShapedPulse p, double offsetHz) {
        double mx = 0;
        double my = 0;
        double mz = 1;
        for (int k = 0; k < p.b1Hz().length; k++) {
            double wx = 2 * Math.PI * p.b1Hz()[k] * Math.cos(p.phaseRad()[k]);
            double wy = 2 * Math.PI * p.b1Hz()[k] * Math.sin(p.phaseRad()[k]);
            double wz = 2 * Math.PI * offsetHz;
            double w = Math.sqrt(wx * wx + wy * wy + wz * wz);
            if (w == 0) {
                continue;
            }
            double ux = wx / w;
            double uy = wy / w;
            double uz = wz / w;
            double a = w * p.durationS()[k];
            double c = Math.cos(a);
            double s = Math.sin(a);
            double dot = ux * mx + uy * my + uz * mz;
            // Rodrigues: M' = M cos a + (u × M) sin a + u (u·M)(1 − cos a)
            double nx = mx * c + (uy * mz - uz * my) * s + ux * dot * (1 - c);
            double ny = my * c + (uz * mx - ux * mz) * s + uy * dot * (1 - c);
            double nz = mz * c + (ux * my - uy * mx) * s + uz * dot * (1 - c);
            mx = nx;
            my = ny;
            mz = nz;
        }
        return mz;
    }

    static Event.ShapedPulse inversion(Sequence seq, String condition) {
        return seq.variant(condition, 0).events().stream().filter(e -> e instanceof Event.ShapedPulse)
                .map(e -> (Event.ShapedPulse) e).findFirst().orElseThrow();
    }

    @Test
    void oneDimensionalIsisKeepsTheSlabAndCancelsTheOuterVolume() {
        Sequence seq = isis("[x]", "");
        assertEquals(List.of("none", "x"), seq.conditions());
        Map<String, LineList> lines = simulate(SINGLET, seq, false);
        Localisation loc = seq.localisation();
        // Ideal slab: the "none" scan sees the whole 80 mm (4 slabs), "x" sees −1 inside + 3 outside = 2, and
        // ISIS = (none − x)/2 = 1: the slab alone, a quarter of the sample's signal; the other three quarters cancel.
        double none = signal(lines, "none");
        assertEquals(4, none, 1e-12);
        assertEquals(2, signal(lines, "x"), 0.02);
        assertEquals(1, signal(lines, "ISIS"), 0.01);
        assertEquals(0.25, signal(lines, "ISIS") / none, 0.0025, "slab fraction of the sample's signal");
        // Exactly the Bloch mix of the real HS1 profile, position by position.
        Event.ShapedPulse inv = inversion(seq, "x");
        double x = axisFactor(inv, loc, 0, true);
        assertEquals(x, signal(lines, "x"), 1e-7);
        assertEquals((4 - x) / 2, signal(lines, "ISIS"), 1e-7);
    }

    @Test
    void threeDimensionalIsisRecoversTheVoxelFromTheEightSignPatterns() {
        Sequence seq = isis("[x, y, z]", "");
        assertEquals(List.of("none", "x", "y", "xy", "z", "xz", "yz", "xyz"), seq.conditions());
        assertEquals("DIM_ISIS", seq.conditionDimension());
        Map<String, LineList> lines = simulate(SINGLET, seq, false);
        Localisation loc = seq.localisation();
        Event.ShapedPulse inv = inversion(seq, "xyz");
        double sum = 0;
        for (int scan = 0; scan < 8; scan++) {
            String name = seq.conditions().get(scan);
            double bloch = 1;
            double ideal = 1;
            int on = 0;
            for (int a = 0; a < 3; a++) {
                boolean inverted = name.indexOf("xyz".charAt(a)) >= 0;
                on += inverted ? 1 : 0;
                bloch *= axisFactor(inv, loc, a, inverted);
                // Inside an inverted slab −1 (one slab width), outside +1 (three): 2 per inverted axis, 4 if off.
                ideal *= inverted ? 2 : 4;
            }
            double got = signal(lines, name);
            assertEquals(ideal, got, 0.015 * ideal, name + ": the ±1 mix of inside and outside");
            assertEquals(bloch, got, 1e-7 * 64, name + ": the Bloch mix");
            sum += (on % 2 == 0 ? 1 : -1) * bloch / 8;
        }
        // The signed sum over the sign patterns, independently formed, is the combination the sequence defines...
        assertEquals(sum, signal(lines, "ISIS"), 1e-7 * 64);
        // ...and it is the voxel: 1/64 of the 80 mm cube's signal, the other 63/64 cancelled.
        assertEquals(1, signal(lines, "ISIS"), 0.01);
        assertEquals(1.0 / 64, signal(lines, "ISIS") / signal(lines, "none"), 0.01 / 64);
    }

    @Test
    void theProjectionOfTheOffScansEqualsTheFullGrid() {
        Sequence seq = isis("[x, y, z]", "");
        Localisation l = seq.localisation();
        Sequence projection = seq.withLocalisation(new Localisation(l.voxelM(), l.fovM(), new int[] {10, 12, 14},
                false));
        Sequence full = seq.withLocalisation(new Localisation(l.voxelM(), l.fovM(), new int[] {10, 12, 14}, true));
        Map<String, LineList> a = simulate(SINGLET, projection, false);
        Map<String, LineList> b = simulate(SINGLET, full, false);
        for (String c : a.keySet()) {
            assertEquals(signal(b, c), signal(a, c), 1e-9, c);
        }
    }

    @Test
    void anInversionWithB1FactorZeroIsTheSameAsNoPulseOnTheSameGrid() {
        // The "none" scan of a 1D ISIS against a hand-written list without the pulse: a zero-area gradient keeps x
        // on the grid, a delay takes the pulse's time. ATP is coupled; before the excitation ρ = ρ0 commutes with
        // every Hamiltonian, so the two must agree to rounding.
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        SpinSystem atp = lib.find("ATP").orElseThrow();
        String common = "b0_t: 2.89\nnucleus: 31P\nvoxel_mm: [30, 30, 30]\nspatial: {positions: 40}\n"
                + "acquisition: {points: 2048, spectral_width_hz: 3000}\n";
        Sequence isis = TestSequences.parse("template: isis\naxes: [x]\nti_ms: 7\n"
                + "inversion: {shape: hs, n: 1, r: 20, duration_ms: 10}\n" + common);
        Sequence without = TestSequences.parse("template: events\nte_ms: 0\nevents:\n"
                + "  - gradient: {axis: x, area_cycles_per_m: 0}\n  - delay: {duration_ms: 12}\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90}\n  - select_coherence: {order: -1}\n  - acquire: {}\n"
                + common);
        assertEquals(isis.localisation().positions()[0], without.localisation().positions()[0]);
        Fid a = Simulator.simulate(atp, isis).get("none").toFid(2048, 1 / 3000.0, 0, 0);
        Fid b = Simulator.simulate(atp, without).get("main").toFid(2048, 1 / 3000.0, 0, 0);
        double worst = 0;
        for (int k = 0; k < 2048; k++) {
            worst = Math.max(worst, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
        }
        assertTrue(worst < 1e-12, "max |ΔFID| = " + worst);
        // The same sequence without the factor-0 pulse at all would lose the axis and its normalisation: 1, not 2.
        assertEquals(2 * 3, Math.hypot(b.re()[0], b.im()[0]), 0.01 * 6, "ATP's three 31P over a 2-slab field");
    }

    @Test
    void aShapedPulseWithB1FactorZeroIsFreeEvolutionUnderItsSliceGradient() {
        // After the excitation, where the gradient matters: the off pulse winds the coherence as a gradient lobe of
        // area G·T and lets the spins evolve for T.
        String head = "template: events\nb0_t: 2.89\nvoxel_mm: [20, 20, 20]\nspatial: {positions: 24}\nte_ms: 0\n"
                + "acquisition: {points: 1024, spectral_width_hz: 4000}\nevents:\n"
                + "  - pulse: {flip_deg: 90, phase_deg: 90}\n";
        Sequence off = TestSequences.parse(head + "  - pulse: {shape: hs, n: 1, r: 10, duration_ms: 6, flip_deg: 180,"
                + " slice: {axis: x, thickness_mm: 20}, b1_factor: 0}\n  - acquire: {}\n");
        Event.ShapedPulse p = (Event.ShapedPulse) off.variants().get(0).events().get(1);
        for (double b1 : p.b1Hz()) {
            assertEquals(0, b1);
        }
        Sequence free = TestSequences.parse(head + "  - gradient: {axis: x, area_cycles_per_m: "
                + p.gradientHzPerM() * p.totalDurationS() + "}\n  - delay: {duration_ms: 6}\n  - acquire: {}\n");
        SpinSystem two = SpinSystem.of("ax", List.of(Spin.proton("A", 2.0), Spin.proton("X", 3.9)), List.of(
                new org.larmor.spin.Coupling("A", "X", 7.0)));
        Fid a = Simulator.simulate(two, off).get("main").toFid(1024, 2.5e-4, 0, 0);
        Fid b = Simulator.simulate(two, free).get("main").toFid(1024, 2.5e-4, 0, 0);
        double worst = 0;
        for (int k = 0; k < 1024; k++) {
            worst = Math.max(worst, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
        }
        // A weakly coupled pair (J/Δν ≈ 0.03): the split-step of the pulse propagator is close to exact here.
        assertTrue(worst < 1e-6, "max |ΔFID| = " + worst);
    }

    @Test
    void invertedMagnetisationRecoversAsOneMinusTwoExpDuringTi() {
        // T1 300 ms, TI 6 ms of which 2 ms is free (half of each 8 ms inversion neglects relaxation, as every
        // shaped pulse does): inside the slab Mz = 1 − (1 − Mz0)·exp(−t/T1); outside and in "none" it stays 1.
        double t1 = 0.3;
        SpinSystem relaxing = SINGLET.withRelaxation(new Relaxation(t1, 10.0, B0, "test values"));
        Sequence seq = isis("[x]", "");
        double free = 0.006 - 0.004;
        double e = Math.exp(-free / t1);
        Map<String, LineList> lines = simulate(relaxing, seq, true);
        Localisation loc = seq.localisation();
        Event.ShapedPulse inv = inversion(seq, "x");
        double expected = 0;
        for (int j = 0; j < loc.positions()[0]; j++) {
            double mz0 = blochMz(inv, -inv.gradientHzPerM() * loc.position(0, j));
            expected += loc.weight(0) * (1 - (1 - mz0) * e);
        }
        assertEquals(4, signal(lines, "none"), 1e-9, "uninverted magnetisation stays at equilibrium");
        assertEquals(expected, signal(lines, "x"), 1e-7);
        // Inside: 1 − 2·exp(−t/T1) instead of −1, so the scan is 3 + (1 − 2e) rather than 2.
        assertEquals(3 + (1 - 2 * e), signal(lines, "x"), 0.02);
        assertTrue(Math.abs(signal(lines, "x") - (3 + (1 - 2 * e))) < Math.abs(signal(lines, "x") - (3 - e)),
                "regrowth, not decay to zero");
        assertEquals(e, signal(lines, "ISIS"), 0.01);
    }

    @Test
    void atpIsisAtTheVoxelIsThePulseAcquireSpectrum() {
        // 31P ATP at 3 T: weak couplings (J ≈ 16 Hz, Δν ≈ 400 Hz), TI 7 ms. Inversion of populations commutes with
        // weak J evolution, so the voxel's ISIS spectrum is the pulse-acquire one (per voxel); what is left is the
        // HS1 profile's imperfection and the edge zero-quantum terms a partial inversion of coupled spins leaves.
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        SpinSystem atp = lib.find("ATP").orElseThrow();
        String common = "b0_t: 2.89\nnucleus: 31P\nexcitation: {shape: hard, duration_ms: 0.1, flip_deg: 90,"
                + " phase_deg: 90}\nacquisition: {points: 2048, spectral_width_hz: 3000}\n";
        Sequence isis = TestSequences.parse("template: isis\nvoxel_mm: [40, 40, 40]\nspatial: {positions: 64,"
                + " fov_factor: 3}\nti_ms: 7\ninversion: {shape: hs, n: 1, r: 20, duration_ms: 10}\n" + common);
        Sequence pa = TestSequences.parse("template: pulse_acquire\n" + common);
        Fid a = line(simulate(atp, isis, false), "ISIS").toFid(2048, 1 / 3000.0, 0, 0);
        Fid b = Simulator.simulate(atp, pa).get("main").toFid(2048, 1 / 3000.0, 0, 0);
        double worst = 0;
        double peak = 0;
        for (int k = 0; k < 2048; k++) {
            worst = Math.max(worst, Math.hypot(a.re()[k] - b.re()[k], a.im()[k] - b.im()[k]));
            peak = Math.max(peak, Math.hypot(b.re()[k], b.im()[k]));
        }
        assertTrue(worst < 0.01 * peak, "max |ΔFID| / peak = " + worst / peak);
    }
}
