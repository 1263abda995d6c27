package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.sequence.Acquisition;
import org.larmor.sequence.Sequence;
import org.larmor.signal.Fid;
import org.larmor.signal.Fourier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a whole basis set (one condition) as an LCModel {@code .BASIS} file, the layout LCModel's MYBASI reads
 * (LCModel manual, Provencher SW, §11; source: {@code LCModel.f}, routine MYBASI):
 * <pre>
 *  free-text provenance
 *  $SEQPAR FWHMBA (ppm), HZPPPM (MHz), ECHOT (ms), SEQ $END
 *  $BASIS1 IDBASI, FMTBAS = '(2E16.6)', BADELT (dwell, s), NDATAB (points) $END
 *  $BASIS ID, METABO, CONC = 1.0, TRAMP = 1.0, VOLUME = 1.0, ISHIFT = 0 $END
 *  NDATAB lines of (re, im) of fft(fid)/√N            … repeated per metabolite
 * </pre>
 * The spectrum is not fftshift-ed: point 1 is 0 Hz (the receiver, 4.65 ppm), then positive frequencies (lower ppm,
 * in the on-disk sign convention), then negative ones. The 1/√N makes LCModel's inverse transform (normalised by
 * 1/√N, routine CFFTIN) return the FID exactly, so LCModel's concentrations are in units of the FID amplitude.
 *
 * <p>Only {@link BasisSet#included(String)} is written; the free-text header names the metabolites left out.
 */
public final class LcmodelBasisWriter {
    private LcmodelBasisWriter() {
    }

    /**
     * @param condition one of {@link BasisSet#conditions()}
     * @return the file's text
     * @throws org.larmor.input.InputException if a METABO name is longer than LCModel accepts
     */
    public static String write(BasisSet set, String condition) {
        return new String(bytes(set, condition), StandardCharsets.UTF_8);
    }

    /**
     * As {@link #write(BasisSet, String)}, the file's UTF-8 bytes, made without the String (the file is mostly
     * numbers: see {@link TextBytes}).
     */
    public static byte[] bytes(BasisSet set, String condition) {
        return TextBytes.join(parts(set, condition));
    }

    /**
     * The file in parts, made independently (on several threads by {@link BasisWriters}): the header, then one
     * per metabolite, its {@code $BASIS} group and spectrum. {@link #bytes} is their bytes one after the other.
     *
     * @throws org.larmor.input.InputException if a METABO name is longer than LCModel accepts (before any part is
     *                                         made)
     */
    static List<Staged.Content> parts(BasisSet set, String condition) {
        Sequence seq = set.sequence();
        Acquisition acq = seq.acquisition();
        int n = set.points();
        // Only the metabolites whose signal survives in this spectrum: LCModel fills an all-zero entry from its
        // priors instead of fitting it, so a cancelled metabolite is left out (the header names it).
        List<BasisSpectrum> included = set.included(condition);
        for (BasisSpectrum s : included) {
            LcmodelText.metabo(s.system());
        }
        List<Staged.Content> parts = new ArrayList<>(included.size() + 1);
        parts.add(() -> {
            StringBuilder sb = new StringBuilder(2048);
            LcmodelText.appendProvenance(sb, set, condition, included, "basis set");
            Namelist.Builder seqpar = Namelist.builder("SEQPAR")
                    .number("FWHMBA", acq.voigtFwhmHz() / set.spectrometerMHz())
                    .number("HZPPPM", set.spectrometerMHz());
            if (Double.isFinite(seq.timing().echoTimeS())) {
                seqpar.number("ECHOT", LcmodelText.ms(seq.timing().echoTimeS()));
            }
            seqpar.string("SEQ", SequenceLabel.of(seq)).build().appendTo(sb);
            String idbasi = set.conditions().size() > 1 ? seq.name() + " " + condition : seq.name();
            Namelist.builder("BASIS1")
                    .string("IDBASI", LcmodelText.id(idbasi))
                    .string("FMTBAS", LcmodelText.FORMAT)
                    .number("BADELT", set.dwellS())
                    .integer("NDATAB", n)
                    .build().appendTo(sb);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        });
        double scale = 1 / Math.sqrt(n);
        for (BasisSpectrum s : included) {
            parts.add(() -> {
                StringBuilder sb = new StringBuilder(256);
                Namelist.builder("BASIS")
                        .string("ID", LcmodelText.id(s.name()))
                        .string("METABO", LcmodelText.metabo(s.system()))
                        .number("CONC", 1.0)
                        .number("TRAMP", 1.0)
                        .number("VOLUME", 1.0)
                        .integer("ISHIFT", 0)
                        .build().appendTo(sb);
                TextBytes out = new TextBytes(sb.length() * 2 + n * LcmodelText.LINE_BYTES);
                out.text(sb);
                Fid fid = s.fid(condition);
                double[][] spec = Fourier.forward(fid.re(), fid.im());
                for (int k = 0; k < n; k++) {
                    spec[0][k] *= scale;
                    spec[1][k] *= scale;
                }
                LcmodelText.appendComplex(out, spec[0], spec[1]);
                return out.toByteArray();
            });
        }
        return parts;
    }
}
