package org.larmor.rf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.larmor.input.InputFiles;
import org.larmor.rf.PulseText.Token;

/**
 * Reads a Bruker shape file (TopSpin/ParaVision {@code .exc}, {@code .rfc}, {@code .inv} or extension-less files in
 * {@code lists/wave}), a JCAMP-DX 5.0 document:
 * <pre>
 *   ##TITLE= gauss.exc
 *   ##JCAMP-DX= 5.00 $$ Bruker JCAMP library
 *   ##DATA TYPE= Shape Data
 *   ##$SHAPE_BWFAC= 2.122000e+00
 *   ##$SHAPE_INTEGFAC= 4.119000e-01
 *   ##$SHAPE_TYPE= Excitation
 *   ##NPOINTS= 64
 *   ##XYPOINTS= (XY..XY)
 *   1.000000e+00, 0.000000e+00
 *   …
 *   ##END=
 * </pre>
 * Labels are {@code ##LABEL= value} (a value runs on over following lines until the next {@code ##}); {@code $$}
 * starts a comment. {@code ##TITLE=} must come first, {@code ##NPOINTS=} and {@code ##XYPOINTS= (XY..XY)} must
 * precede the data, and {@code ##END=} must close it. Each data pair is amplitude (percent of full scale, 0 … 100)
 * and phase (degrees), separated by a comma and/or blanks, normally one pair per line. Label names are matched as
 * JCAMP-DX prescribes (ignoring case, blanks, '-', '/' and '_'); the metadata keep them as written, without "##"
 * (e.g. {@code $SHAPE_BWFAC}). SHAPE_BWFAC (bandwidth × duration) and SHAPE_INTEGFAC (the amplitude integral
 * relative to a rectangle, {@link PulseShape#amplitudeIntegral()} for amplitude-only shapes) are recorded, not
 * checked: writers other than TopSpin often leave them 0 or 1. Amplitudes are normalised to a peak of 1.
 */
public final class BrukerShapeReader {
    private BrukerShapeReader() {
    }

    /**
     * @param source the file name, for messages and {@link PulseShape#source()}
     * @param text   the file's content
     */
    public static PulseShape parse(String source, String text) {
        List<String> lines = PulseText.lines(text);
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Integer> metaLine = new LinkedHashMap<>();
        String lastKey = null;
        int i = 0;
        while (i < lines.size() && stripComment(lines.get(i)).isBlank()) {
            i++;
        }
        if (i == lines.size()) {
            throw PulseText.error(source, 0, 0, null, "empty file: expected a JCAMP-DX shape starting '##TITLE='");
        }
        if (!normalise(label(lines.get(i))).equals("TITLE")) {
            throw PulseText.error(source, i + 1, 1, null, "not a Bruker JCAMP-DX shape file: expected "
                    + "'##TITLE= …' as its first line");
        }
        boolean inData = false;
        boolean ended = false;
        int endLine = 0;
        int lastDataLine = 0;
        List<double[]> samples = new ArrayList<>();
        for (; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = stripComment(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            if (ended) {
                throw PulseText.error(source, lineNo, 1, null, "text after '##END=' (line " + endLine + ")");
            }
            String strippedLine = line.strip();
            if (strippedLine.startsWith("##")) {
                String raw = label(strippedLine);
                String key = normalise(raw);
                int eq = strippedLine.indexOf('=');
                if (key.equals("END")) {
                    ended = true;
                    endLine = lineNo;
                    continue;
                }
                if (eq < 0) {
                    throw PulseText.error(source, lineNo, 1, null, "expected '##LABEL= value', got "
                            + InputFiles.quote(strippedLine));
                }
                if (inData) {
                    throw PulseText.error(source, lineNo, 1, raw, "unexpected label inside the data after "
                            + "##XYPOINTS: expected amplitude/phase pairs or '##END='");
                }
                if (meta.containsKey(raw)) {
                    throw PulseText.error(source, lineNo, 1, raw, "duplicate label (first on line "
                            + metaLine.get(raw) + ")");
                }
                String value = strippedLine.substring(eq + 1).strip();
                meta.put(raw, value);
                metaLine.put(raw, lineNo);
                lastKey = raw;
                if (key.equals("XYPOINTS")) {
                    if (!value.replace(" ", "").equalsIgnoreCase("(XY..XY)")) {
                        throw PulseText.error(source, lineNo, eq + 2, raw, "expected '(XY..XY)' (amplitude, "
                                + "phase pairs), got " + InputFiles.quote(value));
                    }
                    inData = true;
                }
                continue;
            }
            if (!inData) {
                // JCAMP-DX: a value continues on the following lines until the next label.
                meta.put(lastKey, (meta.get(lastKey) + " " + strippedLine).strip());
                continue;
            }
            List<Token> t = PulseText.tokens(line, " \t,;");
            if (t.size() % 2 != 0) {
                throw PulseText.error(source, lineNo, t.get(t.size() - 1).column(), "sample " + samples.size(),
                        "expected 'amplitude(%), phase(deg)' pairs, found " + t.size() + " value"
                                + (t.size() == 1 ? "" : "s"));
            }
            for (int j = 0; j < t.size(); j += 2) {
                double a = PulseText.number(source, lineNo, t.get(j), "amplitude", "an amplitude in percent 0 … 100");
                if (a < 0 || a > 100 + 1e-6) {
                    throw PulseText.error(source, lineNo, t.get(j).column(), "amplitude",
                            "expected an amplitude in percent 0 … 100, got " + t.get(j).text());
                }
                double p = PulseText.number(source, lineNo, t.get(j + 1), "phase", "a phase in degrees");
                samples.add(new double[] {a, Math.toRadians(p)});
            }
            lastDataLine = lineNo;
        }
        String npointsKey = find(meta, "NPOINTS");
        if (!inData) {
            throw PulseText.error(source, lines.size(), 1, null, "no '##XYPOINTS= (XY..XY)' label: the data "
                    + "of a Bruker shape must follow it");
        }
        if (!ended) {
            throw PulseText.error(source, lines.size(), 1, null, "the file ends without '##END=' after "
                    + samples.size() + " samples: truncated?");
        }
        if (samples.isEmpty()) {
            throw PulseText.error(source, endLine, 1, null, "no amplitude/phase pairs between ##XYPOINTS and ##END");
        }
        if (npointsKey == null) {
            throw PulseText.error(source, metaLine.get(find(meta, "XYPOINTS")), 1, "NPOINTS",
                    "missing '##NPOINTS=' before the data: the sample count is required");
        }
        int declared = PulseText.count(source, metaLine.get(npointsKey), meta.get(npointsKey), npointsKey);
        int n = samples.size();
        if (declared != n) {
            throw PulseText.error(source, lastDataLine, 1, npointsKey, "##NPOINTS (line "
                    + metaLine.get(npointsKey) + ") declares " + declared + " points but the data hold " + n
                    + (n < declared ? ": truncated?" : ""));
        }
        double[] a = new double[n];
        double[] p = new double[n];
        double peak = 0;
        for (int k = 0; k < n; k++) {
            a[k] = samples.get(k)[0];
            p[k] = samples.get(k)[1];
            peak = Math.max(peak, a[k]);
        }
        if (peak == 0) {
            throw PulseText.error(source, lastDataLine, 1, "amplitude", "all " + n + " amplitudes are zero");
        }
        String name = meta.get(find(meta, "TITLE"));
        if (name == null || name.isBlank()) {
            name = PulseText.stem(source);
        }
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return PulseShape.normalised(name, source, a, p, w, null, meta);
    }

    private static String stripComment(String line) {
        int c = line.indexOf("$$");
        return c < 0 ? line : line.substring(0, c);
    }

    /** The label of a "##LABEL= value" line as written (without "##"), or "" if the line has none. */
    private static String label(String line) {
        String s = line.strip();
        if (!s.startsWith("##")) {
            return "";
        }
        int eq = s.indexOf('=');
        return (eq < 0 ? s.substring(2) : s.substring(2, eq)).strip();
    }

    /** JCAMP-DX label matching: ignore case, blanks, '-', '/', '_'. */
    private static String normalise(String label) {
        return label.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-/_]", "");
    }

    private static String find(Map<String, String> meta, String normalisedLabel) {
        for (String k : meta.keySet()) {
            if (normalise(k).equals(normalisedLabel)) {
                return k;
            }
        }
        return null;
    }
}
