package org.larmor.engine;

import org.junit.jupiter.api.Test;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.signal.LineList;
import org.larmor.spin.Nucleus;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pathway look-ahead at each crusher ({@link CrusherLookahead}) against the order-free bound it replaced: it
 * drops more, but only pathways that are never detected, so every line is the same to the bit. Two routes to one
 * answer, on the edited and localised sequences whose crushers share directions or surround refocusing pulses.
 */
class CrusherLookaheadTest {
    private static final int D = Event.Crusher.MAX_DIRECTIONS;

    /** A shaped preset with a small grid (8 positions per axis), so that both routes run in seconds. */
    static Sequence preset(String name) throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(Path.of("sequences", name + ".yaml"))
                .replace("positions: 64", "positions: 8");
        return TestSequences.parse(yaml);
    }

    static List<CrusherLookahead> splittingCrushers(List<Event> events) {
        CrusherLookahead[] ahead = CrusherLookahead.of(events, Propagator.closedPairs(events));
        List<CrusherLookahead> out = new ArrayList<>();
        for (CrusherLookahead a : ahead) {
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    static int[] winding(int axis, int n) {
        int[] w = new int[D];
        w[axis] = n;
        return w;
    }

    @Test
    void megaPressEditingCrushersCancelAroundTheClosedPairSoOnlyOrderPlusOneSurvivesTheFirst() throws Exception {
        // crusher · edit 1 · crusher · (closed pair) · crusher · edit 2 · crusher, all along one direction: the
        // closed pair flips the order, so the second and third crushers cancel for every pathway, and the last
        // (after the last pulse, order −1) unwinds 1. Only order +1 at the first can end at zero.
        List<Event> on = preset("siemens-mega-press-te68-3t").variants().get(0).events();
        List<CrusherLookahead> edit = splittingCrushers(on);
        assertEquals(4, edit.size(), "the editing crushers split; the refocusing pairs are closed");
        int axis = 2;
        int n = 6;
        for (int p = -n; p <= n; p++) {
            assertEquals(p == 1, edit.get(0).keeps(winding(axis, p), p, n), "first editing crusher, order " + p);
            // the order-free bound keeps every winding that two more crushers of area 1 could undo
            assertTrue(CrusherLookahead.orderFree(remainingAfterFirst()).keeps(winding(axis, p), p, n));
        }
        for (int p = -n; p <= n; p++) {
            assertTrue(edit.get(1).keeps(winding(axis, 1 + p), p, n), "from winding 1, order " + p);
            assertFalse(edit.get(1).keeps(winding(axis, p), p, n), "from winding 0, order " + p);
        }
        // after the closed pair: only winding 1 goes on to edit 2; after it only order −1 at winding 0
        assertTrue(edit.get(2).keeps(winding(axis, 1), 3, n));
        assertFalse(edit.get(2).keeps(winding(axis, 2), 2, n));
        assertTrue(edit.get(3).keeps(winding(axis, 0), -1, n));
        assertFalse(edit.get(3).keeps(winding(axis, 0), 1, n));
    }

    /** The old bound at MEGA-PRESS's first editing crusher: Σ|A| = 2 before the last pulse, 1 after it. */
    private static int[] remainingAfterFirst() {
        int[] r = new int[2 * D];
        r[2] = 2;
        r[D + 2] = 1;
        return r;
    }

    @Test
    void lookaheadGivesTheSameLinesAsTheOrderFreeBoundToTheBit() throws Exception {
        List<SpinSystem> systems = SpinLibrary.load(Path.of("spin-systems")).select("GABA,Glu,GSH");
        List<Sequence> sequences = List.of(preset("siemens-mega-press-te68-3t"), preset("ge-hermes-te80-3t"),
                preset("ge-mega-slaser-te82-3t"), preset("philips-slaser-te30-3t"), preset("siemens-press-te30-3t"),
                TestSequences.parse("template: mega_press\nb0_t: 3\nte1_ms: 17\nte2_ms: 51\n"
                        + "editing: {on_ppm: 1.9, off_ppm: 7.5, bandwidth_hz: 80, flip_deg: 180}\n"
                        + "coherence_selection: crushers\n" + TestSequences.ACQ));
        int compared = 0;
        for (Sequence q : sequences) {
            SimulationContext ctx = new SimulationContext(q.hzPerPpm(), q.acquisition().referencePpm(), 1.0,
                    q.localisation());
            for (SpinSystem s : systems) {
                for (Cluster c : Simulator.clusters(s, Nucleus.H1, q.hzPerPpm(), q.acquisition().referencePpm())) {
                    if (c.spins() < 3) {
                        continue;
                    }
                    Propagator.Workspace ahead = new Propagator.Workspace(c, ctx, true);
                    Propagator.Workspace orderFree = new Propagator.Workspace(c, ctx, true, true);
                    for (var v : q.variants()) {
                        LineList a = Propagator.run(ahead, v.events(), null);
                        LineList b = Propagator.run(orderFree, v.events(), null);
                        String what = q.name() + " " + v.name() + " " + s.name() + " (" + c.spins() + " spins)";
                        assertTrue(b.size() > 0, what + ": lines to compare");
                        assertArrayEquals(b.frequencyHz(), a.frequencyHz(), 0.0, what + " frequencies");
                        assertArrayEquals(b.amplitudeRe(), a.amplitudeRe(), 0.0, what + " re");
                        assertArrayEquals(b.amplitudeIm(), a.amplitudeIm(), 0.0, what + " im");
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 20, "sub-experiments compared: " + compared);
    }
}
