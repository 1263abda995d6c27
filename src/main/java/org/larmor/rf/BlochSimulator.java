package org.larmor.rf;

import java.util.stream.IntStream;

import org.apache.commons.math3.complex.Complex;

/**
 * Bloch simulation of one isochromat through a shaped pulse, without relaxation: the waveform is piecewise
 * constant, and each sample is an exact rotation about its effective field (no small-angle approximation).
 *
 * <p>Conventions (docs/rf-pulses.md), those of the engine (docs/conventions.md): in the rotating frame at the
 * carrier, sample k has the Hamiltonian (rad/s)
 * <pre>
 *   H_k = 2π·B1max·a_k·(cos φ_k·Ix + sin φ_k·Iy) + Ω·g_k·Iz,   Ω = −2π·Δν
 * </pre>
 * with B1max = γB1/2π in Hz, Δν the isochromat's offset in Hz above the carrier ((δ − ref)·f0 for a chemical shift;
 * the minus sign is the physical sense of precession for γ &gt; 0, as in the engine's Hamiltonian), and g_k = 1
 * unless the shape is gradient-modulated. The propagator U_k = exp(−i·H_k·τ_k) is a right-handed rotation of M by
 * |Ω_k|·τ_k about Ω_k = (2π·B1max·a_k·cos φ_k, 2π·B1max·a_k·sin φ_k, −2π·Δν·g_k). So a phase-0 pulse turns +z
 * towards −y, a phase-90° pulse towards +x (the engine's exp(−iθ(cos φ·Ix + sin φ·Iy))), and free precession turns
 * +x towards −y for Δν &gt; 0 (clockwise seen from +z).
 *
 * <p>For a gradient-modulated shape (GOIA), the offset of sample k is Δν·g_k: Δν is the isochromat's position
 * expressed as its frequency offset under the peak gradient, γ·Gmax·x/2π.
 *
 * <p>Two propagations, which must agree: Cayley–Klein spinors ({@link #cayleyKlein}; Pauly J, Le Roux P,
 * Nishimura D, Macovski A. IEEE Trans Med Imaging 1991;10:53-65) and 3×3 rotations of the magnetisation
 * ({@link #rotate}, Rodrigues' formula).
 */
public final class BlochSimulator {
    private final PulseShape shape;
    private final double durationS;
    private final double[] dwellS;
    private final double[] amplitude;
    private final double[] cosPhase;
    private final double[] sinPhase;
    private final double[] offsetScale;

    /**
     * @param shape     the waveform
     * @param durationS total pulse duration (s), &gt; 0
     */
    public BlochSimulator(PulseShape shape, double durationS) {
        if (!(durationS > 0) || Double.isInfinite(durationS)) {
            throw new IllegalArgumentException("pulse duration must be positive, got " + durationS + " s");
        }
        this.shape = shape;
        this.durationS = durationS;
        int n = shape.sampleCount();
        double[] f = shape.dwellFractions();
        double[] g = shape.gradient();
        dwellS = new double[n];
        amplitude = shape.amplitude();
        cosPhase = new double[n];
        sinPhase = new double[n];
        offsetScale = new double[n];
        for (int k = 0; k < n; k++) {
            dwellS[k] = f[k] * durationS;
            cosPhase[k] = Math.cos(shape.phaseRad(k));
            sinPhase[k] = Math.sin(shape.phaseRad(k));
            offsetScale[k] = g == null ? 1.0 : g[k];
        }
    }

    public PulseShape shape() {
        return shape;
    }

    public double durationS() {
        return durationS;
    }

    /**
     * The whole pulse as one Cayley–Klein rotation, U = U_N ⋯ U_1.
     *
     * @param b1MaxHz  peak B1 (Hz, γB1/2π)
     * @param offsetHz the isochromat's offset above the carrier (Hz)
     */
    public CayleyKlein cayleyKlein(double b1MaxHz, double offsetHz) {
        double ar = 1;
        double ai = 0;
        double br = 0;
        double bi = 0;
        double w1 = 2 * Math.PI * b1MaxHz;
        double w0 = -2 * Math.PI * offsetHz; // Ω = −2π·Δν
        for (int k = 0; k < dwellS.length; k++) {
            double ox = w1 * amplitude[k] * cosPhase[k];
            double oy = w1 * amplitude[k] * sinPhase[k];
            double oz = w0 * offsetScale[k];
            double w = Math.sqrt(ox * ox + oy * oy + oz * oz);
            if (w == 0 || dwellS[k] == 0) {
                continue;
            }
            double half = 0.5 * w * dwellS[k];
            double c = Math.cos(half);
            double s = Math.sin(half) / w;
            // sample: a = c − i·Ωz·s, b = s·(Ωy − i·Ωx)
            double kar = c;
            double kai = -oz * s;
            double kbr = oy * s;
            double kbi = -ox * s;
            // α' = a·α − b*·β ; β' = b·α + a*·β
            double nar = kar * ar - kai * ai - (kbr * br + kbi * bi);
            double nai = kar * ai + kai * ar - (kbr * bi - kbi * br);
            double nbr = kbr * ar - kbi * ai + (kar * br + kai * bi);
            double nbi = kbr * ai + kbi * ar + (kar * bi - kai * br);
            ar = nar;
            ai = nai;
            br = nbr;
            bi = nbi;
        }
        return new CayleyKlein(new Complex(ar, ai),
                new Complex(br, bi));
    }

    /**
     * The magnetisation after the pulse by direct 3×3 rotations, sample by sample (Rodrigues' formula).
     *
     * @param m        magnetisation before the pulse
     * @param b1MaxHz  peak B1 (Hz, γB1/2π)
     * @param offsetHz the isochromat's offset above the carrier (Hz)
     */
    public Magnetisation rotate(Magnetisation m, double b1MaxHz, double offsetHz) {
        double x = m.x();
        double y = m.y();
        double z = m.z();
        double w1 = 2 * Math.PI * b1MaxHz;
        double w0 = -2 * Math.PI * offsetHz; // Ω = −2π·Δν
        for (int k = 0; k < dwellS.length; k++) {
            double ox = w1 * amplitude[k] * cosPhase[k];
            double oy = w1 * amplitude[k] * sinPhase[k];
            double oz = w0 * offsetScale[k];
            double w = Math.sqrt(ox * ox + oy * oy + oz * oz);
            if (w == 0 || dwellS[k] == 0) {
                continue;
            }
            double nx = ox / w;
            double ny = oy / w;
            double nz = oz / w;
            double theta = w * dwellS[k];
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            double dot = nx * x + ny * y + nz * z;
            // M' = M cos θ + (n × M) sin θ + n (n·M)(1 − cos θ)
            double cx = ny * z - nz * y;
            double cy = nz * x - nx * z;
            double cz = nx * y - ny * x;
            double xn = x * c + cx * s + nx * dot * (1 - c);
            double yn = y * c + cy * s + ny * dot * (1 - c);
            double zn = z * c + cz * s + nz * dot * (1 - c);
            x = xn;
            y = yn;
            z = zn;
        }
        return new Magnetisation(x, y, z);
    }

    /** The pulse's rotation at each offset (computed in parallel). */
    public Profile profile(double b1MaxHz, double[] offsetsHz) {
        CayleyKlein[] r = new CayleyKlein[offsetsHz.length];
        IntStream.range(0, r.length).parallel().forEach(i -> r[i] = cayleyKlein(b1MaxHz, offsetsHz[i]));
        return new Profile(durationS, b1MaxHz, offsetsHz, r);
    }

    /** {@code points} offsets evenly spaced from {@code fromHz} to {@code toHz} inclusive. */
    public static double[] offsets(double fromHz, double toHz, int points) {
        if (points < 2) {
            return new double[] {fromHz};
        }
        double[] o = new double[points];
        for (int i = 0; i < points; i++) {
            o[i] = fromHz + (toHz - fromHz) * i / (points - 1);
        }
        return o;
    }
}
