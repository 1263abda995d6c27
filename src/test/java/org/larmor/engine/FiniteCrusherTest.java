package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite crushers over an extended tissue extent (docs/conventions.md, "Finite crushers"): the unwanted pathways leak
 * in with the amplitude the crusher areas and the extent give them, and vanish at full crushing.
 */
class FiniteCrusherTest {
    static final double B0 = 2.89;
    static final SpinSystem SINGLET = SpinSystem.of("s", List.of(Spin.proton("H", 3.0)), List.of());

    static double[] signal(Sequence s) {
        return Simulator.simulate(SINGLET, s).get("main").sumAtZero();
    }

    static String spinEcho(String selection, String extra) {
        return "template: spin_echo\nb0_t: " + B0 + "\nte_ms: 30\n"
                + "excitation: {flip_deg: 90, phase_deg: 90}\nrefocusing: {flip_deg: 120}\n"
                + "coherence_selection: " + selection + "\n" + extra + TestSequences.ACQ;
    }

    static String finite(double areaMtMsPerM, double extentMm, Integer positions) {
        return "finite_crushers: {directions: [{area_mt_ms_per_m: " + areaMtMsPerM + ", axis: y}], fov_mm: ["
                + extentMm + ", " + extentMm + ", " + extentMm + "]"
                + (positions == null ? "" : ", positions: " + positions) + "}\n";
    }

    @Test
    void unrefocusedFidOfASpinEchoLeaksInAsTheSincOfItsWindingOverTheExtent() {
        double[] ideal = signal(TestSequences.parse(spinEcho("crushers", "")));
        double[] none = signal(TestSequences.parse(spinEcho("none", "")));
        double[] leakAll = {none[0] - ideal[0], none[1] - ideal[1]};
        // ideal 90°, then β = 120°: the echo keeps sin²(β/2), the FID of the excitation cos²(β/2)
        assertEquals(0.75, Math.hypot(ideal[0], ideal[1]), 1e-12);
        assertEquals(0.25, Math.hypot(leakAll[0], leakAll[1]), 1e-12);
        double extent = 40e-3;
        double gamma = Nucleus.H1.gammaHzPerT();
        int n = 512;
        for (double a : new double[] {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5}) {
            double[] s = signal(TestSequences.parse(spinEcho("crushers", finite(a, 40, n))));
            // The FID pathway is wound by both lobes as order −1: k = 2γA (rad/m). Over a uniform extent L its mean
            // phase factor is sinc(k·L/2); on the midpoint grid of n positions, sin(kL/2)/(n·sin(kL/2n)).
            double k = 2 * 2 * Math.PI * gamma * a * 1e-6;
            double x = k * extent / 2;
            double grid = Math.sin(x) / (n * Math.sin(x / n));
            double sinc = Math.sin(x) / x;
            String at = "A = " + a + " mT·ms/m";
            assertEquals(ideal[0] + leakAll[0] * grid, s[0], 1e-12, at);
            assertEquals(ideal[1] + leakAll[1] * grid, s[1], 1e-12, at);
            double leaked = Math.hypot(s[0] - ideal[0], s[1] - ideal[1]) / 0.25;
            assertEquals(Math.abs(sinc), leaked, 1e-4, at);
        }
    }

    @Test
    void zeroAreaAcquiresEveryPathwayAndAnIdealDirectionIsTodaysSelectionBitForBit() {
        LineList none = Simulator.simulate(SINGLET, TestSequences.parse(spinEcho("none", ""))).get("main");
        LineList zero = Simulator.simulate(SINGLET, TestSequences.parse(spinEcho("crushers", finite(0, 40, null))))
                .get("main");
        assertSameLines(none, zero);
        LineList ideal = Simulator.simulate(SINGLET, TestSequences.parse(spinEcho("crushers", ""))).get("main");
        LineList kept = Simulator.simulate(SINGLET, TestSequences.parse(spinEcho("crushers",
                "finite_crushers: {directions: [ideal], fov_mm: [40, 40, 40]}\n"))).get("main");
        assertSameLines(ideal, kept);
    }

    static void assertSameLines(LineList expected, LineList actual) {
        assertArrayEquals(expected.frequencyHz(), actual.frequencyHz());
        assertArrayEquals(expected.amplitudeRe(), actual.amplitudeRe());
        assertArrayEquals(expected.amplitudeIm(), actual.amplitudeIm());
    }

    static String press(String grid) {
        return "template: press\nb0_t: " + B0 + "\nte1_ms: 16.4\nte2_ms: 13.6\nvoxel_mm: [20, 20, 20]\n"
                + "coherence_selection: crushers\n"
                + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
                + "refocusing: {shape: sinc, lobes: 4, hamming: true, duration_ms: 4.4, flip_deg: 180}\n"
                + grid + TestSequences.ACQ;
    }

    static String pressFinite(double areaMtMsPerM, int positions) {
        return press("finite_crushers: {directions: [{area_mt_ms_per_m: " + areaMtMsPerM + ", axis: y},"
                + " {area_mt_ms_per_m: " + areaMtMsPerM + ", axis: z}], fov_mm: [60, 60, 60], positions: " + positions
                + "}\n");
    }

    /**
     * Shaped, slice-selective PRESS (20 mm voxel) in 60 mm of uniform tissue: with weak crushers the FID of the
     * excitation outside the refocused slabs, the stimulated echo and the other unwanted pathways add several per
     * cent of the voxel's signal; as the crusher area grows they fall off (as 1/(k·L) for the tissue's and the
     * profiles' edges) and the signal tends to the ideal-crusher result on the same grid.
     */
    @Test
    void outOfVoxelEchoesAppearWithWeakCrushersAndVanishAtFullCrushing() {
        int n = 4096;
        double[] ideal = signal(TestSequences.parse(press("spatial: {positions: " + n + ", fov_mm: [60, 60, 60]}\n")));
        double norm = Math.hypot(ideal[0], ideal[1]);
        assertEquals(0.915, norm, 0.01);
        double[] leak = new double[3];
        double[] areas = {2, 40, 160};
        for (int i = 0; i < areas.length; i++) {
            double[] s = signal(TestSequences.parse(pressFinite(areas[i], n)));
            leak[i] = Math.hypot(s[0] - ideal[0], s[1] - ideal[1]) / norm;
        }
        assertTrue(leak[0] > 0.05, "2 mT·ms/m crushers leave the unwanted pathways in: " + leak[0]);
        assertTrue(leak[1] < 0.015 && leak[1] < leak[0] / 4, "40 mT·ms/m: " + leak[1]);
        assertTrue(leak[2] < 0.003 && leak[2] < leak[1], "160 mT·ms/m, full crushing: " + leak[2]);
    }

    static double[] pressIn(String tissue, double areaMtMsPerM, int positions) {
        String grid = "spatial: {tissue: " + tissue + "}\n";
        return signal(TestSequences.parse(Double.isNaN(areaMtMsPerM)
                ? press("spatial: {positions: " + positions + ", fov_mm: [60, 60, 60], tissue: " + tissue + "}\n")
                : pressFinite(areaMtMsPerM, positions).replace("finite_crushers", grid + "finite_crushers")));
    }

    /**
     * Spins only outside the nominal voxel (lipid around it): with ideal crushers they still give the profile tails'
     * signal; weak crushers add their spurious echoes (the FID outside the refocused slabs), which fade as the area
     * grows. Inside plus outside is the uniform tissue's signal (the outside is simulated as everywhere − inside).
     */
    @Test
    void signalFromOutsideTheVoxelGainsSpuriousEchoesWhenTheCrushersAreWeak() {
        int n = 1024;
        double[] voxel = pressIn("everywhere", Double.NaN, n);
        double norm = Math.hypot(voxel[0], voxel[1]);
        double[] everywhere = pressIn("everywhere", 2, n);
        double[] inside = pressIn("inside_voxel", 2, n);
        double[] outside = pressIn("outside_voxel", 2, n);
        assertEquals(everywhere[0], inside[0] + outside[0], 1e-12);
        assertEquals(everywhere[1], inside[1] + outside[1], 1e-12);
        double[] outsideIdeal = pressIn("outside_voxel", Double.NaN, n);
        double[] outsideStrong = pressIn("outside_voxel", 40, n);
        double weak = Math.hypot(outside[0] - outsideIdeal[0], outside[1] - outsideIdeal[1]) / norm;
        double strong = Math.hypot(outsideStrong[0] - outsideIdeal[0], outsideStrong[1] - outsideIdeal[1]) / norm;
        assertTrue(weak > 0.04, "2 mT·ms/m: out-of-voxel spurious echoes of " + weak + " of the voxel signal");
        assertTrue(strong < 0.015 && strong < weak / 3, "40 mT·ms/m: " + strong);
    }

    /**
     * Two routes to one answer: with finite crushers along the slice axes of the pulses they surround, the 1D
     * projection equals the full 3D grid (every point simulated), for the whole extent and for the outside only.
     */
    @Test
    void theProjectionEqualsTheFull3dGridWithFiniteCrushers() {
        for (String tissue : new String[] {"everywhere", "outside_voxel"}) {
            String finite = "finite_crushers: {directions: [{area_mt_ms_per_m: 0.7, axis: y}, {area_mt_ms_per_m:"
                    + " 1.1, axis: z}], fov_mm: [40, 40, 40], positions: 24}\n";
            double[] projected = signal(TestSequences.parse(press("spatial: {tissue: " + tissue + "}\n" + finite)));
            double[] full = signal(TestSequences.parse(press("spatial: {method: full_3d, tissue: " + tissue + "}\n"
                    + finite)));
            assertEquals(projected[0], full[0], 1e-10, tissue);
            assertEquals(projected[1], full[1], 1e-10, tissue);
        }
    }
}
