package org.larmor.mrsi;

/**
 * k-space weighting of a Cartesian MRSI acquisition. A k-space index κ runs from −N/2 to N/2 − 1 along an axis of N
 * phase-encoding steps; the weight along several axes is the product of the axes' weights.
 *
 * <ul>
 *   <li>{@code none}: w = 1, the point-spread function is the Dirichlet kernel.</li>
 *   <li>{@code hamming}: the acquired data are multiplied by w(κ) = 0.54 + 0.46·cos(2πκ/N) before the inverse
 *       transform (post-acquisition filter; Harris FJ, Proc IEEE 1978;66:51-83).</li>
 *   <li>{@code acquisition_hamming}: acquisition weighting (Pohmann R, von Kienlin M. Accurate phosphorus metabolite
 *       images of the human heart by 3D acquisition-weighted CSI. Magn Reson Med 2001;45:817-826): the same scan time
 *       is spread over k-space as the number of averages n(κ) ∝ the Hamming weight, rounded to whole averages
 *       (points with none are not acquired); the reconstruction sums the averages, so the effective weight is
 *       n(κ)/n(0), and the noise per point falls as 1/√n(κ) where the signal is largest.</li>
 * </ul>
 */
public enum Weighting {
    NONE, HAMMING, ACQUISITION_HAMMING;

    /** The YAML name. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The Hamming window at index κ of N (1 at κ = 0; for N = 1, 1). */
    public static double hamming(int kappa, int n) {
        return n == 1 ? 1 : 0.54 + 0.46 * Math.cos(2 * Math.PI * kappa / n);
    }

    /** The weight shape along one axis: 1 for {@code none}, the Hamming window otherwise. */
    public double shape(int kappa, int n) {
        return this == NONE ? 1 : hamming(kappa, n);
    }

    /**
     * Averages per k-space point, in the encoder's order (x fastest, then y, z; index κ + N/2 along each).
     *
     * @param matrix   {nx, ny, nz}
     * @param averages mean averages per point (total = averages × number of points)
     */
    public int[] averages(int[] matrix, int averages) {
        int count = matrix[0] * matrix[1] * matrix[2];
        int[] n = new int[count];
        double[] shape = new double[count];
        double sum = 0;
        for (int z = 0; z < matrix[2]; z++) {
            for (int y = 0; y < matrix[1]; y++) {
                for (int x = 0; x < matrix[0]; x++) {
                    int i = (z * matrix[1] + y) * matrix[0] + x;
                    shape[i] = hamming(x - matrix[0] / 2, matrix[0]) * hamming(y - matrix[1] / 2, matrix[1])
                            * hamming(z - matrix[2] / 2, matrix[2]);
                    sum += shape[i];
                }
            }
        }
        for (int i = 0; i < count; i++) {
            n[i] = this == ACQUISITION_HAMMING ? (int) Math.round(shape[i] * averages * count / sum) : averages;
        }
        return n;
    }

    /**
     * The reconstruction weight of each k-space point (encoder order): 1, the Hamming product, or n(κ)/n(0).
     *
     * @param averages from {@link #averages}
     */
    public double[] weights(int[] matrix, int[] averages) {
        int count = matrix[0] * matrix[1] * matrix[2];
        double[] w = new double[count];
        int centre = (matrix[2] / 2 * matrix[1] + matrix[1] / 2) * matrix[0] + matrix[0] / 2;
        for (int z = 0; z < matrix[2]; z++) {
            for (int y = 0; y < matrix[1]; y++) {
                for (int x = 0; x < matrix[0]; x++) {
                    int i = (z * matrix[1] + y) * matrix[0] + x;
                    w[i] = switch (this) {
                        case NONE -> 1;
                        case HAMMING -> hamming(x - matrix[0] / 2, matrix[0]) * hamming(y - matrix[1] / 2,
                                matrix[1]) * hamming(z - matrix[2] / 2, matrix[2]);
                        case ACQUISITION_HAMMING -> (double) averages[i] / averages[centre];
                    };
                }
            }
        }
        return w;
    }
}
