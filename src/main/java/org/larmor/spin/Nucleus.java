package org.larmor.spin;

import java.util.Locale;
import java.util.Optional;

/**
 * Nuclei that Larmor knows, with gyromagnetic ratio γ/2π and spin quantum number.
 *
 * <p>γ/2π values: CODATA 2018 for 1H (shielded proton in water is not used: Larmor references shifts in ppm);
 * others from Harris RK et al., Pure Appl Chem 2001;73:1795-1818 (IUPAC NMR nomenclature), Table 1. Each nucleus
 * carries its ppm convention ({@link PpmConvention}): what is at 0 ppm and where the receiver sits by default.
 *
 * <p>The sign of γ is kept: 15N precesses the other way round. {@link #precessionSense()} is what the engine reads.
 */
public enum Nucleus {
    H1("1H", 42.577478e6, 1, new PpmConvention("DSS (TMS) methyl protons", 4.65, "water (37 °C)")),
    H2("2H", 6.53590e6, 2, new PpmConvention("DSS-d (the 1H scale)", 4.65, "HDO (37 °C)")),
    C13("13C", 10.7084e6, 1, new PpmConvention("TMS", Double.NaN, "")),
    N14("14N", 3.077706e6, 2, new PpmConvention("liquid NH3", Double.NaN, "")),
    N15("15N", -4.316e6, 1, new PpmConvention("liquid NH3", Double.NaN, "")),
    F19("19F", 40.078e6, 1, new PpmConvention("CFCl3", Double.NaN, "")),
    P31("31P", 17.235e6, 1, new PpmConvention("phosphocreatine (PCr)", 0.0, "PCr"));

    private final String symbol;
    private final double gammaHzPerT;
    private final int twiceSpin;
    private final PpmConvention ppm;

    Nucleus(String symbol, double gammaHzPerT, int twiceSpin, PpmConvention ppm) {
        this.symbol = symbol;
        this.gammaHzPerT = gammaHzPerT;
        this.twiceSpin = twiceSpin;
        this.ppm = ppm;
    }

    /** The ppm convention: what is at 0 ppm and where the receiver sits by default. */
    public PpmConvention ppmConvention() {
        return ppm;
    }

    /**
     * +1 for γ &gt; 0, −1 for γ &lt; 0 (15N). The rotating-frame offset of a shift δ is
     * Ω = −2π·(γ/2π)·B0·(δ − ref)·10⁻⁶ = −sense·2π·(δ − ref)·f0·10⁻⁶ with f0 = |γ/2π|·B0 (Levitt, Spin Dynamics,
     * 2nd ed., §2.5 and §10.6: a negative γ precesses clockwise seen from +z).
     */
    public int precessionSense() {
        return gammaHzPerT < 0 ? -1 : 1;
    }

    /** DICOM-style symbol, as in NIfTI-MRS ResonantNucleus: "1H", "31P". */
    public String symbol() {
        return symbol;
    }

    /** γ/2π in Hz/T (sign included: 15N is negative). */
    public double gammaHzPerT() {
        return gammaHzPerT;
    }

    /** 2I: 1 for spin-½ nuclei, 2 for 2H and 14N. */
    public int twiceSpin() {
        return twiceSpin;
    }

    /** Larmor frequency |γ/2π|·B0 in Hz. */
    public double larmorHz(double b0T) {
        return Math.abs(gammaHzPerT) * b0T;
    }

    public static Optional<Nucleus> parse(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        for (Nucleus n : values()) {
            if (n.symbol.toUpperCase(Locale.ROOT).equals(t) || n.name().equals(t)
                    || (n.symbol.substring(n.symbol.length() - 1) + n.symbol.substring(0, n.symbol.length() - 1))
                    .toUpperCase(Locale.ROOT).equals(t)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return symbol;
    }
}
