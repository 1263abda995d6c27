package org.larmor.synth;

import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.util.Locale;
import java.util.Optional;

/**
 * Metabolite names across tools: "mI", "Ins", "myo-Ins" and "MYO_INS" are one metabolite. Names are compared by
 * {@link #key} (case-insensitive, ignoring '-', '_' and spaces, as {@link SpinLibrary} does), and mapped to
 * Larmor's canonical spin-system name through the aliases of a {@link SpinLibrary} when one is available.
 */
final class Names {
    private Names() {
    }

    /** Comparison key: lower case, without '-', '_' and spaces. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
    }

    /** The canonical key of a name: the library's spin-system name if it knows the name, else the name's key. */
    static String canonical(String name, SpinLibrary library) {
        if (library != null) {
            Optional<SpinSystem> s = library.find(name);
            if (s.isPresent()) {
                return key(s.get().name());
            }
        }
        return key(name);
    }
}
