package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larmor.input.InputException;
import org.larmor.input.YamlReader;
import org.larmor.synth.StimulusDesign.Event;
import org.larmor.synth.StimulusDesign.Kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fMRS stimulus designs: the response of a design to each kernel, against closed forms and independent numerical
 * convolutions, and the YAML and BIDS events readers with their errors.
 */
class StimulusDesignTest {
    private static final Kernel BOXCAR = new Kernel.Boxcar();
    private static final Kernel HRF = new Kernel.CanonicalHrf();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- helpers

    private static StimulusDesign design(String yaml, Path baseDir) {
        return StimulusDesign.read(YamlReader.read("scen.yaml", yaml).asMap().map("design"), baseDir);
    }

    private StimulusDesign design(String yaml) {
        return design(yaml, dir);
    }

    private InputException error(String yaml) {
        return assertThrows(InputException.class, () -> design(yaml));
    }

    private static InputException tsvError(String text) {
        return assertThrows(InputException.class, () -> StimulusDesign.parseTsv("run-1_events.tsv", text));
    }

    private static void assertMessage(InputException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
    }

    private static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = from + k * step;
        }
        return t;
    }

    /** The stimulus s(t) = Σ a·[onset ≤ t < onset + duration], straight from the events (boxcars only). */
    private static double stimulus(List<Event> events, double t) {
        double s = 0;
        for (Event e : events) {
            if (t >= e.onsetS() && t < e.onsetS() + e.durationS()) {
                s += e.amplitude();
            }
        }
        return s;
    }

    /**
     * (s ∗ k)(t) = ∫₀ᵗ s(t − u)·k(u) du by the midpoint rule with step du; independent of the closed forms under test.
     */
    private static double convolve(List<Event> events, java.util.function.DoubleUnaryOperator kernel, double t,
            double du) {
        double sum = 0;
        int n = (int) Math.round(t / du);
        for (int j = 0; j < n; j++) {
            double u = (j + 0.5) * du;
            sum += stimulus(events, t - u) * kernel.applyAsDouble(u);
        }
        return sum * du;
    }

    /** The gamma density of shape a, scale 1, by logarithms and a log-factorial: not the code's recurrence. */
    private static double gammaDensity(int a, double t) {
        if (t <= 0) {
            return 0;
        }
        double logFactorial = 0;
        for (int n = 2; n < a; n++) {
            logFactorial += Math.log(n);
        }
        return Math.exp((a - 1) * Math.log(t) - t - logFactorial);
    }

    /** SPM's double gamma (spm_hrf defaults), scaled by the inverse of its integral 1 − 1/6. */
    private static double hrf(double t) {
        return (gammaDensity(6, t) - gammaDensity(16, t) / 6) / (1 - 1 / 6.0);
    }

    private static double simpson(double[] y, double dt) {
        double s = y[0] + y[y.length - 1];
        for (int k = 1; k < y.length - 1; k++) {
            s += (k % 2 == 1 ? 4 : 2) * y[k];
        }
        return s * dt / 3;
    }

    // ---------------------------------------------------------------- responses

    @Test
    void boxcarResponseOfABlockDesignIsTheOnOffStimulus() {
        StimulusDesign d = design("design:\n  block: {first_onset_s: 30, on_s: 30, off_s: 30, blocks: 4}\n");
        assertEquals(4, d.events().size());
        assertEquals(240, d.endS());
        double[] t = grid(0, 300, 0.25);
        double[] r = d.response(t, BOXCAR);
        for (int k = 0; k < t.length; k++) {
            boolean on = t[k] >= 30 && t[k] < 240 && (t[k] - 30) % 60 < 30;
            assertEquals(on ? 1 : 0, r[k], 0, "t = " + t[k]);
        }
        // Half-open boxcars: on at the onset, off at the end.
        assertEquals(1, d.response(new double[] {30, 90}, BOXCAR)[0]);
        assertEquals(0, d.response(new double[] {60, 120}, BOXCAR)[1]);
    }

    @Test
    void exponentialResponseRisesAsOneMinusExpDuringABlockAndDecaysAfterIt() {
        double tau = 12;
        StimulusDesign d = new StimulusDesign(List.of(new Event(10, 40)), "test");
        double[] t = grid(0, 150, 0.5);
        double[] r = d.response(t, new Kernel.Exponential(tau));
        for (int k = 0; k < t.length; k++) {
            double expected = t[k] < 10 ? 0 : t[k] <= 50 ? 1 - Math.exp(-(t[k] - 10) / tau)
                    : (1 - Math.exp(-40 / tau)) * Math.exp(-(t[k] - 50) / tau);
            assertEquals(expected, r[k], 1e-14, "t = " + t[k]);
        }
        assertEquals(0.96433, r[100], 1e-5); // t = 50 s: 1 − e^(−40/12)
    }

    @Test
    void exponentialResponseEqualsANumericalConvolutionOfOverlappingBlocks() {
        double tau = 7.5;
        List<Event> events = List.of(new Event(5, 20, 1, "a"), new Event(15, 30, 0.5, "b"),
                new Event(60, 3, -2, "a"));
        StimulusDesign d = new StimulusDesign(events, "test");
        double[] t = grid(0, 120, 2.5);
        double[] r = d.response(t, new Kernel.Exponential(tau));
        for (int k = 0; k < t.length; k++) {
            double numeric = convolve(events, u -> Math.exp(-u / tau) / tau, t[k], 1e-3);
            assertEquals(numeric, r[k], 1e-6, "t = " + t[k]);
        }
    }

    @Test
    void exponentialImpulseResponseIsTheKernelOfUnitArea() {
        double tau = 4;
        StimulusDesign d = new StimulusDesign(List.of(new Event(3, 0, 2, "flash")), "test");
        double dt = 1e-3;
        double[] t = grid(3, 3 + 40 * tau, dt);
        double[] r = d.response(t, new Kernel.Exponential(tau));
        assertEquals(2 / tau, r[0], 1e-15);
        assertEquals(2 * Math.exp(-1) / tau, r[4000], 1e-12);
        assertEquals(2, simpson(r, dt), 1e-9); // area a·∫k = 2
    }

    @Test
    void canonicalHrfImpulseResponsePeaksNearFiveSecondsAndUndershootsNearFifteen() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(20, 0)), "test");
        double[] t = grid(0, 60, 1e-3);
        double[] r = d.response(t, HRF);
        int peak = 0;
        int trough = 0;
        for (int k = 0; k < r.length; k++) {
            peak = r[k] > r[peak] ? k : peak;
            trough = r[k] < r[trough] ? k : trough;
        }
        // The peak's gamma density g(t; 6, 1) has its mode at 5 s; the undershoot pulls it earlier by ~1.5 ms.
        assertEquals(5.0, t[peak] - 20, 0.01);
        assertTrue(t[peak] - 20 < 5.0, "the undershoot moves the peak before 5 s: " + (t[peak] - 20));
        assertEquals(15.0, t[trough] - 20, 1.5);
        assertTrue(r[trough] < 0, "undershoot below 0");
        assertEquals(hrf(5), r[25_000], 1e-13);
    }

    @Test
    void canonicalHrfNormalisedKernelIntegratesToOne() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(0, 0)), "test");
        double dt = 1e-3;
        double[] r = d.response(grid(0, 120, dt), HRF);
        assertEquals(1, simpson(r, dt), 1e-9);
        Kernel.CanonicalHrf h = new Kernel.CanonicalHrf();
        assertEquals(1, h.integral(200), 1e-15);
        assertEquals(simpson(d.response(grid(0, 10, dt), HRF), dt), h.integral(10), 1e-10);
        // Before normalisation the undershoot takes 1/6 off: the peak alone would integrate to 6/5.
        assertTrue(h.integral(10) > 1.1, "overshoot of the step response at 10 s: " + h.integral(10));
    }

    @Test
    void canonicalHrfSustainedBlockSettlesToAPlateauOfOne() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(10, 1000)), "test");
        double[] t = grid(60, 1010, 0.5);
        double[] r = d.response(t, HRF);
        for (int k = 0; k < t.length; k++) {
            assertEquals(1, r[k], 1e-4, "t = " + t[k]);
        }
        assertEquals(1, r[r.length - 1], 1e-14);
        // Long after the block the response is back at 0.
        double[] after = d.response(new double[] {1010 + 200}, HRF);
        assertEquals(0, after[0], 1e-14);
    }

    @Test
    void canonicalHrfResponseEqualsANumericalConvolutionWithinOnePartPerMillion() {
        List<Event> events = List.of(new Event(5, 10, 1, "a"), new Event(30, 3, -0.5, "b"),
                new Event(32, 20, 2, "a"));
        StimulusDesign d = new StimulusDesign(events, "test");
        double[] t = grid(0, 110, 2.5);
        double[] r = d.response(t, HRF);
        for (int k = 0; k < t.length; k++) {
            double numeric = convolve(events, StimulusDesignTest::hrf, t[k], 1e-3);
            assertEquals(numeric, r[k], 1e-6, "t = " + t[k]);
        }
    }

    @Test
    void everyResponseIsZeroBeforeTheFirstOnset() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(12.5, 4, 3, "a"), new Event(20, 1)), "test");
        double[] t = grid(-5, 12.49, 0.01);
        for (Kernel k : List.of(BOXCAR, new Kernel.Exponential(3), HRF)) {
            for (double v : d.response(t, k)) {
                assertEquals(0, v, 0, k.toString());
            }
        }
    }

    @Test
    void responseOfTwoEventsIsTheSumOfTheirResponses() {
        Event a = new Event(8, 12, 1.5, "a");
        Event b = new Event(14, 6, -0.7, "b");
        Event c = new Event(16, 0, 2, "c");
        double[] t = grid(0, 90, 0.3);
        for (Kernel k : List.of(BOXCAR, new Kernel.Exponential(9), HRF)) {
            double[] both = new StimulusDesign(List.of(a, b), "t").response(t, k);
            double[] ra = new StimulusDesign(List.of(a), "t").response(t, k);
            double[] rb = new StimulusDesign(List.of(b), "t").response(t, k);
            for (int j = 0; j < t.length; j++) {
                assertEquals(ra[j] + rb[j], both[j], 1e-12, k + " at t = " + t[j]);
            }
        }
        for (Kernel k : List.of(new Kernel.Exponential(9), HRF)) {
            double[] all = new StimulusDesign(List.of(a, b, c), "t").response(t, k);
            double[] ab = new StimulusDesign(List.of(a, b), "t").response(t, k);
            double[] rc = new StimulusDesign(List.of(c), "t").response(t, k);
            for (int j = 0; j < t.length; j++) {
                assertEquals(ab[j] + rc[j], all[j], 1e-12, k + " at t = " + t[j]);
            }
        }
    }

    @Test
    void boxcarResponseOfImpulsesIsRefused() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(1, 0)), "t");
        assertTrue(d.hasImpulses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.response(new double[] {1}, BOXCAR));
        assertTrue(e.getMessage().contains("impulse"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Kernel.Exponential(0));
        assertThrows(IllegalArgumentException.class, () -> d.response(new double[] {Double.NaN}, HRF));
    }

    // ---------------------------------------------------------------- YAML

    @Test
    void inlineEventsAndBlockDefaultsAreRead() {
        StimulusDesign d = design("design:\n  events:\n    - {onset_s: 40, duration_s: 2, amplitude: 0.5,"
                + " trial_type: flash}\n    - {onset_s: 10, duration_s: 0}\n");
        assertEquals(List.of(new Event(10, 0, 1, "stimulus"), new Event(40, 2, 0.5, "flash")), d.events());
        assertEquals("scen.yaml:2:3 design.events", d.source());
        StimulusDesign b = design("design:\n  block: {first_onset_s: 0, on_s: 16, off_s: 0, blocks: 2, amplitude: 2,"
                + " trial_type: visual}\n");
        assertEquals(List.of(new Event(0, 16, 2, "visual"), new Event(16, 16, 2, "visual")), b.events());
    }

    @Test
    void yamlErrorsNameFileLineAndField() {
        assertMessage(error("design:\n  blok: {first_onset_s: 0, on_s: 1, off_s: 1, blocks: 1}\n"),
                "scen.yaml:2", "field 'design.blok'", "unknown key", "did you mean 'block'");
        assertMessage(error("design:\n  block: {first_onset_s: 0, on_s: 1, off: 1, blocks: 1}\n"),
                "scen.yaml:2", "field 'design.block.off'", "did you mean 'off_s'");
        assertMessage(error("design:\n  block: {first_onset_s: 0, on_s: 1, off_s: 1, blocks: 1}\n"
                + "  events: [{onset_s: 1, duration_s: 1}]\n"), "scen.yaml:3", "field 'design.events'",
                "not both 'block' and 'events'");
        assertMessage(error("design:\n  events: []\n"), "scen.yaml:2", "field 'design.events'", "no events");
        assertMessage(error("design:\n  events:\n"), "scen.yaml:2", "field 'design.events'", "has no value");
        assertMessage(error("design:\n  trial_types: [a]\n"), "scen.yaml:2", "no stimulus");
        assertMessage(error("design:\n  events:\n    - {onset_s: 1, duration_s: 1}\n    - {onset_s: -3,"
                + " duration_s: 1}\n"), "scen.yaml:4", "field 'design.events[1].onset_s'", "≥ 0 s, got -3");
        assertMessage(error("design:\n  events: [{onset_s: 1, duration_s: -0.5}]\n"), "scen.yaml:2",
                "field 'design.events[0].duration_s'", "got -0.5");
        assertMessage(error("design:\n  events: [{onset_s: .inf, duration_s: 1}]\n"), "design.events[0].onset_s",
                "finite");
        assertMessage(error("design:\n  events: [{onset_s: 1}]\n"), "field 'design.events[0].duration_s'",
                "missing required field");
        assertMessage(error("design:\n  events: [{onset_s: 1, duration_s: 1, trial_type: n/a}]\n"),
                "field 'design.events[0].trial_type'", "missing value");
        assertMessage(error("design:\n  block: {first_onset_s: 0, on_s: 0, off_s: 1, blocks: 3}\n"),
                "field 'design.block.on_s'", "> 0 s");
        assertMessage(error("design:\n  block: {first_onset_s: 0, on_s: 5, off_s: 1}\n"),
                "field 'design.block.blocks'", "missing required field");
        assertMessage(error("design:\n  block: {first_onset_s: 0, on_s: 5, off_s: 1, blocks: 2.5}\n"),
                "field 'design.block.blocks'", "whole number");
        assertMessage(error("design:\n  events: [{onset_s: 1, duration_s: 1}]\n  trial_types: [flash]\n"),
                "scen.yaml:3", "field 'design.trial_types[0]'", "\"flash\" is not in the design", "stimulus");
        assertMessage(error("design:\n  events_tsv: nowhere/run-1_events.tsv\n"), "scen.yaml:2",
                "field 'design.events_tsv'", "events file not found", "run-1_events.tsv");
    }

    // ---------------------------------------------------------------- BIDS events files

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void bidsEventsFileIsReadWithNaDefaultsExtraColumnsAndCrlf() throws IOException {
        write("task-visual_events.tsv", "onset\tduration\ttrial_type\tresponse_time\tmodulation\r\n"
                + "30\t30\tcheckerboard\tn/a\t1.5\r\n"
                + "90.5\t0\tn/a\t0.4\tn/a\r\n"
                + "\r\n"
                + "150\t30\tcheckerboard\t1.2\t\r\n");
        StimulusDesign d = design("design:\n  events_tsv: task-visual_events.tsv\n");
        assertEquals(List.of(new Event(30, 30, 1.5, "checkerboard"), new Event(90.5, 0, 1, "stimulus"),
                new Event(150, 30, 1, "checkerboard")), d.events());
        assertEquals(dir.resolve("task-visual_events.tsv").toString(), d.source());
        assertEquals(180, d.endS());
    }

    @Test
    void trialTypesKeepOnlyTheNamedEvents() throws IOException {
        write("events.tsv", "onset\tduration\ttrial_type\n0\t10\tvisual\n20\t10\tmotor\n40\t10\tvisual\n"
                + "60\t1\trest\n");
        StimulusDesign d = design("design:\n  events_tsv: events.tsv\n  trial_types: [visual, rest]\n");
        assertEquals(List.of(new Event(0, 10, 1, "visual"), new Event(40, 10, 1, "visual"),
                new Event(60, 1, 1, "rest")), d.events());
        assertEquals(List.of("rest", "visual"), List.copyOf(d.trialTypes()));
        assertMessage(error("design:\n  events_tsv: events.tsv\n  trial_types: [visaul]\n"), "scen.yaml:3",
                "\"visaul\" is not in the design", "motor, rest, visual");
        assertMessage(error("design:\n  events_tsv: events.tsv\n  trial_types: []\n"), "no trial types");
    }

    @Test
    void bidsEventsErrorsNameFileLineAndColumn() throws IOException {
        Path bad = write("bad_events.tsv", "onset\tduration\ttrial_type\n10\t2\ta\n1O\t2\ta\n");
        InputException e = assertThrows(InputException.class, () -> design("design:\n  events_tsv: bad_events.tsv\n"));
        assertMessage(e, bad + ":3:1", "field 'onset'", "decimal notation", "\"1O\"");

        assertMessage(tsvError("onset\tduration\n1\t-2\n"), "run-1_events.tsv:2:3", "field 'duration'",
                "≥ 0 s, got -2");
        assertMessage(tsvError("onset\ttrial_type\n1\ta\n"), "run-1_events.tsv:1:", "no 'duration' column");
        assertMessage(tsvError("time\tlength\n1\t2\n"), "no 'onset' and 'duration' columns");
        assertMessage(tsvError("onset,duration\n1,2\n"), "no 'onset' and 'duration' columns", "separated by tabs");
        assertMessage(tsvError("onset\tduration\ttrial_type\n1\t2\ta\n3\t4\n"), "run-1_events.tsv:3:1",
                "this row has 2 cells, the header has 3");
        assertMessage(tsvError("onset\tduration\n1\t2\t\n"), "run-1_events.tsv:2", "3 cells, the header has 2");
        assertMessage(tsvError("onset\tduration\nn/a\t2\n"), "run-1_events.tsv:2:1", "field 'onset'", "n/a");
        assertMessage(tsvError("onset\tduration\n1\tn/a\n"), "run-1_events.tsv:2:3", "field 'duration'",
                "cannot be simulated");
        assertMessage(tsvError("onset\tduration\n-1\t2\n"), "field 'onset'", "≥ 0 s, got -1");
        for (String notDecimal : List.of("NaN", "Infinity", "0x10", "2d", "1,5", "")) {
            assertMessage(tsvError("onset\tduration\n1\t" + notDecimal + "\n"), "run-1_events.tsv:2:3",
                    "field 'duration'");
        }
        assertMessage(tsvError("onset\tduration\n1\t1e999\n"), "finite", "out of range");
        assertMessage(tsvError("onset\tduration\tamplitude\n1\t2\tbig\n"), "run-1_events.tsv:2:5",
                "field 'amplitude'", "\"big\"");
        assertMessage(tsvError("onset\tduration\tamplitude\tmodulation\n1\t2\t1\t1\n"), "not both");
        assertMessage(tsvError("onset\tduration\tonset\n1\t2\t3\n"), "run-1_events.tsv:1:", "appears twice");
        assertMessage(tsvError("onset\tduration\n"), "no events");
        assertMessage(tsvError("\n\n"), "run-1_events.tsv: the file is empty");
    }

    @Test
    void bidsEventsFileIsReadThroughTheCheckedInputReader() throws IOException {
        Files.createDirectory(dir.resolve("folder.tsv"));
        assertMessage(error("design:\n  events_tsv: folder.tsv\n"), "is a folder, expected a BIDS events file");
        Files.write(dir.resolve("latin1.tsv"), "onset\tduration\ttrial_type\n1\t2\tcaf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(error("design:\n  events_tsv: latin1.tsv\n"), "latin1.tsv", "not UTF-8");
    }

    // ---------------------------------------------------------------- TSV writing

    @Test
    void toTsvWritesPlainDecimalsSortedByOnset() {
        StimulusDesign d = new StimulusDesign(List.of(new Event(90, 30, 1, "visual"), new Event(1e-7, 0, 2.5, "a"),
                new Event(30, 30, 1e21, "visual")), "t");
        assertEquals("onset\tduration\ttrial_type\tamplitude\n"
                + "0.0000001\t0\ta\t2.5\n"
                + "30\t30\tvisual\t1000000000000000000000\n"
                + "90\t30\tvisual\t1\n", d.toTsv());
    }

    @Test
    void toTsvReadsBackToAnEqualDesign() throws IOException {
        StimulusDesign d = new StimulusDesign(List.of(new Event(0.1 + 0.2, 1 / 3.0, -0.0, "a b"),
                new Event(2e-300, Math.PI, -1.25e-9, "flash"), new Event(1234567.891, 0, 7, "stimulus"),
                new Event(0.3, 1 / 3.0, 4.9e-324, "a b"), new Event(-0.0, 1e15 + 0.5, 1, "rest")), "events.tsv");
        String tsv = d.toTsv();
        assertFalse(tsv.contains("E"), tsv);
        assertEquals(d, StimulusDesign.parseTsv("events.tsv", tsv));
        write("events.tsv", tsv);
        assertEquals(d.events(), design("design:\n  events_tsv: events.tsv\n").events());
        // Any order of the same events is the same design.
        List<Event> reversed = new java.util.ArrayList<>(d.events());
        java.util.Collections.reverse(reversed);
        assertEquals(d, new StimulusDesign(reversed, "events.tsv"));
    }
}
