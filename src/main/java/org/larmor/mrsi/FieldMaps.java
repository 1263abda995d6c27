package org.larmor.mrsi;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The B0 and transmit-B1 maps of a phantom.
 *
 * <p><b>B0</b> (Hz; positive = higher precession frequency, which moves a line to higher ppm in Larmor's on-disk
 * convention) is the sum of
 * <ul>
 *   <li>a uniform offset;</li>
 *   <li>a shim residual: the eight first- and second-order shim terms in the head's normalised coordinates
 *       (u, v, w) = (x/a, y/b, z/c): u, v, w, uv, uw, vw, u² − v², 2w² − u² − v², with coefficients drawn from N(0, 1)
 *       (stream "b0.shim" of the dataset seed), made of zero mean over the brain (the scanner's frequency
 *       adjustment) and scaled to the given RMS over the brain;</li>
 *   <li>each air cavity's field, that of a uniformly magnetised sphere of radius R and susceptibility difference
 *       Δχ = χ_air − χ_tissue in B0 along z: outside it ΔB_z/B0 = (Δχ/3)·(R/r)³·(3cos²θ − 1), θ the angle between
 *       r and B0 (Schenck JF. The role of magnetic susceptibility in magnetic resonance imaging: MRI magnetic
 *       compatibility of the first and second kinds. Med Phys 1996;23:815-850, eq. for a sphere); inside the
 *       sphere (air: no signal) it is taken as 0. Δχ(air − tissue) ≈ +9.4 ppm (air +0.36, tissue ≈ −9.05 ppm).</li>
 * </ul>
 *
 * <p><b>B1</b> is a scale on the nominal flip angles, s = centre + (edge − centre)·min(ρ², 1), with ρ the head
 * ellipsoid's normalised radius: the central brightening of a head coil at 3 T and above as a smooth quadratic,
 * constant at the edge value outside the head.
 */
public final class FieldMaps {
    private final MrsiScenario.B0Spec b0;
    private final MrsiScenario.B1Spec b1;
    private final Phantom phantom;
    private final double[] semi;
    private final double f0Hz;
    private final double[] shim;
    private double shimScale;
    private double shimMean;

    /**
     * @param f0Hz spectrometer frequency (Hz), for the susceptibility field
     * @param seed dataset seed
     */
    public FieldMaps(MrsiScenario.B0Spec b0, MrsiScenario.B1Spec b1, MrsiScenario.PhantomSpec spec, Phantom phantom,
                     double f0Hz, long seed) {
        this.b0 = b0;
        this.b1 = b1;
        this.phantom = phantom;
        this.semi = spec.headSemiAxesM();
        this.f0Hz = f0Hz;
        SplittableRandom rng = new SplittableRandom(Streams.seed(seed, "b0.shim"));
        shim = new double[8];
        for (int k = 0; k < shim.length; k++) {
            shim[k] = gaussian(rng);
        }
        shimScale = 0;
        shimMean = 0;
    }

    /**
     * Sets the shim residual's mean and scale from the brain's points: zero mean and the scenario's RMS over them.
     *
     * @param points positions (m), each {x, y, z}
     * @param weight brain fraction of each point
     */
    public void calibrateShim(List<double[]> points, double[] weight) {
        double w = 0;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < points.size(); i++) {
            double v = shimShape(points.get(i));
            w += weight[i];
            s += weight[i] * v;
            s2 += weight[i] * v * v;
        }
        if (w <= 0 || b0.shimRmsHz() == 0) {
            shimScale = 0;
            shimMean = 0;
            return;
        }
        shimMean = s / w;
        double var = s2 / w - shimMean * shimMean;
        shimScale = var > 0 ? b0.shimRmsHz() / Math.sqrt(var) : 0;
    }

    /** The shim coefficients drawn (before scaling), in the order of the class comment. */
    public double[] shimCoefficients() {
        return shim.clone();
    }

    /** Scale applied to the shim polynomial (Hz per unit). */
    public double shimScaleHz() {
        return shimScale;
    }

    /** B0 offset at a point (Hz). */
    public double b0Hz(double[] p) {
        double f = b0.offsetHz() + shimScale * (shimShape(p) - shimMean);
        for (MrsiScenario.Cavity c : b0.cavities()) {
            f += susceptibilityHz(p, c, f0Hz);
        }
        return f;
    }

    /** The field of one air sphere at p (Hz): f0·(Δχ/3)·(R/r)³·(3cos²θ − 1) outside, 0 inside. */
    public static double susceptibilityHz(double[] p, MrsiScenario.Cavity c, double f0Hz) {
        double dx = p[0] - c.centreM()[0];
        double dy = p[1] - c.centreM()[1];
        double dz = p[2] - c.centreM()[2];
        double r2 = dx * dx + dy * dy + dz * dz;
        double r = Math.sqrt(r2);
        if (r <= c.radiusM()) {
            return 0;
        }
        double cos2 = dz * dz / r2;
        double ratio = c.radiusM() / r;
        return f0Hz * c.deltaChiPpm() * 1e-6 / 3 * ratio * ratio * ratio * (3 * cos2 - 1);
    }

    /** Transmit B1 scale at a point. */
    public double b1Scale(double[] p) {
        return b1.centre() + (b1.edge() - b1.centre()) * Math.min(1, phantom.normalisedRadiusSquared(p));
    }

    private double shimShape(double[] p) {
        double u = p[0] / semi[0];
        double v = p[1] / semi[1];
        double w = p[2] / semi[2];
        return shim[0] * u + shim[1] * v + shim[2] * w + shim[3] * u * v + shim[4] * u * w + shim[5] * v * w
                + shim[6] * (u * u - v * v) + shim[7] * (2 * w * w - u * u - v * v);
    }

    static double gaussian(SplittableRandom rng) {
        // Marsaglia polar method: two uniforms per pair, the second deviate discarded (simple and deterministic).
        while (true) {
            double a = 2 * rng.nextDouble() - 1;
            double b = 2 * rng.nextDouble() - 1;
            double s = a * a + b * b;
            if (s > 0 && s < 1) {
                return a * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
