package org.larmor.synth;

import java.util.List;
import java.util.Map;

/**
 * The shipped parametrisations of macromolecule (MM) and lipid signals: Gaussian components with centre, width
 * and relative amplitude, named after the nomenclature recommended by Cudalbu C, Behar KL, Bhattacharyya PK, et al.
 * Contribution of macromolecules to brain 1H MR spectra: Experts' consensus recommendations. NMR Biomed
 * 2021;34:e4393 (Table 1: "M" followed by the ppm). Each table, its source and its use are in
 * docs/synthesiser.md.
 */
public final class ComponentTables {
    private ComponentTables() {
    }

    /**
     * Human brain MM at 3 T, short TE: 13 Gaussian components whose ppm, width (given in Hz at 128 MHz, kept here in
     * ppm) and relative amplitude (M3.96 = 1) are those of Birch R, Peet AC, Dehghani H, Wilson M. Magn Reson Med
     * 2017;77:34-43, as tabulated in the spant package (Wilson M; {@code get_mm_3t_paras}).
     */
    public static final List<Peak> MM_BIRCH_3T = List.of(
            new Peak("M0.90", 0.90, 21.20 / 128, 0.72),
            new Peak("M1.21", 1.21, 19.16 / 128, 0.28),
            new Peak("M1.38", 1.38, 15.90 / 128, 0.38),
            new Peak("M1.63", 1.63, 7.50 / 128, 0.05),
            new Peak("M2.01", 2.01, 29.03 / 128, 0.45),
            new Peak("M2.09", 2.09, 20.53 / 128, 0.36),
            new Peak("M2.25", 2.25, 17.89 / 128, 0.36),
            new Peak("M2.61", 2.61, 5.30 / 128, 0.04),
            new Peak("M2.96", 2.96, 14.02 / 128, 0.20),
            new Peak("M3.11", 3.11, 17.89 / 128, 0.11),
            new Peak("M3.67", 3.67, 33.52 / 128, 0.64),
            new Peak("M3.80", 3.80, 11.85 / 128, 0.07),
            new Peak("M3.96", 3.96, 37.48 / 128, 1.00));

    /**
     * LCModel's simulated macromolecules (Provencher SW, LCModel &amp; LCMgui user's manual; the defaults of its
     * MM09, MM12, MM14, MM17 and MM20 signals, as reproduced by spant and, for ppm and amplitudes, by FSL-MRS's
     * {@code add_MM}): amplitudes in protons, widths in ppm.
     */
    public static final List<Peak> MM_LCMODEL = List.of(
            new Peak("MM09", 0.91, 0.14, 3),
            new Peak("MM12", 1.21, 0.15, 2),
            new Peak("MM14", 1.43, 0.17, 2),
            new Peak("MM17", 1.67, 0.15, 2),
            new Peak("MM20a", 2.08, 0.15, 1.33),
            new Peak("MM20b", 2.25, 0.20, 0.33),
            new Peak("MM20c", 1.95, 0.15, 0.33),
            new Peak("MM20d", 3.00, 0.20, 0.40));

    /**
     * LCModel's simulated lipids (same source): the methyl (0.9 ppm), methylene (1.3 ppm, a broad and a narrow
     * component) and allylic/olefinic-adjacent (2.0–2.8 ppm) groups.
     */
    public static final List<Peak> LIPIDS_LCMODEL = List.of(
            new Peak("Lip09", 0.89, 0.14, 3),
            new Peak("Lip13a", 1.28, 0.15, 2),
            new Peak("Lip13b", 1.28, 0.089, 2),
            new Peak("Lip20a", 2.04, 0.15, 1.33),
            new Peak("Lip20b", 2.25, 0.15, 0.67),
            new Peak("Lip20c", 2.80, 0.20, 0.87));

    /** Named tables for {@code macromolecules.model}. */
    public static final Map<String, List<Peak>> MACROMOLECULES = Map.of("birch-3t", MM_BIRCH_3T,
            "lcmodel", MM_LCMODEL);

    /** Named tables for {@code lipids.model}. */
    public static final Map<String, List<Peak>> LIPIDS = Map.of("lcmodel", LIPIDS_LCMODEL);
}
