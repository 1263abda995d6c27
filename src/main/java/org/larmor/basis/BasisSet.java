package org.larmor.basis;

import org.larmor.sequence.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Basis spectra of several metabolites under one sequence, with the provenance every writer records.
 *
 * @param sequence   the sequence simulated
 * @param spectra    one entry per metabolite, in the order requested
 * @param provenance where every number came from
 * @param omitted    per spectrum name (a combination such as DIFF), the metabolites whose signal cancels there
 *                   (below {@link BasisSimulator#ZERO_SIGNAL} of their acquired signal): writers leave them out,
 *                   because a fitting tool given an all-zero basis entry fills it from its priors
 */
public record BasisSet(Sequence sequence, List<BasisSpectrum> spectra, Provenance provenance,
                       Map<String, List<String>> omitted) {
    public BasisSet {
        spectra = List.copyOf(spectra);
        Map<String, List<String>> o = new LinkedHashMap<>();
        omitted.forEach((k, v) -> o.put(k, List.copyOf(v)));
        omitted = java.util.Collections.unmodifiableMap(o);
    }

    public BasisSet(Sequence sequence, List<BasisSpectrum> spectra, Provenance provenance) {
        this(sequence, spectra, provenance, Map.of());
    }

    /**
     * Spectrum names, increment by increment: the acquired conditions, then the combinations ("main"; or "ON",
     * "OFF", "DIFF"; or "te_30ms", "te_40ms", …).
     */
    public List<String> conditions() {
        List<String> out = new ArrayList<>();
        sequence.spectra().forEach(s -> out.add(s.name()));
        return out;
    }

    /** What the spectrum of this name is (condition or combination, increment). */
    public Sequence.Spectrum spectrum(String name) {
        return sequence.spectra().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spectrum \"" + name + "\"; have " + conditions()));
    }

    /** The metabolites a writer puts into the spectrum {@code name}: all but those whose signal cancels there. */
    public List<BasisSpectrum> included(String name) {
        List<String> out = omitted.getOrDefault(name, List.of());
        return spectra.stream().filter(s -> !out.contains(s.name())).toList();
    }

    /** Spectrometer frequency in MHz (= Hz/ppm). */
    public double spectrometerMHz() {
        return sequence.larmorHz() * 1e-6;
    }

    public int points() {
        return sequence.acquisition().points();
    }

    public double dwellS() {
        return sequence.acquisition().dwellS();
    }
}
