package org.larmor.basis;

import org.junit.jupiter.api.Test;
import org.larmor.engine.Simulator;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B1 inhomogeneity across one voxel: the basis is the expectation of the signal over the B1 scale S. With ideal
 * pulses of flips proportional to S the expectations are closed forms: for S ~ N(μ, σ²),
 * E[sin(aS)] = Im E[e^{iaS}] = sin(aμ)·e^{−a²σ²/2}.
 */
class B1DistributionTest {
    static final String ACQ = "acquisition: {points: 2048, spectral_width_hz: 4000}\n";
    static final double A = Math.PI / 2;

    static Sequence parse(String yaml) {
        return SequenceReader.parse("test.yaml", yaml);
    }

    static Sequence pulseAcquire(String extra) {
        return parse("template: pulse_acquire\nb0_t: 3\n" + ACQ + extra);
    }

    static Sequence press(String extra) {
        return parse("template: press\nb0_t: 3\nte1_ms: 13\nte2_ms: 17\n" + ACQ + extra);
    }

    /** Three protons on resonance (at the receiver): no phase at the echo. */
    static SpinSystem singlet(Sequence q) {
        return SpinSystem.of("one", List.of(Spin.protons("a", q.acquisition().referencePpm(), 3)), List.of());
    }

    static double amplitude(SpinSystem s, Sequence q) {
        BasisSpectrum b = BasisSimulator.simulate(s, q);
        double[] z = b.lines().get("main").sumAtZero();
        assertEquals(0, z[1], 1e-12, "no imaginary part on resonance");
        return z[0];
    }

    @Test
    void anIdealNinetyAtScaleSFlipsByNinetyTimesS() {
        for (double s : new double[] {0.5, 0.8, 1.0, 1.3}) {
            Sequence q = pulseAcquire("b1_scale: " + s + "\n");
            assertEquals(3 * Math.sin(A * s), amplitude(singlet(q), q), 1e-12, "pulse-acquire at scale " + s);
        }
    }

    @Test
    void pulseAcquireOverANormalB1IsSinOfTheMeanDampedByTheVariance() {
        double mu = 0.9;
        double sd = 0.12;
        Sequence q = pulseAcquire("b1_distribution: {dist: normal, mean: " + mu + ", sd: " + sd + "}\n");
        double exact = 3 * Math.sin(A * mu) * Math.exp(-A * A * sd * sd / 2);
        BasisSet set = BasisSimulator.simulate(List.of(singlet(q)), q, false, (BasisSimulator.Progress) null);
        double got = set.spectra().get(0).lines().get("main").sumAtZero()[0];
        Map<String, Object> quad = quadrature(set);
        double err = (double) quad.get("error_relative");
        assertTrue(err <= 1e-6, "converged to the default tolerance: " + err);
        assertEquals(exact, got, Math.max(err, 1e-13) * exact, "E[3 sin(aS)] = 3 sin(aμ) exp(-a²σ²/2)");
        // the distribution matters: the nominal-scale answer is far outside the stated error
        assertTrue(Math.abs(3 * Math.sin(A * mu) - got) > 100 * err * exact);
        assertTrue((int) quad.get("nodes") >= 8, "at least one doubling: " + quad.get("nodes"));
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) set.provenance().sequence().get("b1_distribution");
        assertEquals("normal", d.get("dist"));
        assertEquals(sd, d.get("sd"));
    }

    @Test
    void pressWithIdealPulsesKeepsSinThetaTimesSinToTheFourthOfHalfTheRefocusingFlip() {
        // Pathway -1 → +1 → -1: excitation about y gives sin(θ1)·Ix; each refocusing Rx(θ2) takes I- to I+ with
        // (1 − cos θ2)/2 = sin²(θ2/2). At scale s, θ1 = πs/2 and θ2 = πs: amplitude sin(πs/2)·sin⁴(πs/2).
        for (String sel : new String[] {"filters", "crushers"}) {
            for (double s : new double[] {0.6, 0.85, 1.0, 1.2}) {
                Sequence q = press("coherence_selection: " + sel + "\nb1_scale: " + s + "\n");
                assertEquals(3 * Math.pow(Math.sin(A * s), 5), amplitude(singlet(q), q), 1e-12, sel + " at " + s);
            }
        }
    }

    @Test
    void pressOverANormalB1IsTheExpectationOfSinToTheFifth() {
        // sin⁵x = (10 sin x − 5 sin 3x + sin 5x)/16, and E[sin(kaS)] = sin(kaμ)·exp(−k²a²σ²/2).
        double mu = 1.0;
        double sd = 0.15;
        double exact = 0;
        double[] c = {10, -5, 1};
        for (int j = 0; j < 3; j++) {
            int k = 2 * j + 1;
            exact += c[j] / 16 * Math.sin(k * A * mu) * Math.exp(-k * k * A * A * sd * sd / 2);
        }
        exact *= 3;
        Sequence q = press("b1_distribution: {dist: normal, mean: " + mu + ", sd: " + sd + ", tolerance: 1e-9}\n");
        BasisSet set = BasisSimulator.simulate(List.of(singlet(q)), q, false, (BasisSimulator.Progress) null);
        double got = set.spectra().get(0).lines().get("main").sumAtZero()[0];
        double err = (double) quadrature(set).get("error_relative");
        assertTrue(err <= 1e-9, "reported " + err);
        assertEquals(exact, got, Math.max(err, 1e-13) * exact);
        assertTrue(Math.abs(3 - got) > 0.1, "a 15 % B1 spread costs PRESS signal: " + got);
    }

    @Test
    void aTwoPointDistributionIsTheWeightedMeanOfTheTwoDirectSimulations() {
        SpinSystem lac = SpinLibrary.load(Path.of("spin-systems")).find("Lac").orElseThrow();
        Sequence q = press("b1_distribution: {dist: discrete, values: [0.8, 1.1], weights: [0.3, 0.7]}\n");
        BasisSpectrum avg = BasisSimulator.simulate(lac, q);
        Fid a = BasisSimulator.simulate(lac, press("b1_scale: 0.8\n")).fids().get("main");
        Fid b = BasisSimulator.simulate(lac, press("b1_scale: 1.1\n")).fids().get("main");
        Fid want = a.plus(a, -1).plus(a, 0.3).plus(b, 0.7);
        Fid got = avg.fids().get("main");
        double worst = 0;
        for (int t = 0; t < got.points(); t++) {
            worst = Math.max(worst, Math.hypot(got.re()[t] - want.re()[t], got.im()[t] - want.im()[t]));
        }
        assertTrue(worst < 1e-12, "max |difference| " + worst);
        // the average is not one of its points: Lac's doublet changes with B1 beyond the tolerance
        LineList la = Simulator.simulate(lac, press("b1_scale: 0.8\n")).get("main");
        assertTrue(Math.abs(la.sumAtZero()[0] - avg.lines().get("main").sumAtZero()[0]) > 0.1);
        BasisSet set = BasisSimulator.simulate(List.of(lac), q, false, (BasisSimulator.Progress) null);
        assertEquals(2, quadrature(set).get("nodes"));
        assertEquals(0.0, quadrature(set).get("error_relative"));
    }

    @Test
    void inTheSpatialEngineADistributionIsTheMeanOverItsScalesOfTheLocalisedSignal() {
        // Slice-selective shaped pulses on a grid: at each B1 scale the spatial average is taken, and the voxel's
        // signal over the distribution is the weighted mean of those averages (linear in the positions' signals).
        String loc = "voxel_mm: [20, 20, 20]\nspatial: {positions: 12}\n"
                + "excitation: {shape: sinc, lobes: 2, duration_ms: 2.6, flip_deg: 90, phase_deg: 90}\n"
                + "refocusing: {shape: sinc, lobes: 3, duration_ms: 3, flip_deg: 180}\n";
        SpinSystem lac = SpinLibrary.load(Path.of("spin-systems")).find("Lac").orElseThrow();
        Sequence q = press(loc + "b1_distribution: {dist: discrete, values: [0.85, 1.0, 1.2], weights: [0.25, 0.5,"
                + " 0.25]}\n");
        assertTrue(q.localisation() != null, "localised");
        Fid got = BasisSimulator.simulate(lac, q).fids().get("main");
        Fid want = Fid.zeros(got.points(), got.dwellS());
        double[] v = {0.85, 1.0, 1.2};
        double[] w = {0.25, 0.5, 0.25};
        for (int k = 0; k < 3; k++) {
            want = want.plus(BasisSimulator.simulate(lac, press(loc + "b1_scale: " + v[k] + "\n")).fids().get("main"),
                    w[k]);
        }
        double worst = 0;
        for (int t = 0; t < got.points(); t++) {
            worst = Math.max(worst, Math.hypot(got.re()[t] - want.re()[t], got.im()[t] - want.im()[t]));
        }
        assertTrue(worst < 1e-12, "max |difference| " + worst);
        // and lower than at the calibrated B1: the 0.85 and 1.2 positions lose signal
        Fid one = BasisSimulator.simulate(lac, press(loc)).fids().get("main");
        assertTrue(Math.hypot(got.re()[0], got.im()[0]) < Math.hypot(one.re()[0], one.im()[0]) - 0.05);
    }

    @Test
    void withoutTheKeyNothingIsRecorded() {
        Sequence q = press("");
        assertNull(q.b1Distribution());
        BasisSet set = BasisSimulator.simulate(List.of(singlet(q)), q, false, (BasisSimulator.Progress) null);
        assertTrue(!set.provenance().sequence().containsKey("b1_distribution"));
        assertTrue(!set.provenance().metabolites().get(0).containsKey("b1_quadrature"));
    }

    @Test
    void anExpandedEventListKeepsTheDistribution() {
        Sequence q = press("b1_distribution: {dist: normal, mean: 1.02, sd: 0.07}\n");
        Sequence back = parse(org.larmor.sequence.EventListWriter.write(q, "test"));
        assertEquals(q.b1Distribution(), back.b1Distribution());
    }

    static InputException refused(String b1) {
        return assertThrows(InputException.class, () -> press(b1 + "\n"));
    }

    @Test
    void badDistributionsAreRefusedWithFileLineAndField() {
        // press() puts the extra text on line 6
        InputException e = refused("b1_distribution: {dist: normal, mean: 1, sd: -0.1}");
        assertTrue(e.getMessage().startsWith("test.yaml:6:"), e.getMessage());
        assertEquals("b1_distribution.sd", e.field());
        e = refused("b1_distribution: {dist: normal, mean: 1, sd: 0.5}");
        assertEquals("b1_distribution.sd", e.field());
        assertTrue(e.problem().contains("mean/3"), e.getMessage());
        e = refused("b1_distribution: {dist: discrete, values: [0.9, 1.1], weights: [0.5, 0.4]}");
        assertTrue(e.getMessage().startsWith("test.yaml:6:"), e.getMessage());
        assertEquals("b1_distribution.weights", e.field());
        assertTrue(e.problem().contains("summing to 1"), e.getMessage());
        e = refused("b1_distribution: {dist: discrete, values: [0.9, 12], weights: [0.5, 0.5]}");
        assertEquals("b1_distribution.values[1]", e.field());
        e = refused("b1_distribution: {dist: discrete, values: [0.9, 1.1], weights: [1]}");
        assertEquals("b1_distribution.weights", e.field());
        e = refused("b1_distribution: {dist: normal, mean: 0, sd: 0.1}");
        assertEquals("b1_distribution.mean", e.field());
        e = refused("b1_distribution: {dist: uniform, mean: 1}");
        assertEquals("b1_distribution.dist", e.field());
        e = refused("b1_distribution: {dist: normal, mean: 1, sd: 0.1, sigma: 2}");
        assertEquals("b1_distribution.sigma", e.field());
        e = refused("b1_scale: 0.9\nb1_distribution: {dist: normal, mean: 1, sd: 0.1}");
        assertEquals("b1_distribution", e.field());
        assertTrue(e.getMessage().startsWith("test.yaml:7:"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> quadrature(BasisSet set) {
        return (Map<String, Object>) set.provenance().metabolites().get(0).get("b1_quadrature");
    }
}
