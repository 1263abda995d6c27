package org.larmor.sequence;

import org.larmor.input.Units;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;
import org.larmor.input.YamlScalar;
import org.larmor.spin.Nucleus;

import java.util.ArrayList;
import java.util.List;

/**
 * Crushers of finite, physical area over an extended field of tissue ({@code finite_crushers:}): out-of-voxel signal
 * and spurious echoes from the physics.
 *
 * <p>An ideal {@link Event.Crusher} sends each part of ρ of coherence order p from winding n to n + p·area and only
 * the part at winding zero is detected: the strong-crusher limit, ρ = Σ_n ρ_n·e^{−i·k(n)·r} with every n ≠ 0
 * averaging to nothing (extended phase graphs: Hennig J. J Magn Reson 1988;78:397-407; coherence pathways: Ernst RR,
 * Bodenhausen G, Wokaun A. Principles of NMR in One and Two Dimensions, 1987, §6.3). Here each dephasing direction d
 * is given a gradient area A_d (T·s/m, per unit of a crusher's integer area) along a gradient axis ĝ_d, so a part of
 * winding n carries at position r the phase of k(n)·r with k(n) = γ·Σ_d n_d·A_d·ĝ_d (γ of the observed nucleus, from
 * its table). The detected signal is then Σ_n ∫ ρ_n(r)·e^{−i·k(n)·r} dr over the simulated extent, not ρ_0 alone.
 *
 * <p>This is computed exactly by playing each crusher lobe as an explicit {@link Event.Gradient} of area
 * γ/2π·a_d·A_d along its axis, on the spatial grid of the tissue extent: at every position the state is then the
 * physical ρ(r) = Σ_n ρ_n(r)·e^{−i·k(n)·r} itself (the slice profiles make ρ_n depend on r), and the engine's
 * average over the positions is the integral. Unwanted pathways (the FID of the excitation outside a refocused slab,
 * the stimulated echo of two refocusing pulses, non-refocused coherences) leak in with amplitudes set by the areas,
 * the slice profiles and the extent; at large areas they average out and the result tends to the ideal one (Kreis R.
 * NMR Biomed 2004;17:361-381 on spurious echoes and their crushing).
 *
 * <p>Limits of this first version: the tissue is uniform over the extent (a box centred on the voxel); with the 1D
 * projection each crusher axis's lobes must lie within that axis's contiguous run of slice-selective events (PRESS,
 * semi-LASER, spin echo; the crusher pairs along the slice axis of the pulse they surround), otherwise the full 3D
 * grid is needed and is asked for. A direction may stay ideal ({@code ideal}).
 *
 * @param areaTSPerM per dephasing direction, the gradient area of a lobe of integer area 1, T·s/m; NaN: ideal
 * @param axis       per direction, the gradient axis 0, 1, 2 (x, y, z); −1 for an ideal direction
 * @param fovM       the tissue extent along x, y, z, m (uniform tissue, centred on the voxel)
 * @param positions  positions per axis, or null for the default ({@link #defaultPositions})
 */
public record FiniteCrushers(double[] areaTSPerM, int[] axis, double[] fovM, int[] positions) {
    /** Largest area per direction accepted, mT·ms/m (40 mT/m for 25 ms). */
    public static final double MAX_AREA_MT_MS_PER_M = 1000;
    /** Positions per axis at most. */
    public static final int MAX_POSITIONS = 65536;
    /** Grid points required per cycle of the largest order-1 winding (refused below). */
    public static final int MIN_POINTS_PER_CYCLE = 4;
    /** Grid points per cycle of the largest order-1 winding by default. */
    public static final int DEFAULT_POINTS_PER_CYCLE = 8;

    public FiniteCrushers {
        areaTSPerM = areaTSPerM.clone();
        axis = axis.clone();
        fovM = fovM.clone();
        positions = positions == null ? null : positions.clone();
    }

    /** Number of dephasing directions described. */
    public int directions() {
        return axis.length;
    }

    /** True when direction d keeps ideal pathway selection. */
    public boolean ideal(int d) {
        return axis[d] < 0;
    }

    /**
     * The events with every crusher lobe played as gradients of finite area: per axis, one {@link Event.Gradient} of
     * γ/2π·Σ_d a_d·A_d cycles/m (d over the finite directions along it); the ideal directions' areas stay a
     * {@link Event.Crusher}. Other events are unchanged.
     *
     * @param gammaHzPerT γ/2π of the observed nucleus, Hz/T (signed)
     */
    public List<Event> apply(List<Event> events, double gammaHzPerT) {
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            if (!(e instanceof Event.Crusher c)) {
                out.add(e);
                continue;
            }
            int[] rest = c.area().clone();
            double[] cycles = new double[3];
            boolean anyIdeal = false;
            for (int d = 0; d < rest.length; d++) {
                if (rest[d] == 0) {
                    continue;
                }
                if (ideal(d)) {
                    anyIdeal = true;
                } else {
                    cycles[axis[d]] += gammaHzPerT * rest[d] * areaTSPerM[d];
                    rest[d] = 0;
                }
            }
            for (int a = 0; a < 3; a++) {
                if (cycles[a] != 0) {
                    out.add(new Event.Gradient(a, cycles[a]));
                }
            }
            if (anyIdeal) {
                out.add(new Event.Crusher(rest));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The largest winding an order-±1 coherence can get from the finite crushers along each axis, cycles/m:
     * γ/2π·Σ |a_d|·A_d over the crusher events of the list (d along that axis).
     */
    public double[] maxOrderOneWindingCyclesPerM(List<Event> events, double gammaHzPerT) {
        double[] out = new double[3];
        for (Event e : events) {
            if (e instanceof Event.Crusher c) {
                for (int d = 0; d < c.area().length && d < axis.length; d++) {
                    if (!ideal(d)) {
                        out[axis[d]] += Math.abs(gammaHzPerT * c.area()[d] * areaTSPerM[d]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Default positions along an axis: at least 64, at least 32 per voxel length along a slice-selective axis (the
     * profiles' edges), and {@link #DEFAULT_POINTS_PER_CYCLE} per cycle of the largest order-1 winding over the
     * extent; rounded up to even.
     */
    static int defaultPositions(double fovM, double voxelM, boolean selective, double windingCycles) {
        double n = Math.max(64, DEFAULT_POINTS_PER_CYCLE * windingCycles);
        if (selective) {
            n = Math.max(n, 32 * fovM / voxelM);
        }
        long k = (long) Math.ceil(n - 1e-9);
        return (int) Math.min(Integer.MAX_VALUE, k + (k & 1));
    }

    /**
     * Reads {@code finite_crushers: {directions: [{area_mt_ms_per_m, axis} | ideal, …], fov_mm: [x, y, z],
     * positions: n | [nx, ny, nz]}}. Ranges are checked here; what depends on the events is checked by
     * {@link #check}.
     */
    static FiniteCrushers read(YamlNode node) {
        YamlMap m = node.asMap().allowOnly("directions", "fov_mm", "positions");
        YamlList dl = m.list("directions");
        if (dl.size() < 1 || dl.size() > Event.Crusher.MAX_DIRECTIONS) {
            throw dl.error("expected 1 to " + Event.Crusher.MAX_DIRECTIONS + " dephasing directions (one per entry of"
                    + " a crusher's area), got " + dl.size());
        }
        double[] area = new double[dl.size()];
        int[] axis = new int[dl.size()];
        for (int d = 0; d < dl.size(); d++) {
            YamlNode item = dl.get(d);
            if (item instanceof YamlScalar s && s.asString().equals("ideal")) {
                area[d] = Double.NaN;
                axis[d] = -1;
                continue;
            }
            if (!(item instanceof YamlMap dm)) {
                throw item.error("expected {area_mt_ms_per_m: A, axis: x|y|z} or 'ideal' (pathway selection in the"
                        + " strong-crusher limit)");
            }
            dm.allowOnly("area_mt_ms_per_m", "axis");
            // mT·ms/m = 1e-6 T·s/m
            area[d] = dm.number("area_mt_ms_per_m", 0, MAX_AREA_MT_MS_PER_M, "mT·ms/m") * 1e-6;
            YamlNode an = dm.require("axis");
            axis[d] = switch (an.asString()) {
                case "x" -> 0;
                case "y" -> 1;
                case "z" -> 2;
                default -> throw an.error("expected x, y or z, got \"" + an.asString() + "\"");
            };
        }
        YamlList fl = m.list("fov_mm").requireSize(3);
        double[] fov = new double[3];
        for (int k = 0; k < 3; k++) {
            fov[k] = fl.get(k).asMilliIn(0.1, 2000, "mm");
        }
        int[] n = null;
        if (m.has("positions")) {
            n = new int[3];
            YamlNode pn = m.require("positions");
            if (pn instanceof YamlList pl) {
                pl.requireSize(3);
                for (int k = 0; k < 3; k++) {
                    n[k] = (int) pl.get(k).asDoubleIn(1, MAX_POSITIONS, "");
                    if (pl.get(k).asDouble() != n[k]) {
                        throw pl.get(k).error("expected a whole number of positions");
                    }
                }
            } else {
                java.util.Arrays.fill(n, m.integer("positions", 1, MAX_POSITIONS));
            }
        }
        return new FiniteCrushers(area, axis, fov, n);
    }

    /**
     * Checks this description against the sequence's events and returns the localisation it implies: the tissue
     * extent, the positions, and as the voxel the nominal one along slice-selective axes and the whole extent
     * elsewhere (there the signal is the mean over the tissue, the ideal pulses' normalisation).
     *
     * @param node     the {@code finite_crushers} node, for errors
     * @param variants every sub-experiment's events, before {@link #apply}
     * @param voxelM   the nominal voxel (null: none given)
     * @param full3d   whether the full 3D grid is simulated (else the 1D projection)
     */
    Localisation check(YamlNode node, List<List<Event>> variants, Nucleus nucleus, double[] voxelM, boolean full3d) {
        YamlMap m = node.asMap();
        int used = 0;
        for (List<Event> events : variants) {
            for (Event e : events) {
                if (e instanceof Event.Crusher c) {
                    for (int d = 0; d < c.area().length; d++) {
                        if (c.area()[d] != 0) {
                            used = Math.max(used, d + 1);
                        }
                    }
                }
            }
        }
        if (used == 0) {
            throw node.error("finite crushers give areas to the sequence's crusher events, and it has none: set"
                    + " coherence_selection: crushers (or write crusher events)");
        }
        if (directions() != used) {
            throw m.require("directions").error("the crushers of this sequence use " + used + " dephasing direction"
                    + (used == 1 ? "" : "s") + ", so give " + used + " entries (area and axis, or 'ideal'), got "
                    + directions());
        }
        boolean[] selective = new boolean[3];
        for (List<Event> events : variants) {
            for (Event e : events) {
                if (e instanceof Event.ShapedPulse p && p.axis() >= 0) {
                    selective[p.axis()] = true;
                }
            }
        }
        double[] voxel = new double[3];
        for (int a = 0; a < 3; a++) {
            if (selective[a]) {
                if (voxelM == null) {
                    throw node.error("slice-selective pulses need voxel_mm: [x, y, z]");
                }
                if (fovM[a] < voxelM[a]) {
                    throw m.list("fov_mm").get(a).error("the tissue extent must hold the voxel ("
                            + Units.milliText(voxelM[a]) + " mm along " + "xyz".charAt(a) + ")");
                }
                voxel[a] = voxelM[a];
            } else {
                voxel[a] = fovM[a];
            }
        }
        double gamma = nucleus.gammaHzPerT();
        double[] cycles = new double[3];
        for (List<Event> events : variants) {
            double[] w = maxOrderOneWindingCyclesPerM(events, gamma);
            for (int a = 0; a < 3; a++) {
                cycles[a] = Math.max(cycles[a], w[a] * fovM[a]);
            }
        }
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) {
            if (positions != null) {
                n[a] = positions[a];
                double need = MIN_POINTS_PER_CYCLE * cycles[a];
                if (n[a] < need) {
                    YamlNode pn = m.require("positions");
                    throw (pn instanceof YamlList pl ? pl.get(a) : pn).error("along " + "xyz".charAt(a)
                            + " the crushers wind a coherence by up to " + fmt(cycles[a]) + " cycles over the "
                            + Units.milliText(fovM[a]) + " mm extent; " + n[a] + " positions sample it too coarsely"
                            + " (at least " + (long) Math.ceil(need) + ", " + MIN_POINTS_PER_CYCLE + " per cycle;"
                            + " default " + DEFAULT_POINTS_PER_CYCLE + ")");
                }
            } else {
                int k = defaultPositions(fovM[a], voxel[a], selective[a], cycles[a]);
                if (k > MAX_POSITIONS) {
                    throw m.require("fov_mm").error("along " + "xyz".charAt(a) + " the crushers wind a coherence by "
                            + fmt(cycles[a]) + " cycles over the extent, which needs " + k + " positions, more than "
                            + MAX_POSITIONS + ": a smaller extent or area");
                }
                n[a] = k;
            }
        }
        if (!full3d) {
            for (List<Event> events : variants) {
                checkContiguous(node, apply(events, gamma));
            }
        }
        return new Localisation(voxel, fovM, n, full3d);
    }

    /** The 1D projection needs each axis's events (slice-selective pulses, gradients) in one run, not interleaved. */
    private static void checkContiguous(YamlNode node, List<Event> events) {
        int[] first = {-1, -1, -1};
        int[] last = {-1, -1, -1};
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            int a = e instanceof Event.ShapedPulse p ? p.axis() : e instanceof Event.Gradient g ? g.axis() : -1;
            if (a >= 0) {
                if (first[a] < 0) {
                    first[a] = i;
                }
                last[a] = i;
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a != b && first[a] >= 0 && first[b] > first[a] && first[b] < last[a]) {
                    throw node.error("the finite crushers along " + "xyz".charAt(a) + " enclose events along "
                            + "xyz".charAt(b) + ": the 1D projection needs each axis's slice-selective pulses and"
                            + " gradients in one run (crushers along the slice axis of the pulse they surround), so"
                            + " choose that axis, keep the direction 'ideal', or set spatial: {method: full_3d}");
                }
            }
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
