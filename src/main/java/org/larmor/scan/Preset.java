package org.larmor.scan;

import java.nio.file.Path;
import java.util.Map;

/**
 * A shipped sequence file a scan's sequence can start from.
 *
 * @param file     the preset file
 * @param name     its file name without .yaml ("siemens-press-te30-3t")
 * @param family   the sequence family its template simulates
 * @param vendor   the manufacturer it describes (its {@code manufacturer:} key, else its file-name prefix), or null
 *                 for a vendor-neutral preset
 * @param nucleus  observed nucleus symbol ("1H")
 * @param b0T      field, T
 * @param teS      echo time, s (TE1 + TE2 for PRESS-based templates)
 * @param document the file's values as plain maps, lists, strings and numbers, in file order
 */
public record Preset(Path file, String name, SequenceFamily family, Vendor vendor, String nucleus, double b0T,
                     double teS, Map<String, Object> document) {
    /** "siemens-press-te30-3t (Siemens PRESS, TE 30 ms, 2.89 T)". */
    public String describe() {
        return name + " (" + (vendor == null ? "vendor-neutral" : vendor.label()) + " " + family.label() + ", TE "
                + org.larmor.input.Units.milliText(teS) + " ms, " + b0T + " T)";
    }
}
