package org.larmor.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An fMRS block design (4 blocks of 32 s on, 32 s off, TR 2 s, one average per time point: 128 time points at
 * t_d = 2d s) recovered from the synthetic series the way an fMRS analysis would: the Singlet amplitude of every
 * time point measured by projecting the FID onto its known noise-free line, then a general linear model of the
 * amplitudes against the design regressor. The regressor, the haemodynamic response and the line are computed here
 * from their definitions (a first-order ODE stepped exactly, the double-gamma HRF integrated numerically, a damped
 * complex exponential), not taken from the code under test.
 */
class FmrsSeriesTest {
    static final int DYNAMICS = 128;
    static final double TR = 2;
    static final double LORENTZ_HZ = 4;
    static final double SINGLET_PPM = 2.008;

    static String scenario(String responseExtra, String noise, String bold) {
        return "concentrations_mm: {Singlet: 10}\n"
                + "metabolite_lineshape: {lorentzian_hz: " + LORENTZ_HZ + "}\n"
                + "lineshape: {reference: Singlet}\n"
                + "repetition_time_s: " + TR + "\n"
                + noise
                + "fmrs:\n"
                + "  dynamics: " + DYNAMICS + "\n"
                + "  design: {block: {first_onset_s: 0, on_s: 32, off_s: 32, blocks: 4}}\n"
                + "  responses: {Singlet: {change_percent: {dist: uniform, min: 3, max: 8}" + responseExtra + "}}\n"
                + bold;
    }

    /** The noise-free Singlet per mM: 3 protons at 2.008 ppm, Lorentzian of FWHM L: 3·exp(i2πνt)·exp(−πLt). */
    static double[][] singletLine(double lorentzHz) {
        int n = SynthFixtures.N;
        double nu = (SynthFixtures.REF - SINGLET_PPM) * SynthFixtures.MHZ;
        double[][] g = new double[2][n];
        for (int k = 0; k < n; k++) {
            double t = k * SynthFixtures.DWELL;
            double env = 3 * Math.exp(-Math.PI * lorentzHz * t);
            g[0][k] = env * Math.cos(2 * Math.PI * nu * t);
            g[1][k] = env * Math.sin(2 * Math.PI * nu * t);
        }
        return g;
    }

    static double norm2(double[][] g) {
        double s = 0;
        for (int k = 0; k < g[0].length; k++) {
            s += g[0][k] * g[0][k] + g[1][k] * g[1][k];
        }
        return s;
    }

    /** Least-squares real amplitude of g in x: Re⟨g, x⟩/⟨g, g⟩. */
    static double project(Fid x, double[][] g, double gg) {
        double s = 0;
        for (int k = 0; k < g[0].length; k++) {
            s += g[0][k] * x.re()[k] + g[1][k] * x.im()[k];
        }
        return s / gg;
    }

    /** 0/1 stimulus of the block design at time t (s). */
    static double stimulus(double t) {
        return t >= 0 && t < 256 && (t % 64) < 32 ? 1 : 0;
    }

    /**
     * The first-order response τ·r' = s − r, r(0) = 0, at the time points t_d = 2d: stepped exactly on a 0.5 s grid
     * (the stimulus is constant on each step), r ← s + (r − s)·exp(−h/τ); τ = 0 is the stimulus itself.
     */
    static double[] firstOrderResponse(double tauS) {
        double[] r = new double[DYNAMICS];
        if (tauS == 0) {
            for (int d = 0; d < DYNAMICS; d++) {
                r[d] = stimulus(d * TR);
            }
            return r;
        }
        double h = 0.5;
        double decay = Math.exp(-h / tauS);
        double x = 0;
        int steps = (int) Math.round(TR / h);
        for (int d = 0; d < DYNAMICS; d++) {
            r[d] = x;
            for (int k = 0; k < steps; k++) {
                double s = stimulus(d * TR + k * h);
                x = s + (x - s) * decay;
            }
        }
        return r;
    }

    /**
     * The block design convolved with the double-gamma HRF of unit integral, h(u) = (6/5)·(Γ(6,1) − Γ(16,1)/6)
     * density, by the trapezoidal rule on a 1 ms grid: H(x) = ∫₀ˣ h, response Σ_blocks H(t − on) − H(t − off).
     */
    static double[] hrfResponse() {
        double du = 1e-3;
        int m = 260_000;
        double[] cum = new double[m + 1];
        double f15 = 1;
        for (int k = 2; k <= 15; k++) {
            f15 *= k;
        }
        double prev = 0;
        for (int i = 1; i <= m; i++) {
            double u = i * du;
            double h = 1.2 * (Math.pow(u, 5) * Math.exp(-u) / 120 - Math.pow(u, 15) * Math.exp(-u) / f15 / 6);
            cum[i] = cum[i - 1] + 0.5 * du * (prev + h);
            prev = h;
        }
        double[] r = new double[DYNAMICS];
        for (int d = 0; d < DYNAMICS; d++) {
            double t = d * TR;
            double sum = 0;
            for (int b = 0; b < 4; b++) {
                double on = 64 * b;
                double off = on + 32;
                double a = t - on <= 0 ? 0 : cum[(int) Math.round((t - on) / du)];
                double c = t - off <= 0 ? 0 : cum[(int) Math.round((t - off) / du)];
                sum += a - c;
            }
            r[d] = sum;
        }
        return r;
    }

    /** OLS of y on [1, x]: {β0, β1, residual SD, (X'X)⁻¹₁₁}. */
    static double[] regress(double[] y, double[] x) {
        int n = y.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double det = n * sxx - sx * sx;
        double b1 = (n * sxy - sx * sy) / det;
        double b0 = (sy - b1 * sx) / n;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - b0 - b1 * x[i];
            rss += e * e;
        }
        return new double[] {b0, b1, Math.sqrt(rss / (n - 2)), n / det};
    }

    // Kills: a response that is not applied (β1 = 0), a change in percent read as a fraction or per mille (β1 off by
    // 100× or 10×), a regressor shifted by a time point or sampled at the start instead of the middle of the shots,
    // noise of the wrong SD (z-scores not standard).
    @Test
    void glmOfProjectedAmplitudesRecoversTheBoxcarResponseWithinItsStandardError() {
        recoversResponse(0);
    }

    // Kills: τ ignored (the boxcar would be a wrong regressor: misfit and biased β1), τ in ms, a rise without decay.
    @Test
    void glmRecoversTheResponseOfAFirstOrderKernelOfTimeConstantTenSeconds() {
        recoversResponse(10);
    }

    private static void recoversResponse(double tauS) {
        Synthesiser synth = SynthFixtures.synthesiser(scenario(tauS > 0 ? ", time_constant_s: " + tauS : "",
                "noise: {snr: 150}\n", ""));
        double[] r = firstOrderResponse(tauS);
        double[][] g = singletLine(LORENTZ_HZ);
        double gg = norm2(g);
        int scans = 20;
        double sumZ = 0;
        double sumZ2 = 0;
        double sumResidualRatio = 0;
        for (int i = 0; i < scans; i++) {
            Sample s = synth.generate(77, i, false, false);
            double c = s.value("Singlet.concentration_mm");
            double p = s.value("Singlet.response_percent");
            double[] dyn = s.values("Singlet.concentration_mm_dyn");
            for (int d = 0; d < DYNAMICS; d++) {
                assertEquals(c * (1 + p / 100 * r[d]), dyn[d], 1e-9 * c, "truth concentration at time point " + d);
            }
            double sigma = s.value("noise_sd");
            double seAmplitude = sigma / Math.sqrt(gg);
            double[] a = new double[DYNAMICS];
            for (int d = 0; d < DYNAMICS; d++) {
                a[d] = project(s.fid(d, 0), g, gg);
            }
            double[] fit = regress(a, r);
            double se = seAmplitude * Math.sqrt(fit[3]);
            double truth = c * p / 100;
            double z = (fit[1] - truth) / se;
            assertTrue(Math.abs(z) < 4, "scan " + i + ": β1 " + fit[1] + " vs " + truth + " ± " + se);
            assertTrue(se < 0.05 * truth, "the test has power: SE " + se + " of a response of " + truth);
            // SE of the intercept: σ_a·√(Σr²/det) = σ_a·√(2/128) for a half-on boxcar (the first-order course is
            // close to it).
            assertEquals(c, fit[0], 5 * seAmplitude * Math.sqrt(2.0 / DYNAMICS), "baseline amplitude, scan " + i);
            sumZ += z;
            sumZ2 += z * z;
            sumResidualRatio += fit[2] / seAmplitude;
        }
        double meanZ = sumZ / scans;
        double sdZ = Math.sqrt(sumZ2 / scans - meanZ * meanZ);
        assertTrue(Math.abs(meanZ) < 3 / Math.sqrt(scans), "mean z " + meanZ);
        assertTrue(sdZ > 0.6 && sdZ < 1.5, "SD of z " + sdZ + ": the standard error matches the scatter");
        // The residual scatter of the amplitudes about the fit is the noise's own: σ/‖g‖.
        assertEquals(1, sumResidualRatio / scans, 0.05, "residual SD / predicted SD of an amplitude");
    }

    // Kills: a signal made from other weights than the truth it writes (the noise-free time point is exactly
    // concentration_mm_dyn × the line), a time column not at the middle of the shots.
    @Test
    void noiseFreeTimePointIsTheTruthConcentrationTimesTheLine() {
        Synthesiser synth = SynthFixtures.synthesiser(scenario(", time_constant_s: 6", "", ""));
        Sample s = synth.generate(3, 1, false, false);
        double[] dyn = s.values("Singlet.concentration_mm_dyn");
        double[] times = s.values("fmrs_time_s");
        double[] stim = s.values("fmrs_stimulus");
        double[][] g = singletLine(LORENTZ_HZ);
        for (int d = 0; d < DYNAMICS; d++) {
            assertEquals(d * TR, times[d], 1e-12, "one shot per time point: its middle is its start");
            assertEquals(stimulus(d * TR), stim[d], 0, "stimulus at " + d);
            Fid f = s.fid(d, 0);
            for (int k = 0; k < SynthFixtures.N; k += 97) {
                assertEquals(dyn[d] * g[0][k], f.re()[k], 1e-9, "Re, time point " + d + ", point " + k);
                assertEquals(dyn[d] * g[1][k], f.im()[k], 1e-9, "Im, time point " + d + ", point " + k);
            }
        }
    }

    // Kills: BOLD narrowing not applied, applied as broadening (sign), a narrowing time course other than the
    // design ⊗ canonical HRF (e.g. the boxcar, or an HRF not normalised to unit integral), narrowing in rad/s.
    @Test
    void boldNarrowsTheSingletByTheHaemodynamicResponseTimesTheDrawnNarrowing() {
        Synthesiser synth = SynthFixtures.synthesiser(scenario("", "", "  bold: {narrowing_hz: {dist: uniform,"
                + " min: 1, max: 2}}\n"));
        Sample s = synth.generate(11, 0, false, false);
        double b = s.value("bold_narrowing_hz");
        assertTrue(b >= 1 && b <= 2, "drawn narrowing " + b);
        double[] dyn = s.values("bold_narrowing_hz_dyn");
        double[] h = hrfResponse();
        double fwhm0 = Double.NaN;
        double maxNarrowing = 0;
        for (int d = 0; d < DYNAMICS; d++) {
            assertEquals(b * h[d], dyn[d], 1e-5 * b, "truth narrowing = b·(design ⊗ HRF) at time point " + d);
            Fid f = s.fid(d, 0);
            // Lorentzian width from the decay of |FID|: a pure Lorentzian, so ln|FID| is exactly linear in t.
            int k1 = 800;
            double l = -Math.log(Math.hypot(f.re()[k1], f.im()[k1]) / Math.hypot(f.re()[0], f.im()[0]))
                    / (Math.PI * k1 * SynthFixtures.DWELL);
            assertEquals(LORENTZ_HZ - dyn[d], l, 1e-8, "decay-rate width at time point " + d);
            Spectrum fine = Spectrum.of(f, SynthFixtures.MHZ, SynthFixtures.REF, 16 * SynthFixtures.N);
            double fwhm = SpectralMetrics.fwhmHz(fine, 1.9, 2.1);
            if (d == 0) {
                fwhm0 = fwhm;
                assertEquals(0, dyn[0], 1e-12, "no response at the first onset");
            }
            // The 0.512 s acquisition truncates the narrower lines, which broadens them a little: the reference is
            // the FWHM, measured alike, of the analytic singlet of width L − b·h(t_d) on the same grid.
            double[][] a = singletLine(LORENTZ_HZ - dyn[d]);
            double expected = SpectralMetrics.fwhmHz(Spectrum.of(new Fid(a[0], a[1], SynthFixtures.DWELL),
                    SynthFixtures.MHZ, SynthFixtures.REF, 16 * SynthFixtures.N), 1.9, 2.1);
            assertEquals(expected, fwhm, 1e-3, "measured FWHM at time point " + d);
            // Naively, without the truncation: the narrowing itself, to within 10 % of b.
            assertEquals(dyn[d], fwhm0 - fwhm, 0.1 * b, "measured FWHM narrowing at time point " + d);
            maxNarrowing = Math.max(maxNarrowing, fwhm0 - fwhm);
        }
        assertTrue(maxNarrowing > 0.9 * b, "the series reaches the plateau: " + maxNarrowing + " of " + b);
    }

    // Kills: a design.tsv that does not re-read as the scenario's design, a manifest with other dynamics, TR or kind.
    @Test
    void datasetWritesTheDesignAsBidsEventsAndTheSeriesInTheManifest(@TempDir Path tmp) throws Exception {
        Synthesiser synth = SynthFixtures.synthesiser(scenario("", "noise: {snr: 20}\n", ""));
        Dataset.write(synth, tmp, new Dataset.Options(2, 1, 0, 1, false, false, false, false, false), "x", null);
        StimulusDesign back = StimulusDesign.parseTsv("design.tsv", Files.readString(tmp.resolve("design.tsv")));
        assertEquals(synth.scenario().fmrs().design().events(), back.events());
        assertEquals(4, back.events().size());
        assertEquals(32, back.events().get(1).durationS());
        assertEquals(64, back.events().get(1).onsetS());
        JsonNode acq = new ObjectMapper().readTree(tmp.resolve("manifest.json").toFile()).get("acquisition");
        assertEquals(DYNAMICS, acq.get("dynamics").asInt());
        assertEquals(TR, acq.get("repetition_time_s").asDouble());
        assertEquals("fmrs", acq.get("dynamics_kind").asText());
        assertEquals(List.of("spectrum", "time_point", "point"),
                new ObjectMapper().convertValue(acq.get("spectra_shape"), List.class));
    }
}
