package org.larmor.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Progress of a long command on stderr, for {@code basis} and {@code synth}: done/total, percentage, the item just
 * finished (a metabolite's name, when the caller knows it), elapsed time and an ETA.
 *
 * <p>On a terminal one line is redrawn in place (at most every {@link #REDRAW_NANOS}); otherwise (a log file, CI) a
 * line is printed at most every {@link #LOG_INTERVAL_NANOS}, and always a last line when the work is done, so even a
 * short run leaves a trace in the log:
 * <pre>
 * simulating 12/35 metabolites (34 %), last GABA, 2.4 s elapsed, ETA 4.6 s
 * simulated 35/35 metabolites in 7.0 s
 * </pre>
 * Thread-safe: workers may call {@link #update} concurrently.
 */
public final class Progress {
    /** Least time between two redraws on a terminal. */
    public static final long REDRAW_NANOS = 100_000_000L;
    /** Least time between two lines when stderr is not a terminal. */
    public static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean tty;
    private final String verb;
    private final String pastVerb;
    private final String unit;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint = Long.MIN_VALUE;
    private int lastWidth;
    private boolean finished;

    /**
     * @param err      where to print (stderr)
     * @param tty      whether it is a terminal (redraw one line) or not (a line now and then, and a last one)
     * @param verb     "simulating"
     * @param pastVerb "simulated"
     * @param unit     "metabolites", "spectra"
     * @param clock    nanosecond clock ({@code System::nanoTime}; a fake one in tests)
     */
    public Progress(PrintWriter err, boolean tty, String verb, String pastVerb, String unit, LongSupplier clock) {
        this.err = err;
        this.tty = tty;
        this.verb = verb;
        this.pastVerb = pastVerb;
        this.unit = unit;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Progress on {@code err}, a terminal when the JVM has a console. */
    public static Progress of(PrintWriter err, String verb, String pastVerb, String unit) {
        return new Progress(err, System.console() != null, verb, pastVerb, unit, System::nanoTime);
    }

    /** {@code done} of {@code total} finished. */
    public void update(long done, long total) {
        update(done, total, null);
    }

    /** {@code done} of {@code total} finished, the last of them {@code item} (null if not known). */
    public synchronized void update(long done, long total, String item) {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        boolean last = done >= total;
        if (!last && lastPrint != Long.MIN_VALUE && now - lastPrint < (tty ? REDRAW_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        if (!last && !tty && lastPrint == Long.MIN_VALUE && now - start < LOG_INTERVAL_NANOS) {
            return; // a log gets its first line after the interval (or the last line only, for a short run)
        }
        lastPrint = now;
        double elapsed = (now - start) * 1e-9;
        String line;
        if (last) {
            finished = true;
            line = String.format(Locale.ROOT, "%s %d/%d %s in %s", pastVerb, done, total, unit, duration(elapsed));
        } else {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d %s (%d %%)", verb, done, total,
                    unit, total > 0 ? 100 * done / total : 0));
            if (item != null && !item.isBlank()) {
                b.append(", last ").append(item);
            }
            b.append(", ").append(duration(elapsed)).append(" elapsed");
            if (done > 0) {
                b.append(", ETA ").append(duration(elapsed / done * (total - done)));
            }
            line = b.toString();
        }
        if (tty) {
            int pad = Math.max(0, lastWidth - line.length());
            err.print("\r" + line + " ".repeat(pad) + (last ? "\n" : ""));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** An adapter for {@code BasisSimulator.simulate(..., (done, total) -> ...)}. */
    public BiConsumer<Integer, Integer> counts() {
        return (done, total) -> update(done, total);
    }

    /** An adapter for {@code Dataset.write(..., progress)}: the synthesiser's own rate is not needed. */
    public org.larmor.synth.Dataset.Progress forDataset() {
        return (done, total, rate, isFinished) -> update(isFinished ? total : Math.min(done, total - 1), total);
    }

    /** 4.6 s, 3 min 05 s, 1 h 02 min. */
    static String duration(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return "?";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long t = Math.round(s);
        if (t < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", t / 3600, t / 60 % 60);
    }
}
