package org.larmor.synth;

import org.larmor.signal.Fid;

import java.util.List;

/**
 * One synthetic scan with its ground truth.
 *
 * @param index            index in the dataset
 * @param layout           how it was acquired (conditions, dynamics, averages, coils)
 * @param spectra          the sub-spectra, block by block ({@link Layout#block}): each the coil-combined average of
 *                         its shots, on-disk sign convention
 * @param combinationNames names of the combinations (DIFF, SUM, …)
 * @param combinations     per dynamic d and combination k (at d·K + k), the weighted sum of the sub-spectra
 * @param schema           names of the truth values
 * @param truth            every drawn parameter, in schema order
 * @param waterReference   the unsuppressed water reference, or null
 * @param components       clean components, per block in {@link Synthesiser#COMPONENTS} order (at b·6 + i; they
 *                         add up to the block's FID), or null when not requested
 * @param transients       per-coil transients, shot by shot in acquisition order then coil (shot s, coil q at
 *                         s·coils + q), or null
 */
public record Sample(long index, Layout layout, List<Fid> spectra, List<String> combinationNames,
                     List<Fid> combinations, Truth.Schema schema, double[] truth, Fid waterReference,
                     List<Fid> components, List<Fid> transients) {
    public Sample {
        spectra = List.copyOf(spectra);
        combinationNames = List.copyOf(combinationNames);
        combinations = List.copyOf(combinations);
    }

    /** The output of a scan of one sub-spectrum (no editing, no dynamics). */
    public Fid fid() {
        if (spectra.size() != 1) {
            throw new IllegalStateException("this scan has " + spectra.size() + " sub-spectra: use fid(d, c)");
        }
        return spectra.get(0);
    }

    /** The sub-spectrum of dynamic d and condition c. */
    public Fid fid(int d, int c) {
        return spectra.get(layout.block(d, c));
    }

    /** The sub-spectrum of condition {@code name} (of the first dynamic). */
    public Fid fid(String condition) {
        int c = conditionIndex(condition);
        return fid(0, c);
    }

    private int conditionIndex(String condition) {
        for (int c = 0; c < layout.conditionCount(); c++) {
            if (layout.conditions().get(c).equalsIgnoreCase(condition)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no condition \"" + condition + "\"; have " + layout.conditions());
    }

    /** Combination {@code name} (DIFF, …) of dynamic d. */
    public Fid combination(String name, int d) {
        int k = combinationNames.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no combination \"" + name + "\"; have " + combinationNames);
        }
        return combinations.get(d * combinationNames.size() + k);
    }

    public int averages() {
        return layout.averages();
    }

    public int coils() {
        return layout.coils();
    }

    /** One truth value by entry name (the first value of an array entry). */
    public double value(String name) {
        return truth[schema.offset(name)];
    }

    /** The values of an entry (one per shot, coil, condition or time point). */
    public double[] values(String name) {
        int o = schema.offset(name);
        return java.util.Arrays.copyOfRange(truth, o, o + schema.length(name));
    }

    /** A clean component by name ("metabolites", "macromolecules", …) of a one-block scan. */
    public Fid component(String name) {
        if (spectra.size() != 1) {
            throw new IllegalStateException("this scan has " + spectra.size() + " sub-spectra: use component(name,"
                    + " block)");
        }
        return component(name, 0);
    }

    /** A clean component of block b. */
    public Fid component(String name, int block) {
        int k = Synthesiser.COMPONENTS.indexOf(name);
        if (components == null || k < 0) {
            throw new IllegalArgumentException("no component \"" + name + "\"");
        }
        return components.get(block * Synthesiser.COMPONENTS.size() + k);
    }

    /** Transient j of coil q of a one-block scan. */
    public Fid transientOf(int j, int q) {
        return transients.get(j * layout.coils() + q);
    }

    /** The transient of (dynamic d, average j, condition c) on coil q. */
    public Fid transientOf(int d, int j, int c, int q) {
        return transients.get(layout.shot(d, j, c) * layout.coils() + q);
    }
}
