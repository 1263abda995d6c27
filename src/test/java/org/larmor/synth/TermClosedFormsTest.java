package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terms' draws against their definitions, replayed on the same random stream: the shot instabilities (drift,
 * random walk, jitter, motion; a deviate is drawn only for a non-zero width), the diffusion motion per shot (only
 * where the gradient is on) and the b-values, eddy currents and other signals' attenuation of a diffusion series,
 * the component amplitudes, and which truth columns the water reference declares.
 */
class TermClosedFormsTest {
    private static final double TR = 2.0;

    private static Layout layout(List<String> conditions, int dynamics, String kind, int averages) {
        return new Layout(conditions, dynamics, kind, averages, 1, TR);
    }

    /** Replays TransientsTerm.draw from its documented rule on a stream of the same seed. */
    private static void checkTransients(double drift, double walk, double jitter, double p) {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {NAA: 1}\nrepetition_time_s: " + TR + "\n"
                + "transients: {averages: 7, drift_hz_per_s: " + drift + ", random_walk_hz: " + walk
                + ", phase_jitter_deg: " + jitter + ", motion_probability: " + p + ", motion_amplitude: 0.5,"
                + " motion_phase_deg: 30, motion_shift_hz: 2}\n");
        Layout l = layout(List.of("main"), 1, "none", 7);
        Truth.Builder truth = new Truth.Builder();
        TransientsTerm term = new TransientsTerm(sc.transients(), l, truth);
        double[] row = new double[truth.build().width()];
        term.draw(new SplittableRandom(11), row);
        SplittableRandom rng = new SplittableRandom(11);
        double walked = 0;
        String what = "drift " + drift + ", walk " + walk + ", jitter " + jitter + ", p " + p;
        int moves = 0;
        for (int s = 0; s < 7; s++) {
            if (s > 0 && walk > 0) {
                walked += walk * rng.nextGaussian();
            }
            double f = drift * s * TR + walked;
            double ph = jitter > 0 ? jitter * rng.nextGaussian() : 0;
            double a = 1;
            boolean moved = p > 0 && rng.nextDouble() < p;
            if (moved) {
                a = 0.5;
                ph += 30;
                f += 2;
                moves++;
            }
            assertEquals(f, row[term.shift + s], 1e-12, what + ", shift of shot " + s);
            assertEquals(ph, row[term.phase + s], 1e-12, what + ", phase of shot " + s);
            assertEquals(a, row[term.amplitude + s], 0, what + ", amplitude of shot " + s);
            assertEquals(moved ? 1 : 0, row[term.motion + s], 0, what + ", motion of shot " + s);
        }
        assertEquals(drift, row[term.drift], 0);
        assertEquals(walk, row[term.walk], 0);
        assertEquals(jitter, row[term.jitter], 0);
        assertEquals(p, row[term.motionProbability], 0);
        assertTrue(p == 0 || p == 1 || moves < 7, what);
    }

    @Test
    void shotInstabilitiesFollowTheirRuleAndDrawOnlyForNonZeroWidths() {
        checkTransients(0.5, 1, 20, 0.4);
        checkTransients(0.5, 0, 20, 0.4);
        checkTransients(0.5, 1, 0, 0.4);
        checkTransients(0.5, 1, 20, 0);
        checkTransients(0, 0, 0, 1);
        assertEquals("transients", new TransientsTerm(SynthFixtures.scenario("concentrations_mm: {NAA: 1}\n"
                + "transients: {averages: 2}\n").transients(), layout(List.of("main"), 1, "none", 2),
                new Truth.Builder()).name());
    }

    private static Scenario diffusion(String b, String motion, String extra) {
        return SynthFixtures.scenario(diffusionYaml(b, motion, extra));
    }

    private static String diffusionYaml(String b, String motion, String extra) {
        return ("concentrations_mm: {Singlet: 10, Cr: 8}\nnoise: {sd: 0}\n"
                + "metabolite_lineshape: {lorentzian_hz: 3}\nlineshape: {reference: Singlet, gaussian_hz: 4"
                + extra + "}\n"
                + "macromolecules: {model: birch-3t, scale: 10}\n"
                + "diffusion:\n  gradients: {b_values_s_per_mm2: " + b + "}\n"
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.2}\n"
                + "    macromolecules: {model: mono_exponential, adc_um2_per_ms: 0.05}\n"
                + motion);
    }

    /** Replays the motion part of DiffusionTerm.draw: a deviate only where both the width and b are non-zero. */
    private static void checkMotion(double sd, double loss) {
        Scenario sc = diffusion("[0, 1000]", "  motion: {phase_sd_deg: " + sd + ", amplitude_loss: " + loss + "}\n",
                "");
        // Two conditions × 3 averages per dynamic: shots 0–5 at b = 0, 6–11 at b = 1000.
        Layout l = layout(List.of("ON", "OFF"), 2, "diffusion", 3);
        Truth.Builder truth = new Truth.Builder();
        DiffusionTerm term = new DiffusionTerm(sc.diffusion(), l, sc.metabolites(), truth);
        double[] row = new double[truth.build().width()];
        term.draw(new SplittableRandom(5), row);
        SplittableRandom rng = new SplittableRandom(5);
        for (int s = 0; s < 12; s++) {
            double f = s < 6 ? 0 : 1;
            double ph = sd > 0 && f > 0 ? sd * f * rng.nextGaussian() : 0;
            double a = loss > 0 && f > 0 ? 1 - rng.nextDouble() * loss * f : 1;
            assertEquals(ph, row[term.shotPhase + s], 1e-12, "sd " + sd + ", loss " + loss + ", phase of shot " + s);
            assertEquals(a, row[term.shotAmplitude + s], 1e-12, "sd " + sd + ", loss " + loss + ", amplitude of shot "
                    + s);
        }
    }

    @Test
    void diffusionMotionDrawsOnlyWhereTheGradientIsOnAndPerShotOfEveryCondition() {
        checkMotion(10, 0.2);
        checkMotion(0, 0.2);
        checkMotion(10, 0);
    }

    @Test
    void aSeriesWithoutDiffusionWeightingHasNoEddyCurrentsNorMotion() {
        String yaml = diffusionYaml("[0, 0]", "  motion: {phase_sd_deg: 10, amplitude_loss: 0.2}\n"
                + "  eddy_current: {amplitude_x_rad: 0.3, amplitude_y_rad: 0.2, amplitude_z_rad: 0.1,"
                + " time_constant_ms: 20}\n", "");
        Scenario sc = SynthFixtures.scenario(yaml);
        Sample s = SynthFixtures.synthesiser(yaml).generate(1, 0, false, false);
        assertArrayEquals(new double[] {0, 0}, s.values("diffusion_eddy_amplitude_rad"), 0);
        assertArrayEquals(new double[] {0, 0}, s.values("diffusion_shot_phase_deg"), 0);
        assertArrayEquals(new double[] {1, 1}, s.values("diffusion_shot_amplitude"), 0);
        Layout l = layout(List.of("main"), 2, "diffusion", 1);
        assertTrue(new DiffusionTerm(sc.diffusion(), l, sc.metabolites(), new Truth.Builder()).hasEddy());
        Scenario still = diffusion("[0, 1000]", "", "");
        assertFalse(new DiffusionTerm(still.diffusion(), l, still.metabolites(), new Truth.Builder()).hasEddy());
        Scenario fixedZero = diffusion("[0, 1000]", "  eddy_current: {amplitude_x_rad: 0, time_constant_ms: 20}\n",
                "");
        assertFalse(new DiffusionTerm(fixedZero.diffusion(), l, fixedZero.metabolites(), new Truth.Builder())
                .hasEddy());
        Scenario ranged = diffusion("[0, 1000]", "  eddy_current: {amplitude_z_rad: {dist: uniform, min: 0, max:"
                + " 0.1}, time_constant_ms: 20}\n", "");
        assertTrue(new DiffusionTerm(ranged.diffusion(), l, ranged.metabolites(), new Truth.Builder()).hasEddy());
    }

    @Test
    void macromoleculesDiffuseByTheirOwnModelAndBothEddyCurrentsMultiply() {
        double a = 0.4;
        double tau = 0.03;
        String eddy = ", eddy_current: {amplitude_rad: " + a + ", time_constant_ms: " + tau * 1e3 + "}";
        Synthesiser plain = SynthFixtures.synthesiser(("concentrations_mm: {Singlet: 10, Cr: 8}\nnoise: {sd: 0}\n"
                + "metabolite_lineshape: {lorentzian_hz: 3}\nlineshape: {reference: Singlet, gaussian_hz: 4"
                + eddy + "}\nmacromolecules: {model: birch-3t, scale: 10}\n"));
        String series = "concentrations_mm: {Singlet: 10, Cr: 8}\nnoise: {sd: 0}\n"
                + "metabolite_lineshape: {lorentzian_hz: 3}\nlineshape: {reference: Singlet, gaussian_hz: 4"
                + eddy + "}\nmacromolecules: {model: birch-3t, scale: 10}\n"
                + "diffusion:\n  gradients: {b_values_s_per_mm2: [1000, 0]}\n"
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.2}\n"
                + "    macromolecules: {model: mono_exponential, adc_um2_per_ms: 0.05}\n"
                + "  eddy_current: {amplitude_x_rad: 0.3, amplitude_y_rad: 0.2, amplitude_z_rad: 0.1,"
                + " time_constant_ms: 20}\n";
        Synthesiser dif = SynthFixtures.synthesiser(series);
        Sample p = plain.generate(4, 0, true, false);
        Sample d = dif.generate(4, 0, true, false);
        assertArrayEquals(new double[] {1000, 0}, d.values("b_value_s_per_mm2"), 1e-9);
        double attMm = Math.exp(-1000e6 * 0.05e-9);
        assertArrayEquals(new double[] {attMm, 1}, d.values("macromolecules.diffusion_attenuation"), 1e-12);
        double[] ad = d.values("diffusion_eddy_amplitude_rad");
        double tauD = d.value("diffusion_eddy_time_constant_s");
        assertEquals(0.02, tauD, 1e-15);
        assertTrue(ad[0] != 0, "the gradient at b = 1000 has an eddy current");
        assertEquals(0, ad[1], 0);
        Fid mm0 = p.component("macromolecules");
        Fid mmB = d.component("macromolecules", dif.layout().block(0, 0));
        Fid mmZero = d.component("macromolecules", dif.layout().block(1, 0));
        Fid met0 = p.component("metabolites");
        Fid metB = d.component("metabolites", dif.layout().block(0, 0));
        double attMet = Math.exp(-1000e6 * 0.2e-9);
        for (int k = 0; k < SynthFixtures.N; k += 5) {
            double t = k * SynthFixtures.DWELL;
            double phi = ad[0] * Math.exp(-t / tauD);
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            assertEquals(attMm * (mm0.re()[k] * c - mm0.im()[k] * s), mmB.re()[k], 1e-9, "MM Re at " + k);
            assertEquals(attMm * (mm0.re()[k] * s + mm0.im()[k] * c), mmB.im()[k], 1e-9, "MM Im at " + k);
            assertEquals(mm0.re()[k], mmZero.re()[k], 1e-9, "MM at b = 0, Re at " + k);
            assertEquals(attMet * (met0.re()[k] * c - met0.im()[k] * s), metB.re()[k], 1e-9, "Re at " + k);
            assertEquals(attMet * (met0.re()[k] * s + met0.im()[k] * c), metB.im()[k], 1e-9, "Im at " + k);
        }
    }

    @Test
    void componentAmplitudesAreTheScaleTimesTheirTableAmplitude() {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {NAA: 1}\n"
                + "macromolecules: {model: birch-3t, scale: 10}\n"
                + "lipids: {model: lcmodel, scale: 3, component_scale: 0.5}\n");
        Sample s = new Synthesiser(sc, SynthFixtures.bind(sc, SynthFixtures.singlets())).generate(2, 0, false, false);
        assertEquals(10, s.value("mm_scale"), 0);
        assertEquals(3, s.value("lipid_scale"), 0);
        int differing = 0;
        for (Peak pk : sc.macromolecules().peaks()) {
            assertEquals(10 * pk.amplitude(), s.value("mm." + pk.name() + "_amplitude"), 1e-12, pk.name());
            differing += pk.amplitude() != 1 ? 1 : 0;
        }
        for (Peak pk : sc.lipids().peaks()) {
            assertEquals(3 * pk.amplitude() * 0.5, s.value("lipid." + pk.name() + "_amplitude"), 1e-12, pk.name());
        }
        assertTrue(differing > 0, "some table amplitude is not 1");
    }

    @Test
    void theWaterReferenceDeclaresARelaxationFactorOnlyWithT1OrT2() {
        String base = "concentrations_mm: {NAA: 1}\nrepetition_time_s: 2\n";
        String[] ref = {"{concentration_mm: 40000}", "{concentration_mm: 40000, t1_ms: 1500}",
                "{concentration_mm: 40000, t2_ms: 80}"};
        boolean[] has = {false, true, true};
        for (int k = 0; k < ref.length; k++) {
            Synthesiser s = SynthFixtures.synthesiser(base + "water_reference: " + ref[k] + "\n");
            assertEquals(has[k], s.schema().has("water_reference.relaxation_factor"), ref[k]);
        }
        Sample t1 = SynthFixtures.synthesiser(base + "water_reference: " + ref[1] + "\n").generate(0, 0, false, false);
        assertEquals(-Math.expm1(-2 / 1.5), t1.value("water_reference.relaxation_factor"), 1e-15);
        Sample t2 = SynthFixtures.synthesiser(base + "water_reference: " + ref[2] + "\n").generate(0, 0, false, false);
        assertEquals(Math.exp(-0.03 / 0.08), t2.value("water_reference.relaxation_factor"), 1e-15);
    }
}
