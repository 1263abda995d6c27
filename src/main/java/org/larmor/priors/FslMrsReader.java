package org.larmor.priors;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code fsl_mrs} results folder (FSL-MRS {@code fsl_mrs/utils/results.py}, {@code FitRes.to_file}): one subject.
 * <ul>
 * <li>{@code summary.csv}: a row per metabolite; column {@code Metab}, then the concentrations ({@code mM},
 * {@code mMol/kg} with water scaling, {@code /Cr+PCr} with internal scaling, else {@code Raw conc}), their CRLBs,
 * {@code %CRLB}, {@code SNR} and {@code FWHM} (Hz) per metabolite. Read when present.</li>
 * <li>otherwise {@code concentrations.csv} (two header rows: {@code mean}/{@code std}, then the scaling
 * {@code raw}, {@code internal}, {@code molality}, {@code molarity}) with {@code qc.csv} ({@code Metab, SNR, FWHM}).</li>
 * </ul>
 * The concentration column is the first of {@code mM}, {@code mMol/kg}, {@code /Cr+PCr}, {@code Raw conc} present
 * (molarity, molality, internal, raw), unless one is asked for. SNR and FWHM are those of the reference metabolite;
 * a 0 there (FSL-MRS's fill value where it found no peak or noise region) is a missing value.
 * {@code all_parameters.csv} (gamma, sigma, eps, Phi0, Phi1) is not read: its sign conventions for the shift and
 * the phase are not established against Larmor's here (docs/synthesiser.md, "Priors from fits").
 */
public final class FslMrsReader {
    static final List<String> SUMMARY_COLUMNS = List.of("mM", "mMol/kg", "/Cr+PCr", "Raw conc");
    static final List<String> SCALINGS = List.of("molarity", "molality", "internal", "raw");

    private FslMrsReader() {
    }

    /** True when {@code dir} looks like an fsl_mrs output folder. */
    public static boolean isResultsFolder(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve("summary.csv"))
                || Files.isRegularFile(dir.resolve("concentrations.csv")));
    }

    /**
     * @param column    the concentration column (a summary.csv header, or a scaling of concentrations.csv), or null
     *                  for the first available
     * @param reference the metabolite whose SNR and FWHM are taken (e.g. NAA)
     */
    public static FitResult read(Path dir, String column, String reference) {
        Path summary = dir.resolve("summary.csv");
        Map<String, Double> conc = new LinkedHashMap<>();
        Map<String, Location> where = new LinkedHashMap<>();
        double snr = Double.NaN;
        double fwhm = Double.NaN;
        String used;
        if (Files.isRegularFile(summary)) {
            Delimited t = Delimited.read(summary);
            int metab = column(t, "Metab", summary);
            int c = -1;
            List<String> candidates = column != null ? List.of(column) : SUMMARY_COLUMNS;
            for (String k : candidates) {
                if (t.header().contains(k)) {
                    c = t.header().indexOf(k);
                    break;
                }
            }
            if (c < 0) {
                throw new InputException(t.at(0, 0), "header", "no concentration column " + candidates + " in "
                        + t.header());
            }
            used = "summary.csv column '" + t.header().get(c) + "'";
            int snrCol = t.header().indexOf("SNR");
            int fwhmCol = t.header().indexOf("FWHM");
            for (int r = 1; r < t.rows().size(); r++) {
                String name = t.rows().get(r).get(metab);
                conc.put(name, t.number(r, c));
                where.put(name, t.at(r, c));
                if (name.equalsIgnoreCase(reference)) {
                    snr = snrCol >= 0 ? positive(t.number(r, snrCol)) : Double.NaN;
                    fwhm = fwhmCol >= 0 ? positive(t.number(r, fwhmCol)) : Double.NaN;
                }
            }
        } else {
            Path cf = dir.resolve("concentrations.csv");
            Delimited t = Delimited.read(cf);
            if (t.rows().size() < 3) {
                throw new InputException(t.at(0, 0), "header", "expected two header rows (mean/std, then the"
                        + " scaling) and a row per metabolite");
            }
            List<String> top = t.rows().get(0);
            List<String> scal = t.rows().get(1);
            int c = -1;
            List<String> candidates = column != null ? List.of(column) : SCALINGS;
            for (String k : candidates) {
                for (int j = 0; j < Math.min(top.size(), scal.size()); j++) {
                    if (top.get(j).equals("mean") && scal.get(j).equals(k)) {
                        c = j;
                        break;
                    }
                }
                if (c >= 0) {
                    break;
                }
            }
            if (c < 0) {
                throw new InputException(t.at(1, 0), "header", "no 'mean' column of scaling " + candidates);
            }
            used = "concentrations.csv mean '" + scal.get(c) + "'";
            for (int r = 2; r < t.rows().size(); r++) {
                String name = t.rows().get(r).get(0);
                conc.put(name, t.number(r, c));
                where.put(name, t.at(r, c));
            }
            Path qc = dir.resolve("qc.csv");
            if (Files.isRegularFile(qc)) {
                Delimited q = Delimited.read(qc);
                int metab = column(q, "Metab", qc);
                int snrCol = q.header().indexOf("SNR");
                int fwhmCol = q.header().indexOf("FWHM");
                for (int r = 1; r < q.rows().size(); r++) {
                    if (q.rows().get(r).get(metab).equalsIgnoreCase(reference)) {
                        snr = snrCol >= 0 ? positive(q.number(r, snrCol)) : Double.NaN;
                        fwhm = fwhmCol >= 0 ? positive(q.number(r, fwhmCol)) : Double.NaN;
                    }
                }
            }
        }
        return new FitResult(dir.getFileName() + " (" + used + ")", dir.toString(), FitResult.Format.FSL_MRS, conc,
                where, Double.NaN, fwhm, snr, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** FSL-MRS writes 0 where it could not measure an SNR or FWHM (qc.py fills NaN with 0): missing, not zero. */
    static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }

    private static int column(Delimited t, String name, Path file) {
        int c = t.header().indexOf(name);
        if (c < 0) {
            throw new InputException(t.at(0, 0), "header", "no '" + name + "' column; got " + t.header());
        }
        return c;
    }

    static List<String> names(List<FitResult> fits) {
        List<String> n = new ArrayList<>();
        for (FitResult f : fits) {
            n.addAll(f.concentrations().keySet());
        }
        return n;
    }
}
