package org.larmor.synth;

import org.junit.jupiter.api.Test;
import org.larmor.signal.Fid;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The truth table's formatting and schema look-ups, and a sample's accessors by name and index. */
class TruthAndSampleTest {
    // Kills: non-finite values not null, integers with a fraction (or beyond 1e15 without one), the exponent kept
    // upper-case, a value formatted as the empty string.
    @Test
    void valuesAreFormattedAsShortestDecimalsIntegersWithoutAFractionAndNonFiniteAsNull() {
        assertEquals("null", Truth.format(Double.NaN));
        assertEquals("null", Truth.format(Double.POSITIVE_INFINITY));
        assertEquals("null", Truth.format(Double.NEGATIVE_INFINITY));
        assertEquals("3", Truth.format(3.0));
        assertEquals("-42", Truth.format(-42.0));
        assertEquals("0", Truth.format(0.0));
        assertEquals("999999999999999", Truth.format(999_999_999_999_999.0));
        assertEquals("-999999999999999", Truth.format(-999_999_999_999_999.0));
        assertEquals("1.0e15", Truth.format(1e15));
        assertEquals("-1.0e15", Truth.format(-1e15));
        assertEquals("0.5", Truth.format(0.5));
        assertEquals("-2.25", Truth.format(-2.25));
        assertEquals("0.1", Truth.format(0.1));
        assertEquals("1.5e-7", Truth.format(1.5e-7));
        assertEquals("1.2345678901234567e20", Truth.format(1.2345678901234567e20));
        assertEquals(0.1 + 0.2, Double.parseDouble(Truth.format(0.1 + 0.2)), 0, "round trip");
    }

    private static Truth.Schema schema() {
        Truth.Builder b = new Truth.Builder();
        assertEquals(0, b.array("gain", 2));
        assertEquals(2, b.scalar("snr"));
        assertEquals(3, b.array("empty", 0));
        assertEquals(3, b.scalar("shift_hz"));
        return b.build();
    }

    // Kills: an entry at index 0 not found by length(), a missing entry answered with an index error instead of
    // naming it, an empty array column refused.
    @Test
    void schemaLooksUpArraysAndScalarsWhereverTheyAreAndNamesWhatItLacks() {
        Truth.Schema s = schema();
        assertEquals(List.of("gain[]", "snr", "empty[]", "shift_hz"), s.names());
        assertEquals(4, s.width());
        assertEquals(List.of("gain[0]", "gain[1]", "snr", "shift_hz"), s.columns());
        assertEquals(2, s.length("gain"));
        assertEquals(1, s.length("snr"));
        assertEquals(0, s.length("empty"));
        assertEquals(0, s.offset("gain"));
        assertEquals(3, s.offset("shift_hz"));
        Truth.Builder first = new Truth.Builder();
        first.scalar("snr");
        assertEquals(1, first.build().length("snr"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.offset("phase"));
        assertEquals("no truth entry \"phase\"", e.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> s.length("phase"));
        assertEquals("no truth entry \"phase\"", l.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> new Truth.Builder().array("x", -1));
        assertEquals("array column x of length -1", neg.getMessage());
    }

    private static void assertSameFid(Fid a, Fid b) {
        assertEquals(a.re().length, b.re().length);
        for (int k = 0; k < a.re().length; k++) {
            assertEquals(a.re()[k], b.re()[k], 0);
            assertEquals(a.im()[k], b.im()[k], 0);
        }
    }

    // Kills: a combination looked up at another index than d·K + k, a condition found case-sensitively, by the
    // first, or past the last; averages and coils not the layout's; a transient not at shot·coils + coil.
    @Test
    void aSampleFindsItsCombinationsConditionsAndTransientsByTheLayoutsOrder() {
        Synthesiser s = PitAFixtures.edited2("repetition_time_s: 2\nnoise: {snr: 50}\ntransients: {averages: 2}\n"
                + "coils: {count: 3}\nfmrs: {dynamics: 3, design: {block: {first_onset_s: 0, on_s: 12, off_s: 12,"
                + " blocks: 1}}, responses: {Singlet: {change_percent: 20}}}\n");
        Sample x = s.generate(5, 2, false, true);
        assertEquals(2, x.averages());
        assertEquals(3, x.coils());
        for (int d = 0; d < 3; d++) {
            Fid on = x.fid(d, 0);
            Fid off = x.fid(d, 1);
            Fid diff = x.combination("DIFF", d);
            Fid sum = x.combination("SUM", d);
            for (int k : new int[] {0, 5, 100}) {
                assertEquals(on.re()[k] - off.re()[k], diff.re()[k], 1e-9 * (1 + Math.abs(diff.re()[k])));
                assertEquals(on.im()[k] + off.im()[k], sum.im()[k], 1e-9 * (1 + Math.abs(sum.im()[k])));
            }
        }
        assertSame(x.fid(0, 1), x.fid("off"));
        assertSame(x.fid(0, 0), x.fid("On"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.fid("MID"));
        assertEquals("no condition \"MID\"; have [ON, OFF]", e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> x.combination("X", 0));
        assertEquals("no combination \"X\"; have [DIFF, SUM]", c.getMessage());
        // Shots in acquisition order: for each dynamic, each average, every condition; then coils.
        List<Fid> t = x.transients();
        assertEquals(3 * 2 * 2 * 3, t.size());
        for (int d = 0; d < 3; d++) {
            for (int j = 0; j < 2; j++) {
                for (int cond = 0; cond < 2; cond++) {
                    for (int q = 0; q < 3; q++) {
                        assertSame(t.get(((d * 2 + j) * 2 + cond) * 3 + q), x.transientOf(d, j, cond, q));
                    }
                }
            }
        }
        Synthesiser plain = SynthFixtures.synthesiser("concentrations_mm: {NAA: 10}\nnoise: {snr: 40}\n"
                + "transients: {averages: 3}\ncoils: {count: 2}\n");
        Sample p = plain.generate(5, 0, false, true);
        assertEquals(3, p.averages());
        assertEquals(2, p.coils());
        assertSame(p.transients().get(2 * 2 + 1), p.transientOf(2, 1));
        assertSame(p.transients().get(1), p.transientOf(0, 1));
        assertSameFid(p.transientOf(1, 0), p.transientOf(0, 1, 0, 0));
    }
}
