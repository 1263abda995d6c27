package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.basis.BasisSimulator;
import org.larmor.basis.BasisSpectrum;
import org.larmor.signal.Fid;
import org.larmor.spin.SpinLibrary;
import org.larmor.spin.SpinSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every template is data: each shipped sequence, written out as the general event list and read back, gives the
 * same events, the same dimensions and the same simulated spectra, bit for bit.
 */
class EventListRoundTripTest {
    static List<Path> shipped() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("sequences"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static Sequence roundTrip(Sequence seq, Path dir) throws IOException {
        Path out = dir.resolve(seq.name() + ".events.yaml");
        Files.writeString(out, EventListWriter.write(seq, "test"));
        return SequenceReader.read(out);
    }

    static void assertSameSequence(Sequence a, Sequence b) {
        String what = a.name();
        assertEquals(a.variants(), b.variants(), what + ": events");
        assertEquals(a.combinations(), b.combinations(), what + ": combinations");
        assertEquals(a.indirect(), b.indirect(), what + ": indirect dimension");
        assertEquals(a.timing(), b.timing(), what + ": timing");
        assertEquals(a.acquisition(), b.acquisition(), what + ": acquisition");
        assertEquals(a.b0T(), b.b0T(), what);
        assertEquals(a.nucleus(), b.nucleus(), what);
        assertEquals(a.label(), b.label(), what + ": header label");
        assertEquals(a.b1Scale(), b.b1Scale(), what);
        assertEquals(a.coherenceSelection(), b.coherenceSelection(), what);
        assertEquals(a.conditionDimension(), b.conditionDimension(), what);
        assertEquals(a.localisation() == null, b.localisation() == null, what + ": localisation");
        if (a.localisation() != null) {
            assertArrayEquals(a.localisation().voxelM(), b.localisation().voxelM(), what);
            assertArrayEquals(a.localisation().fovM(), b.localisation().fovM(), what);
            assertArrayEquals(a.localisation().positions(), b.localisation().positions(), what);
            assertEquals(a.localisation().full3d(), b.localisation().full3d(), what);
        }
    }

    @Test
    void everyShippedSequenceWrittenAsEventsReadsBackIdentically(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        List<Path> files = shipped();
        assertTrue(files.size() >= 19, "shipped sequences: " + files.size());
        for (Path f : files) {
            Sequence seq = SequenceReader.read(f);
            Sequence back = roundTrip(seq, dir);
            assertSameSequence(seq, back);
            assertEquals("events", back.template());
            // Written twice, the text is the same: the writer is a fixed point of its own reader.
            assertEquals(EventListWriter.write(back, "test"), EventListWriter.write(roundTrip(back, dir), "test"),
                    f.toString());
        }
    }

    @Test
    void theExpandedEventsSimulateToTheSameBits(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        SpinLibrary lib = SpinLibrary.load(Path.of("spin-systems"));
        SpinSystem lac = lib.find("Lac").orElseThrow();
        SpinSystem cr = lib.find("Cr").orElseThrow();
        for (Path f : shipped()) {
            Sequence seq = SequenceReader.read(f);
            boolean shaped = seq.variants().stream().flatMap(v -> v.events().stream())
                    .anyMatch(e -> e instanceof Event.ShapedPulse);
            if (shaped) {
                // A shaped set costs seconds per metabolite on the full grid; a coarse grid plays the same events.
                Localisation l = seq.localisation();
                if (l != null) {
                    seq = seq.withLocalisation(new Localisation(l.voxelM(), l.fovM(), new int[] {6, 6, 6}, false));
                }
            }
            Sequence back = roundTrip(seq, dir);
            // 31P sequences: ATP (coupled) and PE (J_PH to spectator protons, decoupled in some files); 2H: the
            // glucose deuterons; 13C: Glu C4 (J_CH to spectator protons, decoupled in some files).
            List<SpinSystem> systems = switch (seq.nucleus()) {
                case P31 -> List.of(lib.find("ATP").orElseThrow(), lib.find("PE").orElseThrow());
                case H2 -> List.of(lib.find("Glc_2H").orElseThrow());
                case C13 -> List.of(lib.find("Glu_C4").orElseThrow());
                default -> shaped ? List.of(cr) : List.of(cr, lac);
            };
            for (SpinSystem s : systems) {
                BasisSpectrum x = BasisSimulator.simulate(s, seq);
                BasisSpectrum y = BasisSimulator.simulate(s, back);
                assertEquals(x.fids().keySet(), y.fids().keySet());
                for (String c : x.fids().keySet()) {
                    Fid a = x.fid(c);
                    Fid b = y.fid(c);
                    assertTrue(Arrays.equals(a.re(), b.re()) && Arrays.equals(a.im(), b.im()),
                            f + " " + s.name() + " " + c + ": not bit-identical");
                }
            }
        }
    }

    @Test
    void parametersAndSeriesExpandIntoPlainEvents(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Sequence s = SequenceReader.parse("s.yaml", "template: press\nb0_t: 2.89\nte1_ms: 15\nte2_ms: 15\n"
                + "series: {parameter: te2_ms, start_ms: 15, step_ms: 2.5, count: 4}\n"
                + "acquisition: {points: 1024, spectral_width_hz: 4000}\n");
        assertEquals(4, s.increments());
        assertEquals(List.of("te2_15ms", "te2_17.5ms", "te2_20ms", "te2_22.5ms"),
                s.variants().stream().map(Sequence.Variant::name).toList());
        assertArrayEquals(new double[] {0.030, 0.0325, 0.035, 0.0375}, s.indirect().headerS(), 1e-15);
        Sequence back = roundTrip(s, dir);
        assertSameSequence(s, back);
        assertFalse(EventListWriter.write(s, "t").contains("$"), "expanded text has no parameters left");
    }
}
