package org.larmor.rf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.larmor.rf.PulseText.Token;

/**
 * Reads a Varian/Agilent {@code .RF} shape (VnmrJ {@code shapelib}, as written by Pbox):
 * <pre>
 *   # Adiabatic Inversion Pulse Using Sech/Tanh Mod.
 *   # R= 15.0
 *   # number of points =     512
 *   # TYPE          selective
 *   # *****************************
 *     1044.83191      10.23000       1.00000
 * </pre>
 * Comment lines start with {@code #}; each data line is phase (degrees), amplitude (0 … 1023) and optionally a
 * relative duration (≥ 0, default 1) and a gate (1 = transmitter on, 0 = off, which zeroes the amplitude). All data
 * lines must have the same number of columns.
 *
 * <p>Header comments become metadata: {@code KEY= value} and {@code KEY = value} split at '=', an upper-case word
 * followed by a value ({@code TYPE selective}) splits at the first blank, rows of '*' are dropped, and any other
 * text is kept under COMMENT. A sample count in the header ({@code number of points}, {@code POINTS},
 * {@code NPOINTS}, {@code STEPS}) must match the data. INTEGRAL is recorded, not checked (Pbox writes −1 for
 * adiabatic pulses). Amplitudes are normalised to a peak of 1.
 */
public final class VarianRfReader {
    private static final Pattern UPPER_KEY = Pattern.compile("([A-Z][A-Z0-9_]*)\\s+(.*)");

    private VarianRfReader() {
    }

    /**
     * @param source the file name, for messages and {@link PulseShape#source()}
     * @param text   the file's content
     */
    public static PulseShape parse(String source, String text) {
        List<String> lines = PulseText.lines(text);
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Integer> metaLine = new LinkedHashMap<>();
        List<double[]> samples = new ArrayList<>();
        int columns = 0;
        int firstDataLine = 0;
        int lastDataLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                comment(trimmed.substring(1).strip(), lineNo, meta, metaLine);
                continue;
            }
            List<Token> t = PulseText.tokens(line, " \t,");
            if (columns == 0) {
                if (t.size() < 2 || t.size() > 4) {
                    throw PulseText.error(source, lineNo, t.get(0).column(), null, "expected 'phase(deg) "
                            + "amplitude(0-1023) [duration [gate]]': 2 to 4 numbers, found " + t.size());
                }
                columns = t.size();
                firstDataLine = lineNo;
            } else if (t.size() != columns) {
                throw PulseText.error(source, lineNo, t.get(0).column(), "sample " + samples.size(), "expected "
                        + columns + " columns like line " + firstDataLine + ", found " + t.size());
            }
            double phase = PulseText.number(source, lineNo, t.get(0), "phase", "a phase in degrees");
            double amp = PulseText.number(source, lineNo, t.get(1), "amplitude", "an amplitude 0 … 1023");
            if (amp < 0 || amp > 1023 + 1e-6) {
                throw PulseText.error(source, lineNo, t.get(1).column(), "amplitude",
                        "expected an amplitude 0 … 1023, got " + t.get(1).text());
            }
            double dur = 1;
            if (columns >= 3) {
                dur = PulseText.number(source, lineNo, t.get(2), "duration", "a relative duration ≥ 0");
                if (dur < 0) {
                    throw PulseText.error(source, lineNo, t.get(2).column(), "duration",
                            "expected a relative duration ≥ 0, got " + t.get(2).text());
                }
            }
            if (columns == 4) {
                double gate = PulseText.number(source, lineNo, t.get(3), "gate", "a gate 0 or 1");
                if (gate != 0 && gate != 1) {
                    throw PulseText.error(source, lineNo, t.get(3).column(), "gate",
                            "expected a gate 0 (off) or 1 (on), got " + t.get(3).text());
                }
                amp *= gate;
            }
            samples.add(new double[] {Math.toRadians(phase), amp, dur});
            lastDataLine = lineNo;
        }
        if (samples.isEmpty()) {
            throw PulseText.error(source, lines.size(), 0, null, lines.isEmpty() ? "empty file: expected "
                    + "'phase(deg) amplitude(0-1023) [duration]' lines" : "no samples: expected lines "
                    + "'phase(deg) amplitude(0-1023) [duration]' after the '#' comments");
        }
        int n = samples.size();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey().toUpperCase(Locale.ROOT).replace(' ', '_');
            if (k.equals("NUMBER_OF_POINTS") || k.equals("POINTS") || k.equals("NPOINTS") || k.equals("STEPS")) {
                int line = metaLine.get(e.getKey());
                int declared = PulseText.count(source, line, e.getValue(), e.getKey());
                if (declared != n) {
                    throw PulseText.error(source, lastDataLine, 1, e.getKey(), "the header (line " + line
                            + ") declares " + declared + " points but the file has " + n
                            + (n < declared ? ": truncated?" : ""));
                }
            }
        }
        double[] a = new double[n];
        double[] p = new double[n];
        double[] w = new double[n];
        double total = 0;
        double peak = 0;
        for (int k = 0; k < n; k++) {
            p[k] = samples.get(k)[0];
            a[k] = samples.get(k)[1];
            w[k] = samples.get(k)[2];
            total += w[k];
            peak = Math.max(peak, a[k]);
        }
        if (!(total > 0)) {
            throw PulseText.error(source, lastDataLine, 1, "duration", "all relative durations are zero");
        }
        if (peak == 0) {
            throw PulseText.error(source, lastDataLine, 1, "amplitude", "all " + n + " amplitudes are zero");
        }
        return PulseShape.normalised(PulseText.stem(source), source, a, p, w, null, meta);
    }

    private static void comment(String c, int lineNo, Map<String, String> meta, Map<String, Integer> metaLine) {
        if (c.isEmpty() || c.matches("[*=#\\-\\s]+")) {
            return;
        }
        String key;
        String value;
        int eq = c.indexOf('=');
        Matcher m = UPPER_KEY.matcher(c);
        if (eq > 0) {
            key = c.substring(0, eq).strip();
            value = c.substring(eq + 1).strip();
        } else if (m.matches()) {
            key = m.group(1);
            value = m.group(2).strip();
        } else {
            key = "COMMENT";
            value = c;
        }
        if (meta.containsKey(key)) {
            if (!key.equals("COMMENT")) {
                key = key + " (line " + lineNo + ")";
            } else {
                meta.put(key, meta.get(key) + " / " + value);
                return;
            }
        }
        meta.put(key, value);
        metaLine.put(key, lineNo);
    }
}
