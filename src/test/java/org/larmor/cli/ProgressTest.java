package org.larmor.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress: ETA and the item's name, and a line even for a short run when stderr is not a terminal. */
class ProgressTest {
    static final long S = 1_000_000_000L;

    @Test
    void aShortRunStillLeavesALineInALog() {
        StringWriter w = new StringWriter();
        AtomicLong t = new AtomicLong();
        Progress p = new Progress(new PrintWriter(w), false, "simulating", "simulated", "metabolites", t::get);
        for (int d = 1; d <= 3; d++) {
            t.addAndGet(S / 10);
            p.counts().accept(d, 3);
        }
        assertEquals("simulated 3/3 metabolites in 0.3 s\n", w.toString().replace("\r\n", "\n"));
    }

    @Test
    void aLongRunInALogGetsLinesWithEtaAndName() {
        StringWriter w = new StringWriter();
        AtomicLong t = new AtomicLong();
        Progress p = new Progress(new PrintWriter(w), false, "simulating", "simulated", "metabolites", t::get);
        String[] names = {"NAA", "Cr", "GABA", "Glu"};
        for (int d = 1; d <= 4; d++) {
            t.addAndGet(11 * S);
            p.update(d, 4, names[d - 1]);
            t.addAndGet(S);
            p.update(d, 4, names[d - 1]); // within the 10 s interval: no line
        }
        String[] lines = w.toString().split("\\R");
        assertEquals(4, lines.length, w.toString());
        assertEquals("simulating 1/4 metabolites (25 %), last NAA, 11.0 s elapsed, ETA 33.0 s", lines[0]);
        assertEquals("simulating 3/4 metabolites (75 %), last GABA, 35.0 s elapsed, ETA 11.7 s", lines[2]);
        assertEquals("simulated 4/4 metabolites in 47.0 s", lines[3]);
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceAndEndsWithANewline() {
        StringWriter w = new StringWriter();
        AtomicLong t = new AtomicLong();
        Progress p = new Progress(new PrintWriter(w), true, "synth", "synthesised", "spectra", t::get);
        var dataset = p.forDataset();
        t.addAndGet(S);
        dataset.report(10, 40, 10, false);
        t.addAndGet(S);
        dataset.report(20, 40, 10, false);
        t.addAndGet(2 * S);
        dataset.report(40, 40, 10, true);
        String out = w.toString();
        assertTrue(out.startsWith("\rsynth 10/40 spectra (25 %), 1.0 s elapsed, ETA 3.0 s"), out);
        assertTrue(out.contains("\rsynth 20/40 spectra (50 %), 2.0 s elapsed, ETA 2.0 s"), out);
        assertTrue(out.endsWith("\rsynthesised 40/40 spectra in 4.0 s" + " ".repeat(out.length() > 0 ? padding(out)
                : 0) + "\n"), out);
        assertFalse(out.substring(0, out.length() - 1).contains("\n"), "one line, redrawn");
    }

    /** Spaces that clear the longer previous line. */
    private static int padding(String out) {
        String prev = "synth 20/40 spectra (50 %), 2.0 s elapsed, ETA 2.0 s";
        return Math.max(0, prev.length() - "synthesised 40/40 spectra in 4.0 s".length());
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("4.6 s", Progress.duration(4.6));
        assertEquals("3 min 05 s", Progress.duration(185));
        assertEquals("1 h 02 min", Progress.duration(3720));
        assertEquals("?", Progress.duration(Double.NaN));
    }
}
