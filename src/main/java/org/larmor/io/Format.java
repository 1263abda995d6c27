package org.larmor.io;

import org.larmor.input.InputException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The registration list of basis-set formats: each constant is one {@link BasisFormat}, which writes and reads its
 * format. {@link #parse}, {@link BasisWriters}, the command-line help and the readers of basis files (validate's
 * {@code BasisFiles}, which asks each format in turn whether a file is one of its kinds) all read this list, so a
 * new format is one class and one line here. See docs/formats.md for the layout of each.
 */
public enum Format {
    LCMODEL(new LcmodelFormat()),
    NIFTI(new NiftiFormat()),
    FSL(new FslFormat()),
    JMRUI(new JmruiFormat());

    private final BasisFormat format;

    Format(BasisFormat format) {
        this.format = format;
    }

    /** The name users write, and the output sub-folder. */
    public String id() {
        return format.id();
    }

    /** One line for help texts. */
    public String description() {
        return format.description();
    }

    /** The writer and reader of this format. */
    public BasisFormat format() {
        return format;
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
                if (x.id().equals(p)) {
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

    /** Every id, in registration order. */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Format f : values()) {
            out.add(f.id());
        }
        return out;
    }

    /** "lcmodel, nifti, fsl, jmrui". */
    public static String known() {
        return String.join(", ", ids());
    }

    /**
     * The ids as picocli completion candidates, so {@code ${COMPLETION-CANDIDATES}} in an option's description
     * lists the registered formats.
     */
    public static final class Ids implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ids().iterator();
        }
    }
}
