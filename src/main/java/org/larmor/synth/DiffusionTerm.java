package org.larmor.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A diffusion-weighted series: at weighting d (b_d along unit direction g_d) each metabolite's signal is
 * multiplied by its model's attenuation S(b_d)/S(0) ({@link DiffusionModel}); each shot gets a motion-induced
 * phase of SD σ·b/b_max and loses a fraction u·L·b/b_max of its amplitude (u uniform in [0, 1]): bulk motion
 * during the diffusion gradients gives a random phase and, with intra-voxel variation, signal loss, both growing
 * with the gradient strength (Posse S et al., Radiology 1993;188:719-725; Ligneul C et al., Magn Reson Med
 * 2024;91:860-885); and the diffusion gradients' eddy currents add a phase A_d·exp(−t/τ), A_d = (b_d/b_max)·(a·g_d).
 */
final class DiffusionTerm implements Term {
    private final Scenario.Diffusion spec;
    private final Layout layout;
    final int dynamics;
    final double[] b;
    final double[] fraction;
    final DiffusionModel[] models;
    final int[] parameters;
    final int[] attenuation;
    /** Models and columns of macromolecules, lipids, residual water (null/−1 when not attenuated). */
    final DiffusionModel[] otherModels = new DiffusionModel[3];
    final int[] otherParameters = {-1, -1, -1};
    final int[] otherAttenuation = {-1, -1, -1};
    static final List<String> OTHERS = List.of("macromolecules", "lipids", "residual_water");
    final int phaseSd;
    final int loss;
    final int shotPhase;
    final int shotAmplitude;
    final int eddy;
    final int eddyTau;
    final int eddyDyn;

    DiffusionTerm(Scenario.Diffusion spec, Layout layout, List<Scenario.Metabolite> mets, Truth.Builder truth) {
        this.spec = spec;
        this.layout = layout;
        GradientTable g = spec.gradients();
        dynamics = g.size();
        b = g.bSPerM2().clone();
        double bMax = g.maxBSPerM2();
        fraction = new double[dynamics];
        for (int d = 0; d < dynamics; d++) {
            fraction[d] = bMax > 0 ? b[d] / bMax : 0;
        }
        int bCol = truth.array("b_value_s_per_mm2", dynamics);
        this.bColumn = bCol;
        int m = mets.size();
        models = new DiffusionModel[m];
        parameters = new int[m];
        attenuation = new int[m];
        for (int k = 0; k < m; k++) {
            String name = mets.get(k).name();
            models[k] = modelOf(name);
            parameters[k] = columns(truth, name, models[k]);
            attenuation[k] = truth.array(name + ".diffusion_attenuation", dynamics);
        }
        for (int o = 0; o < 3; o++) {
            DiffusionModel dm = spec.otherModels().get(OTHERS.get(o));
            if (dm != null) {
                otherModels[o] = dm;
                otherParameters[o] = columns(truth, OTHERS.get(o), dm);
                otherAttenuation[o] = truth.array(OTHERS.get(o) + ".diffusion_attenuation", dynamics);
            }
        }
        phaseSd = truth.scalar("diffusion_motion_phase_sd_deg");
        loss = truth.scalar("diffusion_motion_amplitude_loss");
        shotPhase = truth.array("diffusion_shot_phase_deg", layout.shots());
        shotAmplitude = truth.array("diffusion_shot_amplitude", layout.shots());
        eddy = truth.scalar("diffusion_eddy_x_rad");
        truth.scalar("diffusion_eddy_y_rad");
        truth.scalar("diffusion_eddy_z_rad");
        eddyTau = truth.scalar("diffusion_eddy_time_constant_s");
        eddyDyn = truth.array("diffusion_eddy_amplitude_rad", dynamics);
    }

    private final int bColumn;

    private DiffusionModel modelOf(String name) {
        for (var e : spec.models().entrySet()) {
            if (!e.getKey().equals("default") && Names.key(e.getKey()).equals(Names.key(name))) {
                return e.getValue();
            }
        }
        return spec.models().get("default");
    }

    private static int columns(Truth.Builder truth, String name, DiffusionModel model) {
        int first = -1;
        for (String p : model.parameterNames()) {
            int o = truth.scalar(name + "." + p);
            first = first < 0 ? o : first;
        }
        return first;
    }

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public void draw(SplittableRandom rng, double[] row) {
        for (int d = 0; d < dynamics; d++) {
            row[bColumn + d] = b[d] * 1e-6;
        }
        for (int k = 0; k < models.length; k++) {
            drawModel(rng, row, models[k], parameters[k], attenuation[k]);
        }
        for (int o = 0; o < 3; o++) {
            if (otherModels[o] != null) {
                drawModel(rng, row, otherModels[o], otherParameters[o], otherAttenuation[o]);
            }
        }
        double sd = spec.motionPhaseSdDeg().sample(rng);
        double l = spec.motionAmplitudeLoss().sample(rng);
        row[phaseSd] = sd;
        row[loss] = l;
        int perDynamic = layout.averages() * layout.conditionCount();
        for (int s = 0; s < layout.shots(); s++) {
            double f = fraction[s / perDynamic];
            row[shotPhase + s] = sd > 0 && f > 0 ? sd * f * rng.nextGaussian() : 0;
            row[shotAmplitude + s] = l > 0 && f > 0 ? 1 - rng.nextDouble() * l * f : 1;
        }
        double[] a = new double[3];
        for (int x = 0; x < 3; x++) {
            a[x] = spec.eddyAmplitudeRad().get(x).sample(rng);
            row[eddy + x] = a[x];
        }
        row[eddyTau] = spec.eddyTimeConstantS().sample(rng);
        double[][] dir = spec.gradients().directions();
        for (int d = 0; d < dynamics; d++) {
            row[eddyDyn + d] = fraction[d] * (a[0] * dir[d][0] + a[1] * dir[d][1] + a[2] * dir[d][2]);
        }
    }

    private void drawModel(SplittableRandom rng, double[] row, DiffusionModel model, int paramCol, int attCol) {
        double[] p = model.draw(rng, new double[model.parameterNames().size()]);
        double[] t = model.truthValues(p);
        System.arraycopy(t, 0, row, paramCol, t.length);
        for (int d = 0; d < dynamics; d++) {
            row[attCol + d] = model.attenuation(p, b[d]);
        }
    }

    /** True when the diffusion gradients' eddy currents are modelled (some amplitude can be non-zero). */
    boolean hasEddy() {
        for (Distribution d : spec.eddyAmplitudeRad()) {
            if (!(d.isFixed() && d.fixedValue() == 0)) {
                return true;
            }
        }
        return false;
    }
}
