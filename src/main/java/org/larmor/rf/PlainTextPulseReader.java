package org.larmor.rf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larmor.rf.PulseText.Token;

/**
 * Reads a pulse as plain columns separated by blanks and/or commas, one sample per line:
 * <pre>
 *   amplitude  phase_deg  [relative_time  [gradient]]
 * </pre>
 * as in {@code GOIA_tthk0.01_R120.txt} (amplitude in arbitrary units, phase in degrees, relative time step,
 * gradient in G/cm). Lines starting with {@code #} or {@code %} are comments (the first becomes COMMENT in the
 * metadata); blank lines are skipped. All sample lines must have the same number of columns (2 to 4).
 *
 * <p>The amplitude is normalised to a peak |a| of 1 (a negative amplitude becomes positive with the phase advanced
 * by π); the relative time defaults to 1 and must be ≥ 0; the gradient is normalised to a peak |g| of 1, its peak
 * in file units kept as metadata GRADIENT_PEAK, as the slice thickness fixes its absolute scale.
 */
public final class PlainTextPulseReader {
    private PlainTextPulseReader() {
    }

    /**
     * @param source the file name, for messages and {@link PulseShape#source()}
     * @param text   the file's content
     */
    public static PulseShape parse(String source, String text) {
        List<String> lines = PulseText.lines(text);
        Map<String, String> meta = new LinkedHashMap<>();
        List<double[]> samples = new ArrayList<>();
        int columns = 0;
        int firstLine = 0;
        int lastLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("#") || s.startsWith("%")) {
                String c = s.substring(1).strip();
                if (!c.isEmpty()) {
                    meta.merge("COMMENT", c, (x, y) -> x + " / " + y);
                }
                continue;
            }
            List<Token> t = PulseText.tokens(line, " \t,;");
            if (columns == 0) {
                if (t.size() < 2 || t.size() > 4) {
                    throw PulseText.error(source, lineNo, t.get(0).column(), null, "expected 'amplitude "
                            + "phase_deg [relative_time [gradient]]': 2 to 4 numbers, found " + t.size());
                }
                columns = t.size();
                firstLine = lineNo;
            } else if (t.size() != columns) {
                throw PulseText.error(source, lineNo, t.get(0).column(), "sample " + samples.size(), "expected "
                        + columns + " columns like line " + firstLine + ", found " + t.size());
            }
            double[] row = new double[4];
            row[0] = PulseText.number(source, lineNo, t.get(0), "amplitude", "an amplitude");
            row[1] = Math.toRadians(PulseText.number(source, lineNo, t.get(1), "phase", "a phase in degrees"));
            row[2] = 1;
            if (columns >= 3) {
                row[2] = PulseText.number(source, lineNo, t.get(2), "relative_time", "a relative time step ≥ 0");
                if (row[2] < 0) {
                    throw PulseText.error(source, lineNo, t.get(2).column(), "relative_time",
                            "expected a relative time step ≥ 0, got " + t.get(2).text());
                }
            }
            if (columns == 4) {
                row[3] = PulseText.number(source, lineNo, t.get(3), "gradient", "a gradient");
            }
            samples.add(row);
            lastLine = lineNo;
        }
        if (samples.isEmpty()) {
            throw PulseText.error(source, lines.size(), 0, null, (lines.isEmpty() ? "empty file" : "no samples")
                    + ": expected lines 'amplitude phase_deg [relative_time [gradient]]'");
        }
        int n = samples.size();
        double[] a = new double[n];
        double[] p = new double[n];
        double[] w = new double[n];
        double[] g = columns == 4 ? new double[n] : null;
        double peak = 0;
        double gPeak = 0;
        double total = 0;
        for (int k = 0; k < n; k++) {
            double[] r = samples.get(k);
            a[k] = r[0];
            p[k] = r[1];
            w[k] = r[2];
            total += w[k];
            peak = Math.max(peak, Math.abs(a[k]));
            if (g != null) {
                g[k] = r[3];
                gPeak = Math.max(gPeak, Math.abs(g[k]));
            }
        }
        if (peak == 0) {
            throw PulseText.error(source, lastLine, 1, "amplitude", "all " + n + " amplitudes are zero");
        }
        if (!(total > 0)) {
            throw PulseText.error(source, lastLine, 1, "relative_time", "all relative time steps are zero");
        }
        if (g != null && gPeak == 0) {
            throw PulseText.error(source, lastLine, 1, "gradient", "the gradient column is zero throughout");
        }
        meta.put("COLUMNS", String.join(" ", List.of("amplitude", "phase_deg", "relative_time", "gradient")
                .subList(0, columns)));
        meta.put("AMPLITUDE_PEAK", Double.toString(peak));
        if (g != null) {
            meta.put("GRADIENT_PEAK", Double.toString(gPeak));
        }
        return PulseShape.normalised(PulseText.stem(source), source, a, p, w, g, meta);
    }
}
