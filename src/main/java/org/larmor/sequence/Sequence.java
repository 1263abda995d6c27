package org.larmor.sequence;

import org.larmor.spin.Nucleus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pulse sequence as the engine plays it: one event list per acquired sub-experiment, the acquisition, the field,
 * and the spectra derived from the sub-experiments by weighted sums.
 *
 * <p>Sub-experiments are laid out on up to two dimensions, both data rather than code: <em>conditions</em> (edit
 * ON/OFF, HERMES' A–D: sub-experiments that differ in named parameters) and an optional <em>indirect</em> dimension
 * (a loop over one parameter: J-PRESS's t1 increments, a TE series). {@link #variants()} lists every
 * (condition, increment) pair, increment by increment; {@link #combinations()} are weighted sums over conditions,
 * formed at each increment.
 *
 * @param name               short name ("press-te30-3t")
 * @param description        free text
 * @param template           the template it was expanded from ("press", …, or "events" for a hand-written list)
 * @param label              the sequence's conventional name in file headers (LCModel SEQ, NIfTI-MRS SequenceName)
 * @param b0T                static field in tesla
 * @param nucleus            observed nucleus (pulses act on it; other nuclei are spectators)
 * @param acquisition        sampling and lineshape
 * @param variants           every acquired sub-experiment, each ending with {@link Event.Acquire}
 * @param combinations       derived spectra, e.g. DIFF = ON − OFF, or HERMES' Hadamard sums
 * @param indirect           the indirect dimension, or null
 * @param timing             echo and mixing times for file headers (of the first increment)
 * @param parameters         every parameter as the user wrote it, for provenance
 * @param origin             file it was read from, or "code"
 * @param sourceHash         SHA-256 of the file's bytes, or null
 * @param localisation       spatial sampling for slice-selective pulses, or null when every pulse is non-selective
 * @param b1Scale            factor on every pulse's nominal B1, ideal (flip × it) or shaped (transmit inhomogeneity; 1 = calibrated)
 * @param coherenceSelection how unwanted coherence pathways are removed: "filters" (per-step order filters),
 *                           "crushers" (crusher gradients by their areas) or "none"; for provenance
 * @param conditionDimension NIfTI-MRS tag of the conditions' dimension: DIM_EDIT for edited sequences, or
 *                           another (DIM_USER_1, DIM_ISIS, …) for sub-experiments that are not editing
 * @param manufacturer       the scanner manufacturer the sequence describes ("Siemens", "GE", "Philips"), or null
 * @param valueSources       where each written value came from, by dotted key ("te1_ms", "acquisition.points"):
 *                           "read from scan.rda (TE)", "from preset …", "stated on the command line"; may be empty
 * @param b1Distribution     the distribution of the B1 scale over the voxel ({@code b1_distribution:}), or null: one
 *                           scale, {@code b1Scale}, everywhere
 */
public record Sequence(String name, String description, String template, String label, double b0T, Nucleus nucleus,
                       Acquisition acquisition, List<Variant> variants, List<Combination> combinations,
                       Indirect indirect, Timing timing, Map<String, Object> parameters, String origin,
                       String sourceHash, Localisation localisation, double b1Scale, String coherenceSelection,
                       String conditionDimension, String manufacturer, Map<String, String> valueSources,
                       B1Distribution b1Distribution) {
    public Sequence {
        valueSources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(valueSources));
        variants = List.copyOf(variants);
        combinations = List.copyOf(combinations);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** This sequence with another localisation (e.g. a finer or a fixed grid). */
    public Sequence withLocalisation(Localisation l) {
        return new Sequence(name, description, template, label, b0T, nucleus, acquisition, variants, combinations,
                indirect, timing, parameters, origin, sourceHash, l, b1Scale, coherenceSelection, conditionDimension,
                manufacturer, valueSources, b1Distribution);
    }

    /**
     * This sequence at one B1 scale everywhere (no distribution): every pulse's B1 times {@code scale}. A B1
     * distribution is simulated as a weighted sum of these.
     */
    public Sequence withB1Scale(double scale) {
        return new Sequence(name, description, template, label, b0T, nucleus, acquisition, variants, combinations,
                indirect, timing, parameters, origin, sourceHash, localisation, scale, coherenceSelection,
                conditionDimension, manufacturer, valueSources, null);
    }

    /** Spectrometer (Larmor) frequency of the observed nucleus, in Hz. */
    public double larmorHz() {
        return nucleus.larmorHz(b0T);
    }

    /** Hz per ppm of chemical shift at this field: f0 × 10⁻⁶. */
    public double hzPerPpm() {
        return larmorHz() * 1e-6;
    }

    /** Condition names, in order ("main"; or "ON", "OFF"; or "A" … "D"). */
    public List<String> conditions() {
        List<String> out = new ArrayList<>();
        for (Variant v : variants) {
            if (!out.contains(v.condition())) {
                out.add(v.condition());
            }
        }
        return out;
    }

    /** Points along the indirect dimension (1 without one). */
    public int increments() {
        return indirect == null ? 1 : indirect.valuesS().length;
    }

    /** The sub-experiment of a condition at an increment. */
    public Variant variant(String condition, int increment) {
        for (Variant v : variants) {
            if (v.condition().equals(condition) && v.increment() == increment) {
                return v;
            }
        }
        throw new IllegalArgumentException("no condition " + condition + " at increment " + increment);
    }

    /**
     * Every spectrum a basis set holds, increment by increment: the acquired conditions, then the combinations.
     * Its {@link Spectrum#name()} is unique and safe as a file name.
     */
    public List<Spectrum> spectra() {
        List<Spectrum> out = new ArrayList<>();
        List<String> conds = conditions();
        for (int i = 0; i < increments(); i++) {
            for (String c : conds) {
                out.add(new Spectrum(spectrumName(c, i), c, false, i));
            }
            for (Combination c : combinations) {
                out.add(new Spectrum(spectrumName(c.name(), i), c.name(), true, i));
            }
        }
        return out;
    }

    /** The name of a condition's or combination's spectrum at an increment ("ON", "te_35ms", "DIFF_t1_2.5ms"). */
    public String spectrumName(String conditionOrCombination, int increment) {
        if (indirect == null) {
            return conditionOrCombination;
        }
        String inc = indirect.label(increment);
        return conditionOrCombination.equals("main") ? inc : conditionOrCombination + "_" + inc;
    }

    /**
     * One sub-experiment: its name (unique), its condition, its increment on the indirect dimension, and its events.
     */
    public record Variant(String name, String condition, int increment, List<Event> events) {
        public Variant {
            events = List.copyOf(events);
        }

        /** A sub-experiment of a sequence without an indirect dimension. */
        public Variant(String name, List<Event> events) {
            this(name, name, 0, events);
        }
    }

    /** A derived spectrum Σ weight·condition (e.g. DIFF: ON +1, OFF −1), formed at each increment. */
    public record Combination(String name, Map<String, Double> weights) {
        public Combination {
            weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        }
    }

    /**
     * A spectrum of a basis set.
     *
     * @param name        unique name (also the file-name part)
     * @param source      the condition or combination it is
     * @param combination true for a combination
     * @param increment   index on the indirect dimension (0 without one)
     */
    public record Spectrum(String name, String source, boolean combination, int increment) {
    }

    /**
     * The indirect dimension: a loop over one parameter.
     *
     * @param dimension NIfTI-MRS dimension tag: DIM_INDIRECT_0 (a J-resolved t1) or DIM_USER_0 (a TE series)
     * @param parameter the parameter looped over, as named in YAML without its unit ("t1", "te")
     * @param header    NIfTI-MRS metadata key whose value changes along it ("EchoTime")
     * @param valuesS   the parameter's value at each increment, s
     * @param headerS   the header key's value at each increment, s (e.g. the echo time)
     */
    public record Indirect(String dimension, String parameter, String header, double[] valuesS, double[] headerS) {
        public Indirect {
            valuesS = valuesS.clone();
            headerS = headerS.clone();
        }

        /** "te_35ms", "t1_2.5ms": the parameter and its value at an increment, safe as a file-name part. */
        public String label(int increment) {
            return parameter + "_" + org.larmor.input.Units.milliText(valuesS[increment]) + "ms";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Indirect i && i.dimension.equals(dimension) && i.parameter.equals(parameter)
                    && i.header.equals(header) && java.util.Arrays.equals(i.valuesS, valuesS)
                    && java.util.Arrays.equals(i.headerS, headerS);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(valuesS) + 31 * parameter.hashCode();
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
