package org.larmor.spin;

/**
 * A chemical shift that follows pH through one acid–base equilibrium in fast exchange: the observed shift is the
 * population-weighted mean of the protonated (HA) and deprotonated (A) forms, with the populations from the
 * Henderson–Hasselbalch equation,
 *
 * <pre>  δ(pH) = (δ_HA + δ_A·10^(pH − pKa)) / (1 + 10^(pH − pKa))</pre>
 *
 * the model behind intracellular pH from the Pi shift (Moon RB, Richards JH. J Biol Chem 1973;248:7276-7278;
 * Petroff OAC et al. Neurology 1985;35:781-788 for the brain constants used in {@code pi.yaml}).
 *
 * @param pKa       the equilibrium's pKa (Pi: H2PO4⁻ ⇌ HPO4²⁻)
 * @param acidPpm   δ_HA, shift of the fully protonated form, ppm
 * @param basePpm   δ_A, shift of the fully deprotonated form, ppm
 * @param defaultPh pH used when the user gives none
 * @param source    citation of the constants
 */
public record PhTitration(double pKa, double acidPpm, double basePpm, double defaultPh, String source) {
    /** pH range in which Larmor evaluates the model (beyond it the single-equilibrium picture is not checked). */
    public static final double MIN_PH = 5.5;
    public static final double MAX_PH = 8.5;

    public PhTitration {
        if (!(defaultPh >= MIN_PH && defaultPh <= MAX_PH)) {
            throw new IllegalArgumentException("default pH " + defaultPh + " outside " + MIN_PH + "–" + MAX_PH);
        }
    }

    /** The pH at which the model gives this shift (the inverse of {@link #shiftPpm}): pKa + log10((δ − δ_HA)/(δ_A − δ)). */
    public double phAt(double shiftPpm) {
        return pKa + Math.log10((shiftPpm - acidPpm) / (basePpm - shiftPpm));
    }

    /** The observed shift at this pH, ppm. */
    public double shiftPpm(double pH) {
        double r = Math.pow(10, pH - pKa);
        return (acidPpm + basePpm * r) / (1 + r);
    }
}
