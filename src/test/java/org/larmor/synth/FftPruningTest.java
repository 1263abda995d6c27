package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pruned FFT gives, at the bins it was pruned for, the very doubles of the full transform. */
class FftPruningTest {
    // Kills: a butterfly skipped that a wanted bin needs, a wrong twiddle (j) in a pruned stage, the last radix-2
    // stage pruned wrongly, a pruning of one length applied to another.
    @Test
    void prunedBinsAreBitIdenticalToTheFullTransform() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096}) {
            Fft fft = new Fft(n);
            for (int trial = 0; trial < 12; trial++) {
                int[] bins;
                if (trial % 3 == 2) {
                    bins = new int[1 + r.nextInt(Math.min(n, 5))];
                    for (int i = 0; i < bins.length; i++) {
                        bins[i] = r.nextInt(n);
                    }
                } else {
                    int width = 1 + r.nextInt(Math.min(n, trial % 3 == 0 ? 20 : n));
                    int start = r.nextInt(n - width + 1);
                    bins = new int[width];
                    for (int i = 0; i < width; i++) {
                        bins[i] = start + i;
                    }
                }
                double[] re = new double[n];
                double[] im = new double[n];
                for (int k = 0; k < n; k++) {
                    re[k] = r.nextGaussian();
                    im[k] = r.nextGaussian();
                }
                double[] fr0 = re.clone();
                double[] fi0 = im.clone();
                double[] fr = re.clone();
                double[] fi = im.clone();
                fft.forward(fr, fi);
                // From a source left untouched, its first point halved (the SNR reference height's transform).
                double[] sr = re.clone();
                double[] si = im.clone();
                double[] hr = new double[n];
                double[] hi = new double[n];
                fft.forward(sr, si, 0.5, hr, hi, Fft.prune(n, bins));
                double[] gr = re.clone();
                double[] gi = im.clone();
                gr[0] *= 0.5;
                gi[0] *= 0.5;
                fft.forward(gr, gi);
                fft.forward(re, im, Fft.prune(n, bins));
                for (int k : bins) {
                    assertEquals(Double.doubleToRawLongBits(fr[k]), Double.doubleToRawLongBits(re[k]),
                            "n " + n + " bin " + k);
                    assertEquals(Double.doubleToRawLongBits(fi[k]), Double.doubleToRawLongBits(im[k]),
                            "n " + n + " bin " + k);
                    assertEquals(Double.doubleToRawLongBits(gr[k]), Double.doubleToRawLongBits(hr[k]),
                            "halved, n " + n + " bin " + k);
                    assertEquals(Double.doubleToRawLongBits(gi[k]), Double.doubleToRawLongBits(hi[k]),
                            "halved, n " + n + " bin " + k);
                }
                assertArrayEquals(fr0, sr, "source untouched");
                assertArrayEquals(fi0, si, "source untouched");
            }
        }
    }

    @Test
    void aPruningFitsOneLengthOfPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Fft.prune(12, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Fft(64).forward(new double[64], new double[64],
                Fft.prune(32, new int[] {1})));
    }
}
