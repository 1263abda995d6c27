package org.larmor.synth;

import org.larmor.input.Location;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A synthesis scenario as read from YAML (schema in docs/synthesiser.md): which basis set, which metabolites at
 * which concentrations, and a fixed value or a distribution for every imperfection. Units are SI inside (s, Hz,
 * rad) except where a name says otherwise; a {@code null} block means the term is absent.
 *
 * @param name            scenario name
 * @param description     free text
 * @param origin          file read, or "code"
 * @param sha256          SHA-256 of the file's bytes (identifies the scenario in a dataset's manifest)
 * @param seed            seed written in the scenario, or null
 * @param basis           where the basis spectra come from
 * @param metabolites     every metabolite, in the order of the truth table
 * @param lineshape       global lineshape, frequency and eddy-current terms
 * @param phase           zero- and first-order phase
 * @param macromolecules  parametrised MM components, or null
 * @param lipids          parametrised lipid components, or null
 * @param residualWater   residual water lines, or null
 * @param baseline        smooth baseline components, or null
 * @param noise           noise level, or null (noise-free)
 * @param transients      averages and their imperfections, or null (one ideal transient)
 * @param coils           receive coils, or null (one coil)
 * @param waterReference  unsuppressed water reference, or null
 * @param repetitionTimeS TR of the scan (s), NaN when not stated
 * @param editing         edited acquisition (every condition of the basis, interleaved), or null
 * @param editedMm        co-edited macromolecule signal, or null
 * @param fmrs            functional time series, or null
 * @param diffusion       diffusion-weighted series, or null
 * @param asWritten       the YAML as plain values, for the manifest
 * @param copula          correlated concentrations of some metabolites (their marginals are their
 *                        {@link Metabolite#concentrationMm}), or null: every concentration drawn on its own
 */
public record Scenario(String name, String description, String origin, String sha256, Long seed, BasisSpec basis,
                       List<Metabolite> metabolites, Lineshape lineshape, Phase phase, ComponentSet macromolecules,
                       ComponentSet lipids, RandomLines residualWater, RandomLines baseline, Noise noise,
                       Transients transients, Coils coils, WaterReference waterReference, double repetitionTimeS,
                       Editing editing, EditedMm editedMm, Fmrs fmrs, Diffusion diffusion,
                       Map<String, Object> asWritten, ConcentrationCopula copula, SpuriousEchoes spuriousEchoes) {
    public Scenario {
        metabolites = List.copyOf(metabolites);
    }

    /**
     * The basis set.
     *
     * @param kind            "sequence" (Larmor simulates it), "lcmodel", "fsl", "nifti" or "jmrui"
     * @param path            sequence YAML or basis file/folder
     * @param spinSystems     spin-system folder for "sequence" and for name aliases, or null for the shipped one
     * @param condition       condition to use for multi-condition bases (MEGA "DIFF"), or null
     * @param points          points to keep (0: all)
     * @param spectrometerMHz for files that do not record it, else NaN
     * @param referencePpm    chemical shift at the receiver frequency, ppm
     * @param linewidthHz     intrinsic Lorentzian FWHM of the basis lines (Hz), NaN to measure it
     * @param nucleus         observed nucleus of a basis file ("1H" unless the scenario says; a sequence states its own)
     * @param location        where the block is written
     */
    public record BasisSpec(String kind, Path path, Path spinSystems, String condition, int points,
                            double spectrometerMHz, double referencePpm, double linewidthHz, String nucleus,
                            Location location) {
    }

    /**
     * A metabolite of the spectrum.
     *
     * @param name            as written (resolved against the basis by name or alias)
     * @param location        where its concentration is written
     * @param concentrationMm concentration, mM
     * @param lorentzianHz    extra Lorentzian FWHM, Hz (exp(−π·L·t))
     * @param shiftHz         frequency shift, Hz; positive moves the lines to higher ppm
     */
    public record Metabolite(String name, Location location, Distribution concentrationMm, Distribution lorentzianHz,
                             Distribution shiftHz) {
    }

    /**
     * Global lineshape: Gaussian broadening (given directly, or solved from a target linewidth), frequency shift,
     * B0 inhomogeneity and eddy currents.
     *
     * @param gaussianHz        Gaussian FWHM (Hz), or null when {@code linewidthHz} is given
     * @param linewidthHz       target FWHM of the reference singlet (Hz), or null
     * @param reference         metabolite whose singlet defines the linewidth (and the SNR)
     * @param referenceWindowPpm {low, high}: window holding that singlet
     * @param shiftHz           global frequency shift (Hz, positive to higher ppm)
     * @param b0SpreadHz        frequency spread across the voxel along x, y, z (Hz): a linear field gradient
     * @param eddyAmplitudeRad  eddy-current phase amplitude A (rad) in φ(t) = A·exp(−t/τ)
     * @param eddyTimeConstantS τ (s)
     */
    public record Lineshape(Distribution gaussianHz, Distribution linewidthHz, String reference,
                            double[] referenceWindowPpm, Distribution shiftHz, List<Distribution> b0SpreadHz,
                            Distribution eddyAmplitudeRad, Distribution eddyTimeConstantS) {
    }

    /**
     * Zero- and first-order phase: the spectrum is multiplied by exp(i·(φ0 + φ1·(δ − pivot))).
     *
     * @param zeroOrderDeg        φ0 (degrees)
     * @param firstOrderDegPerPpm φ1 (degrees per ppm)
     * @param pivotPpm            δ at which the first-order term is zero (NaN: the receiver reference)
     */
    public record Phase(Distribution zeroOrderDeg, Distribution firstOrderDegPerPpm, double pivotPpm) {
    }

    /**
     * Parametrised broad components (MM or lipids).
     *
     * @param model          table name ("birch-3t", "lcmodel") or "custom"
     * @param peaks          the components
     * @param scale          multiplies every amplitude: concentration-like units (mM) per proton
     * @param componentScale per-component relative factor, drawn for each component
     */
    public record ComponentSet(String model, List<Peak> peaks, Distribution scale, Distribution componentScale) {
        public ComponentSet {
            peaks = List.copyOf(peaks);
        }
    }

    /**
     * Randomly placed lines (residual water: Lorentzian; baseline: Gaussian).
     *
     * @param count     number of lines
     * @param amplitude FID amplitude at t = 0 of each line (mM·protons, the basis units)
     * @param ppm       position of each line
     * @param widthHz   FWHM of each line (Hz)
     * @param phaseDeg  phase of each line (degrees)
     */
    public record RandomLines(int count, Distribution amplitude, Distribution ppm, Distribution widthHz,
                              Distribution phaseDeg) {
    }

    /**
     * Noise level: a target SNR (MRSinMRS, see docs/metrics.md) or a time-domain SD.
     *
     * @param snr                 target SNR of the reference singlet, or null
     * @param sd                  SD of each of the real and imaginary parts of the averaged FID, or null
     * @param noiseWindowPpm      {low, high}: the signal-free window in which SNR is measured (recorded)
     */
    public record Noise(Distribution snr, Distribution sd, double[] noiseWindowPpm) {
    }

    /**
     * Transients (averages) and their imperfections.
     *
     * @param averages          number of transients
     * @param repetitionTimeS   TR (s): transient j is acquired at j·TR
     * @param driftHzPerS       linear frequency drift rate (Hz/s)
     * @param randomWalkHz      SD of the per-transient frequency step of a random walk (Hz)
     * @param phaseJitterDeg    SD of the per-transient phase (degrees)
     * @param motionProbability probability that a transient is motion-corrupted
     * @param motionAmplitude   amplitude factor of a corrupted transient
     * @param motionPhaseDeg    extra phase of a corrupted transient (degrees)
     * @param motionShiftHz     extra frequency shift of a corrupted transient (Hz)
     */
    public record Transients(int averages, double repetitionTimeS, Distribution driftHzPerS,
                             Distribution randomWalkHz, Distribution phaseJitterDeg, Distribution motionProbability,
                             Distribution motionAmplitude, Distribution motionPhaseDeg, Distribution motionShiftHz) {
    }

    /**
     * Receive coils: complex sensitivities and correlated noise.
     *
     * @param count                number of coils
     * @param sensitivityMagnitude |S_c|
     * @param sensitivityPhaseDeg  arg S_c (degrees)
     * @param noiseSd              relative noise SD of each coil
     * @param noiseCorrelation     correlation coefficient of the noise of every pair of coils
     */
    public record Coils(int count, Distribution sensitivityMagnitude, Distribution sensitivityPhaseDeg,
                        Distribution noiseSd, Distribution noiseCorrelation) {
    }

    /**
     * The unsuppressed water reference.
     *
     * @param concentrationMm tissue water concentration (mM)
     * @param attenuation     relaxation attenuation factor (0–1)
     * @param lorentzianHz    Lorentzian FWHM of the water line (Hz), on top of the global lineshape
     * @param averages        transients averaged
     * @param repetitionTimeS TR of the water scan (s), NaN to use the scan's
     * @param t1S             T1 of tissue water (s), NaN when not given (no saturation)
     * @param t2S             T2 of tissue water (s), NaN when not given (no T2 decay over TE)
     */
    /**
     * Spurious echoes and out-of-voxel signal from finite crushing: the basis sequence simulated again with
     * {@code finite_crushers} (org.larmor.sequence.FiniteCrushers), whose difference to the basis is each metabolite's
     * spurious-echo component, added with a drawn scale.
     *
     * @param sequence the sequence YAML with finite crushers (the same acquisition and conditions as the basis')
     * @param scale    factor on the spurious component (1: as simulated), drawn per spectrum
     * @param location where the block is written, for errors
     */
    public record SpuriousEchoes(Path sequence, Distribution scale, Location location) {
    }

    public record WaterReference(Distribution concentrationMm, Distribution attenuation, Distribution lorentzianHz,
                                 int averages, double repetitionTimeS, double t1S, double t2S) {
    }

    /**
     * An edited acquisition: every listed condition of the basis is acquired, interleaved, shot by shot.
     *
     * @param conditions   acquired conditions in acquisition order (empty: every acquired condition of the basis)
     * @param snrCondition the sub-spectrum on which SNR and linewidth are defined (null: "OFF", if there is one)
     * @param combinations spectra made from the averaged sub-spectra (empty: the basis sequence's, e.g. DIFF = ON −
     *                     OFF)
     * @param location     where the block is written
     */
    public record Editing(List<String> conditions, String snrCondition, List<org.larmor.sequence.Sequence.Combination>
            combinations, Location location) {
        public Editing {
            conditions = List.copyOf(conditions);
            combinations = List.copyOf(combinations);
        }
    }

    /**
     * The co-edited macromolecule signal near 3.0 ppm (coupled to MM at 1.7 ppm, which GABA's editing pulse also
     * inverts): a Gaussian line whose amplitude differs between conditions.
     *
     * @param ppm        position
     * @param fwhmPpm    FWHM (ppm)
     * @param amplitude  FID amplitude at t = 0 (basis units: mM·protons) in a condition of weight 1
     * @param conditions weight per condition name (others 0)
     */
    public record EditedMm(double ppm, double fwhmPpm, Distribution amplitude, Map<String, Double> conditions) {
        public EditedMm {
            conditions = Map.copyOf(conditions);
        }
    }

    /**
     * A functional (fMRS) time series.
     *
     * @param dynamics       time points
     * @param design         the stimulus design
     * @param responses      metabolites whose concentration follows the stimulus
     * @param boldNarrowingHz Lorentzian narrowing (Hz) of every tissue line at the full BOLD response (positive:
     *                       narrower), following the canonical haemodynamic response
     * @param location       where the block is written
     */
    public record Fmrs(int dynamics, StimulusDesign design, List<Response> responses, Distribution boldNarrowingHz,
                       Location location) {
        public Fmrs {
            responses = List.copyOf(responses);
        }

        /**
         * @param metabolite    name as written
         * @param location      where it is written
         * @param changePercent concentration change at a sustained full response (% of the baseline)
         * @param timeConstantS time constant of the first-order rise and fall (s); 0 follows the stimulus exactly
         */
        public record Response(String metabolite, Location location, Distribution changePercent,
                               double timeConstantS) {
        }
    }

    /**
     * A diffusion-weighted (dMRS) series.
     *
     * @param gradients         b-values and directions, in acquisition order
     * @param models            diffusion model per metabolite name as written; "default" for the others
     * @param otherModels       models of macromolecules, lipids and residual water by block name (absent: not
     *                          attenuated)
     * @param motionPhaseSdDeg  SD of a shot's motion-induced phase at the largest b (grows linearly with b)
     * @param motionAmplitudeLoss largest fractional signal loss of a shot at the largest b (a shot loses
     *                          u·loss·b/b_max, u uniform in [0, 1])
     * @param eddyAmplitudeRad  eddy-current phase amplitude along x, y, z at the largest b: a weighting along unit
     *                          direction g gets (b/b_max)·(a·g)
     * @param eddyTimeConstantS its decay time constant (s)
     * @param location          where the block is written
     */
    public record Diffusion(GradientTable gradients, Map<String, DiffusionModel> models,
                            Map<String, DiffusionModel> otherModels, Distribution motionPhaseSdDeg,
                            Distribution motionAmplitudeLoss, List<Distribution> eddyAmplitudeRad,
                            Distribution eddyTimeConstantS, Location location) {
        public Diffusion {
            models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
            otherModels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherModels));
            eddyAmplitudeRad = List.copyOf(eddyAmplitudeRad);
        }
    }
}
