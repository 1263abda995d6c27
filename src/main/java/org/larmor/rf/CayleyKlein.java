package org.larmor.rf;

import org.apache.commons.math3.complex.Complex;

/**
 * A spin-½ rotation as its Cayley–Klein parameters (α, β): the SU(2) matrix
 * <pre>
 *   U = [[ α, −β* ],
 *        [ β,  α* ]],   |α|² + |β|² = 1,
 * </pre>
 * acting as ρ → U·ρ·U†. A rotation by θ (right-handed) about the unit axis n is
 * α = cos(θ/2) − i·n_z·sin(θ/2), β = −i·(n_x + i·n_y)·sin(θ/2), i.e. U = exp(−i·θ·n·I).
 *
 * <p>From (α, β) follow, for any magnetisation M (Mxy = Mx + i·My):
 * <pre>
 *   Mxy' = (α*)²·Mxy − β²·Mxy* + 2·α*·β·Mz
 *   Mz'  = (|α|² − |β|²)·Mz − 2·Re(α·β·Mxy*)
 * </pre>
 * hence the excitation profile 2α*β (from Mz = 1), the inversion profile Mz = 1 − 2|β|², and the spin-echo
 * (refocusing) profile −β², the coefficient of Mxy* that survives crusher gradients around the pulse; its
 * magnitude |β|² is the refocusing efficiency. Pauly J, Le Roux P, Nishimura D, Macovski A. Parameter relations
 * for the Shinnar-Le Roux selective excitation pulse design algorithm. IEEE Trans Med Imaging 1991;10:53-65.
 * (Pauly writes the echo coefficient as β² under his sign conventions for the rotation; with U as above it is
 * −β², checked against direct rotation in the tests; the magnitude |β|² is the same. See docs/rf-pulses.md.)
 *
 * @param alpha α
 * @param beta  β
 */
public record CayleyKlein(Complex alpha, Complex beta) {
    public static final CayleyKlein IDENTITY = new CayleyKlein(Complex.ONE, Complex.ZERO);

    /** The rotation by {@code angleRad} (right-handed) about the axis (nx, ny, nz), which need not be normalised. */
    public static CayleyKlein rotation(double nx, double ny, double nz, double angleRad) {
        double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (norm == 0 || angleRad == 0) {
            return IDENTITY;
        }
        double c = Math.cos(angleRad / 2);
        double s = Math.sin(angleRad / 2) / norm;
        return new CayleyKlein(new Complex(c, -nz * s), new Complex(ny * s, -nx * s));
    }

    /** This rotation followed by {@code next}: U = U_next·U_this. */
    public CayleyKlein then(CayleyKlein next) {
        Complex a = next.alpha;
        Complex b = next.beta;
        return new CayleyKlein(a.multiply(alpha).subtract(b.conjugate().multiply(beta)),
                b.multiply(alpha).add(a.conjugate().multiply(beta)));
    }

    /** Transverse magnetisation Mx + i·My created from equilibrium (Mz = 1): 2·α*·β. */
    public Complex excitation() {
        return alpha.conjugate().multiply(beta).multiply(2);
    }

    /** Mz after the pulse from equilibrium: 1 − 2|β|². */
    public double inversionMz() {
        return 1 - 2 * betaNormSquared();
    }

    /** Spin-echo coefficient −β²: refocused Mxy' = −β²·(Mxy before)*, the part that survives crushers. */
    public Complex refocusing() {
        return beta.multiply(beta).negate();
    }

    /** |β|²: refocusing efficiency, and also (1 − Mz)/2, the fraction inverted. */
    public double betaNormSquared() {
        return beta.getReal() * beta.getReal() + beta.getImaginary() * beta.getImaginary();
    }

    /** The magnetisation m after this rotation. */
    public Magnetisation apply(Magnetisation m) {
        double ar = alpha.getReal();
        double ai = alpha.getImaginary();
        double br = beta.getReal();
        double bi = beta.getImaginary();
        // (α*)² and β² and 2α*β
        double a2r = ar * ar - ai * ai;
        double a2i = -2 * ar * ai;
        double b2r = br * br - bi * bi;
        double b2i = 2 * br * bi;
        double er = 2 * (ar * br + ai * bi);
        double ei = 2 * (ar * bi - ai * br);
        double mr = m.x();
        double mi = m.y();
        double x = a2r * mr - a2i * mi - (b2r * mr + b2i * mi) + er * m.z();
        double y = a2r * mi + a2i * mr - (b2i * mr - b2r * mi) + ei * m.z();
        // α·β·Mxy*
        double abr = ar * br - ai * bi;
        double abi = ar * bi + ai * br;
        double z = (ar * ar + ai * ai - br * br - bi * bi) * m.z() - 2 * (abr * mr + abi * mi);
        return new Magnetisation(x, y, z);
    }
}
