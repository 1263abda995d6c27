package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dMRS series analysed as a dMRS study would analyse it: each metabolite's amplitude at each weighting measured by
 * a joint least-squares fit of the known noise-free lines (Singlet 2.008 ppm, Cr 3.027 + 3.913 ppm, Cho 3.185 ppm,
 * Lorentzian 4 Hz) to the synthetic FID, then the attenuation against b compared with the diffusion models written
 * out here from their papers (the sticks' powder average by numerical quadrature, not by its closed form).
 */
class DiffusionSeriesTest {
    static final double LORENTZ_HZ = 4;
    static final String[] METS = {"Singlet", "Cr", "Cho"};
    static final double[][] PPM = {{2.008}, {3.027, 3.913}, {3.185}};
    static final double[][] PROTONS = {{3}, {3, 2}, {9}};

    static String scenario(String bValues, String models, String extra) {
        return "concentrations_mm: {Singlet: 10, Cr: 8, Cho: 2}\n"
                + "metabolite_lineshape: {lorentzian_hz: " + LORENTZ_HZ + "}\n"
                + "lineshape: {reference: Singlet}\n"
                + extra
                + "diffusion:\n"
                + "  gradients: {" + bValues + "}\n"
                + "  models:\n" + models;
    }

    /** Noise-free line of metabolite m per mM: Σ protons·exp(i2πνt)·exp(−πLt). */
    static double[][] line(int m) {
        int n = SynthFixtures.N;
        double[][] g = new double[2][n];
        for (int l = 0; l < PPM[m].length; l++) {
            double nu = (SynthFixtures.REF - PPM[m][l]) * SynthFixtures.MHZ;
            for (int k = 0; k < n; k++) {
                double t = k * SynthFixtures.DWELL;
                double env = PROTONS[m][l] * Math.exp(-Math.PI * LORENTZ_HZ * t);
                g[0][k] += env * Math.cos(2 * Math.PI * nu * t);
                g[1][k] += env * Math.sin(2 * Math.PI * nu * t);
            }
        }
        return g;
    }

    /** Real amplitudes of the three lines in x by least squares: (Re GᴴG) a = Re Gᴴx, solved by Cramer's rule. */
    static double[] amplitudes(Fid x, double[][][] g) {
        int m = g.length;
        double[][] a = new double[m][m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < x.points(); k++) {
                y[i] += g[i][0][k] * x.re()[k] + g[i][1][k] * x.im()[k];
                for (int j = 0; j < m; j++) {
                    a[i][j] += g[i][0][k] * g[j][0][k] + g[i][1][k] * g[j][1][k];
                }
            }
        }
        double det = det3(a);
        double[] out = new double[m];
        for (int c = 0; c < m; c++) {
            double[][] b = new double[m][];
            for (int i = 0; i < m; i++) {
                b[i] = a[i].clone();
                b[i][c] = y[i];
            }
            out[c] = det3(b) / det;
        }
        return out;
    }

    static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    static double[][][] lines() {
        return new double[][][] {line(0), line(1), line(2)};
    }

    /** ∫₀¹ exp(−x·μ²) dμ by Simpson's rule on 2000 intervals. */
    static double powderAverage(double x) {
        int n = 2000;
        double h = 1.0 / n;
        double s = 1 + Math.exp(-x);
        for (int i = 1; i < n; i++) {
            double mu = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-x * mu * mu);
        }
        return s * h / 3;
    }

    // Kills: no attenuation, attenuation exp(−b·D) with b or D in the wrong unit (10³ or 10⁶ off), one metabolite's
    // ADC applied to another (by index), the macro-default used for named metabolites, a lowest-b weighting other
    // than the one SNR is set on.
    @Test
    void logLinearFitOfEachMetaboliteRecoversItsAdcWithinOnePercent() {
        double[] b = {0, 500, 1000, 2000, 3000, 5000};
        Synthesiser synth = SynthFixtures.synthesiser(scenario("b_values_s_per_mm2: [0, 500, 1000, 2000, 3000, 5000]",
                "    Singlet: {model: mono_exponential, adc_um2_per_ms: {dist: uniform, min: 0.12, max: 0.18}}\n"
                        + "    Cr: {model: mono_exponential, adc_um2_per_ms: 0.2}\n"
                        + "    default: {model: mono_exponential, adc_um2_per_ms: 0.08}\n",
                "noise: {snr: 1500}\n"));
        double[][][] g = lines();
        for (int scan = 0; scan < 5; scan++) {
            Sample s = synth.generate(8, scan, false, false);
            assertTrue(s.value("noise_sd") > 0, "noisy");
            double[][] a = new double[b.length][];
            for (int d = 0; d < b.length; d++) {
                a[d] = amplitudes(s.fid(d, 0), g);
            }
            for (int m = 0; m < 3; m++) {
                // OLS of ln a against b (s/mm²): the slope is −D in mm²/s = −10⁻³·D in µm²/ms.
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double sxy = 0;
                for (int d = 0; d < b.length; d++) {
                    double y = Math.log(a[d][m]);
                    sx += b[d];
                    sy += y;
                    sxx += b[d] * b[d];
                    sxy += b[d] * y;
                }
                double slope = (b.length * sxy - sx * sy) / (b.length * sxx - sx * sx);
                double adc = -slope * 1e3;
                double truth = s.value(METS[m] + ".adc_um2_per_ms");
                double expected = m == 0 ? truth : m == 1 ? 0.2 : 0.08;
                assertEquals(expected, truth, m == 0 ? 0.03 : 1e-12, METS[m] + " truth ADC");
                assertEquals(truth, adc, 0.01 * truth, METS[m] + " ADC, scan " + scan);
                assertEquals(s.value(METS[m] + ".concentration_mm"), Math.exp((sy - slope * sx) / b.length),
                        0.01 * s.value(METS[m] + ".concentration_mm"), METS[m] + " S(0)");
            }
        }
    }

    // Kills: the kurtosis term's sign or factor 1/6 wrong, (b·D)² replaced by b·D², the sticks' powder average
    // replaced by exp(−b·D/3) (its small-b limit) or by exp(−b·D), a model attenuation computed but not applied.
    @Test
    void kurtosisAndSticksAttenuationsMatchTheirFormulasOnTheSynthesisedSpectra() {
        double[] b = {0, 1000, 3000, 6000, 10000};
        double adc = 0.15;
        double kurtosis = 1.2;
        double axial = 0.5;
        Synthesiser synth = SynthFixtures.synthesiser(scenario("b_values_s_per_mm2: [0, 1000, 3000, 6000, 10000]",
                "    Singlet: {model: kurtosis, adc_um2_per_ms: " + adc + ", kurtosis: " + kurtosis + "}\n"
                        + "    Cho: {model: sticks, axial_diffusivity_um2_per_ms: " + axial + "}\n"
                        + "    Cr: {model: mono_exponential, adc_um2_per_ms: 0.2}\n", ""));
        Sample s = synth.generate(1, 0, false, false);
        double[][][] g = lines();
        double[] a0 = amplitudes(s.fid(0, 0), g);
        assertEquals(10, a0[0], 1e-9);
        assertEquals(8, a0[1], 1e-9);
        assertEquals(2, a0[2], 1e-9);
        double[] attKurtosis = s.values("Singlet.diffusion_attenuation");
        double[] attSticks = s.values("Cho.diffusion_attenuation");
        for (int d = 1; d < b.length; d++) {
            double[] a = amplitudes(s.fid(d, 0), g);
            double x = b[d] * adc * 1e-3;
            double kurt = Math.exp(-x + x * x * kurtosis / 6);
            double sticks = powderAverage(b[d] * axial * 1e-3);
            assertEquals(kurt, a[0] / a0[0], 1e-9, "kurtosis attenuation at b = " + b[d]);
            assertEquals(sticks, a[2] / a0[2], 1e-9, "sticks attenuation at b = " + b[d]);
            assertEquals(Math.exp(-b[d] * 0.2e-3), a[1] / a0[1], 1e-9, "mono-exponential at b = " + b[d]);
            assertEquals(kurt, attKurtosis[d], 1e-12, "kurtosis truth");
            assertEquals(sticks, attSticks[d], 1e-10, "sticks truth");
        }
        // At b·D = 5 the sticks are far from both the mono-exponential and its small-b limit exp(−b·D/3).
        double x = 10000 * axial * 1e-3;
        assertTrue(Math.abs(powderAverage(x) - Math.exp(-x / 3)) > 0.1 && powderAverage(x) > 0.39);
        assertEquals(Math.sqrt(Math.PI / (4 * x)) * org.apache.commons.math3.special.Erf.erf(Math.sqrt(x)),
                powderAverage(x), 1e-10, "the quadrature is the closed form");
    }

    // Kills: a motion phase SD that does not grow with b (constant, or ∝ √b or b²), phases drawn at b = 0, an
    // amplitude loss not ∝ b/b_max, and per-shot phases and amplitudes that are drawn but not applied to the signal.
    @Test
    void motionPhaseSdAndAmplitudeLossGrowInProportionToB() {
        double[] b = {0, 1000, 2000, 4000};
        double sd = 20;
        double loss = 0.3;
        int averages = 8;
        Synthesiser synth = SynthFixtures.synthesiser(scenario("b_values_s_per_mm2: [0, 1000, 2000, 4000]",
                "    default: {model: mono_exponential, adc_um2_per_ms: 0.15}\n",
                "transients: {averages: " + averages + "}\n").replace("diffusion:\n", "diffusion:\n  motion: {"
                + "phase_sd_deg: " + sd + ", amplitude_loss: " + loss + "}\n"));
        int scans = 200;
        double[] sum2 = new double[b.length];
        double[] sumA = new double[b.length];
        double[] sumA2 = new double[b.length];
        for (int i = 0; i < scans; i++) {
            Sample s = synth.generate(21, i, false, false);
            double[] phase = s.values("diffusion_shot_phase_deg");
            double[] amp = s.values("diffusion_shot_amplitude");
            assertEquals(b.length * averages, phase.length);
            for (int d = 0; d < b.length; d++) {
                double mr = 0;
                double mi = 0;
                for (int j = 0; j < averages; j++) {
                    int shot = d * averages + j;
                    sum2[d] += phase[shot] * phase[shot];
                    sumA[d] += amp[shot];
                    sumA2[d] += amp[shot] * amp[shot];
                    mr += amp[shot] * Math.cos(Math.toRadians(phase[shot])) / averages;
                    mi += amp[shot] * Math.sin(Math.toRadians(phase[shot])) / averages;
                }
                if (i < 3) {
                    // The block is the average of its shots: FID(0) is Σ c·protons·S(b)/S(0)·mean(a·e^{iθ}).
                    Fid f = s.fid(d, 0);
                    double att = Math.exp(-b[d] * 0.15e-3);
                    double c0 = 10 * 3 + 8 * (3 + 2) + 2 * 9;
                    assertEquals(c0 * att * mr, f.re()[0], 1e-9, "Re FID(0) at b = " + b[d]);
                    assertEquals(c0 * att * mi, f.im()[0], 1e-9, "Im FID(0) at b = " + b[d]);
                }
            }
        }
        int samples = scans * averages;
        assertEquals(0, sum2[0], 0, "no motion phase without diffusion weighting");
        assertEquals(samples, sumA[0], 1e-9, "no amplitude loss without diffusion weighting");
        for (int d = 1; d < b.length; d++) {
            double f = b[d] / 4000;
            double measured = Math.sqrt(sum2[d] / samples);
            // SD of an SD estimate from 1600 normal samples: 1/√(2·1600) ≈ 1.8 %.
            assertEquals(sd * f, measured, 0.06 * sd * f, "phase SD at b = " + b[d]);
            double mean = sumA[d] / samples;
            // a = 1 − u·L·f, u uniform on [0, 1]: mean 1 − L·f/2, SD L·f/√12.
            assertEquals(1 - loss * f / 2, mean, 4 * loss * f / Math.sqrt(12 * samples), "mean amplitude at b = "
                    + b[d]);
            double var = sumA2[d] / samples - mean * mean;
            assertEquals(loss * f / Math.sqrt(12), Math.sqrt(var), 0.06 * loss * f / Math.sqrt(12),
                    "amplitude SD at b = " + b[d]);
        }
    }

    // Kills: an eddy phase not scaled by b/b_max, the direction's components paired with the wrong axes amplitudes,
    // a weighting's eddy current applied to another weighting (or to all), τ in ms read as s.
    @Test
    void eddyCurrentPhaseOfAWeightingFollowsBOverBmaxTimesAmplitudeDotDirection() {
        double[] b = {0, 1000, 2000, 3000};
        double[][] dir = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0.6, 0, 0.8}};
        double ax = 0.3;
        double ay = -0.2;
        double az = 0.5;
        double tau = 0.025;
        Synthesiser synth = SynthFixtures.synthesiser(scenario("b_values_s_per_mm2: [0, 1000, 2000, 3000],"
                        + " directions_per_b: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0.6, 0, 0.8]]",
                "    default: {model: mono_exponential, adc_um2_per_ms: 0.15}\n", "")
                .replace("diffusion:\n", "diffusion:\n  eddy_current: {amplitude_x_rad: " + ax + ", amplitude_y_rad: "
                        + ay + ", amplitude_z_rad: " + az + ", time_constant_ms: " + tau * 1e3 + "}\n"));
        Sample s = synth.generate(4, 0, false, false);
        Fid f0 = s.fid(0, 0);
        double[] truth = s.values("diffusion_eddy_amplitude_rad");
        for (int d = 1; d < b.length; d++) {
            double amp = b[d] / 3000 * (ax * dir[d][0] + ay * dir[d][1] + az * dir[d][2]);
            assertEquals(amp, truth[d], 1e-12, "truth A_d");
            Fid f = s.fid(d, 0);
            double att = Math.exp(-b[d] * 0.15e-3);
            for (int k = 0; k < 400; k++) {
                double t = k * SynthFixtures.DWELL;
                // Phase of FID_d / FID_0 (same lines, real attenuation): the weighting's eddy-current phase.
                double qr = f.re()[k] * f0.re()[k] + f.im()[k] * f0.im()[k];
                double qi = f.im()[k] * f0.re()[k] - f.re()[k] * f0.im()[k];
                double phase = Math.atan2(qi, qr);
                assertEquals(amp * Math.exp(-t / tau), phase, 1e-9, "phase at b = " + b[d] + ", t = " + t);
                assertEquals(att, Math.hypot(qr, qi) / (f0.re()[k] * f0.re()[k] + f0.im()[k] * f0.im()[k]), 1e-9,
                        "modulus");
            }
        }
        assertEquals(0, truth[0], 0, "no eddy current without diffusion gradient");
    }
}
