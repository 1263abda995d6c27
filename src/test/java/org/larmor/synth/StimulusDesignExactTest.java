package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Exact texts and locations of the stimulus design's refusals, columns in any order of a BIDS events table, and
 * the exponential kernel's step response in closed form.
 */
class StimulusDesignExactTest {
    private static final String TSV = "run-1_events.tsv";

    private static StimulusDesign design(String yaml) {
        return StimulusDesign.read(YamlReader.read("scen.yaml", yaml).asMap().map("design"), null);
    }

    private static String designError(String yaml) {
        return assertThrows(InputException.class, () -> design(yaml)).getMessage();
    }

    private static String tsvError(String text) {
        return assertThrows(InputException.class, () -> StimulusDesign.parseTsv(TSV, text)).getMessage();
    }

    @Test
    void exponentialStepResponseIsOneMinusExp() {
        StimulusDesign.Kernel.Exponential k = new StimulusDesign.Kernel.Exponential(4);
        assertEquals(1 - Math.exp(-0.5), k.integral(2), 1e-15);
        assertEquals(1 - Math.exp(-3), k.integral(12), 1e-15);
        assertEquals(0, k.integral(0));
        assertEquals(0, k.integral(-1), "nothing before the step");
        assertEquals(Math.exp(-0.5) / 4, k.value(2), 1e-15);
        assertEquals(0, k.value(-1));
    }

    @Test
    void trialTypeProblemsAreNamed() {
        assertEquals("is missing", StimulusDesign.trialTypeProblem(null));
        assertEquals("is empty", StimulusDesign.trialTypeProblem("  "));
        assertEquals("\" go\" has spaces at its start or end", StimulusDesign.trialTypeProblem(" go"));
        assertEquals("\"go\\u0001x\" contains a tab, line break or other control character",
                StimulusDesign.trialTypeProblem("go\u0001x"));
        assertNull(StimulusDesign.trialTypeProblem("go"));
    }

    @Test
    void aStimulusKeyWithoutValueSaysWhatItExpects() {
        assertEquals("scen.yaml:2:3: field 'design.events_tsv': has no value; expected the path of a BIDS events file",
                designError("design:\n  events_tsv:\n"));
        assertEquals("scen.yaml:2:3: field 'design.block': has no value; expected a map with first_onset_s, on_s,"
                + " off_s, blocks", designError("design:\n  block:\n"));
        assertEquals("scen.yaml:2:3: field 'design.events': has no value; expected a list of events",
                designError("design:\n  events:\n"));
    }

    @Test
    void blocksEndingBeyondAnyFiniteTimeAreRefused() {
        String m = designError("design:\n  block: {first_onset_s: 1e308, on_s: 1e308, off_s: 0, blocks: 1}\n");
        assertEquals(true, m.endsWith("the blocks end beyond any finite time"), m);
    }

    @Test
    void eventsEndingBeyondAnyFiniteTimeAreRefused() {
        String m = tsvError("onset\tduration\n1e308\t1e308\n");
        assertEquals("run-1_events.tsv:2:7: field 'duration': onset + duration is beyond any finite time", m);
    }

    @Test
    void headerProblemsAreLocated() {
        assertEquals("run-1_events.tsv:1:7: column 2 of the header has no name", tsvError("onset\t\tduration\n1\t2\n"));
        assertEquals("run-1_events.tsv:1:26: field 'modulation': give the event heights in one column, 'amplitude' or"
                + " 'modulation', not both", tsvError("amplitude\tonset\tduration\tmodulation\n1\t0\t1\t1\n"));
        assertEquals("run-1_events.tsv:1:1: no 'onset' column: a BIDS events file's header names at least onset and"
                + " duration (seconds); this header is \"duration\\tx\"", tsvError("duration\tx\n1\t2\n"));
        assertEquals("run-1_events.tsv:1:1: no 'duration' column: a BIDS events file's header names at least onset"
                + " and duration (seconds); this header is \"onset\\tx\"", tsvError("onset\tx\n1\t2\n"));
        assertEquals("run-1_events.tsv:1:1: no 'onset' and 'duration' columns: a BIDS events file's header names at"
                + " least onset and duration (seconds); this header is \"x\\ty\"", tsvError("x\ty\n1\t2\n"));
        assertEquals("run-1_events.tsv:1:1: no 'onset' and 'duration' columns: a BIDS events file's header names at"
                + " least onset and duration (seconds) (columns must be separated by tabs); this header is"
                + " \"onset,duration\"", tsvError("onset,duration\n1,2\n"));
        assertEquals("run-1_events.tsv:1:1: no 'onset' and 'duration' columns: a BIDS events file's header names at"
                + " least onset and duration (seconds) (columns must be separated by tabs); this header is"
                + " \"onset duration\"", tsvError("onset duration\n1 2\n"));
        assertEquals("run-1_events.tsv:1:1: no 'onset' and 'duration' columns: a BIDS events file's header names at"
                + " least onset and duration (seconds); this header is \"events\"", tsvError("events\n1\n"));
    }

    @Test
    void crlfEndingsAreNotPartOfQuotedLines() {
        assertEquals("run-1_events.tsv:1:1: no 'duration' column: a BIDS events file's header names at least onset"
                + " and duration (seconds); this header is \"onset\\tx\"", tsvError("onset\tx\r\n1\t2\r\n"));
        assertEquals("run-1_events.tsv:2:1: this row has 1 cell, the header has 2 (cells are separated by tabs):"
                + " \"1\"", tsvError("onset\tduration\r\n1\r\n"));
    }

    @Test
    void columnsMayComeInAnyOrderAndCellsAreStripped() {
        StimulusDesign d = StimulusDesign.parseTsv(TSV,
                "trial_type\tamplitude\tduration\tonset\ngo\t2.5\t3\t10\n stop \t 0.5 \t 0 \t 20 \n");
        assertEquals(List.of(new StimulusDesign.Event(10, 3, 2.5, "go"), new StimulusDesign.Event(20, 0, 0.5, "stop")),
                d.events());
        d = StimulusDesign.parseTsv(TSV, "amplitude\tonset\tduration\n2\t0\t1\n");
        assertEquals(List.of(new StimulusDesign.Event(0, 1, 2, StimulusDesign.DEFAULT_TRIAL_TYPE)), d.events());
        d = StimulusDesign.parseTsv(TSV, "duration\tonset\ttrial_type\n4\t1\tgo\n");
        assertEquals(List.of(new StimulusDesign.Event(1, 4, 1, "go")), d.events());
    }
}
