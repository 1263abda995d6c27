package org.larmor.sequence;

/**
 * How space is sampled for slice-selective sequences: positions along each axis spanning a field larger than the
 * voxel, so that the slice profiles' edges and the chemical-shift displacement are inside it.
 *
 * <p>Position j of N along an axis is at (j + ½)·fov/N − fov/2; each carries weight (fov/N)/voxel, so a perfect
 * rectangular slice profile gives the full signal.
 *
 * @param voxelM     nominal voxel size along x, y, z, m
 * @param fovM       simulated extent along x, y, z, m
 * @param positions  number of positions along x, y, z
 * @param full3d     true: every (x, y, z) point of the grid is simulated (for checking); false: the 1D projection
 *                   method (Zhang Y, An L, Shen J. Med Phys 2017;44:4169-4178), one axis at a time
 */
public record Localisation(double[] voxelM, double[] fovM, int[] positions, boolean full3d) {
    public Localisation {
        voxelM = voxelM.clone();
        fovM = fovM.clone();
        positions = positions.clone();
    }

    public double position(int axis, int j) {
        return (j + 0.5) * fovM[axis] / positions[axis] - fovM[axis] / 2;
    }

    public double weight(int axis) {
        return fovM[axis] / positions[axis] / voxelM[axis];
    }
}
