package org.larmor.cli;

import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;
import org.larmor.sequence.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code larmor timeline}: every event with its start and duration, and the TE it implies. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Print every event of a sequence with its start, duration and the echo time it implies.",
                "Impossible timing (pulses that do not fit their echo times) is refused with the file, line and"
                        + " field."})
final class TimelineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SEQUENCE", description = "sequence YAML")
    Path sequence;

    @picocli.CommandLine.Option(names = "--events", description = "print the expanded event list as sequence YAML"
            + " (template: events) instead: edit it, or read it back for the same events to the last bit")
    boolean events;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Sequence seq = SequenceReader.read(sequence);
        if (events) {
            out.print(org.larmor.sequence.EventListWriter.write(seq, "Larmor " + org.larmor.basis.Version.get()));
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "%s (%s), B0 %.3f T, %s at %.4f MHz%n", seq.name(), seq.template(), seq.b0T(),
                seq.nucleus(), seq.larmorHz() * 1e-6);
        for (Sequence.Variant v : seq.variants()) {
            Timeline t = Timeline.of(v, seq.nucleus());
            if (seq.variants().size() > 1) {
                out.printf("%n[%s]%n", v.name());
            }
            out.printf("  %10s %10s %10s  %s%n", "start ms", "dur ms", "centre ms", "event");
            for (Timeline.Entry e : t.entries()) {
                out.printf(Locale.ROOT, "  %10.4f %10.4f %10.4f  %s%n", e.startS() * 1e3, e.durationS() * 1e3,
                        e.centreS() * 1e3, e.description());
            }
            out.printf(Locale.ROOT, "  implied TE (first pulse centre to acquisition): %.4f ms", t.impliedEchoTimeS()
                    * 1e3);
            double declared = seq.indirect() == null ? seq.timing().echoTimeS()
                    : seq.indirect().headerS()[v.increment()];
            if (Double.isFinite(declared)) {
                out.printf(Locale.ROOT, "; declared TE %.4f ms%s", declared * 1e3,
                        Math.abs(declared - t.impliedEchoTimeS()) > 1e-9 && !seq.template().equals("steam")
                                ? "  << DIFFERS" : "");
            }
            if (Double.isFinite(seq.timing().mixingTimeS())) {
                out.printf(Locale.ROOT, "; TM %.4f ms (the implied TE of STEAM includes TM)",
                        seq.timing().mixingTimeS() * 1e3);
            }
            out.println();
        }
        return 0;
    }
}
