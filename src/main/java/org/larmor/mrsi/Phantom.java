package org.larmor.mrsi;

import java.util.List;

/**
 * The procedural digital head phantom: volume fractions of grey matter, white matter, CSF and lipid at any point.
 *
 * <p>Nested ellipsoids centred at the origin (x left–right, y anterior–posterior, z the B0 direction): the outer
 * semi-axes (a, b, c) bound the head; a shell of thickness {@code skull} (scalp fat and skull marrow, the lipid
 * layer); inside it a CSF layer of thickness {@code csf}; then a cortical grey-matter ribbon whose thickness varies
 * smoothly with direction as g·(1 + 0.4·sin(5φ)·cos(3ψ)) (φ the azimuth in the x–y plane, ψ the elevation: a
 * gyral folding, not anatomy); white matter inside it, holding two lateral-ventricle ellipsoids of CSF (centres
 * (±0.11·a, 0.05·b, 0.1·c), semi-axes (0.08·a, 0.25·b, 0.14·c)). Air cavities are spheres holding no tissue. A
 * lesion is a sphere whose own tissue replaces the brain tissue (GM, WM, CSF) inside it, in the fraction its ramp
 * gives (lesions listed first take precedence where they overlap).
 *
 * <p>Tissue maps given as images (kind {@code nifti}): each class's volume fraction is its image sampled at the
 * point (scanner coordinates in mm through the image's sform or qform, trilinear between voxel centres, 0 outside),
 * clamped to [0, 1], and the four scaled down together where they sum above 1.
 *
 * <p>Partial volume: each boundary is a linear ramp across one object cell, f = clamp(½ − d/h, 0, 1), with d the
 * first-order signed distance to the ellipsoid, (ρ − 1)/|∇ρ| with ρ² = Σ(x_i/s_i)², and h the cell size. The
 * fractions of a point are differences of nested indicators, so GM + WM + CSF + lipid + lesions = the head's
 * fraction.
 */
public final class Phantom {
    private final MrsiScenario.PhantomSpec spec;
    private final List<MrsiScenario.Cavity> cavities;
    private final List<MrsiScenario.Lesion> lesions;

    public Phantom(MrsiScenario.PhantomSpec spec, List<MrsiScenario.Cavity> cavities) {
        this(spec, cavities, List.of());
    }

    /** @param lesions spheres of their own tissue, replacing the brain tissue inside them (fractions 4, 5, …) */
    public Phantom(MrsiScenario.PhantomSpec spec, List<MrsiScenario.Cavity> cavities,
                   List<MrsiScenario.Lesion> lesions) {
        this.spec = spec;
        this.cavities = List.copyOf(cavities);
        this.lesions = List.copyOf(lesions);
        inverses = new java.util.ArrayList<>();
        for (org.larmor.io.NiftiImageReader.Image im : spec.tissueMaps()) {
            inverses.add(im == null ? null : im.inverse());
        }
    }

    private final List<double[]> inverses;

    /** The classes of {@link #fractions}'s output: {@link #CLASSES}, then the lesions' names. */
    public List<String> classes() {
        List<String> all = new java.util.ArrayList<>(CLASSES);
        for (MrsiScenario.Lesion l : lesions) {
            all.add(l.tissue().name());
        }
        return all;
    }

    /** Index of each class in {@link #fractions}'s output. */
    public static final int GM = 0;
    public static final int WM = 1;
    public static final int CSF = 2;
    public static final int LIPID = 3;
    public static final List<String> CLASSES = List.of("grey_matter", "white_matter", "csf", "lipid");

    /**
     * The volume fractions at a point.
     *
     * @param p     position (m)
     * @param cellM the object cell's size (m), the width of the partial-volume ramps
     * @param out   {GM, WM, CSF, lipid, lesion 1, …}
     */
    public void fractions(double[] p, double cellM, double[] out) {
        brainAndLipid(p, cellM, out);
        double taken = 0;
        for (int i = 0; i < lesions.size(); i++) {
            MrsiScenario.Lesion l = lesions.get(i);
            double r = Math.sqrt(sq(p[0] - l.centreM()[0]) + sq(p[1] - l.centreM()[1]) + sq(p[2] - l.centreM()[2]));
            double in = Math.min(ramp(r - l.radiusM(), cellM), 1 - taken);
            out[4 + i] = in;
            taken += in;
        }
        if (taken > 0) {
            double brain = out[GM] + out[WM] + out[CSF];
            for (int i = 0; i < lesions.size(); i++) {
                out[4 + i] *= brain;
            }
            out[GM] *= 1 - taken;
            out[WM] *= 1 - taken;
            out[CSF] *= 1 - taken;
        }
    }

    private void brainAndLipid(double[] p, double cellM, double[] out) {
        java.util.Arrays.fill(out, 0);
        double air = 0;
        for (MrsiScenario.Cavity c : cavities) {
            double r = Math.sqrt(sq(p[0] - c.centreM()[0]) + sq(p[1] - c.centreM()[1]) + sq(p[2] - c.centreM()[2]));
            air = Math.max(air, ramp(r - c.radiusM(), cellM));
        }
        double keep = 1 - air;
        if (spec.kind().equals("uniform")) {
            out[spec.uniformTissue()] = keep;
            return;
        }
        if (spec.kind().equals("nifti")) {
            double[] mm = {p[0] * 1e3, p[1] * 1e3, p[2] * 1e3};
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                org.larmor.io.NiftiImageReader.Image im = spec.tissueMaps().get(c);
                out[c] = im == null ? 0 : Math.max(0, Math.min(1, im.sample(mm, inverses.get(c))));
                sum += out[c];
            }
            for (int c = 0; c < 4; c++) {
                out[c] *= keep / Math.max(1, sum);
            }
            return;
        }
        double[] s = spec.headSemiAxesM();
        double head = inside(p, s, 0, cellM);
        double brain = inside(p, s, spec.skullM(), cellM);
        double parenchyma = inside(p, s, spec.skullM() + spec.csfM(), cellM);
        double phi = Math.atan2(p[1], p[0]);
        double rr = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        double psi = rr > 0 ? Math.asin(p[2] / rr) : 0;
        double g = spec.greyMatterM() * (1 + 0.4 * Math.sin(5 * phi) * Math.cos(3 * psi));
        double wmCore = Math.min(parenchyma, inside(p, s, spec.skullM() + spec.csfM() + g, cellM));
        double vent = 0;
        if (spec.ventricles()) {
            for (int side = -1; side <= 1; side += 2) {
                double[] q = {p[0] - side * 0.11 * s[0], p[1] - 0.05 * s[1], p[2] - 0.1 * s[2]};
                vent = Math.max(vent, inside(q, new double[] {0.08 * s[0], 0.25 * s[1], 0.14 * s[2]}, 0, cellM));
            }
        }
        vent = Math.min(vent, wmCore);
        out[LIPID] = keep * Math.max(0, head - brain);
        out[CSF] = keep * (Math.max(0, brain - parenchyma) + vent);
        out[GM] = keep * Math.max(0, parenchyma - wmCore);
        out[WM] = keep * Math.max(0, wmCore - vent);
    }

    /** The head ellipsoid's normalised radius squared, Σ(x_i/s_i)², for the B1 map. */
    public double normalisedRadiusSquared(double[] p) {
        double[] s = spec.headSemiAxesM();
        return sq(p[0] / s[0]) + sq(p[1] / s[1]) + sq(p[2] / s[2]);
    }

    /** Fraction of a cell inside the ellipsoid of semi-axes s shrunk by t (m) on every axis. */
    private static double inside(double[] p, double[] s, double t, double cellM) {
        double ax = s[0] - t;
        double ay = s[1] - t;
        double az = s[2] - t;
        if (ax <= 0 || ay <= 0 || az <= 0) {
            return 0;
        }
        double rho = Math.sqrt(sq(p[0] / ax) + sq(p[1] / ay) + sq(p[2] / az));
        if (rho == 0) {
            return 1;
        }
        double grad = Math.sqrt(sq(p[0] / (ax * ax)) + sq(p[1] / (ay * ay)) + sq(p[2] / (az * az))) / rho;
        return ramp((rho - 1) / grad, cellM);
    }

    private static double ramp(double signedDistance, double cell) {
        return Math.max(0, Math.min(1, 0.5 - signedDistance / cell));
    }

    private static double sq(double v) {
        return v * v;
    }
}
