package org.larmor.synth;

import org.apache.commons.math3.analysis.solvers.IllinoisSolver;
import org.larmor.signal.Voigt;

/**
 * The full width at half maximum of a singlet whose FID envelope is
 * e(t) = exp(−π·L·t)·exp(−(π·G·t)²/(4 ln 2))·Π_d sinc(π·W_d·t) (Lorentzian, Gaussian, and the uniform field
 * distributions of linear gradients across the voxel), and the Gaussian width that gives a requested FWHM.
 *
 * <p>Without gradients the line is a Voigt profile and its FWHM is the Olivero–Longbothum approximation,
 * 0.5346·L + √(0.2166·L² + G²), accurate to 0.02 % (Olivero JJ, Longbothum RL. J Quant Spectrosc Radiat Transfer
 * 1977;17:233-236), inverted in closed form. With gradients the FWHM is found numerically from the spectrum of the
 * sampled envelope, S(f) = Σ_m w_m·e(t_m)·cos(2π·f·t_m) (the trapezoid weight w_0 = ½, as in
 * {@link org.larmor.signal.Spectrum}): the same quantity {@link org.larmor.signal.SpectralMetrics#fwhmHz} measures on
 * a finely zero-filled spectrum.
 */
final class Linewidth {
    private Linewidth() {
    }


    static boolean anySpread(double[] spreadHz) {
        for (double w : spreadHz) {
            if (w > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the line has decayed to below 10⁻³ of its start within the acquisition, so that the truncation of
     * the FID does not widen it and the closed-form Voigt width holds; a line narrower than the acquisition's
     * resolution is measured on its sampled, truncated FID instead.
     */
    static boolean decayed(double lorentzHz, double gaussHz, int n, double dwellS) {
        double t = n * dwellS;
        double x = Math.PI * gaussHz * t;
        return Math.PI * lorentzHz * t + x * x / (4 * Math.log(2)) > Math.log(1e3);
    }

    /** Function evaluations allowed to a root search (it converges in a few tens). */
    private static final int MAX_EVALUATIONS = 200;

    /** FWHM in Hz of the singlet with this envelope, sampled on n points of dwell. */
    static double fwhmHz(double lorentzHz, double gaussHz, double[] spreadHz, int n, double dwellS) {
        if (!anySpread(spreadHz) && decayed(lorentzHz, gaussHz, n, dwellS)) {
            return Voigt.fwhmHz(lorentzHz, gaussHz);
        }
        double[] e = envelope(lorentzHz, gaussHz, spreadHz, n, dwellS);
        double top = spectrum(e, 0, dwellS);
        double half = top / 2;
        double guess = Math.max(Voigt.fwhmHz(lorentzHz, gaussHz), 0.5 * (spreadHz[0] + spreadHz[1] + spreadHz[2]));
        double lo = 0;
        double hi = Math.max(guess, 1e-3);
        while (spectrum(e, hi, dwellS) > half) {
            lo = hi;
            hi *= 2;
            if (hi > 0.5 / dwellS) {
                throw new IllegalArgumentException("line wider than the spectral width");
            }
        }
        // Half-width at half height: the root of S(f) − half in [lo, hi] (Illinois-modified regula falsi).
        double halfWidth = new IllinoisSolver(1e-9, 1e-12).solve(MAX_EVALUATIONS,
                f -> spectrum(e, f, dwellS) - half, lo, hi);
        return 2 * halfWidth;
    }

    /**
     * The Gaussian FWHM G ≥ 0 such that the line (Lorentzian L, the basis's own Gaussian G0 combined in quadrature,
     * spreads W) has FWHM {@code targetHz}; 0 if even G = 0 gives a broader line (the caller records the width
     * actually reached).
     */
    static double gaussianFor(double targetHz, double lorentzHz, double intrinsicGaussHz, double[] spreadHz, int n,
                              double dwellS) {
        double g0 = intrinsicGaussHz;
        if (!anySpread(spreadHz) && decayed(lorentzHz, Math.hypot(g0, Math.max(0, targetHz - lorentzHz)), n,
                dwellS)) {
            double a = targetHz - Voigt.A * lorentzHz;
            double total2 = a * a - Voigt.B * lorentzHz * lorentzHz;
            if (a <= 0 || total2 <= g0 * g0) {
                return 0;
            }
            return Math.sqrt(total2 - g0 * g0);
        }
        if (fwhmHz(lorentzHz, g0, spreadHz, n, dwellS) >= targetHz) {
            return 0;
        }
        double lo = 0;
        double flo = fwhmHz(lorentzHz, g0, spreadHz, n, dwellS) - targetHz;
        double hi = Math.max(targetHz, 1e-3);
        double fhi = fwhmHz(lorentzHz, Math.hypot(g0, hi), spreadHz, n, dwellS) - targetHz;
        while (fhi < 0) {
            lo = hi;
            flo = fhi;
            hi *= 2;
            fhi = fwhmHz(lorentzHz, Math.hypot(g0, hi), spreadHz, n, dwellS) - targetHz;
        }
        return new IllinoisSolver(1e-12, 1e-12).solve(MAX_EVALUATIONS,
                g -> fwhmHz(lorentzHz, Math.hypot(g0, g), spreadHz, n, dwellS) - targetHz, lo, hi);
    }

    private static double[] envelope(double lorentzHz, double gaussHz, double[] spreadHz, int n, double dwellS) {
        double[] re = new double[n];
        double[] im = new double[n];
        Lines.addLine(re, im, n, dwellS, 1, 0, 0, lorentzHz, gaussHz);
        for (double w : spreadHz) {
            Lines.multiplySinc(re, im, n, dwellS, w);
        }
        re[0] *= 0.5;
        return re;
    }

    /** Σ_m e_m·cos(2π·f·t_m) by a rotation recurrence (proportional to the real spectrum at f). */
    private static double spectrum(double[] e, double fHz, double dwellS) {
        double x = 2 * Math.PI * fHz * dwellS;
        double zr = Math.cos(x);
        double zi = Math.sin(x);
        double cr = 1;
        double ci = 0;
        double sum = 0;
        for (int k = 0; k < e.length; k++) {
            if (k % Lines.ANCHOR == 0) {
                cr = Math.cos(x * k);
                ci = Math.sin(x * k);
            }
            sum += e[k] * cr;
            double nr = cr * zr - ci * zi;
            ci = cr * zi + ci * zr;
            cr = nr;
        }
        return sum;
    }
}
