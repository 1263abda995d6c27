package org.larmor.engine;

import org.larmor.sequence.Event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The density matrix split by how far crusher gradients have wound each part: ρ = Σ_n ρ_n·exp(−i·n·k), n an integer
 * vector over up to {@link Event.Crusher#MAX_DIRECTIONS} dephasing directions (one per crusher pair, typically). A crusher of area A sends each element of coherence order p from ρ_n to
 * ρ_{n + p·A}; pulses, delays and coherence filters act on every ρ_n alike; only ρ_0 is refocused at the
 * acquisition, every other part averages to zero over the voxel.
 *
 * <p>This is the exact ideal-crusher limit, the coupled-spin analogue of extended phase graphs (Hennig J.
 * J Magn Reson 1988;78:397-407; Weigel M. J Magn Reson Imaging 2015;41:266-295). It selects pathways the way the
 * gradients do — by the sum of p·area over the whole sequence — which per-step order filters cannot: in MEGA-PRESS
 * a spin inside the editing band is refocused by the crusher pairs along a different order path than one outside.
 */
final class DephasingPathways {
    private static final int D = Event.Crusher.MAX_DIRECTIONS;
    private final Map<Winding, DensityMatrix> parts = new LinkedHashMap<>();
    private final int maxOrder;

    DephasingPathways(DensityMatrix initial) {
        parts.put(Winding.ZERO, initial);
        this.maxOrder = initial.space.spins;
    }

    private DephasingPathways(int maxOrder) {
        this.maxOrder = maxOrder;
    }

    /** A deep copy. */
    DephasingPathways copy() {
        DephasingPathways c = new DephasingPathways(maxOrder);
        parts.forEach((k, v) -> c.parts.put(k, v.copy()));
        return c;
    }

    /** An empty state (no parts) of the same order range. */
    DephasingPathways emptyLike() {
        return new DephasingPathways(maxOrder);
    }

    /** this += w·other, part by part. */
    void addScaled(DephasingPathways other, double w) {
        other.parts.forEach((k, v) -> {
            DensityMatrix mine = parts.get(k);
            if (mine == null) {
                mine = v.emptyLike();
                parts.put(k, mine);
            }
            mine.addScaled(v, w);
        });
    }

    List<DensityMatrix> all() {
        return new ArrayList<>(parts.values());
    }

    /** The undephased part, or null if nothing is left there. */
    DensityMatrix refocused() {
        return parts.get(Winding.ZERO);
    }

    /**
     * Applies a crusher and drops the parts that later crushers can no longer bring back to zero.
     *
     * @param area      this crusher's areas
     * @param remaining for each direction, Σ |area| of the crushers still to come before the last pulse, then for each
     *                  direction Σ area (signed) of those after it (Propagator.remainingCrusherAreas)
     */
    void crush(int[] area, int[] remaining) {
        crush(area, CrusherLookahead.orderFree(remaining));
    }

    /**
     * Applies a crusher and keeps only the elements that the events after it can still bring to winding zero at
     * order −1 ({@link CrusherLookahead}); a part is made only for a winding that keeps a non-zero element.
     */
    void crush(int[] area, CrusherLookahead ahead) {
        Map<Winding, DensityMatrix> next = new LinkedHashMap<>();
        for (Map.Entry<Winding, DensityMatrix> e : parts.entrySet()) {
            int[] n = e.getKey().n();
            DensityMatrix rho = e.getValue();
            int dim = rho.dim;
            for (int p = -maxOrder; p <= maxOrder; p++) {
                int[] m = n.clone();
                for (int a = 0; a < area.length; a++) {
                    m[a] += p * area[a];
                }
                if (!ahead.keeps(m, p, maxOrder)) {
                    continue;
                }
                DensityMatrix target = null;
                for (int a = 0; a < dim; a++) {
                    for (int b = 0; b < dim; b++) {
                        int idx = a * dim + b;
                        if (rho.space.twiceM[a] - rho.space.twiceM[b] != 2 * p) {
                            continue;
                        }
                        if (rho.re[idx] == 0 && rho.im[idx] == 0) {
                            continue;
                        }
                        if (target == null) {
                            target = next.computeIfAbsent(new Winding(m), k -> rho.emptyLike());
                        }
                        target.re[idx] += rho.re[idx];
                        target.im[idx] += rho.im[idx];
                    }
                }
            }
        }
        parts.clear();
        parts.putAll(next);
    }

    /** How far each dephasing direction has wound a part. */
    private record Winding(int[] n) {
        static final Winding ZERO = new Winding(new int[D]);

        @Override
        public boolean equals(Object o) {
            return o instanceof Winding w && java.util.Arrays.equals(w.n, n);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(n);
        }
    }
}
