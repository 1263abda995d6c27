package org.larmor.cli;

import org.larmor.validate.BasisFiles;
import org.larmor.validate.BasisReport;
import org.larmor.validate.LoadedSpectra;
import org.larmor.validate.PpmWindow;
import org.larmor.validate.SpectrumChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code larmor report BASIS}: one self-contained HTML page describing a basis set, for checking it by eye and for
 * a paper's methods section.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:internal error (a bug: please report it)",
                "2:bad input or option, or the output file cannot be written (full disk, no permission); files are"
                        + " written whole or not at all"},
        description = {"Write one self-contained HTML page about a basis set: a reporting table after the MRSinMRS"
                + " checklist (field, sequence, TE/TM, pulses, voxel, points, spectral width, simulation method,"
                + " spin-system sources, Larmor version), a methods paragraph, and every metabolite's spectrum.",
                "BASIS is a Larmor output folder (its provenance.json fills the table) or any basis set Larmor reads"
                        + " (LCModel .BASIS/.RAW, NIfTI-MRS, FSL-MRS JSON, jMRUI text), which gives fewer rows.",
                "Example: larmor report out/press-te30-3t   (writes out/press-te30-3t/report.html)"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASIS", description = "basis set: folder or file")
    Path basis;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "HTML file to write (default: BASIS/report.html, or BASIS.html beside a file)")
    Path out;

    @Option(names = "--ppm", paramLabel = "LOW,HIGH",
            description = "ppm range of the plots (default 0,4.5 for 1H, else the whole spectral width)")
    String ppm;

    @Option(names = "--raw-dwell", paramLabel = "SECONDS",
            description = "dwell time of LCModel .RAW files when they do not state it")
    Double rawDwell;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        LoadedSpectra set = BasisFiles.load(basis, rawDwell == null ? Double.NaN : rawDwell);
        SpectrumChecks.requirePpmAxis(set); // the same check as compare and plot
        double lo;
        double hi;
        if (ppm != null) {
            PpmWindow w = PpmWindow.parse(ppm, "--ppm");
            lo = w.low();
            hi = w.high();
        } else if (set.nucleus() == null || set.nucleus().equals("1H")) {
            lo = PlotCommand.DEFAULT_1H_PPM[0];
            hi = PlotCommand.DEFAULT_1H_PPM[1];
        } else {
            double half = 0.5 / set.data().dwellS() / set.spectrometerMHz();
            lo = set.referencePpm() - half;
            hi = set.referencePpm() + half;
        }
        Path target = out != null ? out : Files.isDirectory(basis) ? basis.resolve("report.html")
                : basis.resolveSibling(PlotCommand.stem(basis) + ".html");
        try {
            BasisReport.write(set, lo, hi, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        int n = set.data().conditions().values().stream().mapToInt(java.util.Map::size).sum();
        pw.printf(Locale.ROOT, "report on %d spectra of %s written to %s%n", n, basis, target);
        return 0;
    }
}
