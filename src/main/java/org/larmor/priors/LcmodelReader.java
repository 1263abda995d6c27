package org.larmor.priors;

import org.larmor.input.InputException;
import org.larmor.input.Location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LCModel's outputs (Provencher SW. LCModel & LCMgui User's Manual: the table file, the coord file and the LCSV
 * file): the concentration table and the miscellaneous lines of a {@code .table} or {@code .coord}, and the voxel
 * rows of a {@code .csv}.
 * <pre>
 * $$CONC 20 lines in following concentration table = NCONC+1      (.coord: " 20 lines in following …")
 *     Conc.  %SD /Cr+PCr  Metabolite
 *  1.23E+01   3%   1.510 NAA
 * $$MISC  6 lines in following misc. output table
 *   FWHM = 0.062 ppm    S/N =  21
 *   Data shift = 0.012 ppm
 *   Ph:  13 deg      -3.4 deg/ppm
 * $$INPU …  hzpppm=123.25 …                                            (input changes, when the control file set it)
 * </pre>
 * A {@code .coord} is read only up to its plot arrays ("… points on ppm-axis = NY").
 */
public final class LcmodelReader {
    private static final Pattern ROW = Pattern.compile("^\\s*([-+0-9.Ee]+)\\s+(\\d+)%\\s*([-+0-9.Ee]+)\\s+(\\S.*?)\\s*$");
    private static final Pattern FWHM = Pattern.compile("FWHM\\s*=\\s*([-+0-9.Ee]+)\\s*ppm", Pattern.CASE_INSENSITIVE);
    private static final Pattern SN = Pattern.compile("S/N\\s*=\\s*([-+0-9.Ee]+)");
    private static final Pattern SHIFT = Pattern.compile("Data shift\\s*=\\s*([-+0-9.Ee]+)\\s*ppm",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHASE = Pattern.compile("Ph:\\s*([-+0-9.Ee]+)\\s*deg\\s+([-+0-9.Ee]+)\\s*deg/ppm");
    private static final Pattern HZPPPM = Pattern.compile("hzpppm\\s*=\\s*([-+0-9.EeDd]+)", Pattern.CASE_INSENSITIVE);

    private LcmodelReader() {
    }

    /** Reads a {@code .table} or {@code .coord} file: one subject. */
    public static FitResult readTable(Path file) {
        List<String> lines = lines(file);
        boolean coord = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".coord");
        String src = file.toString();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("lines in following concentration table")) {
                start = i;
                break;
            }
            if (lines.get(i).contains("points on ppm-axis")) {
                break;
            }
        }
        if (start < 0) {
            throw InputException.of(src, "no LCModel concentration table (a line \"… lines in following"
                    + " concentration table = NCONC+1\") before the plot data: is this an LCModel "
                    + (coord ? ".coord" : ".table") + " file?");
        }
        int header = start + 1;
        if (header >= lines.size() || !lines.get(header).contains("Conc.")) {
            throw new InputException(new Location(src, header + 1, 1), "$$CONC", "expected the header \"Conc.  %SD"
                    + " /<ratio>  Metabolite\"");
        }
        Map<String, Double> conc = new LinkedHashMap<>();
        Map<String, Location> where = new LinkedHashMap<>();
        int i = header + 1;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("$$") || l.contains("lines in following")) {
                break;
            }
            Matcher m = ROW.matcher(l);
            if (!m.matches()) {
                throw new InputException(new Location(src, i + 1, 1), "$$CONC", "expected a row \"Conc. %SD%"
                        + " ratio Metabolite\" (e.g. \" 1.23E+01   3%   1.510 NAA\"), got \"" + l.trim() + "\"");
            }
            String name = m.group(4).trim();
            if (conc.containsKey(name)) {
                throw new InputException(new Location(src, i + 1, 1), name, "metabolite listed twice in the"
                        + " concentration table");
            }
            conc.put(name, number(m.group(1), src, i, name));
            where.put(name, new Location(src, i + 1, 1));
        }
        if (conc.isEmpty()) {
            throw new InputException(new Location(src, header + 2, 1), "$$CONC", "the concentration table is empty");
        }
        double fwhm = Double.NaN;
        double sn = Double.NaN;
        double shift = Double.NaN;
        double ph0 = Double.NaN;
        double ph1 = Double.NaN;
        double mhz = Double.NaN;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("points on ppm-axis")) {
                break;
            }
            Matcher m;
            if ((m = FWHM.matcher(l)).find()) {
                fwhm = number(m.group(1), src, i, "FWHM");
            }
            if ((m = SN.matcher(l)).find()) {
                sn = number(m.group(1), src, i, "S/N");
            }
            if ((m = SHIFT.matcher(l)).find()) {
                shift = number(m.group(1), src, i, "Data shift");
            }
            if ((m = PHASE.matcher(l)).find()) {
                ph0 = number(m.group(1), src, i, "Ph");
                ph1 = number(m.group(2), src, i, "Ph");
            }
            if ((m = HZPPPM.matcher(l)).find()) {
                mhz = number(m.group(1).replace('D', 'E').replace('d', 'e'), src, i, "hzpppm");
            }
        }
        String subject = file.getFileName().toString();
        return new FitResult(subject, src, coord ? FitResult.Format.LCMODEL_COORD : FitResult.Format.LCMODEL_TABLE,
                conc, where, fwhm, Double.NaN, sn, shift, ph0, ph1, mhz);
    }

    /**
     * Reads LCModel's {@code .csv} (LCSV): a header {@code Row, Col, <M>, <M> %SD, <M>/<NAMREL>, …} and one row per
     * voxel; the %SD and ratio columns are not concentrations and are skipped.
     */
    public static List<FitResult> readCsv(Path file) {
        Delimited t = Delimited.read(file);
        List<String> h = t.header();
        List<Integer> columns = new ArrayList<>();
        int rowCol = -1;
        int colCol = -1;
        for (int c = 0; c < h.size(); c++) {
            String name = h.get(c);
            if (name.equalsIgnoreCase("Row")) {
                rowCol = c;
            } else if (name.equalsIgnoreCase("Col")) {
                colCol = c;
            } else if (!name.isEmpty() && !name.endsWith("%SD") && !name.contains("/")) {
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            throw new InputException(t.at(0, 0), "header", "no concentration column: expected LCModel's LCSV header"
                    + " \"Row, Col, <metabolite>, <metabolite> %SD, <metabolite>/<ratio>, …\"");
        }
        List<FitResult> out = new ArrayList<>();
        for (int r = 1; r < t.rows().size(); r++) {
            Map<String, Double> conc = new LinkedHashMap<>();
            Map<String, Location> where = new LinkedHashMap<>();
            for (int c : columns) {
                conc.put(h.get(c), t.number(r, c));
                where.put(h.get(c), t.at(r, c));
            }
            String id = file.getFileName() + " row " + (rowCol >= 0 ? t.rows().get(r).get(rowCol) : String.valueOf(r))
                    + (colCol >= 0 ? " col " + t.rows().get(r).get(colCol) : "");
            out.add(new FitResult(id, file.toString(), FitResult.Format.LCMODEL_CSV, conc, where, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        if (out.isEmpty()) {
            throw new InputException(t.at(0, 0), "header", "no voxel rows after the header");
        }
        return out;
    }

    private static double number(String s, String src, int line, String field) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(new Location(src, line + 1, 1), field, "expected a number, got \"" + s + "\"");
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw InputException.of(file.toString(), "cannot read: " + e.getMessage());
        }
    }
}
