package org.larmor.priors;

import org.larmor.input.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one fit (one subject, one voxel) reports, in the fitting tool's own units and names: the concentrations of
 * each fitted basis entry and, where the tool writes them, its linewidth, SNR, frequency shift and phase. Values a
 * file does not give are NaN. Nothing is converted here: {@link Priors} converts, and says how.
 *
 * @param subject          subject or voxel label (file name, or file and row)
 * @param file             the file read
 * @param format           which tool and file kind
 * @param concentrations   fitted value per name as the tool writes it (LCModel "Cr+PCr", Osprey "tCr", …)
 * @param locations        where each value was read, for messages
 * @param fwhmPpm          LCModel's FWHM estimate of the in-vivo lines (ppm), NaN if absent
 * @param fwhmHz           the tool's linewidth of the reference metabolite (Hz), NaN if absent
 * @param snr              the tool's SNR (its own definition: {@link Format#snrDefinition}), NaN if absent
 * @param dataShiftPpm     LCModel's "Data shift" (ppm), NaN if absent
 * @param phase0Deg        the zero-order phase correction the tool applied (degrees), NaN if absent
 * @param phase1DegPerPpm  the first-order phase correction the tool applied (degrees/ppm), NaN if absent
 * @param spectrometerMHz  the field (MHz) if the file records it (LCModel's HZPPPM among the input changes), else NaN
 */
public record FitResult(String subject, String file, Format format, Map<String, Double> concentrations,
                        Map<String, Location> locations, double fwhmPpm, double fwhmHz, double snr,
                        double dataShiftPpm, double phase0Deg, double phase1DegPerPpm, double spectrometerMHz) {
    public FitResult {
        concentrations = Collections.unmodifiableMap(new LinkedHashMap<>(concentrations));
        locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    private static final class Lcmodel {
        static final String SNR = "LCModel S/N: the maximum of the spectrum minus baseline over the analysis window"
                + " divided by twice the rms of the fit residual (LCModel manual, the $$MISC table)";
    }

    /** The fitting tools and files read, with their SNR definitions. */
    public enum Format {
        LCMODEL_TABLE("LCModel .table", Lcmodel.SNR, 2.0),
        LCMODEL_COORD("LCModel .coord", Lcmodel.SNR, 2.0),
        LCMODEL_CSV("LCModel .csv", Lcmodel.SNR, 2.0),
        FSL_MRS("FSL-MRS results folder", "FSL-MRS qc SNR of the reference metabolite: the height of its fitted"
                + " spectrum after apodisation by its own linewidth (a matched filter) divided by √2 times the SD of"
                + " the real part of the equally apodised noise", 1.0),
        SUBJECT_TABLE("subjects × metabolites table (Osprey QuantifyResults .tsv, a group .csv)",
                "Osprey QM <metabolite>_SNR: the reference peak's height over the SD of the noise (FID-A op_getSNR)",
                1.0);

        private final String label;
        private final String snrDefinition;
        private final double snrFactor;

        Format(String label, String snrDefinition, double snrFactor) {
            this.label = label;
            this.snrDefinition = snrDefinition;
            this.snrFactor = snrFactor;
        }

        /** How the file kind is named in messages and provenance. */
        public String label() {
            return label;
        }

        /** What the tool's SNR figure is. */
        public String snrDefinition() {
            return snrDefinition;
        }

        /**
         * The default factor from the tool's SNR to the synthesiser's (MRSinMRS: reference singlet height over the
         * noise SD): 2 for LCModel (it divides by twice the residual's rms, which is the noise's SD when the fit is
         * good), 1 for the others (stated as an approximation in the provenance).
         */
        public double snrFactor() {
            return snrFactor;
        }
    }
}
