package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Basis spectra (or spectra) read back from a file or folder: FIDs by condition and name, in the on-disk sign
 * convention (a line at δ ppm rotates as exp(−i·2π·(δ − 4.65)·f0·t)), with the few acquisition facts every
 * format carries.
 *
 * @param source          file or folder read
 * @param spectrometerMHz spectrometer frequency in MHz (= Hz/ppm), NaN if the file does not say
 * @param dwellS          sampling interval in seconds
 * @param echoTimeS       echo time in seconds, NaN if the file does not say
 * @param conditions      condition ("main"; or "ON", "OFF", "DIFF") → metabolite name → FID, in file order
 */
public record ReadBasis(String source, double spectrometerMHz, double dwellS, double echoTimeS,
                        Map<String, Map<String, Fid>> conditions) {
    /** The condition name of a file that holds a single acquisition. */
    public static final String MAIN = "main";

    public ReadBasis {
        Map<String, Map<String, Fid>> copy = new LinkedHashMap<>();
        conditions.forEach((c, m) -> copy.put(c, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        conditions = Collections.unmodifiableMap(copy);
    }

    /** A basis of one condition, {@link #MAIN}. */
    public static ReadBasis single(String source, double spectrometerMHz, double dwellS, double echoTimeS,
                                   Map<String, Fid> fids) {
        return new ReadBasis(source, spectrometerMHz, dwellS, echoTimeS, Map.of(MAIN, fids));
    }

    public List<String> conditionNames() {
        return List.copyOf(conditions.keySet());
    }

    /** The FIDs of the only condition; an error if there are several. */
    public Map<String, Fid> fids() {
        if (conditions.size() != 1) {
            throw new IllegalStateException(source + " holds conditions " + conditions.keySet()
                    + "; name one with fids(condition)");
        }
        return conditions.values().iterator().next();
    }

    public Map<String, Fid> fids(String condition) {
        Map<String, Fid> m = conditions.get(condition);
        if (m == null) {
            throw new IllegalArgumentException(source + " has no condition \"" + condition + "\"; it has "
                    + conditions.keySet());
        }
        return m;
    }

    /** One metabolite's FID of the only condition. */
    public Fid fid(String name) {
        Fid f = fids().get(name);
        if (f == null) {
            throw new IllegalArgumentException(source + " has no \"" + name + "\"; it has " + fids().keySet());
        }
        return f;
    }

    /**
     * Several files read into one basis (a folder of per-metabolite files). They must agree on dwell time and
     * spectrometer frequency; a name may appear only once per condition.
     */
    public static ReadBasis merge(String source, List<ReadBasis> parts) {
        if (parts.isEmpty()) {
            throw InputException.of(source, "no basis files found");
        }
        ReadBasis first = parts.get(0);
        Map<String, Map<String, Fid>> merged = new LinkedHashMap<>();
        double echo = first.echoTimeS;
        for (ReadBasis p : parts) {
            if (Math.abs(p.dwellS - first.dwellS) > 1e-9 * first.dwellS) {
                throw InputException.of(p.source, "dwell time " + p.dwellS + " s differs from " + first.dwellS
                        + " s in " + first.source + ": a basis set needs one time grid");
            }
            if (!(Math.abs(p.spectrometerMHz - first.spectrometerMHz) <= 1e-6 * first.spectrometerMHz)
                    && !(Double.isNaN(p.spectrometerMHz) && Double.isNaN(first.spectrometerMHz))) {
                throw InputException.of(p.source, "spectrometer frequency " + p.spectrometerMHz + " MHz differs from "
                        + first.spectrometerMHz + " MHz in " + first.source);
            }
            if (Double.isNaN(echo)) {
                echo = p.echoTimeS;
            }
            for (Map.Entry<String, Map<String, Fid>> c : p.conditions.entrySet()) {
                Map<String, Fid> target = merged.computeIfAbsent(c.getKey(), k -> new LinkedHashMap<>());
                for (Map.Entry<String, Fid> f : c.getValue().entrySet()) {
                    if (target.put(f.getKey(), f.getValue()) != null) {
                        throw InputException.of(p.source, "\"" + f.getKey() + "\" (condition " + c.getKey()
                                + ") appears in more than one file of " + source);
                    }
                }
            }
        }
        return new ReadBasis(source, first.spectrometerMHz, first.dwellS, echo, merged);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        conditions.forEach((c, m) -> parts.add(c + ": " + m.keySet()));
        return "ReadBasis[" + source + ", " + spectrometerMHz + " MHz, dwell " + dwellS + " s, " + parts + "]";
    }
}
