package org.larmor.spin;

/**
 * One published relaxation measurement of a metabolite: T1 and/or T2 at one field strength, from one source. A
 * spin-system file lists these per field ({@code relaxation:}); a simulation at some B0 uses those of the nearest
 * published field ({@link RelaxationChoice}).
 *
 * @param nucleus   the nucleus whose signal was measured (a file may carry 1H and 31P spins; their times differ)
 * @param fieldT    B0 at which they were measured, T
 * @param t1S       longitudinal relaxation time, s (NaN: this source gives none)
 * @param t2S       transverse relaxation time, s (NaN: this source gives none)
 * @param citation  full citation of the values
 * @param key       the key of {@code citation} in the file's {@code references:}, or null if written in place
 * @param resonance which signal was measured (one value stands for the whole molecule), or null
 * @param line      line of the entry in its file (0 for entries built in code), for messages
 */
public record RelaxationEntry(Nucleus nucleus, double fieldT, double t1S, double t2S, String citation, String key, String resonance,
                              int line) {
    public RelaxationEntry {
        java.util.Objects.requireNonNull(nucleus, "nucleus");
    }

    /** The reference key, or the citation cut to its first 40 characters, for one-line messages. */
    public String shortSource() {
        if (key != null) {
            return key;
        }
        return citation.length() <= 40 ? citation : citation.substring(0, 39) + "…";
    }
}
