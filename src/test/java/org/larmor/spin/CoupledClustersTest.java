package org.larmor.spin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uncoupled groups split into separate clusters: the Hilbert space shrinks from a product to a sum. */
class CoupledClustersTest {
    private static SubSystem sub(List<Spin> spins, List<Coupling> couplings) {
        return new SubSystem("t", 1, spins, couplings);
    }

    /** Σ over clusters of 2^(spins in the cluster): the states the simulation carries. */
    private static long states(SubSystem s, List<List<Integer>> clusters) {
        return clusters.stream().mapToLong(c -> 1L << CoupledClusters.expandedSize(s, c)).sum();
    }

    @Test
    void twoUncoupledPairsAreTwoClustersOfFourStatesEach() {
        // A–C and B–D coupled, nothing between the pairs: 2·2² = 8 states instead of 2⁴ = 16.
        SubSystem s = sub(List.of(Spin.proton("A", 1), Spin.proton("B", 2), Spin.proton("C", 3), Spin.proton("D", 4)),
                List.of(new Coupling("A", "C", 7), new Coupling("D", "B", 5)));
        List<List<Integer>> c = CoupledClusters.of(s, Nucleus.H1);
        assertEquals(List.of(List.of(0, 2), List.of(1, 3)), c);
        assertEquals(8, states(s, c));
    }

    @Test
    void aCoupledPairIsOneClusterNotTwo() {
        SubSystem s = sub(List.of(Spin.proton("A", 1), Spin.proton("B", 2)), List.of(new Coupling("A", "B", 7)));
        List<List<Integer>> c = CoupledClusters.of(s, Nucleus.H1);
        assertEquals(List.of(List.of(0, 1)), c);
        assertEquals(4, states(s, c));
    }

    @Test
    void aChainIsOneClusterListedInSpinOrder() {
        // A–C–B: reached in the order A, C, B, listed as spin indices 0, 1, 2.
        SubSystem s = sub(List.of(Spin.proton("A", 1), Spin.proton("B", 2), Spin.proton("C", 3)),
                List.of(new Coupling("A", "C", 7), new Coupling("C", "B", 7)));
        assertEquals(List.of(List.of(0, 1, 2)), CoupledClusters.of(s, Nucleus.H1));
    }

    @Test
    void equivalentGroupsCountEveryMemberAndHeteronucleiStayOutOfProtonClusters() {
        // Lactate-like: CH (1) coupled to CH3 (3) → one cluster of 4 spins, 2⁴ states; a 31P coupled to the CH
        // is not a proton, so it is its own 31P cluster and absent from the 1H one.
        SubSystem s = sub(List.of(Spin.proton("CH", 4.1), Spin.protons("CH3", 1.3, 3), new Spin("P", Double.NaN, 1,
                Nucleus.P31)), List.of(new Coupling("CH", "CH3", 6.9), new Coupling("CH", "P", 8)));
        List<List<Integer>> h = CoupledClusters.of(s, Nucleus.H1);
        assertEquals(List.of(List.of(0, 1)), h);
        assertEquals(4, CoupledClusters.expandedSize(s, h.get(0)));
        assertEquals(16, states(s, h));
        assertEquals(List.of(List.of(2)), CoupledClusters.of(s, Nucleus.P31));
        assertEquals(List.of(), CoupledClusters.of(s, Nucleus.C13));
    }

    @Test
    void aZeroCouplingDoesNotJoin() {
        SubSystem s = sub(List.of(Spin.proton("A", 1), Spin.proton("B", 2)), List.of(new Coupling("A", "B", 0)));
        assertEquals(List.of(List.of(0), List.of(1)), CoupledClusters.of(s, Nucleus.H1));
    }
}
