package org.larmor.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A functional time series: at time point d (the middle of its shots, t_d), metabolite m has concentration
 * c_m·(1 + p_m/100·r_m(t_d)), with p_m the drawn change at a sustained response and r_m the stimulus design
 * convolved with a first-order rise and fall of time constant τ_m (metabolite responses are slow and sustained:
 * Mangia S et al., J Cereb Blood Flow Metab 2007;27:1055-1063; in human visual cortex at 7 T Lac rises by about
 * 20–30 % and Glu by a few percent: Schaller B et al., J Neurosci Res 2013;91:1076-1083; Bednařík P et al., J Cereb
 * Blood Flow Metab 2015;35:601-610). The BOLD effect narrows every tissue line by b·h(t_d) Hz, h the design
 * convolved with the canonical haemodynamic response (Zhu XH, Chen W, Magn Reson Med 2001;46:841-847; Mangia S et
 * al., Magn Reson Imaging 2006;24:343-348).
 */
final class FmrsTerm implements Term {
    private final Scenario.Fmrs spec;
    private final MetaboliteTerm metabolites;
    final int dynamics;
    /** Per response: the metabolite's index, and its time course r(t_d). */
    final int[] metabolite;
    final double[][] course;
    final double[] bold;
    final int[] percent;
    final int[] concentration;
    final int narrowing;
    final int narrowingDyn;
    private final int timeColumn;
    private final int stimulusColumn;
    private final double[] times;
    private final double[] stimulus;

    FmrsTerm(Scenario.Fmrs spec, Layout layout, MetaboliteTerm metabolites, List<Scenario.Metabolite> mets,
             double minLorentzianHz, Truth.Builder truth) {
        this.spec = spec;
        this.metabolites = metabolites;
        dynamics = layout.dynamics();
        double seriesEnd = layout.shots() * layout.repetitionTimeS();
        if (spec.design().endS() > seriesEnd) {
            throw new org.larmor.input.InputException(spec.location(), "fmrs.dynamics", "the stimulus design runs"
                    + " to " + spec.design().endS() + " s but the series of " + dynamics + " time points ("
                    + layout.shots() + " shots at TR " + layout.repetitionTimeS() + " s) ends at " + seriesEnd
                    + " s: the rest of the design would never be sampled; acquire more time points or shorten the"
                    + " design");
        }
        double[] times = new double[dynamics];
        for (int d = 0; d < dynamics; d++) {
            times[d] = layout.dynamicTimeS(d);
        }
        int n = spec.responses().size();
        metabolite = new int[n];
        course = new double[n][];
        percent = new int[n];
        concentration = new int[n];
        timeColumn = truth.array("fmrs_time_s", dynamics);
        // The 0/1 stimulus at each time point; a design of impulses (events of no duration) has none.
        stimulusColumn = spec.design().hasImpulses() ? -1 : truth.array("fmrs_stimulus", dynamics);
        for (int r = 0; r < n; r++) {
            Scenario.Fmrs.Response resp = spec.responses().get(r);
            metabolite[r] = indexOf(mets, resp.metabolite());
            if (resp.timeConstantS() == 0 && spec.design().hasImpulses()) {
                throw new org.larmor.input.InputException(resp.location(), "time_constant_s", "the design has"
                        + " events of no duration (impulses), which a response cannot follow exactly: give "
                        + resp.metabolite() + " a time_constant_s > 0");
            }
            StimulusDesign.Kernel k = resp.timeConstantS() > 0
                    ? new StimulusDesign.Kernel.Exponential(resp.timeConstantS())
                    : new StimulusDesign.Kernel.Boxcar();
            course[r] = spec.design().response(times, k);
            String name = mets.get(metabolite[r]).name();
            percent[r] = truth.scalar(name + ".response_percent");
            concentration[r] = truth.array(name + ".concentration_mm_dyn", dynamics);
        }
        bold = spec.design().response(times, new StimulusDesign.Kernel.CanonicalHrf());
        // The canonical response overshoots its plateau (about 1.1 for a long block), so the bound is the largest
        // narrowing times the largest response the design gives at these time points.
        double peak = 0;
        for (double r : bold) {
            peak = Math.max(peak, r);
        }
        double maxNarrowing = spec.boldNarrowingHz().upperBound() * peak;
        if (maxNarrowing > minLorentzianHz) {
            throw new org.larmor.input.InputException(spec.location(), "fmrs.bold.narrowing_hz", "a BOLD narrowing"
                    + " of up to " + String.format(java.util.Locale.ROOT, "%.4g", maxNarrowing) + " Hz (the largest"
                    + " narrowing_hz times the response's peak of " + String.format(java.util.Locale.ROOT, "%.3f", peak)
                    + ") exceeds the narrowest Lorentzian width a line can have here (" + minLorentzianHz + " Hz: the"
                    + " basis' intrinsic width plus the smallest metabolite_lineshape lorentzian_hz): the line would"
                    + " sharpen beyond its own T2; give a wider lorentzian_hz or a smaller narrowing");
        }
        narrowing = truth.scalar("bold_narrowing_hz");
        narrowingDyn = truth.array("bold_narrowing_hz_dyn", dynamics);
        this.times = times;
        this.stimulus = stimulusColumn < 0 ? null : spec.design().response(times,
                new StimulusDesign.Kernel.Boxcar());
    }

    private static int indexOf(List<Scenario.Metabolite> mets, String name) {
        for (int k = 0; k < mets.size(); k++) {
            if (Names.key(mets.get(k).name()).equals(Names.key(name))) {
                return k;
            }
        }
        throw new IllegalStateException("no metabolite " + name);
    }

    @Override
    public String name() {
        return "fmrs";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        // The time points and the design at them: the same in every row, written so each row stands alone.
        System.arraycopy(times, 0, row, timeColumn, dynamics);
        if (stimulus != null) {
            System.arraycopy(stimulus, 0, row, stimulusColumn, dynamics);
        }
        for (int r = 0; r < metabolite.length; r++) {
            double p = spec.responses().get(r).changePercent().sample(rng);
            row[percent[r]] = p;
            double c = row[metabolites.concentration[metabolite[r]]];
            for (int d = 0; d < dynamics; d++) {
                row[concentration[r] + d] = c * (1 + p / 100 * course[r][d]);
            }
        }
        double b = spec.boldNarrowingHz().sample(rng);
        row[narrowing] = b;
        for (int d = 0; d < dynamics; d++) {
            row[narrowingDyn + d] = b * bold[d];
        }
    }
}
