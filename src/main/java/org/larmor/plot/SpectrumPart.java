package org.larmor.plot;

import org.larmor.signal.Spectrum;

/** Which part of a complex spectrum to draw. */
public enum SpectrumPart {
    /** Real part: the absorption spectrum of a phased signal. */
    REAL("real"),
    /** Imaginary part: the dispersion spectrum of a phased signal. */
    IMAGINARY("imag"),
    /** Modulus |S|, independent of phase. */
    MAGNITUDE("magnitude");

    private final String id;

    SpectrumPart(String id) {
        this.id = id;
    }

    /** The name users write: real, imag, magnitude. */
    public String id() {
        return id;
    }

    /** This part of each point of {@code s}. */
    public double[] of(Spectrum s) {
        double[] out = new double[s.points()];
        for (int k = 0; k < out.length; k++) {
            out[k] = switch (this) {
                case REAL -> s.re()[k];
                case IMAGINARY -> s.im()[k];
                case MAGNITUDE -> Math.hypot(s.re()[k], s.im()[k]);
            };
        }
        return out;
    }

    /** real, imag (or imaginary), magnitude (or abs, mag); case-insensitive. */
    public static SpectrumPart parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "real", "re" -> REAL;
            case "imag", "imaginary", "im" -> IMAGINARY;
            case "magnitude", "mag", "abs" -> MAGNITUDE;
            default -> throw new IllegalArgumentException("unknown spectrum part \"" + s
                    + "\": expected real, imag or magnitude");
        };
    }
}
