package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * The free-precession Hamiltonian of a cluster, one block of fixed total M at a time, in the Zeeman basis (where it
 * is real symmetric): H = Σ Ω_i·Iz_i + Σ_{i<j} 2π·J_ij·(Iz_i·Iz_j + ½(I+_i·I−_j + I−_i·I+_j)), rad/s.
 * The one place the Hamiltonian is written; the eigenbasis and the shaped-pulse couplings both use it.
 */
final class HamiltonianBlocks {
    private HamiltonianBlocks() {
    }

    /**
     * Block k (k β spins) of H.
     *
     * @param offsetRadPerS Ω_i of each spin, or null for the couplings alone
     */
    static DMatrixRMaj block(SpinSpace space, int k, double[] offsetRadPerS, double[][] jHz) {
        int n = space.spins;
        int start = space.blockStart[k];
        int size = space.blockSize[k];
        DMatrixRMaj h = new DMatrixRMaj(size, size);
        for (int r = 0; r < size; r++) {
            int idx = start + r;
            int bits = space.stateAt[idx];
            double diag = 0;
            for (int i = 0; i < n; i++) {
                double mi = space.m(idx, i);
                if (offsetRadPerS != null) {
                    diag += offsetRadPerS[i] * mi;
                }
                for (int j = i + 1; j < n; j++) {
                    double jij = jHz[i][j];
                    if (jij != 0) {
                        diag += 2 * Math.PI * jij * mi * space.m(idx, j);
                        // Flip-flop term: connects states in which spins i and j differ.
                        if (((bits >> i) & 1) != ((bits >> j) & 1)) {
                            h.set(r, space.indexOf[bits ^ (1 << i) ^ (1 << j)] - start, Math.PI * jij);
                        }
                    }
                }
            }
            h.set(r, r, diag);
        }
        return h;
    }
}
