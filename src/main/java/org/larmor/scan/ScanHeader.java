package org.larmor.scan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one scan file's header states: each value in SI units ({@link HeaderField}) with the header key it was read
 * from, and notes on what the reader could not read and why. A header states only what it holds; nothing here is a
 * default.
 *
 * @param file   the scan file
 * @param format the format in words ("NIfTI-MRS", "Siemens RDA", "Philips SPAR", "Siemens twix (VD/VE)", …)
 * @param values the stated values
 * @param notes  what was not read, and why (an unknown P-file revision, a field the format does not carry)
 */
public record ScanHeader(Path file, String format, Map<HeaderField, Stated> values, List<String> notes) {
    public ScanHeader {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        notes = List.copyOf(notes);
    }

    /**
     * One stated value.
     *
     * @param value     in the field's SI unit: a Double, an Integer (points), a String, or for
     *                  {@link HeaderField#EDIT_PULSES} a map condition → band centres (ppm)
     * @param headerKey the key as the header writes it, with the value as written where that helps
     *                  ("EchoTime", "alTE[0] = 30000 µs")
     */
    public record Stated(Object value, String headerKey) {
    }

    public boolean has(HeaderField f) {
        return values.containsKey(f);
    }

    /** The value in SI units; the field must be stated and numeric. */
    public double number(HeaderField f) {
        return ((Number) values.get(f).value()).doubleValue();
    }

    /** The value as text; the field must be stated. */
    public String text(HeaderField f) {
        return String.valueOf(values.get(f).value());
    }

    /** "read from scan.rda (TE)": where a stated value came from, for provenance. */
    public String source(HeaderField f) {
        return "read from " + file.getFileName() + " (" + values.get(f).headerKey() + ")";
    }
}
