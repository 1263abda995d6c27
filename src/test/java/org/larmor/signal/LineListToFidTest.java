package org.larmor.signal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link LineList#toFid} builds each line by the recurrence w ← w·z, re-anchored every 256 points: against direct
 * evaluation of s(t_k) = Σ A_l·exp(i·2π·ν_l·k·dwell) at every point 0 … 4096, for lines of both signs of frequency
 * (a sign error in the re-anchoring shows from point 256 on), with and without apodisation. Frequencies stay
 * within ±400 Hz: there the rounding of ν·dwell itself moves the phase at point 4096 by under 1e-12 rad.
 */
class LineListToFidTest {
    static final int POINTS = 4097;
    static final double DWELL = 1 / 4000.0;

    static void assertDirect(LineList l, double lorentz, double gauss) {
        Fid f = l.toFid(POINTS, DWELL, lorentz, gauss);
        assertEquals(POINTS, f.points());
        assertEquals(DWELL, f.dwellS(), 0);
        double gk = Math.PI * gauss / (2 * Math.sqrt(Math.log(2)));
        for (int k = 0; k < POINTS; k++) {
            double t = k * DWELL;
            double env = Math.exp(-Math.PI * lorentz * t - gk * gk * t * t);
            double er = 0;
            double ei = 0;
            for (int j = 0; j < l.size(); j++) {
                double ph = phase(l.frequencyHz()[j], k);
                er += l.amplitudeRe()[j] * Math.cos(ph) - l.amplitudeIm()[j] * Math.sin(ph);
                ei += l.amplitudeRe()[j] * Math.sin(ph) + l.amplitudeIm()[j] * Math.cos(ph);
            }
            assertEquals(env * er, f.re()[k], 1e-12, "Re at point " + k);
            assertEquals(env * ei, f.im()[k], 1e-12, "Im at point " + k);
        }
    }

    /**
     * 2π·ν·k·dwell reduced modulo one cycle in exact decimal arithmetic, so that the reference itself carries no
     * rounding of a large phase (at point 4096 a line at 400 Hz has turned 2600 rad).
     */
    static double phase(double nuHz, int k) {
        BigDecimal cycles = new BigDecimal(nuHz).multiply(new BigDecimal(DWELL)).multiply(BigDecimal.valueOf(k));
        BigDecimal frac = cycles.subtract(new BigDecimal(cycles.toBigInteger()));
        return 2 * Math.PI * frac.doubleValue();
    }

    @Test
    void positiveFrequencyLineMatchesDirectExponential() {
        assertDirect(new LineList(new double[] {317.3}, new double[] {0.8}, new double[] {-0.3}), 0, 0);
    }

    @Test
    void negativeFrequencyLineMatchesDirectExponential() {
        assertDirect(new LineList(new double[] {-234.56}, new double[] {0.6}, new double[] {0.5}), 0, 0);
    }

    @Test
    void linesOfBothSignsTogetherWithApodisation() {
        LineList l = new LineList(new double[] {-399.1, -87.25, 0, 13.7, 350.01},
                new double[] {0.2, 1, 0.4, -0.7, 0.3}, new double[] {0.1, 0, -0.2, 0.35, -0.6});
        assertDirect(l, 0, 0);
        assertDirect(l, 2.5, 1.5);
    }

    /**
     * The four-at-a-time stepping against the line-after-line loop it replaced (kept here): the same bits for every
     * count of lines modulo four, with lengths that end inside and at the end of an anchor block.
     */
    @Test
    void fourLinesAtOnceGiveTheBitsOfOneLineAfterAnother() {
        java.util.Random r = new java.util.Random(11);
        for (int count = 0; count <= 13; count++) {
            double[] f = new double[count];
            double[] ar = new double[count];
            double[] ai = new double[count];
            for (int j = 0; j < count; j++) {
                f[j] = (r.nextDouble() - 0.5) * 3000;
                ar[j] = r.nextGaussian();
                ai[j] = r.nextGaussian();
            }
            LineList l = new LineList(f, ar, ai);
            for (int points : new int[] {1, 255, 256, 1000, 4096}) {
                Fid got = l.toFid(points, DWELL, 1.5, 0.5);
                Fid want = lineAfterLine(l, points, DWELL, 1.5, 0.5);
                for (int k = 0; k < points; k++) {
                    assertEquals(Double.doubleToRawLongBits(want.re()[k]), Double.doubleToRawLongBits(got.re()[k]),
                            count + " lines, " + points + " points, Re at " + k);
                    assertEquals(Double.doubleToRawLongBits(want.im()[k]), Double.doubleToRawLongBits(got.im()[k]),
                            count + " lines, " + points + " points, Im at " + k);
                }
            }
        }
    }

    /** The loop toFid ran before four lines were stepped together. */
    static Fid lineAfterLine(LineList l, int points, double dwellS, double lorentzianFwhmHz, double gaussianFwhmHz) {
        double[] re = new double[points];
        double[] im = new double[points];
        final int anchor = 256;
        for (int j = 0; j < l.size(); j++) {
            double ar = l.amplitudeRe()[j];
            double ai = l.amplitudeIm()[j];
            double w = 2 * Math.PI * l.frequencyHz()[j] * dwellS;
            double zr = Math.cos(w);
            double zi = Math.sin(w);
            double cr = 0;
            double ci = 0;
            for (int k = 0; k < points; k++) {
                if (k % anchor == 0) {
                    double ph = w * k;
                    double pr = Math.cos(ph);
                    double pi = Math.sin(ph);
                    cr = ar * pr - ai * pi;
                    ci = ar * pi + ai * pr;
                }
                re[k] += cr;
                im[k] += ci;
                double nr = cr * zr - ci * zi;
                ci = cr * zi + ci * zr;
                cr = nr;
            }
        }
        double gk = Math.PI * gaussianFwhmHz / (2 * Math.sqrt(Math.log(2)));
        for (int k = 0; k < points; k++) {
            double t = k * dwellS;
            double d = Math.exp(-Math.PI * lorentzianFwhmHz * t - gk * gk * t * t);
            re[k] *= d;
            im[k] *= d;
        }
        return new Fid(re, im, dwellS);
    }
}
