package org.larmor.sequence;

/**
 * Where shaped pulses select: voxel size per axis (null for non-selective pulses), the RF carrier, and the fraction
 * of an excitation pulse's slice gradient to rephase after it (½ for a symmetric pulse).
 *
 * @param voxelM          voxel size along x, y, z in metres, or null
 * @param carrierPpm      RF carrier frequency as a chemical shift
 * @param rephaseFraction rephasing lobe area after an excitation, as a fraction of its slice gradient's area
 * @param crusherS        duration of each crusher lobe beside a refocusing pulse, s: the engine treats crushers as
 *                        instantaneous pathway selection, but their time must fit between the pulses
 */
public record Geometry(double[] voxelM, double carrierPpm, double rephaseFraction, double crusherS) {
    public boolean selective() {
        return voxelM != null;
    }
}
