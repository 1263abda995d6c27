package org.larmor.cli;

import org.larmor.basis.BasisSet;
import org.larmor.basis.BasisSimulator;
import org.larmor.input.InputException;
import org.larmor.io.BasisWriters;
import org.larmor.io.Format;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.spin.Nucleus;
import org.larmor.spin.RelaxationChoice;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code larmor basis}: a basis set of many metabolites under one sequence, in the formats the fitting tools read. */
@Command(name = "basis", mixinStandardHelpOptions = true,
        footerHeading = "%nMetabolite sets (--metabolites; combine with names, e.g. brain,Ref0ppm):%n",
        footer = "${sys:larmor.metaboliteSets}",
        description = {"Simulate a basis set and write it in the formats fitting tools read.",
                "Example: larmor basis --sequence sequences/press-te30-3t.yaml --metabolites brain"
                        + " --format lcmodel,nifti,fsl,jmrui --out out/press-te30-3t"})
final class BasisCommand implements Callable<Integer> {
    @Option(names = {"-s", "--sequence"}, paramLabel = "FILE", description = "sequence YAML (or --from-scan)")
    Path sequence;

    @Option(names = "--from-scan", paramLabel = "FILE", description = {"make the sequence from a scan's header"
            + " instead (" + org.larmor.scan.ScanHeaders.FORMATS + "): the nearest vendor preset with every value the"
            + " header states; what it does not state and the sequence needs is refused unless given with --set or"
            + " --preset. Every value's source goes into provenance.json (sequence.value_sources); 'larmor sequence"
            + " --from-scan' writes the same sequence as YAML"})
    Path fromScan;

    @picocli.CommandLine.Mixin
    FromScanOptions from = new FromScanOptions();

    @Option(names = {"-m", "--metabolites"}, paramLabel = "LIST",
            description = {"comma-separated sets and names/aliases, e.g. brain,Ref0ppm or NAA,Cr,PCr,mI (default: the"
                    + " observed nucleus' default set: default " + SpinLibrary.DEFAULT_SET + " for 1H, brain-31p for 31P); the"
                    + " sets are listed below. Only metabolites with a spin of the sequence's nucleus are taken"})
    String metabolites;

    @Option(names = "--ph", paramLabel = "PH", description = "pH for pH-dependent shifts (31P Pi: Henderson-Hasselbalch,"
            + " Petroff et al. 1985), " + org.larmor.spin.PhTitration.MIN_PH + "-" + org.larmor.spin.PhTitration.MAX_PH
            + "; default: each spin-system file's default_ph. The pH and shift used go into provenance.json")
    Double ph;

    @Option(names = "--overwrite", description = "replace the basis set already in the output folder: its files, as"
            + " listed in its provenance.json, are removed once the new set is written (without it, a folder holding"
            + " a set is refused)")
    boolean overwrite;

    static {
        // For --help: what each named set holds, from metabolite-sets.yaml.
        StringBuilder sb = new StringBuilder();
        for (SpinLibrary.NamedSet n : SpinLibrary.namedSets()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("  ").append(n.name()).append(n.nucleus() == null ? "" : " [" + n.nucleus() + "]")
                    .append(n.isDefault() ? " (default for " + n.nucleus() + ")" : "").append(": ")
                    .append(n.description());
            if (!n.metabolites().isEmpty()) {
                sb.append(" (").append(String.join(", ", n.metabolites())).append(')');
            }
        }
        System.setProperty("larmor.metaboliteSets", sb.toString());
    }

    @Option(names = {"-f", "--format"}, defaultValue = "all", paramLabel = "LIST",
            completionCandidates = Format.Ids.class,
            description = "comma-separated, from: ${COMPLETION-CANDIDATES}; or all (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
    Path spinSystems;

    @Option(names = {"-q", "--quiet"}, description = "no progress or summary")
    boolean quiet;

    @Option(names = "--relaxation", description = {"apply each metabolite's published T1/T2 (relaxation: in its"
            + " spin-system file) during the sequence, those of the published field nearest the sequence's B0; each"
            + " choice is printed on stderr and recorded in provenance.json. Off by default for basis sets"})
    boolean relaxation;

    /** What --relaxation does with a metabolite that has no published T1/T2. */
    enum MissingRelaxation { refuse, unrelaxed }

    @Option(names = "--relaxation-missing", defaultValue = "refuse", paramLabel = "POLICY",
            description = "with --relaxation, a metabolite without published T1/T2: refuse (default: the run stops"
                    + " and names it) or unrelaxed (simulated without relaxation, with a warning, and so recorded)")
    MissingRelaxation relaxationMissing;

    @Option(names = "--b1-scales", paramLabel = "LIST", split = ",",
            description = {"B1 scales (at least 4, increasing, 0.01-10; e.g. 0.6,0.7,...,1.4): one basis set per"
                    + " scale in OUT/b1_<scale>/, simulated also at the midpoints to state the cubic interpolation"
                    + " error (b1_interpolation in each provenance.json; docs/rf-pulses.md)"})
    List<Double> b1Scales;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        if ((sequence == null) == (fromScan == null)) {
            throw InputException.of("larmor basis", "give the sequence: --sequence FILE or --from-scan FILE (one of"
                    + " them)");
        }
        if (fromScan == null && (from.preset != null || !from.set.isEmpty() || from.presets != null)) {
            throw InputException.of("larmor basis", "--preset, --set and --presets go with --from-scan");
        }
        Sequence seq;
        if (fromScan != null) {
            org.larmor.scan.ScanSequence.Result r = from.make(fromScan, fromScan + ".sequence.yaml");
            seq = r.sequence();
            if (!quiet) {
                FromScanOptions.report(r, spec.commandLine().getErr());
            }
        } else {
            seq = SequenceReader.read(sequence);
        }
        SpinLibrary lib = Locations.spinLibrary(spinSystems);
        List<SpinSystem> systems = atPh(lib.select(metabolites == null ? SpinLibrary.defaultSet(seq.nucleus())
                : metabolites, seq.nucleus()), ph);
        if (relaxation) {
            // printed even with --quiet: which physics was applied is not progress
            systems = withPublishedRelaxation(systems, seq.b0T(), seq.nucleus(), relaxationMissing,
                    spec.commandLine().getErr());
        }
        if (b1Scales != null) {
            simulateAndWriteB1Scales(systems, seq, relaxation, format, out, overwrite, quiet ? null : pw);
            return 0;
        }
        simulateAndWrite(systems, seq, relaxation, format, out, overwrite, quiet ? null : pw);
        return 0;
    }

    /** Folder of the basis set at one B1 scale: {@code b1_0.8}, {@code b1_1}, {@code b1_1.05}. */
    static String b1Folder(double scale) {
        return "b1_" + org.larmor.input.Units.text(scale);
    }

    /** {@code --b1-scales}: a basis set per scale, each recording the interpolation's stated error. */
    void simulateAndWriteB1Scales(List<SpinSystem> systems, Sequence seq, boolean relaxation, String format,
                                  Path out, boolean overwrite, PrintWriter pw) {
        double[] scales = b1Scales.stream().mapToDouble(Double::doubleValue).toArray();
        if (scales.length < 4) {
            throw InputException.of("--b1-scales", "expected at least 4 B1 scales (cubic interpolation through 4"
                    + " nodes), got " + scales.length);
        }
        for (int k = 0; k < scales.length; k++) {
            if (!(scales[k] >= org.larmor.sequence.B1Distribution.MIN_SCALE
                    && scales[k] <= org.larmor.sequence.B1Distribution.MAX_SCALE)) {
                throw InputException.of("--b1-scales", "expected B1 scales from 0.01 to 10, got " + scales[k]);
            }
            if (k > 0 && !(scales[k] > scales[k - 1])) {
                throw InputException.of("--b1-scales", "expected increasing B1 scales, got " + scales[k - 1]
                        + " then " + scales[k]);
            }
        }
        if (seq.b1Distribution() != null || seq.b1Scale() != 1) {
            throw InputException.of(seq.origin(), "--b1-scales sets the B1 scale of each basis set; remove b1_scale"
                    + " and b1_distribution from the sequence");
        }
        Set<Format> formats = Format.parse(format);
        for (double s : scales) {
            BasisWriters.checkTarget(out.resolve(b1Folder(s)), overwrite);
        }
        long t0 = System.nanoTime();
        org.larmor.basis.B1Interpolated b = org.larmor.basis.B1Interpolated.simulate(systems, seq, scales,
                relaxation);
        long t1 = System.nanoTime();
        for (int k = 0; k < scales.length; k++) {
            try {
                BasisWriters.write(b.nodeForWriting(k), formats, out.resolve(b1Folder(scales[k])), overwrite);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        if (pw != null) {
            pw.printf(Locale.ROOT, "%d metabolites, %s, B1 scales %s: simulated in %.3f s (%d scales and %d"
                            + " midpoints); cubic interpolation between them within %.3g of each FID's norm"
                            + " (stated error); written to %s/b1_*%n", systems.size(), seq.name(),
                    b1Scales.stream().map(org.larmor.input.Units::text).toList(), (t1 - t0) * 1e-9, scales.length,
                    scales.length - 1, b.statedErrorRelative(), out);
        }
    }

    /**
     * Each system with the published T1/T2 of the field nearest {@code b0T} to apply ({@link RelaxationChoice}),
     * every choice printed on {@code err} (null: silent). Metabolites with no published values are refused, naming
     * them all, unless {@code missing} is {@code unrelaxed}: then they are simulated without relaxation, with a
     * warning, and provenance says so.
     */
    static List<SpinSystem> withPublishedRelaxation(List<SpinSystem> systems, double b0T, Nucleus observed,
                                                    MissingRelaxation missing, PrintWriter err) {
        List<RelaxationChoice> choices = systems.stream().map(s -> RelaxationChoice.of(s, b0T, observed)).toList();
        List<String> none = choices.stream().filter(c -> !c.published()).map(RelaxationChoice::metabolite).toList();
        if (!none.isEmpty() && missing == MissingRelaxation.refuse) {
            throw InputException.of("--relaxation", "no published " + observed + " T1/T2 for " + String.join(", ", none)
                    + " (no relaxation: in the spin-system file); leave them out, add relaxation: entries with their"
                    + " sources, or give --relaxation-missing unrelaxed to simulate them without relaxation");
        }
        List<SpinSystem> out = new java.util.ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            RelaxationChoice c = choices.get(i);
            if (err != null) {
                err.println("larmor: " + (c.published() ? "" : "warning: ") + c.describe());
            }
            out.add(systems.get(i).withRelaxation(c.applied()));
        }
        return out;
    }

    /** The systems at the user's pH (null: each file's default), refused outside the model's range. */
    static List<SpinSystem> atPh(List<SpinSystem> systems, Double ph) {
        if (ph == null) {
            return systems;
        }
        if (!(ph >= org.larmor.spin.PhTitration.MIN_PH && ph <= org.larmor.spin.PhTitration.MAX_PH)) {
            throw org.larmor.input.InputException.of("--ph", "expected a pH from " + org.larmor.spin.PhTitration.MIN_PH
                    + " to " + org.larmor.spin.PhTitration.MAX_PH + " (the range of the single-equilibrium shift"
                    + " model), got " + ph);
        }
        return systems.stream().map(s -> s.atPh(ph)).toList();
    }

    static void simulateAndWrite(List<SpinSystem> systems, Sequence seq, boolean relaxation, String format, Path out,
                                 PrintWriter pw) {
        simulateAndWrite(systems, seq, relaxation, format, out, false, pw);
    }

    /** Simulates and writes; every input is checked before the first file is touched. */
    static void simulateAndWrite(List<SpinSystem> systems, Sequence seq, boolean relaxation, String format, Path out,
                                 boolean overwrite, PrintWriter pw) {
        Set<Format> formats = Format.parse(format);
        BasisWriters.checkTarget(out, overwrite); // before the simulation: a refused folder costs nothing
        long t0 = System.nanoTime();
        Progress progress = pw == null ? null
                : Progress.of(new PrintWriter(System.err, true), "simulating", "simulated", "metabolites");
        BasisSet set = BasisSimulator.simulate(systems, seq, relaxation, progress == null
                ? (BasisSimulator.Progress) null : (done, total, name) -> progress.update(done, total, name));
        long t1 = System.nanoTime();
        try {
            BasisWriters.write(set, formats, out, overwrite);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        long t2 = System.nanoTime();
        if (pw != null) {
            BasisWriters.notices(set, formats).forEach(pw::println);
            pw.printf(Locale.ROOT, "%d metabolites, %s, %d points: simulated in %.3f s, written in %.3f s to %s%n",
                    systems.size(), seq.name(), seq.acquisition().points(), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, out);
        }
    }
}
