package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Nucleus;
import org.larmor.spin.RelaxationEntry;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code larmor list}: the shipped metabolites and sequences. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the metabolites (spin systems) and sequences available.")
final class ListCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "WHAT", description = "metabolites, sequences, or both (default)")
    String what;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
    Path spinSystems;

    @Option(names = "--sequences", paramLabel = "DIR", description = "sequence folder (default: shipped)")
    Path sequences;

    @Option(names = "--sources", description = "with metabolites: also each one's source, the values cited from"
            + " other papers, and the published T1/T2 per field with theirs")
    boolean sources;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String w = what == null ? "both" : what.toLowerCase(Locale.ROOT);
        if (!List.of("both", "metabolites", "sequences").contains(w)) {
            throw InputException.of("larmor list", "expected 'metabolites' or 'sequences', got \"" + what + "\"");
        }
        if (!w.equals("sequences")) {
            SpinLibrary lib = Locations.spinLibrary(spinSystems);
            out.printf("Metabolites (%d):%n", lib.all().size());
            out.printf("  %-9s %-38s %7s %5s  %s%n", "name", "full name", "protons", "31P", "also known as");
            for (SpinSystem s : lib.all()) {
                out.printf(Locale.ROOT, "  %-9s %-38s %7.4g %5.4g  %s%n", s.name(), abbreviate(s.fullName(), 38),
                        s.weightedSpinCount(Nucleus.H1), observed31P(s), String.join(", ", s.aliases()));
                if (sources) {
                    printSources(out, s);
                }
            }
        }
        if (!w.equals("metabolites")) {
            Path dir = sequences != null ? sequences : Locations.shipped("sequences");
            if (!w.equals("sequences")) {
                out.println();
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .toList();
            } catch (IOException e) {
                throw InputException.of(dir.toString(), "cannot list sequence folder: " + e.getMessage());
            }
            out.printf("Sequences (%d) in %s:%n", files.size(), dir);
            out.printf("  %-28s %-12s %6s %8s %8s  %s%n", "file", "template", "B0 (T)", "TE (ms)", "TM (ms)",
                    "description");
            for (Path f : files) {
                Sequence q = SequenceReader.read(f);
                out.printf(Locale.ROOT, "  %-28s %-12s %6.2f %8s %8s  %s%n", f.getFileName(), q.template(), q.b0T(),
                        ms(q.timing().echoTimeS()), ms(q.timing().mixingTimeS()), q.description());
            }
        }
        return 0;
    }

    /** The citations of one metabolite: the file's, each value cited from elsewhere, and each relaxation entry. */
    private static void printSources(PrintWriter out, SpinSystem s) {
        out.println("      source: " + s.source());
        s.valueSources().forEach((value, citation) -> out.println("      " + value + ": " + citation));
        if (s.publishedRelaxation().isEmpty()) {
            out.println("      relaxation: none published (--relaxation refuses it unless --relaxation-missing"
                    + " unrelaxed)");
        }
        for (RelaxationEntry e : s.publishedRelaxation()) {
            out.printf(Locale.ROOT, "      relaxation at %.3g T: %s%s: %s%n", e.fieldT(),
                    (Double.isNaN(e.t1S()) ? "" : String.format(Locale.ROOT, "T1 %.0f ms ", e.t1S() * 1e3))
                            + (Double.isNaN(e.t2S()) ? "" : String.format(Locale.ROOT, "T2 %.1f ms ", e.t2S() * 1e3)),
                    e.resonance() == null ? "" : "(" + e.resonance() + ")", e.citation());
        }
    }

    private static String ms(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f", s * 1e3) : "-";
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Observed 31P nuclei (a phosphorus shared by two fragments, same_as, counted once). */
    private static double observed31P(SpinSystem s) {
        return s.subsystemsObservedOn(Nucleus.P31).stream().mapToDouble(sub -> sub.scale() * sub.spinsOf(Nucleus.P31)
                .stream().filter(p -> !Double.isNaN(p.shiftPpm())).mapToInt(org.larmor.spin.Spin::count).sum()).sum();
    }
}
