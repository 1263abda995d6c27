package org.larmor.validate;

import org.larmor.io.ReadBasis;

import java.util.List;
import java.util.Map;

/**
 * A basis set or spectrum read from disk by {@link BasisFiles}, with what is known about it beyond the FIDs.
 *
 * @param data         the FIDs by condition and name, spectrometer frequency, dwell time, echo time
 * @param format       the format read: "lcmodel-basis", "lcmodel-raw", "nifti", "fsl", "jmrui"
 * @param nucleus      the observed nucleus ("1H", "31P"), or null where the files do not say (LCModel)
 * @param referencePpm chemical shift at the receiver frequency (0 Hz): as stated, else 4.65 for 1H or unknown
 * @param provenance   Larmor's provenance.json of the set (see {@code org.larmor.basis.Provenance#toMap()}), or null
 *                     for a basis set from another tool
 * @param notes        assumptions made while reading (shown to the user)
 */
public record LoadedSpectra(ReadBasis data, String format, String nucleus, double referencePpm,
                            Map<String, Object> provenance, List<String> notes) {
    public LoadedSpectra {
        notes = List.copyOf(notes);
    }

    /** Spectrometer frequency in MHz (= Hz/ppm); NaN if the files do not say. */
    public double spectrometerMHz() {
        return data.spectrometerMHz();
    }

    public String source() {
        return data.source();
    }

    /** Points of the first FID (all of a set share them in every format Larmor reads). */
    public int points() {
        return data.conditions().values().iterator().next().values().iterator().next().points();
    }

    /** One line describing it: source, format, nucleus, field, points, spectral width, reference. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s (%s, %s, %.4f MHz, %d points, SW %.1f Hz, reference %.3f ppm)",
                source(), format, nucleus == null ? "nucleus not stated" : nucleus, spectrometerMHz(), points(),
                1 / data.dwellS(), referencePpm);
    }
}
