package org.larmor.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress through Spark's own listener bus: each finished task is one unit of work (a chunk of spectra, or a
 * basis set of a sweep). Prints at most once a second, and the last one always.
 */
final class ProgressListener extends SparkListener {
    private final PrintWriter err;
    private final String verb;
    private final String unit;
    private final long total;
    private final long already;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long t0 = System.nanoTime();
    private volatile long lastPrint;

    /**
     * @param total   units in the whole run
     * @param already units kept from an earlier run
     */
    ProgressListener(PrintWriter err, String verb, String unit, long total, long already) {
        this.err = err;
        this.verb = verb;
        this.unit = unit;
        this.total = total;
        this.already = already;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
            failed.incrementAndGet();
            return;
        }
        long d = done.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastPrint < 1_000_000_000L && d + already < total) {
            return;
        }
        lastPrint = now;
        double s = (now - t0) * 1e-9;
        synchronized (err) {
            err.printf(Locale.ROOT, "larmor-spark: %s %d/%d %s (%.0f %%), %.1f s, %.2f %s/s%s%n", verb, d + already,
                    total, unit, 100.0 * (d + already) / total, s, d / Math.max(s, 1e-9), unit,
                    failed.get() > 0 ? ", " + failed.get() + " failed task attempts" : "");
            err.flush();
        }
    }
}
