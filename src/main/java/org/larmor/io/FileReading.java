package org.larmor.io;

/**
 * What one file gave its format's {@link BasisFormat#read}: the spectra and what the file states about them.
 *
 * @param data         the FIDs
 * @param kind         the file kind, as {@link BasisFormat#kindOf} named it (e.g. {@code "lcmodel-basis"})
 * @param nucleus      the nucleus the file states (e.g. "1H", "31P"), or null if it does not
 * @param referencePpm the receiver reference the file states, in ppm; NaN if it does not
 */
public record FileReading(ReadBasis data, String kind, String nucleus, double referencePpm) {
}
