package org.larmor.sequence;

import org.junit.jupiter.api.Test;
import org.larmor.basis.Provenance;
import org.larmor.input.InputException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sequence file's manufacturer and value_sources: read, checked against the file's keys, carried to provenance. */
class SequenceValueSourcesTest {
    private static final String BASE = "template: press\nb0_t: 2.89\nte1_ms: 13\nte2_ms: 17\n"
            + "acquisition: {points: 1024, spectral_width_hz: 4000}\n";

    @Test
    void valueSourcesAndManufacturerReachTheSequenceAndItsProvenance() {
        Sequence s = SequenceReader.parse("s.yaml", BASE + "manufacturer: Siemens\nvalue_sources:\n"
                + "  te1_ms: \"read from meas.rda (TE1)\"\n  acquisition.points: \"from preset x.yaml\"\n");
        assertEquals("Siemens", s.manufacturer());
        assertEquals(Map.of("te1_ms", "read from meas.rda (TE1)", "acquisition.points", "from preset x.yaml"),
                s.valueSources());
        Map<String, Object> p = Provenance.of(s, List.of()).sequence();
        assertEquals("Siemens", p.get("manufacturer"));
        assertEquals(s.valueSources(), p.get("value_sources"));
        Sequence plain = SequenceReader.parse("p.yaml", BASE);
        assertNull(plain.manufacturer());
        assertTrue(plain.valueSources().isEmpty());
        assertTrue(!Provenance.of(plain, List.of()).sequence().containsKey("value_sources"));
    }

    @Test
    void aSourceForAValueTheFileDoesNotWriteIsRefused() {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.parse("s.yaml", BASE
                + "value_sources: {tm_ms: \"read from x\"}\n"));
        assertTrue(e.getMessage().contains("'tm_ms' names no value in this file"), e.getMessage());
        InputException n = assertThrows(InputException.class, () -> SequenceReader.parse("s.yaml", BASE
                + "value_sources: {acquisition.reference_ppm: \"x\"}\n"));
        assertTrue(n.getMessage().contains("'acquisition.reference_ppm' names no value"), n.getMessage());
        InputException t = assertThrows(InputException.class, () -> SequenceReader.parse("s.yaml", BASE
                + "value_sources: {te1_ms: [1, 2]}\n"));
        assertTrue(t.getMessage().contains("expected the source of the value as text"), t.getMessage());
        InputException m = assertThrows(InputException.class, () -> SequenceReader.parse("s.yaml", BASE
                + "manufacturer: \"\"\n"));
        assertTrue(m.getMessage().contains("field 'manufacturer'"), m.getMessage());
    }
}
