package org.larmor.sequence;

/**
 * How the FID is sampled and which lineshape the basis spectra get.
 *
 * @param points            complex points
 * @param spectralWidthHz   1/dwell, in Hz
 * @param referencePpm      chemical shift at the receiver frequency (0 Hz), in ppm (default: the nucleus'
 *                          {@link org.larmor.spin.PpmConvention#defaultReceiverPpm()})
 * @param lorentzianFwhmHz  Lorentzian line broadening (FWHM, Hz): the FID is multiplied by exp(−π·L·t)
 * @param gaussianFwhmHz    Gaussian line broadening (FWHM, Hz): exp(−(π·G·t)²/(4·ln 2))
 * @param decoupled         nucleus irradiated by ideal broadband decoupling while the FID is acquired (its
 *                          heteronuclear couplings to the observed spins vanish during acquisition), or null
 */
public record Acquisition(int points, double spectralWidthHz, double referencePpm, double lorentzianFwhmHz,
                          double gaussianFwhmHz, org.larmor.spin.Nucleus decoupled) {
    public Acquisition(int points, double spectralWidthHz, double referencePpm, double lorentzianFwhmHz,
                       double gaussianFwhmHz) {
        this(points, spectralWidthHz, referencePpm, lorentzianFwhmHz, gaussianFwhmHz, null);
    }

    public double dwellS() {
        return 1.0 / spectralWidthHz;
    }

    /**
     * Approximate FWHM of the Voigt line made by both broadenings, in Hz (Olivero JJ, Longbothum RL.
     * J Quant Spectrosc Radiat Transfer 1977;17:233-236; accurate to 0.02 %).
     */
    public double voigtFwhmHz() {
        return org.larmor.signal.Voigt.fwhmHz(lorentzianFwhmHz, gaussianFwhmHz);
    }
}
