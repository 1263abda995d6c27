package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.larmor.rf.PulseAnalysis;
import org.larmor.rf.ProfileKind;

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
        return org.larmor.input.InputErrors.assertLocated(e, line, field, phrases);
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

    /** A constant-amplitude .pta waveform of n samples, with extra header lines. */
    static String constantPta(int n, String header) {
        StringBuilder b = new StringBuilder("PULSENAME:\tflat\n" + header + "\n");
        for (int i = 0; i < n; i++) {
            b.append("1.0\t0.0\t; (").append(i).append(")\n");
        }
        return b.toString();
    }

    @Test
    void aPulseFileIsFoundBesideTheSequenceFileWhateverTheWorkingFolder(@TempDir Path dir) throws IOException {
        // The working folder of the test run is not dir, so only a lookup relative to the sequence file finds it.
        Files.writeString(dir.resolve("flat.pta"), constantPta(32, ""));
        Path seq = dir.resolve("s.yaml");
        Files.writeString(seq, HEAD + "excitation: {file: flat.pta, duration_ms: 1}\n" + ACQ);
        Event.ShapedPulse p = SequenceReader.read(seq).variants().get(0).events().stream()
                .filter(e -> e instanceof Event.ShapedPulse).map(e -> (Event.ShapedPulse) e).findFirst()
                .orElseThrow();
        // A constant waveform is a hard pulse: 90° in 1 ms needs B1 = 250 Hz.
        assertEquals(250, p.peakB1Hz(), 1e-6);
        Map<String, Object> written = p.origin().spec().written();
        assertEquals(dir.resolve("flat.pta").toAbsolutePath().normalize().toString(), written.get("file"));
        // An absolute path is taken as it is.
        Files.writeString(seq, HEAD + "excitation: {file: '" + dir.resolve("flat.pta").toAbsolutePath()
                + "', duration_ms: 2}\n" + ACQ);
        assertEquals(125, SequenceReader.read(seq).variants().get(0).events().stream()
                .filter(e -> e instanceof Event.ShapedPulse).map(e -> (Event.ShapedPulse) e).findFirst()
                .orElseThrow().peakB1Hz(), 1e-6);
    }

    @Test
    void theSliceProfileIsTheRefocusingOneFrom135DegreesOfEitherSign() {
        // Bandwidths as PulseAnalysis measures each profile kind at the calibrated B1.
        for (double flip : new double[] {134, 135, 180}) {
            Event.ShapedPulse p = shaped("refocusing: {shape: sinc, duration_ms: 2, samples: 64, flip_deg: " + flip
                    + "}\n").get(0);
            PulseSpec spec = p.origin().spec();
            ProfileKind kind = flip >= 135 ? ProfileKind.REFOCUSING : ProfileKind.EXCITATION;
            ProfileKind other = kind == ProfileKind.REFOCUSING ? ProfileKind.EXCITATION : ProfileKind.REFOCUSING;
            double expected = PulseAnalysis.bandwidthHz(spec.shape(), 0.002, spec.b1MaxHz(), kind);
            double wrong = PulseAnalysis.bandwidthHz(spec.shape(), 0.002, spec.b1MaxHz(), other);
            assertEquals(expected, spec.bandwidthHz(), 1e-9 * expected, "flip " + flip);
            assertTrue(Math.abs(wrong - expected) > 0.01 * expected, "the two profiles differ at flip " + flip);
        }
    }

    @Test
    void aNegativeOrZeroShapedFlipIsRefusedAtItsField() {
        error("refocusing: {shape: sinc, duration_ms: 2, flip_deg: -135}\n", 4, "refocusing.flip_deg",
                "a shaped pulse takes a positive flip_deg, got -135.0", "add 180 to phase_deg");
        error("excitation: {shape: hard, duration_ms: 1, flip_deg: 0}\n", 4, "excitation.flip_deg", "positive");
    }

    @Test
    void aCalibrationFailureIsLocatedAtThePulseInTheSequenceFile(@TempDir Path dir) throws IOException {
        // A phase-modulated (not adiabatic: no sweep) waveform is calibrated by acos(Mz), so it cannot be asked for 270°.
        StringBuilder pta = new StringBuilder("PULSENAME:\tstep\n\n");
        for (int i = 0; i < 32; i++) {
            pta.append("1.0\t").append(i < 16 ? 0 : 0.5).append("\t; (").append(i).append(")\n");
        }
        Files.writeString(dir.resolve("chirp.pta"), pta);
        Path seq = dir.resolve("s.yaml");
        Files.writeString(seq, HEAD + "excitation: {file: chirp.pta, duration_ms: 1, flip_deg: 270}\n" + ACQ);
        InputException e = assertThrows(InputException.class, () -> SequenceReader.read(seq));
        assertEquals(seq.toString(), e.location().source(), e.getMessage());
        assertEquals(4, e.location().line(), e.getMessage());
        assertEquals("excitation.flip_deg", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("at most 180 degrees"), e.getMessage());
    }

    @Test
    void anAdiabaticFileWithNoThresholdAsksForItsB1(@TempDir Path dir) throws IOException {
        // A file that says it is adiabatic but is a hard pulse: its inversion oscillates with B1 and never settles.
        Files.writeString(dir.resolve("flat.pta"), constantPta(32, "TYPE:\tadiabatic\n"));
        Path seq = dir.resolve("s.yaml");
        Files.writeString(seq, HEAD + "refocusing: {file: flat.pta, duration_ms: 2, flip_deg: 180}\n" + ACQ);
        InputException e = assertThrows(InputException.class, () -> SequenceReader.read(seq));
        assertEquals("refocusing", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("no adiabatic threshold found"), e.getMessage());
        assertTrue(e.getMessage().contains("give b1_max_hz"), e.getMessage());
        // With its B1 written, it is played as given, and its profile is the inversion one.
        Files.writeString(seq, HEAD + "refocusing: {file: flat.pta, duration_ms: 2, flip_deg: 180, b1_max_hz: 250}\n"
                + ACQ);
        PulseSpec spec = SequenceReader.read(seq).variants().get(0).events().stream()
                .filter(x -> x instanceof Event.ShapedPulse).map(x -> ((Event.ShapedPulse) x).origin().spec())
                .findFirst().orElseThrow();
        assertEquals(250, spec.b1MaxHz(), 0);
        assertEquals(PulseAnalysis.bandwidthHz(spec.shape(), 0.002, 250, ProfileKind.INVERSION), spec.bandwidthHz(),
                1e-9);
    }
}
