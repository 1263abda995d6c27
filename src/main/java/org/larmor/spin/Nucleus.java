package org.larmor.spin;

import java.util.Locale;
import java.util.Optional;

/**
 * Nuclei that Larmor knows, with gyromagnetic ratio γ/2π and spin quantum number.
 *
 * <p>γ/2π values: CODATA 2018 for 1H (shielded proton in water is not used: Larmor references shifts in ppm);
 * others from Harris RK et al., Pure Appl Chem 2001;73:1795-1818 (IUPAC NMR nomenclature), Table 1.
 */
public enum Nucleus {
    H1("1H", 42.577478e6, 1),
    C13("13C", 10.7084e6, 1),
    N14("14N", 3.077706e6, 2),
    N15("15N", -4.316e6, 1),
    F19("19F", 40.078e6, 1),
    P31("31P", 17.235e6, 1);

    private final String symbol;
    private final double gammaHzPerT;
    private final int twiceSpin;

    Nucleus(String symbol, double gammaHzPerT, int twiceSpin) {
        this.symbol = symbol;
        this.gammaHzPerT = gammaHzPerT;
        this.twiceSpin = twiceSpin;
    }

    /** DICOM-style symbol, as in NIfTI-MRS ResonantNucleus: "1H", "31P". */
    public String symbol() {
        return symbol;
    }

    /** γ/2π in Hz/T (sign included: 15N is negative). */
    public double gammaHzPerT() {
        return gammaHzPerT;
    }

    /** 2I: 1 for spin-½ nuclei, 2 for 14N. */
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
