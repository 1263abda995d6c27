package org.larmor.engine;

import org.larmor.sequence.Event;

import java.util.Arrays;
import java.util.List;

/**
 * What the events after a crusher still allow an element to do: which (winding, coherence order) pairs can end at
 * winding zero and order −1, the only ones detected. {@link DephasingPathways#crush} drops the others, so that no
 * later step propagates a pathway that is lost anyway.
 *
 * <p>The sequence is cut at its <em>mixing</em> pulses, every pulse except the one of a closed crusher pair
 * ({@code Propagator}'s crusher, shaped pulse, same crusher along directions of their own). Between two mixing
 * pulses an element's order is fixed up to sign: delays, gradient lobes and coherence filters keep it, a closed
 * pair keeps exactly the pathways whose order changes sign. So from a crusher to the next mixing pulse the winding
 * moves by p·{@link #sweep} (the areas of the crushers in between, each signed by the closed pairs before it), and
 * after each later mixing pulse by q·E for an order q free in [−n, n], except after the last one, where the order
 * at acquisition must be −1 and so q is fixed. Per direction an element is kept iff
 * |m + p·sweep − target| ≤ n·free (target: minus what the fixed last order does; free: Σ|E| over the other
 * intervals), and, when no mixing pulse follows, iff p is the one order that ends at −1.
 *
 * <p>An element dropped here is in a part, at the next mixing pulse, whose every element is dropped (the test
 * depends on the part's winding alone there), and each element of a crushed part comes from exactly one element
 * before it: so no kept element's value ever had a dropped one in it, and the kept ones are computed with the same
 * arithmetic as without the pruning, to the bit. The order-free bound of {@link #orderFree} (every crusher before
 * the last pulse may move a part by up to n times its area) keeps a superset.
 *
 * <p>In MEGA-PRESS the editing crushers share one direction: crusher · edit 1 · crusher · (closed pair) · crusher ·
 * edit 2 · crusher. The order-free bound keeps 2n + 1 parts after the first crusher and, after the second, 2n + 1
 * parts holding every order. Here the second and third crushers cancel for every pathway (the closed pair between
 * them flips the order), so only order +1 of the first crusher survives, edit 1 acts on one part instead of 2n + 1,
 * and each part after the second crusher holds one order, which makes the closed pair between them about five
 * times cheaper for six spins (its cost grows with the orders present).
 */
record CrusherLookahead(int[] sweep, int[] target, int[] free, boolean orderFixed, int order) {
    private static final int D = Event.Crusher.MAX_DIRECTIONS;

    /**
     * The old order-free bound from {@code remaining} ([0, D): Σ|area| of the crushers still to come before the last
     * pulse; [D, 2D): Σ area of those after it, where the order is −1): |m − after| ≤ n·before.
     */
    static CrusherLookahead orderFree(int[] remaining) {
        return new CrusherLookahead(new int[D], Arrays.copyOfRange(remaining, D, 2 * D),
                Arrays.copyOfRange(remaining, 0, D), false, 0);
    }

    /** Whether an element of order p, now at winding m (this crusher applied), can still be detected. */
    boolean keeps(int[] winding, int p, int maxOrder) {
        if (orderFixed && p != order) {
            return false;
        }
        for (int a = 0; a < D; a++) {
            long w = (long) winding[a] + (long) p * sweep[a] - target[a];
            if (Math.abs(w) > (long) maxOrder * free[a]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The look-ahead at each crusher of an event list that {@code DephasingPathways#crush} applies (null elsewhere,
     * and at the lobes of closed pairs, which never split a part).
     *
     * @param closedPair true at the first lobe of each closed pair (its pulse follows, then the second lobe)
     */
    static CrusherLookahead[] of(List<Event> events, boolean[] closedPair) {
        CrusherLookahead[] out = new CrusherLookahead[events.size()];
        // Scanned backwards. sweep: winding per unit of the current order until the next mixing pulse; in the last
        // interval (no mixing pulse after) the current order is fixed, starting at −1 at acquisition.
        int[] sweep = new int[D];
        int[] target = new int[D];
        int[] free = new int[D];
        boolean last = true;
        int order = -1;
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            boolean pairPulse = i >= 1 && closedPair[i - 1];
            boolean pairLobe = closedPair[i] || (i >= 2 && closedPair[i - 2]);
            if (pairPulse) {
                // before the pair the order is minus the order after it
                for (int a = 0; a < D; a++) {
                    sweep[a] = -sweep[a];
                }
                order = -order;
            } else if (e instanceof Event.Crusher c && !pairLobe) {
                out[i] = new CrusherLookahead(sweep.clone(), target.clone(), free.clone(), last, order);
                for (int a = 0; a < c.area().length; a++) {
                    sweep[a] += c.area()[a];
                }
            } else if (e instanceof Event.Pulse || e instanceof Event.ShapedPulse) {
                for (int a = 0; a < D; a++) {
                    if (last) {
                        // after the last mixing pulse the order is fixed: the winding must arrive at −order·sweep
                        target[a] = -order * sweep[a];
                    } else {
                        free[a] += Math.abs(sweep[a]);
                    }
                    sweep[a] = 0;
                }
                last = false;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrusherLookahead l && Arrays.equals(sweep, l.sweep) && Arrays.equals(target, l.target)
                && Arrays.equals(free, l.free) && orderFixed == l.orderFixed && order == l.order;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sweep) * 31 + Arrays.hashCode(target) * 17 + Arrays.hashCode(free)
                + (orderFixed ? order : 99);
    }
}
