package org.larmor.basis;

import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.spin.SpinSystem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to know how a basis set was made and to make it again: Larmor's version, the conventions,
 * every sequence parameter as written and as expanded into events, and each spin system's source and content hash.
 * Writers embed {@link #toMap()} (as JSON, or as comment lines where a format has no room for it).
 *
 * @param larmorVersion version of Larmor that simulated it
 * @param method        simulation method in words
 * @param sequence      sequence parameters and expanded events
 * @param metabolites   per metabolite: name, source, origin file, content hash
 */
public record Provenance(String larmorVersion, String method, Map<String, Object> sequence,
                         List<Map<String, Object>> metabolites) {

    public static final String FID_CONVENTION = "exp(-i*2*pi*(delta_ppm - reference_ppm)*f0_MHz*t_s): NIfTI-MRS and"
            + " LCModel on-disk convention (lower ppm at positive frequency after a forward FFT)";
    public static final String NORMALISATION = "a singlet of k equivalent spins after an ideal 90 degree"
            + " pulse-acquire has FID amplitude k at t = 0 (times its sub-system scale); concentration 1";

    /** How the applied T1/T2 were chosen from each spin system's published values. */
    public static final String RELAXATION_RULE = "values published at the field nearest the sequence's B0 (a tie goes"
            + " to the lower field); T1 and T2 are not taken from different fields";

    public static Provenance of(Sequence seq, List<SpinSystem> systems) {
        return of(seq, systems, false);
    }

    public static Provenance of(Sequence seq, List<SpinSystem> systems, boolean relaxation) {
        return of(seq, systems, relaxation, Map.of());
    }

    /**
     * @param omitted per combination spectrum, the metabolites left out of its files because their signal cancels
     */
    public static Provenance of(Sequence seq, List<SpinSystem> systems, boolean relaxation,
                                Map<String, List<String>> omitted) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", seq.name());
        s.put("template", seq.template());
        s.put("sequence_label", seq.label());
        s.put("coherence_selection", seq.coherenceSelection());
        s.put("file", seq.origin());
        s.put("file_sha256", seq.sourceHash());
        if (seq.manufacturer() != null) {
            s.put("manufacturer", seq.manufacturer());
        }
        if (!seq.valueSources().isEmpty()) {
            // where each value came from: a scan header, a preset, or the command line (larmor … --from-scan)
            s.put("value_sources", seq.valueSources());
        }
        s.put("b0_t", seq.b0T());
        s.put("nucleus", seq.nucleus().symbol());
        s.put("spectrometer_frequency_hz", seq.larmorHz());
        s.put("echo_time_s", finiteOrNull(seq.timing().echoTimeS()));
        s.put("mixing_time_s", finiteOrNull(seq.timing().mixingTimeS()));
        Map<String, Object> acq = new LinkedHashMap<>();
        acq.put("points", seq.acquisition().points());
        acq.put("spectral_width_hz", seq.acquisition().spectralWidthHz());
        acq.put("dwell_s", seq.acquisition().dwellS());
        acq.put("reference_ppm", seq.acquisition().referencePpm());
        acq.put("lorentzian_fwhm_hz", seq.acquisition().lorentzianFwhmHz());
        acq.put("gaussian_fwhm_hz", seq.acquisition().gaussianFwhmHz());
        if (seq.acquisition().decoupled() != null) {
            acq.put("decoupling", Map.of("nucleus", seq.acquisition().decoupled().symbol(), "model",
                    "ideal broadband decoupling during acquisition: heteronuclear J to it removed while the FID is"
                            + " sampled; NOE not modelled"));
        }
        acq.put("ppm_zero", seq.nucleus().ppmConvention().zeroCompound());
        s.put("acquisition", acq);
        s.put("parameters_as_written", seq.parameters());
        s.put("b1_scale", seq.b1Scale());
        if (seq.b1Distribution() != null) {
            // B1 over the voxel: the basis is the expectation over it (B1Average); nodes and error per metabolite
            s.put("b1_distribution", seq.b1Distribution().describe());
        }
        if (seq.localisation() != null) {
            Map<String, Object> loc = new LinkedHashMap<>();
            loc.put("voxel_m", seq.localisation().voxelM());
            loc.put("fov_m", seq.localisation().fovM());
            loc.put("positions", seq.localisation().positions());
            loc.put("method", seq.localisation().full3d() ? "full_3d" : "projection");
            if (seq.localisation().tissue() != org.larmor.sequence.Localisation.Tissue.EVERYWHERE) {
                loc.put("tissue", seq.localisation().tissue().key());
            }
            s.put("localisation", loc);
        }
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Sequence.Variant v : seq.variants()) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (Event e : v.events()) {
                events.add(describe(e));
            }
            variants.put(v.name(), events);
        }
        s.put("events", variants);
        Map<String, Object> comb = new LinkedHashMap<>();
        seq.combinations().forEach(c -> comb.put(c.name(), c.weights()));
        s.put("conditions", seq.conditions());
        s.put("combinations", comb);
        if (!omitted.isEmpty()) {
            s.put("omitted_zero_signal", omitted);
            s.put("omitted_zero_signal_rule", "left out of a combination's files when the combination's summed |line"
                    + " amplitude| is at most " + BasisSimulator.ZERO_SIGNAL + " of the metabolite's strongest acquired"
                    + " sub-spectrum: an all-zero basis entry is filled by LCModel from its priors");
        }
        if (seq.indirect() != null) {
            Map<String, Object> ind = new LinkedHashMap<>();
            ind.put("dimension", seq.indirect().dimension());
            ind.put("parameter", seq.indirect().parameter());
            ind.put("values_s", seq.indirect().valuesS());
            ind.put("header", seq.indirect().header());
            ind.put("header_values_s", seq.indirect().headerS());
            s.put("indirect", ind);
        }
        List<Map<String, Object>> mets = new ArrayList<>();
        for (SpinSystem sys : systems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", sys.name());
            m.put("full_name", sys.fullName());
            m.put("source", sys.source());
            m.put("file", sys.origin());
            m.put("content_sha256", sys.contentHash());
            if (!sys.valueSources().isEmpty()) {
                m.put("value_sources", sys.valueSources());
            }
            java.util.List<Map<String, Object>> ph = new ArrayList<>();
            for (org.larmor.spin.SubSystem sub : sys.subsystems()) {
                for (org.larmor.spin.Spin p : sub.spins()) {
                    if (p.titration() != null) {
                        Map<String, Object> t = new LinkedHashMap<>();
                        t.put("spin", sub.name() + "/" + p.label());
                        t.put("ph", p.titration().phAt(p.shiftPpm()));
                        t.put("shift_ppm", p.shiftPpm());
                        t.put("model", "Henderson-Hasselbalch: (acid + base*10^(pH-pKa)) / (1 + 10^(pH-pKa))");
                        t.put("pka", p.titration().pKa());
                        t.put("acid_ppm", p.titration().acidPpm());
                        t.put("base_ppm", p.titration().basePpm());
                        t.put("source", p.titration().source());
                        ph.add(t);
                    }
                }
            }
            if (!ph.isEmpty()) {
                m.put("ph_dependent_shifts", ph);
            }
            if (relaxation) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("t1_s", finiteOrNull(sys.relaxation().t1S()));
                r.put("t2_s", finiteOrNull(sys.relaxation().t2S()));
                // the published field the values were measured at (null: none published, simulated unrelaxed)
                r.put("field_t", finiteOrNull(sys.relaxation().fieldT()));
                r.put("sequence_b0_t", seq.b0T());
                r.put("rule", RELAXATION_RULE);
                r.put("source", sys.relaxation().source());
                m.put("relaxation", r);
            }
            mets.add(m);
        }
        boolean shaped = seq.variants().stream().flatMap(v -> v.events().stream())
                .anyMatch(e -> e instanceof Event.ShapedPulse);
        String method = "density-matrix simulation, full strong-coupling Hamiltonian, exact eigenbasis free evolution, "
                + (shaped ? "shaped pulses propagated sample by sample (one-spin rotations exact, couplings by"
                + " symmetric splitting)" : "ideal instantaneous pulses")
                + ", coherence pathways selected by " + switch (seq.coherenceSelection()) {
                    case "filters" -> "per-step coherence-order filters";
                    case "crushers" -> seq.parameters().containsKey("finite_crushers")
                            ? "crusher gradients of finite area played over the tissue extent (finite_crushers:"
                            + " spurious echoes and out-of-voxel signal included; directions kept ideal by exact"
                            + " pathway bookkeeping)"
                            : "crusher gradients (exact pathway bookkeeping, strong-crusher limit)";
                    default -> "nothing (every pathway acquired)";
                }
                + (seq.localisation() == null ? "" : seq.localisation().full3d()
                ? ", full 3D spatial grid " + java.util.Arrays.toString(seq.localisation().positions())
                : ", spatial localisation by 1D projection (Zhang, An, Shen, Med Phys 2017) with "
                + java.util.Arrays.toString(seq.localisation().positions()) + " positions")
                + (seq.localisation() == null
                || seq.localisation().tissue() == org.larmor.sequence.Localisation.Tissue.EVERYWHERE ? ""
                : ", spins " + seq.localisation().tissue().key().replace('_', ' ') + " only")
                + (relaxation ? ", T2 (and T1 of stored magnetisation) during delays" : ", no relaxation");
        return new Provenance(Version.get(), method, s, mets);
    }

    /**
     * This provenance with each metabolite's B1 quadrature ({@code b1_quadrature: {nodes, scales, weights,
     * error_relative}}), in the order of the metabolites.
     */
    Provenance withB1Quadrature(List<B1Average.Result> results) {
        List<Map<String, Object>> mets = new ArrayList<>();
        for (int k = 0; k < metabolites.size(); k++) {
            Map<String, Object> m = new LinkedHashMap<>(metabolites.get(k));
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("nodes", results.get(k).nodes());
            q.put("error_relative", results.get(k).errorRelative());
            q.put("error_meaning", "relative FID 2-norm difference between the kept quadrature and the one with half"
                    + " its nodes (0: a discrete distribution, exact)");
            m.put("b1_quadrature", q);
            mets.add(m);
        }
        return new Provenance(larmorVersion, method, sequence, mets);
    }

    /** This provenance with one more entry in its sequence section (e.g. {@code b1_interpolation}). */
    public Provenance withSequenceEntry(String key, Object value) {
        Map<String, Object> s = new LinkedHashMap<>(sequence);
        s.put(key, value);
        return new Provenance(larmorVersion, method, s, metabolites);
    }

    /** A nested map of plain values (strings, numbers, lists, maps), ready for a JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "Larmor");
        m.put("larmor_version", larmorVersion);
        m.put("method", method);
        m.put("fid_convention", FID_CONVENTION);
        m.put("normalisation", NORMALISATION);
        m.put("sequence", sequence);
        m.put("metabolites", metabolites);
        return m;
    }

    /** The provenance entry of one metabolite. */
    public Map<String, Object> metabolite(String name) {
        return metabolites.stream().filter(m -> name.equals(m.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name));
    }

    private static Map<String, Object> describe(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof Event.Pulse p) {
            m.put("event", "pulse");
            m.put("label", p.label());
            m.put("flip_deg", Math.toDegrees(p.flipRad()));
            m.put("phase_deg", Math.toDegrees(p.phaseRad()));
            if (!p.bands().isEmpty()) {
                List<Map<String, Object>> bands = new ArrayList<>();
                for (Event.Band b : p.bands()) {
                    Map<String, Object> bm = new LinkedHashMap<>();
                    bm.put("center_ppm", b.centerPpm());
                    bm.put("width_hz", b.widthHz());
                    bands.add(bm);
                }
                m.put("bands", bands);
            }
        } else if (e instanceof Event.Delay d) {
            m.put("event", "delay");
            m.put("duration_s", d.durationS());
        } else if (e instanceof Event.ShapedPulse p) {
            m.put("event", "shaped_pulse");
            m.put("label", p.label());
            m.put("samples", p.b1Hz().length);
            m.put("duration_s", p.totalDurationS());
            double peak = 0;
            for (double b : p.b1Hz()) {
                peak = Math.max(peak, b);
            }
            m.put("b1_max_hz", peak);
            m.put("carrier_ppm", p.carrierPpm());
            if (p.origin() != null && !p.origin().bandsPpm().isEmpty()) {
                m.put("bands_ppm", p.origin().bandsPpm());
            }
            m.put("axis", p.axis() < 0 ? "none" : String.valueOf("xyz".charAt(p.axis())));
            m.put("gradient_hz_per_m", p.gradientHzPerM());
            m.put("waveform_sha256", waveformHash(p));
        } else if (e instanceof Event.Gradient g) {
            m.put("event", "gradient");
            m.put("axis", String.valueOf("xyz".charAt(g.axis())));
            m.put("area_hz_s_per_m", g.areaHzSPerM());
        } else if (e instanceof Event.Crusher c) {
            m.put("event", "crusher");
            m.put("area", java.util.Arrays.stream(c.area()).boxed().toList());
        } else if (e instanceof Event.SelectCoherence s) {
            m.put("event", "select_coherence");
            m.put("order", s.order());
        } else {
            m.put("event", "acquire");
        }
        return m;
    }

    private static String waveformHash(Event.ShapedPulse p) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 * p.b1Hz().length);
        for (int k = 0; k < p.b1Hz().length; k++) {
            b.putDouble(p.b1Hz()[k]).putDouble(p.phaseRad()[k]).putDouble(p.durationS()[k]);
        }
        return org.larmor.input.Sha256.hex(b.array());
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
