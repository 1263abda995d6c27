package org.larmor.mrsi;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.synth.SynthBasis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** B1 through the basis engine: the basis simulated at a few B1 scales, interpolated, with its stated error. */
class InterpolatedB1ResponseTest {
    private static final Path SPINS = Path.of("spin-systems");
    private static final String SCALES = "scales: [0.8, 0.9, 1.0, 1.1, 1.2]";
    private static final String TISSUE = "tissues:\n"
            + "  grey_matter: {concentrations_mm: {NAA: 12, Glu: 9, Lac: 2, Cr: 8}, lorentzian_hz: 3}\n";

    private static String uniform(String b1) {
        return MrsiFixtures.BASIS + TISSUE
                + "phantom: {kind: uniform, tissue: grey_matter, matrix: [4, 4], fov_mm: [40, 40, 10],\n"
                + "          oversampling: 2, slice_samples: 1}\n"
                + b1;
    }

    private static MrsiResult run(MrsiScenario sc, long seed) {
        SynthBasis basis = MrsiSynthesiser.loadBasis(sc, SPINS);
        return MrsiSynthesiser.run(sc, seed, basis, MrsiSynthesiser.response(sc, basis, SPINS), 2);
    }

    @Test
    void atANodeTheInterpolatedFidsAreTheSynthesisersBasisBitForBit() {
        MrsiScenario sc = MrsiFixtures.scenario(uniform("b1: {response: interpolated, " + SCALES + "}\n"));
        SynthBasis basis = MrsiSynthesiser.loadBasis(sc, SPINS);
        InterpolatedB1Response r = InterpolatedB1Response.simulate(sc, basis, SPINS);
        List<Fid> at1 = r.fids(1.0);
        assertEquals(basis.fids().size(), at1.size());
        for (int q = 0; q < at1.size(); q++) {
            Fid want = basis.fids().get(q);
            assertEquals(want.points(), at1.get(q).points(), "points");
            assertEquals(want.dwellS(), at1.get(q).dwellS(), "dwell");
            assertArrayEquals(want.re(), at1.get(q).re(), basis.names().get(q) + " (order, points, scaling)");
            assertArrayEquals(want.im(), at1.get(q).im(), basis.names().get(q));
        }
        assertEquals(1.0, r.singletGain(1.0));
        // Ideal pulses: the water singlet's gain is the ideal PRESS amplitude sin^5(sπ/2) (an independent route). A
        // singlet's FID is g(s)·F, so its stated error bounds |Δg| / max_k g(s_k), and max_k g(s_k) = g(1) here.
        double stated = (Double) r.describe().get("lipid_gain_stated_error_relative");
        for (double s : new double[] {0.85, 0.93, 1.15}) {
            double ideal = Math.pow(Math.sin(s * Math.PI / 2), 5);
            assertEquals(ideal, r.singletGain(s), stated, "singlet gain at " + s);
            System.out.printf("singlet gain at %.2f: %.6f, ideal %.6f, stated error %.3g%n", s, r.singletGain(s),
                    ideal, stated);
        }
    }

    @Test
    void uniformB1OfOneGivesTodaysDatasetUnchanged() {
        String head = MrsiFixtures.BASIS + TISSUE
                + "lipids: {model: lcmodel, scale: 150}\n"
                + "phantom: {kind: head, matrix: [8, 8], fov_mm: [220, 220, 10], oversampling: 2, slice_samples: 1}\n"
                + "b0: {shim_rms_hz: 3}\n"
                + "encoding: {weighting: hamming, noise_sd: 0.5}\n";
        MrsiResult today = run(MrsiFixtures.scenario(head), 5);
        MrsiResult interpolated = run(MrsiFixtures.scenario(head + "b1: {response: interpolated, " + SCALES + "}\n"),
                5);
        assertArrayEquals(today.cleanRe(), interpolated.cleanRe());
        assertArrayEquals(today.cleanIm(), interpolated.cleanIm());
        assertArrayEquals(today.imageRe(), interpolated.imageRe());
        assertArrayEquals(today.imageIm(), interpolated.imageIm());
        assertTrue(interpolated.b1Response().containsKey("stated_error_relative"));
    }

    @Test
    void voxelAtAB1BetweenTwoNodesAgreesWithADirectSimulationWithinTheStatedError() {
        double s = 0.93;
        MrsiScenario sc = MrsiFixtures.scenario(uniform("b1: {centre: " + s + ", edge: " + s
                + ", response: interpolated, " + SCALES + "}\n"));
        SynthBasis basis = MrsiSynthesiser.loadBasis(sc, SPINS);
        InterpolatedB1Response response = InterpolatedB1Response.simulate(sc, basis, SPINS);
        MrsiResult r = MrsiSynthesiser.run(sc, 3, basis, response, 2);

        // Direct: the same spin systems and sequence simulated at s, cut to the basis's points.
        SpinLibrary lib = SpinLibrary.load(SPINS);
        List<SpinSystem> systems = new ArrayList<>();
        for (String n : basis.basisNames()) {
            systems.add(lib.find(n).orElseThrow());
        }
        Sequence seq = SequenceReader.read(sc.basis().path());
        BasisSet direct = BasisSimulator.simulate(systems, seq.withB1Scale(s), false,
                (BasisSimulator.Progress) null);
        String condition = basis.conditions().get(0);
        int points = basis.points();
        double dt = basis.dwellS();
        double volumeMl = 10 * 10 * 10 * 1e-3;
        double[] conc = new double[basis.names().size()];
        for (String m : new String[] {"NAA", "Glu", "Lac", "Cr"}) {
            conc[basis.indexOf(m)] = r.tissueConcentrationsMm()[0][basis.indexOf(m)];
        }
        double[][] want = new double[2][points];
        double[][] nominal = new double[2][points];
        double bound = 0;
        for (int q = 0; q < conc.length; q++) {
            Fid d = direct.spectra().get(q).fid(condition);
            Fid one = basis.fids().get(q);
            double largest = 0;
            for (int k = 0; k < 5; k++) {
                largest = Math.max(largest, norm(response.interpolation().node(k).spectra().get(q).fid(condition)));
            }
            bound += volumeMl * conc[q] * largest * response.statedErrorRelative();
            for (int i = 0; i < points; i++) {
                double e = volumeMl * conc[q] * Math.exp(-Math.PI * 3 * i * dt);
                want[0][i] += e * d.re()[i];
                want[1][i] += e * d.im()[i];
                nominal[0][i] += e * one.re()[i];
                nominal[1][i] += e * one.im()[i];
            }
        }
        double worstError = 0;
        double b1Effect = Double.POSITIVE_INFINITY;
        for (int v = 0; v < r.voxels(); v++) {
            double[][] got = r.cleanFid(v);
            worstError = Math.max(worstError, distance(got, want));
            b1Effect = Math.min(b1Effect, distance(got, nominal));
        }
        System.out.printf("B1 %.2f: stated error %.3g (relative); voxel vs direct %.3g, bound %.3g; vs s = 1: %.3g%n",
                s, response.statedErrorRelative(), worstError, bound, b1Effect);
        assertTrue(worstError <= bound, "voxel vs direct simulation " + worstError + " > stated bound " + bound);
        assertTrue(b1Effect > 20 * worstError, "the B1 of 0.93 changes the voxel: " + b1Effect + " vs the"
                + " interpolation's " + worstError);
        // Metabolite by metabolite, over the whole FID: within the stated error of the class's definition.
        for (int q = 0; q < conc.length; q++) {
            Fid d = direct.spectra().get(q).fid(condition);
            Fid got = response.interpolation().at(s, condition).get(q);
            double largest = 0;
            for (int k = 0; k < 5; k++) {
                largest = Math.max(largest, norm(response.interpolation().node(k).spectra().get(q).fid(condition)));
            }
            double e = distance(new double[][] {got.re(), got.im()}, new double[][] {d.re(), d.im()}) / largest;
            System.out.printf("  %s at %.2f: relative error %.3g (stated %.3g)%n", basis.names().get(q), s, e,
                    response.statedErrorRelative());
            assertTrue(e <= response.statedErrorRelative(), basis.names().get(q) + ": " + e);
        }
        assertTrue(response.statedErrorRelative() < 1e-2, "stated " + response.statedErrorRelative());
    }

    @Test
    void badB1ScalesAreLocatedErrors() {
        InputException few = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "b1: {response: interpolated, scales: [0.9, 1.0, 1.1]}\n")));
        assertTrue(few.getMessage().contains("test.yaml:") && few.getMessage().contains("at least 4"),
                few.getMessage());
        InputException span = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "b1: {centre: 1.3, edge: 0.9, response: interpolated, " + SCALES + "}\n")));
        assertTrue(span.getMessage().contains("span"), span.getMessage());
        InputException order = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "b1: {response: interpolated, scales: [0.8, 1.0, 0.9, 1.2]}\n")));
        assertTrue(order.getMessage().contains("increasing"), order.getMessage());
        InputException missing = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "b1: {response: interpolated}\n")));
        assertTrue(missing.getMessage().contains("scales"), missing.getMessage());
        InputException extra = assertThrows(InputException.class, () -> MrsiFixtures.scenario(uniform(
                "b1: {response: press, " + SCALES + "}\n")));
        assertTrue(extra.getMessage().contains("scales are for"), extra.getMessage());
    }

    @Test
    void aSequenceWithItsOwnB1ScaleIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path seq = dir.resolve("press-b1.yaml");
        java.nio.file.Files.writeString(seq, java.nio.file.Files.readString(Path.of("sequences/press-te30-3t.yaml"))
                + "\nb1_scale: 0.9\n");
        MrsiScenario sc = MrsiFixtures.scenario(uniform("b1: {response: interpolated, " + SCALES + "}\n")
                .replace("../sequences/press-te30-3t.yaml", seq.toString()));
        SynthBasis basis = MrsiSynthesiser.loadBasis(sc, SPINS);
        InputException e = assertThrows(InputException.class, () -> InterpolatedB1Response.simulate(sc, basis,
                SPINS));
        assertTrue(e.getMessage().contains("b1_scale"), e.getMessage());
    }

    private static double norm(Fid f) {
        double s = 0;
        for (int i = 0; i < f.points(); i++) {
            s += f.re()[i] * f.re()[i] + f.im()[i] * f.im()[i];
        }
        return Math.sqrt(s);
    }

    private static double distance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a[0].length; i++) {
            double r = a[0][i] - b[0][i];
            double m = a[1][i] - b[1][i];
            s += r * r + m * m;
        }
        return Math.sqrt(s);
    }
}
