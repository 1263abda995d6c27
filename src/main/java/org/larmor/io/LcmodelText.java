package org.larmor.io;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSpectrum;
import org.larmor.basis.Provenance;
import org.larmor.input.InputException;
import org.larmor.input.Location;
import org.larmor.sequence.Sequence;
import org.larmor.spin.SpinSystem;

import java.util.List;
import java.util.Map;

/**
 * What LCModel's {@code .RAW} and {@code .BASIS} writers share: the free-text provenance header, the limits on
 * names (lcmodel.inc: MCHMET = 6, MCHID = 20) and the '(2E16.6)' data lines.
 */
final class LcmodelText {
    /** LCModel's METABO length limit (MCHMET in lcmodel.inc). */
    static final int MAX_METABO = 6;
    /** LCModel's ID length limit (MCHID in lcmodel.inc). */
    static final int MAX_ID = 20;
    static final String FORMAT = "(2E16.6)";

    private LcmodelText() {
    }

    /** The METABO name of a spin system; an error naming its file if it is longer than LCModel accepts. */
    static String metabo(SpinSystem system) {
        String m = system.lcmodelNameOrName();
        if (m.isEmpty() || m.length() > MAX_METABO || m.contains("'")) {
            throw new InputException(new Location(system.origin(), 0, 0), "lcmodel_name", "LCModel's METABO holds"
                    + " 1 to " + MAX_METABO + " characters without quotes; \"" + m + "\" of " + system.name()
                    + " does not fit: set lcmodel_name in the spin-system file");
        }
        return m;
    }

    /** An ID (at most 20 characters): longer names are cut, since LCModel only shows the ID. */
    static String id(String s) {
        return s.length() <= MAX_ID ? s : s.substring(0, MAX_ID);
    }

    /** Milliseconds from seconds, rounded to the nanosecond so that 0.03 s is written 30.0, not 30.000000000000004. */
    static double ms(double seconds) {
        return Math.round(seconds * 1e9) / 1e6;
    }

    /**
     * Provenance as free text before the first {@code $}, which LCModel skips while it looks for the first group.
     * Characters that would start a group ({@code $}, {@code &}) are replaced.
     */
    static void appendProvenance(StringBuilder sb, BasisSet set, String condition, List<BasisSpectrum> spectra,
                                 String what) {
        Provenance p = set.provenance();
        Sequence seq = set.sequence();
        line(sb, "Larmor " + p.larmorVersion() + " " + what + " (free text: LCModel reads from the first group on)");
        line(sb, "sequence: " + seq.name() + " (template " + seq.template() + "), file " + seq.origin()
                + ", sha256 " + seq.sourceHash());
        if (set.conditions().size() > 1) {
            line(sb, "condition: " + condition + " of " + set.conditions());
        }
        List<String> omitted = set.omitted().getOrDefault(condition, List.of());
        if (!omitted.isEmpty()) {
            // Said here because the file alone would not show why a metabolite the user asked for is missing.
            line(sb, "left out (signal cancels in " + condition + ", an all-zero entry would be filled from LCModel's"
                    + " priors): " + String.join(", ", omitted));
        }
        line(sb, "receiver reference: " + seq.acquisition().referencePpm() + " ppm (LCModel's PPMCEN)");
        line(sb, "FID sign: " + Provenance.FID_CONVENTION);
        line(sb, "normalisation: " + Provenance.NORMALISATION);
        for (BasisSpectrum s : spectra) {
            Map<String, Object> m = p.metabolite(s.name());
            line(sb, "metabolite " + s.name() + " (METABO " + s.system().lcmodelNameOrName() + "): source "
                    + m.get("source") + "; file " + m.get("file") + "; content sha256 " + m.get("content_sha256"));
        }
        sb.append('\n');
    }

    /** Complex values, one per line, as '(2E16.6)'. */
    static void appendComplex(TextBytes out, double[] re, double[] im) {
        for (int k = 0; k < re.length; k++) {
            out.fortranE(re[k]).fortranE(im[k]).ascii('\n');
        }
    }

    /** Bytes of a '(2E16.6)' line: two numbers and the newline. */
    static final int LINE_BYTES = 2 * FortranEFormat.WIDTH + 1;

    private static void line(StringBuilder sb, String text) {
        sb.append(' ').append(text.replace('$', '_').replace('&', '+').replace('\n', ' ').replace('\r', ' '))
                .append('\n');
    }
}
