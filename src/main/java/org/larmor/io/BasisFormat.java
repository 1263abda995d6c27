package org.larmor.io;

import org.larmor.basis.BasisSet;

import java.io.IOException;

/**
 * One basis-set output format. A new format is a class implementing this plus one constant in {@link Format}, the
 * registration list that {@link Format#parse}, {@link BasisWriters} and the command-line help read.
 *
 * <p>Every implementation writes, for each spectrum name of {@link BasisSet#conditions()}, only
 * {@link BasisSet#included(String)}: a metabolite whose signal cancels in a combination is left out, because a
 * fitting tool given an all-zero basis entry fills it from its priors (LCModel) or fits noise to it.
 */
public interface BasisFormat {
    /** The name users write ({@code --format}), and the output sub-folder. */
    String id();

    /** One line for the help and docs, e.g. "LCModel .BASIS per spectrum and .RAW per metabolite". */
    String description();

    /** Writes {@code set} under {@code id() + "/"}; names are already checked (see {@link BasisWriters}). */
    void write(BasisSet set, Staged out) throws IOException;

    /** The lower-case folder or suffix of a spectrum name, or null when the set has only one spectrum. */
    static String part(BasisSet set, String spectrum) {
        return set.conditions().size() > 1 ? spectrum.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** {@code part + "/"}, or "" for null. */
    static String folder(String part) {
        return part == null ? "" : part + "/";
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
