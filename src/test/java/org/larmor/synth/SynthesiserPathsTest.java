package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.LineList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths of the synthesiser the other tests leave open: the SNR reference height on a grid that is not a power of
 * two (DFT rows instead of an FFT) and at the exact edges of the reference window, the spectrum-span check of the
 * windows, the reference dynamic of a diffusion series (the smallest b), the reference-signal refusal at its 5 %
 * threshold, the water reference off a 4.65 ppm receiver, the seeds' SplitMix64/FNV-1a derivation, and that
 * neither a reused workspace nor asking for components changes a scan.
 */
class SynthesiserPathsTest {
    private static final double MHZ = SynthFixtures.MHZ;
    private static final double DT = SynthFixtures.DWELL;
    private static final double REF = SynthFixtures.REF;
    private static final double L = 2;
    private static final double G = 4;

    /** An undamped singlet of {@code protons} at {@code ppm} on an n-point grid. */
    private static Fid singlet(double ppm, double protons, int n) {
        return new LineList(new double[] {(REF - ppm) * MHZ}, new double[] {protons}, new double[1]).toFid(n, DT, 0, 0);
    }

    private static Synthesiser synth(String yaml, int n, double ppm) {
        Scenario sc = SynthFixtures.scenario(yaml);
        return new Synthesiser(sc, new SynthBasis("test", List.of("Singlet"), List.of("Singlet"),
                List.of(singlet(ppm, 3, n)), MHZ, REF, "1H", 0.03, 0, 0, 1));
    }

    private static String lineshape(String window) {
        return "concentrations_mm: {Singlet: 10}\nnoise: {sd: 0}\n"
                + "metabolite_lineshape: {lorentzian_hz: " + L + ", shift_hz: 0}\n"
                + "lineshape: {reference: Singlet, gaussian_hz: " + G + ", shift_hz: 0, reference_window_ppm: "
                + window + "}\n";
    }

    private static double binHz(int k, int n) {
        int signed = k < (n + 1) / 2 ? k : k - n;
        return signed / (n * DT);
    }

    private static double binPpm(int k, int n) {
        return REF - binHz(k, n) / MHZ;
    }

    /**
     * max over bins k with ppm_k in [lo, hi] of Re S_k, S_k = dwell·Σ_t w_t·x_t·exp(−2πi·kt/n), w_0 = ½, for the
     * clean metabolite signal 30·exp(i2πνt)·exp(−πLt)·exp(−(πGt)²/(4 ln 2)).
     */
    private static double expectedHeight(double ppm, int n, double lo, double hi) {
        double nu = (REF - ppm) * MHZ;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int t = 0; t < n; t++) {
            double time = t * DT;
            double env = 30 * Math.exp(-Math.PI * L * time) * Math.exp(-Math.pow(Math.PI * G * time, 2)
                    / (4 * Math.log(2)));
            re[t] = env * Math.cos(2 * Math.PI * nu * time);
            im[t] = env * Math.sin(2 * Math.PI * nu * time);
        }
        double best = Double.NEGATIVE_INFINITY;
        int bins = 0;
        for (int k = 0; k < n; k++) {
            double p = binPpm(k, n);
            if (p < lo || p > hi) {
                continue;
            }
            bins++;
            double s = 0;
            for (int t = 0; t < n; t++) {
                double a = 2 * Math.PI * ((long) k * t % n) / n;
                s += (t == 0 ? 0.5 : 1) * (re[t] * Math.cos(a) + im[t] * Math.sin(a));
            }
            best = Math.max(best, DT * s);
        }
        assertTrue(bins > 1, "the window holds several bins");
        return best;
    }

    @Test
    void referenceHeightIsTheLargestRealDftBinInTheWindowOnAnyGrid() {
        // 1503 = 32·46 + 31 points: the passes of WindowRows with a tail after the last block of 32; 2048: the
        // passes without one (windows of more than 32 bins take the FFT: the test of a window reaching the edges).
        for (int n : new int[] {1503, 2048}) {
            Sample s = synth(lineshape("[1.9, 2.1]"), n, 2.008).generate(1, 0, false, false);
            double want = expectedHeight(2.008, n, 1.9, 2.1);
            assertEquals(want, s.value("reference_height"), 1e-9 * want, "n = " + n);
        }
    }

    @Test
    void aBinExactlyOnEitherEdgeOfTheReferenceWindowIsInside() {
        for (int n : new int[] {1503, 2048}) {
            int k0 = (int) Math.round((REF - 2.008) * MHZ * n * DT);
            double edge = binPpm(k0, n);
            // The singlet sits on bin k0, which is therefore the largest: first the window's low, then its high edge.
            for (String window : new String[] {"[" + edge + ", " + (edge + 0.2) + "]",
                    "[" + (edge - 0.2) + ", " + edge + "]"}) {
                Sample s = synth(lineshape(window), n, edge).generate(1, 0, false, false);
                boolean low = window.startsWith("[" + edge);
                double want = low ? expectedHeight(edge, n, edge, edge + 0.2)
                        : expectedHeight(edge, n, edge - 0.2, edge);
                double inner = low ? expectedHeight(edge, n, binPpm(k0 - 1, n), edge + 0.2)
                        : expectedHeight(edge, n, edge - 0.2, binPpm(k0 + 1, n));
                assertTrue(want > inner * 1.01, "the edge bin is the peak");
                assertEquals(want, s.value("reference_height"), 1e-9 * want, "n = " + n + ", window " + window);
            }
        }
    }

    @Test
    void aWindowMayReachTheSpectrumEdgesButNotBeyond() {
        double lo = REF - 0.5 / DT / MHZ;
        double hi = REF + 0.5 / DT / MHZ;
        String span = String.format(Locale.ROOT, "spans %.2f to %.2f ppm", lo, hi);
        // The whole spectrum as the reference window: every bin, the receiver's included, on both grids.
        for (int n : new int[] {1503, 2048}) {
            double want = expectedHeight(2.008, n, lo, hi);
            assertEquals(want, synth(lineshape("[" + lo + ", " + hi + "]"), n, 2.008).generate(1, 0, false, false)
                    .value("reference_height"), 1e-9 * want, "n = " + n);
        }
        synth(lineshape("[1.9, 2.1]").replace("noise: {sd: 0}", "noise: {sd: 0, noise_window_ppm: [" + lo + ", "
                + hi + "]}"), 2048, 2.008);
        for (String w : new String[] {"[" + (lo - 0.01) + ", 2.1]", "[1.9, " + (hi + 0.01) + "]"}) {
            InputException e = assertThrows(InputException.class, () -> synth(lineshape(w), 2048, 2.008));
            assertTrue(e.getMessage().contains("field 'lineshape.reference_window_ppm'"), e.getMessage());
            assertTrue(e.getMessage().contains("lies outside the spectrum, which " + span), e.getMessage());
        }
        InputException e = assertThrows(InputException.class, () -> synth(lineshape("[1.9, 2.1]").replace(
                "noise: {sd: 0}", "noise: {sd: 0, noise_window_ppm: [-12, -11]}"), 2048, 2.008));
        assertTrue(e.getMessage().contains("field 'noise.noise_window_ppm': [-12.0, -11.0] ppm lies outside the"
                + " spectrum, which " + span), e.getMessage());
    }

    private static final String DIFFUSING = "concentrations_mm: {Singlet: 10, Cr: 8}\nnoise: {sd: 0}\n"
            + "metabolite_lineshape: {lorentzian_hz: 3, shift_hz: 2.5}\n"
            + "lineshape: {reference: Singlet, gaussian_hz: 4}\n";

    @Test
    void theReferenceDynamicOfADiffusionSeriesIsItsSmallestBAndItsMetabolitesAreTheUnweightedOnes() {
        Synthesiser plain = SynthFixtures.synthesiser(DIFFUSING);
        Synthesiser series = SynthFixtures.synthesiser(DIFFUSING + "diffusion:\n"
                + "  gradients: {b_values_s_per_mm2: [1000, 0, 500]}\n"
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.2}\n");
        Sample a = plain.generate(3, 0, true, false);
        Sample b = series.generate(3, 0, true, false);
        assertEquals(a.value("reference_height"), b.value("reference_height"),
                1e-12 * a.value("reference_height"), "height measured at b = 0, the second dynamic");
        // Dynamic 1 (b = 0) is the unweighted scan, metabolite shift included; dynamic 0 is attenuated by exp(−bD).
        Fid m0 = a.component("metabolites");
        Fid m1 = b.component("metabolites", series.layout().block(1, 0));
        Fid mAtt = b.component("metabolites", series.layout().block(0, 0));
        double att = Math.exp(-1000e6 * 0.2e-9);
        for (int k = 0; k < SynthFixtures.N; k += 7) {
            assertEquals(m0.re()[k], m1.re()[k], 1e-9, "Re at " + k);
            assertEquals(m0.im()[k], m1.im()[k], 1e-9, "Im at " + k);
            assertEquals(att * m0.re()[k], mAtt.re()[k], 1e-9, "attenuated Re at " + k);
            assertEquals(att * m0.im()[k], mAtt.im()[k], 1e-9, "attenuated Im at " + k);
        }
    }

    private static Synthesiser withReference(double own) {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {Singlet: 1, Cho: 1}\nnoise: {snr: 30}\n"
                + "lineshape: {reference: Singlet}\n");
        return new Synthesiser(sc, new SynthBasis("test", List.of("Singlet", "Cho"), List.of("Singlet", "Cho"),
                List.of(singlet(2.008, own, SynthFixtures.N), singlet(3.185, 20, SynthFixtures.N)), MHZ, REF, "1H",
                0.03, 0, 0, 1));
    }

    @Test
    void aReferenceOfAtLeastFivePercentOfTheLargestSignalIsAcceptedAndBelowItRefused() {
        assertEquals(1.0, 0.05 * 20, 0, "the threshold for 20 is exactly 1");
        assertEquals("main", withReference(1).referenceCondition());
        withReference(10);
        InputException e = assertThrows(InputException.class, () -> withReference(0.9));
        assertTrue(e.getMessage().contains("the reference metabolite Singlet has almost no signal in the spectrum"
                + " main of test (FID amplitude 0.900 against up to 20.0)"), e.getMessage());
    }

    @Test
    void theWaterReferenceSitsAt465PpmWhateverTheReceiverReference() {
        Scenario sc = SynthFixtures.scenario("concentrations_mm: {NAA: 10}\nnoise: {sd: 0}\n"
                + "water_reference: {concentration_mm: 40000, attenuation: 0.5, lorentzian_hz: 3}\n");
        SynthBasis b = SynthFixtures.bind(sc, SynthFixtures.singlets());
        SynthBasis shifted = new SynthBasis(b.source(), b.names(), b.basisNames(), b.conditions(), b.conditionFids(),
                b.combinations(), b.hzPerPpm(), 3.0, b.nucleus(), b.echoTimeS(), 0, 0, 1);
        Fid w = new Synthesiser(sc, shifted).generate(0, 0, false, false).waterReference();
        double nu = (3.0 - 4.65) * MHZ;
        for (int k = 0; k < SynthFixtures.N; k += 3) {
            double t = k * DT;
            double env = 40000 * Math.exp(-Math.PI * 3 * t);
            assertEquals(env * Math.cos(2 * Math.PI * nu * t), w.re()[k], 1e-9 * 40000, "Re at " + k);
            assertEquals(env * Math.sin(2 * Math.PI * nu * t), w.im()[k], 1e-9 * 40000, "Im at " + k);
        }
    }

    /** SplitMix64's finaliser, as java.util.SplittableRandom applies it: its first nextLong() after seed z − γ. */
    private static long splitMix(long z) {
        return new SplittableRandom(z - 0x9E3779B97F4A7C15L).nextLong();
    }

    @Test
    void seedsAreSplitMix64OfSeedPlusSplitMix64OfIndexAndTermKeysAreSplitMix64OfFnv1a() {
        long[] values = {0, 1, 42, -7, 0x123456789ABCDEFL, Long.MIN_VALUE};
        for (long z : values) {
            assertEquals(splitMix(z), Synthesiser.mix64(z), "mix64(" + z + ")");
            for (long i : values) {
                assertEquals(splitMix(splitMix(z) + new SplittableRandom(i).nextLong()),
                        Synthesiser.spectrumSeed(z, i), "seed " + z + ", index " + i);
            }
        }
        // FNV-1a 64 test vectors (draft-eastlake-fnv): "", "a", "foobar".
        assertEquals(0xcbf29ce484222325L, Term.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, Term.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, Term.fnv1a("foobar"));
        assertEquals(splitMix(0x85944171f73967e8L), Term.key("foobar"));
    }

    private static final String NUISANCES = "concentrations_mm: {NAA: 10, Cr: 8}\nnoise: {sd: 0.5}\n"
            + "metabolite_lineshape: {lorentzian_hz: 2}\nlineshape: {gaussian_hz: {dist: uniform, min: 2, max: 8}}\n"
            + "macromolecules: {model: birch-3t, scale: {dist: uniform, min: 10, max: 40}}\n"
            + "lipids: {model: lcmodel, scale: {dist: uniform, min: 1, max: 5}}\n"
            + "residual_water: {components: 3, amplitude: {dist: uniform, min: 20, max: 200}}\n"
            + "baseline: {components: 2, amplitude: {dist: uniform, min: 5, max: 40}}\n";

    @Test
    void aReusedWorkspaceAndAskingForComponentsChangeNothingInTheScan() {
        Synthesiser s = SynthFixtures.synthesiser(NUISANCES);
        Synthesiser.Workspace ws = s.newWorkspace();
        s.generate(9, 0, ws, false, false);
        Fid reused = s.generate(9, 1, ws, false, false).fid();
        Sample fresh = s.generate(9, 1, true, false);
        Fid withComponents = fresh.fid();
        double scale = 0;
        for (int k = 0; k < SynthFixtures.N; k++) {
            scale = Math.max(scale, Math.hypot(withComponents.re()[k], withComponents.im()[k]));
        }
        for (int k = 0; k < SynthFixtures.N; k++) {
            assertEquals(withComponents.re()[k], reused.re()[k], 1e-12 * scale, "Re at " + k);
            assertEquals(withComponents.im()[k], reused.im()[k], 1e-12 * scale, "Im at " + k);
        }
        // And the components add up to the scan.
        for (int k = 0; k < SynthFixtures.N; k += 5) {
            double re = 0;
            double im = 0;
            for (String c : Synthesiser.COMPONENTS) {
                re += fresh.component(c).re()[k];
                im += fresh.component(c).im()[k];
            }
            assertEquals(withComponents.re()[k], re, 1e-9 * scale, "Re at " + k);
            assertEquals(withComponents.im()[k], im, 1e-9 * scale, "Im at " + k);
        }
    }

    @Test
    void everyTermIsNamedInTruthTableOrder() {
        Synthesiser edited = EditedScanTest.edited("concentrations_mm: {NAA: 10, Cr: 8, Edited: 50}\n"
                + NUISANCES.substring(NUISANCES.indexOf("macromolecules"))
                + "edited_mm: {fwhm_ppm: 0.1, amplitude: 2}\ntransients: {averages: 2}\ncoils: {count: 4}\n"
                + "water_reference: {concentration_mm: 40000}\nnoise: {sd: 1}\n");
        assertEquals(List.of("metabolites", "lineshape", "eddy_current", "phase", "macromolecules", "lipids",
                "edited_mm", "residual_water", "baseline", "transients", "coils", "water_reference", "noise"),
                edited.termNames());
        assertEquals(4, edited.coils());
        assertEquals(2, edited.averages());
        Synthesiser diffusion = SynthFixtures.synthesiser(DIFFUSING + "diffusion:\n"
                + "  gradients: {b_values_s_per_mm2: [0, 1000]}\n"
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.2}\n");
        assertEquals(List.of("metabolites", "diffusion", "lineshape", "eddy_current", "phase", "noise"),
                diffusion.termNames());
    }

    @Test
    void everyCombinationOfEveryDynamicIsMadeFromThatDynamicsNoisySubSpectra() {
        Scenario sc = SynthFixtures.scenario("editing: {}\nconcentrations_mm: {NAA: 10, Cr: 8, Edited: 50}\n"
                + "noise: {sd: 1}\ndiffusion:\n  gradients: {b_values_s_per_mm2: [0, 1000, 2000]}\n"
                + "  models:\n    default: {model: mono_exponential, adc_um2_per_ms: 0.2}\n");
        SynthBasis b = EditedScanTest.editedBasis(sc);
        LinkedHashMap<String, Double> sum = new LinkedHashMap<>();
        sum.put("ON", 1.0);
        sum.put("OFF", 1.0);
        LinkedHashMap<String, Double> half = new LinkedHashMap<>();
        half.put("OFF", 0.5);
        SynthBasis three = new SynthBasis(b.source(), b.names(), b.basisNames(), b.conditions(), b.conditionFids(),
                List.of(b.combinations().get(0), new Sequence.Combination("SUM", sum),
                        new Sequence.Combination("HALF_OFF", half)), b.hzPerPpm(), b.referencePpm(), b.nucleus(),
                b.echoTimeS(), 0, 0, 1);
        Synthesiser s = new Synthesiser(sc, three);
        assertEquals(List.of("DIFF", "SUM", "HALF_OFF"), s.combinationNames());
        Sample x = s.generate(6, 0, false, false);
        double[][] w = {{1, -1}, {1, 1}, {0, 0.5}};
        String[] names = {"DIFF", "SUM", "HALF_OFF"};
        for (int d = 0; d < 3; d++) {
            Fid on = x.fid(d, 0);
            Fid off = x.fid(d, 1);
            for (int k = 0; k < names.length; k++) {
                Fid c = x.combination(names[k], d);
                for (int t = 0; t < SynthFixtures.N; t += 11) {
                    assertEquals(w[k][0] * on.re()[t] + w[k][1] * off.re()[t], c.re()[t], 1e-9, names[k] + " Re");
                    assertEquals(w[k][0] * on.im()[t] + w[k][1] * off.im()[t], c.im()[t], 1e-9, names[k] + " Im");
                }
            }
        }
    }

    @Test
    void boldNarrowingMultipliesTheScansLineshapeNotReplacesIt() {
        Synthesiser synth = SynthFixtures.synthesiser(FmrsSeriesTest.scenario("", "noise: {sd: 0}\n",
                "  bold: {narrowing_hz: 1.5}\n").replace("lineshape: {reference: Singlet}",
                "lineshape: {reference: Singlet, gaussian_hz: 6, shift_hz: 1.5}"));
        Sample s = synth.generate(2, 0, false, false);
        double[] dyn = s.values("bold_narrowing_hz_dyn");
        double[] conc = s.values("Singlet.concentration_mm_dyn");
        assertEquals(0, dyn[0], 1e-12);
        Fid f0 = s.fid(0, 0);
        int checked = 0;
        for (int d = 1; d < dyn.length; d += 9) {
            if (dyn[d] == 0) {
                continue;
            }
            checked++;
            Fid f = s.fid(d, 0);
            for (int k = 0; k < 600; k += 7) {
                double t = k * DT;
                // f_d / f_0 = (w_d / w_0)·exp(+π·b_d·t): real, the shift and Gaussian cancel.
                double want = conc[d] / conc[0] * Math.exp(Math.PI * dyn[d] * t);
                assertEquals(want * f0.re()[k], f.re()[k], 1e-9 * Math.abs(f0.re()[0]), "Re at " + d + ", " + k);
                assertEquals(want * f0.im()[k], f.im()[k], 1e-9 * Math.abs(f0.re()[0]), "Im at " + d + ", " + k);
            }
        }
        assertTrue(checked > 3);
    }

    @Test
    void aScanOfUpToTenMillionShotCoilPairsIsHeldAndOneMoreCoilIsRefused() {
        String base = "concentrations_mm: {NAA: 10}\ntransients: {averages: 100000}\ncoils: {count: ";
        Synthesiser ok = SynthFixtures.synthesiser(base + "100}\n");
        assertEquals(100, ok.coils());
        assertEquals(100000, ok.averages());
        InputException e = assertThrows(InputException.class, () -> SynthFixtures.synthesiser(base + "101}\n"));
        assertTrue(e.getMessage().contains("a scan of 100000 shots on 101 coils is too large to hold: use fewer"
                + " averages, dynamics or coils"), e.getMessage());
    }

    @Test
    void theNoiseDeviatesComeFromTheNoiseTermsOwnStream() {
        double sigma = 0.5;
        Synthesiser s = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10, Cr: 8}\nnoise: {sd: " + sigma + "}\n"
                + "macromolecules: {model: birch-3t, scale: 10}\n");
        Fid noise = s.generate(21, 4, true, false).component("noise");
        SplittableRandom rng = new SplittableRandom(Synthesiser.mix64(Synthesiser.spectrumSeed(21, 4)
                ^ Term.key("noise")));
        for (int k = 0; k < SynthFixtures.N; k++) {
            assertEquals(sigma * rng.nextGaussian(), noise.re()[k], 0, "Re at " + k);
            assertEquals(sigma * rng.nextGaussian(), noise.im()[k], 0, "Im at " + k);
        }
    }

    @Test
    void waterTermsAreRefusedOnABasisOfAnotherNucleusWithTheHdoHintOn2H() {
        for (String nucleus : new String[] {"2H", "31P"}) {
            for (String water : new String[] {"water_reference: {concentration_mm: 40000}\n",
                    "residual_water: {components: 1, amplitude: 10}\n"}) {
                Scenario sc = SynthFixtures.scenario("concentrations_mm: {NAA: 10}\n" + water);
                SynthBasis b = SynthFixtures.bind(sc, SynthFixtures.singlets());
                SynthBasis other = new SynthBasis(b.source(), b.names(), b.basisNames(), b.fids(), b.hzPerPpm(),
                        b.referencePpm(), nucleus, b.echoTimeS(), 0, 0, 1);
                InputException e = assertThrows(InputException.class, () -> new Synthesiser(sc, other));
                String hint = " and list HDO as a metabolite with its natural-abundance concentration (a basis"
                        + " amplitude is one per deuteron)";
                assertTrue(e.getMessage().contains("a water reference and residual water are 1H signals (2 protons"
                        + " per water molecule at 4.65 ppm); this basis observes " + nucleus + ": remove"
                        + " water_reference and residual_water" + (nucleus.equals("2H") ? hint : "")), e.getMessage());
                assertEquals(nucleus.equals("2H"), e.getMessage().contains("HDO"), e.getMessage());
                SynthBasis unnamed = new SynthBasis(b.source(), b.names(), b.basisNames(), b.fids(), b.hzPerPpm(),
                        b.referencePpm(), null, b.echoTimeS(), 0, 0, 1);
                new Synthesiser(sc, unnamed);
            }
        }
        Scenario dry = SynthFixtures.scenario("concentrations_mm: {NAA: 10}\n");
        SynthBasis b = SynthFixtures.bind(dry, SynthFixtures.singlets());
        new Synthesiser(dry, new SynthBasis(b.source(), b.names(), b.basisNames(), b.fids(), b.hzPerPpm(),
                b.referencePpm(), "31P", b.echoTimeS(), 0, 0, 1));
    }

    @Test
    void boldNarrowsEveryTissueLineEvenWithTheRespondingMetaboliteAbsent() {
        Synthesiser synth = SynthFixtures.synthesiser(FmrsSeriesTest.scenario("", "noise: {sd: 0}\n",
                "  bold: {narrowing_hz: 1.5}\n").replace("concentrations_mm: {Singlet: 10}",
                "concentrations_mm: {Singlet: 0, Cr: 8}").replace("lineshape: {reference: Singlet}",
                "lineshape: {reference: Cr, gaussian_hz: 6}"));
        Sample s = synth.generate(2, 0, false, false);
        double[] dyn = s.values("bold_narrowing_hz_dyn");
        Fid f0 = s.fid(0, 0);
        int checked = 0;
        for (int d = 2; d < dyn.length; d += 5) {
            if (dyn[d] == 0) {
                continue;
            }
            checked++;
            Fid f = s.fid(d, 0);
            for (int k = 0; k < 600; k += 13) {
                double want = Math.exp(Math.PI * dyn[d] * k * DT);
                assertEquals(want * f0.re()[k], f.re()[k], 1e-9 * 24, "Re at " + d + ", " + k);
                assertEquals(want * f0.im()[k], f.im()[k], 1e-9 * 24, "Im at " + d + ", " + k);
            }
        }
        assertTrue(checked > 3);
    }

    @Test
    void aWorkspaceReusedWithComponentsGivesTheFreshScanAndComponents() {
        Synthesiser s = SynthFixtures.synthesiser(NUISANCES);
        Synthesiser.Workspace ws = s.newWorkspace();
        s.generate(9, 0, ws, true, false);
        Sample reused = s.generate(9, 1, ws, true, false);
        Sample fresh = s.generate(9, 1, true, false);
        for (String c : Synthesiser.COMPONENTS) {
            Fid a = fresh.component(c);
            Fid b = reused.component(c);
            for (int k = 0; k < SynthFixtures.N; k += 3) {
                assertEquals(a.re()[k], b.re()[k], 1e-9, c + " Re at " + k);
                assertEquals(a.im()[k], b.im()[k], 1e-9, c + " Im at " + k);
            }
        }
        for (int k = 0; k < SynthFixtures.N; k += 3) {
            assertEquals(fresh.fid().re()[k], reused.fid().re()[k], 1e-9, "Re at " + k);
            assertEquals(fresh.fid().im()[k], reused.fid().im()[k], 1e-9, "Im at " + k);
        }
    }
}
