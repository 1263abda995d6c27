package org.larmor.mrsi;

import org.larmor.synth.SynthBasis;

import java.util.List;

/**
 * A synthetic MRSI dataset and its truth. Images and k-space are flat arrays, time point by time point: value
 * (t, v) at index t·V + v, with v = (z·ny + y)·nx + x over the acquired matrix; k-space index κ + N/2 per axis in
 * the same order. Signal units: mL × mM × basis amplitude (an object cell holds its volume in mL times its
 * concentrations times the basis FIDs), so a homogeneous voxel holds its volume times the single-voxel FID.
 *
 * @param scenario          what was made
 * @param seed              dataset seed
 * @param basis             the basis
 * @param matrix            {nx, ny, nz}
 * @param voxelM            voxel size (m)
 * @param originM           centre of voxel (0, 0, 0) (m)
 * @param objectPoints      {mx, my, mz} of the object grid
 * @param objectCellM       object cell size (m)
 * @param objectOriginM     centre of object point (0, 0, 0) (m)
 * @param imageRe           reconstructed voxel FIDs with noise, real parts
 * @param imageIm           imaginary parts
 * @param cleanRe           the same without noise
 * @param cleanIm           imaginary parts
 * @param kspaceRe          the acquired k-space data (each point the mean of its averages; 0 where none)
 * @param kspaceIm          imaginary parts
 * @param averages          averages per k-space point
 * @param weights           reconstruction weight per k-space point
 * @param kspaceNoiseSd     SD of re and im of one average's noise at each k-space point
 * @param imageNoiseSd      SD of re and im of the reconstructed image's noise
 * @param tissueConcentrationsMm per tissue ({@link MrsiScenario#allTissues()}), per metabolite (basis order), mM
 * @param fractions         per class ({@link Phantom#classes()}: GM, WM, CSF, lipid, the lesions), per voxel: volume
 *                          fraction
 * @param concentrationsMm  per metabolite, per voxel: mM of voxel volume
 * @param b0Hz              per voxel: tissue-weighted mean B0 (Hz)
 * @param b1Scale           per voxel: tissue-weighted mean B1 scale
 * @param linewidthHz       per voxel: FWHM of the reference singlet from the voxel's own B0 spread (Hz), NaN where
 *                          it has none
 * @param referenceMetabolite the singlet of the linewidth map
 * @param objectB0Hz        B0 on the object grid (Hz)
 * @param shimCoefficients  the shim residual's drawn coefficients
 * @param shimScaleHz       their scale (Hz)
 * @param b1Response        how the signal responded to B1 ({@link B1Response#describe()}), for truth.json
 * @param macromoleculesDrawn per tissue: the macromolecule draw {scale, A_0, …} (null without macromolecules)
 * @param residualWaterLines the residual water's lines, each {amplitude, ppm, lorentzian_hz, phase_deg}, or null
 * @param residualWaterFactor per voxel: the residual water's factor, or null
 */
public record MrsiResult(MrsiScenario scenario, long seed, SynthBasis basis, int[] matrix, double[] voxelM,
                         double[] originM, int[] objectPoints, double[] objectCellM, double[] objectOriginM,
                         double[] imageRe, double[] imageIm, double[] cleanRe, double[] cleanIm, double[] kspaceRe,
                         double[] kspaceIm, int[] averages, double[] weights, double[] kspaceNoiseSd,
                         double imageNoiseSd, double[][] tissueConcentrationsMm, double[][] fractions,
                         double[][] concentrationsMm, double[] b0Hz, double[] b1Scale, double[] linewidthHz,
                         String referenceMetabolite, double[] objectB0Hz, double[] shimCoefficients,
                         double shimScaleHz, java.util.Map<String, Object> b1Response,
                         double[][] macromoleculesDrawn, double[][] residualWaterLines,
                         double[] residualWaterFactor) {
    /** Acquired voxels. */
    public int voxels() {
        return matrix[0] * matrix[1] * matrix[2];
    }

    /** Spectral points. */
    public int points() {
        return basis.points();
    }

    /** Metabolite names, basis order. */
    public List<String> metabolites() {
        return basis.names();
    }

    /** The noisy FID of voxel v (re, im). */
    public double[][] voxelFid(int v) {
        return fid(imageRe, imageIm, v);
    }

    /** The noise-free FID of voxel v (re, im). */
    public double[][] cleanFid(int v) {
        return fid(cleanRe, cleanIm, v);
    }

    /** Voxel index of (x, y, z). */
    public int voxel(int x, int y, int z) {
        return (z * matrix[1] + y) * matrix[0] + x;
    }

    private double[][] fid(double[] re, double[] im, int v) {
        int n = points();
        int count = voxels();
        double[][] out = new double[2][n];
        for (int t = 0; t < n; t++) {
            out[0][t] = re[t * count + v];
            out[1][t] = im[t * count + v];
        }
        return out;
    }
}
