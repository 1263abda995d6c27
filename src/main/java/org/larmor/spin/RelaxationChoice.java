package org.larmor.spin;

import java.util.List;
import java.util.Locale;

/**
 * The published T1 and T2 that a simulation at a given B0 uses: the entries of the published field nearest that B0
 * (a tie goes to the lower field). T1 and T2 are not mixed across fields: if the nearest field has only a T2, no T1
 * is applied, and {@link #describe()} says so. Relaxation times depend on B0 (T1 grows and T2 shrinks with field),
 * so a value measured at another field is never used silently.
 *
 * @param metabolite name of the metabolite
 * @param nucleus    the observed nucleus, whose entries alone count
 * @param b0T        the sequence's field, T
 * @param fieldT     the published field used, T (NaN if the metabolite has no published values)
 * @param t1From     the entry giving T1, or null
 * @param t2From     the entry giving T2, or null
 */
public record RelaxationChoice(String metabolite, Nucleus nucleus, double b0T, double fieldT, RelaxationEntry t1From,
                               RelaxationEntry t2From) {

    /** The choice for a system observed on 1H at {@code b0T}. */
    public static RelaxationChoice of(SpinSystem system, double b0T) {
        return of(system, b0T, Nucleus.H1);
    }

    /**
     * The choice for a system observed on {@code observed} at {@code b0T}: only the entries measured on that nucleus
     * count (PCr's 1H methyl T2 says nothing about its phosphorus).
     */
    public static RelaxationChoice of(SpinSystem system, double b0T, Nucleus observed) {
        List<RelaxationEntry> table = system.publishedRelaxation().stream().filter(e -> e.nucleus() == observed)
                .toList();
        if (table.isEmpty()) {
            return new RelaxationChoice(system.name(), observed, b0T, Double.NaN, null, null);
        }
        double best = Double.NaN;
        for (RelaxationEntry e : table) {
            double d = Math.abs(e.fieldT() - b0T);
            double bestD = Math.abs(best - b0T);
            if (Double.isNaN(best) || d < bestD || (d == bestD && e.fieldT() < best)) {
                best = e.fieldT();
            }
        }
        RelaxationEntry t1 = null;
        RelaxationEntry t2 = null;
        for (RelaxationEntry e : table) {
            if (e.fieldT() == best) {
                t1 = t1 == null && !Double.isNaN(e.t1S()) ? e : t1;
                t2 = t2 == null && !Double.isNaN(e.t2S()) ? e : t2;
            }
        }
        return new RelaxationChoice(system.name(), observed, b0T, best, t1, t2);
    }

    /** True if the metabolite has published values (at some field). */
    public boolean published() {
        return t1From != null || t2From != null;
    }

    /** The times handed to the engine; NaN where none is applied (the engine then leaves that decay out). */
    public Relaxation applied() {
        if (!published()) {
            return new Relaxation(Double.NaN, Double.NaN, Double.NaN, "none published for " + nucleus
                    + ": simulated without relaxation");
        }
        String source = (t1From != null ? "T1: " + t1From.citation() : "T1: none published at this field")
                + "; " + (t2From != null ? "T2: " + t2From.citation() : "T2: none published at this field");
        return new Relaxation(t1From != null ? t1From.t1S() : Double.NaN, t2From != null ? t2From.t2S() : Double.NaN,
                fieldT, source);
    }

    /** One line for the user: which field, which values, from where, and what is missing. */
    public String describe() {
        String head = String.format(Locale.ROOT, "relaxation of %s (%s) at B0 = %.3g T: ", metabolite, nucleus, b0T);
        if (!published()) {
            return head + "no published " + nucleus + " T1/T2, simulated without relaxation";
        }
        return head + String.format(Locale.ROOT, "nearest published field %.3g T: ", fieldT)
                + part("T1", t1From, t1From == null ? 0 : t1From.t1S()) + ", "
                + part("T2", t2From, t2From == null ? 0 : t2From.t2S());
    }

    private static String part(String what, RelaxationEntry e, double s) {
        return e == null ? what + " none published at this field (not applied)"
                : String.format(Locale.ROOT, "%s %.0f ms (%s)", what, s * 1e3, e.shortSource());
    }
}
