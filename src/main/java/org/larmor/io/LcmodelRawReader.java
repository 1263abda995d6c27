package org.larmor.io;

import org.larmor.input.InputException;
import org.larmor.signal.Fid;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an LCModel {@code .RAW} (or {@code .H2O}) file: optional {@code $SEQPAR}, then {@code $NMID}, then the
 * complex time-domain points to the end of the file. The file holds no dwell time (LCModel takes DELTAT from its
 * control file), so the caller supplies it. As LCModel does, the data are scaled by TRAMP/VOLUME and conjugated when
 * BRUKER = T.
 */
public final class LcmodelRawReader {
    private static final Pattern NUNFIL = Pattern.compile("NUNFIL\\s*=\\s*(\\d{1,9})\\b");

    private LcmodelRawReader() {
    }

    /**
     * @param dwellS sampling interval in seconds (LCModel's DELTAT)
     * @return one FID named after the file (without .RAW/.H2O), condition {@link ReadBasis#MAIN}
     */
    public static ReadBasis read(Path file, double dwellS) {
        return parse(file.toString(), InputFile.stem(file, ".RAW", ".H2O"), InputFile.text(file), dwellS);
    }

    /**
     * The number of complex points the file states: {@code NUNFIL} in {@code $NMID}, else {@code NUNFIL = n} in the
     * free text before the first group (where Larmor's writer puts it); 0 if neither.
     */
    private static int statedPoints(String text, Namelist nmid) {
        if (nmid.has("NUNFIL")) {
            return nmid.integer("NUNFIL");
        }
        int dollar = text.indexOf('$');
        int amp = text.indexOf('&');
        int end = dollar < 0 ? amp : amp < 0 ? dollar : Math.min(dollar, amp);
        Matcher m = NUNFIL.matcher(end < 0 ? text : text.substring(0, end));
        if (m.find()) {
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * @param source file name for messages
     * @param name   name to give the FID
     */
    public static ReadBasis parse(String source, String name, String text, double dwellS) {
        if (!(dwellS > 0)) {
            throw new IllegalArgumentException("dwell time must be positive, got " + dwellS);
        }
        NamelistReader r = new NamelistReader(source, text);
        Namelist seqpar = null;
        Namelist nmid = null;
        while (nmid == null) {
            Namelist g = r.next();
            if (g == null) {
                break;
            }
            if (g.name().equals("SEQPAR")) {
                seqpar = g;
            } else if (g.name().equals("NMID")) {
                nmid = g;
            }
        }
        if (nmid == null) {
            throw InputException.of(source, "not an LCModel .RAW file: no $NMID group (expected $NMID with ID,"
                    + " FMTDAT, VOLUME, TRAMP before the data)");
        }
        double[] data = r.numbersToEnd("time-domain data");
        if (data.length == 0 || data.length % 2 != 0) {
            throw new InputException(r.here(), null, "expected complex points (pairs of numbers) after $NMID, got "
                    + data.length + " numbers");
        }
        int stated = statedPoints(text, nmid);
        if (stated > 0 && data.length / 2 != stated) {
            throw new InputException(r.here(), null, (data.length / 2 < stated ? "file truncated: " : "")
                    + "expected " + stated + " complex points (NUNFIL = " + stated + " in the header), found "
                    + data.length / 2);
        }
        double factor = nmid.number("TRAMP", 1.0) / nmid.number("VOLUME", 1.0);
        if (!Double.isFinite(factor) || factor == 0) {
            throw nmid.error("TRAMP", "TRAMP/VOLUME is not a finite, non-zero number");
        }
        boolean bruker = nmid.has("BRUKER") && nmid.values().get("BRUKER").toUpperCase(java.util.Locale.ROOT)
                .replace(".", "").startsWith("T");
        int n = data.length / 2;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            re[k] = factor * data[2 * k];
            im[k] = factor * (bruker ? -data[2 * k + 1] : data[2 * k + 1]);
        }
        double mhz = seqpar != null ? seqpar.number("HZPPPM", Double.NaN) : Double.NaN;
        double echoS = seqpar != null ? seqpar.number("ECHOT", Double.NaN) * 1e-3 : Double.NaN;
        return ReadBasis.single(source, mhz, dwellS, echoS, Map.of(name, new Fid(re, im, dwellS)));
    }
}
