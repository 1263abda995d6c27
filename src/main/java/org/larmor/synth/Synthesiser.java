package org.larmor.synth;

import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes synthetic scans from a basis set and a scenario. Every scan is a deterministic function of (seed, index),
 * and each part of the signal model is a {@link Term} with a random stream of its own ({@link Term#stream}), so a
 * dataset is the same whatever the thread count or the order in which scans are made, and adding a term changes
 * no other term's draws.
 *
 * <p>A scan ({@link Layout}) is D dynamics (fMRS time points or dMRS weightings) × N averages × C editing
 * conditions, acquired shot by shot in that interleaved order. The signal model of the sub-spectrum of dynamic d and
 * condition c, step by step (each term, its parameters and its reference in docs/synthesiser.md):
 * <ol>
 *   <li>metabolites: Σ_m w_{d,m}·B_{c,m}(t)·exp((−π·L_m − i·2π·Δ_m)·t), with B_{c,m} the basis FID of metabolite m
 *       in condition c and w_{d,m} its concentration, times its fMRS response or its diffusion attenuation at d;</li>
 *   <li>macromolecules, lipids (parametrised Gaussian components, {@link ComponentTables}), the co-edited MM at
 *       3.0 ppm (weighted per condition) and residual water (Lorentzian lines near 4.65 ppm);</li>
 *   <li>global lineshape of all tissue signals: exp(−i·2π·Δ·t) · exp(−(π·G·t)²/(4 ln 2)) · Π_d sinc(π·W_d·t),
 *       and in fMRS the BOLD narrowing exp(+π·b_d·t);</li>
 *   <li>a smooth baseline: broad Gaussian lines at random positions and phases;</li>
 *   <li>phase: exp(i·(φ0 + A·exp(−t/τ) + A_d·exp(−t/τ_d))) (zero order, eddy currents, and the diffusion
 *       gradients' eddy currents), then exp(i·φ1·(δ − pivot)) on the spectrum (first order);</li>
 *   <li>shots: shot s is multiplied by a_s·exp(i·θ_s)·exp(−i·2π·Δf_s·t) (drift, jitter, motion, diffusion
 *       motion); coil q sees S_q times it plus correlated noise; a sub-spectrum is the optimally combined (Roemer
 *       PB et al. Magn Reson Med 1990;16:192-225) average of its N shots;</li>
 *   <li>complex white Gaussian noise on every sub-spectrum, its SD σ set from the target SNR of the reference
 *       sub-spectrum (docs/metrics.md); combinations (DIFF = ON − OFF, HERMES' Hadamard sums) are made from the
 *       noisy sub-spectra, as a scanner makes them, so DIFF carries √2·σ and every subtraction artefact.</li>
 * </ol>
 */
public final class Synthesiser {
    /** Names of the clean components written on request, in order; they add up to the output FID. */
    public static final List<String> COMPONENTS = List.of("metabolites", "macromolecules", "lipids",
            "residual_water", "baseline", "noise");
    static final int NOISE = 5;

    /** ppm of the water resonance (the unsuppressed reference and the centre of the residual-water model). */
    /** Water on the 1H (and 2H) scale, ppm: the receiver compound of {@link org.larmor.spin.Nucleus#H1}. */
    public static final double WATER_PPM = org.larmor.spin.Nucleus.H1.ppmConvention().defaultReceiverPpm();

    private final Scenario scenario;
    private final SynthBasis basis;
    private final Layout layout;
    private final int n;
    private final double dwell;
    private final double hzPerPpm;
    private final double referencePpm;
    /** [condition][metabolite] basis FIDs. */
    private final double[][][] basisRe;
    /** Per condition and metabolite, the spurious-echo component (null without spurious_echoes). */
    private final double[][][] spuriousRe;
    private final double[][][] spuriousIm;
    private final double[][][] basisIm;
    private final int reference;
    private final int referenceCondition;
    private final int referenceDynamic;
    private final Nuisance mm;
    private final Nuisance lipids;
    private final double[][] editedMmLine;
    /**
     * The reference window's bins as DFT rows (a window of up to {@link WindowRows#MAX_ROWS} bins, or any window
     * when n is not a power of two), else null.
     */
    private final WindowRows heightRows;
    /** Otherwise its bins, read from one FFT pruned to the butterflies they need. */
    private final int[] heightBins;
    private final Fft.Pruning heightPruning;
    private final List<String> combinationNames;
    /** [combination][condition] weights. */
    private final double[][] combinationWeights;
    private final Truth.Schema schema;
    private final List<Term> terms = new ArrayList<>();
    private final long[] termKeys;
    private final MetaboliteTerm metabolites;
    private final SpuriousEchoTerm spurious;
    private final LineshapeTerm lineshape;
    private final EddyCurrentTerm eddy;
    private final PhaseTerm phase;
    private final ComponentTerm mmTerm;
    private final ComponentTerm lipidTerm;
    private final LinesTerm waterLines;
    private final LinesTerm baselineLines;
    private final EditedMmTerm editedMm;
    private final WaterReferenceTerm waterReference;
    private final TransientsTerm transients;
    private final CoilsTerm coilTerm;
    private final NoiseTerm noise;
    private final FmrsTerm fmrs;
    private final DiffusionTerm diffusion;

    /** A parametrised component set with each unit-amplitude component FID precomputed. */
    private record Nuisance(Scenario.ComponentSet set, double[][] re, double[][] im, int[] length) {
    }

    /**
     * @throws InputException if the reference metabolite is missing, a ppm window lies outside the spectrum, or
     *                        the scan cannot be made as the scenario describes it
     */
    public Synthesiser(Scenario scenario, SynthBasis basis) {
        this.scenario = scenario;
        this.basis = basis;
        this.n = basis.points();
        this.dwell = basis.dwellS();
        this.hzPerPpm = basis.hzPerPpm();
        this.referencePpm = basis.referencePpm();
        // The water terms count 2·[water] protons (basis amplitudes are one per observed nucleus, whatever the
        // nucleus): on 2H that would be fully deuterated water. Natural-abundance HDO (≈ 1.6e-4 of the hydrogens) is
        // a metabolite there (HDO), with its deuteron concentration, so the two are never mixed.
        boolean waterSeen = basis.nucleus() == null || basis.nucleus().equals("1H");
        if (!waterSeen && (scenario.waterReference() != null || scenario.residualWater() != null)) {
            throw InputException.of(scenario.origin(), "a water reference and residual water are 1H signals (2 protons"
                    + " per water molecule at " + WATER_PPM + " ppm); this basis observes " + basis.nucleus()
                    + ": remove water_reference and residual_water"
                    + (basis.nucleus().equals("2H") ? " and list HDO as a metabolite with its natural-abundance"
                    + " concentration (a basis amplitude is one per deuteron)" : ""));
        }
        int m = basis.fids().size();
        if (m != scenario.metabolites().size()) {
            throw new IllegalArgumentException("basis and scenario list different metabolites");
        }
        int dynamics = scenario.fmrs() != null ? scenario.fmrs().dynamics()
                : scenario.diffusion() != null ? scenario.diffusion().gradients().size() : 1;
        String kind = scenario.fmrs() != null ? "fmrs" : scenario.diffusion() != null ? "diffusion" : "none";
        layout = new Layout(basis.conditions(), dynamics, kind,
                scenario.transients() == null ? 1 : scenario.transients().averages(),
                scenario.coils() == null ? 1 : scenario.coils().count(), scenario.repetitionTimeS());
        if ((long) layout.shots() * layout.coils() > 10_000_000L) {
            throw InputException.of(scenario.origin(), "a scan of " + layout.shots() + " shots on " + layout.coils()
                    + " coils is too large to hold: use fewer averages, dynamics or coils");
        }
        int conditions = layout.conditionCount();
        basisRe = new double[conditions][m][];
        basisIm = new double[conditions][m][];
        for (int c = 0; c < conditions; c++) {
            for (int k = 0; k < m; k++) {
                basisRe[c][k] = basis.conditionFids().get(c).get(k).re().clone();
                basisIm[c][k] = basis.conditionFids().get(c).get(k).im().clone();
            }
        }
        if (scenario.spuriousEchoes() != null && basis.spuriousFids().isEmpty()) {
            throw InputException.of(scenario.origin(), "spurious_echoes needs its components in the basis: load the"
                    + " basis with SynthBasis.load, which simulates them");
        }
        if (basis.spuriousFids().isEmpty()) {
            spuriousRe = null;
            spuriousIm = null;
        } else {
            spuriousRe = new double[conditions][m][];
            spuriousIm = new double[conditions][m][];
            for (int c = 0; c < conditions; c++) {
                for (int k = 0; k < m; k++) {
                    spuriousRe[c][k] = basis.spuriousFids().get(c).get(k).re().clone();
                    spuriousIm[c][k] = basis.spuriousFids().get(c).get(k).im().clone();
                }
            }
        }
        Scenario.Lineshape ls = scenario.lineshape();
        reference = basis.indexOf(ls.reference());
        boolean needsReference = SynthBasis.needsReference(scenario);
        if (reference < 0 && needsReference) {
            throw InputException.of(scenario.origin(), "the reference metabolite \"" + ls.reference()
                    + "\" (lineshape.reference, used for the linewidth and SNR targets) is not among the metabolites"
                    + " of concentrations_mm; add it or name another with lineshape.reference");
        }
        referenceCondition = referenceCondition(scenario, layout.conditions());
        if (reference >= 0 && needsReference) {
            requireReferenceSignal(basis, ls.reference());
        }
        int dRef = 0;
        if (scenario.diffusion() != null) {
            double[] b = scenario.diffusion().gradients().bSPerM2();
            for (int d = 1; d < b.length; d++) {
                dRef = b[d] < b[dRef] ? d : dRef;
            }
        }
        referenceDynamic = dRef;
        checkWindow(ls.referenceWindowPpm(), "lineshape.reference_window_ppm");
        if (scenario.noise() != null) {
            checkWindow(scenario.noise().noiseWindowPpm(), "noise.noise_window_ppm");
        }
        mm = nuisance(scenario.macromolecules());
        lipids = nuisance(scenario.lipids());
        if (scenario.editedMm() != null) {
            Scenario.EditedMm e = scenario.editedMm();
            editedMmLine = new double[2][n];
            Lines.addLine(editedMmLine[0], editedMmLine[1], n, dwell, 1, 0, (referencePpm - e.ppm()) * hzPerPpm, 0,
                    e.fwhmPpm() * hzPerPpm);
        } else {
            editedMmLine = null;
        }
        // The bins inside the reference window, for the SNR reference height.
        List<Integer> bins = new ArrayList<>();
        double[] win = ls.referenceWindowPpm();
        for (int k = 0; k < n; k++) {
            double ppm = referencePpm - Fourier.binFrequencyHz(k, n, dwell) / hzPerPpm;
            if (ppm >= win[0] && ppm <= win[1]) {
                bins.add(k);
            }
        }
        int[] windowBins = bins.stream().mapToInt(Integer::intValue).toArray();
        boolean rows = (n & (n - 1)) != 0 || windowBins.length <= WindowRows.MAX_ROWS;
        heightRows = rows ? new WindowRows(n, dwell, windowBins) : null;
        heightBins = rows ? null : windowBins;
        heightPruning = rows ? null : Fft.prune(n, windowBins);
        combinationNames = new ArrayList<>();
        combinationWeights = new double[basis.combinations().size()][conditions];
        for (int k = 0; k < basis.combinations().size(); k++) {
            Sequence.Combination comb = basis.combinations().get(k);
            combinationNames.add(comb.name());
            for (int c = 0; c < conditions; c++) {
                combinationWeights[k][c] = comb.weights().getOrDefault(layout.conditions().get(c), 0.0);
            }
        }
        // The terms, in the order of the truth table; each declares its columns as it is made.
        Truth.Builder truth = new Truth.Builder();
        metabolites = add(new MetaboliteTerm(scenario.metabolites(), scenario.copula(), truth));
        fmrs = scenario.fmrs() == null ? null : add(new FmrsTerm(scenario.fmrs(), layout, metabolites,
                scenario.metabolites(), minLorentzianHz(), truth));
        diffusion = scenario.diffusion() == null ? null : add(new DiffusionTerm(scenario.diffusion(), layout,
                scenario.metabolites(), truth));
        spurious = spuriousRe == null ? null : add(new SpuriousEchoTerm(scenario.spuriousEchoes(), truth));
        lineshape = add(new LineshapeTerm(ls, metabolites, reference, basis, truth));
        eddy = add(new EddyCurrentTerm(ls, truth));
        phase = add(new PhaseTerm(scenario.phase(), truth));
        mmTerm = scenario.macromolecules() == null ? null : add(new ComponentTerm("macromolecules",
                scenario.macromolecules(), "mm_scale", "mm.", truth));
        lipidTerm = scenario.lipids() == null ? null : add(new ComponentTerm("lipids", scenario.lipids(),
                "lipid_scale", "lipid.", truth));
        editedMm = scenario.editedMm() == null ? null : add(new EditedMmTerm(scenario.editedMm(),
                layout.conditions(), truth));
        waterLines = scenario.residualWater() == null ? null : add(new LinesTerm("residual_water",
                scenario.residualWater(), truth));
        baselineLines = scenario.baseline() == null ? null : add(new LinesTerm("baseline", scenario.baseline(),
                truth));
        transients = scenario.transients() == null ? null : add(new TransientsTerm(scenario.transients(), layout,
                truth));
        coilTerm = scenario.coils() == null ? null : add(new CoilsTerm(scenario.coils(), truth));
        waterReference = scenario.waterReference() == null ? null : add(new WaterReferenceTerm(
                scenario.waterReference(), scenario.repetitionTimeS(), basis.echoTimeS(), basis.waterGain(), truth));
        noise = add(new NoiseTerm(scenario.noise(), modulated(), truth));
        schema = truth.build();
        termKeys = new long[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            termKeys[k] = Term.key(terms.get(k).name());
        }
    }

    private <T extends Term> T add(T term) {
        terms.add(term);
        return term;
    }

    /** The sub-spectrum SNR is defined on: the one named, else OFF; the only one when unedited. */
    private static int referenceCondition(Scenario scenario, List<String> conditions) {
        if (conditions.size() == 1) {
            return 0;
        }
        String named = scenario.editing() != null ? scenario.editing().snrCondition() : null;
        String want = named != null ? named : "OFF";
        for (int c = 0; c < conditions.size(); c++) {
            if (conditions.get(c).equalsIgnoreCase(want)) {
                return c;
            }
        }
        throw new InputException(scenario.editing().location(), "editing.snr_condition", named != null
                ? "the basis has no condition \"" + named + "\"; it has " + conditions
                : "no OFF condition among " + conditions + ": name the sub-spectrum on which SNR and linewidth are"
                + " defined with editing.snr_condition");
    }

    /**
     * Refuses a reference metabolite whose signal is (nearly) absent in the sub-spectrum SNR is defined on, as in a
     * difference spectrum where NAA cancels: the SNR would silently be measured on whatever else lies in the window.
     * "Absent" is an FID amplitude at t = 0 below 5 % of the largest of any metabolite's in that sub-spectrum.
     */
    private void requireReferenceSignal(SynthBasis basis, String name) {
        List<Fid> fids = basis.conditionFids().get(referenceCondition);
        double max = 0;
        for (Fid f : fids) {
            max = Math.max(max, Math.hypot(f.re()[0], f.im()[0]));
        }
        Fid ref = fids.get(reference);
        double own = Math.hypot(ref.re()[0], ref.im()[0]);
        if (own < 0.05 * max) {
            throw InputException.of(scenario.origin(), "the reference metabolite " + name + " has almost no signal in"
                    + " the spectrum " + layout.conditions().get(referenceCondition) + " of " + basis.source()
                    + " (FID amplitude " + String.format(java.util.Locale.ROOT, "%.3g", own) + " against up to "
                    + String.format(java.util.Locale.ROOT, "%.3g", max) + "): SNR and linewidth defined on it would be"
                    + " measured on other lines; for an edited basis use an editing: block (SNR on OFF), or name"
                    + " another reference with lineshape.reference");
        }
    }

    /** The narrowest Lorentzian any metabolite line can have: intrinsic plus the smallest extra width. */
    private double minLorentzianHz() {
        double min = Double.POSITIVE_INFINITY;
        for (Scenario.Metabolite met : scenario.metabolites()) {
            min = Math.min(min, met.lorentzianHz().lowerBound());
        }
        return basis.intrinsicLorentzianHz() + min;
    }

    /** True when shots differ from one another (then every shot's modulation is applied). */
    private boolean modulated() {
        return scenario.transients() != null || scenario.diffusion() != null;
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

    private Nuisance nuisance(Scenario.ComponentSet set) {
        if (set == null) {
            return null;
        }
        int c = set.peaks().size();
        double[][] re = new double[c][n];
        double[][] im = new double[c][n];
        for (int k = 0; k < c; k++) {
            Peak p = set.peaks().get(k);
            Lines.addLine(re[k], im[k], n, dwell, 1, 0, (referencePpm - p.ppm()) * hzPerPpm, 0,
                    p.fwhmPpm() * hzPerPpm);
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
        return new Nuisance(set, re, im, length);
    }

    public Scenario scenario() {
        return scenario;
    }

    public SynthBasis basis() {
        return basis;
    }

    /** How each scan is acquired: conditions, dynamics, averages, coils. */
    public Layout layout() {
        return layout;
    }

    /** The columns of the truth table. */
    public Truth.Schema schema() {
        return schema;
    }

    /** The terms of the signal model, in truth-table order. */
    public List<String> termNames() {
        return terms.stream().map(Term::name).toList();
    }

    /** Names of the combinations made from the sub-spectra (DIFF, SUM, …), in order. */
    public List<String> combinationNames() {
        return List.copyOf(combinationNames);
    }

    /** The sub-spectrum (condition) on which SNR and linewidth are defined. */
    public String referenceCondition() {
        return layout.conditions().get(referenceCondition);
    }

    public int points() {
        return n;
    }

    public int averages() {
        return layout.averages();
    }

    public int coils() {
        return layout.coils();
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
     * Scan {@code index} of a dataset with seed {@code seed}, with its truth, and on request its clean components
     * and its per-coil transients.
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
     * Makes one scan into the workspace, step by step. Requesting components or transients changes nothing in the
     * output FIDs or the truth: the transients' noise comes from a second stream and is conditioned on the averaged
     * noise.
     */
    void run(long seed, long index, Workspace ws, boolean components, boolean wantTransients) {
        if (components) {
            ws.ensureComponents();
        }
        long s0 = spectrumSeed(seed, index);
        SplittableRandom noiseRng = drawTerms(s0, ws.row);
        weigh(ws);
        lineshape(ws);
        otherSignals(ws);
        if (layout.dynamics() > 1) {
            dampOnce(ws);
        }
        double height = subSpectra(ws, components);
        double sigmaTransient = acquire(ws, height, components, noiseRng);
        if (waterReference != null) {
            waterReference(ws, sigmaTransient, noiseRng);
        }
        if (wantTransients) {
            ws.ensureTransients(layout.shots() * layout.coils());
            coils(ws, ws.row);
            SplittableRandom trRng = new SplittableRandom(mix64(s0 ^ 0x6A09E667F3BCC909L));
            for (int d = 0; d < layout.dynamics(); d++) {
                for (int c = 0; c < layout.conditionCount(); c++) {
                    transients(ws, ws.row, d, c, sigmaTransient, trRng);
                }
            }
        }
    }

    /** Every term draws its parameters into the row from its own stream; returns the noise term's stream. */
    private SplittableRandom drawTerms(long s0, double[] row) {
        SplittableRandom noiseRng = null;
        for (int k = 0; k < terms.size(); k++) {
            SplittableRandom rng = new SplittableRandom(Term.stream(s0, termKeys[k]));
            terms.get(k).draw(rng, row);
            if (terms.get(k) == noise) {
                noiseRng = rng;
            }
        }
        return noiseRng;
    }

    /** Per-dynamic metabolite weights w_{d,m}: concentration × fMRS response × diffusion attenuation. */
    private void weigh(Workspace ws) {
        double[] row = ws.row;
        int m = basisRe[0].length;
        int dynamics = layout.dynamics();
        double[][] w = ws.weights;
        for (int d = 0; d < dynamics; d++) {
            for (int k = 0; k < m; k++) {
                w[d][k] = row[metabolites.concentration[k]];
            }
            if (fmrs != null) {
                for (int r = 0; r < fmrs.metabolite.length; r++) {
                    w[d][fmrs.metabolite[r]] = row[fmrs.concentration[r] + d];
                }
            }
            if (diffusion != null) {
                for (int k = 0; k < m; k++) {
                    w[d][k] *= row[diffusion.attenuation[k] + d];
                }
            }
        }
    }

    /**
     * Metabolite k's spurious-echo component into {@code into} with weight amp·s (s the term's drawn scale) and the
     * metabolite's damping and shift; nothing without the term or at s = 0.
     */
    private void addSpurious(double[][] into, int c, int k, double amp, double[] row, Workspace ws) {
        if (spurious == null || row[spurious.scale] == 0) {
            return;
        }
        Lines.modulateAdd(into[0], into[1], spuriousRe[c][k], spuriousIm[c][k], n, dwell, amp * row[spurious.scale],
                0, -row[metabolites.shift[k]], row[metabolites.lorentzian[k]], ws.block);
    }

    /** The global lineshape common to every sub-spectrum, into ws.env: shift, Gaussian, B0 spread. */
    private void lineshape(Workspace ws) {
        double[] row = ws.row;
        double[] envRe = ws.env[0];
        double[] envIm = ws.env[1];
        Lines.clear(envRe, envIm, n);
        Lines.addLine(envRe, envIm, n, dwell, 1, 0, -row[lineshape.globalShift], 0, row[lineshape.gaussian]);
        for (double spread : lineshape.spreads(row, ws.spread)) {
            Lines.multiplySinc(envRe, envIm, n, dwell, spread);
        }
    }

    /** MM, lipids, residual water and baseline before the lineshape, common to every sub-spectrum. */
    private void otherSignals(Workspace ws) {
        double[] row = ws.row;
        if (mm != null) {
            Lines.clear(ws.mmBase[0], ws.mmBase[1], n);
            addNuisance(mm, mmTerm, row, ws.mmBase);
        }
        if (lipids != null) {
            Lines.clear(ws.lipBase[0], ws.lipBase[1], n);
            addNuisance(lipids, lipidTerm, row, ws.lipBase);
        }
        if (waterLines != null) {
            Lines.clear(ws.watBase[0], ws.watBase[1], n);
            for (int k = 0; k < waterLines.count(); k++) {
                double amp = row[waterLines.amplitude + k];
                double ph = Math.toRadians(row[waterLines.phase + k]);
                Lines.modulateAdd(ws.watBase[0], ws.watBase[1], null, null, n, dwell, amp * Math.cos(ph),
                        amp * Math.sin(ph), (referencePpm - row[waterLines.ppm + k]) * hzPerPpm,
                        row[waterLines.width + k], ws.block);
            }
        }
        Lines.clear(ws.blBase[0], ws.blBase[1], n);
        if (baselineLines != null) {
            for (int k = 0; k < baselineLines.count(); k++) {
                double amp = row[baselineLines.amplitude + k];
                double ph = Math.toRadians(row[baselineLines.phase + k]);
                Lines.addLine(ws.blBase[0], ws.blBase[1], n, dwell, amp * Math.cos(ph), amp * Math.sin(ph),
                        (referencePpm - row[baselineLines.ppm + k]) * hzPerPpm, 0, row[baselineLines.width + k]);
            }
        }
    }

    /**
     * With several dynamics: the metabolites whose weight is the same at every dynamic summed once per condition,
     * the others damped and shifted once, to be weighted per dynamic.
     */
    private void dampOnce(Workspace ws) {
        double[] row = ws.row;
        int m = basisRe[0].length;
        int conditions = layout.conditionCount();
        int dynamics = layout.dynamics();
        double[][] w = ws.weights;
        for (int k = 0; k < m; k++) {
            boolean constant = true;
            for (int d = 1; d < dynamics && constant; d++) {
                constant = w[d][k] == w[0][k];
            }
            ws.constant[k] = constant;
        }
        for (int c = 0; c < conditions; c++) {
            double[][] cs = ws.constantSum[c];
            Lines.clear(cs[0], cs[1], n);
            for (int k = 0; k < m; k++) {
                double[][] mb = ws.constant[k] ? cs : ws.modBasis[c][k];
                double amp = ws.constant[k] ? w[0][k] : 1;
                if (!ws.constant[k]) {
                    Lines.clear(mb[0], mb[1], n);
                }
                if (amp != 0) {
                    Lines.modulateAdd(mb[0], mb[1], basisRe[c][k], basisIm[c][k], n, dwell, amp, 0,
                            -row[metabolites.shift[k]], row[metabolites.lorentzian[k]], ws.block);
                    addSpurious(mb, c, k, amp, row, ws);
                }
            }
        }
    }

    /**
     * The clean sub-spectra (dynamic × condition) into ws.clean, phased, before the shots' modulation; their
     * components too when asked. Returns the reference height: the largest real part of the phased,
     * metabolite-only reference sub-spectrum in the reference window.
     */
    private double subSpectra(Workspace ws, boolean components) {
        double[] row = ws.row;
        int m = basisRe[0].length;
        int conditions = layout.conditionCount();
        int dynamics = layout.dynamics();
        double[][] w = ws.weights;
        double phi0 = Math.toRadians(row[phase.zeroOrder]);
        double phi1 = Math.toRadians(row[phase.firstOrder]);
        double height = Double.NaN;
        for (int d = 0; d < dynamics; d++) {
            double[][] envD = ws.env;
            if (fmrs != null && row[fmrs.narrowingDyn + d] != 0) {
                // BOLD: every tissue line narrower by b Hz, exp(+π·b·t).
                envD = ws.envD;
                Lines.modulation(envD[0], envD[1], n, dwell, 1, 0, 0, -row[fmrs.narrowingDyn + d]);
                Lines.multiply(envD[0], envD[1], ws.env[0], ws.env[1], n);
            }
            boolean factor = phaseFactor(ws, row, d, phi0);
            // One pass per condition over the metabolites' lines (the vector kernel), with their factors made
            // once for all conditions; the same doubles as the passes below.
            // (Spurious echoes ride on each metabolite's own line: then the per-metabolite passes below.)
            boolean spuriousOn = spurious != null && row[spurious.scale] != 0;
            BlockKernel sum = dynamics == 1 && !spuriousOn ? ws.lineSum : null;
            int lines = sum == null ? 0 : lineFactors(ws, row, w[0]);
            for (int c = 0; c < conditions; c++) {
                int b = layout.block(d, c);
                double[] metRe = components ? ws.comp[b][0][0] : ws.met[0];
                double[] metIm = components ? ws.comp[b][0][1] : ws.met[1];
                if (sum != null) {
                    sum.sumLinesTimes(metRe, metIm, basisRe[c], basisIm[c], ws.lines, lines, ws.lineV[0],
                            ws.lineV[1], ws.lineU[0], ws.lineU[1], Lines.blocks(n), envD[0], envD[1], n);
                } else {
                    if (dynamics == 1) {
                        Lines.clear(metRe, metIm, n);
                    } else {
                        System.arraycopy(ws.constantSum[c][0], 0, metRe, 0, n);
                        System.arraycopy(ws.constantSum[c][1], 0, metIm, 0, n);
                    }
                    for (int k = 0; k < m; k++) {
                        double wk = w[d][k];
                        if (wk == 0) {
                            continue;
                        }
                        if (dynamics == 1) {
                            Lines.modulateAdd(metRe, metIm, basisRe[c][k], basisIm[c][k], n, dwell, wk, 0,
                                    -row[metabolites.shift[k]], row[metabolites.lorentzian[k]], ws.block);
                            addSpurious(new double[][] {metRe, metIm}, c, k, wk, row, ws);
                        } else if (!ws.constant[k]) {
                            Lines.addScaled(metRe, metIm, ws.modBasis[c][k][0], ws.modBasis[c][k][1], wk, n);
                        }
                    }
                    Lines.multiply(metRe, metIm, envD[0], envD[1], n);
                }
                if (d == referenceDynamic && c == referenceCondition && reference >= 0) {
                    height = referenceHeight(metRe, metIm, ws);
                }
                double[] sRe = ws.clean[b][0];
                double[] sIm = ws.clean[b][1];
                System.arraycopy(metRe, 0, sRe, 0, n);
                System.arraycopy(metIm, 0, sIm, 0, n);
                if (components) {
                    double[][][] cb = ws.comp[b];
                    tissue(ws, cb[1], cb[2], cb[3], row, d, c, envD);
                    for (int x = 1; x < 4; x++) {
                        Lines.addScaled(sRe, sIm, cb[x][0], cb[x][1], 1, n);
                    }
                    System.arraycopy(ws.blBase[0], 0, cb[4][0], 0, n);
                    System.arraycopy(ws.blBase[1], 0, cb[4][1], 0, n);
                    for (int x = 0; x < 5; x++) {
                        phase(cb[x][0], cb[x][1], ws, factor, phi0, phi1);
                    }
                } else {
                    tissue(ws, ws.nui, ws.nui, ws.nui, row, d, c, envD);
                    Lines.addScaled(sRe, sIm, ws.nui[0], ws.nui[1], 1, n);
                }
                Lines.addScaled(sRe, sIm, ws.blBase[0], ws.blBase[1], 1, n);
                phase(sRe, sIm, ws, factor, phi0, phi1);
            }
        }
        return height;
    }

    /**
     * The block factors ({@link Lines#blockFactors}) of every metabolite of non-zero weight, in metabolite order,
     * into ws.lineV and ws.lineU, their indices into ws.lines; returns how many.
     */
    private int lineFactors(Workspace ws, double[] row, double[] weights) {
        int blocks = Lines.blocks(n);
        int count = 0;
        for (int k = 0; k < weights.length; k++) {
            double wk = weights[k];
            if (wk == 0) {
                continue;
            }
            Lines.blockFactors(ws.lineV[0], ws.lineV[1], count * Lines.BLOCK, ws.lineU[0], ws.lineU[1],
                    count * blocks, n, dwell, wk, 0, -row[metabolites.shift[k]], row[metabolites.lorentzian[k]]);
            ws.lines[count++] = k;
        }
        return count;
    }

    /**
     * The acquisition: the noise level σ from the reference height (or as given), each sub-spectrum modulated by
     * the average of its shots and given noise of SD σ, then the combinations made from the noisy sub-spectra.
     * Returns the SD of one transient's noise, σ·√N.
     */
    private double acquire(Workspace ws, double height, boolean components, SplittableRandom noiseRng) {
        double[] row = ws.row;
        int conditions = layout.conditionCount();
        int dynamics = layout.dynamics();
        double sigma = noise.sigma(row, height, dwell, n);
        row[noise.referenceHeight] = height;
        row[noise.sd] = sigma;
        double sigmaTransient = sigma * Math.sqrt(layout.averages());
        if (noise.sdTransient >= 0) {
            row[noise.sdTransient] = sigmaTransient;
        }
        boolean modulated = modulated();
        for (int d = 0; d < dynamics; d++) {
            for (int c = 0; c < conditions; c++) {
                int b = layout.block(d, c);
                double[] outRe = ws.out[b][0];
                double[] outIm = ws.out[b][1];
                System.arraycopy(ws.clean[b][0], 0, outRe, 0, n);
                System.arraycopy(ws.clean[b][1], 0, outIm, 0, n);
                if (modulated) {
                    blockModulation(ws, row, d, c);
                    Lines.multiply(outRe, outIm, ws.mod[0], ws.mod[1], n);
                    if (components) {
                        for (int x = 0; x < 5; x++) {
                            Lines.multiply(ws.comp[b][x][0], ws.comp[b][x][1], ws.mod[0], ws.mod[1], n);
                        }
                    }
                }
                double[] nRe = ws.noise[b][0];
                double[] nIm = ws.noise[b][1];
                if (sigma > 0) {
                    for (int k = 0; k < n; k++) {
                        nRe[k] = sigma * noiseRng.nextGaussian();
                        nIm[k] = sigma * noiseRng.nextGaussian();
                    }
                    Lines.addScaled(outRe, outIm, nRe, nIm, 1, n);
                } else {
                    Lines.clear(nRe, nIm, n);
                }
                if (components) {
                    System.arraycopy(nRe, 0, ws.comp[b][NOISE][0], 0, n);
                    System.arraycopy(nIm, 0, ws.comp[b][NOISE][1], 0, n);
                }
            }
            for (int k = 0; k < combinationNames.size(); k++) {
                double[][] cm = ws.combined[d * combinationNames.size() + k];
                Lines.clear(cm[0], cm[1], n);
                for (int c = 0; c < conditions; c++) {
                    double wt = combinationWeights[k][c];
                    if (wt != 0) {
                        double[][] o = ws.out[layout.block(d, c)];
                        Lines.addScaled(cm[0], cm[1], o[0], o[1], wt, n);
                    }
                }
            }
        }
        return sigmaTransient;
    }

    /** The water reference: unedited, without diffusion weighting, its own averages. */
    private void waterReference(Workspace ws, double sigmaTransient, SplittableRandom noiseRng) {
        double[] row = ws.row;
        double phi0 = Math.toRadians(row[phase.zeroOrder]);
        double phi1 = Math.toRadians(row[phase.firstOrder]);
        double[] envRe = ws.env[0];
        double[] envIm = ws.env[1];
        double[] wRe = ws.water[0];
        double[] wIm = ws.water[1];
        Lines.clear(wRe, wIm, n);
        Lines.addLine(wRe, wIm, n, dwell, row[waterReference.amplitude], 0, (referencePpm - WATER_PPM) * hzPerPpm,
                row[waterReference.lorentzian], 0);
        Lines.multiply(wRe, wIm, envRe, envIm, n);
        phase(wRe, wIm, ws, phaseFactor(ws, row, -1, phi0), phi0, phi1);
        double sw = sigmaTransient / Math.sqrt(waterReference.averages());
        if (sw > 0) {
            for (int k = 0; k < n; k++) {
                wRe[k] += sw * noiseRng.nextGaussian();
                wIm[k] += sw * noiseRng.nextGaussian();
            }
        }
    }

    /**
     * The MM (with the co-edited MM of condition c), lipid and residual-water signals of dynamic d, each under the
     * lineshape, into three buffers; when they are one buffer, their sum.
     */
    private void tissue(Workspace ws, double[][] nui, double[][] lip, double[][] wat, double[] row, int d, int c,
                        double[][] env) {
        Lines.clear(nui[0], nui[1], n);
        if (lip != nui) {
            Lines.clear(lip[0], lip[1], n);
            Lines.clear(wat[0], wat[1], n);
        }
        if (mm != null) {
            Lines.addScaled(nui[0], nui[1], ws.mmBase[0], ws.mmBase[1], otherAttenuation(row, 0, d), n);
        }
        if (editedMm != null) {
            Lines.addScaled(nui[0], nui[1], editedMmLine[0], editedMmLine[1], row[editedMm.perCondition + c], n);
        }
        if (lipids != null) {
            Lines.addScaled(lip[0], lip[1], ws.lipBase[0], ws.lipBase[1], otherAttenuation(row, 1, d), n);
        }
        if (waterLines != null) {
            Lines.addScaled(wat[0], wat[1], ws.watBase[0], ws.watBase[1], otherAttenuation(row, 2, d), n);
        }
        Lines.multiply(nui[0], nui[1], env[0], env[1], n);
        if (lip != nui) {
            Lines.multiply(lip[0], lip[1], env[0], env[1], n);
            Lines.multiply(wat[0], wat[1], env[0], env[1], n);
        }
    }

    /** Diffusion attenuation of macromolecules (0), lipids (1) or residual water (2) at dynamic d; 1 if none. */
    private double otherAttenuation(double[] row, int which, int d) {
        return diffusion == null || diffusion.otherAttenuation[which] < 0 ? 1
                : row[diffusion.otherAttenuation[which] + d];
    }

    /**
     * Prepares the phase of dynamic d (−1: without diffusion weighting) in ws.fac: exp(i·(φ0 + A·exp(−t/τ) +
     * A_d·exp(−t/τ_d))). Returns false when the phase is the constant φ0 (no eddy currents), which then needs no
     * factor array.
     */
    private boolean phaseFactor(Workspace ws, double[] row, int d, double phi0) {
        double a = row[eddy.amplitude];
        double ad = diffusion != null && d >= 0 ? row[diffusion.eddyDyn + d] : 0;
        if (a == 0 && ad == 0) {
            return false;
        }
        if (a == 0) {
            Phases.eddyAndZeroOrder(ws.fac[0], ws.fac[1], n, dwell, phi0, ad, row[diffusion.eddyTau]);
            return true;
        }
        Phases.eddyAndZeroOrder(ws.fac[0], ws.fac[1], n, dwell, phi0, a, row[eddy.timeConstant]);
        if (ad != 0) {
            Phases.eddyAndZeroOrder(ws.tmp2[0], ws.tmp2[1], n, dwell, 0, ad, row[diffusion.eddyTau]);
            Lines.multiply(ws.fac[0], ws.fac[1], ws.tmp2[0], ws.tmp2[1], n);
        }
        return true;
    }

    /** Zero-order and eddy-current phase (ws.fac when {@code factor}), then first-order phase, in place. */
    private void phase(double[] re, double[] im, Workspace ws, boolean factor, double phi0, double phi1) {
        if (factor) {
            Lines.multiply(re, im, ws.fac[0], ws.fac[1], n);
        } else if (phi0 != 0) {
            Lines.multiply(re, im, Math.cos(phi0), Math.sin(phi0), n);
        }
        double pivot = scenario.phase().pivotPpm();
        Phases.firstOrder(re, im, n, dwell, hzPerPpm, referencePpm, phi1, Double.isNaN(pivot) ? referencePpm : pivot,
                ws.fft);
    }

    /** Shot s's amplitude a_s, phase θ_s (rad) and frequency offset Δf_s (Hz) into {a, θ, Δf}. */
    private void shot(double[] row, int s, double[] out) {
        double a = 1;
        double th = 0;
        double f = 0;
        if (transients != null) {
            a = row[transients.amplitude + s];
            th = row[transients.phase + s];
            f = row[transients.shift + s];
        }
        if (diffusion != null) {
            a *= row[diffusion.shotAmplitude + s];
            th += row[diffusion.shotPhase + s];
        }
        out[0] = a;
        out[1] = Math.toRadians(th);
        out[2] = f;
    }

    /** The averaged modulation of block (d, c) into ws.mod: M(t) = (1/N)·Σ_j a_j·exp(iθ_j)·exp(−i2πΔ_j t). */
    private void blockModulation(Workspace ws, double[] row, int d, int c) {
        int averages = layout.averages();
        Lines.clear(ws.mod[0], ws.mod[1], n);
        double[] p = ws.shot;
        for (int j = 0; j < averages; j++) {
            shot(row, layout.shot(d, j, c), p);
            double a = p[0] / averages;
            Lines.modulateAdd(ws.mod[0], ws.mod[1], null, null, n, dwell, a * Math.cos(p[1]), a * Math.sin(p[1]),
                    -p[2], 0, ws.block);
        }
    }

    private void addNuisance(Nuisance set, ComponentTerm term, double[] row, double[][] buf) {
        for (int k = 0; k < set.set().peaks().size(); k++) {
            Lines.addScaled(buf[0], buf[1], set.re()[k], set.im()[k], row[term.amplitude + k], set.length()[k]);
        }
    }

    /** Coil sensitivities S_q and noise SDs of this scan into the workspace (one ideal coil without coils:). */
    private void coils(Workspace ws, double[] row) {
        if (coilTerm == null) {
            ws.coilRe[0] = 1;
            ws.coilIm[0] = 0;
            ws.coilSd[0] = 1;
            ws.coilCorrelation = 0;
            return;
        }
        ws.coilCorrelation = row[coilTerm.correlation];
        for (int q = 0; q < layout.coils(); q++) {
            double mag = row[coilTerm.magnitude + q];
            double ph = Math.toRadians(row[coilTerm.phase + q]);
            ws.coilSd[q] = row[coilTerm.sd + q];
            ws.coilRe[q] = mag * Math.cos(ph);
            ws.coilIm[q] = mag * Math.sin(ph);
        }
    }

    /**
     * Per-coil transients of block (d, c): x_{j,q}(t) = S_q·a_j·exp(iθ_j)·exp(−i2πΔ_j t)·s(t) + ν_{j,q}(t). The noise
     * ν is drawn from a second stream with covariance Ψ between coils, then every transient's noise is shifted by
     * S·r, with r the difference between the block's averaged noise already drawn and the combined average of the
     * new draws: by Matheron's rule this keeps the ν independent with covariance Ψ, and makes the combined average
     * exactly the block's output FID (for the optimal combination w = Ψ⁻¹S/(SᴴΨ⁻¹S), Ψw/(wᴴΨw) = S).
     */
    private void transients(Workspace ws, double[] row, int d, int cond, double sigmaTransient,
                            SplittableRandom noiseRng) {
        int c = layout.coils();
        int averages = layout.averages();
        int b = layout.block(d, cond);
        double[] sRe = ws.clean[b][0];
        double[] sIm = ws.clean[b][1];
        double[] p = ws.shot;
        for (int j = 0; j < averages; j++) {
            int s = layout.shot(d, j, cond);
            shot(row, s, p);
            Lines.modulation(ws.wRe, ws.wIm, n, dwell, p[0] * Math.cos(p[1]), p[0] * Math.sin(p[1]), -p[2], 0);
            for (int q = 0; q < c; q++) {
                double[] xr = ws.trRe[s * c + q];
                double[] xi = ws.trIm[s * c + q];
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
        double[] zr = new double[c];
        double[] zi = new double[c];
        double invSqrt2 = Math.sqrt(0.5);
        double[] avgRe = ws.noise[b][0];
        double[] avgIm = ws.noise[b][1];
        for (int k = 0; k < n; k++) {
            double meanCr = 0;
            double meanCi = 0;
            for (int j = 0; j < averages; j++) {
                int s = layout.shot(d, j, cond);
                for (int q = 0; q < c; q++) {
                    zr[q] = invSqrt2 * noiseRng.nextGaussian();
                    zi[q] = invSqrt2 * noiseRng.nextGaussian();
                }
                for (int q = 0; q < c; q++) {
                    double vr = 0;
                    double vi = 0;
                    for (int pp = 0; pp <= q; pp++) {
                        vr += chol[q][pp] * zr[pp];
                        vi += chol[q][pp] * zi[pp];
                    }
                    vr *= lScale;
                    vi *= lScale;
                    ws.trRe[s * c + q][k] += vr;
                    ws.trIm[s * c + q][k] += vi;
                    // w^H ν: conj(w_q)·ν_q
                    meanCr += sens2[q] * vr + sens2i[q] * vi;
                    meanCi += sens2[q] * vi - sens2i[q] * vr;
                }
            }
            meanCr /= averages;
            meanCi /= averages;
            double rr = avgRe[k] - meanCr;
            double ri = avgIm[k] - meanCi;
            for (int j = 0; j < averages; j++) {
                int s = layout.shot(d, j, cond);
                for (int q = 0; q < c; q++) {
                    ws.trRe[s * c + q][k] += ws.coilRe[q] * rr - ws.coilIm[q] * ri;
                    ws.trIm[s * c + q][k] += ws.coilRe[q] * ri + ws.coilIm[q] * rr;
                }
            }
        }
    }

    /**
     * Cholesky factor of Ψ0 (into ws.cholesky) and the optimal combination weights w = Ψ0⁻¹S/(SᴴΨ0⁻¹S) (scale-free,
     * so the same for Ψ = κΨ0); returns SᴴΨ0⁻¹S.
     */
    private double combination(Workspace ws, double[] wRe, double[] wIm) {
        int c = layout.coils();
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
     * max over the bins in the reference window of Re S(f), S as {@link org.larmor.signal.Spectrum} defines it: by
     * {@link WindowRows}, or for a window of many bins by the FFT pruned to them.
     */
    private double referenceHeight(double[] re, double[] im, Workspace ws) {
        if (heightRows != null) {
            return heightRows.maxRealPart(re, im, ws.tmp2[0], ws.tmp2[1], BlockKernel.Simd.KERNEL);
        }
        // One FFT of the (t = 0 halved) FID, pruned to the window's bins: S_k = dwell·Σ w_t·x_t·exp(−2πi·kt/n), as
        // the rows.
        double[] xr = ws.tmp2[0];
        double[] xi = ws.tmp2[1];
        ws.fft.forward(re, im, 0.5, xr, xi, heightPruning);
        double best = Double.NEGATIVE_INFINITY;
        for (int k : heightBins) {
            best = Math.max(best, dwell * xr[k]);
        }
        return best;
    }

    /** Per-thread buffers; not shared between threads. */
    public static final class Workspace {
        final Synthesiser owner;
        final double[] row;
        final double[][] weights;
        final double[] spread = new double[3];
        final double[] shot = new double[3];
        final double[] coilRe;
        final double[] coilIm;
        final double[] coilSd;
        final double[] coilWeightRe;
        final double[] coilWeightIm;
        final double[][] cholesky;
        double coilCorrelation;
        final double[] wRe;
        final double[] wIm;
        final double[][] tmp2;
        final double[][] block;
        /** The metabolites' block factors V (B points each) and W (one per block), and which metabolites. */
        final double[][] lineV;
        final double[][] lineU;
        final int[] lines;
        /**
         * The metabolites' one-pass sum ({@link BlockKernel#sumLinesTimes}); null: a pass per metabolite, the
         * default. The one-pass kernel gives the same doubles. Written as one large method it ran on the vector
         * API's Java fallback until C2 had compiled it, seconds into a run; split into small methods it warms up
         * as fast as the per-metabolite kernel, but it is no faster once compiled (one thread, side by side in one
         * JVM: 0.96 and 1.04 of the per-metabolite time for benchmark-press-3t and press-3t-healthy-gm, within the
         * noise; docs/benchmarks.md), so the simpler path stays the default. {@code -Dlarmor.synth.onepass=on}
         * turns it on.
         */
        BlockKernel lineSum = "on".equals(System.getProperty("larmor.synth.onepass")) ? BlockKernel.Simd.KERNEL : null;
        final double[][] env;
        final double[][] envD;
        final double[][] fac;
        final double[][] mod;
        final double[][] met;
        final double[][] nui;
        final double[][] mmBase;
        final double[][] lipBase;
        final double[][] watBase;
        final double[][] blBase;
        /** [condition][metabolite][re/im][point], only with several dynamics. */
        final double[][][][] modBasis;
        /** [condition][re/im][point]: the sum of the metabolites whose weight does not change between dynamics. */
        final double[][][] constantSum;
        final boolean[] constant;
        final double[][][] clean;
        final double[][][] out;
        final double[][][] noise;
        final double[][][] combined;
        final double[][] water;
        double[][][][] comp;
        double[][] trRe = new double[0][];
        double[][] trIm = new double[0][];
        final Fft fft;

        Workspace(Synthesiser s) {
            owner = s;
            int n = s.n;
            int m = s.basisRe[0].length;
            Layout l = s.layout;
            row = new double[s.schema.width()];
            weights = new double[l.dynamics()][m];
            int c = l.coils();
            coilRe = new double[c];
            coilIm = new double[c];
            coilSd = new double[c];
            coilWeightRe = new double[c];
            coilWeightIm = new double[c];
            cholesky = new double[c][c];
            wRe = new double[n];
            wIm = new double[n];
            tmp2 = new double[2][n];
            block = Lines.modulationScratch(n);
            lineV = new double[2][m * Lines.BLOCK];
            lineU = new double[2][m * Lines.blocks(n)];
            lines = new int[m];
            env = new double[2][n];
            envD = new double[2][n];
            fac = new double[2][n];
            mod = new double[2][n];
            met = new double[2][n];
            nui = new double[2][n];
            mmBase = new double[2][n];
            lipBase = new double[2][n];
            watBase = new double[2][n];
            blBase = new double[2][n];
            modBasis = l.dynamics() > 1 ? new double[l.conditionCount()][m][2][n] : null;
            constantSum = l.dynamics() > 1 ? new double[l.conditionCount()][2][n] : null;
            constant = new boolean[m];
            int b = l.blocks();
            clean = new double[b][2][n];
            out = new double[b][2][n];
            noise = new double[b][2][n];
            combined = new double[l.dynamics() * s.combinationNames.size()][2][n];
            water = new double[2][n];
            comp = null;
            fft = new Fft(n);
        }

        void ensureComponents() {
            if (comp == null) {
                comp = new double[owner.layout.blocks()][COMPONENTS.size()][2][owner.n];
            }
        }

        void ensureTransients(int total) {
            if (trRe.length != total) {
                int n = owner.n;
                trRe = new double[total][n];
                trIm = new double[total][n];
            }
        }

        /** The current scan's truth row (the workspace's own array: copy it to keep it). */
        double[] truth() {
            return row;
        }

        Sample sample(long index, boolean components, boolean transients) {
            double dwell = owner.dwell;
            List<Fid> spectra = new ArrayList<>();
            for (double[][] o : out) {
                spectra.add(new Fid(o[0].clone(), o[1].clone(), dwell));
            }
            List<Fid> combos = new ArrayList<>();
            for (double[][] o : combined) {
                combos.add(new Fid(o[0].clone(), o[1].clone(), dwell));
            }
            Fid wref = owner.waterReference == null ? null : new Fid(water[0].clone(), water[1].clone(), dwell);
            List<Fid> comps = null;
            if (components) {
                comps = new ArrayList<>();
                for (double[][][] cb : comp) {
                    for (double[][] c : cb) {
                        comps.add(new Fid(c[0].clone(), c[1].clone(), dwell));
                    }
                }
            }
            List<Fid> trans = null;
            if (transients) {
                trans = new ArrayList<>();
                for (int k = 0; k < trRe.length; k++) {
                    trans.add(new Fid(trRe[k].clone(), trIm[k].clone(), dwell));
                }
            }
            return new Sample(index, owner.layout, spectra, owner.combinationNames(), combos, owner.schema,
                    row.clone(), wref, comps, trans);
        }
    }
}
