package org.larmor.cli;

import org.larmor.input.InputException;
import org.larmor.scan.ScanHeaders;
import org.larmor.scan.ScanSequence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code larmor sequence --from-scan}: the sequence YAML of a scan, every value with its source. */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = {"Write the sequence YAML of a scan: the nearest vendor preset with every value the scan's"
                + " header states, each value with its source (value_sources). A value the sequence needs that"
                + " neither the header nor --set/--preset states is refused, never guessed.",
                "Reads: " + ScanHeaders.FORMATS + ".",
                "Example: larmor sequence --from-scan meas.rda --out my-press.yaml"})
final class SequenceCommand implements Callable<Integer> {
    @Option(names = "--from-scan", required = true, paramLabel = "FILE", description = "the scan whose header is read")
    Path scan;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "sequence YAML to write (default: print it)")
    Path out;

    @Option(names = "--overwrite", description = "replace --out if it exists")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "with --out: do not list the value sources")
    boolean quiet;

    @Mixin
    FromScanOptions from = new FromScanOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (out != null && Files.exists(out) && !overwrite) {
            throw InputException.of(out.toString(), "exists; give --overwrite to replace it");
        }
        if (out != null && Files.isDirectory(out)) {
            throw InputException.of(out.toString(), "is a folder, expected a sequence file name");
        }
        ScanSequence.Result r = from.make(scan, out != null ? out.toString() : scan + ".sequence.yaml");
        if (out == null) {
            w.print(r.yaml());
            w.flush();
            return 0;
        }
        try {
            org.larmor.plot.AtomicWrite.write(out, r.yaml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        if (!quiet) {
            FromScanOptions.report(r, w);
            w.println("wrote " + out);
        }
        return 0;
    }
}
