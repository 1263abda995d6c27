package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each term of the signal model changes a noise-free spectrum as its formula says, with its parameters drawn at
 * random and read back from the truth row: the spectrum with the term minus (or divided by) the same scan without
 * it (the other terms draw from streams of their own, so they are the same numbers) is compared point by point with
 * the term's closed form, evaluated here with cos, sin and exp (not with the synthesiser's recurrences). Other
 * terms are left on where the order of the model matters: a baseline is added after the lineshape, residual water
 * before it, and both are phased.
 */
class TermExpectationsTest {
    static final int N = SynthFixtures.N;
    static final double DT = SynthFixtures.DWELL;
    static final double MHZ = SynthFixtures.MHZ;
    static final double REF = SynthFixtures.REF;
    static final String SINGLET = "concentrations_mm: {Singlet: {dist: uniform, min: 5, max: 15}}\n"
            + "metabolite_lineshape: {lorentzian_hz: {dist: uniform, min: 2, max: 5}}\n";
    /** Lineshape and phase on: global shift, Gaussian, eddy currents, zero-order phase. */
    static final String LINESHAPE = "lineshape: {reference: Singlet, gaussian_hz: {dist: uniform, min: 3, max: 6},"
            + " shift_hz: {dist: uniform, min: -4, max: 4},"
            + " eddy_current: {amplitude_rad: {dist: uniform, min: -0.6, max: 0.6}, time_constant_ms: {dist: uniform,"
            + " min: 10, max: 40}}}\n"
            + "phase: {zero_order_deg: {dist: uniform, min: -180, max: 180}}\n";

    static Sample scan(String yaml, long index) {
        return SynthFixtures.synthesiser(yaml).generate(31, index, false, false);
    }

    /** exp(i·(φ0 + A·exp(−t/τ))) of this scan, from its truth. */
    static double[] phaseAt(Sample s, int k) {
        double t = k * DT;
        double p = Math.toRadians(s.value("phase0_deg"))
                + s.value("eddy_amplitude_rad") * Math.exp(-t / s.value("eddy_time_constant_s"));
        return new double[] {Math.cos(p), Math.sin(p)};
    }

    /** The global lineshape at t: exp(−i2πΔt)·exp(−(πGt)²/(4 ln 2)), without B0 spread. */
    static double[] lineshapeAt(Sample s, int k) {
        double t = k * DT;
        double g = s.value("gaussian_hz");
        double env = Math.exp(-Math.pow(Math.PI * g * t, 2) / (4 * Math.log(2)));
        double a = -2 * Math.PI * s.value("global_shift_hz") * t;
        return new double[] {env * Math.cos(a), env * Math.sin(a)};
    }

    static double[] mul(double[] a, double[] b) {
        return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
    }

    static void assertDifference(Fid with, Fid without, java.util.function.IntFunction<double[]> expected,
                                 double tol, String what) {
        double size = 0;
        for (int k = 0; k < N; k++) {
            double[] e = expected.apply(k);
            size = Math.max(size, Math.hypot(e[0], e[1]));
            assertEquals(e[0], with.re()[k] - without.re()[k], tol, what + ": Re at " + k);
            assertEquals(e[1], with.im()[k] - without.im()[k], tol, what + ": Im at " + k);
        }
        assertTrue(size > 1000 * tol, what + " is not negligible: " + size);
    }

    // Kills: eddy term removed, τ read in ms as s (or s as ms), amplitude sign flipped or scaled, a phase
    // A·(1 − exp(−t/τ)) instead of A·exp(−t/τ).
    @Test
    void eddyCurrentPhaseIsTheFidPhaseDifferenceAExpMinusTOverTau() {
        for (int i = 0; i < 5; i++) {
            Sample without = scan(SINGLET + "lineshape: {reference: Singlet}\n", i);
            Sample with = scan(SINGLET + "lineshape: {reference: Singlet, eddy_current: {amplitude_rad: {dist:"
                    + " uniform, min: -1.5, max: 1.5}, time_constant_ms: {dist: uniform, min: 5, max: 60}}}\n", i);
            double a = with.value("eddy_amplitude_rad");
            double tau = with.value("eddy_time_constant_s");
            assertTrue(Math.abs(a) <= 1.5 && tau >= 0.005 && tau <= 0.06, a + ", " + tau);
            Fid p = without.fid();
            Fid e = with.fid();
            for (int k = 0; k < N; k++) {
                double qr = e.re()[k] * p.re()[k] + e.im()[k] * p.im()[k];
                double qi = e.im()[k] * p.re()[k] - e.re()[k] * p.im()[k];
                assertEquals(a * Math.exp(-k * DT / tau), Math.atan2(qi, qr), 1e-8, "draw " + i + ", point " + k);
                assertEquals(Math.hypot(p.re()[k], p.im()[k]), Math.hypot(e.re()[k], e.im()[k]), 1e-9,
                        "a phase only");
            }
        }
    }

    // Kills: baseline removed, amplitude scaled, FWHM taken as a Lorentzian width or as the Gaussian's σ, ppm axis
    // reversed (ν = (δ − ref)·f0), phase in radians read as degrees, the baseline put under the tissue lineshape
    // (it would then carry the global shift and Gaussian), the baseline left unphased.
    @Test
    void baselineAddsExactlyTheGaussianLinesOfItsTruthPhasedLikeEverythingElse() {
        String base = SINGLET + LINESHAPE;
        String bl = "baseline: {components: 4, amplitude: {dist: uniform, min: 5, max: 40}, fwhm_hz: {dist: uniform,"
                + " min: 100, max: 400}}\n";
        for (int i = 0; i < 4; i++) {
            Sample without = scan(base, i);
            Sample with = scan(base + bl, i);
            assertEquals(without.value("phase0_deg"), with.value("phase0_deg"), 0, "the other draws are unchanged");
            double[] amp = with.values("baseline_amplitude");
            double[] ppm = with.values("baseline_ppm");
            double[] fwhm = with.values("baseline_fwhm_hz");
            double[] ph = with.values("baseline_phase_deg");
            assertEquals(4, amp.length);
            assertDifference(with.fid(), without.fid(), k -> {
                double t = k * DT;
                double re = 0;
                double im = 0;
                for (int c = 0; c < 4; c++) {
                    double env = amp[c] * Math.exp(-Math.pow(Math.PI * fwhm[c] * t, 2) / (4 * Math.log(2)));
                    double a = Math.toRadians(ph[c]) + 2 * Math.PI * (REF - ppm[c]) * MHZ * t;
                    re += env * Math.cos(a);
                    im += env * Math.sin(a);
                }
                return mul(phaseAt(with, k), new double[] {re, im});
            }, 1e-9, "baseline, draw " + i);
        }
    }

    // Kills: residual water removed, its Lorentzian width read as a Gaussian FWHM or as a half width, its ppm axis
    // reversed, its phase not applied, the water left outside the tissue lineshape (no global shift, no Gaussian).
    @Test
    void residualWaterAddsItsLorentzianLinesUnderTheTissueLineshapeAndPhase() {
        String base = SINGLET + LINESHAPE;
        String rw = "residual_water: {components: 3, amplitude: {dist: uniform, min: 20, max: 200}}\n";
        for (int i = 0; i < 4; i++) {
            Sample without = scan(base, i);
            Sample with = scan(base + rw, i);
            double[] amp = with.values("residual_water_amplitude");
            double[] ppm = with.values("residual_water_ppm");
            double[] lw = with.values("residual_water_lorentzian_hz");
            double[] ph = with.values("residual_water_phase_deg");
            for (int c = 0; c < 3; c++) {
                assertTrue(ppm[c] >= 4.6 && ppm[c] <= 4.7 && lw[c] >= 4 && lw[c] <= 20, "default ranges");
            }
            assertDifference(with.fid(), without.fid(), k -> {
                double t = k * DT;
                double re = 0;
                double im = 0;
                for (int c = 0; c < 3; c++) {
                    double env = amp[c] * Math.exp(-Math.PI * lw[c] * t);
                    double a = Math.toRadians(ph[c]) + 2 * Math.PI * (REF - ppm[c]) * MHZ * t;
                    re += env * Math.cos(a);
                    im += env * Math.sin(a);
                }
                return mul(phaseAt(with, k), mul(lineshapeAt(with, k), new double[] {re, im}));
            }, 1e-9, "residual water, draw " + i);
        }
    }

    // Kills: a component amplitude that is not scale × relative amplitude × factor, FWHM in ppm not converted to Hz
    // (or converted with the wrong field), macromolecules outside the tissue lineshape.
    @Test
    void macromoleculesAddScaleTimesRelativeAmplitudeGaussiansUnderTheLineshape() {
        String base = SINGLET + LINESHAPE;
        String mm = "macromolecules: {model: custom, scale: {dist: uniform, min: 5, max: 20}, component_scale: {dist:"
                + " uniform, min: 0.8, max: 1.2}, components: [{name: MM09, ppm: 0.9, fwhm_ppm: 0.1, amplitude: 3},"
                + " {name: MM20, ppm: 2.05, fwhm_ppm: 0.15, amplitude: 1.5}]}\n";
        double[] ppm = {0.9, 2.05};
        double[] fwhmPpm = {0.1, 0.15};
        double[] rel = {3, 1.5};
        Sample without = scan(base, 2);
        Sample with = scan(base + mm, 2);
        double scale = with.value("mm_scale");
        double[] amp = {with.value("mm.MM09_amplitude"), with.value("mm.MM20_amplitude")};
        for (int c = 0; c < 2; c++) {
            double f = amp[c] / (scale * rel[c]);
            assertTrue(f >= 0.8 && f <= 1.2, "component factor " + f);
        }
        assertDifference(with.fid(), without.fid(), k -> {
            double t = k * DT;
            double re = 0;
            double im = 0;
            for (int c = 0; c < 2; c++) {
                double env = amp[c] * Math.exp(-Math.pow(Math.PI * fwhmPpm[c] * MHZ * t, 2) / (4 * Math.log(2)));
                double a = 2 * Math.PI * (REF - ppm[c]) * MHZ * t;
                re += env * Math.cos(a);
                im += env * Math.sin(a);
            }
            return mul(phaseAt(with, k), mul(lineshapeAt(with, k), new double[] {re, im}));
        }, 1e-9, "macromolecules");
    }

    // Kills: a metabolite shift of the wrong sign (towards lower ppm), Lorentzian FWHM taken as a half width,
    // Gaussian FWHM taken as σ, a B0-spread factor sinc(2πWt) or sinc(πWt/2) instead of sinc(πWt), a spread
    // applied on one axis only, a concentration not multiplying the basis line.
    @Test
    void metaboliteLineIsConcentrationTimesBasisUnderVoigtAndB0SpreadLineshape() {
        Sample s = scan("concentrations_mm: {Singlet: {dist: uniform, min: 5, max: 15}}\n"
                + "metabolite_lineshape: {lorentzian_hz: {dist: uniform, min: 2, max: 5}, shift_hz: {dist: uniform,"
                + " min: -3, max: 3}}\n"
                + "lineshape: {reference: Singlet, gaussian_hz: {dist: uniform, min: 3, max: 6}, shift_hz: {dist:"
                + " uniform, min: -4, max: 4}, b0_inhomogeneity: {spread_x_hz: {dist: uniform, min: 1, max: 8},"
                + " spread_y_hz: {dist: uniform, min: 1, max: 8}, spread_z_hz: {dist: uniform, min: 1, max: 8}}}\n",
                5);
        double c = s.value("Singlet.concentration_mm");
        double l = s.value("Singlet.lorentzian_hz");
        double shift = s.value("Singlet.shift_hz") + s.value("global_shift_hz");
        double g = s.value("gaussian_hz");
        double[] w = {s.value("b0_spread_x_hz"), s.value("b0_spread_y_hz"), s.value("b0_spread_z_hz")};
        double nu = (REF - 2.008) * MHZ;
        Fid f = s.fid();
        for (int k = 0; k < N; k++) {
            double t = k * DT;
            double env = 3 * c * Math.exp(-Math.PI * l * t)
                    * Math.exp(-Math.pow(Math.PI * g * t, 2) / (4 * Math.log(2)));
            for (double wd : w) {
                double x = Math.PI * wd * t;
                env *= k == 0 ? 1 : Math.sin(x) / x;
            }
            double a = 2 * Math.PI * (nu - shift) * t;
            assertEquals(env * Math.cos(a), f.re()[k], 1e-10, "Re at " + k);
            assertEquals(env * Math.sin(a), f.im()[k], 1e-10, "Im at " + k);
        }
    }

    // Kills: zero-order phase not applied, applied in radians as degrees, applied with the opposite sign.
    @Test
    void zeroOrderPhaseMultipliesTheFidByExpIPhi0() {
        Sample without = scan(SINGLET, 3);
        Sample with = scan(SINGLET + "phase: {zero_order_deg: {dist: uniform, min: -180, max: 180}}\n", 3);
        double p = Math.toRadians(with.value("phase0_deg"));
        Fid a = without.fid();
        Fid b = with.fid();
        for (int k = 0; k < N; k++) {
            assertEquals(a.re()[k] * Math.cos(p) - a.im()[k] * Math.sin(p), b.re()[k], 1e-10, "Re at " + k);
            assertEquals(a.re()[k] * Math.sin(p) + a.im()[k] * Math.cos(p), b.im()[k], 1e-10, "Im at " + k);
        }
    }

    /** X_j = Σ_t x_t·exp(−i2πjt/n) (a plain DFT), bins in FFT order. */
    static double[][] dft(Fid x) {
        int n = x.points();
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int k = 0; k < n; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        double[][] out = new double[2][n];
        for (int j = 0; j < n; j++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                int q = (int) ((long) j * t % n);
                re += x.re()[t] * cos[q] + x.im()[t] * sin[q];
                im += x.im()[t] * cos[q] - x.re()[t] * sin[q];
            }
            out[0][j] = re;
            out[1][j] = im;
        }
        return out;
    }

    // Kills: first-order phase not applied, pivot ignored (pivot taken as the receiver ppm), ppm axis reversed
    // (phase growing towards lower ppm), degrees/ppm read as radians/ppm.
    @Test
    void firstOrderPhaseRotatesEachBinByPhi1TimesItsPpmFromThePivot() {
        String two = "concentrations_mm: {Singlet: 10, Cho: 3}\n"
                + "metabolite_lineshape: {lorentzian_hz: 3}\nlineshape: {reference: Singlet}\n";
        Sample without = scan(two, 0);
        Sample with = scan(two + "phase: {first_order_deg_per_ppm: {dist: uniform, min: 5, max: 30}, pivot_ppm:"
                + " 2.5}\n", 0);
        double phi1 = Math.toRadians(with.value("phase1_deg_per_ppm"));
        double[][] a = dft(without.fid());
        double[][] b = dft(with.fid());
        double peak = 0;
        for (int j = 0; j < N; j++) {
            peak = Math.max(peak, Math.hypot(a[0][j], a[1][j]));
        }
        int checked = 0;
        for (int j = 0; j < N; j++) {
            double mag = Math.hypot(a[0][j], a[1][j]);
            if (mag < 1e-3 * peak) {
                continue;
            }
            int signed = j < N / 2 ? j : j - N;
            double ppm = REF - signed / (N * DT) / MHZ;
            double qr = b[0][j] * a[0][j] + b[1][j] * a[1][j];
            double qi = b[1][j] * a[0][j] - b[0][j] * a[1][j];
            double expected = phi1 * (ppm - 2.5);
            assertEquals(0, Math.IEEEremainder(Math.atan2(qi, qr) - expected, 2 * Math.PI), 1e-8, "bin " + j
                    + " at " + ppm + " ppm");
            assertEquals(mag, Math.hypot(b[0][j], b[1][j]), 1e-9 * peak, "a phase only, bin " + j);
            checked++;
        }
        assertTrue(checked > 20, "bins checked: " + checked);
    }

    // Kills: the factor 2 (two protons per water molecule) dropped, T1 saturation written exp(−TR/T1) instead of
    // 1 − exp(−TR/T1), T2 decay left out or with TE in ms, the sequence's singlet gain ignored, the scan's TR used
    // where the water scan states its own, the water line's Lorentzian width not applied, the phase not applied.
    @Test
    void waterReferenceAmplitudeIsTwoWaterTimesAttenuationSaturationDecayAndGain() {
        double te = 0.035;
        double gain = 0.5;
        double tr = 1.5;
        double t1 = 1.1;
        double t2 = 0.08;
        Scenario sc = SynthFixtures.scenario(SINGLET + "repetition_time_s: 3\n"
                + "phase: {zero_order_deg: {dist: uniform, min: -180, max: 180}}\n"
                + "water_reference: {concentration_mm: {dist: uniform, min: 30000, max: 45000}, attenuation: {dist:"
                + " uniform, min: 0.5, max: 1}, lorentzian_hz: {dist: uniform, min: 2, max: 6}, repetition_time_s: "
                + tr + ", t1_ms: " + t1 * 1e3 + ", t2_ms: " + t2 * 1e3 + "}\n");
        Fid singlet = SynthFixtures.singlets().get("Singlet");
        SynthBasis basis = new SynthBasis("test", List.of("Singlet"), List.of("Singlet"), List.of(singlet), MHZ, REF,
                "1H", te, 0, 0, gain);
        Synthesiser synth = new Synthesiser(sc, basis);
        for (int i = 0; i < 5; i++) {
            Sample s = synth.generate(9, i, false, false);
            double c = s.value("water_reference.concentration_mm");
            double att = s.value("water_reference.attenuation");
            double expected = 2 * c * att * (1 - Math.exp(-tr / t1)) * Math.exp(-te / t2) * gain;
            Fid w = s.waterReference();
            assertEquals(expected, Math.hypot(w.re()[0], w.im()[0]), 1e-9 * expected, "|FID(0)|, draw " + i);
            assertEquals(expected, s.value("water_reference.amplitude"), 1e-9 * expected, "truth amplitude");
            assertEquals((1 - Math.exp(-tr / t1)) * Math.exp(-te / t2), s.value("water_reference.relaxation_factor"),
                    1e-12);
            assertEquals(Math.toRadians(s.value("phase0_deg")), Math.atan2(w.im()[0], w.re()[0]), 1e-9, "phase");
            int k = 500;
            double decay = Math.hypot(w.re()[k], w.im()[k]) / Math.hypot(w.re()[0], w.im()[0]);
            assertEquals(Math.exp(-Math.PI * s.value("water_reference.lorentzian_hz") * k * DT), decay, 1e-9,
                    "Lorentzian decay");
        }
    }
}
