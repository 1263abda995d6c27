package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulse descriptions in a sequence file: a hard pulse's calibrated B1 against the analytic θ = 2π·B1·T, durations in
 * ms converted exactly, phases added to every sample, and the mistakes refused at their field.
 */
class PulseSpecReaderTest {
    static final String HEAD = "template: spin_echo\nb0_t: 3\nte_ms: 30\n";
    static final String ACQ = "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    static List<Event.ShapedPulse> shaped(String pulses) {
        return SequenceReader.parse("p.yaml", HEAD + pulses + ACQ).variants().get(0).events().stream()
                .filter(e -> e instanceof Event.ShapedPulse).map(e -> (Event.ShapedPulse) e).toList();
    }

    static InputException error(String pulses, int line, String field, String... phrases) {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("p.yaml", HEAD + pulses
                + ACQ));
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void aHardPulseIsCalibratedToItsFlipAngle() {
        // θ = 2π·B1·T: 90° in 1 ms needs B1 = 250 Hz; 180° in 2 ms also 250 Hz.
        List<Event.ShapedPulse> p = shaped("excitation: {shape: hard, duration_ms: 1}\n"
                + "refocusing: {shape: hard, duration_ms: 2, flip_deg: 180, phase_deg: 90}\n");
        assertEquals(2, p.size());
        assertEquals(250, p.get(0).peakB1Hz(), 1e-6);
        assertEquals(0.001, p.get(0).totalDurationS(), 1e-18);
        assertEquals(Math.PI / 2, p.get(0).phaseRad()[0], 1e-12, "excitation default phase 90°");
        assertEquals(250, p.get(1).peakB1Hz(), 1e-6);
        assertEquals(0.002, p.get(1).totalDurationS(), 1e-18);
        assertEquals(Math.PI / 2, p.get(1).phaseRad()[0], 1e-12);
        // A written B1 is used as it is.
        assertEquals(400, shaped("excitation: {shape: hard, duration_ms: 1, b1_max_hz: 400}\n").get(0).peakB1Hz());
    }

    @Test
    void builtInShapesTakeTheirSampleCountAndTheShapeMayBeGivenAsPulse() {
        Event.ShapedPulse sinc = shaped("excitation: {shape: sinc, duration_ms: 2.6, samples: 64, lobes: 2,"
                + " hamming: false}\n").get(0);
        assertEquals(64, sinc.b1Hz().length);
        assertEquals(0.0026, sinc.totalDurationS(), 1e-15);
        assertTrue(sinc.origin().spec().description().startsWith("sinc, 2 zero crossings each side, 2.60 ms"),
                sinc.origin().spec().description());
        Event.ShapedPulse alias = shaped("excitation: {pulse: gaussian, duration_ms: 2, samples: 32}\n").get(0);
        assertEquals(32, alias.b1Hz().length);
        assertTrue(alias.origin().spec().description().startsWith("Gaussian, truncated at 0.01 of peak"),
                alias.origin().spec().description());
        Event.ShapedPulse hs = shaped("refocusing: {shape: hs, duration_ms: 8, flip_deg: 180, samples: 128}\n")
                .get(0);
        assertTrue(hs.origin().spec().description().startsWith("HS1, R = 10.0"), hs.origin().spec().description());
        // An adiabatic pulse is played at its threshold × the documented margin of 1.5.
        double threshold = org.larmor.rf.PulseAnalysis.adiabaticThresholdHz(hs.origin().spec().shape(), 0.008)
                .orElseThrow();
        assertEquals(1.5 * threshold, hs.peakB1Hz(), 1e-9 * threshold);
    }

    @Test
    void mistakesInAPulseAreNamed() {
        error("excitation: {shape: ideal, duration_ms: 1}\n", 4, "excitation", "an ideal pulse has no file or"
                + " duration");
        error("excitation: {shape: square, duration_ms: 1}\n", 4, "excitation.shape", "unknown pulse shape"
                + " \"square\"", "known: ideal, hard, sinc, gaussian, hs, or file:");
        error("excitation: {pulse: square, duration_ms: 1}\n", 4, "excitation.pulse", "unknown pulse shape");
        error("excitation: {file: no-such-pulse.pta, duration_ms: 1}\n", 4, "excitation.file",
                "pulse file not found");
        error("excitation: {shape: hard, duration_ms: 1, lobes: 3, colour: red}\n", 4, "excitation.colour");
    }

    @Test
    void anIdealPulseTakesItsFlipAndPhase() {
        Sequence s = SequenceReader.parse("p.yaml", HEAD + "refocusing: {flip_deg: 160, phase_deg: 45}\n" + ACQ);
        Event.Pulse r = (Event.Pulse) s.variants().get(0).events().stream().filter(e -> e instanceof Event.Pulse p
                && p.label().equals("refocusing")).findFirst().orElseThrow();
        assertEquals(Math.toRadians(160), r.flipRad());
        assertEquals(Math.toRadians(45), r.phaseRad());
    }
}
