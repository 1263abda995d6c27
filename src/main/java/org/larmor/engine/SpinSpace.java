package org.larmor.engine;

/**
 * The Zeeman product basis of n spin-½ nuclei, ordered by total magnetic quantum number M (from +n/2 down), so
 * that every operator commuting with Fz — the free-precession Hamiltonian — is block-diagonal with contiguous
 * blocks of sizes C(n, k).
 *
 * <p>A basis state is a bit mask: bit i = 0 is |α⟩ (m_i = +½), bit i = 1 is |β⟩ (m_i = −½).
 */
final class SpinSpace {
    final int spins;
    final int dim;
    /** Bit mask of the state at each index. */
    final int[] stateAt;
    /** Index of each bit mask. */
    final int[] indexOf;
    /** 2·M of the state at each index. */
    final int[] twiceM;
    /** First index and size of block k (k = number of β spins). */
    final int[] blockStart;
    final int[] blockSize;
    /**
     * For spins 2p and 2p + 1 (p &lt; spins/2), the indices of every quadruple of states that differ only in those
     * two spins, four by four: s, s + spin 2p flipped, s + spin 2p + 1 flipped, both flipped. Two one-spin rotations
     * act within each quadruple, so a kernel can apply both while the four rows are in registers
     * ({@link DenseKernel#rotateSpins}).
     */
    final int[][] spinPairQuads;

    SpinSpace(int spins) {
        if (spins < 1 || spins > 16) {
            throw new IllegalArgumentException("spins must be 1..16, got " + spins);
        }
        this.spins = spins;
        this.dim = 1 << spins;
        stateAt = new int[dim];
        indexOf = new int[dim];
        twiceM = new int[dim];
        blockStart = new int[spins + 1];
        blockSize = new int[spins + 1];
        int idx = 0;
        for (int k = 0; k <= spins; k++) {
            blockStart[k] = idx;
            for (int s = 0; s < dim; s++) {
                if (Integer.bitCount(s) == k) {
                    stateAt[idx] = s;
                    indexOf[s] = idx;
                    twiceM[idx] = spins - 2 * k;
                    idx++;
                }
            }
            blockSize[k] = idx - blockStart[k];
        }
        spinPairQuads = new int[spins / 2][];
        for (int p = 0; p < spins / 2; p++) {
            int a = 1 << (2 * p);
            int b = a << 1;
            int[] q = new int[dim];
            int at = 0;
            for (int bits = 0; bits < dim; bits++) {
                if ((bits & (a | b)) == 0) {
                    q[at++] = indexOf[bits];
                    q[at++] = indexOf[bits | a];
                    q[at++] = indexOf[bits | b];
                    q[at++] = indexOf[bits | a | b];
                }
            }
            spinPairQuads[p] = q;
        }
    }

    int blocks() {
        return spins + 1;
    }

    /** m_i of spin i in the state at index idx: +½ or −½. */
    double m(int idx, int spin) {
        return ((stateAt[idx] >> spin) & 1) == 0 ? 0.5 : -0.5;
    }
}
