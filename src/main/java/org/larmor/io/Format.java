package org.larmor.io;

import org.larmor.input.InputException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The basis-set formats Larmor writes; see docs/formats.md for the layout of each. */
public enum Format {
    /** LCModel {@code .BASIS} (whole set) and {@code .RAW} (per metabolite). */
    LCMODEL("lcmodel"),
    /** NIfTI-MRS {@code .nii.gz}, one file per metabolite. */
    NIFTI("nifti"),
    /** FSL-MRS basis JSON, one file per metabolite. */
    FSL("fsl"),
    /** jMRUI text, one file per condition holding every metabolite. */
    JMRUI("jmrui");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The name users write, and the output sub-folder. */
    public String id() {
        return id;
    }

    /**
     * A comma-separated list such as {@code "lcmodel,nifti,fsl,jmrui"} (case-insensitive, blanks ignored), or
     * {@code "all"}.
     *
     * @throws InputException naming the unknown format and the known ones
     */
    public static Set<Format> parse(String list) {
        Set<Format> out = EnumSet.noneOf(Format.class);
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("all")) {
                out.addAll(EnumSet.allOf(Format.class));
                continue;
            }
            Format f = null;
            for (Format x : values()) {
                if (x.id.equals(p)) {
                    f = x;
                }
            }
            if (f == null) {
                throw InputException.of("formats", "unknown format \"" + part.trim() + "\"; known: " + known()
                        + " (or all)");
            }
            out.add(f);
        }
        if (out.isEmpty()) {
            throw InputException.of("formats", "no format given; choose from " + known());
        }
        return out;
    }

    private static String known() {
        StringBuilder sb = new StringBuilder();
        for (Format f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.id);
        }
        return sb.toString();
    }
}
