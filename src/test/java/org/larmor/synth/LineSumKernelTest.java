package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The one-pass sum of a spectrum's metabolite lines ({@link BlockKernel#sumLinesTimes}) gives the doubles of the
 * pass per metabolite it replaces (a cleared output, {@link Lines#modulateAdd} per line, then the envelope),
 * bit for bit, and whole scans made with it are the scans made without it.
 */
class LineSumKernelTest {
    // Kills: a sum started from anything but zero or in another order of lines, a product in another order or fused,
    // a skipped line (zero weight) not skipped, the tails after the last four vectors and the last vector dropped
    // or doubled, W of the wrong block, V of the wrong line, the envelope product with its terms exchanged.
    @Test
    void oneLinePassIsBitIdenticalToAPassPerLine() {
        BlockKernel simd = BlockKernel.Simd.KERNEL;
        assertNotNull(simd, "the tests run with jdk.incubator.vector (surefire argLine)");
        SplittableRandom r = new SplittableRandom(11);
        double dwell = 2.5e-4;
        for (int n : new int[] {1, 5, 8, 31, 32, 33, 100, 127, 128, 129, 200, 1000, 1024, 2048, 2051, 4096}) {
            for (int count : new int[] {0, 1, 2, 4, 7, 8, 21}) {
                double[][] bRe = new double[count + 3][n];
                double[][] bIm = new double[count + 3][n];
                for (int k = 0; k < bRe.length; k++) {
                    for (int t = 0; t < n; t++) {
                        bRe[k][t] = r.nextGaussian();
                        bIm[k][t] = r.nextGaussian();
                    }
                }
                double[] eRe = new double[n];
                double[] eIm = new double[n];
                for (int t = 0; t < n; t++) {
                    eRe[t] = r.nextGaussian();
                    eIm[t] = t % 17 == 0 ? -0.0 : r.nextGaussian();
                }
                double[] refRe = new double[n];
                double[] refIm = new double[n];
                int blocks = Lines.blocks(n);
                double[][] v = new double[2][Math.max(1, count) * Lines.BLOCK];
                double[][] u = new double[2][Math.max(1, count) * blocks];
                int[] lines = new int[count];
                for (int j = 0; j < count; j++) {
                    int k = j + (j > 2 ? 2 : 0);                   // lines 3 and 4 skipped, as a zero weight is
                    double amp = r.nextGaussian() * 10;
                    double freq = (r.nextDouble() - 0.5) * 2000;
                    double width = r.nextDouble() * 20;
                    Lines.modulateAdd(refRe, refIm, bRe[k], bIm[k], n, dwell, amp, 0, freq, width,
                            Lines.modulationScratch(n), null);
                    Lines.blockFactors(v[0], v[1], j * Lines.BLOCK, u[0], u[1], j * blocks, n, dwell, amp, 0, freq,
                            width);
                    lines[j] = k;
                }
                Lines.multiply(refRe, refIm, eRe, eIm, n);
                double[] outRe = new double[n];
                double[] outIm = new double[n];
                java.util.Arrays.fill(outRe, Double.NaN);
                java.util.Arrays.fill(outIm, Double.NaN);
                simd.sumLinesTimes(outRe, outIm, bRe, bIm, lines, count, v[0], v[1], u[0], u[1], blocks, eRe, eIm, n);
                assertBits(refRe, outRe, "re, n " + n + ", lines " + count);
                assertBits(refIm, outIm, "im, n " + n + ", lines " + count);
            }
        }
    }

    @Test
    void scansWithTheOnePassAreTheScansWithoutIt() throws Exception {
        for (String name : List.of("benchmark-press-3t", "press-3t-healthy-gm", "mega-press-3t-gaba")) {
            Scenario sc = ScenarioReader.read(Path.of("scenarios", name + ".yaml"),
                    List.of(Path.of("scenarios", "presets")));
            Synthesiser s = new Synthesiser(sc, SynthBasis.load(sc, Path.of("spin-systems")));
            Synthesiser.Workspace fused = s.newWorkspace();
            fused.lineSum = BlockKernel.Simd.KERNEL;
            assertNotNull(fused.lineSum, "the tests run with the vector module");
            Synthesiser.Workspace perLine = s.newWorkspace();
            perLine.lineSum = null;
            for (long i = 0; i < 20; i++) {
                boolean components = i % 3 == 0;
                Sample a = s.generate(7, i, fused, components, false);
                Sample b = s.generate(7, i, perLine, components, false);
                for (int k = 0; k < a.spectra().size(); k++) {
                    assertBits(b.spectra().get(k).re(), a.spectra().get(k).re(), name + " " + i + "." + k);
                    assertBits(b.spectra().get(k).im(), a.spectra().get(k).im(), name + " " + i + "." + k);
                }
                for (int k = 0; k < a.combinations().size(); k++) {
                    assertBits(b.combinations().get(k).re(), a.combinations().get(k).re(), name + " combination");
                }
                assertBits(b.truth(), a.truth(), name + " truth " + i);
            }
        }
    }

    static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            int at = k;
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
                    () -> what + ", point " + at + ": " + expected[at] + " against " + actual[at]);
        }
    }
}
