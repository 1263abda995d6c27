package org.larmor.sequence;

import org.larmor.spin.Nucleus;

import java.util.List;
import java.util.Map;

/**
 * A pulse sequence as the engine plays it: one event list per acquired variant (one for most sequences, ON and OFF
 * for MEGA editing), the acquisition, the field, and linear combinations of variants (MEGA's difference).
 *
 * @param name         short name ("press-te30-3t")
 * @param description  free text
 * @param template     the template it was expanded from ("press", …, or "events" for a hand-written list)
 * @param b0T          static field in tesla
 * @param nucleus      observed nucleus (pulses act on it; other nuclei are spectators)
 * @param acquisition  sampling and lineshape
 * @param variants     event lists, each ending with {@link Event.Acquire}
 * @param combinations derived spectra, e.g. DIFF = ON − OFF
 * @param timing       echo and mixing times for file headers
 * @param parameters   every parameter as the user wrote it, for provenance
 * @param origin       file it was read from, or "code"
 * @param sourceHash   SHA-256 of the file's bytes, or null
 * @param localisation spatial sampling for slice-selective pulses, or null when every pulse is non-selective
 * @param b1Scale      factor on every shaped pulse's nominal B1 (transmit inhomogeneity; 1 = calibrated)
 */
public record Sequence(String name, String description, String template, double b0T, Nucleus nucleus,
                       Acquisition acquisition, List<Variant> variants, List<Combination> combinations, Timing timing,
                       Map<String, Object> parameters, String origin, String sourceHash, Localisation localisation,
                       double b1Scale) {
    public Sequence {
        variants = List.copyOf(variants);
        combinations = List.copyOf(combinations);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** Spectrometer (Larmor) frequency of the observed nucleus, in Hz. */
    public double larmorHz() {
        return nucleus.larmorHz(b0T);
    }

    /** Hz per ppm of chemical shift at this field: f0 × 10⁻⁶. */
    public double hzPerPpm() {
        return larmorHz() * 1e-6;
    }

    public boolean isEdited() {
        return variants.size() > 1;
    }

    /**
     * An acquired condition: its name ("main", "ON", "OFF") and its events.
     */
    public record Variant(String name, List<Event> events) {
        public Variant {
            events = List.copyOf(events);
        }
    }

    /** A derived spectrum Σ weight·variant (e.g. DIFF: ON +1, OFF −1). */
    public record Combination(String name, Map<String, Double> weights) {
        public Combination {
            weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        }
    }

    /**
     * Times for file headers, in seconds; NaN where the sequence has none.
     *
     * @param echoTimeS   TE
     * @param mixingTimeS TM (STEAM)
     */
    public record Timing(double echoTimeS, double mixingTimeS) {
    }
}
