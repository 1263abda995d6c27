package org.larmor.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The metabolites: per metabolite m a concentration c_m (mM), an extra Lorentzian damping L_m (Hz FWHM) and a
 * frequency shift Δ_m (Hz, positive towards higher ppm), giving c_m·B_m(t)·exp((−π·L_m − i·2π·Δ_m)·t).
 */
final class MetaboliteTerm implements Term {
    private final List<Scenario.Metabolite> metabolites;
    final int[] concentration;
    final int[] lorentzian;
    final int[] shift;

    MetaboliteTerm(List<Scenario.Metabolite> metabolites, Truth.Builder truth) {
        this.metabolites = metabolites;
        int m = metabolites.size();
        concentration = new int[m];
        lorentzian = new int[m];
        shift = new int[m];
        for (int k = 0; k < m; k++) {
            String name = metabolites.get(k).name();
            concentration[k] = truth.scalar(name + ".concentration_mm");
            lorentzian[k] = truth.scalar(name + ".lorentzian_hz");
            shift[k] = truth.scalar(name + ".shift_hz");
        }
    }

    @Override
    public String name() {
        return "metabolites";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        for (int k = 0; k < metabolites.size(); k++) {
            Scenario.Metabolite met = metabolites.get(k);
            row[concentration[k]] = met.concentrationMm().sample(rng);
            row[lorentzian[k]] = met.lorentzianHz().sample(rng);
            row[shift[k]] = met.shiftHz().sample(rng);
        }
    }
}
