package org.larmor.engine;

import org.ejml.data.DMatrixRMaj;
import org.larmor.sequence.Event;
import org.larmor.sequence.Localisation;
import org.larmor.signal.LineList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays an event list on one cluster of coupled spins and reads out the transitions: the one propagator behind
 * every sequence. Pulses rotate, delays evolve, coherence filters select, acquisition detects.
 *
 * <p>Detection: s(t) = Tr(ρ(t)·F+) with F+ = Σ (Ix + i·Iy) picks the elements of coherence order −1. In the
 * eigenbasis each such element ρ_ab contributes a line ρ_ab·(F+)_ba·exp(−i(E_a − E_b)t); with the rotating-frame
 * Hamiltonian's physical sign (Ω = −2π(δ − ref)·f0 for γ > 0, Levitt, Spin Dynamics, 2nd ed., §2.5 and §11.9) this
 * is already the on-disk convention exp(−i2π(δ − ref)f0·t). The factor 4/2^n makes one spin's 90° pulse-acquire
 * signal 1 at t = 0.
 */
public final class Propagator {
    /** Lines weaker than this fraction of the strongest are numerical dust (forbidden transitions ~1e-17). */
    static final double LINE_FLOOR = 1e-13;

    /** Receives the density matrix after each event; for tests of invariants. */
    interface StepObserver {
        void after(Event event, DensityMatrix rho);
    }

    private Propagator() {
    }

    static LineList run(Cluster cluster, List<Event> events, double hzPerPpm, StepObserver observer) {
        return run(cluster, events, new SimulationContext(hzPerPpm,
                org.larmor.spin.Nucleus.H1.ppmConvention().defaultReceiverPpm(), 1.0, null), observer);
    }

    static LineList run(Cluster cluster, List<Event> events, SimulationContext ctx, StepObserver observer) {
        return run(new Workspace(cluster, ctx), events, observer);
    }

    /**
     * What one cluster keeps between the sub-experiments of a sequence (conditions, increments): its Zeeman space,
     * its eigenbasis (diagonalised once) and every shaped-pulse propagator computed so far, by waveform and
     * position. HERMES' four conditions and J-PRESS's increments share their refocusing pulses' propagators.
     */
    static final class Workspace {
        final Cluster cluster;
        final SimulationContext ctx;
        final SpinSpace space;
        final Eigenbasis eigen;
        /** The eigenbasis of the Hamiltonian during acquisition (differs from {@link #eigen} under decoupling). */
        final Eigenbasis acquireEigen;
        final Map<PropagatorKey, double[][]> pulseCache = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile ShapedPulsePropagator shaped;
        /**
         * With several sub-experiments: the state before each event (at segment boundaries) of the last one played,
         * so that the next resumes after the prefix they share (HERMES' conditions share everything up to the first
         * editing pulse, J-PRESS's increments everything up to the incremented delay).
         */
        final boolean reuse;
        List<Event> lastEvents;
        int[][] lastRemaining;
        CrusherLookahead[] lastAhead;
        Map<Integer, DephasingPathways> checkpoints = Map.of();
        /** Prune parts by the order-free bound only, as before {@link CrusherLookahead}: kept for the tests. */
        final boolean orderFreePruning;

        Workspace(Cluster cluster, SimulationContext ctx) {
            this(cluster, ctx, false);
        }

        Workspace(Cluster cluster, SimulationContext ctx, boolean reuse) {
            this(cluster, ctx, reuse, false);
        }

        Workspace(Cluster cluster, SimulationContext ctx, boolean reuse, boolean orderFreePruning) {
            this.reuse = reuse;
            this.orderFreePruning = orderFreePruning;
            this.cluster = cluster;
            this.ctx = ctx;
            int n = cluster.spins();
            long dim = 1L << n;
            long bytes = dim * dim * 16 * 3;
            if (bytes > Runtime.getRuntime().maxMemory() * 0.8) {
                throw new IllegalStateException("a cluster of " + n + " coupled spins needs about " + (bytes >> 20)
                        + " MiB, more than this JVM's " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap");
            }
            this.space = new SpinSpace(n);
            this.eigen = new Eigenbasis(space, cluster);
            this.acquireEigen = cluster.acquireRadPerS() == null ? eigen
                    : new Eigenbasis(space, cluster.duringAcquisition());
        }

        synchronized ShapedPulsePropagator shapedPropagator() {
            if (shaped == null) {
                shaped = new ShapedPulsePropagator(space, cluster);
            }
            return shaped;
        }
    }

    /** One sub-experiment's lines on a cluster, reusing the workspace's eigenbasis and pulse propagators. */
    static LineList run(Workspace w, List<Event> events, StepObserver observer) {
        Cluster cluster = w.cluster;
        if (!(events.get(events.size() - 1) instanceof Event.Acquire)) {
            throw new IllegalArgumentException("event list does not end with an acquisition");
        }
        Play play = new Play(w, events, observer);
        DensityMatrix rho = play.refocusedAtAcquisition();
        return rho == null ? LineList.EMPTY : receive(rho, w, cluster.weight() * 4.0 / (1L << cluster.spins()));
    }

    /**
     * Detection by the receiver: ρ handed to the acquisition Hamiltonian (with a decoupled nucleus, its couplings
     * gone), then its order −1 lines. For γ &lt; 0 the spins precess the other way, and the receiver's quadrature is
     * taken the other way round too, as spectrometers do for negative-γ nuclei, so that a higher δ is still at a lower
     * frequency on disk: the lines are complex-conjugated (f → −f, a → a*).
     */
    private static LineList receive(DensityMatrix rho, Workspace w, double scale) {
        DensityMatrix acquired = rho;
        if (w.acquireEigen != w.eigen) {
            rho.toZeeman();
            acquired = new DensityMatrix(rho.space, w.acquireEigen);
            System.arraycopy(rho.re, 0, acquired.re, 0, rho.re.length);
            System.arraycopy(rho.im, 0, acquired.im, 0, rho.im.length);
        }
        LineList lines = detect(acquired, scale);
        return w.ctx.sense() < 0 ? lines.conjugate() : lines;
    }

    /** The signal lines at one fixed position r (m) of space, ignoring the localisation's grid: a slice profile. */
    static LineList runAt(Cluster cluster, List<Event> events, SimulationContext ctx, double[] r) {
        Play play = new Play(new Workspace(cluster, ctx), events, null);
        DephasingPathways start = new DephasingPathways(new DensityMatrix(play.space, play.eigen));
        DensityMatrix rho = play.play(start, 0, events.size() - 1, r.clone(), true).refocused();
        return rho == null ? LineList.EMPTY : receive(rho, play.work, cluster.weight() * 4.0 / (1L << cluster.spins()));
    }

    /** One cluster's run through an event list, at one position or averaged over space. */
    private static final class Play {
        final Cluster cluster;
        final List<Event> events;
        final SimulationContext ctx;
        final StepObserver observer;
        final SpinSpace space;
        final Eigenbasis eigen;
        final int[][] remaining;
        final Workspace work;
        /** Gradient axis of each event (−1: none); a closed crusher pair takes its pulse's axis. */
        final int[] axes;
        /** True at the first lobe of a crusher pair around a shaped pulse whose directions no other crusher uses. */
        final boolean[] closedPair;
        /** At each crusher that splits parts, which of its elements can still be detected (null elsewhere). */
        final CrusherLookahead[] ahead;
        /**
         * Index of the first filter that keeps a non-zero coherence order; events.size() when there is none. Before
         * it, the undephased part of ρ holds the whole physical longitudinal state (crushers and order-0 spoilers
         * keep it exactly), so during a delay its populations relax towards equilibrium (T1 regrowth, as during
         * ISIS' TI). After it ρ is one pathway's part (an ideal phase cycle's), and magnetisation regrown then would
         * not follow the cycle: it is not added.
         */
        final int firstSelection;
        /**
         * At each event index, the weight of the spatial average the state carries (the projection multiplies it by
         * fov/voxel per axis averaged): the equilibrium that populations regrow towards is that times ρ0. Null: 1.
         */
        double[] equilibriumWeight;

        Play(Workspace work, List<Event> events, StepObserver observer) {
            this.work = work;
            this.cluster = work.cluster;
            this.events = events;
            this.ctx = work.ctx;
            this.observer = observer;
            this.space = work.space;
            this.eigen = work.eigen;
            this.remaining = remainingCrusherAreas(events);
            this.axes = new int[events.size()];
            this.closedPair = new boolean[events.size()];
            for (int i = 0; i < events.size(); i++) {
                axes[i] = axisOf(events.get(i));
            }
            int sel = events.size();
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof Event.SelectCoherence f && f.order() != 0) {
                    sel = i;
                }
            }
            this.firstSelection = sel;
            boolean[] closed = closedPairs(events);
            for (int i = 0; i + 2 < events.size(); i++) {
                if (closed[i]) {
                    closedPair[i] = true;
                    axes[i] = axes[i + 1];
                    axes[i + 2] = axes[i + 1];
                }
            }
            this.ahead = lookahead();
        }

        /**
         * The pruning at each crusher: by the pathways' orders between mixing pulses ({@link CrusherLookahead#of}),
         * except with relaxation, where populations regrown during a delay join the undephased part only if it is
         * there, and whether it is there must stay as it was: then the order-free bound, as before the look-ahead.
         */
        private CrusherLookahead[] lookahead() {
            if (!ctx.relaxation() && !work.orderFreePruning) {
                return CrusherLookahead.of(events, closedPair);
            }
            CrusherLookahead[] out = new CrusherLookahead[events.size()];
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof Event.Crusher) {
                    out[i] = CrusherLookahead.orderFree(remaining[i + 1]);
                }
            }
            return out;
        }

        DensityMatrix refocusedAtAcquisition() {
            Localisation loc = ctx.localisation();
            int[] first = {-1, -1, -1};
            int[] last = {-1, -1, -1};
            for (int i = 0; i < events.size(); i++) {
                int a = axes[i];
                if (a >= 0) {
                    if (first[a] < 0) {
                        first[a] = i;
                    }
                    last[a] = i;
                }
            }
            boolean spatial = first[0] >= 0 || first[1] >= 0 || first[2] >= 0;
            if (spatial && loc == null) {
                throw new IllegalArgumentException("slice-selective events need a localisation (voxel and grid)");
            }
            DephasingPathways start = new DephasingPathways(new DensityMatrix(space, eigen));
            if (spatial && loc.full3d()) {
                return fullGrid(start, first, loc);
            }
            return projected(start, first, last, loc, spatial);
        }

        /**
         * Where this event list can take up the last one's work: the latest recorded state whose events before it
         * are the same, that is a segment boundary here too, and after which the same crusher areas remain (the
         * pathway pruning looks ahead at them, and at the pulses: the same pruning at every crusher before it). 0:
         * from the start.
         */
        private int resumeFrom(boolean[] boundary) {
            if (!work.reuse || observer != null || work.lastEvents == null) {
                return 0;
            }
            int common = 0;
            int n = Math.min(events.size(), work.lastEvents.size());
            while (common < n && events.get(common).equals(work.lastEvents.get(common))) {
                common++;
            }
            for (int i = common; i > 0; i--) {
                if (work.checkpoints.containsKey(i) && boundary[i]
                        && java.util.Arrays.equals(remaining[i], work.lastRemaining[i])
                        && java.util.Arrays.equals(ahead, 0, i, work.lastAhead, 0, i)) {
                    return i;
                }
            }
            return 0;
        }

        /** Every point of the x·y·z grid (axes without selective events: one point). */
        private DensityMatrix fullGrid(DephasingPathways start, int[] first, Localisation loc) {
            int[] count = new int[3];
            for (int a = 0; a < 3; a++) {
                count[a] = first[a] >= 0 ? loc.positions()[a] : 1;
            }
            DephasingPathways acc = start.emptyLike();
            double[] r = new double[3];
            for (int i = 0; i < count[0]; i++) {
                for (int j = 0; j < count[1]; j++) {
                    for (int k = 0; k < count[2]; k++) {
                        double w = 1;
                        int[] idx = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            if (first[a] >= 0) {
                                r[a] = loc.position(a, idx[a]);
                                w *= loc.weight(a, idx[a]);
                            }
                        }
                        acc.addScaled(play(start.copy(), 0, events.size() - 1, r.clone(), true), w);
                    }
                }
            }
            return acc.refocused();
        }

        /**
         * The 1D projection: each axis's events form one contiguous segment, averaged over that axis's positions on
         * its own; segments of different axes must not interleave (else the average does not factorise).
         */
        private DensityMatrix projected(DephasingPathways start, int[] first, int[] last, Localisation loc,
                                        boolean spatial) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    if (a != b && first[a] >= 0 && first[b] >= 0 && first[b] > first[a] && first[b] < last[a]) {
                        throw new IllegalArgumentException("events along axes " + "xyz".charAt(a) + " and "
                                + "xyz".charAt(b) + " interleave: the 1D projection needs each axis's slice-selective"
                                + " events and gradients to be contiguous; use the full 3D grid");
                    }
                }
            }
            boolean[] boundary = new boolean[events.size() + 1];
            for (int i = 0; i <= events.size(); i++) {
                boundary[i] = true;
                for (int a = 0; a < 3; a++) {
                    if (first[a] >= 0 && first[a] < i && i <= last[a]) {
                        boundary[i] = false;
                    }
                }
            }
            if (spatial) {
                equilibriumWeight = new double[events.size()];
                for (int k = 0; k < events.size(); k++) {
                    double w = 1;
                    for (int a = 0; a < 3; a++) {
                        if (first[a] >= 0 && last[a] < k) {
                            w *= loc.totalWeight(a);
                        }
                    }
                    equilibriumWeight[k] = w;
                }
            }
            int i = resumeFrom(boundary);
            DephasingPathways state = i == 0 ? start : work.checkpoints.get(i).copy();
            Map<Integer, DephasingPathways> recorded = new HashMap<>();
            if (work.reuse) {
                for (Map.Entry<Integer, DephasingPathways> e : work.checkpoints.entrySet()) {
                    if (e.getKey() <= i) {
                        recorded.put(e.getKey(), e.getValue());
                    }
                }
            }
            while (i < events.size()) {
                if (work.reuse && observer == null && !recorded.containsKey(i)) {
                    recorded.put(i, state.copy());
                }
                int a = spatial ? axes[i] : -1;
                if (a < 0) {
                    int end = closedPair[i] ? i + 2 : i;
                    state = play(state, i, end, new double[3], true);
                    i = end + 1;
                    continue;
                }
                // Positions are independent: simulate them in parallel, then add in index order (deterministic).
                DephasingPathways from = state;
                int segStart = i;
                int segEnd = last[a];
                int axis = a;
                toZeemanOnceIfFirstNeeded(from, segStart, segEnd);
                DephasingPathways[] at = new DephasingPathways[loc.positions()[a]];
                java.util.stream.IntStream.range(0, at.length).parallel().forEach(j -> {
                    double[] r = new double[3];
                    r[axis] = loc.position(axis, j);
                    // the positions are the parallel work here: each one plays its parts in turn
                    at[j] = play(from.copy(), segStart, segEnd, r, false);
                });
                DephasingPathways acc = state.emptyLike();
                for (int j = 0; j < at.length; j++) {
                    acc.addScaled(at[j], loc.weight(a, j));
                }
                state = acc;
                i = last[a] + 1;
            }
            if (work.reuse) {
                work.lastEvents = events;
                work.lastRemaining = remaining;
                work.lastAhead = ahead;
                work.checkpoints = recorded;
            }
            return state.refocused();
        }

        /**
         * Before a segment averaged over positions: if the segment's first event that needs a basis is a shaped
         * pulse (alone or between crushers), which always works in the Zeeman basis, brings every part there once,
         * so that the positions' copies do not each make the same basis change (64 positions: 64 identical
         * transforms per part, 15 % of MEGA-PRESS). The same transform of the same matrix, so the same bits; only
         * where the segment would certainly make it first, with nothing but crushers and coherence filters before it
         * (they move or zero elements without arithmetic). A gradient lobe is not looked past: winding then changing
         * basis rounds differently from the other way round (STEAM's lobes); nor a zero delay or an ideal pulse
         * acting on no spin of the cluster, which make no basis change.
         */
        private void toZeemanOnceIfFirstNeeded(DephasingPathways state, int from, int to) {
            for (int i = from; i <= to; i++) {
                Event e = events.get(i);
                if (e instanceof Event.ShapedPulse) {
                    eachPart(state, true, DensityMatrix::toZeeman);
                    return;
                }
                if (!(e instanceof Event.Crusher || e instanceof Event.SelectCoherence)) {
                    return;
                }
            }
        }

        /** Events from..to (inclusive) at position r; the winding parts in parallel if {@code partsInParallel}. */
        private DephasingPathways play(DephasingPathways state, int from, int to, double[] r,
                                       boolean partsInParallel) {
            int n = cluster.spins();
            for (int i = from; i <= to; i++) {
                Event e = events.get(i);
                if (closedPair[i] && i + 2 <= to) {
                    Event.ShapedPulse p = (Event.ShapedPulse) events.get(i + 1);
                    double[][] u = pulsePropagator(p, p.axis() >= 0 ? p.gradientHzPerM() * r[p.axis()] : 0);
                    eachPart(state, partsInParallel, rho -> rho.applyBetweenCrushers(u));
                    i += 2;
                    e = events.get(i);
                } else if (e instanceof Event.Pulse p) {
                    boolean[] mask = new boolean[n];
                    boolean any = false;
                    for (int k = 0; k < n; k++) {
                        mask[k] = p.acts(cluster.shiftPpm()[k], ctx.hzPerPpm());
                        any |= mask[k];
                    }
                    if (any) {
                        // An ideal pulse is a hard pulse: its flip is proportional to B1.
                        double flip = ctx.b1Scale() == 1 ? p.flipRad() : p.flipRad() * ctx.b1Scale();
                        eachPart(state, partsInParallel, rho -> rho.rotate(mask, flip, p.phaseRad()));
                    }
                } else if (e instanceof Event.ShapedPulse p) {
                    double[][] u = pulsePropagator(p, p.axis() >= 0 ? p.gradientHzPerM() * r[p.axis()] : 0);
                    eachPart(state, partsInParallel, rho -> rho.applyUnitary(u));
                } else if (e instanceof Event.Gradient g) {
                    double phase = 2 * Math.PI * g.areaHzSPerM() * r[g.axis()];
                    for (DensityMatrix rho : state.all()) {
                        rho.wind(phase);
                    }
                } else if (e instanceof Event.Delay d) {
                    // Equilibrium is regrown into the undephased part only: a wound part's populations are not ρ0's.
                    DensityMatrix unwound = state.refocused();
                    double eq = i >= firstSelection ? 0 : equilibriumWeight == null ? 1 : equilibriumWeight[i];
                    eachPart(state, partsInParallel, rho -> {
                        rho.evolve(d.durationS());
                        if (ctx.relaxation()) {
                            rho.relax(d.durationS(), cluster.t1S(), cluster.t2S(), rho == unwound ? eq : 0);
                        }
                    });
                } else if (e instanceof Event.SelectCoherence s) {
                    for (DensityMatrix rho : state.all()) {
                        rho.selectCoherence(s.order());
                    }
                } else if (e instanceof Event.Crusher c) {
                    state.crush(c.area(), ahead[i] != null ? ahead[i] : CrusherLookahead.orderFree(remaining[i + 1]));
                }
                if (observer != null && state.refocused() != null) {
                    observer.after(e, state.refocused());
                }
            }
            return state;
        }

        /**
         * Applies op to every winding part: in parallel when asked (outside the positions' parallel segments) and
         * there are several parts of a space large enough to be worth a task (an edited sequence holds a dozen or
         * more between crusher pairs), otherwise in order. Each part is changed on its own, so the bits do not
         * depend on it.
         */
        private void eachPart(DephasingPathways state, boolean parallel,
                              java.util.function.Consumer<DensityMatrix> op) {
            List<DensityMatrix> parts = state.all();
            if (parallel && parts.size() > 1 && parts.get(0).dim >= 16) {
                parts.parallelStream().forEach(op);
            } else {
                parts.forEach(op);
            }
        }

        /** U of a shaped pulse at a gradient offset (Hz), cached: PRESS's two refocusing pulses share theirs. */
        private double[][] pulsePropagator(Event.ShapedPulse p, double gradientOffsetHz) {
            PropagatorKey key = new PropagatorKey(new Event.ShapedPulse("", p.b1Hz(), p.phaseRad(), p.durationS(),
                    p.carrierPpm(), -1, 0), gradientOffsetHz);
            double[][] u = work.pulseCache.get(key);
            if (u == null) {
                // Computed outside the map's lock so that positions proceed in parallel; a rare duplicate is harmless.
                double[] offsets = cluster.offsetRadPerS().clone();
                for (int s = 0; s < offsets.length; s++) {
                    offsets[s] -= 2 * Math.PI * gradientOffsetHz;
                }
                u = work.shapedPropagator().propagator(p, offsets, ctx.offsetRadPerS(p.carrierPpm()),
                        ctx.b1Scale());
                // Uᵀ beside U: a crusher pair applies one U to every winding part at this position.
                int d = (int) Math.round(Math.sqrt(u[0].length));
                double[] tr = new double[d * d];
                double[] ti = new double[d * d];
                DensityMatrix.transpose(u[0], u[1], tr, ti, d);
                u = new double[][] {u[0], u[1], tr, ti};
                work.pulseCache.putIfAbsent(key, u);
            }
            return u;
        }

        private static int axisOf(Event e) {
            if (e instanceof Event.ShapedPulse p) {
                return p.axis();
            }
            if (e instanceof Event.Gradient g) {
                return g.axis();
            }
            return -1;
        }
    }

    /**
     * Crusher, shaped pulse, the same crusher, along directions that no other crusher of the list uses: the pair
     * keeps exactly the pathways whose order changes sign at the pulse, ρ → Σ_p P₋ₚ(U·Pₚ(ρ)·U†), and leaves
     * every winding as it was. {@link DensityMatrix#applyBetweenCrushers} computes that directly.
     */
    private static boolean closedPairAt(List<Event> events, int i) {
        if (!(events.get(i) instanceof Event.Crusher c1) || !(events.get(i + 1) instanceof Event.ShapedPulse)
                || !(events.get(i + 2) instanceof Event.Crusher c2) || !c1.equals(c2)) {
            return false;
        }
        for (int k = 0; k < events.size(); k++) {
            if (k == i || k == i + 2 || !(events.get(k) instanceof Event.Crusher other)) {
                continue;
            }
            for (int d = 0; d < c1.area().length; d++) {
                if (c1.area()[d] != 0 && d < other.area().length && other.area()[d] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True at the first lobe of each closed crusher pair of the list ({@link #closedPairAt}). */
    static boolean[] closedPairs(List<Event> events) {
        boolean[] out = new boolean[events.size()];
        for (int i = 0; i + 2 < events.size(); i++) {
            out[i] = closedPairAt(events, i);
        }
        return out;
    }

    private record PropagatorKey(Event.ShapedPulse waveform, double gradientOffsetHz) {
    }

    /**
     * For each event index, what the crushers from that index on can still do to a part's winding, per direction:
     * [0, D) Σ |area| of those before the last pulse, and [D, 2D) Σ area (signed) of those after it. After the last
     * pulse only order −1 is ever detected and nothing changes an element's order, so each later crusher of area A
     * moves a part that matters by exactly −A; before it the order is free (|p| ≤ n). A part at winding m can reach
     * zero only if |m − Σ_after A| ≤ n·Σ_before |A| ({@link DephasingPathways#crush}). This order-free bound prunes
     * only with relaxation (and in the tests); otherwise {@link CrusherLookahead} prunes more, exactly.
     */
    private static int[][] remainingCrusherAreas(List<Event> events) {
        int d = Event.Crusher.MAX_DIRECTIONS;
        int lastPulse = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.Pulse || events.get(i) instanceof Event.ShapedPulse) {
                lastPulse = i;
            }
        }
        int[][] out = new int[events.size() + 1][2 * d];
        for (int i = events.size() - 1; i >= 0; i--) {
            out[i] = out[i + 1].clone();
            if (events.get(i) instanceof Event.Crusher c) {
                for (int a = 0; a < c.area().length; a++) {
                    if (i > lastPulse) {
                        out[i][d + a] += c.area()[a];
                    } else {
                        out[i][a] += Math.abs(c.area()[a]);
                    }
                }
            }
        }
        return out;
    }

    /** Lines of the order −1 elements of ρ, in the eigenbasis, scaled by {@code scale}. */
    private static LineList detect(DensityMatrix rho, double scale) {
        rho.toEigen();
        SpinSpace space = rho.space;
        Eigenbasis eigen = rho.eigen;
        int dim = space.dim;
        int lines = 0;
        for (int k = 1; k < space.blocks(); k++) {
            lines += space.blockSize[k] * space.blockSize[k - 1];
        }
        double[] f = new double[lines];
        double[] ar = new double[lines];
        double[] ai = new double[lines];
        int out = 0;
        for (int k = 1; k < space.blocks(); k++) {
            // F+ from block k (k β spins) to block k−1: one β raised to α.
            int rows = space.blockSize[k - 1];
            int cols = space.blockSize[k];
            int r0 = space.blockStart[k - 1];
            int c0 = space.blockStart[k];
            DMatrixRMaj fPlus = new DMatrixRMaj(rows, cols);
            for (int c = 0; c < cols; c++) {
                int bits = space.stateAt[c0 + c];
                for (int spin = 0; spin < space.spins; spin++) {
                    if (((bits >> spin) & 1) == 1) {
                        fPlus.set(space.indexOf[bits ^ (1 << spin)] - r0, c, 1.0);
                    }
                }
            }
            DMatrixRMaj tmp = new DMatrixRMaj(rows, cols);
            DMatrixRMaj fPlusEigen = new DMatrixRMaj(rows, cols);
            eigen.toEigen(k - 1, k, fPlus, tmp, fPlusEigen);
            // ρ_ab with a in block k (M), b in block k−1 (M+1): order −1.
            for (int a = 0; a < cols; a++) {
                int ia = c0 + a;
                for (int b = 0; b < rows; b++) {
                    int ib = r0 + b;
                    double fp = fPlusEigen.get(b, a);
                    double xr = rho.re[ia * dim + ib];
                    double xi = rho.im[ia * dim + ib];
                    f[out] = -(eigen.energy[ia] - eigen.energy[ib]) / (2 * Math.PI);
                    ar[out] = scale * fp * xr;
                    ai[out] = scale * fp * xi;
                    out++;
                }
            }
        }
        return new LineList(f, ar, ai).merged(LINE_FLOOR);
    }

}
