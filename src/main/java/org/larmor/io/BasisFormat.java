package org.larmor.io;

import org.larmor.basis.BasisSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One basis-set format, written and read. A new format is one class implementing this interface ({@link #write}
 * for output; {@link #kinds}, {@link #kindOf} and {@link #read} for input) plus one constant in {@link Format}, the
 * registration list that {@link Format#parse}, {@link BasisWriters}, the command-line help and the readers of
 * basis files and folders (validate's {@code BasisFiles}) all go through.
 *
 * <p>Reading is by file kind: a format has one or more kinds (LCModel has two, {@code .BASIS} and {@code .RAW}),
 * each a name that {@code LoadedSpectra.format()} and messages show. A file is recognised by its name first (every
 * registered format is asked with {@code head == null}), and only if no format claims the name, by its first bytes
 * (every format asked again with them). A file must be claimed by at most one format in each pass.
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

    /** The file kinds this format reads, in the order a folder holding several of them prefers them. */
    List<String> kinds();

    /**
     * This format's kind of {@code file}, or null if it is not one of this format's files.
     *
     * @param lowerCaseName the file name, lower case (e.g. {@code "naa.nii.gz"})
     * @param head          null to recognise by name only; else the file's first 8 KiB, decompressed if gzip, to
     *                      recognise by content (asked only when no registered format claimed the name)
     */
    String kindOf(Path file, String lowerCaseName, byte[] head);

    /**
     * Reads one file of this format.
     *
     * @param kind       what {@link #kindOf} returned for it
     * @param rawDwellS  dwell time in seconds for files that do not hold it (LCModel {@code .RAW}); NaN if not given
     * @param provenance Larmor's provenance.json of the file as a map, or null: a source of what the file omits
     * @throws org.larmor.input.InputException if the file is malformed or lacks something it must state
     */
    FileReading read(Path file, String kind, double rawDwellS, Map<String, Object> provenance);

    /** The first 8 KiB of a file, decompressed if gzip, as {@link #kindOf} is given them; empty if unreadable. */
    static byte[] head(Path file) {
        return InputFile.start(file);
    }

    /** The lower-case folder or suffix of a spectrum name, or null when the set has only one spectrum. */
    static String part(BasisSet set, String spectrum) {
        return set.conditions().size() > 1 ? spectrum.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** {@code part + "/"}, or "" for null. */
    static String folder(String part) {
        return part == null ? "" : part + "/";
    }
}
