package org.larmor.engine;

/**
 * The engine's dense complex arithmetic, in three operations: the two a shaped pulse's propagator is made of,
 * applied to a strip of {@code w} columns of U stored row by row (x[row·w + j]) — a one-spin rotation and the
 * block-diagonal coupling step — and the row update y += c·x (and its sum over rows, {@link #combine}) that the
 * density-matrix products U·ρ·U† are made of. {@link #rotateSpins} is every spin's rotation in one call, so that a
 * kernel can apply several spins per pass over the strip.
 * Each does every element's arithmetic in one fixed order whatever the kernel or the strip width, so every kernel
 * gives the same bits (DenseKernelTest). The rotations and the coupling step use fused multiply-adds
 * ({@link Math#fma}, one rounding per term): the processors this runs on have them in hardware (x86-64 since 2013,
 * every 64-bit ARM), and they halve a propagator's operations; without them the JDK computes each one exactly in
 * software, the same bits, slowly.
 *
 * <p>{@link #forDimension} takes the SIMD kernel when the JVM was started with {@code --add-modules
 * jdk.incubator.vector} (the launcher, the tests and the benchmarks do) and the spin space is at least one vector
 * wide, otherwise the plain loops, which the JIT compiles to scalar code: on the reference machine the SIMD kernel
 * makes a seven-spin, 400-sample propagator about six times faster (docs/benchmarks.md). {@code
 * -Dlarmor.simd=off} forces the plain loops.
 */
interface DenseKernel {
    /** Columns per strip for a space of dimension d. */
    int width(int d);

    /**
     * Elements per vector register (1 for plain loops): row operations over a multiple of this run without a scalar
     * tail, so callers may widen a range to it when the extra elements are discarded.
     */
    default int lanes() {
        return 1;
    }

    /** x ← r·x, r the 2×2 rotation {r00, r01, r10, r11} (re, im interleaved) at {@code rot[at…at+8)} on {@code spin}. */
    void rotateSpin(SpinSpace space, int spin, double[] rot, int at, double[] xr, double[] xi, int w);

    /**
     * x ← r_{n−1}⋯r_1·r_0·x: every spin's rotation in turn, spin i's at {@code rot[at + 8i…at + 8i + 8)}; the same
     * bits as {@link #rotateSpin} spin by spin, which is what this default does.
     */
    default void rotateSpins(SpinSpace space, double[] rot, int at, double[] xr, double[] xi, int w) {
        for (int i = 0; i < space.spins; i++) {
            rotateSpin(space, i, rot, at + 8 * i, xr, xi, w);
        }
    }

    /** x ← B·x for B block-diagonal by total M ({re, im} per block); tr, ti are scratch of x's size. */
    void blockDiagonal(SpinSpace space, double[][] blocks, double[] xr, double[] xi, int w, double[] tr, double[] ti);

    /**
     * y[yo + j] += c·x[xo + j] for j &lt; len, complex: re += cr·xr − ci·xi, im += cr·xi + ci·xr, each rounded in
     * that order.
     */
    void axpy(double cr, double ci, double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo, int len);

    /**
     * y[yo + j] = Σ_{k &lt; rows} c_k·x[xo + k·xs + j] for j &lt; len, with c_k = (cr[co + k·cs], sign·ci[co + k·cs]) and
     * sign ±1 (−1 conjugates): the rows' linear combination that many {@link #axpy} calls onto a zeroed y would
     * give, to the bit (the sum in k order from zero, each term rounded as there), but with y held in registers.
     */
    void combine(double[] cr, double[] ci, int co, int cs, double sign, int rows, double[] xr, double[] xi, int xo, int xs,
                 double[] yr, double[] yi, int yo, int len);

    /** The fastest kernel this JVM runs, for row updates of any length. */
    static DenseKernel best() {
        return Simd.KERNEL != null ? Simd.KERNEL : ScalarKernel.INSTANCE;
    }

    static DenseKernel forDimension(int d) {
        DenseKernel simd = Simd.KERNEL;
        return simd != null && d >= simd.width(d) ? simd : ScalarKernel.INSTANCE;
    }

    /** The SIMD kernel if this JVM can run it; loaded only then, so that no class of the incubator module is touched. */
    final class Simd {
        static final DenseKernel KERNEL = load();

        private Simd() {
        }

        static boolean available() {
            return !"off".equals(System.getProperty("larmor.simd"))
                    && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        }

        private static DenseKernel load() {
            if (!available()) {
                return null;
            }
            try {
                return (DenseKernel) Class.forName("org.larmor.engine.VectorKernel")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }
}
