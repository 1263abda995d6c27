package org.larmor.synth;

import org.larmor.input.InputException;
import org.larmor.input.InputFiles;
import org.larmor.input.Location;
import org.larmor.input.YamlList;
import org.larmor.input.YamlMap;
import org.larmor.input.YamlNode;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An fMRS stimulus design: events (onset, duration, amplitude, trial type) and the response kernels that turn it into
 * time courses.
 *
 * <p>The stimulus is s(t) = Σ_i a_i·box_i(t), where box_i is 1 on [onset_i, onset_i + duration_i) and 0 elsewhere;
 * an event of duration 0 is an impulse, a Dirac delta of area a_i (in seconds) at its onset, as in the BIDS
 * specification ("a duration of 0 indicates an impulse or delta function"). Events may overlap; their stimuli add.
 * A response is s convolved with a kernel of unit integral ({@link #response}), so that a sustained stimulus of
 * amplitude 1 settles to a plateau of 1 whatever the kernel.
 *
 * <p>The events are kept sorted by onset (then trial type, duration and amplitude), so that two designs with the
 * same events are equal whatever order they were written in; {@link #source} says where the design was read from.
 *
 * <p>Events files follow the BIDS specification, "Task events" ({@code *_events.tsv}; Gorgolewski KJ et al. Sci Data
 * 2016;3:160044; https://bids-specification.readthedocs.io/en/stable/modality-specific-files/task-events.html).
 *
 * @param events the events, at least one; stored sorted
 * @param source where the design was read from (a file, or a YAML file, line and field), for provenance and messages
 */
public record StimulusDesign(List<Event> events, String source) {
    /** The trial type of an event that does not name one. */
    public static final String DEFAULT_TRIAL_TYPE = "stimulus";

    /** The BIDS mark for a missing value. */
    private static final String NA = "n/a";

    /** The header {@link #toTsv} writes. */
    public static final String TSV_HEADER = "onset\tduration\ttrial_type\tamplitude";

    /** Most blocks a block design may have. */
    public static final int MAX_BLOCKS = 1_000_000;

    private static final Comparator<Event> ORDER = Comparator.comparingDouble(Event::onsetS)
            .thenComparing(Event::trialType).thenComparingDouble(Event::durationS)
            .thenComparingDouble(Event::amplitude);

    /** A decimal number as BIDS writes it (no NaN, Infinity, hexadecimal or type suffixes, which Java would take). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public StimulusDesign {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(source, "source");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a stimulus design needs at least one event");
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.forEach(e -> Objects.requireNonNull(e, "event"));
        sorted.sort(ORDER);
        events = List.copyOf(sorted);
    }

    /**
     * One stimulus event.
     *
     * @param onsetS    start, seconds from the start of the acquisition (≥ 0)
     * @param durationS length, seconds (≥ 0); 0 is an impulse, a Dirac delta of area {@code amplitude} seconds
     * @param amplitude height of the boxcar (dimensionless, default 1); any finite value, negative for a decrease
     * @param trialType BIDS {@code trial_type} (default {@value #DEFAULT_TRIAL_TYPE}): non-blank, without tabs, line
     *                  breaks or surrounding spaces, and not {@code n/a} (BIDS's missing value)
     */
    public record Event(double onsetS, double durationS, double amplitude, String trialType) {
        public Event {
            if (!Double.isFinite(onsetS) || onsetS < 0) {
                throw new IllegalArgumentException("onset must be a finite number of seconds ≥ 0, got " + onsetS);
            }
            if (!Double.isFinite(durationS) || durationS < 0) {
                throw new IllegalArgumentException("duration must be a finite number of seconds ≥ 0, got "
                        + durationS);
            }
            if (!Double.isFinite(onsetS + durationS)) {
                throw new IllegalArgumentException("onset + duration is not finite: " + onsetS + " + " + durationS);
            }
            if (!Double.isFinite(amplitude)) {
                throw new IllegalArgumentException("amplitude must be finite, got " + amplitude);
            }
            String problem = trialTypeProblem(trialType);
            if (problem != null) {
                throw new IllegalArgumentException("trial type " + problem);
            }
            // −0.0 and 0.0 are the same time and height; one of them keeps equals() and the TSV round trip exact.
            onsetS += 0.0;
            amplitude += 0.0;
        }

        /** An event of amplitude 1 and the default trial type. */
        public Event(double onsetS, double durationS) {
            this(onsetS, durationS, 1, DEFAULT_TRIAL_TYPE);
        }

        /** Onset + duration, seconds. */
        public double endS() {
            return onsetS + durationS;
        }

        /** Whether this event is an impulse (duration 0). */
        public boolean isImpulse() {
            return durationS == 0;
        }
    }

    /** Why {@code t} cannot be a trial type, or null if it can. */
    static String trialTypeProblem(String t) {
        if (t == null) {
            return "is missing";
        }
        if (t.isBlank()) {
            return "is empty";
        }
        if (!t.equals(t.strip())) {
            return InputFiles.quote(t) + " has spaces at its start or end";
        }
        for (int k = 0; k < t.length(); k++) {
            if (Character.isISOControl(t.charAt(k))) {
                return InputFiles.quote(t) + " contains a tab, line break or other control character";
            }
        }
        if (t.equalsIgnoreCase(NA)) {
            return "\"n/a\" is the BIDS mark for a missing value; leave the trial type out for \"" + DEFAULT_TRIAL_TYPE
                    + "\"";
        }
        return null;
    }

    /**
     * Response kernels k(t), each normalised to unit integral; {@link #response} convolves the stimulus with one.
     */
    public sealed interface Kernel {
        /** The stimulus itself (k = δ): the boxcar of each event. */
        record Boxcar() implements Kernel {
        }

        /**
         * First-order (exponential) approach with time constant {@code tauS} seconds, for metabolite responses (e.g.
         * lactate and glutamate, which rise over tens of seconds): k(t) = exp(−t/τ)/τ for t ≥ 0. A block's response
         * rises as 1 − exp(−(t − onset)/τ) and decays as exp(−(t − end)/τ) after it.
         */
        record Exponential(double tauS) implements Kernel {
            public Exponential {
                if (!Double.isFinite(tauS) || tauS <= 0) {
                    throw new IllegalArgumentException("time constant must be a finite number of seconds > 0, got "
                            + tauS);
                }
            }

            /** k(t), 1/s. */
            public double value(double tS) {
                return tS < 0 ? 0 : Math.exp(-tS / tauS) / tauS;
            }

            /** ∫₀ᵗ k, the response to a unit step at 0 (dimensionless). */
            public double integral(double tS) {
                return tS <= 0 ? 0 : -Math.expm1(-tS / tauS);
            }
        }

        /**
         * The canonical double-gamma haemodynamic response (Glover GH. Deconvolution of impulse response in
         * event-related BOLD fMRI. NeuroImage 1999;9:416-429), with the parameters of SPM's {@code spm_hrf}: peak
         * delay 6 s, undershoot delay 16 s, both dispersions 1 s, peak/undershoot ratio 6, for the BOLD linewidth
         * change. h(t) = g(t; 6, 1) − g(t; 16, 1)/6 with g(t; a, b) = t^(a−1)·e^(−t/b)/(Γ(a)·b^a) the gamma density of
         * shape a and scale b; h peaks at about 5 s (the mode of g(t; 6, 1)) and undershoots at about 15 s. Unlike
         * {@code spm_hrf} it is not cut at 32 s, and it is scaled by 1/(1 − 1/6) = 6/5 so that its integral,
         * undershoot included, is 1.
         *
         * <p>Both shapes are whole numbers, so the gamma densities are Erlang densities and their integrals have a
         * closed form: ∫₀ˣ g(t; a, 1) dt = 1 − e^(−x)·Σ_{n<a} xⁿ/n!. Responses are therefore exact to rounding
         * (a few parts in 10¹⁵ of the plateau), with no convolution grid.
         */
        record CanonicalHrf() implements Kernel {
            /** Shape of the peak's gamma density (peak delay 6 s / dispersion 1 s). */
            public static final int PEAK_SHAPE = 6;
            /** Shape of the undershoot's gamma density (undershoot delay 16 s / dispersion 1 s). */
            public static final int UNDERSHOOT_SHAPE = 16;
            /** Dispersion (gamma scale) of both, seconds. */
            public static final double DISPERSION_S = 1;
            /** Peak to undershoot ratio. */
            public static final double RATIO = 6;
            /** 1 / ∫h before normalisation: 1/(1 − 1/RATIO). */
            private static final double NORM = 1 / (1 - 1 / RATIO);

            /** h(t), normalised to unit integral, 1/s. */
            public double value(double tS) {
                if (tS <= 0) {
                    return 0;
                }
                double x = tS / DISPERSION_S;
                return NORM * (erlangDensity(PEAK_SHAPE, x) - erlangDensity(UNDERSHOOT_SHAPE, x) / RATIO)
                        / DISPERSION_S;
            }

            /** ∫₀ᵗ h, the response to a unit step at 0 (dimensionless; overshoots to 1.11 at 10 s, then tends to 1). */
            public double integral(double tS) {
                return between(tS, 0);
            }

            /**
             * S(sinceOn) − S(sinceOff), S = ∫₀ˣ h: the response to a unit boxcar that began {@code sinceOnS} and ended
             * {@code sinceOffS} seconds ago (0 while it lasts).
             */
            static double between(double sinceOnS, double sinceOffS) {
                double x1 = sinceOnS / DISPERSION_S;
                double x2 = sinceOffS / DISPERSION_S;
                // S(x) = 1 − NORM·(Q6(x) − Q16(x)/6), written as a difference of upper tails so that it stays
                // accurate long after the block, where both S are close to 1.
                return NORM * ((erlangUpper(PEAK_SHAPE, x2) - erlangUpper(PEAK_SHAPE, x1))
                        - (erlangUpper(UNDERSHOOT_SHAPE, x2) - erlangUpper(UNDERSHOOT_SHAPE, x1)) / RATIO);
            }
        }
    }

    /** The Erlang (integer-shape gamma, unit scale) density x^(k−1)·e^(−x)/(k−1)!. */
    static double erlangDensity(int k, double x) {
        if (x <= 0) {
            return 0;
        }
        double term = Math.exp(-x);
        for (int n = 1; n < k; n++) {
            term *= x / n;
        }
        return term;
    }

    /** The Erlang upper tail Q(k, x) = e^(−x)·Σ_{n<k} xⁿ/n! = ∫ₓ^∞ of the density; 1 for x ≤ 0. */
    static double erlangUpper(int k, double x) {
        if (x <= 0) {
            return 1;
        }
        double term = Math.exp(-x);
        double sum = term;
        for (int n = 1; n < k; n++) {
            term *= x / n;
            sum += term;
        }
        return sum;
    }

    /**
     * The time course r(t) = (s ∗ k)(t) at each of {@code timesS} (seconds; any order, may be negative): the sum over
     * events of amplitude × boxcar(onset, duration), convolved with the kernel (unit integral). A sustained stimulus
     * of amplitude 1 gives a plateau of 1; r is 0 before the first onset.
     *
     * <ul>
     * <li>{@link Kernel.Boxcar}: r(t) = Σ a_i over the events with onset_i ≤ t &lt; onset_i + duration_i. An impulse
     * has no value at a point, so a design with impulses ({@link #hasImpulses}) has no boxcar response: this throws
     * IllegalArgumentException.</li>
     * <li>{@link Kernel.Exponential}: closed form per event; a boxcar gives a·(1 − e^(−(t−on)/τ)) during it and
     * a·(1 − e^(−d/τ))·e^(−(t−off)/τ) after it, an impulse a·e^(−(t−on)/τ)/τ.</li>
     * <li>{@link Kernel.CanonicalHrf}: closed form per event through the Erlang integrals (see there), a·(S(t − on)
     * − S(t − off)) for a boxcar and a·h(t − on) for an impulse: exact to rounding.</li>
     * </ul>
     * Deterministic; costs one pass over the events for each time.
     */
    public double[] response(double[] timesS, Kernel kernel) {
        Objects.requireNonNull(kernel, "kernel");
        int n = events.size();
        double[] on = new double[n];
        double[] off = new double[n];
        double[] amp = new double[n];
        boolean[] impulse = new boolean[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            on[i] = e.onsetS();
            off[i] = e.endS();
            amp[i] = e.amplitude();
            impulse[i] = e.isImpulse();
        }
        if (kernel instanceof Kernel.Boxcar && hasImpulses()) {
            throw new IllegalArgumentException("the design has impulse events (duration 0), which have no boxcar"
                    + " response (a delta has no value at a point); give them a duration or use an exponential or"
                    + " HRF kernel");
        }
        double[] r = new double[timesS.length];
        for (int j = 0; j < timesS.length; j++) {
            double t = timesS[j];
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("time " + j + " is not finite: " + t);
            }
            double sum = 0;
            // Events are sorted by onset: none from the first that starts after t contributes.
            for (int i = 0; i < n && on[i] <= t; i++) {
                sum += amp[i] * eventResponse(kernel, t, on[i], off[i], impulse[i]);
            }
            r[j] = sum;
        }
        return r;
    }

    /** The response at t ≥ on to one event of unit amplitude. */
    private static double eventResponse(Kernel kernel, double t, double on, double off, boolean impulse) {
        if (kernel instanceof Kernel.Boxcar) {
            return t < off ? 1 : 0;
        }
        if (kernel instanceof Kernel.Exponential x) {
            double tau = x.tauS();
            if (impulse) {
                return x.value(t - on);
            }
            if (t <= off) {
                return -Math.expm1(-(t - on) / tau);
            }
            return -Math.expm1(-(off - on) / tau) * Math.exp(-(t - off) / tau);
        }
        Kernel.CanonicalHrf h = (Kernel.CanonicalHrf) kernel;
        if (impulse) {
            return h.value(t - on);
        }
        return Kernel.CanonicalHrf.between(t - on, Math.max(0, t - off));
    }

    /** Whether any event is an impulse (duration 0). */
    public boolean hasImpulses() {
        return events.stream().anyMatch(Event::isImpulse);
    }

    /** Last event end (onset + duration), seconds. */
    public double endS() {
        double end = 0;
        for (Event e : events) {
            end = Math.max(end, e.endS());
        }
        return end;
    }

    /** The distinct trial types, sorted. */
    public SortedSet<String> trialTypes() {
        TreeSet<String> s = new TreeSet<>();
        events.forEach(e -> s.add(e.trialType()));
        return s;
    }

    /** The events of the given trial types only; IllegalArgumentException if none is left. */
    public StimulusDesign only(Collection<String> trialTypes) {
        Set<String> keep = new HashSet<>(trialTypes);
        List<Event> kept = events.stream().filter(e -> keep.contains(e.trialType())).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no event has a trial type in " + keep + "; the design has "
                    + trialTypes());
        }
        return new StimulusDesign(kept, source);
    }

    /**
     * The design as a BIDS events table: the header {@value #TSV_HEADER}, one row per event sorted by onset, tabs
     * between cells, "\n" after each row, numbers as plain decimals (no exponent) that read back to the same double
     * ({@link #parseTsv} of this text gives an equal design, with the same source).
     */
    public String toTsv() {
        StringBuilder sb = new StringBuilder(TSV_HEADER).append('\n');
        for (Event e : events) {
            sb.append(plain(e.onsetS())).append('\t').append(plain(e.durationS())).append('\t')
                    .append(e.trialType()).append('\t').append(plain(e.amplitude())).append('\n');
        }
        return sb.toString();
    }

    /** A double as a plain decimal that reads back to it: Double.toString's digits, without exponent or ".0". */
    static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * Reads the {@code design} block of a scenario. Exactly one of:
     * <pre>
     *   block: {first_onset_s: 30, on_s: 30, off_s: 30, blocks: 4, amplitude: 1, trial_type: visual}
     *   events: [{onset_s: 10, duration_s: 2, amplitude: 1, trial_type: flash}, ...]
     *   events_tsv: path/to/task-x_events.tsv
     * </pre>
     * and optionally {@code trial_types: [a, b]} to keep only the events of those trial types (each must occur in
     * the design). In {@code block}, {@code amplitude} (default 1) and {@code trial_type} (default
     * {@value #DEFAULT_TRIAL_TYPE}) are optional, the rest required; {@code on_s} must be &gt; 0, {@code off_s} may be
     * 0. In {@code events}, {@code onset_s} and {@code duration_s} are required. {@code events_tsv} is a BIDS events
     * file ({@link #parseTsv}), relative to {@code baseDir}, read through {@link InputFiles} (regular file, at most
     * 16 MB, UTF-8). Onsets and durations must be ≥ 0 (BIDS allows negative onsets, before the first volume; a
     * simulation starts at 0).
     *
     * @param design  the block
     * @param baseDir folder relative paths are resolved against (null: as given)
     * @throws InputException for any problem, with its file, line and field
     */
    public static StimulusDesign read(YamlMap design, Path baseDir) {
        List<String> kinds = List.of("block", "events", "events_tsv");
        design.allowOnly("block", "events", "events_tsv", "trial_types");
        List<String> given = kinds.stream().filter(k -> design.keys().contains(k)).toList();
        if (given.isEmpty()) {
            throw design.error("no stimulus: give one of block, events or events_tsv");
        }
        if (given.size() > 1) {
            String second = given.get(1);
            throw new InputException(design.keyLocation(second), design.childPath(second), "give one of block,"
                    + " events or events_tsv, not both '" + given.get(0) + "' and '" + second + "'");
        }
        String kind = given.get(0);
        if (!design.has(kind)) {
            throw new InputException(design.keyLocation(kind), design.childPath(kind), "has no value; expected "
                    + (kind.equals("events_tsv") ? "the path of a BIDS events file" : kind.equals("block")
                    ? "a map with first_onset_s, on_s, off_s, blocks" : "a list of events"));
        }
        String where = design.keyLocation(kind) + " " + design.childPath(kind);
        StimulusDesign d = switch (kind) {
            case "block" -> block(design.map("block"), where);
            case "events" -> events(design.list("events"), where);
            default -> tsvFile(design.require("events_tsv"), baseDir);
        };
        if (design.has("trial_types")) {
            YamlList keep = design.list("trial_types");
            if (keep.size() == 0) {
                throw keep.error("no trial types: list the ones to keep, or leave trial_types out to keep all");
            }
            SortedSet<String> present = d.trialTypes();
            List<String> names = new ArrayList<>();
            for (YamlNode n : keep.items()) {
                String t = n.asString();
                if (!present.contains(t)) {
                    throw n.error("trial type " + InputFiles.quote(t) + " is not in the design; it has: "
                            + String.join(", ", present));
                }
                names.add(t);
            }
            d = d.only(names);
        }
        return d;
    }

    private static StimulusDesign block(YamlMap b, String where) {
        b.allowOnly("first_onset_s", "on_s", "off_s", "blocks", "amplitude", "trial_type");
        double first = seconds(b, "first_onset_s", "the onset of the first block");
        double on = seconds(b, "on_s", "the length of each block");
        if (on == 0) {
            throw b.require("on_s").error("expected a block length > 0 s, got 0 (for impulses, use events with"
                    + " duration_s: 0)");
        }
        double off = seconds(b, "off_s", "the rest between blocks");
        int blocks = b.integer("blocks", 1, MAX_BLOCKS);
        double amplitude = b.has("amplitude") ? b.require("amplitude").asDouble() : 1;
        String type = trialType(b);
        List<Event> events = new ArrayList<>(blocks);
        for (int k = 0; k < blocks; k++) {
            double onset = first + k * (on + off);
            if (!Double.isFinite(onset + on)) {
                throw b.require("blocks").error("the blocks end beyond any finite time");
            }
            events.add(new Event(onset, on, amplitude, type));
        }
        return new StimulusDesign(events, where);
    }

    private static StimulusDesign events(YamlList list, String where) {
        if (list.size() == 0) {
            throw list.error("no events: list at least one {onset_s, duration_s}");
        }
        List<Event> events = new ArrayList<>(list.size());
        for (YamlNode item : list.items()) {
            YamlMap m = item.asMap();
            m.allowOnly("onset_s", "duration_s", "amplitude", "trial_type");
            double onset = seconds(m, "onset_s", "an onset");
            double duration = seconds(m, "duration_s", "a duration (0 for an impulse)");
            double amplitude = m.has("amplitude") ? m.require("amplitude").asDouble() : 1;
            if (!Double.isFinite(onset + duration)) {
                throw m.require("duration_s").error("onset + duration is beyond any finite time");
            }
            events.add(new Event(onset, duration, amplitude, trialType(m)));
        }
        return new StimulusDesign(events, where);
    }

    /** A required time in seconds, finite and ≥ 0. */
    private static double seconds(YamlMap m, String key, String what) {
        YamlNode n = m.require(key);
        double v = n.asDouble();
        if (v < 0) {
            throw n.error("expected " + what + " ≥ 0 s, got " + n.asScalar().text());
        }
        return v;
    }

    private static String trialType(YamlMap m) {
        if (!m.has("trial_type")) {
            return DEFAULT_TRIAL_TYPE;
        }
        YamlNode n = m.require("trial_type");
        String t = n.asString();
        String problem = trialTypeProblem(t);
        if (problem != null) {
            throw n.error("trial type " + problem);
        }
        return t;
    }

    private static StimulusDesign tsvFile(YamlNode n, Path baseDir) {
        Path p = Path.of(n.asString());
        Path file = p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
        if (!Files.exists(file)) {
            throw n.error("events file not found: " + file);
        }
        // InputFiles checks that it is a regular file of at most 16 MB and decodes it as UTF-8.
        return parseTsv(file.toString(), InputFiles.text(file, InputFiles.Kind.TSV));
    }

    /**
     * A BIDS events table (BIDS specification, "Task events"): tab-separated, a header row naming the columns, one
     * event per row. Required columns {@code onset} and {@code duration} (seconds, ≥ 0; duration 0 is an impulse);
     * optional {@code trial_type} (default {@value #DEFAULT_TRIAL_TYPE}) and {@code amplitude} or
     * {@code modulation} (not both; default 1). {@code n/a} (BIDS's missing value) or an empty cell in an optional
     * column takes its default; in onset or duration it is an error, since such an event cannot be simulated. Other
     * columns ({@code response_time}, {@code stim_file}, ...) are ignored. Cells are stripped of surrounding spaces;
     * blank lines are skipped; lines may end in CRLF; a leading byte-order mark is ignored.
     *
     * @param source name of the file, for messages and {@link #source}
     * @throws InputException naming the file, line and column of the first problem (a row with more or fewer cells
     *                        than the header, a cell that is not a decimal number, a negative time, a missing column)
     */
    public static StimulusDesign parseTsv(String source, String text) {
        String[] lines = InputFiles.stripBom(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        int h = 0;
        while (h < lines.length && lines[h].isBlank()) {
            h++;
        }
        if (h == lines.length) {
            throw InputException.of(source, "the file is empty: expected a BIDS events table, a tab-separated"
                    + " header row (onset, duration, ...) and one row per event");
        }
        int headerLine = h + 1;
        String[] header = cells(lines[h]);
        int onsetCol = -1;
        int durationCol = -1;
        int typeCol = -1;
        int ampCol = -1;
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c];
            Location at = new Location(source, headerLine, column(lines[h], c));
            if (name.isEmpty()) {
                throw new InputException(at, null, "column " + (c + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new InputException(at, name, "column " + InputFiles.quote(name) + " appears twice in the"
                        + " header");
            }
            switch (name) {
                case "onset" -> onsetCol = c;
                case "duration" -> durationCol = c;
                case "trial_type" -> typeCol = c;
                case "amplitude", "modulation" -> {
                    if (ampCol >= 0) {
                        throw new InputException(at, name, "give the event heights in one column, 'amplitude' or"
                                + " 'modulation', not both");
                    }
                    ampCol = c;
                }
                default -> {
                    // another BIDS column (response_time, stim_file, ...): not needed to simulate
                }
            }
        }
        if (onsetCol < 0 || durationCol < 0) {
            String missing = onsetCol < 0 && durationCol < 0 ? "'onset' and 'duration' columns"
                    : onsetCol < 0 ? "'onset' column" : "'duration' column";
            String hint = header.length == 1 && (lines[h].contains(",") || lines[h].contains(" "))
                    ? " (columns must be separated by tabs)" : "";
            throw new InputException(new Location(source, headerLine, 1), null, "no " + missing + ": a BIDS events"
                    + " file's header names at least onset and duration (seconds)" + hint + "; this header is "
                    + InputFiles.quote(lines[h]));
        }
        List<Event> events = new ArrayList<>();
        for (int i = h + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String[] row = cells(line);
            if (row.length != header.length) {
                throw new InputException(new Location(source, lineNo, 1), null, "this row has " + row.length
                        + (row.length == 1 ? " cell" : " cells") + ", the header has " + header.length
                        + " (cells are separated by tabs): " + InputFiles.quote(line));
            }
            double onset = time(source, lineNo, line, onsetCol, header, row, "an onset");
            double duration = time(source, lineNo, line, durationCol, header, row, "a duration (0 for an impulse)");
            if (!Double.isFinite(onset + duration)) {
                throw cellError(source, lineNo, line, durationCol, header, "onset + duration is beyond any finite"
                        + " time");
            }
            double amplitude = 1;
            if (ampCol >= 0 && !missing(row[ampCol])) {
                amplitude = number(source, lineNo, line, ampCol, header, row);
            }
            String type = DEFAULT_TRIAL_TYPE;
            if (typeCol >= 0 && !missing(row[typeCol])) {
                type = row[typeCol];
                String problem = trialTypeProblem(type);
                if (problem != null) {
                    throw cellError(source, lineNo, line, typeCol, header, "trial type " + problem);
                }
            }
            events.add(new Event(onset, duration, amplitude, type));
        }
        if (events.isEmpty()) {
            throw new InputException(new Location(source, headerLine, 1), null, "no events: the file has a header"
                    + " but no rows");
        }
        return new StimulusDesign(events, source);
    }

    private static String[] cells(String line) {
        String[] c = line.split("\t", -1);
        for (int k = 0; k < c.length; k++) {
            c[k] = c[k].strip();
        }
        return c;
    }

    /** 1-based character column where cell {@code c} of {@code line} starts. */
    private static int column(String line, int c) {
        int pos = 0;
        for (int k = 0; k < c; k++) {
            pos = line.indexOf('\t', pos) + 1;
        }
        return pos + 1;
    }

    private static boolean missing(String cell) {
        return cell.isEmpty() || cell.equals(NA);
    }

    private static InputException cellError(String source, int lineNo, String line, int col, String[] header,
            String problem) {
        return new InputException(new Location(source, lineNo, column(line, col)), header[col], problem);
    }

    private static double time(String source, int lineNo, String line, int col, String[] header, String[] row,
            String what) {
        if (missing(row[col])) {
            throw cellError(source, lineNo, line, col, header, "expected " + what + " in seconds, got "
                    + (row[col].isEmpty() ? "an empty cell" : "n/a") + ": an event without it cannot be simulated");
        }
        double v = number(source, lineNo, line, col, header, row);
        if (v < 0) {
            throw cellError(source, lineNo, line, col, header, "expected " + what + " ≥ 0 s, got " + row[col]);
        }
        return v;
    }

    private static double number(String source, int lineNo, String line, int col, String[] header, String[] row) {
        String cell = row[col];
        if (!DECIMAL.matcher(cell).matches()) {
            throw cellError(source, lineNo, line, col, header, "expected a number in decimal notation (such as 12.5"
                    + " or 1.5e-3), got " + InputFiles.quote(cell));
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw cellError(source, lineNo, line, col, header, "expected a finite number, got "
                    + InputFiles.quote(cell) + " (out of range)");
        }
        return v;
    }
}
