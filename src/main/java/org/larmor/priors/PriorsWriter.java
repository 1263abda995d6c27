package org.larmor.priors;

import java.util.List;
import java.util.Map;

/**
 * Writes {@link Priors.Result} as a scenario fragment (docs/synthesiser.md, "Priors from fits"): the blocks
 * {@code concentrations_mm} (with its {@code copula}), {@code lineshape}, {@code noise} and {@code phase} with only the
 * fitted keys, every distribution with its {@code source}, and {@code notes} listing the files read and what was
 * left out. With a {@code basis} block added (or {@code --basis-sequence}), it is a whole scenario; otherwise its
 * blocks are merged into one by hand.
 */
public final class PriorsWriter {
    private PriorsWriter() {
    }

    /**
     * @param r        the fitted priors
     * @param command  the command line, for the header
     * @param version  Larmor's version
     * @param basisSequence a sequence YAML path to write as {@code basis: {sequence: …}}, or null
     */
    public static String yaml(Priors.Result r, String command, String version, String basisSequence) {
        StringBuilder b = new StringBuilder();
        b.append("# Scenario priors written by Larmor ").append(version).append(" from ").append(r.subjects())
                .append(" fitted subjects:\n#   ").append(command).append('\n');
        b.append("# Every distribution says where it came from (source:). Merge these blocks into a scenario (keep its"
                + " basis,\n# macromolecules, baseline, …), or add a basis: block to run it as it is.\n");
        if (r.projected()) {
            b.append("# NOTE: the correlation matrix was projected to the nearest positive definite one (see the"
                    + " copula's source).\n");
        }
        b.append("description: ").append(quote("priors fitted to " + r.subjects() + " subjects")).append('\n');
        if (basisSequence != null) {
            b.append("basis:\n  sequence: ").append(quote(basisSequence)).append('\n');
        }
        b.append("concentrations_mm:\n");
        for (Map.Entry<String, Priors.Fitted> e : r.fixed().entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(flow(e.getValue())).append('\n');
        }
        if (!r.metabolites().isEmpty()) {
            b.append("  copula:\n    source: ").append(quote(r.copulaSource())).append('\n');
            b.append("    marginals:\n");
            for (Map.Entry<String, Priors.Fitted> e : r.metabolites().entrySet()) {
                b.append("      ").append(e.getKey()).append(": ").append(flow(e.getValue())).append('\n');
            }
            List<String> names = List.copyOf(r.metabolites().keySet());
            b.append("    correlation:                 # of the normal scores; rows and columns: ")
                    .append(String.join(", ", names)).append('\n');
            for (int i = 0; i < names.size(); i++) {
                b.append("      - [");
                for (int j = 0; j < names.size(); j++) {
                    b.append(j == 0 ? "" : ", ").append(Priors.num(r.correlation()[i][j]));
                }
                b.append("]   # ").append(names.get(i)).append('\n');
            }
        }
        if (r.linewidthHz() != null || r.shiftHz() != null) {
            b.append("lineshape:\n");
            if (r.linewidthHz() != null) {
                b.append("  linewidth_hz: ").append(flow(r.linewidthHz())).append('\n');
            }
            if (r.shiftHz() != null) {
                b.append("  shift_hz: ").append(flow(r.shiftHz())).append('\n');
            }
        }
        if (r.snr() != null) {
            b.append("noise:\n  snr: ").append(flow(r.snr())).append('\n');
        }
        if (r.zeroOrderDeg() != null) {
            b.append("phase:\n  zero_order_deg: ").append(flow(r.zeroOrderDeg())).append('\n');
        }
        b.append("notes:\n  fits:\n");
        for (String f : r.files()) {
            b.append("    - ").append(quote(f)).append('\n');
        }
        b.append("  left_out:").append(r.leftOut().isEmpty() ? " []\n" : "\n");
        for (String l : r.leftOut()) {
            b.append("    - ").append(quote(l)).append('\n');
        }
        return b.toString();
    }

    /** {dist: …, …, source: "…"} on one line. */
    static String flow(Priors.Fitted f) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : f.yaml().entrySet()) {
            b.append(first ? "" : ", ").append(e.getKey()).append(": ").append(value(e.getValue()));
            first = false;
        }
        b.append(", source: ").append(quote(f.source())).append('}');
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return Priors.num(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) {
                b.append(k == 0 ? "" : ", ").append(value(l.get(k)));
            }
            return b.append(']').toString();
        }
        return v.toString();
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
