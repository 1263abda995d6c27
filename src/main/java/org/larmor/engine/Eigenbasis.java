package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues and eigenvectors of a free-precession Hamiltonian, block by block of total M.
 *
 * <p>In the Zeeman product basis Iz and Ix are real and Iy is imaginary, so the full strong-coupling Hamiltonian
 * H = Σ Ω_i·Iz_i + Σ 2π·J_ij·(Ix_i·Ix_j + Iy_i·Iy_j + Iz_i·Iz_j) is real symmetric; it commutes with Fz, so each
 * block of fixed M is diagonalised on its own with EJML's symmetric eigen-solver (sizes C(n,k) rather than 2^n).
 * Free evolution is then a phase exp(−i·(E_a − E_b)·t) on each density-matrix element in the eigenbasis.
 */
final class Eigenbasis {
    final SpinSpace space;
    /** Eigenvalue (rad/s) of each basis index, in block order. */
    final double[] energy;
    /** Per block: eigenvectors as columns, size×size. */
    final DMatrixRMaj[] vectors;
    /** Per block, row-major: Vᵀ (to the eigenbasis, X → Vᵀ·X·V) and V (back, X → V·X·Vᵀ), for the row kernels. */
    final double[][] toEigenRows;
    final double[][] fromEigenRows;

    Eigenbasis(SpinSpace space, Cluster cluster) {
        this.space = space;
        this.energy = new double[space.dim];
        this.vectors = new DMatrixRMaj[space.blocks()];
        for (int k = 0; k < space.blocks(); k++) {
            int start = space.blockStart[k];
            int size = space.blockSize[k];
            DMatrixRMaj h = HamiltonianBlocks.block(space, k, cluster.offsetRadPerS(), cluster.jHz());
            DMatrixRMaj v = new DMatrixRMaj(size, size);
            if (size == 1) {
                energy[start] = h.get(0, 0);
                v.set(0, 0, 1);
            } else {
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
                if (!eig.decompose(h)) {
                    throw new IllegalStateException("eigen-decomposition failed for a block of size " + size);
                }
                for (int c = 0; c < size; c++) {
                    energy[start + c] = eig.getEigenvalue(c).getReal();
                    DMatrixRMaj col = eig.getEigenVector(c);
                    for (int r = 0; r < size; r++) {
                        v.set(r, c, col.get(r, 0));
                    }
                }
            }
            vectors[k] = v;
        }
        this.toEigenRows = new double[space.blocks()][];
        this.fromEigenRows = new double[space.blocks()][];
        for (int k = 0; k < space.blocks(); k++) {
            int size = space.blockSize[k];
            double[] to = new double[size * size];
            double[] from = new double[size * size];
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    from[r * size + c] = vectors[k].get(r, c);
                    to[r * size + c] = vectors[k].get(c, r);
                }
            }
            toEigenRows[k] = to;
            fromEigenRows[k] = from;
        }
    }

    /** Transforms a block pair X_ab (rows in block a, columns in block b) from Zeeman to eigenbasis: V_aᵀ·X·V_b. */
    void toEigen(int a, int b, DMatrixRMaj x, DMatrixRMaj tmp, DMatrixRMaj out) {
        CommonOps_DDRM.multTransA(vectors[a], x, tmp);
        CommonOps_DDRM.mult(tmp, vectors[b], out);
    }

    /** Inverse of {@link #toEigen}: V_a·X·V_bᵀ. */
    void fromEigen(int a, int b, DMatrixRMaj x, DMatrixRMaj tmp, DMatrixRMaj out) {
        CommonOps_DDRM.mult(vectors[a], x, tmp);
        CommonOps_DDRM.multTransB(tmp, vectors[b], out);
    }
}
