package org.larmor.basis;

import org.larmor.sequence.Sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * Basis spectra of several metabolites under one sequence, with the provenance every writer records.
 *
 * @param sequence   the sequence simulated
 * @param spectra    one entry per metabolite, in the order requested
 * @param provenance where every number came from
 */
public record BasisSet(Sequence sequence, List<BasisSpectrum> spectra, Provenance provenance) {
    public BasisSet {
        spectra = List.copyOf(spectra);
    }

    /** Condition names: the sequence's variants, then its combinations ("main"; or "ON", "OFF", "DIFF"). */
    public List<String> conditions() {
        List<String> out = new ArrayList<>();
        sequence.variants().forEach(v -> out.add(v.name()));
        sequence.combinations().forEach(c -> out.add(c.name()));
        return out;
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
