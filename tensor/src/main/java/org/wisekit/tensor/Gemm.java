package org.wisekit.tensor;

import org.wisekit.tensor.internal.BlockedGemm;
import org.wisekit.tensor.internal.MicroKernel;
import org.wisekit.tensor.internal.ScalarMicroKernel;
import org.wisekit.tensor.internal.VectorMicroKernel;

/**
 * Dense single-precision matrix multiplication on row-major {@code float[]} arrays: the project's own
 * GEMM, the baseline that the sparse and lookup-table kernels are measured against.
 *
 * <p>{@code C = alpha * A * B + beta * C} with A of m x k, B of k x n and C of m x n, each stored
 * row-major from index 0 (arrays may be longer; the rest is ignored). The computation is cache-blocked
 * and register-tiled (see {@link BlockedGemm} and the module README for the design and measured
 * speed). Two interchangeable paths compute it:
 * <ul>
 *   <li>{@link Path#VECTOR}: an 8 x 2-vector FMA micro-kernel on {@code jdk.incubator.vector}
 *       (the JVM needs {@code --add-modules jdk.incubator.vector});</li>
 *   <li>{@link Path#SCALAR}: a 4 x 4 plain-Java micro-kernel with the same blocking.</li>
 * </ul>
 * They round differently (fused vs separate multiply-add), so they agree to a relative tolerance, not
 * bit for bit. With {@code threads > 1} the rows or columns of C are split across the caller and a
 * shared pool of daemon threads; the result is bit-for-bit the same for every thread count.
 *
 * <p>Arguments are checked here; C must not be the same array as A or B. The methods are thread-safe
 * (each thread packs into its own buffers) as long as concurrent calls write different C arrays.
 */
public final class Gemm {

    /** Which micro-kernel computes the product. */
    public enum Path {
        /** Vector API kernel; needs the {@code jdk.incubator.vector} module. */
        VECTOR,
        /** Plain-Java kernel; always available. */
        SCALAR
    }

    private static final boolean VECTOR_AVAILABLE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Gemm() {
    }

    /** Whether {@link Path#VECTOR} can run in this JVM. */
    public static boolean isVectorAvailable() {
        return VECTOR_AVAILABLE;
    }

    /** {@link Path#VECTOR} when available, else {@link Path#SCALAR}. */
    public static Path defaultPath() {
        return VECTOR_AVAILABLE ? Path.VECTOR : Path.SCALAR;
    }

    /** C = A * B on one thread with the {@link #defaultPath()}; C is overwritten. */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        gemm(1f, a, b, 0f, c, m, k, n, defaultPath(), 1);
    }

    /** C = A * B with the given path and thread count; C is overwritten. */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n, Path path, int threads) {
        gemm(1f, a, b, 0f, c, m, k, n, path, threads);
    }

    /** C += A * B on one thread with the {@link #defaultPath()}. */
    public static void multiplyAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        gemm(1f, a, b, 1f, c, m, k, n, defaultPath(), 1);
    }

    /**
     * C = alpha * A * B + beta * C, as BLAS {@code sgemm} without transposes: when beta is 0 the old
     * contents of C are ignored (NaN included); when k is 0 or alpha is 0, C = beta * C.
     *
     * @param threads the number of threads to split C across, at least 1; capped at the number of
     *                register tiles along the split dimension, so small products run on the caller
     */
    public static void gemm(float alpha, float[] a, float[] b, float beta, float[] c, int m, int k, int n,
                            Path path, int threads) {
        checkDimension("m", m);
        checkDimension("k", k);
        checkDimension("n", n);
        checkLength("a", a, m, k);
        checkLength("b", b, k, n);
        checkLength("c", c, m, n);
        if (c == a || c == b) {
            throw new IllegalArgumentException("gemm: c must not be the same array as " + (c == a ? "a" : "b")
                    + " (C is written while A and B are read)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("gemm: threads must be >= 1, got " + threads);
        }
        BlockedGemm.multiply(kernel(path), threads, m, k, n, alpha, a, 0, k, b, 0, n, beta, c, 0, n);
    }

    /**
     * C = A * B for matrices stored contiguously at the given offsets; one thread, default path. Used
     * by {@link Tensor#matmul} for each matrix of a batch; the caller has validated everything.
     */
    static void multiplyAt(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        BlockedGemm.multiply(kernel(defaultPath()), 1, m, k, n, 1f, a, aOff, k, b, bOff, n, 0f, c, cOff, n);
    }

    private static MicroKernel kernel(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("gemm: path must not be null");
        }
        if (path == Path.SCALAR) {
            return ScalarMicroKernel.INSTANCE;
        }
        if (!VECTOR_AVAILABLE) {
            throw new IllegalStateException("gemm: path VECTOR needs the jdk.incubator.vector module;"
                    + " start the JVM with --add-modules jdk.incubator.vector or use Path.SCALAR");
        }
        // Resolved only here, so the Vector API classes are never loaded on the scalar path.
        return VectorMicroKernel.INSTANCE;
    }

    private static void checkDimension(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("gemm: " + name + " must be >= 0, got " + value);
        }
    }

    private static void checkLength(String name, float[] array, int rows, int cols) {
        if (array == null) {
            throw new IllegalArgumentException("gemm: " + name + " must not be null");
        }
        long needed = (long) rows * cols;
        if (array.length < needed) {
            throw new IllegalArgumentException("gemm: " + name + " has length " + array.length + " but "
                    + rows + " x " + cols + " = " + needed + " elements are needed");
        }
    }
}
