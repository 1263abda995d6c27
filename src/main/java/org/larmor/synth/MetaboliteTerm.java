package org.larmor.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The metabolites: per metabolite m a concentration c_m (mM), an extra Lorentzian damping L_m (Hz FWHM) and a
 * frequency shift Δ_m (Hz, positive towards higher ppm), giving c_m·B_m(t)·exp((−π·L_m − i·2π·Δ_m)·t).
 * With a {@link ConcentrationCopula}, its metabolites' concentrations are drawn together first (one normal deviate
 * per copula metabolite), then every metabolite's other values as without one; without a copula the draws are
 * exactly those of a scenario that never had one.
 */
final class MetaboliteTerm implements Term {
    private final List<Scenario.Metabolite> metabolites;
    final int[] concentration;
    final int[] lorentzian;
    final int[] shift;
    private final ConcentrationCopula copula;
    private final double[][] lower;
    /** Per metabolite, its index in the copula, or −1. */
    private final int[] inCopula;
    /** Per copula metabolite, its concentration column. */
    private final int[] copulaColumn;

    MetaboliteTerm(List<Scenario.Metabolite> metabolites, ConcentrationCopula copula, Truth.Builder truth) {
        this.metabolites = metabolites;
        this.copula = copula;
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
        inCopula = new int[m];
        java.util.Arrays.fill(inCopula, -1);
        if (copula == null) {
            lower = null;
            copulaColumn = null;
        } else {
            lower = ConcentrationCopula.cholesky(copula.correlation());
            copulaColumn = new int[copula.size()];
            for (int j = 0; j < copula.size(); j++) {
                String key = Names.key(copula.names().get(j));
                int k = 0;
                while (!Names.key(metabolites.get(k).name()).equals(key)) {
                    k++;
                }
                inCopula[k] = j;
                copulaColumn[j] = concentration[k];
            }
        }
    }

    @Override
    public String name() {
        return "metabolites";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        if (copula != null) {
            double[] c = new double[copula.size()];
            copula.draw(lower, rng, c);
            for (int j = 0; j < c.length; j++) {
                row[copulaColumn[j]] = c[j];
            }
        }
        for (int k = 0; k < metabolites.size(); k++) {
            Scenario.Metabolite met = metabolites.get(k);
            if (inCopula[k] < 0) {
                row[concentration[k]] = met.concentrationMm().sample(rng);
            }
            row[lorentzian[k]] = met.lorentzianHz().sample(rng);
            row[shift[k]] = met.shiftHz().sample(rng);
        }
    }
}
