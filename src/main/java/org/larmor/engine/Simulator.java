package org.larmor.engine;

import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.spin.CoupledClusters;
import org.larmor.spin.Nucleus;
import org.larmor.spin.Spin;
import org.larmor.spin.SpinSystem;
import org.larmor.spin.SubSystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates a spin system under a sequence: splits it into independent clusters, plays every variant's events on
 * each, and adds the lines.
 *
 * <p>Exact decompositions used (none is an approximation):
 * <ul>
 *   <li>sub-systems and clusters of spins not coupled to each other add (see {@link CoupledClusters});</li>
 *   <li>an equivalent group coupled to nothing else of its nucleus is one spin with weight = count;</li>
 *   <li>a heteronucleus (spectator: never pulsed or detected, coupled weakly as 2πJ·Iz·Sz) is in one of its 2I+1
 *       Zeeman states throughout; each state shifts its coupled partners by J·m and carries weight 1/(2I+1). A
 *       group of k equivalent spectators is in a state of total M with the multinomial weight of
 *       {@link SpectatorStates} (two protons: M = −1, 0, +1 with ¼, ½, ¼).</li>
 *   <li>observed on 31P, the protons of a molecule are spectators in the same way (J_PH symmetric).</li>
 * </ul>
 *
 * <p><b>Observed spin 1 (2H).</b> The propagator's spaces are spin-½ (2^n states). A 2H site coupled to no other
 * observed 2H spin is still exact: its Hamiltonian (offset, spectator J·m shifts, RF) is linear in Ix, Iy, Iz, which
 * for any spin I obey [Ix, Iy] = i·Iz and so generate the same SO(3) rotations of the vector (⟨Ix⟩, ⟨Iy⟩, ⟨Iz⟩);
 * starting from Iz it never leaves that rank-1 space, so its signal, normalised per nucleus (Tr(Iz²) = I(I+1)(2I+1)/3
 * divided out), is the spin-½ one. A group of k equivalent deuterons is that spin with weight k.
 * Coupled 2H spins would leave the rank-1 space and are refused.
 */
public final class Simulator {
    private Simulator() {
    }

    /** Lines of each variant, keyed by variant name, in the sequence's order (no relaxation). */
    public static Map<String, org.larmor.signal.LineList> simulate(SpinSystem system, Sequence sequence) {
        return simulate(system, sequence, false);
    }

    /**
     * As {@link #simulate(SpinSystem, Sequence)}; with {@code relaxation}, the system's T1/T2 act during delays
     * (an error if it has none).
     */
    public static Map<String, org.larmor.signal.LineList> simulate(SpinSystem system, Sequence sequence,
                                                                  boolean relaxation) {
        if (relaxation && system.relaxation() == null) {
            throw InputException.of(system.origin(), "relaxation was requested but " + system.name()
                    + " has no relaxation times (add relaxation: {t1_ms, t2_ms, field_t, source})");
        }
        if (sequence.b1Distribution() != null) {
            // the engine plays one B1 scale; the expectation over a distribution is a sum of such runs
            throw new IllegalArgumentException("the engine simulates one B1 scale; a b1_distribution is averaged by the"
                    + " basis layer's BasisSimulator (or simulate sequence.withB1Scale(s) at each scale)");
        }
        Map<String, org.larmor.signal.LineList> out = new LinkedHashMap<>();
        Nucleus observed = sequence.nucleus();
        if (!system.observableOn(observed)) {
            throw InputException.of(system.origin(), system.name() + " has no " + observed + " spin with a shift_ppm,"
                    + " so a " + observed + " sequence (" + sequence.origin() + ") sees nothing of it; choose a"
                    + " metabolite with " + observed + " spins (larmor list metabolites)");
        }
        List<Cluster> clusters = clusters(system, observed, sequence.hzPerPpm(),
                sequence.acquisition().referencePpm(), sequence.acquisition().decoupled());
        SimulationContext ctx = new SimulationContext(sequence.hzPerPpm(), sequence.acquisition().referencePpm(),
                sequence.b1Scale(), sequence.localisation(), relaxation, observed.precessionSense());
        if (relaxation) {
            double t1 = system.relaxation().t1S();
            double t2 = system.relaxation().t2S();
            clusters = clusters.stream().map(c -> c.withRelaxation(t1, t2)).toList();
        }
        // Cluster by cluster, every sub-experiment in turn: the eigenbasis is diagonalised once per cluster and each
        // shaped pulse's propagator at each position is computed once, whatever the number of conditions/increments.
        org.larmor.signal.LineList[] totals = new org.larmor.signal.LineList[sequence.variants().size()];
        java.util.Arrays.fill(totals, org.larmor.signal.LineList.EMPTY);
        // Spins outside the voxel box only: everywhere minus inside (exact by linearity; the complement of a box does
        // not factorise by axis, the box does).
        org.larmor.sequence.Localisation loc = sequence.localisation();
        boolean outside = loc != null && loc.tissue() == org.larmor.sequence.Localisation.Tissue.OUTSIDE_VOXEL;
        List<SimulationContext> parts = outside
                ? List.of(ctx.withLocalisation(loc.withTissue(org.larmor.sequence.Localisation.Tissue.EVERYWHERE)),
                        ctx.withLocalisation(loc.withTissue(org.larmor.sequence.Localisation.Tissue.INSIDE_VOXEL)))
                : List.of(ctx);
        for (Cluster c : clusters) {
            for (int p = 0; p < parts.size(); p++) {
                Propagator.Workspace w = new Propagator.Workspace(c, parts.get(p), totals.length > 1);
                for (int i = 0; i < totals.length; i++) {
                    totals[i] = totals[i].plus(Propagator.run(w, sequence.variants().get(i).events(), null),
                            p == 0 ? 1.0 : -1.0);
                }
            }
        }
        for (int i = 0; i < totals.length; i++) {
            out.put(sequence.variants().get(i).name(), totals[i].merged(Propagator.LINE_FLOOR));
        }
        return out;
    }

    private static String labels(SubSystem sub, List<Integer> groups) {
        return String.join(", ", groups.stream().map(g -> sub.spins().get(g).label()).toList());
    }

    /** The independent clusters of a spin system, with offsets for the given field and receiver. */
    static List<Cluster> clusters(SpinSystem system, Nucleus observed, double hzPerPpm, double referencePpm) {
        return clusters(system, observed, hzPerPpm, referencePpm, null);
    }

    /**
     * The independent clusters, with offsets for the given field and receiver; the couplings to {@code decoupled}
     * (or none, if null) are left out of the acquisition offsets: ideal broadband decoupling during acquisition
     * removes 2πJ·Iz·Sz while the FID is sampled (Ernst, Bodenhausen, Wokaun, Principles of NMR in One and Two
     * Dimensions, 1987, §4.7) and leaves the evolution before it as it was.
     */
    static List<Cluster> clusters(SpinSystem system, Nucleus observed, double hzPerPpm, double referencePpm,
                                  Nucleus decoupled) {
        List<Cluster> out = new ArrayList<>();
        int sense = observed.precessionSense();
        for (SubSystem sub : system.subsystemsObservedOn(observed)) {
            double[][] j = sub.couplingMatrixHz();
            for (List<Integer> groups : CoupledClusters.of(sub, observed)) {
                boolean lone = groups.size() == 1;
                if (!lone && observed.twiceSpin() > 1) {
                    throw InputException.of(system.origin(), "sub-system " + sub.name() + " of " + system.name()
                            + " has " + observed + " spins J-coupled to each other (" + labels(sub, groups) + "):"
                            + " an observed coupled spin-" + observed.twiceSpin() / 2 + " cluster needs spin-1"
                            + " operators, which Larmor does not have; only " + observed + " sites coupled to no other"
                            + " " + observed + " spin can be observed (docs/conventions.md, spin 1)");
                }
                List<Integer> spinGroup = new ArrayList<>();
                for (int g : groups) {
                    Spin s = sub.spins().get(g);
                    if (Double.isNaN(s.shiftPpm())) {
                        throw InputException.of(system.origin(), "spin " + s.label() + " of " + system.name()
                                + " is observed (" + observed + ") but has no shift_ppm");
                    }
                    int copies = lone ? 1 : s.count();
                    for (int c = 0; c < copies; c++) {
                        spinGroup.add(g);
                    }
                }
                double groupWeight = lone ? sub.spins().get(groups.get(0)).count() : 1;
                List<Integer> spectators = new ArrayList<>();
                for (int x = 0; x < sub.spins().size(); x++) {
                    if (sub.spins().get(x).nucleus() == observed) {
                        continue;
                    }
                    for (int g : groups) {
                        if (j[g][x] != 0) {
                            spectators.add(x);
                            break;
                        }
                    }
                }
                int n = spinGroup.size();
                double[] shift = new double[n];
                double[] base = new double[n];
                double[][] jHz = new double[n][n];
                for (int a = 0; a < n; a++) {
                    shift[a] = sub.spins().get(spinGroup.get(a)).shiftPpm();
                    base[a] = -sense * 2 * Math.PI * (shift[a] - referencePpm) * hzPerPpm;
                    for (int b = 0; b < n; b++) {
                        int ga = spinGroup.get(a);
                        int gb = spinGroup.get(b);
                        jHz[a][b] = ga == gb ? 0 : j[ga][gb];
                    }
                }
                // Each spectator group's total Zeeman quantum number M and its weight; then every combination of
                // the groups' M values as a mixed-radix counter.
                List<SpectatorStates> states = new ArrayList<>();
                int configs = 1;
                boolean anyDecoupled = false;
                for (int x : spectators) {
                    Spin sx = sub.spins().get(x);
                    SpectatorStates st = SpectatorStates.of(sx.nucleus().twiceSpin(), sx.count());
                    states.add(st);
                    configs *= st.size();
                    anyDecoupled |= sx.nucleus() == decoupled;
                }
                for (int cfg = 0; cfg < configs; cfg++) {
                    int rest = cfg;
                    double weight = sub.scale() * groupWeight;
                    double[] offset = base.clone();
                    double[] acquire = anyDecoupled ? base.clone() : null;
                    for (int s = 0; s < spectators.size(); s++) {
                        SpectatorStates st = states.get(s);
                        int level = rest % st.size();
                        rest /= st.size();
                        weight *= st.weight(level);
                        boolean off = sub.spins().get(spectators.get(s)).nucleus() == decoupled;
                        for (int a = 0; a < n; a++) {
                            double shiftRad = 2 * Math.PI * j[spinGroup.get(a)][spectators.get(s)] * st.m(level);
                            offset[a] += shiftRad;
                            if (acquire != null && !off) {
                                acquire[a] += shiftRad;
                            }
                        }
                    }
                    out.add(new Cluster(shift, offset, jHz, weight, Double.NaN, Double.NaN, acquire));
                }
            }
        }
        return out;
    }
}
