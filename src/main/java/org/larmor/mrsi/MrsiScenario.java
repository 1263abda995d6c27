package org.larmor.mrsi;

import org.larmor.synth.Peak;
import org.larmor.synth.Scenario;

import java.util.List;
import java.util.Map;

/**
 * An MRSI scenario as read from YAML (schema in docs/mrsi.md): the basis, the tissues with their concentration
 * presets, the digital phantom, the B0 and B1 maps and the Cartesian encoding. SI units inside (m, s, Hz).
 *
 * @param name      scenario name
 * @param origin    file read, or a source name
 * @param sha256    SHA-256 of the YAML text
 * @param seed      seed written in the scenario, or null
 * @param basis     where the basis spectra come from (as {@code larmor synth} reads it)
 * @param tissues   grey matter, white matter and CSF, in that order
 * @param lesions   lesions, each a sphere of its own tissue replacing the brain tissue inside it; may be empty
 * @param lipids    the skull lipid components, or null (no lipid signal)
 * @param phantom   geometry and sampling
 * @param b0        the B0 map
 * @param b1        the transmit B1 map and how the signal responds to it
 * @param encoding  k-space weighting and noise
 * @param residualWater residual water in every tissue voxel, or null
 * @param asWritten the YAML as plain values
 */
public record MrsiScenario(String name, String origin, String sha256, Long seed, Scenario.BasisSpec basis,
                           List<Tissue> tissues, List<Lesion> lesions, Lipids lipids, PhantomSpec phantom, B0Spec b0, B1Spec b1,
                           EncodingSpec encoding, ResidualWater residualWater, Map<String, Object> asWritten) {
    public MrsiScenario {
        tissues = List.copyOf(tissues);
        lesions = List.copyOf(lesions);
    }

    /** Every tissue with metabolites: the three of {@link #TISSUES}, then each lesion's. */
    public List<Tissue> allTissues() {
        List<Tissue> all = new java.util.ArrayList<>(tissues);
        for (Lesion l : lesions) {
            all.add(l.tissue());
        }
        return all;
    }

    /**
     * A lesion: a sphere whose tissue replaces the brain tissue (GM, WM, CSF) inside it, with the same partial-volume
     * ramp at its surface as every other boundary.
     *
     * @param tissue  its name, concentrations and Lorentzian
     * @param centreM centre (m)
     * @param radiusM radius (m)
     */
    public record Lesion(Tissue tissue, double[] centreM, double radiusM) {
        public Lesion {
            centreM = centreM.clone();
        }
    }

    /** Tissue names, in the order of {@link #tissues}. */
    public static final List<String> TISSUES = List.of("grey_matter", "white_matter", "csf");

    /**
     * One tissue class.
     *
     * @param name         grey_matter, white_matter or csf
     * @param metabolites  its concentrations (mM, distributions drawn once per dataset), possibly none
     * @param lorentzianHz extra Lorentzian FWHM of its metabolite lines (Hz): exp(−π·L·t)
     * @param macromolecules its macromolecule components (synth's {@code macromolecules:} block, drawn once per
     *                     dataset), or null
     */
    public record Tissue(String name, List<Scenario.Metabolite> metabolites, double lorentzianHz,
                         Scenario.ComponentSet macromolecules) {
        public Tissue {
            metabolites = List.copyOf(metabolites);
        }

        /** A tissue without macromolecules. */
        public Tissue(String name, List<Scenario.Metabolite> metabolites, double lorentzianHz) {
            this(name, metabolites, lorentzianHz, null);
        }
    }

    /**
     * Residual water: synth's lines (drawn once per dataset) in every object point of tissue (GM, WM, CSF, lesions;
     * not lipid), scaled per acquired voxel by a factor (the water suppression's spatial variation), under each
     * point's B0.
     *
     * @param lines       the lines (amplitude per line: FID amplitude per mL of tissue at factor 1)
     * @param voxelFactor the factor, drawn once per acquired voxel
     */
    public record ResidualWater(Scenario.RandomLines lines, org.larmor.synth.Distribution voxelFactor) {
    }

    /**
     * Skull lipid: Gaussian components (the synthesiser's lipid tables) at a concentration-like scale.
     *
     * @param model name of the table ("lcmodel")
     * @param peaks the components
     * @param scale multiplies every component's amplitude (mM-equivalent per proton) in a voxel full of lipid
     */
    public record Lipids(String model, List<Peak> peaks, double scale) {
        public Lipids {
            peaks = List.copyOf(peaks);
        }
    }

    /**
     * The phantom's geometry and sampling.
     *
     * @param kind             "head" (procedural), "uniform" (one tissue filling the field of view) or "nifti"
     *                         (tissue maps given as images)
     * @param uniformTissue    for "uniform": the tissue's index in {@link #tissues}
     * @param matrix           acquired matrix {nx, ny, nz}; nz = 1 for a single slice
     * @param fovM             field of view along x, y, z (m); z is the slice thickness of a single slice
     * @param sliceCentreM     z of the slice (or slab) centre (m)
     * @param oversampling     object points per acquired voxel along each encoded axis
     * @param sliceSamples     object points through an unencoded slice
     * @param headSemiAxesM    outer semi-axes of the head ellipsoid (m)
     * @param skullM           thickness of the lipid shell (scalp and skull marrow) (m)
     * @param csfM             thickness of the outer CSF layer (m)
     * @param greyMatterM      mean thickness of the cortical grey-matter ribbon (m)
     * @param ventricles       whether the two lateral-ventricle ellipsoids (CSF) are present
     * @param tissueMaps       for "nifti": the volume-fraction images of GM, WM, CSF and lipid (null where not
     *                         given), else empty
     */
    public record PhantomSpec(String kind, int uniformTissue, int[] matrix, double[] fovM, double sliceCentreM,
                              int oversampling, int sliceSamples, double[] headSemiAxesM, double skullM, double csfM,
                              double greyMatterM, boolean ventricles,
                              List<org.larmor.io.NiftiImageReader.Image> tissueMaps) {
        public PhantomSpec {
            matrix = matrix.clone();
            fovM = fovM.clone();
            headSemiAxesM = headSemiAxesM.clone();
            tissueMaps = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tissueMaps));
        }

        /** 3 when z is phase encoded, 2 for a single slice. */
        public int encodedDimensions() {
            return matrix[2] > 1 ? 3 : 2;
        }

        /** Object points along x, y, z. */
        public int[] objectPoints() {
            return new int[] {matrix[0] * oversampling, matrix[1] * oversampling,
                encodedDimensions() == 3 ? matrix[2] * oversampling : sliceSamples};
        }

        /** Acquired voxel size along x, y, z (m). */
        public double[] voxelM() {
            return new double[] {fovM[0] / matrix[0], fovM[1] / matrix[1], fovM[2] / matrix[2]};
        }
    }

    /**
     * The B0 map (Hz, positive to higher frequency: a line moves to higher ppm).
     *
     * @param offsetHz   uniform offset (Hz)
     * @param shimRmsHz  RMS over the brain of the shim residual (Hz), 0 for none
     * @param cavities   air cavities, each a uniformly magnetised sphere
     */
    public record B0Spec(double offsetHz, double shimRmsHz, List<Cavity> cavities) {
        public B0Spec {
            cavities = List.copyOf(cavities);
        }
    }

    /**
     * An air-filled sphere.
     *
     * @param centreM     centre (m)
     * @param radiusM     radius (m)
     * @param deltaChiPpm χ(air) − χ(tissue), ppm (SI volume susceptibility; +9.4 for air against tissue)
     */
    public record Cavity(double[] centreM, double radiusM, double deltaChiPpm) {
        public Cavity {
            centreM = centreM.clone();
        }
    }

    /**
     * The transmit B1 map, a scale on the nominal flip angles, and the response of the signal to it.
     *
     * @param centre     scale at the head's centre
     * @param edge       scale at the head ellipsoid's surface (quadratic in the normalised radius between)
     * @param response   "none" (signal at scale 1; the map is truth only), "pulse_acquire", "spin_echo", "press",
     *                   "steam" ({@link IdealPulseB1Response}), or "interpolated" (the basis simulated at
     *                   {@code scales} and interpolated: {@link InterpolatedB1Response})
     * @param resolution the scale is rounded to this step before the response is evaluated
     * @param scales     for "interpolated": the B1 scales the basis is simulated at (at least 4, increasing,
     *                   spanning the map and 1); else empty
     */
    public record B1Spec(double centre, double edge, String response, double resolution, double[] scales) {
        public B1Spec {
            scales = scales.clone();
        }

        /** An ideal-pulse (or no) response: no B1 scales. */
        public B1Spec(double centre, double edge, String response, double resolution) {
            this(centre, edge, response, resolution, new double[0]);
        }

        /** The lowest and the highest scale of the map (the quadratic runs from centre to edge). */
        public double[] mapRange() {
            return new double[] {Math.min(centre, edge), Math.max(centre, edge)};
        }

        @Override
        public double[] scales() {
            return scales.clone();
        }
    }

    /**
     * Cartesian encoding.
     *
     * @param weighting  k-space weighting
     * @param averages   mean averages per k-space point (the scan time; acquisition weighting spreads them)
     * @param noiseSd    SD of the real and of the imaginary part of each point of a reconstructed voxel FID for
     *                   uniform weighting and the same scan time (the signal's units); 0 for none
     * @param elliptical k-space points outside the ellipse (ellipsoid) Σ(κ_a/(N_a/2))² ≤ 1 are not acquired
     */
    public record EncodingSpec(Weighting weighting, int averages, double noiseSd, boolean elliptical) {
    }
}
