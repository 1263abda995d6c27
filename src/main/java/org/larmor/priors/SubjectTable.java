package org.larmor.priors;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of subjects × metabolites: Osprey's QuantifyResults ({@code <spectrum>_<quantification>_Voxel_1[_Basis_1]
 * .tsv}, e.g. {@code A_tCr_Voxel_1_Basis_1.tsv}: a header of metabolite names, a row per subject; Osprey
 * {@code quantify/exportTSV.m}), or any group table of that shape (e.g. FSL-MRS results gathered one row per subject).
 * A first column that is not numeric is the subject label. Osprey's quality table ({@code QM_processed_spectra.tsv}:
 * {@code <M>_SNR}, {@code <M>_FWHM} (Hz), {@code water_FWHM}, {@code residual_water_ampl}, {@code freqShift}) is
 * recognised by its {@code _SNR} column and gives each subject, in row order, the SNR and FWHM of metabolite M.
 */
public final class SubjectTable {
    private SubjectTable() {
    }

    /** True when the header is that of Osprey's QM table. */
    public static boolean isQualityTable(Path file) {
        Delimited t = Delimited.read(file);
        return t.header().stream().anyMatch(h -> h.endsWith("_SNR"));
    }

    /** Reads a subjects × metabolites table. */
    public static List<FitResult> read(Path file) {
        Delimited t = Delimited.read(file);
        List<String> h = t.header();
        int first = 0;
        if (t.rows().size() > 1 && !numeric(t.rows().get(1).get(0))) {
            first = 1;
        }
        List<FitResult> out = new ArrayList<>();
        for (int r = 1; r < t.rows().size(); r++) {
            Map<String, Double> conc = new LinkedHashMap<>();
            Map<String, Location> where = new LinkedHashMap<>();
            for (int c = first; c < h.size(); c++) {
                conc.put(h.get(c), t.number(r, c));
                where.put(h.get(c), t.at(r, c));
            }
            String id = first == 1 ? t.rows().get(r).get(0) : file.getFileName() + " row " + r;
            out.add(new FitResult(id, file.toString(), FitResult.Format.SUBJECT_TABLE, conc, where, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        if (out.isEmpty()) {
            throw new InputException(t.at(0, 0), "header", "no subject rows after the header");
        }
        return out;
    }

    /**
     * Adds the SNR and FWHM of {@code reference} from Osprey's QM table to the subjects of a table read from the
     * same Osprey run (row i of one is row i of the other). Osprey versions write the FWHM in Hz (op_getLW) or
     * divided by the transmitter frequency, in ppm: {@code fwhmUnit} says which ("hz" or "ppm"); null infers it from
     * the values (all below 0.5: ppm, as no in-vivo 1H line is narrower than 0.5 Hz; all above 1: Hz; else an
     * error asking for the unit), and {@link #fwhmUnitUsed} says what was decided.
     */
    public static List<FitResult> withQuality(List<FitResult> subjects, Path qm, String reference, String fwhmUnit) {
        Delimited t = Delimited.read(qm);
        int snr = index(t, reference + "_SNR");
        int fwhm = index(t, reference + "_FWHM");
        if (snr < 0 && fwhm < 0) {
            throw new InputException(t.at(0, 0), "header", "no " + reference + "_SNR or " + reference + "_FWHM column"
                    + " (the reference metabolite, --reference-peak); got " + t.header());
        }
        if (t.rows().size() - 1 != subjects.size()) {
            throw new InputException(t.at(0, 0), "rows", "has " + (t.rows().size() - 1) + " subjects but the"
                    + " concentration table has " + subjects.size() + ": give the QM table of the same Osprey run");
        }
        boolean ppm = false;
        if (fwhm >= 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (int r = 1; r < t.rows().size(); r++) {
                double v = FslMrsReader.positive(t.number(r, fwhm));
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (fwhmUnit != null) {
                ppm = fwhmUnit.equalsIgnoreCase("ppm");
                if (!ppm && !fwhmUnit.equalsIgnoreCase("hz")) {
                    throw InputException.of("--qm-fwhm-unit", "expected hz or ppm, got \"" + fwhmUnit + "\"");
                }
            } else if (hi < 0.5) {
                ppm = true;
            } else if (!(lo > 1) && lo != Double.POSITIVE_INFINITY) {
                throw new InputException(t.at(0, fwhm), t.header().get(fwhm), "the FWHM values run from " + lo
                        + " to " + hi + ": Osprey writes them in Hz or in ppm depending on its version; say which"
                        + " with --qm-fwhm-unit hz|ppm");
            }
        }
        List<FitResult> out = new ArrayList<>();
        for (int r = 1; r < t.rows().size(); r++) {
            FitResult f = subjects.get(r - 1);
            double w = fwhm >= 0 ? FslMrsReader.positive(t.number(r, fwhm)) : Double.NaN;
            out.add(new FitResult(f.subject(), f.file() + " + " + qm, f.format(), f.concentrations(), f.locations(),
                    ppm ? w : Double.NaN, ppm ? Double.NaN : w,
                    snr >= 0 ? FslMrsReader.positive(t.number(r, snr)) : Double.NaN,
                    f.dataShiftPpm(), f.phase0Deg(), f.phase1DegPerPpm(), f.spectrometerMHz()));
        }
        return out;
    }

    private static int index(Delimited t, String name) {
        for (int c = 0; c < t.header().size(); c++) {
            if (t.header().get(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean numeric(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || l.equals("nan") || l.equals("na")) {
            return true;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
