package org.larmor.spin;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of spins coupled among themselves and not to other sub-systems; its signal is multiplied by
 * {@code scale} and added to the others'. Sub-systems model weakly interacting fragments of a molecule
 * (e.g. NAA's acetyl and aspartyl parts) or mixtures (α and β glucose with their anomeric fractions).
 *
 * @param name      label of the fragment, unique within its spin system
 * @param scale     multiplier of the fragment's signal (> 0)
 * @param spins     spins and equivalent groups
 * @param couplings couplings between the labels of {@code spins}
 */
public record SubSystem(String name, double scale, List<Spin> spins, List<Coupling> couplings) {
    public SubSystem {
        spins = List.copyOf(spins);
        couplings = List.copyOf(couplings);
    }

    /** Number of individual spins once every equivalent group is written out. */
    public int expandedSpinCount() {
        return spins.stream().mapToInt(Spin::count).sum();
    }

    /** Index of the spin (group) with this label, or -1. */
    public int indexOf(String label) {
        for (int i = 0; i < spins.size(); i++) {
            if (spins.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /** Symmetric matrix of couplings between spin groups, in Hz (zero on the diagonal). */
    public double[][] couplingMatrixHz() {
        int n = spins.size();
        double[][] j = new double[n][n];
        for (Coupling c : couplings) {
            int a = indexOf(c.a());
            int b = indexOf(c.b());
            j[a][b] = c.jHz();
            j[b][a] = c.jHz();
        }
        return j;
    }

    /** The spins of one nucleus. */
    public List<Spin> spinsOf(Nucleus nucleus) {
        List<Spin> out = new ArrayList<>();
        for (Spin s : spins) {
            if (s.nucleus() == nucleus) {
                out.add(s);
            }
        }
        return out;
    }
}
