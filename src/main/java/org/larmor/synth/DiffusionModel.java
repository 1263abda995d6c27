package org.larmor.synth;

import org.apache.commons.math3.special.Erf;
import org.larmor.input.InputException;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A metabolite's diffusion signal model for diffusion-weighted MRS (dMRS): the attenuation S(b)/S(0) of its signal
 * at diffusion weighting b. The models are direction-independent: the tissue is taken as isotropic on the scale of
 * the voxel (for sticks, a powder average over stick orientations), so the gradient direction of a
 * {@link GradientTable} entry does not enter.
 *
 * <p>Diffusivities are in m²/s inside (SI); scenarios and truth tables write them in µm²/ms, the unit dMRS papers
 * use (1 µm²/ms = 10⁻⁹ m²/s; free water at 37 °C is about 3 µm²/ms, brain metabolites 0.1–0.2 µm²/ms). b is in
 * s/m² (1 s/mm² = 10⁶ s/m²), so b·D is dimensionless.
 *
 * <p>The parameters are drawn once per spectrum from {@link Distribution}s ({@link #draw}); {@link #attenuation}
 * evaluates the model for drawn parameters. A scenario writes one model as
 * <pre>
 * {model: mono_exponential, adc_um2_per_ms: 0.15}
 * {model: kurtosis, adc_um2_per_ms: {dist: uniform, min: 0.1, max: 0.2}, kurtosis: 1.0}
 * {model: sticks, axial_diffusivity_um2_per_ms: {dist: normal, mean: 0.5, sd: 0.05}}
 * </pre>
 */
public sealed interface DiffusionModel permits DiffusionModel.MonoExponential, DiffusionModel.Kurtosis,
        DiffusionModel.Sticks {
    /** m²/s in one µm²/ms. */
    double M2_PER_S_PER_UM2_PER_MS = 1e-9;
    /** Smallest diffusivity a scenario may write (µm²/ms). */
    double MIN_DIFFUSIVITY_UM2_PER_MS = 0.001;
    /** Largest diffusivity a scenario may write (µm²/ms): above free water at 37 °C (about 3 µm²/ms). */
    double MAX_DIFFUSIVITY_UM2_PER_MS = 3.5;
    /** Largest kurtosis a scenario may write. */
    double MAX_KURTOSIS = 3;

    /**
     * Free (Gaussian) diffusion: S(b)/S(0) = exp(−b·D) (Stejskal EO, Tanner JE. Spin diffusion measurements: spin
     * echoes in the presence of a time-dependent field gradient. J Chem Phys 1965;42:288–292).
     *
     * @param adcM2PerS the apparent diffusion coefficient D (m²/s)
     */
    record MonoExponential(Distribution adcM2PerS) implements DiffusionModel {
        public MonoExponential {
            Objects.requireNonNull(adcM2PerS, "adcM2PerS");
        }

        @Override
        public List<String> parameterNames() {
            return List.of("adc_um2_per_ms");
        }

        @Override
        public double[] draw(SplittableRandom rng, double[] into) {
            double[] p = DiffusionModel.array(into, 1);
            p[0] = DiffusionModel.value(adcM2PerS, rng);
            return p;
        }

        @Override
        public double[] truthValues(double[] params) {
            return new double[] {params[0] / M2_PER_S_PER_UM2_PER_MS};
        }

        @Override
        public double attenuation(double[] params, double bSPerM2) {
            return Math.exp(-bSPerM2 * params[0]);
        }

        @Override
        public String name() {
            return "mono_exponential";
        }
    }

    /**
     * Diffusion kurtosis: S(b)/S(0) = exp(−b·D + (b·D)²·K/6), the second-order cumulant expansion of the signal in b
     * (Jensen JH, Helpern JA, Ramani A, Lu H, Kaczynski K. Diffusional kurtosis imaging: the quantification of
     * non-Gaussian water diffusion by means of magnetic resonance imaging. Magn Reson Med 2005;53:1432–1440).
     *
     * <p>The expansion describes a signal only while it falls with b: its exponent has its minimum at
     * b = 3/(D·K), beyond which the modelled signal rises again, which no diffusion process does. {@link #validUpTo}
     * gives that limit; {@link DiffusionModel#read} refuses distributions that allow it to be reached within the
     * gradient table.
     *
     * @param adcM2PerS the apparent diffusion coefficient D (m²/s)
     * @param kurtosis  the apparent kurtosis K (dimensionless, 0 for Gaussian diffusion)
     */
    record Kurtosis(Distribution adcM2PerS, Distribution kurtosis) implements DiffusionModel {
        public Kurtosis {
            Objects.requireNonNull(adcM2PerS, "adcM2PerS");
            Objects.requireNonNull(kurtosis, "kurtosis");
        }

        @Override
        public List<String> parameterNames() {
            return List.of("adc_um2_per_ms", "kurtosis");
        }

        @Override
        public double[] draw(SplittableRandom rng, double[] into) {
            double[] p = DiffusionModel.array(into, 2);
            p[0] = DiffusionModel.value(adcM2PerS, rng);
            p[1] = DiffusionModel.value(kurtosis, rng);
            return p;
        }

        @Override
        public double[] truthValues(double[] params) {
            return new double[] {params[0] / M2_PER_S_PER_UM2_PER_MS, params[1]};
        }

        @Override
        public double attenuation(double[] params, double bSPerM2) {
            double x = bSPerM2 * params[0];
            return Math.exp(-x + x * x * params[1] / 6);
        }

        /** 3/(D·K) (s/m²), where the expansion's signal stops falling with b; +∞ when D·K = 0. */
        @Override
        public double validUpTo(double[] params) {
            double dk = params[0] * params[1];
            return dk > 0 ? 3 / dk : Double.POSITIVE_INFINITY;
        }

        /** 3/(D_max·K_max) (s/m²), the smallest limit of any parameters the distributions can draw. */
        @Override
        public double validUpTo() {
            return validUpTo(new double[] {adcM2PerS.upperBound(), kurtosis.upperBound()});
        }

        @Override
        public String name() {
            return "kurtosis";
        }
    }

    /**
     * Randomly oriented sticks: the powder average over all orientations of a stick (an infinitely thin cylinder)
     * in which molecules diffuse only along its axis, with diffusivity D,
     * S(b)/S(0) = ∫₀¹ exp(−b·D·μ²) dμ = √(π/(4·b·D))·erf(√(b·D)).
     * The signal falls as exp(−b·D/3) at small b and as √(π/(4·b·D)) at large b. (Callaghan PT, Jolley KW,
     * Lelievre J. Diffusion of water in the endosperm tissue of wheat grains as studied by pulsed field gradient
     * nuclear magnetic resonance. Biophys J 1979;28:133–141; for metabolites: Kroenke CD, Ackerman JJH, Yablonskiy
     * DA. On the nature of the NAA diffusion attenuated MR signal in the central nervous system. Magn Reson Med
     * 2004;52:1052–1059; Palombo M, Ligneul C, Valette J. Modeling diffusion of intracellular metabolites in the
     * mouse brain up to very high diffusion-weighting: diffusion in long fibers (almost) accounts for
     * non-monoexponential attenuation. Magn Reson Med 2017;77:343–350.)
     *
     * @param axialDiffusivityM2PerS the intra-stick (axial) diffusivity D (m²/s)
     */
    record Sticks(Distribution axialDiffusivityM2PerS) implements DiffusionModel {
        /** Below this b·D the attenuation is summed as its power series, where √(π/4x)·erf(√x) loses digits. */
        static final double SERIES_BELOW = 1;

        public Sticks {
            Objects.requireNonNull(axialDiffusivityM2PerS, "axialDiffusivityM2PerS");
        }

        @Override
        public List<String> parameterNames() {
            return List.of("axial_diffusivity_um2_per_ms");
        }

        @Override
        public double[] draw(SplittableRandom rng, double[] into) {
            double[] p = DiffusionModel.array(into, 1);
            p[0] = DiffusionModel.value(axialDiffusivityM2PerS, rng);
            return p;
        }

        @Override
        public double[] truthValues(double[] params) {
            return new double[] {params[0] / M2_PER_S_PER_UM2_PER_MS};
        }

        @Override
        public double attenuation(double[] params, double bSPerM2) {
            return powderAverage(bSPerM2 * params[0]);
        }

        /**
         * ∫₀¹ exp(−x·μ²) dμ for x = b·D ≥ 0: the series Σₙ (−x)ⁿ/(n!·(2n+1)) below x = 1 (exactly 1 at x = 0; its
         * terms fall below 10⁻¹⁷ within 20 terms), √(π/(4x))·erf(√x) above.
         */
        public static double powderAverage(double x) {
            if (x < SERIES_BELOW) {
                double term = 1;
                double sum = 1;
                for (int n = 1; n < 40; n++) {
                    term *= -x / n;
                    double t = term / (2 * n + 1);
                    sum += t;
                    if (Math.abs(t) < 1e-17) {
                        break;
                    }
                }
                return sum;
            }
            double r = Math.sqrt(x);
            return Math.sqrt(Math.PI) / (2 * r) * Erf.erf(r);
        }

        @Override
        public String name() {
            return "sticks";
        }
    }

    /**
     * The truth-table column suffixes of the drawn parameters, in {@link #draw} order, with their truth units:
     * "adc_um2_per_ms", "kurtosis", "axial_diffusivity_um2_per_ms".
     */
    List<String> parameterNames();

    /** Number of drawn parameters (1 or 2). */
    default int parameterCount() {
        return parameterNames().size();
    }

    /**
     * Draws the parameters (SI: m²/s for diffusivities), in {@link #parameterNames} order. A fixed distribution
     * (including a uniform with min = max, a normal with sd 0) draws no random numbers.
     *
     * @param into filled and returned when it has at least {@link #parameterCount} elements; otherwise (or null) a
     *             new array is returned
     */
    double[] draw(SplittableRandom rng, double[] into);

    /** The drawn parameters in truth units: µm²/ms for diffusivities (m²/s ÷ 10⁻⁹, to within one rounding), K as is. */
    double[] truthValues(double[] params);

    /**
     * S(b)/S(0) at diffusion weighting b (s/m², ≥ 0) for drawn parameters (SI). Exactly 1 at b = 0; accurate to
     * rounding for tiny b·D.
     */
    double attenuation(double[] params, double bSPerM2);

    /**
     * The largest b (s/m²) up to which the model describes a signal for these parameters: +∞ except for
     * {@link Kurtosis}, 3/(D·K).
     */
    default double validUpTo(double[] params) {
        return Double.POSITIVE_INFINITY;
    }

    /** The smallest {@link #validUpTo(double[])} over all parameters the distributions can draw (s/m²). */
    default double validUpTo() {
        return Double.POSITIVE_INFINITY;
    }

    /** "mono_exponential", "kurtosis" or "sticks", as a scenario writes it. */
    String name();

    /**
     * Reads one model block, e.g. {@code {model: kurtosis, adc_um2_per_ms: 0.15, kurtosis: 1}}: the key
     * {@code model} (mono_exponential, kurtosis or sticks) and that model's parameters, each a number or a
     * {@link Distribution}: {@code adc_um2_per_ms} (mono_exponential, kurtosis) and
     * {@code axial_diffusivity_um2_per_ms} (sticks) in [{@value #MIN_DIFFUSIVITY_UM2_PER_MS},
     * {@value #MAX_DIFFUSIVITY_UM2_PER_MS}] µm²/ms, {@code kurtosis} in [0, {@value #MAX_KURTOSIS}].
     *
     * <p>A normal or log-normal distribution is kept to its mean ± 6 SD (median·exp(±6σ)), the interval that
     * {@link Distribution#parse} checks: the draws beyond it (probability below 2·10⁻⁹) are drawn again, so that
     * every model has hard parameter bounds. A kurtosis model is refused when those bounds allow
     * b_max ≥ 3/(D_max·K_max), with D_max and K_max the largest values the distributions can draw (the largest
     * D·K gives the smallest limit): then some spectrum's signal would rise with b within the table.
     *
     * @param maxBSPerM2 the largest b value of the gradient table (s/m², {@link GradientTable#maxBSPerM2})
     * @throws InputException with file, line and field for an unknown model, a missing or unknown key, a value out
     *                        of range, or a kurtosis model used beyond its validity
     */
    static DiffusionModel read(YamlMap block, double maxBSPerM2) {
        if (!(maxBSPerM2 >= 0) || Double.isInfinite(maxBSPerM2)) {
            throw new IllegalArgumentException("maxBSPerM2 must be finite and ≥ 0, got " + maxBSPerM2);
        }
        String known = "mono_exponential, kurtosis, sticks";
        if (!block.has("model")) {
            throw new InputException(block.location(), block.childPath("model"), "missing required field: the"
                    + " diffusion model, one of " + known);
        }
        YamlNode modelNode = block.require("model");
        switch (modelNode.asString().toLowerCase(Locale.ROOT)) {
            case "mono_exponential" -> {
                block.allowOnly("model", "adc_um2_per_ms");
                return new MonoExponential(diffusivity(block, "adc_um2_per_ms", "the apparent diffusion coefficient"));
            }
            case "kurtosis" -> {
                block.allowOnly("model", "adc_um2_per_ms", "kurtosis");
                Distribution adc = diffusivity(block, "adc_um2_per_ms", "the apparent diffusion coefficient");
                Distribution k = bounded(Distribution.parse(parameter(block, "kurtosis", "the apparent kurtosis"
                        + " (0 for Gaussian diffusion)", ""), 0, MAX_KURTOSIS, ""));
                Kurtosis model = new Kurtosis(adc, k);
                double limit = model.validUpTo();
                if (maxBSPerM2 >= limit) {
                    double s = GradientTable.S_PER_M2_PER_S_PER_MM2;
                    throw block.require("kurtosis").error("the kurtosis expansion exp(−b·D + (b·D)²·K/6) describes"
                            + " a signal only for b < 3/(D·K), beyond which it rises with b (Jensen et al. 2005);"
                            + " with D up to " + GradientTable.format(adc.upperBound() / M2_PER_S_PER_UM2_PER_MS)
                            + " µm²/ms and K up to " + GradientTable.format(k.upperBound()) + " that is b < "
                            + GradientTable.format(limit / s) + " s/mm², but the gradient table reaches "
                            + GradientTable.format(maxBSPerM2 / s) + " s/mm²: narrow the adc_um2_per_ms or kurtosis"
                            + " distribution, or lower the largest b value");
                }
                return model;
            }
            case "sticks" -> {
                block.allowOnly("model", "axial_diffusivity_um2_per_ms");
                return new Sticks(diffusivity(block, "axial_diffusivity_um2_per_ms", "the intra-stick (axial)"
                        + " diffusivity"));
            }
            default -> throw modelNode.error("unknown diffusion model \"" + modelNode.asString() + "\"; known: "
                    + known);
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /** A diffusivity written in µm²/ms, as a distribution in m²/s. */
    private static Distribution diffusivity(YamlMap block, String key, String what) {
        Distribution d = Distribution.parse(parameter(block, key, what, "µm²/ms"), MIN_DIFFUSIVITY_UM2_PER_MS,
                MAX_DIFFUSIVITY_UM2_PER_MS, "µm²/ms");
        return ScenarioReader.scaled(bounded(d), M2_PER_S_PER_UM2_PER_MS);
    }

    private static YamlNode parameter(YamlMap block, String key, String what, String unit) {
        if (!block.has(key)) {
            throw new InputException(block.location(), block.childPath(key), "missing required field: " + what
                    + (unit.isEmpty() ? "" : " in " + unit) + " for the " + block.string("model") + " model (a"
                    + " number or a distribution)");
        }
        return block.require(key);
    }

    /** The distribution with hard bounds: a normal or log-normal kept to ±6 SD, a constant one as fixed. */
    private static Distribution bounded(Distribution d) {
        if (d instanceof Distribution.Normal n) {
            return n.sd() == 0 ? Distribution.fixed(n.mean()) : new Distribution.Normal(n.mean(), n.sd(),
                    Math.max(n.lo(), n.mean() - 6 * n.sd()), Math.min(n.hi(), n.mean() + 6 * n.sd()));
        }
        if (d instanceof Distribution.LogNormal l) {
            return l.sigma() == 0 ? Distribution.fixed(l.median()) : new Distribution.LogNormal(l.median(), l.sigma(),
                    Math.max(l.lo(), l.median() * Math.exp(-6 * l.sigma())),
                    Math.min(l.hi(), l.median() * Math.exp(6 * l.sigma())));
        }
        return d.isFixed() && !(d instanceof Distribution.Fixed) ? Distribution.fixed(constant(d)) : d;
    }

    /** The value of a distribution that always draws the same value. */
    private static double constant(Distribution d) {
        if (d instanceof Distribution.Fixed f) {
            return f.value();
        } else if (d instanceof Distribution.Uniform u) {
            return u.min();
        } else if (d instanceof Distribution.Normal n) {
            return n.mean();
        } else if (d instanceof Distribution.TruncatedNormal t) {
            return t.min();
        }
        return ((Distribution.LogNormal) d).median();
    }

    /** A draw that consumes no random numbers when the distribution is constant. */
    private static double value(Distribution d, SplittableRandom rng) {
        return d.isFixed() ? constant(d) : d.sample(rng);
    }

    private static double[] array(double[] into, int n) {
        return into != null && into.length >= n ? into : new double[n];
    }
}
