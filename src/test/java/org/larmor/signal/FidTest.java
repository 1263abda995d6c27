package org.larmor.signal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FID as a value: weighted sums on one time grid, the mirror of the frequency axis, identity, the grid. */
class FidTest {
    static Fid random(int points, double dwellS, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] re = new double[points];
        double[] im = new double[points];
        for (int k = 0; k < points; k++) {
            re[k] = rng.nextGaussian();
            im[k] = rng.nextGaussian();
        }
        return new Fid(re, im, dwellS);
    }

    @Test
    void weightedSumIsTakenPointByPoint() {
        Fid a = new Fid(new double[] {1, 2, 3}, new double[] {0, -1, 4}, 1e-3);
        Fid b = new Fid(new double[] {4, 0, -2}, new double[] {2, 6, 1}, 1e-3);
        // a − b/2 by hand.
        Fid d = a.plus(b, -0.5);
        assertArrayEquals(new double[] {-1, 2, 4}, d.re(), 0);
        assertArrayEquals(new double[] {-1, -4, 3.5}, d.im(), 0);
        assertEquals(1e-3, d.dwellS(), 0);
        assertArrayEquals(new double[] {1, 2, 3}, a.re(), 0, "the operands are left unchanged");
    }

    @Test
    void signalsOnDifferentTimeGridsCannotBeAdded() {
        Fid a = Fid.zeros(16, 1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.plus(Fid.zeros(8, 1e-3), 1));
        assertTrue(e.getMessage().contains("16 points") && e.getMessage().contains("8 at"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.plus(Fid.zeros(16, 2e-3), 1), "twice the dwell");
        // A relative difference of 1e-9 is a different grid (point 16384 of a 1 ms dwell moves by 16 ns) ...
        assertThrows(IllegalArgumentException.class, () -> a.plus(Fid.zeros(16, 1e-3 * (1 + 1e-9)), 1));
        // ... but the same dwell reached by other arithmetic (1/1000 s as 0.3 s/300 and as 1e-3) is the same grid.
        Fid b = Fid.zeros(16, (0.1 + 0.2) / 300);
        assertNotEquals(1e-3, b.dwellS(), "the two roundings differ in the last bit");
        assertEquals(16, a.plus(b, 1).points());
    }

    @Test
    void conjugationMirrorsTheFrequencyAxis() {
        // A line at +50 Hz (ppm −0.5 with 100 Hz/ppm and reference 0) appears at −50 Hz, +0.5 ppm, once conjugated.
        LineList l = new LineList(new double[] {50}, new double[] {1}, new double[] {0});
        Fid f = l.toFid(1024, 1e-3, 4, 0);
        Fid c = f.conjugate();
        assertEquals(-0.5, SpectralMetrics.peakPositionPpm(Spectrum.of(f, 100, 0, 16384), -2, 2), 1e-4);
        assertEquals(0.5, SpectralMetrics.peakPositionPpm(Spectrum.of(c, 100, 0, 16384), -2, 2), 1e-4);
        for (int k = 0; k < f.points(); k++) {
            assertEquals(f.re()[k], c.re()[k], 0);
            assertEquals(-f.im()[k], c.im()[k], 0);
        }
        assertEquals(f, c.conjugate(), "conjugating twice gives the signal back");
    }

    @Test
    void equalityIsSameGridAndSameSamples() {
        Fid a = random(32, 2.5e-4, 1);
        Fid same = new Fid(a.re().clone(), a.im().clone(), 2.5e-4);
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, new Fid(a.re(), a.im(), 5e-4), "other dwell");
        double[] re = a.re().clone();
        re[31] += 1e-9;
        assertNotEquals(a, new Fid(re, a.im(), 2.5e-4), "one real sample differs");
        double[] im = a.im().clone();
        im[0] = -im[0];
        assertNotEquals(a, new Fid(a.re(), im, 2.5e-4), "one imaginary sample differs");
        assertNotEquals(a, (Object) a.re(), "not a Fid");
        // The hash tells real from imaginary: the signal with its parts swapped (i·conj, a mirrored line) differs.
        Fid swapped = new Fid(a.im(), a.re(), 2.5e-4);
        assertNotEquals(a.hashCode(), swapped.hashCode());
    }

    @Test
    void zerosSpectralWidthAndDescription() {
        Fid z = Fid.zeros(2048, 2.5e-4);
        assertEquals(2048, z.points());
        assertArrayEquals(new double[2048], z.re(), 0);
        assertArrayEquals(new double[2048], z.im(), 0);
        // The spectral width is the span of the frequency axis: N bins of 1/(N·dwell).
        assertEquals(4000, z.spectralWidthHz(), 1e-9);
        assertEquals(z.spectralWidthHz(), Spectrum.of(z, 123.2, 4.65).resolutionHz() * z.points(), 1e-9);
        assertTrue(z.toString().contains("2048 points") && z.toString().contains("2.5E-4 s"), z.toString());
    }

    @Test
    void inconsistentArraysAndNonPositiveDwellsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Fid(new double[3], new double[2], 1e-3));
        assertThrows(IllegalArgumentException.class, () -> Fid.zeros(4, 0));
        assertThrows(IllegalArgumentException.class, () -> Fid.zeros(4, Double.NaN));
    }
}
