package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acquisition steps of the signal model against their closed forms: the per-transient noise SD σ·√N, the
 * water reference's noise σ·√N/√N_w and its lineshape and phase (the scan's global lineshape, zero-order phase and
 * eddy currents), the co-edited MM weighted per condition, and the clean components adding up to every block.
 */
class AcquisitionClosedFormTest {
    private static final double DT = SynthFixtures.DWELL;
    private static final int N = SynthFixtures.N;

    @Test
    void transientNoiseSdIsTheAveragedSdTimesRootAveragesInTheTruthAndOnTheTransients() {
        double sigma = 0.7;
        int averages = 9;
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {NAA: 0}\nnoise: {sd: " + sigma
                + "}\ntransients: {averages: " + averages + "}\n");
        Sample s = synth.generate(5, 0, false, true);
        assertEquals(sigma, s.value("noise_sd"), 1e-15);
        assertEquals(sigma * Math.sqrt(averages), s.value("noise_sd_transient"), 1e-12);
        // One ideal coil, no signal: every transient is noise of SD σ·√N per real component.
        double ss = 0;
        double meanRe = 0;
        for (int j = 0; j < averages; j++) {
            Fid t = s.transientOf(j, 0);
            for (int k = 0; k < N; k++) {
                ss += t.re()[k] * t.re()[k] + t.im()[k] * t.im()[k];
                meanRe += t.re()[k];
            }
        }
        int count = 2 * averages * N;
        assertEquals(sigma * Math.sqrt(averages), Math.sqrt(ss / count), 0.02 * sigma * Math.sqrt(averages),
                "SD of one transient's noise");
        assertEquals(0, meanRe / (averages * N), 0.05 * sigma * Math.sqrt(averages), "zero-mean noise");
        // Their average is the output exactly (one coil: the combination is the plain mean).
        Fid out = s.fid();
        for (int k = 0; k < N; k += 37) {
            double ar = 0;
            double ai = 0;
            for (int j = 0; j < averages; j++) {
                ar += s.transientOf(j, 0).re()[k] / averages;
                ai += s.transientOf(j, 0).im()[k] / averages;
            }
            assertEquals(out.re()[k], ar, 1e-12);
            assertEquals(out.im()[k], ai, 1e-12);
        }
    }

    @Test
    void withoutTransientsOrDiffusionThereIsNoPerTransientSdColumn() {
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {NAA: 1}\nnoise: {sd: 0.5}\n");
        assertFalse(synth.schema().has("noise_sd_transient"), synth.schema().columns().toString());
    }

    @Test
    void waterReferenceNoiseIsTheTransientSdOverRootItsAverages() {
        // Averages 16 of the metabolite scan, 4 of the water scan: σ_w = σ·√16/√4 = 2σ.
        double sigma = 0.5;
        String body = "concentrations_mm: {NAA: 10}\ntransients: {averages: 16}\n"
                + "water_reference: {concentration_mm: 40000, averages: 4, lorentzian_hz: 3}\n";
        Synthesiser noisy = SynthFixtures.synthesiser(body + "noise: {sd: " + sigma + "}\n");
        Synthesiser clean = SynthFixtures.synthesiser(body + "noise: {sd: 0}\n");
        double ss = 0;
        int count = 0;
        for (long index = 0; index < 3; index++) {
            Fid a = noisy.generate(2, index, false, false).waterReference();
            Fid b = clean.generate(2, index, false, false).waterReference();
            for (int k = 0; k < N; k++) {
                double dr = a.re()[k] - b.re()[k];
                double di = a.im()[k] - b.im()[k];
                ss += dr * dr + di * di;
                count += 2;
            }
        }
        assertEquals(2 * sigma, Math.sqrt(ss / count), 0.02 * 2 * sigma, "SD of the water reference's noise");
    }

    @Test
    void waterReferenceCarriesTheScansLineshapeZeroOrderPhaseAndEddyCurrents() {
        double amp = 2 * 40000 * 0.5;
        double lorentz = 3;
        double gauss = 5;
        double shift = 2.5;
        double phi0 = Math.toRadians(40);
        double a = 0.6;
        double tau = 0.02;
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10}\n"
                + "lineshape: {reference: Singlet, gaussian_hz: " + gauss + ", shift_hz: " + shift
                + ", eddy_current: {amplitude_rad: " + a + ", time_constant_ms: " + tau * 1e3 + "}}\n"
                + "phase: {zero_order_deg: 40}\n"
                + "water_reference: {concentration_mm: 40000, attenuation: 0.5, lorentzian_hz: " + lorentz + "}\n");
        Sample s = synth.generate(0, 0, false, false);
        assertEquals(shift, s.value("global_shift_hz"), 1e-12);
        Fid w = s.waterReference();
        // Water sits at the reference frequency (4.65 ppm): in the FID only the global shift −Δ turns it.
        for (int k = 0; k < N; k++) {
            double t = k * DT;
            double env = amp * Math.exp(-Math.PI * lorentz * t)
                    * Math.exp(-Math.pow(Math.PI * gauss * t, 2) / (4 * Math.log(2)));
            double ph = phi0 + a * Math.exp(-t / tau) - 2 * Math.PI * shift * t;
            assertEquals(env * Math.cos(ph), w.re()[k], 1e-9 * amp, "Re at " + k);
            assertEquals(env * Math.sin(ph), w.im()[k], 1e-9 * amp, "Im at " + k);
        }
    }

    @Test
    void coEditedMmIsTheGaussianAt3PpmWeightedPerCondition() {
        double amp = 4;
        double fwhmPpm = 0.12;
        double ppm = 3.0;
        Synthesiser synth = EditedScanTest.edited("""
                concentrations_mm: {NAA: 10, Cr: 8, Edited: 50}
                edited_mm:
                  fwhm_ppm: 0.12
                  amplitude: 4
                  conditions: {ON: 1, OFF: 0.25}
                """);
        Sample x = synth.generate(1, 0, true, false);
        assertEquals(amp, x.value("edited_mm.amplitude"), 0);
        double[] perCondition = x.values("edited_mm.condition_amplitude");
        // Conditions in acquisition order ON, OFF.
        assertEquals(amp * 1, perCondition[0], 1e-15);
        assertEquals(amp * 0.25, perCondition[1], 1e-15);
        double nu = (SynthFixtures.REF - ppm) * SynthFixtures.MHZ;
        double g = fwhmPpm * SynthFixtures.MHZ;
        for (int c = 0; c < 2; c++) {
            Fid mm = x.component("macromolecules", c);
            double ac = perCondition[c];
            for (int k = 0; k < N; k++) {
                double t = k * DT;
                double env = ac * Math.exp(-Math.pow(Math.PI * g * t, 2) / (4 * Math.log(2)));
                double ph = 2 * Math.PI * nu * t;
                assertEquals(env * Math.cos(ph), mm.re()[k], 1e-10, "Re of condition " + c + " at " + k);
                assertEquals(env * Math.sin(ph), mm.im()[k], 1e-10, "Im of condition " + c + " at " + k);
            }
        }
        // DIFF (ON − OFF) holds (1 − 0.25)·a of it: at t = 0 the MM of DIFF is 3, NAA and Cr cancelling.
        Fid diff = x.combination("DIFF", 0);
        double editedLines = 2 * 50;
        assertEquals(0.75 * amp + editedLines, diff.re()[0], 1e-9, "DIFF at t = 0");
        assertEquals(0, diff.im()[0], 1e-9);
    }

    @Test
    void componentsAddUpToEveryBlockOfAnEditedScanWithShotModulation() {
        Synthesiser synth = EditedScanTest.edited("""
                concentrations_mm: {NAA: 10, Cr: 8, Edited: 50}
                lineshape: {gaussian_hz: 3}
                phase: {zero_order_deg: 25}
                macromolecules: {model: birch-3t, scale: 10}
                residual_water: {components: 2, amplitude: 30}
                baseline: {components: 2, amplitude: 5}
                edited_mm: {fwhm_ppm: 0.1, amplitude: 3}
                noise: {snr: 40}
                transients: {averages: 3, phase_jitter_deg: 20, random_walk_hz: 1}
                """);
        Sample x = synth.generate(4, 2, true, false);
        assertEquals(2, x.layout().blocks());
        for (int b = 0; b < 2; b++) {
            Fid out = x.fid(0, b);
            double worst = 0;
            double scale = 0;
            double[] sumRe = new double[N];
            double[] sumIm = new double[N];
            for (String name : Synthesiser.COMPONENTS) {
                Fid comp = x.component(name, b);
                for (int k = 0; k < N; k++) {
                    sumRe[k] += comp.re()[k];
                    sumIm[k] += comp.im()[k];
                }
            }
            for (int k = 0; k < N; k++) {
                worst = Math.max(worst, Math.hypot(sumRe[k] - out.re()[k], sumIm[k] - out.im()[k]));
                scale = Math.max(scale, Math.hypot(out.re()[k], out.im()[k]));
            }
            assertTrue(worst < 1e-10 * scale, "block " + b + ": components miss the output by " + worst);
            // Each non-noise component is non-trivial, so none is silently dropped from the sum.
            for (String name : Synthesiser.COMPONENTS) {
                Fid comp = x.component(name, b);
                assertTrue(Math.hypot(comp.re()[0], comp.im()[0]) > 0 || name.equals("lipids"), name);
            }
        }
    }

    @Test
    void waterReferenceIsGivenTheFirstOrderPhaseOfItsFrequencyAboutThePivot() {
        double phi1 = Math.toRadians(20);
        double pivot = 2.0;
        String body = "concentrations_mm: {NAA: 10}\nwater_reference: {concentration_mm: 40000, lorentzian_hz: 6}\n";
        Fid plain = SynthFixtures.synthesiser(body).generate(0, 0, false, false).waterReference();
        Fid phased = SynthFixtures.synthesiser(body + "phase: {first_order_deg_per_ppm: 20, pivot_ppm: " + pivot
                + "}\n").generate(0, 0, false, false).waterReference();
        // Bin k of the DFT lies at δ_k = 4.65 − k/(n·dt·f0) ppm (k signed); the phase there is φ1·(δ_k − pivot).
        for (int k : new int[] {0, 1, 7, -3, 40, -200}) {
            double[] a = dft(plain, k);
            double[] b = dft(phased, k);
            double ppm = SynthFixtures.REF - k / (N * DT * SynthFixtures.MHZ);
            double ph = phi1 * (ppm - pivot);
            double er = a[0] * Math.cos(ph) - a[1] * Math.sin(ph);
            double ei = a[0] * Math.sin(ph) + a[1] * Math.cos(ph);
            double scale = Math.hypot(a[0], a[1]);
            assertEquals(er, b[0], 1e-9 * scale, "Re of bin " + k);
            assertEquals(ei, b[1], 1e-9 * scale, "Im of bin " + k);
        }
    }

    @Test
    void noiseSdFromTheSnrTargetIsHeightOverSnrDwellRootNMinusThreeQuarters() {
        // docs/metrics.md: SNR = h/(σ·dwell·√(n − ¾)) for σ per real component of the FID noise.
        Synthesiser synth = SynthFixtures.synthesiser("concentrations_mm: {Singlet: 10}\n"
                + "lineshape: {reference: Singlet, gaussian_hz: 4}\nnoise: {snr: 40}\n");
        Sample s = synth.generate(0, 0, false, false);
        double h = s.value("reference_height");
        assertTrue(h > 0);
        assertEquals(h / (40 * DT * Math.sqrt(N - 0.75)), s.value("noise_sd"), 1e-12 * s.value("noise_sd"));
    }

    /** Σ_t x_t·exp(−2πi·k·t/n). */
    private static double[] dft(Fid f, int k) {
        double re = 0;
        double im = 0;
        for (int t = 0; t < N; t++) {
            double a = -2 * Math.PI * (((long) k * t) % N) / N;
            re += f.re()[t] * Math.cos(a) - f.im()[t] * Math.sin(a);
            im += f.re()[t] * Math.sin(a) + f.im()[t] * Math.cos(a);
        }
        return new double[] {re, im};
    }
}
