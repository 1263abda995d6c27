package org.larmor.engine;

import org.larmor.sequence.Sequence;
import org.larmor.sequence.SequenceReader;

/** Sequences for tests, written in the user's YAML so that the reader is exercised too. */
final class TestSequences {
    static final String ACQ = "acquisition: {points: 4096, spectral_width_hz: 4000}\n";

    private TestSequences() {
    }

    static Sequence parse(String yaml) {
        return SequenceReader.parse("test.yaml", yaml);
    }

    static Sequence pulseAcquire(double b0) {
        return parse("template: pulse_acquire\nb0_t: " + b0 + "\n" + ACQ);
    }

    static Sequence spinEcho(double b0, double teMs) {
        return parse("template: spin_echo\nb0_t: " + b0 + "\nte_ms: " + teMs + "\n" + ACQ);
    }

    static Sequence press(double b0, double te1Ms, double te2Ms) {
        return parse("template: press\nb0_t: " + b0 + "\nte1_ms: " + te1Ms + "\nte2_ms: " + te2Ms + "\n" + ACQ);
    }

    static Sequence steam(double b0, double teMs, double tmMs) {
        return parse("template: steam\nb0_t: " + b0 + "\nte_ms: " + teMs + "\ntm_ms: " + tmMs + "\n" + ACQ);
    }
}
