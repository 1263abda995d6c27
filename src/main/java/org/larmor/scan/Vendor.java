package org.larmor.scan;

import java.util.Locale;
import java.util.Optional;

/** The scanner manufacturers Larmor ships presets for, recognised from a header's Manufacturer text. */
public enum Vendor {
    SIEMENS("Siemens", "siemens"),
    GE("GE", "ge"),
    PHILIPS("Philips", "philips");

    private final String label;
    private final String prefix;

    Vendor(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    /** "Siemens", "GE", "Philips". */
    public String label() {
        return label;
    }

    /** The file-name prefix of this vendor's presets ("siemens" in siemens-press-te30-3t.yaml). */
    public String prefix() {
        return prefix;
    }

    /** "SIEMENS", "Siemens Healthineers", "GE MEDICAL SYSTEMS", "Philips Medical Systems", … */
    public static Optional<Vendor> of(String manufacturer) {
        if (manufacturer == null) {
            return Optional.empty();
        }
        String m = manufacturer.toLowerCase(Locale.ROOT).trim();
        if (m.startsWith("siemens")) {
            return Optional.of(SIEMENS);
        }
        if (m.equals("ge") || m.startsWith("ge ") || m.startsWith("general electric") || m.startsWith("ge_")
                || m.startsWith("gehc")) {
            return Optional.of(GE);
        }
        if (m.startsWith("philips")) {
            return Optional.of(PHILIPS);
        }
        return Optional.empty();
    }
}
