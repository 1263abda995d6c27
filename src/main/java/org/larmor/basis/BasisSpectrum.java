package org.larmor.basis;

import org.larmor.signal.Fid;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinSystem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metabolite's simulated signal under one sequence: an FID per condition (one, "main", for most sequences;
 * "ON", "OFF" and "DIFF" for MEGA editing), and the exact line lists they were sampled from.
 *
 * @param system the spin system simulated
 * @param fids   FID per condition, in the sequence's order (variants, then combinations)
 * @param lines  line list per condition (before lineshape and sampling)
 */
public record BasisSpectrum(SpinSystem system, Map<String, Fid> fids, Map<String, LineList> lines) {
    public BasisSpectrum {
        fids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fids));
        lines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    public String name() {
        return system.name();
    }

    public Fid fid(String condition) {
        Fid f = fids.get(condition);
        if (f == null) {
            throw new IllegalArgumentException("no condition \"" + condition + "\"; have " + fids.keySet());
        }
        return f;
    }
}
