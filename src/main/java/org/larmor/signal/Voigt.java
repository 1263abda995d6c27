package org.larmor.signal;

/**
 * The Voigt line (a Lorentzian of FWHM L convolved with a Gaussian of FWHM G) and its width.
 * Olivero JJ, Longbothum RL. Empirical fits to the Voigt line width: a brief review. J Quant Spectrosc Radiat
 * Transfer 1977;17:233-236 — accurate to 0.02 %.
 */
public final class Voigt {
    /** Coefficients of the Olivero–Longbothum approximation. */
    public static final double A = 0.5346;
    public static final double B = 0.2166;

    private Voigt() {
    }

    /** FWHM in Hz: A·L + √(B·L² + G²). */
    public static double fwhmHz(double lorentzianFwhmHz, double gaussianFwhmHz) {
        double l = lorentzianFwhmHz;
        return A * l + Math.sqrt(B * l * l + gaussianFwhmHz * gaussianFwhmHz);
    }
}
