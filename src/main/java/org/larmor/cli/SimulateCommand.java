package org.larmor.cli;

import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.input.InputException;
import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.signal.LineList;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code larmor simulate}: one metabolite under one sequence, its lines printed; optionally written to files. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate one metabolite under one sequence and print its spectral lines.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = {"-s", "--sequence"}, required = true, paramLabel = "FILE", description = "sequence YAML")
    Path sequence;

    @Option(names = {"-m", "--metabolite"}, required = true, paramLabel = "NAME",
            description = "metabolite name or alias (e.g. NAA, mI, GABA)")
    String metabolite;

    @Option(names = "--spin-systems", paramLabel = "DIR", description = "spin-system folder (default: shipped)")
    Path spinSystems;

    int maxLines = 40;

    /** Validated when parsed: a negative count is a usage error (exit 2), not an internal one. */
    @Option(names = "--lines", paramLabel = "N", defaultValue = "40",
            description = "print at most N strongest lines per condition, N >= 0 (default ${DEFAULT-VALUE})")
    void setLines(int n) {
        if (n < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--lines': " + n + " is negative; expected 0 or more lines to print");
        }
        maxLines = n;
    }

    @Option(names = "--ph", paramLabel = "PH", description = "pH for pH-dependent shifts (31P Pi); default: the"
            + " spin-system file's default_ph")
    Double ph;

    @Option(names = "--out", paramLabel = "DIR", description = "also write this metabolite as a basis set here")
    Path out;

    @Option(names = "--overwrite", description = "with --out: replace the basis set already in the folder (only the"
            + " files its provenance.json lists, and its report)")
    boolean overwrite;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "lcmodel,nifti,fsl,jmrui",
            description = "formats to write with --out (default ${DEFAULT-VALUE})")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        if (overwrite && out == null) {
            throw InputException.of("--overwrite", "only with --out (simulate writes files only there)");
        }
        Sequence seq = SequenceReader.read(sequence);
        SpinLibrary lib = Locations.spinLibrary(spinSystems);
        List<SpinSystem> systems = BasisCommand.atPh(lib.select(metabolite, seq.nucleus()), ph);
        if (out != null) {
            BasisCommand.simulateAndWrite(systems, seq, false, format, out, overwrite, pw);
        }
        BasisSpectrum b = BasisSimulator.simulate(systems.get(0), seq);
        double hzPerPpm = seq.hzPerPpm();
        double ref = seq.acquisition().referencePpm();
        pw.printf(Locale.ROOT, "%s (%s) under %s: B0 %.3f T, %s at %.4f MHz, receiver at %.2f ppm (0 ppm: %s)%n",
                b.name(), b.system().fullName(), seq.name(), seq.b0T(), seq.nucleus(), seq.larmorHz() * 1e-6, ref,
                seq.nucleus().ppmConvention().zeroCompound());
        for (org.larmor.spin.SubSystem sub : b.system().subsystems()) {
            for (org.larmor.spin.Spin p : sub.spins()) {
                if (p.titration() != null) {
                    pw.printf(Locale.ROOT, "  %s/%s: pH %.2f gives %.4f ppm (pKa %.2f, %.2f to %.2f ppm)%n",
                            sub.name(), p.label(), p.titration().phAt(p.shiftPpm()), p.shiftPpm(),
                            p.titration().pKa(), p.titration().acidPpm(), p.titration().basePpm());
                }
            }
        }
        for (Map.Entry<String, LineList> e : b.lines().entrySet()) {
            LineList l = e.getValue();
            double[] s0 = l.sumAtZero();
            pw.printf(Locale.ROOT, "%n[%s] %d lines; signal at t = 0: %.6f %+.6fi%n", e.getKey(), l.size(), s0[0],
                    s0[1]);
            List<Integer> idx = new ArrayList<>();
            for (int k = 0; k < l.size(); k++) {
                idx.add(k);
            }
            idx.sort((x, y) -> Double.compare(Math.hypot(l.amplitudeRe()[y], l.amplitudeIm()[y]),
                    Math.hypot(l.amplitudeRe()[x], l.amplitudeIm()[x])));
            List<Integer> shown = new ArrayList<>(idx.subList(0, Math.min(maxLines, idx.size())));
            shown.sort((x, y) -> Double.compare(l.frequencyHz()[x], l.frequencyHz()[y]));
            pw.printf("  %10s %12s %12s %12s%n", "ppm", "Hz (rx)", "Re A", "Im A");
            for (int k : shown) {
                double ppm = ref - l.frequencyHz()[k] / hzPerPpm;
                pw.printf(Locale.ROOT, "  %10.5f %12.4f %12.6f %12.6f%n", ppm, l.frequencyHz()[k], l.amplitudeRe()[k],
                        l.amplitudeIm()[k]);
            }
            if (shown.size() < l.size()) {
                pw.printf("  (%d weaker lines not shown; --lines N shows more)%n", l.size() - shown.size());
            }
        }
        return 0;
    }
}
