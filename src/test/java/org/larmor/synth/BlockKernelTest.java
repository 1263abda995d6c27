package org.larmor.synth;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The vector loops of {@link Lines#modulateAdd} (with and without a basis FID) give the scalar loop's doubles, bit
 * for bit.
 */
class BlockKernelTest {
    // Kills: a lane product in another order or fused, the tail after the last full vector skipped or doubled, V
    // read from the wrong block (the vector path does not copy it), the block offset of b or out off by one.
    @Test
    void vectorBlocksAreBitIdenticalToTheScalarLoop() {
        BlockKernel simd = BlockKernel.Simd.KERNEL;
        assertNotNull(simd, "the tests run with jdk.incubator.vector (surefire argLine)");
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 3, 7, 8, 100, 127, 128, 129, 255, 1000, 1024, 2048, 2051, 4096}) {
            for (int trial = 0; trial < 6; trial++) {
                double[] bRe = new double[n];
                double[] bIm = new double[n];
                double[] scalarRe = new double[n];
                double[] scalarIm = new double[n];
                for (int k = 0; k < n; k++) {
                    bRe[k] = r.nextGaussian();
                    bIm[k] = r.nextGaussian();
                    scalarRe[k] = r.nextGaussian();
                    scalarIm[k] = r.nextGaussian();
                }
                double[] vectorRe = scalarRe.clone();
                double[] vectorIm = scalarIm.clone();
                double ampRe = r.nextGaussian() * 10;
                double ampIm = trial % 2 == 0 ? 0 : r.nextGaussian();
                double freq = (r.nextDouble() - 0.5) * 2000;
                double width = r.nextDouble() * 20;
                double[] br = trial >= 4 ? null : bRe;                 // a line without a basis FID
                double[] bi = trial >= 4 ? null : bIm;
                Lines.modulateAdd(scalarRe, scalarIm, br, bi, n, 2.5e-4, ampRe, ampIm, freq, width,
                        Lines.modulationScratch(n), null);
                Lines.modulateAdd(vectorRe, vectorIm, br, bi, n, 2.5e-4, ampRe, ampIm, freq, width,
                        Lines.modulationScratch(n), simd);
                assertArrayEquals(scalarRe, vectorRe, 0, "n " + n);
                assertArrayEquals(scalarIm, vectorIm, 0, "n " + n);
            }
        }
    }
}
