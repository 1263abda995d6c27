package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Exact edges and texts of scenario refusals: seeds, duplicate edit conditions, ppm windows, sequence bases. */
class PitCScenarioReaderTest {
    private static Scenario parse(String yaml) {
        return ScenarioReader.parse("test.yaml", yaml, Path.of("").toAbsolutePath(),
                List.of(Path.of("scenarios/presets")));
    }

    private static final String BASIS = "basis: {sequence: sequences/press-te30-3t.yaml}\n";

    private static String error(String yaml) {
        return assertThrows(InputException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void seedsRunFromZeroToTwoToThe53() {
        assertEquals(0L, parse(BASIS + "concentrations_mm: {NAA: 10}\nseed: 0\n").seed());
        assertEquals(9007199254740992L, parse(BASIS + "concentrations_mm: {NAA: 10}\nseed: 9007199254740992\n").seed());
        assertEquals("test.yaml:3:7: field 'seed': expected a whole number from 0 to 2^53, got -1",
                error(BASIS + "concentrations_mm: {NAA: 10}\nseed: -1\n"));
        assertEquals("test.yaml:3:7: field 'seed': expected a whole number from 0 to 2^53, got 1.5",
                error(BASIS + "concentrations_mm: {NAA: 10}\nseed: 1.5\n"));
    }

    @Test
    void aConditionListedTwiceIsNamedWhereItRepeats() {
        String m = error(BASIS + "concentrations_mm: {NAA: 10}\nediting:\n  conditions:\n    - on\n    - off\n"
                + "    - ON\n");
        assertEquals("test.yaml:7:7: field 'editing.conditions[2]': condition \"ON\" listed twice", m);
    }

    @Test
    void aWindowNeedsLowBelowHigh() {
        String m = error(BASIS + "concentrations_mm: {NAA: 10}\nnoise: {snr: 20, noise_window_ppm: [3, 3]}\n");
        assertEquals("test.yaml:3:36: field 'noise.noise_window_ppm': expected [low, high] with low < high,"
                + " got [3.0, 3.0]", m);
    }

    @Test
    void aSimulatedBasisTakesItsLinewidthFromTheSequence() {
        for (String extra : new String[] {"linewidth_hz: 2", "spectrometer_mhz: 123.2", "reference_ppm: 4.7",
                "nucleus: 1H"}) {
            String m = error("basis: {sequence: sequences/press-te30-3t.yaml, " + extra + "}\n"
                    + "concentrations_mm: {NAA: 10}\n");
            assertEquals(true, m.startsWith("test.yaml:1:8: ") && m.contains("spectrometer_mhz, reference_ppm, linewidth_hz and nucleus come from the"
                + " sequence when Larmor simulates the basis; give them only for basis files"), m);
        }
    }
}
