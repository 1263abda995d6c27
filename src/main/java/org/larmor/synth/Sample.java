package org.larmor.synth;

import org.larmor.signal.Fid;

import java.util.List;

/**
 * One synthetic spectrum with its ground truth.
 *
 * @param index          index in the dataset
 * @param fid            the output: coil-combined average of the transients, on-disk sign convention
 * @param schema         names of the truth values
 * @param truth          every drawn parameter, in schema order
 * @param waterReference the unsuppressed water reference, or null
 * @param components     clean components in {@link Synthesiser#COMPONENTS} order (they add up to {@code fid}), or
 *                       null when not requested
 * @param transients     per-coil transients, transient-major (transient j, coil c at j·coils + c), or null
 * @param averages       transients
 * @param coils          coils
 */
public record Sample(long index, Fid fid, Truth.Schema schema, double[] truth, Fid waterReference,
                     List<Fid> components, List<Fid> transients, int averages, int coils) {
    /** One truth value by entry name (the first value of an array entry). */
    public double value(String name) {
        return truth[schema.offset(name)];
    }

    /** The values of an array entry (one per transient or coil). */
    public double[] values(String name) {
        int o = schema.offset(name);
        int k = schema.names().indexOf(name + "[]");
        int len = k >= 0 ? schema.lengths().get(k) : 1;
        return java.util.Arrays.copyOfRange(truth, o, o + len);
    }

    /** A clean component by name ("metabolites", "macromolecules", …). */
    public Fid component(String name) {
        int k = Synthesiser.COMPONENTS.indexOf(name);
        if (components == null || k < 0) {
            throw new IllegalArgumentException("no component \"" + name + "\"");
        }
        return components.get(k);
    }

    /** Transient j of coil c. */
    public Fid transientOf(int j, int c) {
        return transients.get(j * coils + c);
    }
}
