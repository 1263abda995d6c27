package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.plot.AtomicWrite;
import org.larmor.plot.PlotRenderer;
import org.larmor.plot.SpectrumPlots;
import org.larmor.rf.PulseAnalysis;
import org.larmor.rf.PulseFiles;
import org.larmor.rf.PulseReport;
import org.larmor.rf.PulseShape;
import org.larmor.rf.PulseSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code larmor pulse}: a pulse file's calibration, bandwidth and profile. */
@Command(name = "pulse", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:internal error (a bug: please report it)",
                "2:bad input or option, or the output file cannot be written (full disk, no permission); files are"
                        + " written whole or not at all"},
        description = {"Read an RF pulse file (Siemens .pta, Varian .RF, Bruker .exc/.rfc/.inv, text) and print its"
                + " B1 for the flip angle, its bandwidth, its adiabatic threshold if adiabatic, and its profile."})
final class PulseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "pulse file")
    Path file;

    @Option(names = "--duration-ms", required = true, paramLabel = "MS", description = "pulse duration in ms")
    double durationMs;

    @Option(names = "--flip-deg", defaultValue = "90", paramLabel = "DEG",
            description = "flip angle in degrees (default ${DEFAULT-VALUE})")
    double flipDeg;

    @Option(names = "--nucleus", defaultValue = "1H", paramLabel = "NUCLEUS",
            description = "nucleus the pulse is played on, for B1 in µT and the slice gradient in mT/m"
                    + " (1H, 2H, 13C, 31P, …; default ${DEFAULT-VALUE})")
    String nucleus;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the profile (offset, Mx, My, Mz) as CSV")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE", description = "also plot the profile (Mxy, Mz and the profile the"
            + " bandwidth is measured on) to a .png or .svg")
    Path plot;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(durationMs > 0 && durationMs <= 1000)) {
            throw InputException.of("--duration-ms", "expected a duration from 0 to 1000 ms, got " + durationMs);
        }
        org.larmor.spin.Nucleus n = org.larmor.spin.Nucleus.parse(nucleus).orElseThrow(() -> InputException.of(
                "--nucleus", "unknown nucleus \"" + nucleus + "\"; known: " + String.join(", ", java.util.Arrays.stream(
                        org.larmor.spin.Nucleus.values()).map(org.larmor.spin.Nucleus::symbol).toList())));
        PulseShape shape = PulseFiles.read(file);
        PulseSummary s = PulseAnalysis.analyse(shape, durationMs * 1e-3, Math.toRadians(flipDeg));
        PrintWriter out = spec.commandLine().getOut();
        // The report ends with the ASCII profile; it is printed once.
        out.println(PulseReport.text(s, n.gammaHzPerT(), n.symbol()));
        if (plot != null) {
            try {
                PlotRenderer.write(SpectrumPlots.pulseProfile(s), plot, 900, 500);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + plot + ": " + e.getMessage(), e);
            }
        }
        if (csv != null) {
            try {
                AtomicWrite.write(csv, PulseReport.csv(s.profile()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
