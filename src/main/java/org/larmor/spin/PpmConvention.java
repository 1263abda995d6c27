package org.larmor.spin;

/**
 * How chemical shifts of one nucleus are referenced, and where its receiver sits by default: the one place that
 * holds each nucleus' ppm convention.
 *
 * <p>1H: DSS (or TMS) methyl protons at 0 ppm, receiver on water at 4.65 ppm (37 °C; Govindaraju et al., NMR Biomed
 * 2000;13:129). 2H: the same scale as 1H (deuterium shifts equal proton shifts to within isotope effects of
 * ~0.01 ppm), receiver on HDO at 4.65 ppm (de Feyter et al., Sci Adv 2018;4:eaat7314). 31P: phosphocreatine at
 * 0 ppm, the in vivo convention (85 % H3PO4, the chemist's zero, lies a few ppm from it), receiver on
 * PCr. 13C: TMS at 0 ppm; no default receiver (in vivo 13C spans ~20–185 ppm: the sequence must say). 14N, 15N:
 * liquid NH3 at 0 ppm; 19F: CFCl3 at 0 ppm; no default receiver.
 *
 * @param zeroCompound       what sits at 0 ppm on this nucleus' shift scale, in words
 * @param defaultReceiverPpm chemical shift at the receiver frequency when a sequence does not give one, ppm; NaN
 *                           where there is no default and {@code reference_ppm} is required
 * @param receiverCompound   what sits at the default receiver frequency, in words (empty without a default)
 */
public record PpmConvention(String zeroCompound, double defaultReceiverPpm, String receiverCompound) {
    /** True when a sequence may omit {@code reference_ppm}. */
    public boolean hasDefaultReceiver() {
        return !Double.isNaN(defaultReceiverPpm);
    }
}
