package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one metabolite's FID as an LCModel {@code .RAW} file (time domain; the input of LCModel's makebasis, and
 * of LCModel itself as data):
 * <pre>
 *  free-text provenance
 *  $SEQPAR HZPPPM (MHz), ECHOT (ms), SEQ $END
 *  $NMID ID, FMTDAT = '(2E16.6)', VOLUME = 1.0, TRAMP = 1.0 $END
 *  one line of (re, im) per point, t = 0, dwell, 2·dwell, …
 * </pre>
 * Only HZPPPM, ECHOT and SEQ go into {@code $SEQPAR}: LCModel stops reading a namelist at an unknown key and ignores
 * the rest silently. Dwell time and point count are not in the file: LCModel takes them from its control file
 * (DELTAT, NUNFIL), so they are recorded in the provenance lines.
 */
public final class LcmodelRawWriter {
    private LcmodelRawWriter() {
    }

    /**
     * @param condition one of {@link BasisSet#conditions()}
     * @return the file's text
     */
    public static String write(BasisSet set, BasisSpectrum spectrum, String condition) {
        return new String(bytes(set, spectrum, condition), StandardCharsets.UTF_8);
    }

    /**
     * As {@link #write(BasisSet, BasisSpectrum, String)}, the file's UTF-8 bytes, made without the String (see
     * {@link TextBytes}).
     */
    public static byte[] bytes(BasisSet set, BasisSpectrum spectrum, String condition) {
        Sequence seq = set.sequence();
        Fid fid = spectrum.fid(condition);
        StringBuilder sb = new StringBuilder(2048);
        LcmodelText.appendProvenance(sb, set, condition, List.of(spectrum), "FID; NUNFIL = " + fid.points()
                + ", DELTAT = " + fid.dwellS() + " s");
        Namelist.Builder seqpar = Namelist.builder("SEQPAR").number("HZPPPM", set.spectrometerMHz());
        if (Double.isFinite(seq.timing().echoTimeS())) {
            seqpar.number("ECHOT", LcmodelText.ms(seq.timing().echoTimeS()));
        }
        seqpar.string("SEQ", SequenceLabel.of(seq)).build().appendTo(sb);
        Namelist.builder("NMID")
                .string("ID", LcmodelText.id(spectrum.name()))
                .string("FMTDAT", LcmodelText.FORMAT)
                .number("VOLUME", 1.0)
                .number("TRAMP", 1.0)
                .build().appendTo(sb);
        TextBytes out = new TextBytes(sb.length() * 2 + fid.points() * LcmodelText.LINE_BYTES);
        out.text(sb);
        LcmodelText.appendComplex(out, fid.re(), fid.im());
        return out.toByteArray();
    }
}
