package org.larmor.synth;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes synthetic spectra from a basis set and a scenario: every spectrum is a deterministic function of
 * (seed, index), drawn from its own random stream ({@link #spectrumSeed}), so a dataset is the same whatever the
 * thread count or the order in which spectra are made.
 *
 * <p>The signal model, step by step (each term, its parameters and its reference in docs/synthesiser.md):
 * <ol>
 *   <li>metabolites: Σ_m c_m·B_m(t)·exp((−π·L_m − i·2π·Δ_m)·t) — concentration, extra Lorentzian damping and
 *       frequency shift (positive towards higher ppm) of each basis FID B_m;</li>
 *   <li>macromolecules and lipids: parametrised Gaussian components ({@link ComponentTables}); residual water:
 *       Lorentzian lines near 4.65 ppm of random amplitude, position and phase;</li>
 *   <li>global lineshape of all tissue signals: exp(−i·2π·Δ·t) (global shift) · exp(−(π·G·t)²/(4 ln 2))
 *       (Gaussian) · Π_d sinc(π·W_d·t) (B0 inhomogeneity: linear field gradients across the voxel);</li>
 *   <li>a smooth baseline: broad Gaussian lines (FWHM of hundreds of Hz) at random positions and phases;</li>
 *   <li>phase: exp(i·(φ0 + A·exp(−t/τ))) (zero order and eddy currents), then exp(i·φ1·(δ − pivot)) on the
 *       spectrum (first order);</li>
 *   <li>transients: transient j is multiplied by a_j·exp(i·θ_j)·exp(−i·2π·Δf_j·t) (frequency drift, linear and
 *       random walk, phase jitter, motion); coil c sees S_c times it plus correlated noise; the output is the
 *       optimally combined (Roemer PB et al. Magn Reson Med 1990;16:192-225) average;</li>
 *   <li>complex white Gaussian noise on the average, its SD set from the target SNR (docs/metrics.md).</li>
 * </ol>
 */
public final class Synthesiser {
    /** Names of the clean components written on request, in order; they add up to the output FID. */
    public static final List<String> COMPONENTS = List.of("metabolites", "macromolecules", "lipids",
            "residual_water", "baseline", "noise");
    static final int METABOLITES = 0;
    static final int MM = 1;
    static final int LIPIDS = 2;
    static final int WATER = 3;
    static final int BASELINE = 4;
    static final int NOISE = 5;

    /** ppm of the water resonance (the unsuppressed reference and the centre of the residual-water model). */
    public static final double WATER_PPM = 4.65;

    private final Scenario scenario;
    private final SynthBasis basis;
    private final int n;
    private final double dwell;
    private final double hzPerPpm;
    private final double referencePpm;
    private final double[][] basisRe;
    private final double[][] basisIm;
    private final int reference;
    private final Nuisance mm;
    private final Nuisance lipids;
    /** DFT rows (dwell·w_t·cos, dwell·w_t·sin) of the bins in the reference window. */
    private final double[][] heightCos;
    private final double[][] heightSin;
    private final int averages;
    private final int coils;
    private final Truth.Schema schema;
    private final String[][] metaboliteKeys;

    /** A parametrised component set with each unit-amplitude component FID precomputed. */
    private record Nuisance(Scenario.ComponentSet set, double[][] re, double[][] im, int[] length,
                            double[] combinedRe, double[] combinedIm, String[] keys) {
    }

    /**
     * @throws InputException if the reference metabolite is missing or a ppm window lies outside the spectrum
     */
    public Synthesiser(Scenario scenario, SynthBasis basis) {
        this.scenario = scenario;
        this.basis = basis;
        this.n = basis.points();
        this.dwell = basis.dwellS();
        this.hzPerPpm = basis.hzPerPpm();
        this.referencePpm = basis.referencePpm();
        int m = basis.fids().size();
        if (m != scenario.metabolites().size()) {
            throw new IllegalArgumentException("basis and scenario list different metabolites");
        }
        basisRe = new double[m][];
        basisIm = new double[m][];
        metaboliteKeys = new String[m][];
        for (int k = 0; k < m; k++) {
            basisRe[k] = basis.fids().get(k).re().clone();
            basisIm[k] = basis.fids().get(k).im().clone();
            String name = scenario.metabolites().get(k).name();
            metaboliteKeys[k] = new String[] {name + ".concentration_mm", name + ".lorentzian_hz",
                name + ".shift_hz"};
        }
        Scenario.Lineshape ls = scenario.lineshape();
        reference = basis.indexOf(ls.reference());
        boolean needsReference = ls.linewidthHz() != null
                || scenario.noise() != null && scenario.noise().snr() != null;
        if (reference < 0 && needsReference) {
            throw InputException.of(scenario.origin(), "the reference metabolite \"" + ls.reference()
                    + "\" (lineshape.reference, used for the linewidth and SNR targets) is not among the metabolites"
                    + " of concentrations_mm; add it or name another with lineshape.reference");
        }
        checkWindow(ls.referenceWindowPpm(), "lineshape.reference_window_ppm");
        if (scenario.noise() != null) {
            checkWindow(scenario.noise().noiseWindowPpm(), "noise.noise_window_ppm");
        }
        mm = nuisance(scenario.macromolecules(), "mm.");
        lipids = nuisance(scenario.lipids(), "lipid.");
        // DFT rows of the bins inside the reference window, for the SNR reference height.
        List<Integer> bins = new ArrayList<>();
        double[] win = ls.referenceWindowPpm();
        for (int k = 0; k < n; k++) {
            double ppm = referencePpm - Fourier.binFrequencyHz(k, n, dwell) / hzPerPpm;
            if (ppm >= win[0] && ppm <= win[1]) {
                bins.add(k);
            }
        }
        heightCos = new double[bins.size()][n];
        heightSin = new double[bins.size()][n];
        for (int b = 0; b < bins.size(); b++) {
            long k = bins.get(b);
            for (int t = 0; t < n; t++) {
                double a = 2 * Math.PI * ((k * t) % n) / n;
                double w = (t == 0 ? 0.5 : 1) * dwell;
                heightCos[b][t] = w * Math.cos(a);
                heightSin[b][t] = w * Math.sin(a);
            }
        }
        averages = scenario.transients() == null ? 1 : scenario.transients().averages();
        coils = scenario.coils() == null ? 1 : scenario.coils().count();
        Workspace ws = newWorkspace();
        run(0, 0, ws, false, false);
        schema = ws.truth.freeze();
    }

    private void checkWindow(double[] w, String field) {
        double lo = referencePpm - 0.5 / dwell / hzPerPpm;
        double hi = referencePpm + 0.5 / dwell / hzPerPpm;
        if (w[0] < lo || w[1] > hi) {
            throw InputException.of(scenario.origin(), "field '" + field + "': [" + w[0] + ", " + w[1]
                    + "] ppm lies outside the spectrum, which spans " + String.format(java.util.Locale.ROOT,
                    "%.2f to %.2f ppm", lo, hi));
        }
    }

    private Nuisance nuisance(Scenario.ComponentSet set, String prefix) {
        if (set == null) {
            return null;
        }
        int c = set.peaks().size();
        double[][] re = new double[c][n];
        double[][] im = new double[c][n];
        String[] keys = new String[c];
        double[] combRe = null;
        double[] combIm = null;
        boolean fixedFactor = set.componentScale().isFixed();
        if (fixedFactor) {
            combRe = new double[n];
            combIm = new double[n];
        }
        for (int k = 0; k < c; k++) {
            Peak p = set.peaks().get(k);
            Lines.addLine(re[k], im[k], n, dwell, 1, 0, (referencePpm - p.ppm()) * hzPerPpm, 0,
                    p.fwhmPpm() * hzPerPpm);
            keys[k] = prefix + p.name() + "_amplitude";
            if (fixedFactor) {
                double f = p.amplitude() * set.componentScale().fixedValue();
                Lines.addScaled(combRe, combIm, re[k], im[k], f, n);
            }
        }
        // Each Gaussian component stops (exactly zero) where it falls below 10⁻¹⁵ of its amplitude.
        int[] length = new int[c];
        for (int k = 0; k < c; k++) {
            int last = n;
            while (last > 0 && re[k][last - 1] == 0 && im[k][last - 1] == 0) {
                last--;
            }
            length[k] = last;
        }
        return new Nuisance(set, re, im, length, combRe, combIm, keys);
    }

    public Scenario scenario() {
        return scenario;
    }

    public SynthBasis basis() {
        return basis;
    }

    /** The columns of the truth table. */
    public Truth.Schema schema() {
        return schema;
    }

    public int points() {
        return n;
    }

    public int averages() {
        return averages;
    }

    public int coils() {
        return coils;
    }

    /**
     * The seed of spectrum {@code index} of a dataset of seed {@code seed}: SplitMix64 finalisers (Steele GL, Lea D,
     * Flood CH. Fast splittable pseudorandom number generators. OOPSLA 2014) of both, so that neighbouring indices
     * and seeds give unrelated streams.
     */
    public static long spectrumSeed(long seed, long index) {
        return mix64(mix64(seed) + mix64(index + 0x9E3779B97F4A7C15L));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Work arrays for one thread. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Spectrum {@code index} of a dataset with seed {@code seed}, with its truth, and on request its clean
     * components and its per-coil transients.
     */
    public Sample generate(long seed, long index, boolean components, boolean transients) {
        return generate(seed, index, newWorkspace(), components, transients);
    }

    /** As {@link #generate(long, long, boolean, boolean)}, reusing a workspace of this thread's. */
    public Sample generate(long seed, long index, Workspace ws, boolean components, boolean transients) {
        if (ws.owner != this) {
            throw new IllegalArgumentException("workspace of another synthesiser");
        }
        run(seed, index, ws, components, transients);
        return ws.sample(index, components, transients);
    }

    /**
     * Makes one spectrum into the workspace. Requesting components or transients changes nothing in the output FID
     * or the truth: the transients' noise comes from a second stream and is conditioned on the averaged noise.
     */
    void run(long seed, long index, Workspace ws, boolean components, boolean transients) {
        SplittableRandom rng = new SplittableRandom(spectrumSeed(seed, index));
        Truth t = ws.truth;
        t.reset();
        Scenario sc = scenario;
        int m = basisRe.length;

        // ---- draws: metabolites
        for (int k = 0; k < m; k++) {
            Scenario.Metabolite met = sc.metabolites().get(k);
            ws.conc[k] = met.concentrationMm().sample(rng);
            ws.lorentz[k] = met.lorentzianHz().sample(rng);
            ws.shift[k] = met.shiftHz().sample(rng);
            t.put(metaboliteKeys[k][0], ws.conc[k]);
            t.put(metaboliteKeys[k][1], ws.lorentz[k]);
            t.put(metaboliteKeys[k][2], ws.shift[k]);
        }
        // ---- draws: global lineshape
        Scenario.Lineshape ls = sc.lineshape();
        double target = ls.linewidthHz() != null ? ls.linewidthHz().sample(rng) : Double.NaN;
        double gauss = ls.gaussianHz() != null ? ls.gaussianHz().sample(rng) : Double.NaN;
        double globalShift = ls.shiftHz().sample(rng);
        double[] spread = ws.spread;
        for (int d = 0; d < 3; d++) {
            spread[d] = d < ls.b0SpreadHz().size() ? ls.b0SpreadHz().get(d).sample(rng) : 0;
        }
        double eddyA = ls.eddyAmplitudeRad().sample(rng);
        double eddyTau = ls.eddyTimeConstantS().sample(rng);
        double refLorentz = basis.intrinsicLorentzianHz() + (reference >= 0 ? ws.lorentz[reference] : 0);
        double g0 = basis.intrinsicGaussianHz();
        if (!Double.isNaN(target)) {
            gauss = Linewidth.gaussianFor(target, refLorentz, g0, spread, n, dwell);
            t.put("linewidth_target_hz", target);
        }
        double linewidth = reference >= 0 ? Linewidth.fwhmHz(refLorentz, Math.hypot(g0, gauss), spread, n, dwell)
                : Double.NaN;
        t.put("gaussian_hz", gauss);
        t.put("linewidth_hz", linewidth);
        t.put("global_shift_hz", globalShift);
        if (!ls.b0SpreadHz().isEmpty()) {
            t.put("b0_spread_x_hz", spread[0]);
            t.put("b0_spread_y_hz", spread[1]);
            t.put("b0_spread_z_hz", spread[2]);
        }
        t.put("eddy_amplitude_rad", eddyA);
        t.put("eddy_time_constant_s", eddyTau);
        // ---- draws: phase
        double phi0Deg = sc.phase().zeroOrderDeg().sample(rng);
        double phi1Deg = sc.phase().firstOrderDegPerPpm().sample(rng);
        t.put("phase0_deg", phi0Deg);
        t.put("phase1_deg_per_ppm", phi1Deg);
        // ---- draws: nuisance signals
        double mmScale = drawNuisance(mm, rng, t, ws.mmAmp, "mm_scale");
        double lipScale = drawNuisance(lipids, rng, t, ws.lipAmp, "lipid_scale");
        int waterCount = drawLines(sc.residualWater(), rng, t, ws.waterLines, "residual_water");
        int baselineCount = drawLines(sc.baseline(), rng, t, ws.baselineLines, "baseline");
        // ---- draws: noise level, transients, coils, water reference
        Scenario.Noise noise = sc.noise();
        double snr = noise != null && noise.snr() != null ? noise.snr().sample(rng) : Double.NaN;
        double sdGiven = noise != null && noise.sd() != null ? noise.sd().sample(rng) : Double.NaN;
        drawTransients(sc.transients(), rng, t, ws);
        drawCoils(sc.coils(), rng, t, ws);
        Scenario.WaterReference wref = sc.waterReference();
        double waterAmp = 0;
        double waterLorentz = 0;
        if (wref != null) {
            double conc = wref.concentrationMm().sample(rng);
            double att = wref.attenuation().sample(rng);
            waterLorentz = wref.lorentzianHz().sample(rng);
            waterAmp = 2 * conc * att * basis.waterGain();
            t.put("water_reference.concentration_mm", conc);
            t.put("water_reference.attenuation", att);
            t.put("water_reference.lorentzian_hz", waterLorentz);
            t.put("water_reference.amplitude", waterAmp);
        }

        // ---- signal: metabolites
        boolean separate = components;
        double[] metRe = ws.met[0];
        double[] metIm = ws.met[1];
        Lines.clear(metRe, metIm, n);
        for (int k = 0; k < m; k++) {
            if (ws.conc[k] == 0) {
                continue;
            }
            Lines.modulateAdd(metRe, metIm, basisRe[k], basisIm[k], n, dwell, ws.conc[k], 0, -ws.shift[k],
                    ws.lorentz[k], ws.block);
        }
        // ---- signal: other tissue signals (one buffer unless components are wanted)
        double[][] mmBuf = ws.nui;
        double[][] lipBuf = separate ? ws.lip : ws.nui;
        double[][] watBuf = separate ? ws.wat : ws.nui;
        Lines.clear(ws.nui[0], ws.nui[1], n);
        if (separate) {
            Lines.clear(ws.lip[0], ws.lip[1], n);
            Lines.clear(ws.wat[0], ws.wat[1], n);
        }
        addNuisance(mm, mmScale, ws.mmAmp, mmBuf);
        addNuisance(lipids, lipScale, ws.lipAmp, lipBuf);
        for (int k = 0; k < waterCount; k++) {
            double[] p = ws.waterLines[k];
            double ph = Math.toRadians(p[3]);
            Lines.modulateAdd(watBuf[0], watBuf[1], null, null, n, dwell, p[0] * Math.cos(ph), p[0] * Math.sin(ph),
                    (referencePpm - p[1]) * hzPerPpm, p[2], ws.block);
        }
        // ---- global lineshape
        double[] envRe = ws.env[0];
        double[] envIm = ws.env[1];
        Lines.clear(envRe, envIm, n);
        Lines.addLine(envRe, envIm, n, dwell, 1, 0, -globalShift, 0, gauss);
        for (double w : spread) {
            Lines.multiplySinc(envRe, envIm, n, dwell, w);
        }
        Lines.multiply(metRe, metIm, envRe, envIm, n);
        Lines.multiply(ws.nui[0], ws.nui[1], envRe, envIm, n);
        if (separate) {
            Lines.multiply(ws.lip[0], ws.lip[1], envRe, envIm, n);
            Lines.multiply(ws.wat[0], ws.wat[1], envRe, envIm, n);
        }
        // ---- noise level from the reference height of the phased, metabolite-only spectrum
        double height = reference >= 0 ? referenceHeight(metRe, metIm, ws.wRe) : Double.NaN;
        double sigma;
        if (!Double.isNaN(snr)) {
            sigma = height > 0 ? height / (snr * dwell * Math.sqrt(n - 0.75)) : 0;
            t.put("snr_target", snr);
        } else {
            sigma = Double.isNaN(sdGiven) ? 0 : sdGiven;
        }
        t.put("reference_height", height);
        t.put("noise_sd", sigma);

        // ---- the clean FID: tissue + baseline, then phases
        double[] sRe = ws.clean[0];
        double[] sIm = ws.clean[1];
        for (int k = 0; k < n; k++) {
            sRe[k] = metRe[k] + ws.nui[0][k];
            sIm[k] = metIm[k] + ws.nui[1][k];
        }
        if (separate) {
            Lines.clear(ws.bl[0], ws.bl[1], n);
            for (int k = 0; k < n; k++) {
                sRe[k] += ws.lip[0][k] + ws.wat[0][k];
                sIm[k] += ws.lip[1][k] + ws.wat[1][k];
            }
        }
        double[][] blBuf = separate ? ws.bl : ws.clean;
        for (int k = 0; k < baselineCount; k++) {
            double[] p = ws.baselineLines[k];
            double ph = Math.toRadians(p[3]);
            Lines.addLine(blBuf[0], blBuf[1], n, dwell, p[0] * Math.cos(ph), p[0] * Math.sin(ph),
                    (referencePpm - p[1]) * hzPerPpm, 0, p[2]);
        }
        if (separate) {
            Lines.addScaled(sRe, sIm, ws.bl[0], ws.bl[1], 1, n);
        }
        double phi0 = Math.toRadians(phi0Deg);
        double phi1 = Math.toRadians(phi1Deg);
        phase(sRe, sIm, ws, phi0, eddyA, eddyTau, phi1, true);

        // ---- transients: the averaged modulation M(t) = (1/N)·Σ_j a_j·exp(iθ_j)·exp(−i2πΔ_j t)
        boolean modulated = sc.transients() != null;
        if (modulated) {
            Lines.clear(ws.mod[0], ws.mod[1], n);
            for (int j = 0; j < averages; j++) {
                double a = ws.trAmp[j] / averages;
                double th = Math.toRadians(ws.trPhaseDeg[j]);
                Lines.modulateAdd(ws.mod[0], ws.mod[1], null, null, n, dwell, a * Math.cos(th), a * Math.sin(th),
                        -ws.trShift[j], 0, ws.block);
            }
        }
        double[] outRe = ws.out[0];
        double[] outIm = ws.out[1];
        System.arraycopy(sRe, 0, outRe, 0, n);
        System.arraycopy(sIm, 0, outIm, 0, n);
        if (modulated) {
            Lines.multiply(outRe, outIm, ws.mod[0], ws.mod[1], n);
        }
        // ---- noise on the average (main stream)
        double[] nRe = ws.noise[0];
        double[] nIm = ws.noise[1];
        if (sigma > 0) {
            for (int k = 0; k < n; k++) {
                nRe[k] = sigma * rng.nextGaussian();
                nIm[k] = sigma * rng.nextGaussian();
            }
            Lines.addScaled(outRe, outIm, nRe, nIm, 1, n);
        } else {
            Lines.clear(nRe, nIm, n);
        }
        double sigmaTransient = sigma * Math.sqrt(averages);
        if (modulated) {
            t.put("noise_sd_transient", sigmaTransient);
        }
        // ---- water reference
        if (wref != null) {
            double[] wRe = ws.water[0];
            double[] wIm = ws.water[1];
            Lines.clear(wRe, wIm, n);
            Lines.addLine(wRe, wIm, n, dwell, waterAmp, 0, (referencePpm - WATER_PPM) * hzPerPpm, waterLorentz, 0);
            Lines.multiply(wRe, wIm, envRe, envIm, n);
            phase(wRe, wIm, ws, phi0, eddyA, eddyTau, phi1, false);
            double sw = sigmaTransient / Math.sqrt(wref.averages());
            if (sw > 0) {
                for (int k = 0; k < n; k++) {
                    wRe[k] += sw * rng.nextGaussian();
                    wIm[k] += sw * rng.nextGaussian();
                }
            }
        }
        if (components) {
            components(ws, phi0, eddyA, eddyTau, phi1, modulated);
        }
        if (transients) {
            transients(seed, index, ws, sigmaTransient);
        }
    }

    /** Eddy-current and zero-order phase, then first-order phase, in place. */
    private void phase(double[] re, double[] im, Workspace ws, double phi0, double eddyA, double eddyTau,
                       double phi1, boolean fillFactor) {
        if (eddyA != 0) {
            if (fillFactor) {
                Phases.eddyAndZeroOrder(ws.fac[0], ws.fac[1], n, dwell, phi0, eddyA, eddyTau);
            }
            Lines.multiply(re, im, ws.fac[0], ws.fac[1], n);
        } else if (phi0 != 0) {
            Lines.multiply(re, im, Math.cos(phi0), Math.sin(phi0), n);
        }
        Phases.firstOrder(re, im, n, dwell, hzPerPpm, referencePpm, phi1, scenario.phase().pivotPpm(), ws.fft);
    }

    private void components(Workspace ws, double phi0, double eddyA, double eddyTau, double phi1,
                            boolean modulated) {
        double[][][] src = {ws.met, ws.nui, ws.lip, ws.wat, ws.bl};
        for (int c = 0; c < src.length; c++) {
            double[] re = ws.comp[c][0];
            double[] im = ws.comp[c][1];
            System.arraycopy(src[c][0], 0, re, 0, n);
            System.arraycopy(src[c][1], 0, im, 0, n);
            phase(re, im, ws, phi0, eddyA, eddyTau, phi1, false);
            if (modulated) {
                Lines.multiply(re, im, ws.mod[0], ws.mod[1], n);
            }
        }
        System.arraycopy(ws.noise[0], 0, ws.comp[NOISE][0], 0, n);
        System.arraycopy(ws.noise[1], 0, ws.comp[NOISE][1], 0, n);
    }

    /**
     * Per-coil transients x_{j,c}(t) = S_c·a_j·exp(iθ_j)·exp(−i2πΔ_j t)·s(t) + ν_{j,c}(t). The noise ν is drawn
     * from a second stream with covariance Ψ between coils, then every transient's noise is shifted by S·r, with r
     * the difference between the averaged noise already drawn and the combined average of the new draws: by
     * Matheron's rule this keeps the ν independent with covariance Ψ, and makes the combined average exactly the
     * output FID (for the optimal combination w = Ψ⁻¹S/(SᴴΨ⁻¹S), Ψw/(wᴴΨw) = S).
     */
    private void transients(long seed, long index, Workspace ws, double sigmaTransient) {
        int c = coils;
        int total = averages * c;
        ws.ensureTransients(total);
        double[] sRe = ws.clean[0];
        double[] sIm = ws.clean[1];
        for (int j = 0; j < averages; j++) {
            double a = ws.trAmp[j];
            double th = Math.toRadians(ws.trPhaseDeg[j]);
            Lines.modulation(ws.wRe, ws.wIm, n, dwell, a * Math.cos(th), a * Math.sin(th), -ws.trShift[j], 0);
            for (int q = 0; q < c; q++) {
                double[] xr = ws.trRe[j * c + q];
                double[] xi = ws.trIm[j * c + q];
                double sr = ws.coilRe[q];
                double si = ws.coilIm[q];
                for (int k = 0; k < n; k++) {
                    double yr = sRe[k] * ws.wRe[k] - sIm[k] * ws.wIm[k];
                    double yi = sRe[k] * ws.wIm[k] + sIm[k] * ws.wRe[k];
                    xr[k] = sr * yr - si * yi;
                    xi[k] = sr * yi + si * yr;
                }
            }
        }
        if (!(sigmaTransient > 0)) {
            return;
        }
        // Noise covariance Ψ = κ·Ψ0, scaled so that the combined noise of one transient has variance 2σ_t².
        double[][] chol = ws.cholesky;
        double[] sens2 = ws.coilWeightRe;
        double[] sens2i = ws.coilWeightIm;
        double sPsiS = combination(ws, sens2, sens2i);
        double kappa = 2 * sigmaTransient * sigmaTransient * sPsiS;
        double lScale = Math.sqrt(kappa);
        SplittableRandom noiseRng = new SplittableRandom(mix64(spectrumSeed(seed, index) ^ 0x6A09E667F3BCC909L));
        double[] zr = new double[c];
        double[] zi = new double[c];
        double invSqrt2 = Math.sqrt(0.5);
        for (int k = 0; k < n; k++) {
            double meanCr = 0;
            double meanCi = 0;
            for (int j = 0; j < averages; j++) {
                for (int q = 0; q < c; q++) {
                    zr[q] = invSqrt2 * noiseRng.nextGaussian();
                    zi[q] = invSqrt2 * noiseRng.nextGaussian();
                }
                for (int q = 0; q < c; q++) {
                    double vr = 0;
                    double vi = 0;
                    for (int p = 0; p <= q; p++) {
                        vr += chol[q][p] * zr[p];
                        vi += chol[q][p] * zi[p];
                    }
                    vr *= lScale;
                    vi *= lScale;
                    ws.trRe[j * c + q][k] += vr;
                    ws.trIm[j * c + q][k] += vi;
                    // w^H ν: conj(w_q)·ν_q
                    meanCr += sens2[q] * vr + sens2i[q] * vi;
                    meanCi += sens2[q] * vi - sens2i[q] * vr;
                }
            }
            meanCr /= averages;
            meanCi /= averages;
            double rr = ws.noise[0][k] - meanCr;
            double ri = ws.noise[1][k] - meanCi;
            for (int j = 0; j < averages; j++) {
                for (int q = 0; q < c; q++) {
                    ws.trRe[j * c + q][k] += ws.coilRe[q] * rr - ws.coilIm[q] * ri;
                    ws.trIm[j * c + q][k] += ws.coilRe[q] * ri + ws.coilIm[q] * rr;
                }
            }
        }
    }

    /**
     * Cholesky factor of Ψ0 (into ws.cholesky) and the optimal combination weights w = Ψ0⁻¹S/(SᴴΨ0⁻¹S) (scale-free,
     * so the same for Ψ = κΨ0); returns SᴴΨ0⁻¹S.
     */
    private double combination(Workspace ws, double[] wRe, double[] wIm) {
        int c = coils;
        double[][] l = ws.cholesky;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j <= i; j++) {
                double psi = ws.coilSd[i] * ws.coilSd[j] * (i == j ? 1 : ws.coilCorrelation);
                double s = psi;
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        // Ψ0⁻¹S by forward then back substitution, real and imaginary parts alike (Ψ0 is real).
        double[] yr = new double[c];
        double[] yi = new double[c];
        for (int i = 0; i < c; i++) {
            double ar = ws.coilRe[i];
            double ai = ws.coilIm[i];
            for (int k = 0; k < i; k++) {
                ar -= l[i][k] * yr[k];
                ai -= l[i][k] * yi[k];
            }
            yr[i] = ar / l[i][i];
            yi[i] = ai / l[i][i];
        }
        for (int i = c - 1; i >= 0; i--) {
            double ar = yr[i];
            double ai = yi[i];
            for (int k = i + 1; k < c; k++) {
                ar -= l[k][i] * wRe[k];
                ai -= l[k][i] * wIm[k];
            }
            wRe[i] = ar / l[i][i];
            wIm[i] = ai / l[i][i];
        }
        double sPsiS = 0;
        for (int i = 0; i < c; i++) {
            sPsiS += ws.coilRe[i] * wRe[i] + ws.coilIm[i] * wIm[i];
        }
        for (int i = 0; i < c; i++) {
            wRe[i] /= sPsiS;
            wIm[i] /= sPsiS;
        }
        return sPsiS;
    }

    /**
     * max over the bins in the reference window of Re S(f), S as {@link org.larmor.signal.Spectrum} defines it:
     * per bin, the products into a scratch array (a loop that vectorises), then an eight-way sum.
     */
    private double referenceHeight(double[] re, double[] im, double[] tmp) {
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < heightCos.length; b++) {
            double[] c = heightCos[b];
            double[] s = heightSin[b];
            for (int k = 0; k < n; k++) {
                tmp[k] = re[k] * c[k] + im[k] * s[k];
            }
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            int k = 0;
            for (; k + 7 < n; k += 8) {
                s0 += tmp[k];
                s1 += tmp[k + 1];
                s2 += tmp[k + 2];
                s3 += tmp[k + 3];
                s4 += tmp[k + 4];
                s5 += tmp[k + 5];
                s6 += tmp[k + 6];
                s7 += tmp[k + 7];
            }
            for (; k < n; k++) {
                s0 += tmp[k];
            }
            best = Math.max(best, ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
        }
        return best;
    }

    /** Draws the set's scale and each component's amplitude; returns the scale (0 without a set). */
    private double drawNuisance(Nuisance set, SplittableRandom rng, Truth t, double[] amp, String scaleKey) {
        if (set == null) {
            return 0;
        }
        double scale = set.set().scale().sample(rng);
        t.put(scaleKey, scale);
        for (int k = 0; k < set.keys().length; k++) {
            amp[k] = scale * set.set().peaks().get(k).amplitude() * set.set().componentScale().sample(rng);
            t.put(set.keys()[k], amp[k]);
        }
        return scale;
    }

    private void addNuisance(Nuisance set, double scale, double[] amp, double[][] buf) {
        if (set == null) {
            return;
        }
        if (set.combinedRe() != null) {
            Lines.addScaled(buf[0], buf[1], set.combinedRe(), set.combinedIm(), scale, n);
            return;
        }
        for (int k = 0; k < set.keys().length; k++) {
            Lines.addScaled(buf[0], buf[1], set.re()[k], set.im()[k], amp[k], set.length()[k]);
        }
    }

    /** Draws amplitude, ppm, width and phase of each line into out[k]; returns the number of lines. */
    private int drawLines(Scenario.RandomLines spec, SplittableRandom rng, Truth t, double[][] out,
                          String prefix) {
        if (spec == null) {
            return 0;
        }
        int count = spec.count();
        double[] amp = new double[count];
        double[] ppm = new double[count];
        double[] width = new double[count];
        double[] phase = new double[count];
        for (int k = 0; k < count; k++) {
            out[k][0] = amp[k] = spec.amplitude().sample(rng);
            out[k][1] = ppm[k] = spec.ppm().sample(rng);
            out[k][2] = width[k] = spec.widthHz().sample(rng);
            out[k][3] = phase[k] = spec.phaseDeg().sample(rng);
        }
        boolean lorentzian = prefix.equals("residual_water");
        t.put(prefix + "_amplitude", amp, count);
        t.put(prefix + "_ppm", ppm, count);
        t.put(prefix + (lorentzian ? "_lorentzian_hz" : "_fwhm_hz"), width, count);
        t.put(prefix + "_phase_deg", phase, count);
        return count;
    }

    private void drawTransients(Scenario.Transients tr, SplittableRandom rng, Truth t, Workspace ws) {
        if (tr == null) {
            return;
        }
        double drift = tr.driftHzPerS().sample(rng);
        double walk = tr.randomWalkHz().sample(rng);
        double jitter = tr.phaseJitterDeg().sample(rng);
        double pMotion = tr.motionProbability().sample(rng);
        t.put("drift_hz_per_s", drift);
        t.put("random_walk_hz", walk);
        t.put("phase_jitter_deg", jitter);
        t.put("motion_probability", pMotion);
        double walked = 0;
        for (int j = 0; j < averages; j++) {
            if (j > 0 && walk > 0) {
                walked += walk * rng.nextGaussian();
            }
            double shift = drift * j * tr.repetitionTimeS() + walked;
            double phase = jitter > 0 ? jitter * rng.nextGaussian() : 0;
            double amp = 1;
            boolean moved = pMotion > 0 && rng.nextDouble() < pMotion;
            if (moved) {
                amp = tr.motionAmplitude().sample(rng);
                phase += tr.motionPhaseDeg().sample(rng);
                shift += tr.motionShiftHz().sample(rng);
            }
            ws.trShift[j] = shift;
            ws.trPhaseDeg[j] = phase;
            ws.trAmp[j] = amp;
            ws.trMotion[j] = moved ? 1 : 0;
        }
        t.put("transient_shift_hz", ws.trShift, averages);
        t.put("transient_phase_deg", ws.trPhaseDeg, averages);
        t.put("transient_amplitude", ws.trAmp, averages);
        t.put("transient_motion", ws.trMotion, averages);
    }

    private void drawCoils(Scenario.Coils cs, SplittableRandom rng, Truth t, Workspace ws) {
        if (cs == null) {
            ws.coilRe[0] = 1;
            ws.coilIm[0] = 0;
            ws.coilSd[0] = 1;
            ws.coilCorrelation = 0;
            return;
        }
        ws.coilCorrelation = cs.noiseCorrelation().sample(rng);
        t.put("coil_noise_correlation", ws.coilCorrelation);
        double[] mag = new double[coils];
        double[] ph = new double[coils];
        for (int q = 0; q < coils; q++) {
            mag[q] = cs.sensitivityMagnitude().sample(rng);
            ph[q] = cs.sensitivityPhaseDeg().sample(rng);
            ws.coilSd[q] = cs.noiseSd().sample(rng);
            ws.coilRe[q] = mag[q] * Math.cos(Math.toRadians(ph[q]));
            ws.coilIm[q] = mag[q] * Math.sin(Math.toRadians(ph[q]));
        }
        t.put("coil_sensitivity_magnitude", mag, coils);
        t.put("coil_sensitivity_phase_deg", ph, coils);
        t.put("coil_noise_sd", ws.coilSd, coils);
    }

    /** Per-thread buffers; not shared between threads. */
    public static final class Workspace {
        final Synthesiser owner;
        final Truth truth = new Truth();
        final double[] conc;
        final double[] lorentz;
        final double[] shift;
        final double[] spread = new double[3];
        final double[] mmAmp;
        final double[] lipAmp;
        final double[][] waterLines;
        final double[][] baselineLines;
        final double[] trShift;
        final double[] trPhaseDeg;
        final double[] trAmp;
        final double[] trMotion;
        final double[] coilRe;
        final double[] coilIm;
        final double[] coilSd;
        final double[] coilWeightRe;
        final double[] coilWeightIm;
        final double[][] cholesky;
        double coilCorrelation;
        final double[] wRe;
        final double[] wIm;
        final double[][] block;
        final double[][] met;
        final double[][] nui;
        final double[][] lip;
        final double[][] wat;
        final double[][] bl;
        final double[][] env;
        final double[][] fac;
        final double[][] clean;
        final double[][] mod;
        final double[][] out;
        final double[][] noise;
        final double[][] water;
        final double[][][] comp;
        double[][] trRe = new double[0][];
        double[][] trIm = new double[0][];
        final Fft fft;

        Workspace(Synthesiser s) {
            owner = s;
            int n = s.n;
            int m = s.basisRe.length;
            conc = new double[m];
            lorentz = new double[m];
            shift = new double[m];
            mmAmp = new double[s.scenario.macromolecules() == null ? 0 : s.scenario.macromolecules().peaks().size()];
            lipAmp = new double[s.scenario.lipids() == null ? 0 : s.scenario.lipids().peaks().size()];
            waterLines = new double[s.scenario.residualWater() == null ? 0 : s.scenario.residualWater().count()][4];
            baselineLines = new double[s.scenario.baseline() == null ? 0 : s.scenario.baseline().count()][4];
            int a = s.scenario.transients() == null ? 1 : s.scenario.transients().averages();
            int c = s.scenario.coils() == null ? 1 : s.scenario.coils().count();
            trShift = new double[a];
            trPhaseDeg = new double[a];
            trAmp = new double[a];
            java.util.Arrays.fill(trAmp, 1);
            trMotion = new double[a];
            coilRe = new double[c];
            coilIm = new double[c];
            coilSd = new double[c];
            coilWeightRe = new double[c];
            coilWeightIm = new double[c];
            cholesky = new double[c][c];
            wRe = new double[n];
            wIm = new double[n];
            block = Lines.modulationScratch(n);
            met = new double[2][n];
            nui = new double[2][n];
            lip = new double[2][n];
            wat = new double[2][n];
            bl = new double[2][n];
            env = new double[2][n];
            fac = new double[2][n];
            clean = new double[2][n];
            mod = new double[2][n];
            out = new double[2][n];
            noise = new double[2][n];
            water = new double[2][n];
            comp = new double[COMPONENTS.size()][2][n];
            fft = new Fft(n);
        }

        void ensureTransients(int total) {
            if (trRe.length != total) {
                int n = owner.n;
                trRe = new double[total][n];
                trIm = new double[total][n];
            }
        }

        Sample sample(long index, boolean components, boolean transients) {
            double dwell = owner.dwell;
            Fid fid = new Fid(out[0].clone(), out[1].clone(), dwell);
            Fid wref = owner.scenario.waterReference() == null ? null
                    : new Fid(water[0].clone(), water[1].clone(), dwell);
            List<Fid> comps = null;
            if (components) {
                comps = new ArrayList<>();
                for (double[][] c : comp) {
                    comps.add(new Fid(c[0].clone(), c[1].clone(), dwell));
                }
            }
            List<Fid> trans = null;
            if (transients) {
                trans = new ArrayList<>();
                for (int k = 0; k < trRe.length; k++) {
                    trans.add(new Fid(trRe[k].clone(), trIm[k].clone(), dwell));
                }
            }
            return new Sample(index, fid, owner.schema == null ? truth.freeze() : owner.schema, truth.values(),
                    wref, comps, trans, owner.averages, owner.coils);
        }
    }
}
