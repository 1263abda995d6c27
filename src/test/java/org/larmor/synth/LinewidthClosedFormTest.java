package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;
import org.larmor.signal.SpectralMetrics;
import org.larmor.signal.Spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linewidths against closed forms: the Lorentzian FWHM L, the Gaussian FWHM G, the Voigt width of Olivero and
 * Longbothum, and a Lorentzian convolved with the box of a uniform B0 spread, whose half height solves
 * arctan((f + W/2)/γ) − arctan((f − W/2)/γ) = arctan(W/(2γ)), γ = L/2.
 */
class LinewidthClosedFormTest {
    private static final int N = 8192;
    private static final double DWELL = 2.5e-4;
    private static final double[] NONE = {0, 0, 0};

    /** Olivero–Longbothum: 0.5346·L + √(0.2166·L² + G²). */
    private static double voigt(double l, double g) {
        return 0.5346 * l + Math.sqrt(0.2166 * l * l + g * g);
    }

    /** FWHM of a Lorentzian of FWHM L convolved with a box of width W, by bisection on the closed form. */
    private static double lorentzianBox(double l, double w) {
        double g = l / 2;
        double half = Math.atan(w / (2 * g));
        double lo = 0;
        double hi = 10 * (l + w);
        for (int k = 0; k < 200; k++) {
            double f = 0.5 * (lo + hi);
            double v = Math.atan((f + w / 2) / g) - Math.atan((f - w / 2) / g);
            if (v > half) {
                lo = f;
            } else {
                hi = f;
            }
        }
        return lo + hi;
    }

    @Test
    void decayedLinesHaveTheLorentzianGaussianAndVoigtWidths() {
        // Olivero–Longbothum is exact to 0.02 %, and exactly G for a pure Gaussian.
        assertEquals(7, Linewidth.fwhmHz(7, 0, NONE, N, DWELL), 2e-4 * 7, "Lorentzian");
        assertEquals(9, Linewidth.fwhmHz(0, 9, NONE, N, DWELL), 1e-12, "Gaussian");
        assertEquals(voigt(4, 6), Linewidth.fwhmHz(4, 6, NONE, N, DWELL), 1e-12, "Voigt");
        // The inverse: the Gaussian that makes a 4 Hz Lorentzian 8 Hz wide, with an intrinsic Gaussian of 2 Hz
        // combined in quadrature.
        double g = Linewidth.gaussianFor(8, 4, 2, NONE, N, DWELL);
        assertEquals(8, voigt(4, Math.hypot(2, g)), 1e-12);
        assertEquals(Math.sqrt(6 * 6 - 4), Linewidth.gaussianFor(voigt(4, 6), 4, 2, NONE, N, DWELL), 1e-9);
        // A target no Gaussian can reach (narrower than the Lorentzian and intrinsic Gaussian alone): none.
        assertEquals(0, Linewidth.gaussianFor(voigt(4, 2), 4, 2, NONE, N, DWELL), 1e-6, "just reached");
        assertEquals(0, Linewidth.gaussianFor(voigt(4, 1.5), 4, 2, NONE, N, DWELL), 0);
        assertEquals(0, Linewidth.gaussianFor(3, 4, 0, NONE, N, DWELL), 0);
        assertEquals(0, Linewidth.gaussianFor(1, 4, 0, NONE, N, DWELL), 0, "below the Lorentzian part A·L");
    }

    @Test
    void aLineIsDecayedWhenItsEnvelopeEndsBelowOneThousandth() {
        // exp(−π·L·T) = 10⁻³ at L = ln(10³)/(π·T), T = n·dwell.
        double t = N * DWELL;
        double l = Math.log(1e3) / (Math.PI * t);
        assertTrue(Linewidth.decayed(1.01 * l, 0, N, DWELL));
        assertFalse(Linewidth.decayed(0.99 * l, 0, N, DWELL));
        // Gaussian: (π·G·T)²/(4 ln 2) = ln 10³.
        double g = Math.sqrt(4 * Math.log(2) * Math.log(1e3)) / (Math.PI * t);
        assertTrue(Linewidth.decayed(0, 1.01 * g, N, DWELL));
        assertFalse(Linewidth.decayed(0, 0.99 * g, N, DWELL));
        assertTrue(Linewidth.anySpread(new double[] {0, 0, 0.5}));
        assertFalse(Linewidth.anySpread(NONE));
    }

    @Test
    void aLorentzianUnderAUniformB0SpreadIsTheLorentzianConvolvedWithABox() {
        for (double[] c : new double[][] {{4, 10}, {6, 3}, {2, 20}}) {
            double l = c[0];
            double w = c[1];
            double expected = lorentzianBox(l, w);
            // The spread split over the three axes gives the product of three sincs, not one box: put it on one.
            // The sampled, 2 s FID reproduces the continuous convolution to 10⁻⁶; 2·10⁻⁵ leaves room.
            assertEquals(expected, Linewidth.fwhmHz(l, 0, new double[] {w, 0, 0}, N, DWELL), 2e-5 * expected,
                    "L = " + l + ", W = " + w);
            assertEquals(expected, Linewidth.fwhmHz(l, 0, new double[] {0, 0, w}, N, DWELL), 2e-5 * expected);
            // And the inverse finds the Gaussian that widens it to a target.
            double target = 1.3 * expected;
            double g = Linewidth.gaussianFor(target, l, 0, new double[] {0, w, 0}, N, DWELL);
            assertTrue(g > 0);
            assertEquals(target, Linewidth.fwhmHz(l, g, new double[] {0, w, 0}, N, DWELL), 1e-6 * target);
            assertEquals(0, Linewidth.gaussianFor(0.9 * expected, l, 0, new double[] {0, w, 0}, N, DWELL), 0);
        }
    }

    @Test
    void aLineNarrowerThanTheResolutionIsMeasuredOnItsTruncatedFid() {
        // 0.2 Hz on a 0.5 s acquisition: the truncated FID, not the Lorentzian, sets the width. Measured
        // independently on the finely zero-filled spectrum (t = 0 halved), as SpectralMetrics does.
        int n = 2048;
        double l = 0.2;
        assertFalse(Linewidth.decayed(l, 0, n, DWELL));
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            re[k] = Math.exp(-Math.PI * l * k * DWELL);
        }
        Spectrum s = Spectrum.of(new Fid(re, im, DWELL), 100, 0, 64 * n);
        double measured = SpectralMetrics.fwhmHz(s, -0.2, 0.2);
        double fwhm = Linewidth.fwhmHz(l, 0, NONE, n, DWELL);
        assertTrue(fwhm > 5 * l, "much wider than 0.2 Hz: " + fwhm);
        assertEquals(measured, fwhm, 0.01 * measured);
        double g = Linewidth.gaussianFor(1.5 * fwhm, l, 0, NONE, n, DWELL);
        assertEquals(1.5 * fwhm, Linewidth.fwhmHz(l, g, NONE, n, DWELL), 1e-6 * fwhm);
    }

    @Test
    void aLineWiderThanTheSpectralWidthIsRefused() {
        // A 6 kHz Lorentzian sampled at 4 kHz is flat across the spectrum: its half height is never reached.
        assertThrows(IllegalArgumentException.class, () -> Linewidth.fwhmHz(6000, 0, new double[] {1e-3, 0, 0}, 64,
                DWELL));
    }
}
