package org.larmor.spin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the spins of one nucleus in a sub-system into clusters connected by non-zero homonuclear couplings.
 *
 * <p>Spins in different clusters never interact, so each cluster can be simulated on its own and the signals added:
 * the initial state Σ Iz, the free-precession Hamiltonian and any pulse are sums or products over clusters, and
 * the coherence order of a term like ρ_A ⊗ 1_B is that of ρ_A. This is exact, not an approximation.
 */
public final class CoupledClusters {
    private CoupledClusters() {
    }

    /** Clusters as lists of indices into {@code sub.spins()}; only spins of {@code nucleus} are included. */
    public static List<List<Integer>> of(SubSystem sub, Nucleus nucleus) {
        int n = sub.spins().size();
        double[][] j = sub.couplingMatrixHz();
        int[] cluster = new int[n];
        java.util.Arrays.fill(cluster, -1);
        List<List<Integer>> out = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (cluster[start] >= 0 || sub.spins().get(start).nucleus() != nucleus) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
            todo.add(start);
            cluster[start] = out.size();
            while (!todo.isEmpty()) {
                int a = todo.poll();
                members.add(a);
                for (int b = 0; b < n; b++) {
                    if (cluster[b] < 0 && j[a][b] != 0 && sub.spins().get(b).nucleus() == nucleus) {
                        cluster[b] = out.size();
                        todo.add(b);
                    }
                }
            }
            members.sort(Integer::compare);
            out.add(members);
        }
        return out;
    }

    /** Number of individual spins the cluster has once equivalent groups are written out. */
    public static int expandedSize(SubSystem sub, List<Integer> cluster) {
        return cluster.stream().mapToInt(i -> sub.spins().get(i).count()).sum();
    }
}
