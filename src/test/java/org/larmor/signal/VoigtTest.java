package org.larmor.signal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Olivero–Longbothum width against its two exact limits (a pure Lorentzian and a pure Gaussian) and against the
 * width measured on the spectrum of a FID apodised with both (they agree to 0.025 %, the fit's stated 0.02 % and the
 * measurement's interpolation; the test allows 0.05 %).
 */
class VoigtTest {
    @Test
    void pureLorentzianAndPureGaussianKeepTheirWidths() {
        for (double w : new double[] {0.5, 2, 7.5}) {
            // A + √B = 1.000003: the approximation's 0.02 % holds in the limit too.
            assertEquals(w, Voigt.fwhmHz(w, 0), 2e-4 * w, "Lorentzian " + w + " Hz");
            assertEquals(w, Voigt.fwhmHz(0, w), 1e-15 * w, "Gaussian " + w + " Hz");
        }
        assertEquals(0, Voigt.fwhmHz(0, 0), 0);
    }

    @Test
    void widthOfBothBroadeningsMatchesTheMeasuredLine() {
        double hzPerPpm = 123.2;
        double dwell = 2.5e-4;
        for (double[] lg : new double[][] {{3, 4}, {6, 1.5}, {1, 8}}) {
            LineList line = new LineList(new double[] {-50}, new double[] {1}, new double[] {0});
            Fid f = line.toFid(8192, dwell, lg[0], lg[1]);
            Spectrum s = Spectrum.of(f, hzPerPpm, 0, 65536);
            double measured = SpectralMetrics.fwhmHz(s, 0, 1);
            assertEquals(measured, Voigt.fwhmHz(lg[0], lg[1]), 5e-4 * measured, "L " + lg[0] + ", G " + lg[1] + " Hz");
        }
    }
}
