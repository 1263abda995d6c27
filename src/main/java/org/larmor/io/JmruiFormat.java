package org.larmor.io;

import org.larmor.basis.BasisSet;

import org.larmor.spin.Nucleus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jMRUI text: one file per spectrum holding every included metabolite as a signal,
 * {@code jmrui[/<spectrum>]/<seq>.txt}. A spectrum with no included metabolite writes no file (a jMRUI file with
 * DatasetsInFile: 0 is not a basis).
 */
public final class JmruiFormat implements BasisFormat {
    /** The kind of a jMRUI text file. */
    public static final String KIND = "jmrui";

    JmruiFormat() {
    }

    @Override
    public String id() {
        return "jmrui";
    }

    @Override
    public String description() {
        return "jMRUI text, one file per spectrum";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        String name = set.sequence().name() + ".txt";
        for (String c : set.conditions()) {
            if (set.included(c).isEmpty()) {
                continue;
            }
            out.write("jmrui/" + BasisFormat.folder(BasisFormat.part(set, c)) + name,
                    JmruiTextWriter.parts(set, c, name, false));
        }
    }

    @Override
    public List<String> kinds() {
        return List.of(KIND);
    }

    /** By content only (jMRUI text files have no extension of their own): the first line starts "jMRUI". */
    @Override
    public String kindOf(Path file, String lowerCaseName, byte[] head) {
        return head != null && new String(head, StandardCharsets.ISO_8859_1).startsWith("jMRUI") ? KIND : null;
    }

    /**
     * The nucleus is the one whose γ/2π matches TransmitterFrequency / MagneticField; the reference is read from
     * Larmor's comment lines.
     */
    @Override
    public FileReading read(Path file, String kind, double rawDwellS, Map<String, Object> provenance) {
        ReadBasis b = JmruiTextReader.read(file);
        String head = InputFile.head(file);
        return new FileReading(b, KIND, nucleus(head), InputFile.commentReference(head));
    }

    /** The nucleus whose γ/2π matches TransmitterFrequency / MagneticField within 2 %, or null. */
    private static String nucleus(String head) {
        double hz = headerNumber(head, "TransmitterFrequency");
        double t = headerNumber(head, "MagneticField");
        if (!(hz > 0 && t > 0)) {
            return null;
        }
        double gamma = hz / t;
        for (Nucleus n : Nucleus.values()) {
            if (Math.abs(gamma / Math.abs(n.gammaHzPerT()) - 1) < 0.02) {
                return n.symbol();
            }
        }
        return null;
    }

    private static double headerNumber(String head, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*([-+0-9.Ee]+)").matcher(head);
        if (m.find()) {
            try {
                return Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
