package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drift, phase and motion written in the truth table are what is measured on the transients; coil-combining
 * the transients with the recorded sensitivities and noise covariance gives the output spectrum; the noise of the
 * coils has the recorded covariance.
 */
class TransientsAndCoilsTest {
    private static final double NAA_PPM = 2.008;

    @Test
    void eachTransientsFrequencyPhaseAndAmplitudeAreTheRecordedOnes() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {Singlet: 12}
                metabolite_lineshape: {lorentzian_hz: 2, shift_hz: {dist: uniform, min: -2, max: 2}}
                lineshape: {gaussian_hz: 3, shift_hz: {dist: uniform, min: -3, max: 3}, reference: Singlet}
                noise: {snr: 100000}
                transients:
                  averages: 16
                  repetition_time_s: 2
                  drift_hz_per_s: 0.1
                  random_walk_hz: 0.5
                  phase_jitter_deg: 10
                  motion_probability: 0.3
                  motion_amplitude: {dist: uniform, min: 0.4, max: 0.8}
                  motion_phase_deg: {dist: uniform, min: -60, max: 60}
                  motion_shift_hz: {dist: normal, mean: 0, sd: 3}
                """);
        int moved = 0;
        for (long index = 0; index < 3; index++) {
            Sample s = synth.generate(11, index, false, true);
            double[] shift = s.values("transient_shift_hz");
            double[] phase = s.values("transient_phase_deg");
            double[] amp = s.values("transient_amplitude");
            double[] motion = s.values("transient_motion");
            double base = s.value("Singlet.shift_hz") + s.value("global_shift_hz");
            Fid reference = null;
            for (int j = 0; j < 16; j++) {
                Fid t = s.transientOf(j, 0);
                // The transient is not phased: locate the line on the magnitude, take the phase there, phase the
                // transient, and locate the absorption peak (twice, so that the phase is taken at the peak).
                double measuredHz = peakHz(t, Double.NaN) - base;
                double phaseDeg = Math.toDegrees(phaseAt(t, measuredHz + base));
                for (int iteration = 0; iteration < 2; iteration++) {
                    measuredHz = peakHz(t, Math.toRadians(phaseDeg)) - base;
                    phaseDeg = Math.toDegrees(phaseAt(t, measuredHz + base));
                }
                assertEquals(shift[j], measuredHz, 0.005, "frequency of transient " + j);
                assertEquals(phase[j], phaseDeg, 0.2, "phase of transient " + j);
                double nu = (SynthFixtures.REF - NAA_PPM) * SynthFixtures.MHZ - (base + shift[j]);
                double[] at = dtft(t, nu);
                if (j == 0) {
                    reference = t;
                }
                double[] ref = dtft(reference, (SynthFixtures.REF - NAA_PPM) * SynthFixtures.MHZ - (base + shift[0]));
                assertEquals(amp[j] / amp[0], Math.hypot(at[0], at[1]) / Math.hypot(ref[0], ref[1]), 0.01,
                        "amplitude of transient " + j);
                assertTrue(motion[j] == 1 || amp[j] == 1, "only corrupted transients lose signal");
                moved += (int) motion[j];
            }
            if (motion[0] == 0) {
                assertEquals(0, shift[0], 1e-12, "drift and random walk start at zero");
            }
        }
        assertTrue(moved > 0, "some transients are motion-corrupted");
    }

    @Test
    void combiningTheCoilsWithTheRecordedSensitivitiesGivesTheOutput() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {NAA: 12, Cr: 8, Cho: 2}
                lineshape: {gaussian_hz: 4}
                noise: {snr: 50}
                transients: {averages: 6, drift_hz_per_s: 0.2, phase_jitter_deg: 5}
                coils:
                  count: 4
                  sensitivity_magnitude: {dist: uniform, min: 0.3, max: 1}
                  noise_sd: {dist: uniform, min: 0.5, max: 2}
                  noise_correlation: {dist: uniform, min: 0.1, max: 0.5}
                """);
        Sample s = synth.generate(3, 0, false, true);
        int c = 4;
        double[] mag = s.values("coil_sensitivity_magnitude");
        double[] ph = s.values("coil_sensitivity_phase_deg");
        double[] sd = s.values("coil_noise_sd");
        double rho = s.value("coil_noise_correlation");
        org.ejml.data.DMatrixRMaj psi = new org.ejml.data.DMatrixRMaj(c, c);
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                psi.set(i, j, sd[i] * sd[j] * (i == j ? 1 : rho));
            }
        }
        org.ejml.data.DMatrixRMaj inv = new org.ejml.data.DMatrixRMaj(c, c);
        org.ejml.dense.row.CommonOps_DDRM.invert(psi, inv);
        // w = Ψ⁻¹S / (SᴴΨ⁻¹S) (Roemer et al. 1990), Ψ real.
        double[] wr = new double[c];
        double[] wi = new double[c];
        double norm = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double sr = mag[j] * Math.cos(Math.toRadians(ph[j]));
                double si = mag[j] * Math.sin(Math.toRadians(ph[j]));
                wr[i] += inv.get(i, j) * sr;
                wi[i] += inv.get(i, j) * si;
            }
        }
        for (int i = 0; i < c; i++) {
            norm += mag[i] * Math.cos(Math.toRadians(ph[i])) * wr[i] + mag[i] * Math.sin(Math.toRadians(ph[i])) * wi[i];
        }
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < SynthFixtures.N; k++) {
            double ar = 0;
            double ai = 0;
            for (int j = 0; j < 6; j++) {
                for (int q = 0; q < c; q++) {
                    Fid t = s.transientOf(j, q);
                    // conj(w_q)·x
                    ar += (wr[q] * t.re()[k] + wi[q] * t.im()[k]) / norm;
                    ai += (wr[q] * t.im()[k] - wi[q] * t.re()[k]) / norm;
                }
            }
            ar /= 6;
            ai /= 6;
            worst = Math.max(worst, Math.hypot(ar - s.fid().re()[k], ai - s.fid().im()[k]));
            scale = Math.max(scale, Math.hypot(s.fid().re()[k], s.fid().im()[k]));
        }
        assertTrue(worst < 1e-9 * scale, "combined average equals the output: " + worst + " of " + scale);
    }

    @Test
    void coilNoiseHasTheRecordedCovarianceAndTheAverageTheRequestedSd() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {NAA: 0}
                noise: {sd: 1.0}
                transients: {averages: 8}
                coils:
                  count: 3
                  sensitivity_magnitude: 1
                  noise_sd: {dist: uniform, min: 0.5, max: 2}
                  noise_correlation: 0.4
                """);
        Sample s = synth.generate(9, 0, false, true);
        double[] sd = s.values("coil_noise_sd");
        double[][] cov = new double[3][3];
        int count = 0;
        for (int j = 0; j < 8; j++) {
            for (int k = 0; k < SynthFixtures.N; k++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        cov[a][b] += s.transientOf(j, a).re()[k] * s.transientOf(j, b).re()[k];
                    }
                }
                count++;
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                cov[a][b] /= count;
            }
        }
        for (int a = 0; a < 3; a++) {
            assertEquals(1, Math.sqrt(cov[a][a]) / sd[a] / Math.sqrt(cov[0][0]) * sd[0], 0.05,
                    "relative noise SD of coil " + a);
            for (int b = 0; b < a; b++) {
                assertEquals(0.4, cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]), 0.04, "correlation " + a + b);
            }
        }
        double ss = 0;
        for (int k = 0; k < SynthFixtures.N; k++) {
            ss += s.fid().re()[k] * s.fid().re()[k] + s.fid().im()[k] * s.fid().im()[k];
        }
        assertEquals(1.0, Math.sqrt(ss / (2 * SynthFixtures.N)), 0.03, "SD of the averaged, combined noise");
    }

    @Test
    void requestingTransientsOrComponentsDoesNotChangeTheOutput() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {NAA: {dist: uniform, min: 8, max: 12}, Cr: 6}
                noise: {snr: 30}
                transients: {averages: 4, random_walk_hz: 1, phase_jitter_deg: 20}
                coils: {count: 2}
                water_reference: {concentration_mm: 40000}
                """);
        Sample plain = synth.generate(1, 17, false, false);
        Sample full = synth.generate(1, 17, true, true);
        assertEquals(plain.fid(), full.fid());
        assertEquals(plain.waterReference(), full.waterReference());
        assertTrue(java.util.Arrays.equals(plain.truth(), full.truth()));
    }

    @Test
    void waterReferenceIsTheTissueWaterSinglet() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm: {NAA: 10}
                phase: {zero_order_deg: 30}
                water_reference: {concentration_mm: 43300, attenuation: 0.7}
                """);
        Sample s = synth.generate(1, 0, false, false);
        Fid w = s.waterReference();
        double expected = 2 * 43300 * 0.7;
        assertEquals(expected, s.value("water_reference.amplitude"), 1e-9);
        assertEquals(expected, Math.hypot(w.re()[0], w.im()[0]), 1e-9 * expected);
        assertEquals(30, Math.toDegrees(Math.atan2(w.im()[0], w.re()[0])), 1e-9);
    }

    /**
     * Offset (Hz, positive to higher ppm) of the NAA singlet from 2.008 ppm: the absorption peak of the transient
     * phased by −θ (or of the magnitude if θ is NaN), on a 16-fold zero-filled spectrum
     * ({@link SpectralMetrics#peakPositionPpm}).
     */
    private static double peakHz(Fid t, double thetaRad) {
        double c = Double.isNaN(thetaRad) ? 1 : Math.cos(-thetaRad);
        double s = Double.isNaN(thetaRad) ? 0 : Math.sin(-thetaRad);
        double[] re = new double[t.points()];
        double[] im = new double[t.points()];
        for (int k = 0; k < re.length; k++) {
            re[k] = t.re()[k] * c - t.im()[k] * s;
            im[k] = t.re()[k] * s + t.im()[k] * c;
        }
        Spectrum fine = Spectrum.of(new Fid(re, im, t.dwellS()), SynthFixtures.MHZ, SynthFixtures.REF,
                16 * SynthFixtures.N);
        if (Double.isNaN(thetaRad)) {
            double[] mag = new double[fine.points()];
            for (int k = 0; k < mag.length; k++) {
                mag[k] = Math.hypot(fine.re()[k], fine.im()[k]);
            }
            fine = new Spectrum(mag, new double[mag.length], fine.frequencyHz(), fine.hzPerPpm(), fine.referencePpm());
        }
        return (SpectralMetrics.peakPositionPpm(fine, 1.9, 2.1) - NAA_PPM) * SynthFixtures.MHZ;
    }

    /** Phase (rad) of the spectrum at the NAA singlet shifted by {@code offsetHz}. */
    private static double phaseAt(Fid t, double offsetHz) {
        double[] x = dtft(t, (SynthFixtures.REF - NAA_PPM) * SynthFixtures.MHZ - offsetHz);
        return Math.atan2(x[1], x[0]);
    }

    /** S(ν) = Σ w_m·x_m·exp(−i2πν·t_m), w_0 = ½ (the continuous-frequency spectrum of {@link Spectrum}). */
    static double[] dtft(Fid f, double nuHz) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < f.points(); k++) {
            double a = -2 * Math.PI * nuHz * k * f.dwellS();
            double c = Math.cos(a);
            double s = Math.sin(a);
            double w = k == 0 ? 0.5 : 1;
            re += w * (f.re()[k] * c - f.im()[k] * s);
            im += w * (f.re()[k] * s + f.im()[k] * c);
        }
        return new double[] {re, im};
    }
}
