package org.larmor.synth;

/**
 * The inner loop of {@link Lines#modulateAdd} on the JDK's vector API, when this JVM has it: one block of a basis
 * FID times the block's factor W·V_r, accumulated into the output. Without it the scalar loop of
 * {@link Lines#modulateAdd} runs, which the JIT vectorises only when every array is indexed alike, so that V has to
 * be copied into every block of the scratch array first; the vector loop reads V from the first block, a pass over
 * memory less per metabolite (the lines of a spectrum are a third of its synthesis time).
 */
interface BlockKernel {
    /**
     * out[base + r] += b[base + r]·(u·v[r]) for 0 ≤ r &lt; len (complex), with the products and sums of the scalar
     * loop in the same order and without fused multiply-adds, so the result is the same to the bit.
     */
    void addBlock(double[] outRe, double[] outIm, double[] bRe, double[] bIm, double[] vRe, double[] vIm, int base,
                  int len, double ur, double ui);

    /** The same without a basis FID: out[base + r] += u·v[r], as the scalar loop of {@link Lines#modulateAdd}. */
    void addBlock(double[] outRe, double[] outIm, double[] vRe, double[] vIm, int base, int len, double ur,
                  double ui);

    /**
     * out = (Σ_j b_{k_j}·(W_{j,q}·V_{j,r}))·e at every point qB + r (complex): the damped and shifted basis FIDs of
     * the lines k_j = {@code lines[j]} (j &lt; count) summed, then times the envelope e, in one pass that keeps each
     * point's sum in registers. V_j is {@code v[j·B …]}, W_{j,q} is {@code u[j·blocks + q]}
     * ({@link Lines#blockFactors}). Per point the sums run in the order of j, starting from zero, with the
     * products of {@link Lines#modulateAdd} and then of {@link Lines#multiply(double[], double[], double[],
     * double[], int)}: the doubles of a cleared output, {@code count} calls of modulateAdd and that multiply.
     */
    void sumLinesTimes(double[] outRe, double[] outIm, double[][] bRe, double[][] bIm, int[] lines, int count,
                       double[] vRe, double[] vIm, double[] uRe, double[] uIm, int blocks, double[] eRe,
                       double[] eIm, int n);

    /**
     * Σ_t yRe_t·c_t into ab[0] and Σ_t yIm_t·s_t into ab[1] (0 ≤ t &lt; n): one pass of {@link WindowRows}, in its
     * order (interleaved chains of fused multiply-adds, then a fixed tree), so the same bits as
     * {@link WindowRows#sums}.
     */
    void dftPair(double[] yRe, double[] yIm, double[] c, double[] s, int n, double[] ab);

    /** The vector kernel if this JVM can run it (null otherwise); loaded only then. */
    final class Simd {
        static final BlockKernel KERNEL = load();

        private Simd() {
        }

        private static BlockKernel load() {
            if ("off".equals(System.getProperty("larmor.simd"))
                    || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return null;
            }
            try {
                return (BlockKernel) Class.forName("org.larmor.synth.VectorBlockKernel").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }
}
