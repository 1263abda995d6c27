package org.larmor.synth;

import java.util.List;

/**
 * How one synthetic scan is acquired: {@code dynamics} time points (fMRS) or diffusion weightings (dMRS), each of
 * {@code averages} rounds in which every editing condition is acquired once, interleaved as a scanner does it
 * (for each dynamic, for each average, every condition), one shot per TR, received on {@code coils} coils. A
 * shot's index is also its place in time: shot s starts at s·TR. A block is the average of the shots of one
 * (dynamic, condition): the sub-spectrum a scanner stores.
 *
 * @param conditions      editing conditions in acquisition order ("main" when there is no editing)
 * @param dynamics        time points or diffusion weightings (1 for a static scan)
 * @param kind            what the dynamics are: "none", "fmrs" or "diffusion"
 * @param averages        rounds per dynamic
 * @param coils           receive coils
 * @param repetitionTimeS TR (s), NaN when the scenario states none
 */
public record Layout(List<String> conditions, int dynamics, String kind, int averages, int coils,
                     double repetitionTimeS) {
    public Layout {
        conditions = List.copyOf(conditions);
    }

    public int conditionCount() {
        return conditions.size();
    }

    /** Sub-spectra: dynamics × conditions. */
    public int blocks() {
        return dynamics * conditions.size();
    }

    /** Every transient of the scan. */
    public int shots() {
        return dynamics * averages * conditions.size();
    }

    /** Block of (dynamic d, condition c). */
    public int block(int d, int c) {
        return d * conditions.size() + c;
    }

    /** Shot of (dynamic d, average j, condition c): its acquisition order. */
    public int shot(int d, int j, int c) {
        return (d * averages + j) * conditions.size() + c;
    }

    /** Start of shot s (s), 0 when there is no TR. */
    public double shotTimeS(int s) {
        return Double.isNaN(repetitionTimeS) ? 0 : s * repetitionTimeS;
    }

    /** Middle of dynamic d's shots (s): the time an fMRS time point stands for. */
    public double dynamicTimeS(int d) {
        int per = averages * conditions.size();
        return Double.isNaN(repetitionTimeS) ? 0 : (d * per + (per - 1) / 2.0) * repetitionTimeS;
    }

    public boolean edited() {
        return conditions.size() > 1;
    }
}
