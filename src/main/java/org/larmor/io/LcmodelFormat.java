package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;

import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LCModel: per spectrum a {@code .BASIS} (the set MYBASI reads; LCModel manual §11) and a {@code .RAW} per
 * metabolite (makebasis input):
 * <pre>
 * lcmodel/&lt;seq&gt;[_&lt;spectrum&gt;].BASIS
 * lcmodel/raw[/&lt;spectrum&gt;]/&lt;Metab&gt;.RAW
 * </pre>
 * A spectrum with no included metabolite (a combination in which everything cancels) writes nothing: a .BASIS
 * without a $BASIS group is not a basis set LCModel can read.
 */
public final class LcmodelFormat implements BasisFormat {
    /** The kind of a {@code .BASIS} file (a basis set: {@code $BASIS1} and {@code $BASIS} groups). */
    public static final String BASIS = "lcmodel-basis";
    /** The kind of a {@code .RAW} or {@code .H2O} file (one spectrum: a {@code $NMID} group and its data). */
    public static final String RAW = "lcmodel-raw";
    private static final Pattern DELTAT = Pattern.compile("DELTAT\\s*=\\s*([-+0-9.EeDd]+)");

    LcmodelFormat() {
    }

    @Override
    public String id() {
        return "lcmodel";
    }

    @Override
    public String description() {
        return "LCModel .BASIS per spectrum and .RAW per metabolite";
    }

    @Override
    public void write(BasisSet set, Staged out) throws IOException {
        String seq = set.sequence().name();
        for (String c : set.conditions()) {
            List<BasisSpectrum> included = set.included(c);
            if (included.isEmpty()) {
                continue;
            }
            String part = BasisFormat.part(set, c);
            out.write("lcmodel/" + seq + (part == null ? "" : "_" + part) + ".BASIS",
                    LcmodelBasisWriter.parts(set, c));
            for (BasisSpectrum s : included) {
                out.write("lcmodel/raw/" + BasisFormat.folder(part) + s.name() + ".RAW",
                        () -> LcmodelRawWriter.bytes(set, s, c));
            }
        }
    }

    @Override
    public List<String> kinds() {
        return List.of(BASIS, RAW);
    }

    @Override
    public String kindOf(Path file, String lowerCaseName, byte[] head) {
        if (head == null) {
            if (lowerCaseName.endsWith(".basis")) {
                return BASIS;
            }
            return lowerCaseName.endsWith(".raw") || lowerCaseName.endsWith(".h2o") ? RAW : null;
        }
        String upper = new String(head, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (upper.contains("$BASIS1") || upper.contains("&BASIS1")) {
            return BASIS;
        }
        return upper.contains("$NMID") || upper.contains("&NMID") ? RAW : null;
    }

    /** LCModel files state no nucleus; the reference is read from Larmor's comment lines. */
    @Override
    public FileReading read(Path file, String kind, double rawDwellS, Map<String, Object> provenance) {
        String head = InputFile.head(file);
        if (kind.equals(RAW)) {
            ReadBasis b = LcmodelRawReader.read(file, rawDwell(file, head, rawDwellS, provenance));
            return new FileReading(b, RAW, null, InputFile.commentReference(head));
        }
        return new FileReading(LcmodelBasisReader.read(file), BASIS, null, InputFile.commentReference(head));
    }

    /**
     * The dwell time of a {@code .RAW} file, which does not hold one: {@code given} if positive, else
     * {@code DELTAT} in the comment lines (Larmor writes it there), else {@code sequence.acquisition.dwell_s} of the
     * provenance.
     */
    private static double rawDwell(Path file, String head, double given, Map<String, Object> provenance) {
        if (given > 0) {
            return given;
        }
        Matcher m = DELTAT.matcher(InputFile.beforeNamelist(head));
        if (m.find()) {
            try {
                return Double.parseDouble(m.group(1).replace('D', 'E').replace('d', 'e'));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        if (provenance != null && provenance.get("sequence") instanceof Map<?, ?> s
                && s.get("acquisition") instanceof Map<?, ?> acq && acq.get("dwell_s") instanceof Number d) {
            return d.doubleValue();
        }
        throw InputException.of(file.toString(), "an LCModel .RAW file holds no dwell time: give it (in seconds) with"
                + " --raw-dwell");
    }
}
