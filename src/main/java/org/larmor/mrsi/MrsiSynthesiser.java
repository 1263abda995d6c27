package org.larmor.mrsi;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;
import org.larmor.synth.Fft;
import org.larmor.synth.NuisanceSignals;
import org.larmor.synth.Peak;
import org.larmor.synth.Scenario;
import org.larmor.synth.ScenarioReader;
import org.larmor.synth.SynthBasis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes a synthetic MRSI dataset (docs/mrsi.md), in named steps:
 * <ol>
 *   <li>draw each tissue's concentrations once (stream "tissue.&lt;name&gt;");</li>
 *   <li>sample the phantom on the object grid, {@code oversampling} points per acquired voxel along each encoded
 *       axis (and {@code slice_samples} through an unencoded slice): tissue fractions, B0 and B1 at each point;</li>
 *   <li>each object point's signal: its cell volume (mL) times Σ_tissue fraction·(Σ_m c_m·FID_m(B1)·exp(−π·L_t·t)
 *       + the tissue's macromolecules), plus its lipid fraction times the lipid components, plus its tissue
 *       fraction times its voxel's residual-water factor times the water lines, all times exp(−i·2π·ΔB0·t) — so a
 *       voxel's lineshape is the sum over the B0 offsets of its points (the intra-voxel spread);</li>
 *   <li>per time point, the exact Fourier transform of the object truncated to the acquired matrix
 *       ({@link CartesianEncoder});</li>
 *   <li>noise in k-space, per acquired point the mean of its averages (stream "noise");</li>
 *   <li>weighting and the inverse transform: the point-spread function and the lipid bleed follow.</li>
 * </ol>
 * The result is a deterministic function of the scenario and the seed, whatever the thread count.
 */
public final class MrsiSynthesiser {
    /** Time points per block of work. */
    static final int TIME_BLOCK = 32;

    private MrsiSynthesiser() {
    }

    /** Loads the basis of every tissue's metabolites (as {@code larmor synth} does) and makes the dataset. */
    public static MrsiResult run(MrsiScenario sc, long seed, Path defaultSpinSystems, int threads) {
        SynthBasis basis = loadBasis(sc, defaultSpinSystems);
        return run(sc, seed, basis, response(sc, basis, defaultSpinSystems), threads);
    }

    /** The scenario's B1 response: ideal pulses, or the basis simulated at {@code b1.scales} and interpolated. */
    public static B1Response response(MrsiScenario sc, SynthBasis basis, Path defaultSpinSystems) {
        return sc.b1().response().equals(InterpolatedB1Response.NAME)
                ? InterpolatedB1Response.simulate(sc, basis, defaultSpinSystems)
                : new IdealPulseB1Response(basis.fids(), sc.b1().response());
    }

    /** The basis of the union of the tissues' metabolites, in order of first appearance. */
    public static SynthBasis loadBasis(MrsiScenario sc, Path defaultSpinSystems) {
        Map<String, Scenario.Metabolite> union = new LinkedHashMap<>();
        for (MrsiScenario.Tissue t : sc.allTissues()) {
            for (Scenario.Metabolite m : t.metabolites()) {
                union.putIfAbsent(m.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[-_ ]", ""), m);
            }
        }
        Scenario s = ScenarioReader.basisOnly(sc.name(), sc.origin(), sc.sha256(), sc.basis(),
                new ArrayList<>(union.values()));
        return SynthBasis.load(s, defaultSpinSystems);
    }

    /**
     * @param response the signal's B1 dependence (per-metabolite FIDs in the basis's order)
     * @param threads  worker threads (does not change the result)
     */
    public static MrsiResult run(MrsiScenario sc, long seed, SynthBasis basis, B1Response response, int threads) {
        MrsiScenario.PhantomSpec spec = sc.phantom();
        int[] n = spec.matrix();
        int[] m = spec.objectPoints();
        int k = spec.oversampling();
        boolean encodeZ = spec.encodedDimensions() == 3;
        int points = basis.points();
        double dt = basis.dwellS();
        int metabolites = basis.names().size();

        // 1. Concentrations per tissue, drawn once.
        List<MrsiScenario.Tissue> all = sc.allTissues();
        int tissues = all.size();
        int classes = Phantom.CLASSES.size() + sc.lesions().size();
        double[][] conc = new double[tissues][metabolites];
        for (int t = 0; t < tissues; t++) {
            MrsiScenario.Tissue tissue = all.get(t);
            SplittableRandom rng = new SplittableRandom(Streams.seed(seed, "tissue." + tissue.name()));
            for (Scenario.Metabolite met : tissue.metabolites()) {
                int idx = basis.indexOf(met.name());
                conc[t][idx] = met.concentrationMm().sample(rng);
            }
        }
        // 1b. Macromolecules per tissue, drawn once (stream "macromolecules.<name>"), and the residual water's lines
        // (stream "residual_water"), as the single-voxel synthesiser draws and makes them.
        double[][] mmDrawn = new double[tissues][];
        double[][][] mmSignal = new double[tissues][][];
        for (int t = 0; t < tissues; t++) {
            Scenario.ComponentSet set = all.get(t).macromolecules();
            if (set != null) {
                SplittableRandom rng = new SplittableRandom(Streams.seed(seed, "macromolecules." + all.get(t).name()));
                mmDrawn[t] = NuisanceSignals.drawComponents(set, rng);
                mmSignal[t] = NuisanceSignals.components(set, mmDrawn[t], points, dt, basis.hzPerPpm(),
                        basis.referencePpm());
            }
        }
        MrsiScenario.ResidualWater water = sc.residualWater();
        double[][] waterLines = null;
        double[][] waterSignal = null;
        double[] waterFactor = null;
        if (water != null) {
            if (basis.nucleus() != null && !basis.nucleus().equals("1H")) {
                throw InputException.of(sc.origin(), "residual_water is a 1H signal; this basis observes "
                        + basis.nucleus() + ": remove residual_water");
            }
            waterLines = NuisanceSignals.drawLines(water.lines(), new SplittableRandom(Streams.seed(seed,
                    "residual_water")));
            waterSignal = NuisanceSignals.residualWater(waterLines, points, dt, basis.hzPerPpm(),
                    basis.referencePpm());
            waterFactor = new double[n[0] * n[1] * n[2]];
            SplittableRandom rng = new SplittableRandom(Streams.seed(seed, "residual_water.voxel"));
            for (int v = 0; v < waterFactor.length; v++) {
                waterFactor[v] = water.voxelFactor().sample(rng);
            }
        }

        // 2. The object grid.
        double[] cell = new double[3];
        double[] first = new double[3];
        for (int a = 0; a < 3; a++) {
            cell[a] = spec.fovM()[a] / m[a];
            boolean encoded = a < 2 || encodeZ;
            first[a] = encoded ? (-m[a] / 2.0 - (k - 1) / 2.0) * cell[a] : (0.5 - m[a] / 2.0) * cell[a];
        }
        first[2] += spec.sliceCentreM();
        double[] voxel = spec.voxelM();
        double[] origin = {-n[0] / 2 * voxel[0], -n[1] / 2 * voxel[1],
            spec.sliceCentreM() - (encodeZ ? n[2] / 2 * voxel[2] : 0)};
        int count = m[0] * m[1] * m[2];
        double volumeMl = cell[0] * cell[1] * cell[2] * 1e6;
        double ramp = Math.cbrt(cell[0] * cell[1] * cell[2]);
        Phantom phantom = new Phantom(spec, sc.b0().cavities(), sc.lesions());
        double[][] frac = new double[classes][count];
        List<double[]> positions = new ArrayList<>(count);
        double[] brain = new double[count];
        double[] f = new double[classes];
        for (int j = 0; j < count; j++) {
            double[] p = position(j, m, first, cell);
            positions.add(p);
            phantom.fractions(p, ramp, f);
            for (int c = 0; c < classes; c++) {
                frac[c][j] = f[c];
                brain[j] += c == Phantom.LIPID ? 0 : f[c];
            }
        }
        FieldMaps maps = new FieldMaps(sc.b0(), sc.b1(), spec, phantom, basis.hzPerPpm() * 1e6, seed);
        maps.calibrateShim(positions, brain);
        double[] b0 = new double[count];
        double[] b1 = new double[count];
        int[] bin = new int[count];
        Map<Long, Integer> bins = new HashMap<>();
        List<Double> binScales = new ArrayList<>();
        double res = sc.b1().resolution();
        for (int j = 0; j < count; j++) {
            b0[j] = maps.b0Hz(positions.get(j));
            b1[j] = maps.b1Scale(positions.get(j));
            long r = Math.round(b1[j] / res);
            Integer b = bins.get(r);
            if (b == null) {
                b = binScales.size();
                bins.put(r, b);
                binScales.add(r * res);
            }
            bin[j] = b;
        }

        // 3. Tissue and lipid spectra per B1 bin; per-point amplitudes.
        List<Integer> active = new ArrayList<>();
        for (int t = 0; t < tissues; t++) {
            if (mmSignal[t] != null) {
                active.add(t);
                continue;
            }
            for (double c : conc[t]) {
                if (c != 0) {
                    active.add(t);
                    break;
                }
            }
        }
        int nb = binScales.size();
        // One row per active tissue (its metabolites and macromolecules), then one for the residual water.
        int rows = active.size() + (waterSignal != null ? 1 : 0);
        double[][][] specRe = new double[rows][nb][points];
        double[][][] specIm = new double[rows][nb][points];
        double[] lipidGain = new double[nb];
        for (int b = 0; b < nb; b++) {
            List<Fid> fids = response.fids(binScales.get(b));
            lipidGain[b] = response.singletGain(binScales.get(b));
            for (int a = 0; a < active.size(); a++) {
                int t = active.get(a);
                double lz = all.get(t).lorentzianHz();
                for (int q = 0; q < metabolites; q++) {
                    double c = conc[t][q];
                    if (c == 0) {
                        continue;
                    }
                    Fid fid = fids.get(q);
                    for (int i = 0; i < points; i++) {
                        specRe[a][b][i] += c * fid.re()[i];
                        specIm[a][b][i] += c * fid.im()[i];
                    }
                }
                for (int i = 0; i < points; i++) {
                    double d = Math.exp(-Math.PI * lz * i * dt);
                    specRe[a][b][i] *= d;
                    specIm[a][b][i] *= d;
                }
                // Macromolecules keep their own widths (as in synth); the B1 gain of an uncoupled line.
                if (mmSignal[t] != null) {
                    for (int i = 0; i < points; i++) {
                        specRe[a][b][i] += lipidGain[b] * mmSignal[t][0][i];
                        specIm[a][b][i] += lipidGain[b] * mmSignal[t][1][i];
                    }
                }
            }
            if (waterSignal != null) {
                for (int i = 0; i < points; i++) {
                    specRe[rows - 1][b][i] = lipidGain[b] * waterSignal[0][i];
                    specIm[rows - 1][b][i] = lipidGain[b] * waterSignal[1][i];
                }
            }
        }
        double[][] lipid = lipidSpectrum(sc.lipids(), basis, points);
        double[][] amp = new double[rows][count];
        double[] lipAmp = new double[count];
        for (int j = 0; j < count; j++) {
            for (int a = 0; a < active.size(); a++) {
                amp[a][j] = volumeMl * frac[fractionIndex(active.get(a))][j];
            }
            if (waterFactor != null) {
                amp[rows - 1][j] = volumeMl * brain[j] * waterFactor[voxelOf(j, m, n, k, encodeZ)];
            }
            lipAmp[j] = lipid == null ? 0 : volumeMl * frac[Phantom.LIPID][j] * lipidGain[bin[j]];
        }

        // 4. Encoding, time point by time point.
        CartesianEncoder probe = new CartesianEncoder(n, encodeZ ? m : new int[] {m[0], m[1], 1});
        int samples = probe.samples();
        double[] kRe = new double[points * samples];
        double[] kIm = new double[points * samples];
        int plane = encodeZ ? count : m[0] * m[1];
        int[] planeDims = encodeZ ? m : new int[] {m[0], m[1], 1};
        int workers = Math.max(1, threads);
        // Fixed blocks of time points (the B0 phasors restart from an exact value at each block's first point), so the
        // result does not depend on the thread count.
        int chunks = (points + TIME_BLOCK - 1) / TIME_BLOCK;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int ch = 0; ch < chunks; ch++) {
                int t0 = (int) ((long) points * ch / chunks);
                int t1 = (int) ((long) points * (ch + 1) / chunks);
                jobs.add(pool.submit(() -> {
                    CartesianEncoder enc = new CartesianEncoder(n, planeDims);
                    double[] oRe = new double[plane];
                    double[] oIm = new double[plane];
                    double[] outRe = new double[samples];
                    double[] outIm = new double[samples];
                    double[] pr = new double[count];
                    double[] pi = new double[count];
                    double[] sr = new double[count];
                    double[] si = new double[count];
                    for (int j = 0; j < count; j++) {
                        double phi = -2 * Math.PI * b0[j] * t0 * dt;
                        pr[j] = Math.cos(phi);
                        pi[j] = Math.sin(phi);
                        double step = -2 * Math.PI * b0[j] * dt;
                        sr[j] = Math.cos(step);
                        si[j] = Math.sin(step);
                    }
                    double[][] tabRe = new double[rows][nb];
                    double[][] tabIm = new double[rows][nb];
                    for (int t = t0; t < t1; t++) {
                        for (int a = 0; a < rows; a++) {
                            for (int b = 0; b < nb; b++) {
                                tabRe[a][b] = specRe[a][b][t];
                                tabIm[a][b] = specIm[a][b][t];
                            }
                        }
                        double lr = lipid == null ? 0 : lipid[0][t];
                        double li = lipid == null ? 0 : lipid[1][t];
                        java.util.Arrays.fill(oRe, 0);
                        java.util.Arrays.fill(oIm, 0);
                        int na = amp.length;
                        for (int j = 0, o = 0; j < count; j++, o++) {
                            if (o == plane) {
                                o = 0;
                            }
                            int b = bin[j];
                            double vr = lipAmp[j] * lr;
                            double vi = lipAmp[j] * li;
                            for (int a = 0; a < na; a++) {
                                double w = amp[a][j];
                                vr += w * tabRe[a][b];
                                vi += w * tabIm[a][b];
                            }
                            double cr = pr[j];
                            double ci = pi[j];
                            oRe[o] += vr * cr - vi * ci;
                            oIm[o] += vr * ci + vi * cr;
                            double c2 = sr[j];
                            double s2 = si[j];
                            pr[j] = cr * c2 - ci * s2;
                            pi[j] = cr * s2 + ci * c2;
                        }
                        enc.encode(oRe, oIm, outRe, outIm);
                        System.arraycopy(outRe, 0, kRe, t * samples, samples);
                        System.arraycopy(outIm, 0, kIm, t * samples, samples);
                    }
                    return null;
                }));
            }
            await(jobs);

            // 5. Noise in k-space: the mean of n(κ) averages at each acquired point.
            MrsiScenario.EncodingSpec e = sc.encoding();
            int[] averages = e.weighting().averages(n, e.averages());
            if (e.elliptical()) {
                for (int q = 0; q < samples; q++) {
                    double rho = 0;
                    int[] at = {q % n[0], q / n[0] % n[1], q / (n[0] * n[1])};
                    for (int a = 0; a < 3; a++) {
                        if (n[a] > 1) {
                            double u = (at[a] - n[a] / 2) / (n[a] / 2.0);
                            rho += u * u;
                        }
                    }
                    if (rho > 1) {
                        averages[q] = 0;
                    }
                }
            }
            double[] weights = e.weighting().weights(n, averages);
            double perAverage = e.noiseSd() * Math.sqrt((double) e.averages() * samples);
            double[] sd = new double[samples];
            double var = 0;
            for (int q = 0; q < samples; q++) {
                sd[q] = averages[q] > 0 ? perAverage / Math.sqrt(averages[q]) : 0;
                var += weights[q] * weights[q] * sd[q] * sd[q];
            }
            double imageSd = Math.sqrt(var) / samples;
            double[] dRe = new double[points * samples];
            double[] dIm = new double[points * samples];
            SplittableRandom noise = new SplittableRandom(Streams.seed(seed, "noise"));
            for (int t = 0; t < points; t++) {
                for (int q = 0; q < samples; q++) {
                    int i = t * samples + q;
                    if (averages[q] == 0) {
                        continue;
                    }
                    dRe[i] = kRe[i];
                    dIm[i] = kIm[i];
                    if (sd[q] > 0) {
                        dRe[i] += sd[q] * FieldMaps.gaussian(noise);
                        dIm[i] += sd[q] * FieldMaps.gaussian(noise);
                    }
                }
            }

            // 6. Weighting and reconstruction.
            double[] imRe = new double[points * samples];
            double[] imIm = new double[points * samples];
            // The noise-free image takes the noise-free k-space's place, block by block (each job reads its time
            // points' k-space before writing their image): two arrays of points × voxels fewer at the peak.
            double[] clRe = kRe;
            double[] clIm = kIm;
            jobs.clear();
            for (int ch = 0; ch < chunks; ch++) {
                int t0 = (int) ((long) points * ch / chunks);
                int t1 = (int) ((long) points * (ch + 1) / chunks);
                jobs.add(pool.submit(() -> {
                    CartesianEncoder enc = new CartesianEncoder(n, planeDims);
                    double[] inRe = new double[samples];
                    double[] inIm = new double[samples];
                    double[] outRe = new double[samples];
                    double[] outIm = new double[samples];
                    for (int t = t0; t < t1; t++) {
                        System.arraycopy(dRe, t * samples, inRe, 0, samples);
                        System.arraycopy(dIm, t * samples, inIm, 0, samples);
                        enc.reconstruct(inRe, inIm, weights, outRe, outIm);
                        System.arraycopy(outRe, 0, imRe, t * samples, samples);
                        System.arraycopy(outIm, 0, imIm, t * samples, samples);
                        System.arraycopy(kRe, t * samples, inRe, 0, samples);
                        System.arraycopy(kIm, t * samples, inIm, 0, samples);
                        for (int q = 0; q < samples; q++) {
                            if (averages[q] == 0) {
                                inRe[q] = 0;
                                inIm[q] = 0;
                            }
                        }
                        enc.reconstruct(inRe, inIm, weights, outRe, outIm);
                        System.arraycopy(outRe, 0, clRe, t * samples, samples);
                        System.arraycopy(outIm, 0, clIm, t * samples, samples);
                    }
                    return null;
                }));
            }
            await(jobs);

            // Truth maps: what a perfectly localised voxel holds.
            int voxels = samples;
            int perVoxel = count / voxels;
            double[][] fr = new double[classes][voxels];
            double[] b0v = new double[voxels];
            double[] b1v = new double[voxels];
            double[] wsum = new double[voxels];
            double[] b0plain = new double[voxels];
            double[] b1plain = new double[voxels];
            for (int j = 0; j < count; j++) {
                int v = voxelOf(j, m, n, k, encodeZ);
                double w = 0;
                for (int c = 0; c < classes; c++) {
                    fr[c][v] += frac[c][j] / perVoxel;
                    w += frac[c][j];
                }
                b0v[v] += w * b0[j];
                b1v[v] += w * b1[j];
                wsum[v] += w;
                b0plain[v] += b0[j] / perVoxel;
                b1plain[v] += b1[j] / perVoxel;
            }
            for (int v = 0; v < voxels; v++) {
                b0v[v] = wsum[v] > 0 ? b0v[v] / wsum[v] : b0plain[v];
                b1v[v] = wsum[v] > 0 ? b1v[v] / wsum[v] : b1plain[v];
            }
            double[][] cmap = new double[metabolites][voxels];
            for (int q = 0; q < metabolites; q++) {
                for (int v = 0; v < voxels; v++) {
                    for (int t = 0; t < tissues; t++) {
                        cmap[q][v] += fr[fractionIndex(t)][v] * conc[t][q];
                    }
                }
            }
            int ref = basis.indexOf("NAA") >= 0 ? basis.indexOf("NAA") : 0;
            double[] lw = linewidths(all, basis, conc, ref, frac, b0, m, n, k, encodeZ, pool, chunks);
            return new MrsiResult(sc, seed, basis, n.clone(), voxel, origin, m.clone(), cell, first, imRe, imIm,
                    clRe, clIm, dRe, dIm, averages, weights, sd, imageSd, conc, fr, cmap, b0v, b1v, lw,
                    basis.names().get(ref), b0, maps.shimCoefficients(), maps.shimScaleHz(), response.describe(),
                    mmDrawn, waterLines, waterFactor);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The fraction (Phantom's class) of tissue t of {@link MrsiScenario#allTissues()}: lipid sits between. */
    static int fractionIndex(int t) {
        return t < Phantom.LIPID ? t : t + 1;
    }

    /** Position (m) of object point j (x fastest). */
    static double[] position(int j, int[] m, double[] first, double[] cell) {
        int x = j % m[0];
        int y = j / m[0] % m[1];
        int z = j / (m[0] * m[1]);
        return new double[] {first[0] + x * cell[0], first[1] + y * cell[1], first[2] + z * cell[2]};
    }

    private static int voxelOf(int j, int[] m, int[] n, int k, boolean encodeZ) {
        int x = j % m[0] / k;
        int y = j / m[0] % m[1] / k;
        int z = encodeZ ? j / (m[0] * m[1]) / k : 0;
        return (z * n[1] + y) * n[0] + x;
    }

    /**
     * The lipid components: scale · Σ_p A_p·exp(−i·2π·(δ_p − ref)·f0·t)·exp(−(π·G_p·t)²/(4 ln 2)), G_p the
     * component's Gaussian FWHM in Hz; null without lipids.
     */
    static double[][] lipidSpectrum(MrsiScenario.Lipids lipids, SynthBasis basis, int points) {
        if (lipids == null) {
            return null;
        }
        double[][] out = new double[2][points];
        double dt = basis.dwellS();
        for (Peak p : lipids.peaks()) {
            double freq = -(p.ppm() - basis.referencePpm()) * basis.hzPerPpm();
            double g = p.fwhmPpm() * basis.hzPerPpm();
            for (int i = 0; i < points; i++) {
                double t = i * dt;
                double x = Math.PI * g * t;
                double env = lipids.scale() * p.amplitude() * Math.exp(-x * x / (4 * Math.log(2)));
                out[0][i] += env * Math.cos(2 * Math.PI * freq * t);
                out[1][i] += env * Math.sin(2 * Math.PI * freq * t);
            }
        }
        return out;
    }

    /**
     * Per voxel, the FWHM (Hz) of the reference singlet's lineshape from the voxel's own object points: the sum over
     * them of (fraction · tissue concentration of the reference) · exp(−π·L_t·t) · exp(−i·2π·ΔB0·t), times the
     * basis's intrinsic Lorentzian and Gaussian, as the real part of its zero-filled (4×) spectrum. NaN in a voxel
     * without the reference metabolite.
     */
    private static double[] linewidths(List<MrsiScenario.Tissue> all, SynthBasis basis, double[][] conc, int ref,
                                       double[][] frac, double[] b0, int[] m, int[] n, int k, boolean encodeZ,
                                       ExecutorService pool, int chunks) {
        int voxels = n[0] * n[1] * n[2];
        int points = basis.points();
        double dt = basis.dwellS();
        int zf = Integer.highestOneBit(points * 4 - 1) << 1;
        double[] out = new double[voxels];
        int tissues = all.size();
        double[][] decay = new double[tissues][points];
        double l0 = basis.intrinsicLorentzianHz();
        double g0 = basis.intrinsicGaussianHz();
        for (int t = 0; t < tissues; t++) {
            double lz = all.get(t).lorentzianHz();
            for (int i = 0; i < points; i++) {
                double x = Math.PI * g0 * i * dt;
                decay[t][i] = Math.exp(-Math.PI * (lz + (Double.isNaN(l0) ? 0 : l0)) * i * dt
                        - (Double.isNaN(g0) ? 0 : x * x / (4 * Math.log(2))));
            }
        }
        int zPoints = encodeZ ? k : m[2];
        List<Future<?>> jobs = new ArrayList<>();
        for (int ch = 0; ch < chunks; ch++) {
            int v0 = (int) ((long) voxels * ch / chunks);
            int v1 = (int) ((long) voxels * (ch + 1) / chunks);
            jobs.add(pool.submit(() -> {
                Fft fft = new Fft(zf);
                double[] hr = new double[zf];
                double[] hi = new double[zf];
                double[][] tr = new double[tissues][points];
                double[][] ti = new double[tissues][points];
                double[] w3 = new double[tissues];
                int[] use = new int[tissues];
                for (int v = v0; v < v1; v++) {
                    int vx = v % n[0];
                    int vy = v / n[0] % n[1];
                    int vz = v / (n[0] * n[1]);
                    double total = 0;
                    for (double[] a : tr) {
                        java.util.Arrays.fill(a, 0);
                    }
                    for (double[] a : ti) {
                        java.util.Arrays.fill(a, 0);
                    }
                    for (int dz = 0; dz < zPoints; dz++) {
                        for (int dy = 0; dy < k; dy++) {
                            for (int dx = 0; dx < k; dx++) {
                                int z = encodeZ ? vz * k + dz : dz;
                                int j = (z * m[1] + vy * k + dy) * m[0] + vx * k + dx;
                                int used = 0;
                                for (int t = 0; t < tissues; t++) {
                                    w3[t] = frac[fractionIndex(t)][j] * conc[t][ref];
                                    if (w3[t] > 0) {
                                        use[used++] = t;
                                        total += w3[t];
                                    }
                                }
                                if (used == 0) {
                                    continue;
                                }
                                double step = -2 * Math.PI * b0[j] * dt;
                                double sr = Math.cos(step);
                                double si = Math.sin(step);
                                double pr = 1;
                                double pi = 0;
                                for (int i = 0; i < points; i++) {
                                    for (int u = 0; u < used; u++) {
                                        int t = use[u];
                                        tr[t][i] += w3[t] * pr;
                                        ti[t][i] += w3[t] * pi;
                                    }
                                    double nr = pr * sr - pi * si;
                                    pi = pr * si + pi * sr;
                                    pr = nr;
                                }
                            }
                        }
                    }
                    if (!(total > 0)) {
                        out[v] = Double.NaN;
                        continue;
                    }
                    java.util.Arrays.fill(hr, 0);
                    java.util.Arrays.fill(hi, 0);
                    for (int t = 0; t < tissues; t++) {
                        for (int i = 0; i < points; i++) {
                            hr[i] += decay[t][i] * tr[t][i];
                            hi[i] += decay[t][i] * ti[t][i];
                        }
                    }
                    hr[0] *= 0.5;
                    hi[0] *= 0.5;
                    fft.forward(hr, hi);
                    out[v] = fwhmBins(hr) / (zf * dt);
                }
                return null;
            }));
        }
        await(jobs);
        return out;
    }

    /** FWHM in bins of the (circular) peak of s, by linear interpolation of the half-maximum crossings. */
    static double fwhmBins(double[] s) {
        int len = s.length;
        int top = 0;
        for (int i = 1; i < len; i++) {
            if (s[i] > s[top]) {
                top = i;
            }
        }
        double half = s[top] / 2;
        double right = Double.NaN;
        for (int d = 1; d < len / 2; d++) {
            double a = s[Math.floorMod(top + d - 1, len)];
            double b = s[Math.floorMod(top + d, len)];
            if (b <= half) {
                right = d - 1 + (a - half) / (a - b);
                break;
            }
        }
        double left = Double.NaN;
        for (int d = 1; d < len / 2; d++) {
            double a = s[Math.floorMod(top - d + 1, len)];
            double b = s[Math.floorMod(top - d, len)];
            if (b <= half) {
                left = d - 1 + (a - half) / (a - b);
                break;
            }
        }
        return left + right;
    }

    private static void await(List<Future<?>> jobs) {
        try {
            for (Future<?> j : jobs) {
                j.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
