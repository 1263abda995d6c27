package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SNR and linewidth the scenario asks for are what {@link SpectralMetrics} measures on the generated spectra
 * (MRSinMRS definitions, docs/metrics.md): NAA singlet height over the SD of the noise in a signal-free window, and
 * the FWHM of that singlet on a finely zero-filled spectrum.
 */
class SnrAndLinewidthTest {
    private static final int DRAWS = 200;

    @Test
    void measuredSnrAndFwhmMatchTheRequestedValuesOverManyDraws() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm:
                  NAA: {dist: uniform, min: 8, max: 14}
                  Cr: {dist: uniform, min: 4, max: 9}
                  Cho: {dist: uniform, min: 0.5, max: 2}
                metabolite_lineshape:
                  lorentzian_hz: {dist: uniform, min: 0.5, max: 3}
                  shift_hz: {dist: normal, mean: 0, sd: 1}
                lineshape:
                  linewidth_hz: {dist: uniform, min: 4, max: 10}
                  shift_hz: {dist: uniform, min: -5, max: 5}
                noise:
                  snr: {dist: uniform, min: 40, max: 200}
                  noise_window_ppm: [-2, 0]
                """);
        double snrRatio = 0;
        double fwhmRatio = 0;
        double fwhmWorst = 0;
        for (int i = 0; i < DRAWS; i++) {
            Sample s = synth.generate(2024, i, false, false);
            Spectrum plain = Spectrum.of(s.fid(), SynthFixtures.MHZ, SynthFixtures.REF);
            double snr = SpectralMetrics.snr(plain, 1.9, 2.1, -2, 0);
            snrRatio += snr / s.value("snr_target");
            Spectrum fine = Spectrum.of(s.fid(), SynthFixtures.MHZ, SynthFixtures.REF, 8 * SynthFixtures.N);
            double fwhm = SpectralMetrics.fwhmHz(fine, 1.9, 2.1);
            assertEquals(s.value("linewidth_target_hz"), s.value("linewidth_hz"), 1e-9,
                    "the Gaussian part is solved to give the target exactly");
            double r = fwhm / s.value("linewidth_hz");
            fwhmRatio += r;
            fwhmWorst = Math.max(fwhmWorst, Math.abs(r - 1));
        }
        assertEquals(1, snrRatio / DRAWS, 0.03, "mean measured/requested SNR");
        assertEquals(1, fwhmRatio / DRAWS, 0.03, "mean measured/requested FWHM");
        assertTrue(fwhmWorst < 0.08, "every FWHM within 8 %: worst " + fwhmWorst);
    }

    @Test
    void linewidthTargetHoldsWithB0InhomogeneityThroughTheNumericalSolver() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm:
                  NAA: 10
                  Cr: 8
                metabolite_lineshape:
                  lorentzian_hz: {dist: uniform, min: 0.5, max: 2}
                lineshape:
                  linewidth_hz: {dist: uniform, min: 6, max: 12}
                  b0_inhomogeneity:
                    spread_x_hz: {dist: uniform, min: 0, max: 6}
                    spread_y_hz: {dist: uniform, min: 0, max: 6}
                    spread_z_hz: {dist: uniform, min: 0, max: 6}
                """);
        for (int i = 0; i < 20; i++) {
            Sample s = synth.generate(5, i, false, false);
            Spectrum fine = Spectrum.of(s.fid(), SynthFixtures.MHZ, SynthFixtures.REF, 16 * SynthFixtures.N);
            double fwhm = SpectralMetrics.fwhmHz(fine, 1.9, 2.1);
            assertEquals(s.value("linewidth_target_hz"), fwhm, 0.01 * fwhm, "draw " + i);
        }
    }

    @Test
    void recordedLinewidthIsTheMeasuredOneWhenTheGaussianWidthIsGiven() {
        Synthesiser synth = SynthFixtures.synthesiser("""
                concentrations_mm:
                  NAA: 10
                metabolite_lineshape:
                  lorentzian_hz: {dist: uniform, min: 0, max: 4}
                lineshape:
                  gaussian_hz: {dist: uniform, min: 0, max: 8}
                """);
        for (int i = 0; i < 20; i++) {
            Sample s = synth.generate(6, i, false, false);
            Spectrum fine = Spectrum.of(s.fid(), SynthFixtures.MHZ, SynthFixtures.REF, 16 * SynthFixtures.N);
            double fwhm = SpectralMetrics.fwhmHz(fine, 1.9, 2.1);
            assertEquals(s.value("linewidth_hz"), fwhm, 0.01 * fwhm, "draw " + i);
        }
    }
}
