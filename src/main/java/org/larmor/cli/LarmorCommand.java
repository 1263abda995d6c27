package org.larmor.cli;

import org.larmor.basis.Version;
import org.larmor.input.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code larmor}: the command line. Input errors (a wrong YAML value, an unknown metabolite) print one line naming
 * the file, line and field, and exit with status 2; nothing is written. A file that cannot be written (full disk, no
 * permission, a folder in the way) also exits with status 2, with one line naming the file and the reason; files are
 * staged and moved into place whole, so no truncated file is left. Status 1 is kept for internal errors (bugs).
 */
@Command(name = "larmor", mixinStandardHelpOptions = true, versionProvider = LarmorCommand.VersionProvider.class,
        description = "Spin-physics simulator for MR spectroscopy: basis sets and synthetic spectra.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success",
                "1:internal error (a bug: please report it; LARMOR_DEBUG=1 prints the stack trace)",
                "2:bad input (the message names the file, line or option), or an output file could not be written"
                        + " (full disk, no permission); files are moved into place whole, so none is left truncated"})
public final class LarmorCommand implements Runnable {
    /** The subcommands, in the order {@code larmor --help} lists them (before {@code help}). */
    static final List<Class<?>> SUBCOMMANDS = List.of(BasisCommand.class, SimulateCommand.class, ListCommand.class,
            TimelineCommand.class, PulseCommand.class, PlotCommand.class, ReportCommand.class, CompareCommand.class,
            RealismCommand.class, SynthCommand.class, MrsiCommand.class, SequenceCommand.class, PriorsCommand.class);

    /** Exit status for bad input. */
    public static final int INPUT_ERROR = 2;
    /** Exit status when an output file cannot be written (documented in --help and docs/validation.md). */
    public static final int WRITE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(commandLine(args.length > 0 ? args[0] : null), "larmor", args, out, err);
    }

    /** The whole command line, every subcommand in it. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line with only the subcommand named {@code first} when that is one (a run), else with all (help,
     * --version, a mistyped name, which picocli answers with the names it knows). Picocli builds each subcommand's
     * model by reflection when it is added, options, mixins and defaults: for thirteen of them that was about a
     * tenth of a second of every run's start, for the one run that uses one.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new LarmorCommand());
        Class<?> only = null;
        for (Class<?> c : SUBCOMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (a.name().equals(first) || Arrays.asList(a.aliases()).contains(first)) {
                only = c;
            }
        }
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        cl.addSubcommand(CommandLine.HelpCommand.class);
        return cl;
    }

    /**
     * Runs a Larmor command line (this one, or larmor-spark's) with the exit statuses above: bad input and
     * unwritable output print one line prefixed by {@code program} and give 2, anything else is an internal error.
     * An input error may arrive wrapped (by an executor service, or by Spark from a task): the cause chain is
     * searched for it.
     */
    public static int execute(CommandLine cl, String program, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof InputException ie) {
                    err.println(program + ": error: " + ie.getMessage());
                    return INPUT_ERROR;
                }
            }
            if (ex instanceof java.io.UncheckedIOException io) {
                err.println(program + ": error: " + (io.getMessage() != null ? io.getMessage()
                        : "cannot write output: " + io.getCause()) + " (no partial file was left)");
                return WRITE_ERROR;
            }
            err.println(program + ": internal error: " + ex);
            if (System.getenv("LARMOR_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set LARMOR_DEBUG=1 for the stack trace; please report it)");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println(program + ": " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return INPUT_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Larmor " + Version.get()};
        }
    }
}
