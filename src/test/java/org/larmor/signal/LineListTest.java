package org.larmor.signal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The line list as the exact signal Σ A_l·exp(i2πν_l t): linear combinations, its value at t = 0, its size, the
 * merging of degenerate transitions, and the sampled FID over a long acquisition.
 */
class LineListTest {
    static final LineList A = new LineList(new double[] {-120.5, 3.25, 88}, new double[] {1, -0.4, 0.25},
            new double[] {0.5, 0.3, -0.75});
    static final LineList B = new LineList(new double[] {40, -7.5}, new double[] {0.6, 2}, new double[] {-1, 0.2});

    @Test
    void weightedSumOfLineListsSamplesToTheWeightedSumOfTheirFids() {
        double w = -0.7;
        LineList sum = A.plus(B, w);
        assertEquals(5, sum.size());
        Fid expected = A.toFid(512, 5e-4, 2, 1).plus(B.toFid(512, 5e-4, 2, 1), w);
        Fid got = sum.toFid(512, 5e-4, 2, 1);
        for (int k = 0; k < 512; k++) {
            assertEquals(expected.re()[k], got.re()[k], 1e-13, "Re at point " + k);
            assertEquals(expected.im()[k], got.im()[k], 1e-13, "Im at point " + k);
        }
    }

    @Test
    void signalAtTimeZeroIsTheSumOfTheAmplitudes() {
        // By hand: Re 1 − 0.4 + 0.25 = 0.85, Im 0.5 + 0.3 − 0.75 = 0.05.
        assertArrayEquals(new double[] {0.85, 0.05}, A.sumAtZero(), 1e-15);
        Fid f = A.toFid(4, 1e-3, 0, 0);
        assertArrayEquals(new double[] {f.re()[0], f.im()[0]}, A.sumAtZero(), 1e-15, "the FID's first point");
        assertArrayEquals(new double[] {0, 0}, LineList.EMPTY.sumAtZero(), 0);
    }

    @Test
    void absoluteSumIsTheSumOfTheModuliWhateverThePhase() {
        LineList l = new LineList(new double[] {1, 2, 3}, new double[] {3, 0, -1}, new double[] {4, -2, 0});
        assertEquals(5 + 2 + 1, l.absoluteSum(), 1e-15);
        // A zero-order phase of 1 rad rotates every amplitude and leaves the moduli.
        double c = Math.cos(1);
        double s = Math.sin(1);
        LineList rotated = new LineList(l.frequencyHz(), new double[] {3 * c - 4 * s, 2 * s, -c},
                new double[] {3 * s + 4 * c, -2 * c, -s});
        assertEquals(8, rotated.absoluteSum(), 1e-14);
        assertEquals(0, LineList.EMPTY.absoluteSum(), 0);
    }

    @Test
    void mergingSortsByFrequencyAndAddsDegenerateTransitions() {
        // Two transitions at −10 Hz (the lowest line) and two at 30 Hz, 5e-8 Hz apart: one line each.
        LineList l = new LineList(new double[] {30, -10, 30 + 5e-8, 5, -10},
                new double[] {1, 0.25, 0.5, -2, 0.5}, new double[] {0, 1, -0.25, 0, 0.5});
        LineList m = l.merged(0);
        assertArrayEquals(new double[] {-10, 5, 30}, m.frequencyHz(), 0);
        assertArrayEquals(new double[] {0.75, -2, 1.5}, m.amplitudeRe(), 1e-15);
        assertArrayEquals(new double[] {1.5, 0, -0.25}, m.amplitudeIm(), 1e-15);
        // The merged list is the same signal but for the 5e-8 Hz the upper 30 Hz line moved: a phase error under
        // 2π·5e-8 Hz·0.256 s = 8e-8 rad on its amplitude 0.56.
        Fid before = l.toFid(256, 1e-3, 0, 0);
        Fid after = m.toFid(256, 1e-3, 0, 0);
        for (int k = 0; k < 256; k++) {
            assertEquals(before.re()[k], after.re()[k], 5e-8);
            assertEquals(before.im()[k], after.im()[k], 5e-8);
        }
    }

    @Test
    void linesExactlyOneToleranceApartAreOneLineAndTwoTolerancesApartAreTwo() {
        double tol = LineList.MERGE_TOLERANCE_HZ;
        LineList one = new LineList(new double[] {tol, 0}, new double[] {1, 1}, new double[] {0, 0}).merged(0);
        assertArrayEquals(new double[] {0}, one.frequencyHz(), 0);
        assertArrayEquals(new double[] {2}, one.amplitudeRe(), 0);
        LineList two = new LineList(new double[] {2 * tol, 0}, new double[] {1, 1}, new double[] {0, 0}).merged(0);
        assertArrayEquals(new double[] {0, 2 * tol}, two.frequencyHz(), 0);
    }

    @Test
    void theFloorIsRelativeToTheLargestMergedLine() {
        // Two halves at 0 Hz make a line of modulus 1; 8e-7 is below 1e-6 of it (but above 1e-6 of either half,
        // so the floor must apply after merging); the line of modulus 5e-6 (3e-6 + 4e-6 i) stays.
        LineList l = new LineList(new double[] {0, 10, 0, 20}, new double[] {0.5, 8e-7, 0.5, 3e-6},
                new double[] {0, 0, 0, 4e-6});
        LineList m = l.merged(1e-6);
        assertArrayEquals(new double[] {0, 20}, m.frequencyHz(), 0);
        assertArrayEquals(new double[] {1, 3e-6}, m.amplitudeRe(), 0);
        assertArrayEquals(new double[] {0, 4e-6}, m.amplitudeIm(), 0);
    }

    @Test
    void aSignalMinusItselfMergesToNoLines() {
        // The DIFF of a singlet in an edited experiment: every line cancels exactly, and with no floor at all the
        // exact zeros still go.
        LineList diff = A.plus(A, -1);
        assertEquals(6, diff.size());
        LineList m = diff.merged(0);
        assertEquals(0, m.size());
        assertEquals(0, m.absoluteSum(), 0);
        assertEquals(0, LineList.EMPTY.merged(0).size());
    }

    @Test
    void longFidStaysExactBecauseTheRecurrenceIsReAnchored() {
        // 65536 points of slow lines: a recurrence left to run would drift by ~1e-12 (rounding of z = e^{iω·dwell}
        // compounding over the points); re-anchored every 256 points it stays at the level of a single cos/sin.
        // The lines are slow enough (phase < 160 rad at the end) for the direct reference to be exact to 2e-14.
        int n = 65536;
        double dwell = 1e-4;
        LineList l = new LineList(new double[] {3.7, -1.3}, new double[] {0.8, 0.6}, new double[] {-0.3, 0.5});
        Fid f = l.toFid(n, dwell, 0, 0);
        double maxErr = 0;
        for (int k = 0; k < n; k++) {
            double er = 0;
            double ei = 0;
            for (int j = 0; j < l.size(); j++) {
                double ph = 2 * Math.PI * l.frequencyHz()[j] * dwell * k;
                er += l.amplitudeRe()[j] * Math.cos(ph) - l.amplitudeIm()[j] * Math.sin(ph);
                ei += l.amplitudeRe()[j] * Math.sin(ph) + l.amplitudeIm()[j] * Math.cos(ph);
            }
            maxErr = Math.max(maxErr, Math.max(Math.abs(er - f.re()[k]), Math.abs(ei - f.im()[k])));
        }
        assertEquals(0, maxErr, 2e-13);
    }
}
