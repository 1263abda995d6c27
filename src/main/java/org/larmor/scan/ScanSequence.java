package org.larmor.scan;

import org.larmor.input.InputException;
import org.larmor.input.YamlReader;
import org.larmor.sequence.Event;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Nucleus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scan's sequence: the nearest preset ({@link PresetCatalog}) with every value the header states put in its
 * place, written as a sequence YAML whose {@code value_sources} says, for every value, where it came from: "read
 * from FILE (header key)", "from preset NAME.yaml", or "stated on the command line".
 *
 * <p><b>Refused, never guessed.</b> The sequence family, the echo time, the field and the nucleus must be stated,
 * by the header or the user (--set, --preset): a preset's value there would silently give another experiment. So
 * must the values a preset holds only for its own echo time (a semi-LASER's explicit inter-pulse spacing, editing
 * pulse times placed by no rule that can be recomputed) and, for MEGA, the editing frequencies (they choose the
 * edited metabolite). Every missing one is listed in one error, each with the option that states it. What the
 * header does not state and the preset legitimately supplies (pulse shapes, voxel, TE1 when only TE is known,
 * TM, receiver reference) is written with "from preset".
 */
public final class ScanSequence {
    private ScanSequence() {
    }

    /**
     * @param yaml     the sequence file's text
     * @param sequence the sequence it reads as
     * @param preset   the preset it started from
     * @param sources  value path → where it came from, in file order
     * @param notes    what the header said that the sequence does not hold (TR, names), and header notes
     */
    public record Result(String yaml, Sequence sequence, Preset preset, Map<String, String> sources,
                         List<String> notes) {
    }

    /** A value stated by --set, with its source text. */
    private record Given(Object value, String source) {
    }

    /** Keys that --set accepts as short names, and the path they stand for. */
    private static final Map<String, String> ALIASES = Map.of("family", "template", "points", "acquisition.points",
            "spectral_width_hz", "acquisition.spectral_width_hz", "reference_ppm", "acquisition.reference_ppm",
            "on_ppm", "editing.on_ppm", "off_ppm", "editing.off_ppm");

    /**
     * @param header     what the scan's header states
     * @param catalog    the presets
     * @param presetName --preset (a preset name or file), or null to take the nearest
     * @param sets       --set key=value, in order (keys as in a sequence file, dotted for nested ones; ms in _ms
     *                   keys); the value "default" removes the key, leaving the template's default
     * @param source     the name the sequence is read under (its output file, or a name beside the scan)
     */
    public static Result make(ScanHeader header, PresetCatalog catalog, String presetName, Map<String, String> sets,
                              String source) {
        String file = header.file().getFileName().toString();
        Map<String, Given> given = new LinkedHashMap<>();
        sets.forEach((k, v) -> {
            String key = ALIASES.getOrDefault(k.trim(), k.trim());
            if (key.isEmpty() || !key.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
                throw InputException.of("--set " + k + "=" + v, "expected KEY=VALUE with KEY a sequence-file key"
                        + " (dotted for nested keys, e.g. te_ms=35 or acquisition.points=2048)");
            }
            Object value = v.trim().equals("default") ? null : YamlReader.read("--set " + k, "v: " + v).asMap()
                    .toPlain().get("v");
            given.put(key, new Given(value, "stated on the command line (--set " + k + "=" + v + ")"));
        });
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // The nucleus: it turns the spectrometer frequency into a field, and selects the presets.
        Nucleus nucleus = null;
        String nucleusSrc = null;
        if (given.containsKey("nucleus")) {
            nucleus = nucleus(String.valueOf(given.get("nucleus").value()), "--set nucleus");
            nucleusSrc = given.get("nucleus").source();
        } else if (header.has(HeaderField.NUCLEUS)) {
            nucleus = nucleus(header.text(HeaderField.NUCLEUS), header.file() + " (" + header.values()
                    .get(HeaderField.NUCLEUS).headerKey() + ")");
            nucleusSrc = header.source(HeaderField.NUCLEUS);
        } else {
            missing.add("nucleus: the header does not state it (state it: --set nucleus=1H)");
        }

        // The sequence family.
        SequenceFamily family = null;
        String familySrc = null;
        Preset chosen = presetName == null ? null : catalog.named(presetName);
        if (given.containsKey("template")) {
            String t = String.valueOf(given.get("template").value());
            family = SequenceFamily.ofTemplate(t).or(() -> SequenceFamily.ofName(t)).orElseThrow(() ->
                    InputException.of("--set template=" + t, "expected one of " + SequenceFamily.templates()));
            familySrc = given.get("template").source();
            var named = header.has(HeaderField.SEQUENCE_NAME) ? SequenceFamily.ofName(header.text(
                    HeaderField.SEQUENCE_NAME)) : java.util.Optional.<SequenceFamily>empty();
            if (named.isPresent() && named.get() != family) {
                familySrc += ", overriding the header's " + named.get().label() + " (" + header.source(
                        HeaderField.SEQUENCE_NAME) + ")";
            }
        } else {
            for (HeaderField f : new HeaderField[] {HeaderField.SEQUENCE_NAME, HeaderField.PROTOCOL_NAME}) {
                if (family == null && header.has(f)) {
                    var m = SequenceFamily.ofName(header.text(f));
                    if (m.isPresent()) {
                        family = m.get();
                        familySrc = header.source(f) + ": \"" + header.text(f) + "\" is " + family.label();
                    }
                }
            }
            if (family == null && chosen != null) {
                family = chosen.family();
                familySrc = "stated on the command line (--preset " + presetName + ")";
            }
            if (family == null) {
                String named = header.has(HeaderField.SEQUENCE_NAME) ? "its sequence name \""
                        + header.text(HeaderField.SEQUENCE_NAME) + "\"" + (header.has(HeaderField.PROTOCOL_NAME)
                        ? " and protocol name \"" + header.text(HeaderField.PROTOCOL_NAME) + "\" name" : " names")
                        + " no family Larmor recognises" : "the header names no sequence";
                missing.add("sequence family: " + named + " (state it: --set template=NAME, one of "
                        + String.join(", ", SequenceFamily.templates()) + ", or --preset NAME)");
            }
        }
        boolean editedFamily = family != null && family.template().matches("mega_.*|hermes|hercules");
        if (family != null && !editedFamily && header.has(HeaderField.EDIT_CONDITIONS)
                && header.number(HeaderField.EDIT_CONDITIONS) > 1) {
            throw InputException.of(header.file().toString(), "the data hold " + (int) header.number(
                    HeaderField.EDIT_CONDITIONS) + " editing conditions (" + header.source(HeaderField.EDIT_CONDITIONS)
                    + "), but the sequence is " + family.label() + " (" + familySrc + "), which edits nothing: state"
                    + " the edited family with --set template=… or --preset");
        }
        if (family == SequenceFamily.JPRESS) {
            throw InputException.of(header.file().toString(), "a J-PRESS (" + familySrc + ") is a series of echo"
                    + " times that a header does not list: write its sequence file with a series (as"
                    + " sequences/jpress-te31-3t.yaml) and use --sequence");
        }

        // The echo time, in ms as written (decimal), and TE1/TE2 where stated.
        BigDecimal te = null;
        String teSrc = null;
        if (given.containsKey("te_ms")) {
            te = decimal(given.get("te_ms").value(), "--set te_ms");
            teSrc = given.get("te_ms").source() + (header.has(HeaderField.TE_S) && ms(header.number(
                    HeaderField.TE_S)).compareTo(te) != 0 ? ", overriding the header's " + ms(header.number(
                    HeaderField.TE_S)).toPlainString() + " ms (" + header.source(HeaderField.TE_S) + ")" : "");
        } else if (header.has(HeaderField.TE_S)) {
            te = ms(header.number(HeaderField.TE_S));
            teSrc = header.source(HeaderField.TE_S);
        } else if (given.containsKey("te1_ms") && given.containsKey("te2_ms")) {
            te = decimal(given.get("te1_ms").value(), "--set te1_ms").add(decimal(given.get("te2_ms").value(),
                    "--set te2_ms"));
            teSrc = "te1_ms + te2_ms, stated on the command line";
        } else {
            missing.add("echo time: the header states no TE" + (header.notes().isEmpty() ? "" : " ("
                    + String.join("; ", header.notes()) + ")") + " (state it: --set te_ms=MS)");
        }

        // The field: the spectrometer frequency over the nucleus' gyromagnetic ratio, else a stated field.
        BigDecimal b0 = null;
        String b0Src = null;
        if (given.containsKey("b0_t")) {
            b0 = decimal(given.get("b0_t").value(), "--set b0_t");
            b0Src = given.get("b0_t").source();
        } else if (header.has(HeaderField.SPECTROMETER_HZ) && nucleus != null) {
            double f = header.number(HeaderField.SPECTROMETER_HZ);
            b0 = new BigDecimal(f / Math.abs(nucleus.gammaHzPerT())).round(new MathContext(7)).stripTrailingZeros();
            b0Src = header.source(HeaderField.SPECTROMETER_HZ) + " ÷ γ/2π of " + nucleus.symbol() + " ("
                    + BigDecimal.valueOf(Math.abs(nucleus.gammaHzPerT()) * 1e-6).stripTrailingZeros().toPlainString()
                    + " MHz/T)";
            if (header.has(HeaderField.B0_T) && Math.abs(header.number(HeaderField.B0_T) - b0.doubleValue())
                    > 0.02 * b0.doubleValue()) {
                throw InputException.of(header.file().toString(), "the header's spectrometer frequency ("
                        + header.source(HeaderField.SPECTROMETER_HZ) + ") is " + b0.toPlainString() + " T for "
                        + nucleus.symbol() + ", but it states a field of " + header.number(HeaderField.B0_T) + " T ("
                        + header.source(HeaderField.B0_T) + "): is the nucleus right? State it with --set nucleus=…"
                        + " or the field with --set b0_t=…");
            }
        } else if (header.has(HeaderField.B0_T)) {
            b0 = new BigDecimal(header.number(HeaderField.B0_T)).round(new MathContext(7)).stripTrailingZeros();
            b0Src = header.source(HeaderField.B0_T);
        } else {
            missing.add("field: the header states " + (header.has(HeaderField.SPECTROMETER_HZ) ? "the spectrometer"
                    + " frequency but no nucleus to divide it by" : "neither the spectrometer frequency nor the"
                    + " field") + " (state it: --set b0_t=T)");
        }
        if (!missing.isEmpty()) {
            throw refusal(header, missing);
        }

        // The manufacturer (optional: it chooses among the presets).
        String manufacturer = null;
        String manufacturerSrc = null;
        if (given.containsKey("manufacturer")) {
            manufacturer = String.valueOf(given.get("manufacturer").value());
            manufacturerSrc = given.get("manufacturer").source();
        } else if (header.has(HeaderField.MANUFACTURER)) {
            manufacturer = header.text(HeaderField.MANUFACTURER);
            manufacturerSrc = header.source(HeaderField.MANUFACTURER);
        }
        Vendor vendor = Vendor.of(manufacturer).orElse(null);

        double teS = te.doubleValue() * 1e-3;
        Preset preset;
        if (chosen != null) {
            preset = chosen;
            if (preset.family() != family) {
                throw InputException.of("--preset " + presetName, "preset " + preset.describe() + " is "
                        + preset.family().label() + ", but the sequence is " + family.label() + " (" + familySrc + ")");
            }
        } else {
            final SequenceFamily fam = family;
            final Nucleus nuc = nucleus;
            preset = catalog.nearest(family, nucleus.symbol(), vendor, teS, b0.doubleValue()).orElseThrow(() ->
                    InputException.of(header.file().toString(), "no preset in " + catalog.dir() + " is a "
                            + fam.label() + " on " + nuc.symbol() + ": give one with --preset FILE"));
            if (vendor != null && preset.vendor() == null) {
                notes.add("no " + vendor.label() + " preset for " + family.label() + ": started from the"
                        + " vendor-neutral " + preset.name());
            }
        }
        if (!preset.nucleus().equals(nucleus.symbol())) {
            throw InputException.of("--preset " + presetName, "preset " + preset.name() + " observes "
                    + preset.nucleus() + ", but the scan observes " + nucleus.symbol() + " (" + nucleusSrc + ")");
        }
        String fromPreset = "from preset " + preset.name() + ".yaml";

        Map<String, Object> doc = copy(preset.document(), preset.file().toAbsolutePath().getParent());
        for (String k : List.of("name", "description", "source", "notes", "value_sources", "manufacturer")) {
            doc.remove(k);
        }
        Map<String, String> src = new LinkedHashMap<>();
        put(doc, src, "template", family.template(), familySrc);
        put(doc, src, "b0_t", b0, b0Src);
        put(doc, src, "nucleus", nucleus.symbol(), nucleusSrc);

        // Timing, template by template.
        String template = family.template();
        boolean pressBase = Set.of("press", "mega_press", "hermes", "hercules").contains(template);
        BigDecimal presetTe = ms(preset.teS());
        BigDecimal presetTe1 = doc.containsKey("te1_ms") ? decimal(doc.get("te1_ms"), preset.name()) : null;
        BigDecimal te1 = null;
        if (pressBase) {
            BigDecimal headerTe1 = header.has(HeaderField.TE1_S) ? ms(header.number(HeaderField.TE1_S)) : null;
            String te1Src;
            if (given.containsKey("te1_ms")) {
                te1 = decimal(given.get("te1_ms").value(), "--set te1_ms");
                te1Src = given.get("te1_ms").source();
            } else if (headerTe1 != null) {
                te1 = headerTe1;
                te1Src = header.source(HeaderField.TE1_S);
            } else if (presetTe1 != null) {
                te1 = presetTe1;
                te1Src = fromPreset + " (its TE1; the header states only TE)";
            } else {
                throw refusal(header, List.of("te1_ms: neither the header nor preset " + preset.name() + " states"
                        + " TE1 (state it: --set te1_ms=MS)"));
            }
            BigDecimal te2 = te.subtract(te1);
            if (te2.signum() <= 0) {
                throw InputException.of(header.file().toString(), "TE " + te.toPlainString() + " ms (" + teSrc
                        + ") is not longer than TE1 " + te1.toPlainString() + " ms (" + te1Src + "): state TE1 with"
                        + " --set te1_ms=MS");
            }
            put(doc, src, "te_ms", te, teSrc);
            put(doc, src, "te1_ms", te1, te1Src);
            put(doc, src, "te2_ms", te2, "te_ms − te1_ms: TE " + teSrc + ", minus TE1");
        } else {
            put(doc, src, "te_ms", te, teSrc);
        }
        boolean teChanged = te.compareTo(presetTe) != 0 || presetTe1 != null && te1 != null
                && te1.compareTo(presetTe1) != 0;
        if (template.equals("steam")) {
            if (given.containsKey("tm_ms")) {
                put(doc, src, "tm_ms", given.get("tm_ms").value(), given.get("tm_ms").source());
            } else if (header.has(HeaderField.TM_S)) {
                put(doc, src, "tm_ms", ms(header.number(HeaderField.TM_S)), header.source(HeaderField.TM_S));
            } else {
                src.put("tm_ms", fromPreset + " (the header states no mixing time)");
            }
        }
        if (template.equals("semi_laser") || template.equals("mega_slaser")) {
            if (!given.containsKey("spacing_ms") && doc.containsKey("spacing_ms") && teChanged) {
                missing.add("spacing_ms: preset " + preset.name() + " spaces its pulses " + doc.get("spacing_ms")
                        + " ms for its TE " + presetTe.toPlainString() + " ms, not the scan's " + te.toPlainString()
                        + " ms (state the five centre-to-centre intervals: --set spacing_ms=[a,b,c,d,e], or --set"
                        + " spacing_ms=default for the template's TE/8, TE/4, TE/4, TE/4, TE/8)");
            } else if (!doc.containsKey("spacing_ms") && !given.containsKey("spacing_ms")) {
                notes.add("pulse spacing: the template's default TE/8, TE/4, TE/4, TE/4, TE/8, as in preset "
                        + preset.name());
            }
        }

        // Editing.
        boolean edited = template.startsWith("mega_") || template.equals("hermes") || template.equals("hercules");
        @SuppressWarnings("unchecked")
        Map<String, Object> editing = doc.get("editing") instanceof Map<?, ?> e ? (Map<String, Object>) e : null;
        if (edited && editing != null) {
            if (editing.containsKey("times_ms") && teChanged && !given.containsKey("editing.times_ms")) {
                List<?> t = (List<?>) editing.get("times_ms");
                BigDecimal[] rule = presetTe1 == null ? null : mrsCloudTimes(presetTe, presetTe1);
                if (rule != null && t.size() == 2 && close(decimal(t.get(0), preset.name()), rule[0])
                        && close(decimal(t.get(1), preset.name()), rule[1])) {
                    BigDecimal[] now = mrsCloudTimes(te, te1);
                    editing.put("times_ms", List.of(now[0], now[1]));
                    src.put("editing.times_ms", "preset " + preset.name() + "'s placement rule (TE/4 + TE1/4,"
                            + " 3·TE/4 + TE1/4; MRSCloud, Hui et al. 2022) at the scan's TE and TE1");
                } else {
                    missing.add("editing.times_ms: preset " + preset.name() + " places its editing pulses at " + t
                            + " ms for TE " + presetTe.toPlainString() + " ms, by no rule Larmor can recompute for"
                            + " TE " + te.toPlainString() + " ms (state them: --set editing.times_ms=[t1,t2], or"
                            + " --set editing.times_ms=default for TE/2 apart around the echo)");
                }
            }
            if (template.startsWith("mega_") && !editing.containsKey("conditions")) {
                for (String side : List.of("on", "off")) {
                    String key = "editing." + side + "_ppm";
                    if (given.containsKey(key)) {
                        continue;
                    }
                    List<Double> bands = editBands(header, side.toUpperCase(Locale.ROOT));
                    if (bands != null && bands.size() == 1) {
                        editing.put(side + "_ppm", bands.get(0));
                        src.put(key, header.source(HeaderField.EDIT_PULSES) + " " + side.toUpperCase(Locale.ROOT)
                                + " PulseOffset");
                    } else {
                        missing.add(key + ": the header states no " + side.toUpperCase(Locale.ROOT) + " editing"
                                + " frequency" + (header.has(HeaderField.EDIT_PULSES) ? " (its EditPulse names "
                                + ((Map<?, ?>) header.values().get(HeaderField.EDIT_PULSES).value()).keySet()
                                + ", not ON and OFF with one band each)" : "") + "; the preset's would choose the"
                                + " edited metabolite for you (state it: --set " + key + "=PPM)");
                    }
                }
            }
            if (header.has(HeaderField.EDIT_DURATION_S) && editing.containsKey("duration_ms")
                    && !given.containsKey("editing.duration_ms")) {
                editing.put("duration_ms", ms(header.number(HeaderField.EDIT_DURATION_S)));
                src.put("editing.duration_ms", header.source(HeaderField.EDIT_DURATION_S));
            }
        }

        // Acquisition.
        @SuppressWarnings("unchecked")
        Map<String, Object> acq = (Map<String, Object>) doc.computeIfAbsent("acquisition", k -> new LinkedHashMap<>());
        if (header.has(HeaderField.POINTS)) {
            acq.put("points", header.values().get(HeaderField.POINTS).value());
            src.put("acquisition.points", header.source(HeaderField.POINTS));
        } else {
            src.put("acquisition.points", fromPreset + " (the header states no points)");
        }
        if (header.has(HeaderField.DWELL_S)) {
            acq.put("spectral_width_hz", new BigDecimal(1 / header.number(HeaderField.DWELL_S))
                    .round(new MathContext(12)).stripTrailingZeros());
            src.put("acquisition.spectral_width_hz", "1 / dwell time, " + header.source(HeaderField.DWELL_S));
        } else {
            src.put("acquisition.spectral_width_hz", fromPreset + " (the header states no dwell time)");
        }
        if (manufacturer != null) {
            src.put("manufacturer", manufacturerSrc);
        }

        // What the user stated overrides everything.
        for (Map.Entry<String, Given> g : given.entrySet()) {
            String key = g.getKey();
            if (Set.of("template", "nucleus", "b0_t", "te_ms", "te1_ms", "te2_ms", "tm_ms", "manufacturer")
                    .contains(key)) {
                continue; // already placed, with their consequences (TE2, the field)
            }
            String top = key.split("\\.")[0];
            Set<String> allowed = SequenceReader.keysOf(template);
            if (!allowed.contains(top)) {
                throw InputException.of("--set " + key, "not a key of a " + template + " sequence file; its keys: "
                        + String.join(", ", allowed));
            }
            setPath(doc, key, g.getValue().value());
            if (g.getValue().value() == null) {
                src.remove(key);
                notes.add(key + ": the template's default, " + g.getValue().source());
            } else {
                src.put(key, g.getValue().source());
            }
        }
        if (!missing.isEmpty()) {
            throw refusal(header, missing);
        }

        // Header facts a sequence file does not hold.
        if (header.has(HeaderField.TR_S)) {
            notes.add("TR " + ms(header.number(HeaderField.TR_S)).toPlainString() + " ms, "
                    + header.source(HeaderField.TR_S) + " (a basis set does not depend on it)");
        }
        for (HeaderField f : new HeaderField[] {HeaderField.SEQUENCE_NAME, HeaderField.PROTOCOL_NAME}) {
            if (header.has(f)) {
                notes.add(f.label() + " \"" + header.text(f) + "\", " + header.source(f));
            }
        }
        notes.addAll(header.notes());

        // Every other value is the preset's.
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub && (e.getKey().equals("acquisition")
                    || e.getKey().equals("editing"))) {
                for (Object k : sub.keySet()) {
                    src.putIfAbsent(e.getKey() + "." + k, fromPreset);
                }
            } else {
                src.putIfAbsent(e.getKey(), fromPreset);
            }
        }

        String name = given.containsKey("name") ? String.valueOf(given.get("name").value()) : stem(file);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("description", family.label() + " TE " + te.toPlainString() + " ms, " + b0.toPlainString() + " T, "
                + nucleus.symbol() + ": the sequence of " + file + " (" + header.format() + "), from preset "
                + preset.name());
        out.put("source", "Made by larmor --from-scan from " + file + " (" + header.format() + "). Values the header"
                + " states are read from it; the others are preset " + preset.name() + "'s (" + preset.describe()
                + "; its sources: " + preset.file().getFileName() + ") or stated on the command line: value_sources"
                + " says which, value by value.");
        if (!notes.isEmpty()) {
            out.put("notes", String.join("; ", notes));
        }
        if (manufacturer != null) {
            out.put("manufacturer", manufacturer);
        }
        for (String k : List.of("template", "b0_t", "nucleus", "te_ms", "te1_ms", "te2_ms", "tm_ms", "spacing_ms")) {
            if (doc.containsKey(k)) {
                out.put(k, doc.remove(k));
            }
        }
        out.putAll(doc);
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String k : out.keySet()) {
            if (out.get(k) instanceof Map<?, ?> sub && (k.equals("acquisition") || k.equals("editing"))) {
                for (Object sk : sub.keySet()) {
                    String p = k + "." + sk;
                    if (src.containsKey(p)) {
                        ordered.put(p, src.get(p));
                    }
                }
            } else if (src.containsKey(k)) {
                ordered.put(k, src.get(k));
            }
        }
        src.forEach(ordered::putIfAbsent);
        ordered.keySet().removeIf(k -> !exists(out, k));
        out.put("value_sources", ordered);
        String yaml = "# The sequence of " + file + ", made by larmor --from-scan: value_sources says where each value"
                + " came from.\n" + YamlText.write(out);
        Sequence seq;
        try {
            seq = SequenceReader.parse(source, yaml);
        } catch (InputException e) {
            throw InputException.of(header.file().toString(), "the sequence made from this header with preset "
                    + preset.name() + " is refused: " + e.getMessage());
        }
        checkEditing(header, seq);
        if (header.has(HeaderField.EDIT_CONDITIONS) && header.number(HeaderField.EDIT_CONDITIONS) > 1
                && seq.conditions().size() != (int) header.number(HeaderField.EDIT_CONDITIONS)) {
            throw InputException.of(header.file().toString(), "the data hold " + (int) header.number(
                    HeaderField.EDIT_CONDITIONS) + " editing conditions (" + header.source(HeaderField.EDIT_CONDITIONS)
                    + "), but the " + seq.label() + " sequence has " + seq.conditions().size() + " " + seq.conditions());
        }
        return new Result(yaml, seq, preset, ordered, notes);
    }

    /** An error listing every value the sequence needs that neither the header nor the user states. */
    private static InputException refusal(ScanHeader h, List<String> missing) {
        return InputException.of(h.file().toString(), "will not guess: " + missing.size() + " value"
                + (missing.size() == 1 ? "" : "s") + " the sequence needs " + (missing.size() == 1 ? "is" : "are")
                + " not stated by this " + h.format() + " header: " + String.join("; ", missing));
    }

    /**
     * The header's EditPulse, if it states one, must be what the sequence plays: the same band centres per
     * condition (HERMES' and HERCULES' conditions come from their template, so a header that says otherwise is a
     * different experiment, refused).
     */
    private static void checkEditing(ScanHeader h, Sequence seq) {
        if (!h.has(HeaderField.EDIT_PULSES) || seq.conditions().size() < 2) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> stated = (Map<String, List<Double>>) h.values().get(HeaderField.EDIT_PULSES)
                .value();
        for (Map.Entry<String, List<Double>> e : stated.entrySet()) {
            String cond = seq.conditions().stream().filter(c -> c.equalsIgnoreCase(e.getKey())).findFirst()
                    .orElse(null);
            if (cond == null) {
                throw InputException.of(h.file().toString(), "the header's EditPulse names condition \"" + e.getKey()
                        + "\", which the " + seq.label() + " sequence has not (its conditions: " + seq.conditions()
                        + ")");
            }
            List<Double> plays = bands(seq.variant(cond, 0).events());
            boolean same = plays.size() == e.getValue().size();
            for (int k = 0; same && k < plays.size(); k++) {
                same = Math.abs(plays.get(k) - e.getValue().get(k)) < 0.02;
            }
            if (!same) {
                throw InputException.of(h.file().toString(), "the header's EditPulse plays " + e.getValue()
                        + " ppm in condition " + e.getKey() + ", but the " + seq.label() + " sequence plays " + plays
                        + " ppm there: write the conditions into the sequence file (editing.conditions) and use it"
                        + " with --sequence");
            }
        }
    }

    /** The band centres (ppm) of a sub-experiment's first editing pulse, empty if it plays none. */
    private static List<Double> bands(List<Event> events) {
        for (Event e : events) {
            if (e instanceof Event.Pulse p && !p.bands().isEmpty()) {
                return p.bands().stream().map(Event.Band::centerPpm).toList();
            }
            if (e instanceof Event.ShapedPulse s && s.label() != null
                    && s.label().toLowerCase(Locale.ROOT).startsWith("edit")) {
                return s.origin() != null && s.origin().bandsPpm().size() > 1 ? s.origin().bandsPpm()
                        : List.of(s.carrierPpm());
            }
        }
        return List.of();
    }

    private static List<Double> editBands(ScanHeader h, String condition) {
        if (!h.has(HeaderField.EDIT_PULSES)) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) h.values().get(HeaderField.EDIT_PULSES).value();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(condition)) {
                @SuppressWarnings("unchecked")
                List<Double> l = (List<Double>) e.getValue();
                return l;
            }
        }
        return null;
    }

    /** MRSCloud's editing-pulse centres for a PRESS base: TE/4 + TE1/4 and 3·TE/4 + TE1/4 (ms). */
    private static BigDecimal[] mrsCloudTimes(BigDecimal te, BigDecimal te1) {
        BigDecimal q = te1.divide(BigDecimal.valueOf(4));
        return new BigDecimal[] {te.divide(BigDecimal.valueOf(4)).add(q).stripTrailingZeros(),
            te.multiply(BigDecimal.valueOf(3)).divide(BigDecimal.valueOf(4)).add(q).stripTrailingZeros()};
    }

    private static boolean close(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(new BigDecimal("0.000001")) <= 0;
    }

    private static Nucleus nucleus(String text, String where) {
        return Nucleus.parse(text).orElseThrow(() -> InputException.of(where, "nucleus \"" + text + "\" is none"
                + " Larmor knows (" + String.join(", ", java.util.Arrays.stream(Nucleus.values()).map(Nucleus::symbol)
                .toList()) + ")"));
    }

    /** A time in s as ms, to the nanosecond, as a decimal ("30", "16.4"). */
    static BigDecimal ms(double seconds) {
        return BigDecimal.valueOf(Math.round(seconds * 1e9)).movePointLeft(6).stripTrailingZeros();
    }

    private static BigDecimal decimal(Object v, String where) {
        if (v instanceof Number || v instanceof BigDecimal) {
            return new BigDecimal(String.valueOf(v)).stripTrailingZeros();
        }
        throw InputException.of(where, "expected a number, got " + org.larmor.input.InputFiles.quote(
                String.valueOf(v)));
    }

    private static void put(Map<String, Object> doc, Map<String, String> src, String key, Object value,
                            String source) {
        doc.put(key, value);
        src.put(key, source);
    }

    /** Sets (or, for null, removes) a dotted path. */
    @SuppressWarnings("unchecked")
    private static void setPath(Map<String, Object> doc, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                if (value == null) {
                    return;
                }
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        if (value == null) {
            at.remove(parts[parts.length - 1]);
        } else {
            at.put(parts[parts.length - 1], value);
        }
    }

    private static boolean exists(Map<String, Object> doc, String path) {
        Object at = doc;
        for (String p : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m) || !m.containsKey(p)) {
                return false;
            }
            at = m.get(p);
        }
        return true;
    }

    /** A deep copy, with every relative pulse {@code file:} made absolute against the preset's folder. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m, Path dir) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> sub) {
                out.put(k, copy((Map<String, Object>) sub, dir));
            } else if (v instanceof List<?> l) {
                out.put(k, new ArrayList<>(l));
            } else if (k.equals("file") && v instanceof String s && !Path.of(s).isAbsolute()) {
                out.put(k, dir.resolve(s).normalize().toString());
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The scan's file name without its extensions, safe as a sequence name. */
    static String stem(String file) {
        String s = file.replaceFirst("(?i)(\\.nii\\.gz|\\.nii|\\.rda|\\.spar|\\.sdat|\\.dat|\\.7)$", "");
        s = s.replaceAll("[^A-Za-z0-9._+-]", "_");
        return s.isEmpty() ? "scan" : s;
    }
}
