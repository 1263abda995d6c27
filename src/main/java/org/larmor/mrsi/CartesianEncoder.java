package org.larmor.mrsi;

import org.larmor.synth.Fft;

/**
 * Cartesian phase encoding of an object sampled on a grid finer than the acquired matrix, and its reconstruction.
 *
 * <p>Along an encoded axis of N acquired voxels of size D (field of view F = N·D) the object is sampled at M = k·N
 * points, the centres of k sub-cells of each voxel: x_j = (j − M/2 − (k − 1)/2)·F/M, so that acquired voxel i, at
 * X_i = (i − N/2)·D, holds object points k·i … k·i + k − 1. Each object point holds the signal of its cell (its
 * content, not a density). The acquired samples are the object's Fourier transform at the N wave numbers
 * κ = −N/2 … N/2 − 1 (cycles per field of view):
 *
 * <pre>  S(κ) = Σ_j ρ_j·exp(−2πi·κ·x_j/F)</pre>
 *
 * computed exactly by an M-point FFT along each axis (a direct sum over the kept frequencies when M is not a power of
 * two), keeping the N central frequencies (truncation). The image is
 *
 * <pre>  I(X_i) = (1/N)·Σ_κ w(κ)·S(κ)·exp(+2πi·κ·X_i/F)</pre>
 *
 * (product over the encoded axes), so a homogeneous object gives each voxel exactly its content (w(0) = 1), and a
 * point source of content q at x gives q·PSF(X_i − x) with PSF(d) = (1/N)·Σ_κ w(κ)·exp(2πi·κ·d/F): the Dirichlet
 * kernel (w = 1) or its Hamming-weighted sum. An unencoded axis (the slice of a single-slice acquisition) has
 * N = 1: its object points are summed.
 *
 * <p>Not thread-safe: one encoder per thread (it owns its workspaces).
 */
public final class CartesianEncoder {
    private final int[] n;
    private final int[] m;
    private final Fft[] fine;
    private final Fft[] coarse;
    /** Per axis, per kept κ (index κ + N/2): exp(+2πi·κ·(M/2 + (k − 1)/2)/M), the shift of the object grid. */
    private final double[][] shiftRe;
    private final double[][] shiftIm;
    /** Per axis: workspaces of the object length (fRe, fIm) and of the acquired length (cRe, cIm). */
    private final double[][] fRe;
    private final double[][] fIm;
    private final double[][] cRe;
    private final double[][] cIm;
    /** Per axis whose object length is not a power of two: exp(−2πi·κ·j/M) for kept κ (row) and j, else null. */
    private final double[][] dftRe;
    private final double[][] dftIm;
    /** Per axis whose acquired length is not a power of two: exp(+2πi·q·i/N)/N (row i, column q), else null. */
    private final double[][] idftRe;
    private final double[][] idftIm;
    private final double[] aRe;
    private final double[] aIm;
    private final double[] bRe;
    private final double[] bIm;

    /**
     * @param matrix acquired {nx, ny, nz} (nz = 1: z unencoded)
     * @param object object points {mx, my, mz}, each a whole multiple of the matrix (z: any count when nz = 1)
     */
    public CartesianEncoder(int[] matrix, int[] object) {
        n = matrix.clone();
        m = object.clone();
        fine = new Fft[3];
        coarse = new Fft[3];
        shiftRe = new double[3][];
        shiftIm = new double[3][];
        dftRe = new double[3][];
        dftIm = new double[3][];
        idftRe = new double[3][];
        idftIm = new double[3][];
        fRe = new double[3][];
        fIm = new double[3][];
        cRe = new double[3][];
        cIm = new double[3][];
        for (int a = 0; a < 3; a++) {
            if (n[a] > 1 && m[a] % n[a] != 0) {
                throw new IllegalArgumentException("object points " + m[a] + " not a multiple of " + n[a]);
            }
            if (n[a] > 1 && Integer.bitCount(m[a]) != 1) {
                dftRe[a] = new double[n[a] * m[a]];
                dftIm[a] = new double[n[a] * m[a]];
                for (int i = 0; i < n[a]; i++) {
                    for (int j = 0; j < m[a]; j++) {
                        double phi = -2 * Math.PI * (double) Math.floorMod((long) (i - n[a] / 2) * j, m[a]) / m[a];
                        dftRe[a][i * m[a] + j] = Math.cos(phi);
                        dftIm[a][i * m[a] + j] = Math.sin(phi);
                    }
                }
            }
            if (n[a] > 1 && Integer.bitCount(n[a]) != 1) {
                idftRe[a] = new double[n[a] * n[a]];
                idftIm[a] = new double[n[a] * n[a]];
                for (int i = 0; i < n[a]; i++) {
                    for (int q = 0; q < n[a]; q++) {
                        double phi = 2 * Math.PI * (double) Math.floorMod((long) q * i, n[a]) / n[a];
                        idftRe[a][i * n[a] + q] = Math.cos(phi) / n[a];
                        idftIm[a][i * n[a] + q] = Math.sin(phi) / n[a];
                    }
                }
            }
            fRe[a] = new double[m[a]];
            fIm[a] = new double[m[a]];
            cRe[a] = new double[n[a]];
            cIm[a] = new double[n[a]];
            fine[a] = new Fft(m[a]);
            coarse[a] = new Fft(n[a]);
            int k = n[a] > 1 ? m[a] / n[a] : 1;
            shiftRe[a] = new double[n[a]];
            shiftIm[a] = new double[n[a]];
            for (int i = 0; i < n[a]; i++) {
                int kappa = i - n[a] / 2;
                double phi = 2 * Math.PI * kappa * (m[a] / 2.0 + (k - 1) / 2.0) / m[a];
                shiftRe[a][i] = n[a] > 1 ? Math.cos(phi) : 1;
                shiftIm[a][i] = n[a] > 1 ? Math.sin(phi) : 0;
            }
        }
        int sizeA = n[0] * m[1] * m[2];
        int sizeB = n[0] * n[1] * m[2];
        aRe = new double[sizeA];
        aIm = new double[sizeA];
        bRe = new double[sizeB];
        bIm = new double[sizeB];
    }

    /** Acquired k-space points. */
    public int samples() {
        return n[0] * n[1] * n[2];
    }

    /**
     * The acquired k-space samples of one object (one time point).
     *
     * @param objRe  object, real parts, x fastest then y, z ({@code mx·my·mz} values); left unchanged
     * @param objIm  imaginary parts
     * @param outRe  k-space, x fastest then y, z, index κ + N/2 along each ({@link #samples()} values)
     * @param outIm  imaginary parts
     */
    public void encode(double[] objRe, double[] objIm, double[] outRe, double[] outIm) {
        // x: mx → nx, for every (y, z) row.
        for (int r = 0; r < m[1] * m[2]; r++) {
            System.arraycopy(objRe, r * m[0], fRe[0], 0, m[0]);
            System.arraycopy(objIm, r * m[0], fIm[0], 0, m[0]);
            keep(0, r * n[0], 1, aRe, aIm);
        }
        // y: my → ny, for every (kx, z).
        for (int z = 0; z < m[2]; z++) {
            for (int kx = 0; kx < n[0]; kx++) {
                for (int y = 0; y < m[1]; y++) {
                    int src = (z * m[1] + y) * n[0] + kx;
                    fRe[1][y] = aRe[src];
                    fIm[1][y] = aIm[src];
                }
                keep(1, z * n[1] * n[0] + kx, n[0], bRe, bIm);
            }
        }
        // z: mz → nz (nz = 1: the sum over the unencoded points).
        int plane = n[0] * n[1];
        for (int p = 0; p < plane; p++) {
            for (int z = 0; z < m[2]; z++) {
                fRe[2][z] = bRe[z * plane + p];
                fIm[2][z] = bIm[z * plane + p];
            }
            keep(2, p, plane, outRe, outIm);
        }
    }

    /** FFT of buf along axis a (length m[a]), then the n[a] kept frequencies, shifted, into out at start + i·stride. */
    private void keep(int a, int start, int stride, double[] outRe, double[] outIm) {
        double[] bufRe = fRe[a];
        double[] bufIm = fIm[a];
        if (n[a] == 1) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < m[a]; j++) {
                sr += bufRe[j];
                si += bufIm[j];
            }
            outRe[start] = sr;
            outIm[start] = si;
            return;
        }
        if (dftRe[a] != null) {
            double[] tr = dftRe[a];
            double[] ti = dftIm[a];
            int len = m[a];
            for (int i = 0; i < n[a]; i++) {
                double re = 0;
                double im = 0;
                int row = i * len;
                for (int j = 0; j < len; j++) {
                    re += bufRe[j] * tr[row + j] - bufIm[j] * ti[row + j];
                    im += bufRe[j] * ti[row + j] + bufIm[j] * tr[row + j];
                }
                outRe[start + i * stride] = re * shiftRe[a][i] - im * shiftIm[a][i];
                outIm[start + i * stride] = re * shiftIm[a][i] + im * shiftRe[a][i];
            }
            return;
        }
        fine[a].forward(bufRe, bufIm);
        for (int i = 0; i < n[a]; i++) {
            int kappa = i - n[a] / 2;
            int src = Math.floorMod(kappa, m[a]);
            double re = bufRe[src];
            double im = bufIm[src];
            outRe[start + i * stride] = re * shiftRe[a][i] - im * shiftIm[a][i];
            outIm[start + i * stride] = re * shiftIm[a][i] + im * shiftRe[a][i];
        }
    }

    /**
     * The image of weighted k-space samples: I(X_i) = (1/N)·Σ_κ w(κ)·S(κ)·exp(+2πi·κ·X_i/F) along each encoded axis.
     *
     * @param kRe     k-space (encoder order); left unchanged
     * @param kIm     imaginary parts
     * @param weights w per k-space point, or null for 1
     * @param outRe   image, x fastest then y, z ({@link #samples()} values)
     * @param outIm   imaginary parts
     */
    public void reconstruct(double[] kRe, double[] kIm, double[] weights, double[] outRe, double[] outIm) {
        int count = samples();
        for (int i = 0; i < count; i++) {
            int x = i % n[0];
            int y = i / n[0] % n[1];
            int z = i / (n[0] * n[1]);
            // exp(−iπκ) = (−1)^κ per axis moves the origin to voxel N/2.
            int parity = ((x - n[0] / 2) + (y - n[1] / 2) + (z - n[2] / 2)) & 1;
            double w = (weights == null ? 1 : weights[i]) * (parity == 0 ? 1 : -1);
            int xi = Math.floorMod(x - n[0] / 2, n[0]);
            int yi = Math.floorMod(y - n[1] / 2, n[1]);
            int zi = Math.floorMod(z - n[2] / 2, n[2]);
            int dst = (zi * n[1] + yi) * n[0] + xi;
            outRe[dst] = w * kRe[i];
            outIm[dst] = w * kIm[i];
        }
        for (int a = 0; a < 3; a++) {
            if (n[a] == 1) {
                continue;
            }
            int stride = a == 0 ? 1 : a == 1 ? n[0] : n[0] * n[1];
            int lines = count / n[a];
            double[] bufRe = cRe[a];
            double[] bufIm = cIm[a];
            for (int l = 0; l < lines; l++) {
                int start = a == 0 ? l * n[0] : a == 1 ? (l / n[0]) * n[0] * n[1] + l % n[0] : l;
                for (int i = 0; i < n[a]; i++) {
                    bufRe[i] = outRe[start + i * stride];
                    bufIm[i] = outIm[start + i * stride];
                }
                if (idftRe[a] != null) {
                    int len = n[a];
                    for (int i = 0; i < len; i++) {
                        double re = 0;
                        double im = 0;
                        for (int q = 0; q < len; q++) {
                            double cr = idftRe[a][i * len + q];
                            double ci = idftIm[a][i * len + q];
                            re += bufRe[q] * cr - bufIm[q] * ci;
                            im += bufRe[q] * ci + bufIm[q] * cr;
                        }
                        outRe[start + i * stride] = re;
                        outIm[start + i * stride] = im;
                    }
                    continue;
                }
                coarse[a].inverse(bufRe, bufIm);
                for (int i = 0; i < n[a]; i++) {
                    outRe[start + i * stride] = bufRe[i];
                    outIm[start + i * stride] = bufIm[i];
                }
            }
        }
    }
}
