package org.larmor.rf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.larmor.input.InputFiles;
import org.larmor.rf.PulseText.Token;

/**
 * Reads a Siemens {@code .pta} pulse file (the text form of IDEA external RF pulses):
 * <pre>
 *   PULSENAME:  mao_400_4.mao_400_4
 *   COMMENT:    Mao refocussing pulse, 4 zc, experimentally determined BWTP 6.000
 *   REFGRAD:    2.752000000
 *   MINSLICE:   1.000000000
 *   MAXSLICE:   200.000000000
 *   AMPINT:     36.711385000
 *   POWERINT:   37.032906052
 *   ABSINT:     68.374723000
 *
 *   0.027876001  3.141592979  ; (0)
 *   …
 * </pre>
 * A header of {@code KEY: value} lines, a blank line, then one sample per line: relative amplitude (0 … 1), phase
 * (rad), and an optional comment {@code ; (index)} whose index must count up from 0. The header's integrals are
 * sums over the samples (amplitude 1 = full scale): AMPINT = |Σ a_k·exp(iφ_k)| (the signed amplitude integral
 * that calibrates the flip angle: θ = 2π·B1max·T·AMPINT/N), ABSINT = Σ a_k, POWERINT = Σ a_k².
 *
 * <p>Checks: AMPINT and ABSINT, where present, must match the samples (relative 2·10⁻⁴), which catches truncated
 * and altered files; a sample count in the header (SAMPLES, NSAMPLES, NUMBER_OF_SAMPLES, POINTS or NPOINTS) must
 * match. POWERINT is recorded but not checked: some writers fill it wrongly (the FID-A-written
 * {@code sampleEditPulse.pta} repeats AMPINT there). The blank line that ends the header may be missing (as in
 * {@code sampleEditPulse.pta}) when the samples follow the header directly; a header line without its ':' is an
 * error. Amplitudes are normalised to a peak of 1; the header's values stay as written in the metadata.
 */
public final class SiemensPtaReader {
    /** Header keys of Siemens .pta files: one of them before a bad line shows that the file is a .pta file. */
    private static final List<String> KNOWN_KEYS = List.of("PULSENAME", "COMMENT", "REFGRAD", "MINSLICE", "MAXSLICE",
            "AMPINT", "POWERINT", "ABSINT");
    private static final Pattern INDEX = Pattern.compile("\\s*\\(\\s*(\\d+)\\s*\\)\\s*");
    private static final Set<String> COUNT_KEYS = Set.of("SAMPLES", "NSAMPLES", "NUMBER_OF_SAMPLES", "POINTS",
            "NPOINTS");

    private SiemensPtaReader() {
    }

    /**
     * @param source the file name, for messages and {@link PulseShape#source()}
     * @param text   the file's content
     */
    /**
     * A header line {@code KEY: value} as {key, value}, or null: the key is the text before the first colon, blanks
     * around it dropped, a letter then letters, digits, blanks, '_', '.' or '-'; one blank after the colon is dropped.
     * (Done by hand, not by regular expression, so that a long line takes linear time.)
     */
    static String[] header(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return null;
        }
        int a = 0;
        int b = colon;
        while (a < b && Character.isWhitespace(line.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
            b--;
        }
        if (a == b || !isAsciiLetter(line.charAt(a))) {
            return null;
        }
        for (int k = a + 1; k < b; k++) {
            char c = line.charAt(k);
            if (!(isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_' || c == ' ' || c == '.' || c == '-')) {
                return null;
            }
        }
        int v = colon + 1;
        if (v < line.length() && Character.isWhitespace(line.charAt(v))) {
            v++;
        }
        return new String[] {line.substring(a, b), line.substring(v)};
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean knownKey(Map<String, String> meta) {
        for (String k : KNOWN_KEYS) {
            if (meta.containsKey(k)) {
                return true;
            }
        }
        return false;
    }

    public static PulseShape parse(String source, String text) {
        List<String> lines = PulseText.lines(text);
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i == lines.size()) {
            throw PulseText.error(source, 0, 0, null,
                    "empty file: expected a Siemens .pta header ('PULSENAME: …', 'AMPINT: …') and samples");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Integer> metaLine = new LinkedHashMap<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || startsWithNumber(line)) {
                break;
            }
            String[] kv = header(line);
            if (kv == null) {
                if (!knownKey(meta)) {
                    // Nothing so far says this is a .pta file: do not quote what may be any file's content.
                    throw PulseText.error(source, i + 1, 1, null, "not a Siemens .pta file: expected header lines"
                            + " 'KEY: value' (PULSENAME, AMPINT, POWERINT, …), a blank line, then the samples");
                }
                throw PulseText.error(source, i + 1, 1, null, "expected a header line 'KEY: value' (such as "
                        + "'AMPINT: 36.7'), or a blank line before the samples; got " + InputFiles.quote(line.strip()));
            }
            String key = kv[0].toUpperCase(Locale.ROOT);
            if (meta.containsKey(key)) {
                throw PulseText.error(source, i + 1, 1, key, "duplicate header key (first on line "
                        + metaLine.get(key) + ")");
            }
            meta.put(key, kv[1].strip());
            metaLine.put(key, i + 1);
        }
        if (meta.isEmpty()) {
            throw PulseText.error(source, i + 1, 1, null,
                    "missing .pta header: expected 'KEY: value' lines (PULSENAME, AMPINT, …) before the samples");
        }
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        List<double[]> samples = new ArrayList<>();
        int lastSampleLine = i;
        int blankAt = -1;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (blankAt < 0) {
                    blankAt = i + 1;
                }
                continue;
            }
            int lineNo = i + 1;
            if (blankAt > 0) {
                throw PulseText.error(source, lineNo, 1, null, "text after the blank line " + blankAt
                        + " that ended the samples; blank lines are not allowed inside the sample block");
            }
            int semi = line.indexOf(';');
            String data = semi < 0 ? line : line.substring(0, semi);
            List<Token> t = PulseText.tokens(data, " \t");
            if (t.size() != 2) {
                throw PulseText.error(source, lineNo, t.isEmpty() ? 1 : t.get(0).column(), "sample " + samples.size(),
                        "expected 'amplitude phase ; (index)' with two numbers, found " + t.size() + " value"
                                + (t.size() == 1 ? "" : "s"));
            }
            double a = PulseText.number(source, lineNo, t.get(0), "amplitude", "a relative amplitude 0 … 1");
            if (a < 0 || a > 1 + 1e-6) {
                throw PulseText.error(source, lineNo, t.get(0).column(), "amplitude",
                        "expected a relative amplitude 0 … 1, got " + t.get(0).text());
            }
            double p = PulseText.number(source, lineNo, t.get(1), "phase", "a phase in radians");
            if (semi >= 0) {
                Matcher idx = INDEX.matcher(line.substring(semi + 1));
                if (idx.matches() && Integer.parseInt(idx.group(1)) != samples.size()) {
                    throw PulseText.error(source, lineNo, semi + 1, "index", "sample index (" + idx.group(1)
                            + ") out of sequence: expected (" + samples.size() + "); a line is missing or repeated");
                }
            }
            samples.add(new double[] {Math.min(a, 1), p});
            lastSampleLine = lineNo;
        }
        if (samples.isEmpty()) {
            throw PulseText.error(source, lines.size(), 1, null,
                    "no samples after the header: expected lines 'amplitude phase ; (index)'");
        }
        int n = samples.size();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (COUNT_KEYS.contains(e.getKey().replace(' ', '_'))) {
                int declared = PulseText.count(source, metaLine.get(e.getKey()), e.getValue(), e.getKey());
                if (declared != n) {
                    throw PulseText.error(source, lastSampleLine, 1, e.getKey(), "the header (line "
                            + metaLine.get(e.getKey()) + ") declares " + declared + " samples but the file has " + n
                            + (n < declared ? ": truncated?" : ""));
                }
            }
        }
        double[] amp = new double[n];
        double[] phase = new double[n];
        double re = 0;
        double im = 0;
        double abs = 0;
        for (int k = 0; k < n; k++) {
            amp[k] = samples.get(k)[0];
            phase[k] = samples.get(k)[1];
            re += amp[k] * Math.cos(phase[k]);
            im += amp[k] * Math.sin(phase[k]);
            abs += amp[k];
        }
        checkIntegral(source, meta, metaLine, "AMPINT", Math.hypot(re, im), n, lastSampleLine,
                "|Σ amplitude·exp(i·phase)|");
        checkIntegral(source, meta, metaLine, "ABSINT", abs, n, lastSampleLine, "Σ amplitude");
        double peak = 0;
        for (double a : amp) {
            peak = Math.max(peak, a);
        }
        if (peak == 0) {
            throw PulseText.error(source, lastSampleLine, 1, "amplitude", "all " + n + " amplitudes are zero");
        }
        String name = meta.getOrDefault("PULSENAME", "");
        if (name.isEmpty()) {
            name = PulseText.stem(source);
        }
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return PulseShape.normalised(name, source, amp, phase, w, null, meta);
    }

    private static void checkIntegral(String source, Map<String, String> meta, Map<String, Integer> metaLine,
                                      String key, double computed, int n, int lastLine, String formula) {
        String v = meta.get(key);
        if (v == null) {
            return;
        }
        int line = metaLine.get(key);
        if (!PulseText.isNumber(v)) {
            throw PulseText.error(source, line, 1, key, "expected a number, got " + InputFiles.quote(v));
        }
        double header = Double.parseDouble(v);
        if (!PulseText.agrees(header, computed)) {
            throw PulseText.error(source, line, 1, key, String.format(Locale.ROOT,
                    "the header says %s but the %d samples (lines up to %d) give %s = %.6f: the file is truncated "
                            + "or its samples were altered", v, n, lastLine, formula, computed));
        }
    }

    private static boolean startsWithNumber(String line) {
        List<Token> t = PulseText.tokens(line, " \t;");
        return !t.isEmpty() && PulseText.isNumber(t.get(0).text());
    }
}
