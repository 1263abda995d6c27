package org.larmor.mrsi;

import org.larmor.basis.B1Interpolated;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import org.larmor.synth.SynthBasis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The B1 response of the basis engine itself: the scenario's basis simulated at a few B1 scales and interpolated
 * between them ({@link B1Interpolated}: piecewise cubic Lagrange through the four nearest nodes, FID point by point,
 * with its stated error), so a coupled spin's multiplet changes its shape with the flip angle as the propagator says,
 * not only its amplitude.
 *
 * <p><b>The same basis as the synthesiser's.</b> The nodes are the {@link SynthBasis}'s own spin systems (its
 * {@code basisNames}, in its order) under the same sequence file, each node simulated as {@link SynthBasis#load} does
 * it (no relaxation, the sequence's B1 scale replaced by the node's), the same condition taken, then cut to the
 * basis's points; the basis applies no amplitude scaling to a simulated FID (one per proton per mM), and none is
 * applied here. At a node the FIDs are the simulation at that scale itself (Lagrange weights 1 and 0); at s = 1 (a
 * node) they are bit for bit the synthesiser's basis ({@code InterpolatedB1ResponseTest}).
 *
 * <p><b>The lipids' gain</b> ({@link #singletGain}) is that of an uncoupled singlet through the same sequence and the
 * same interpolation: the shipped water spin system (H2O, one singlet) simulated at the same nodes,
 * |FID(s)(0)| / |FID(1)(0)|, with its own stated error.
 */
public final class InterpolatedB1Response implements B1Response {
    /** The response's name in the scenario ({@code b1.response}). */
    public static final String NAME = "interpolated";

    private final B1Interpolated basis;
    private final B1Interpolated singlet;
    private final String condition;
    private final int points;
    private final double dwellS;
    private final double singletAtOne;

    private InterpolatedB1Response(B1Interpolated basis, B1Interpolated singlet, String condition, int points,
                                   double dwellS) {
        this.basis = basis;
        this.singlet = singlet;
        this.condition = condition;
        this.points = points;
        this.dwellS = dwellS;
        this.singletAtOne = singletAmplitude(1);
    }

    /**
     * Simulates the basis of {@code synth} (made from {@code sc}'s basis block) at each of {@code sc.b1().scales()}
     * and at the midpoints between them.
     *
     * @param defaultSpinSystems the spin-system folder when the basis block names none
     */
    public static InterpolatedB1Response simulate(MrsiScenario sc, SynthBasis synth, Path defaultSpinSystems) {
        org.larmor.synth.Scenario.BasisSpec spec = sc.basis();
        if (!spec.kind().equals("sequence")) {
            throw new InputException(spec.location(), "b1.response", "response: " + NAME + " needs basis:"
                    + " {sequence: …}");
        }
        Path libDir = spec.spinSystems() != null ? spec.spinSystems() : defaultSpinSystems;
        if (libDir == null || !Files.isDirectory(libDir)) {
            throw new InputException(spec.location(), "basis.spin_systems", "spin-system folder not found: " + libDir);
        }
        SpinLibrary library = SpinLibrary.load(libDir);
        List<SpinSystem> systems = new ArrayList<>();
        for (String name : synth.basisNames()) {
            systems.add(library.find(name).orElseThrow(() -> new IllegalStateException("basis metabolite " + name
                    + " not in " + libDir)));
        }
        SpinSystem water = library.find("H2O").orElseThrow(() -> new InputException(spec.location(), "b1.response",
                "response: " + NAME + " takes the lipids' gain from the water singlet (H2O), which " + libDir
                        + " lacks"));
        Sequence seq = SequenceReader.read(spec.path());
        if (seq.b1Scale() != 1) {
            throw new InputException(spec.location(), "b1.response", "response: " + NAME + " sets the B1 scale of"
                    + " every voxel from the map; " + seq.origin() + " sets b1_scale " + seq.b1Scale()
                    + ": remove it (the map's scale is relative to the calibrated flip angles)");
        }
        double[] scales = sc.b1().scales();
        B1Interpolated b;
        B1Interpolated w;
        try {
            b = B1Interpolated.simulate(systems, seq, scales, false);
            w = B1Interpolated.simulate(List.of(water), seq, scales, false);
        } catch (IllegalArgumentException e) {
            throw new InputException(spec.location(), "b1.scales", e.getMessage());
        }
        String condition = synth.conditions().get(0);
        if (!b.spectra().contains(condition)) {
            throw new IllegalStateException("the B1 nodes lack condition " + condition + ": " + b.spectra());
        }
        return new InterpolatedB1Response(b, w, condition, synth.points(), synth.dwellS());
    }

    @Override
    public List<Fid> fids(double scale) {
        List<Fid> out = new ArrayList<>();
        for (Fid f : basis.at(scale, condition)) {
            if (f.points() < points || Math.abs(f.dwellS() - dwellS) > 1e-12 * dwellS) {
                throw new IllegalStateException("the B1 nodes' grid (" + f.points() + " points of " + f.dwellS()
                        + " s) is not the basis's (" + points + " of " + dwellS + " s)");
            }
            out.add(f.points() == points ? f : new Fid(java.util.Arrays.copyOf(f.re(), points),
                    java.util.Arrays.copyOf(f.im(), points), f.dwellS()));
        }
        return out;
    }

    @Override
    public double singletGain(double scale) {
        return singletAmplitude(scale) / singletAtOne;
    }

    private double singletAmplitude(double scale) {
        Fid f = singlet.at(scale, singlet.spectra().contains(condition) ? condition : singlet.spectra().get(0)).get(0);
        return Math.hypot(f.re()[0], f.im()[0]);
    }

    /** The interpolation of the metabolites' basis (nodes, midpoint errors, the stated error). */
    public B1Interpolated interpolation() {
        return basis;
    }

    /** The stated relative error of every metabolite's interpolated FID (see {@link B1Interpolated}). */
    public double statedErrorRelative() {
        return basis.statedErrorRelative();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(basis.describe());
        m.put("condition", condition);
        m.put("points", points);
        m.put("lipid_gain", "|FID(s)(0)| / |FID(1)(0)| of the H2O singlet through the same sequence, interpolated"
                + " over the same nodes");
        m.put("lipid_gain_stated_error_relative", singlet.statedErrorRelative());
        return m;
    }
}
