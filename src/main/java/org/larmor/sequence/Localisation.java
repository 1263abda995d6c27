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
 * @param tissue     where the spins are: everywhere on the grid (the default), only inside the nominal voxel box,
 *                   or only outside it (lipid around a voxel)
 */
public record Localisation(double[] voxelM, double[] fovM, int[] positions, boolean full3d, Tissue tissue) {
    /** Where the simulated spins are. */
    public enum Tissue {
        /** Uniform over the whole simulated extent. */
        EVERYWHERE,
        /** Only inside the nominal voxel, |r_a| ≤ voxel_a/2 along every axis: a separable box. */
        INSIDE_VOXEL,
        /**
         * Only outside the nominal voxel box: not separable, so it is simulated as everywhere minus inside (exact by
         * linearity; the engine's simulator forms the difference).
         */
        OUTSIDE_VOXEL;

        /** The YAML word: everywhere, inside_voxel, outside_voxel. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The tissue named by a YAML word, or null. */
        public static Tissue of(String key) {
            for (Tissue t : values()) {
                if (t.key().equals(key)) {
                    return t;
                }
            }
            return null;
        }
    }

    public Localisation {
        voxelM = voxelM.clone();
        fovM = fovM.clone();
        positions = positions.clone();
        if (tissue == null) {
            throw new IllegalArgumentException("tissue must be given (EVERYWHERE for a uniform grid)");
        }
    }

    /** Spins everywhere on the grid. */
    public Localisation(double[] voxelM, double[] fovM, int[] positions, boolean full3d) {
        this(voxelM, fovM, positions, full3d, Tissue.EVERYWHERE);
    }

    /** The same grid with the spins elsewhere. */
    public Localisation withTissue(Tissue t) {
        return new Localisation(voxelM, fovM, positions, full3d, t);
    }

    public double position(int axis, int j) {
        return (j + 0.5) * fovM[axis] / positions[axis] - fovM[axis] / 2;
    }

    public double weight(int axis) {
        return fovM[axis] / positions[axis] / voxelM[axis];
    }

    /**
     * The weight of position j along an axis: {@link #weight(int)} where there are spins, 0 where there are none
     * (outside the voxel box for {@link Tissue#INSIDE_VOXEL}; a position within 10⁻⁹ of the box's edge is inside).
     *
     * @throws IllegalStateException for {@link Tissue#OUTSIDE_VOXEL}, which does not factorise by axis
     */
    public double weight(int axis, int j) {
        return switch (tissue) {
            case EVERYWHERE -> weight(axis);
            case INSIDE_VOXEL -> Math.abs(position(axis, j)) <= voxelM[axis] / 2 * (1 + 1e-9) ? weight(axis) : 0;
            case OUTSIDE_VOXEL -> throw new IllegalStateException("the tissue outside the voxel does not factorise"
                    + " by axis: simulate everywhere minus inside_voxel");
        };
    }

    /** Σ_j weight(axis, j): the weight of a state carried through the whole axis. */
    public double totalWeight(int axis) {
        if (tissue == Tissue.EVERYWHERE) {
            return positions[axis] * weight(axis);
        }
        double w = 0;
        for (int j = 0; j < positions[axis]; j++) {
            w += weight(axis, j);
        }
        return w;
    }
}
