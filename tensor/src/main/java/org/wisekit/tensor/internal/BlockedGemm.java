package org.wisekit.tensor.internal;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Cache-blocked single-precision GEMM driver, C = alpha * A * B + beta * C, in the GotoBLAS / BLIS
 * layout:
 *
 * <pre>
 * for jc in steps of NC over the columns of C:          B panel  (KC x NC) packed once, shared by all of A
 *   for pc in steps of KC over the inner dimension:
 *     pack B[pc.., jc..] into NR-wide slivers
 *     for ic in steps of MC over the rows of C:         A block  (MC x KC) packed, stays in L2
 *       pack alpha * A[ic.., pc..] into MR-tall slivers
 *       for jr in steps of NR:                          one B sliver (KC x NR) reused for the whole A block
 *         for ir in steps of MR:                        micro-kernel: MR x NR tile of C in registers
 * </pre>
 *
 * <p>All matrices are row-major with explicit leading dimensions (row strides) and array offsets.
 * Packing pads the last sliver with zeros, so the micro-kernel always computes a full tile; tiles
 * that stick out of C are computed into a small buffer and only their valid part is written back.
 * Pack buffers live in a per-thread workspace that grows to the largest size seen and is reused, so
 * the loops allocate nothing. The first KC step overwrites C when beta is 0 (NaN in C is ignored,
 * as in BLAS) and accumulates otherwise; any other beta scales C once up front.
 *
 * <p>With {@code threads > 1} the rows (or, when there are more column tiles than row tiles, the
 * columns) of C are split into that many tile-aligned ranges; the caller computes the first and a
 * shared fork-join pool the others. Every element of C sees the same sequence of operations whatever
 * the split, so results are bit-for-bit independent of the thread count.
 *
 * <p>Callers validate arguments; the driver trusts them.
 */
public final class BlockedGemm {

    // Tuned on a 2-core AVX-512 machine (1 MiB L2 per core, 32 MiB shared L3) with the 8 x 32 vector
    // tile; KC = 512 beat KC = 256 by about 10% single-threaded at 1024^3, MC between 48 and 192 was
    // within noise. See the module README for the sweep.

    /** Rows of A packed per block: MC x KC floats (288 KiB) stay in the 1 MiB L2 of a core. */
    public static final int MC = 144;
    /** Depth of one packed block: fewer, longer micro-kernel runs, so C is loaded and stored k / KC times. */
    public static final int KC = 512;
    /** Columns of B packed per panel: KC x NC floats (4 MiB) stay in L3, shared by every A block. */
    public static final int NC = 2048;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private BlockedGemm() {
    }

    /**
     * C[m x n] = alpha * A[m x k] * B[k x n] + beta * C, each matrix at its offset with its leading
     * dimension, using {@code kernel} and up to {@code threads} threads.
     */
    public static void multiply(MicroKernel kernel, int threads, int m, int k, int n, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        int rowTiles = ceilDiv(m, kernel.rows());
        int colTiles = ceilDiv(n, kernel.cols());
        boolean splitRows = rowTiles >= colTiles;
        int tiles = splitRows ? rowTiles : colTiles;
        int parts = Math.min(threads, tiles);
        if (parts <= 1) {
            multiplySerial(kernel, m, k, n, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
        for (int part = 1; part < parts; part++) {
            int firstTile = (int) ((long) tiles * part / parts);
            int endTile = (int) ((long) tiles * (part + 1) / parts);
            Runnable task;
            if (splitRows) {
                int r0 = firstTile * kernel.rows();
                int r1 = Math.min(m, endTile * kernel.rows());
                task = () -> multiplySerial(kernel, r1 - r0, k, n, alpha, a, aOff + r0 * lda, lda,
                        b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
            } else {
                int c0 = firstTile * kernel.cols();
                int c1 = Math.min(n, endTile * kernel.cols());
                task = () -> multiplySerial(kernel, m, k, c1 - c0, alpha, a, aOff, lda,
                        b, bOff + c0, ldb, beta, c, cOff + c0, ldc);
            }
            others[part - 1] = WorkerPool.INSTANCE.submit(task);
        }
        int firstEnd = tiles / parts;
        if (splitRows) {
            int rows = Math.min(m, firstEnd * kernel.rows());
            multiplySerial(kernel, rows, k, n, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            int cols = Math.min(n, firstEnd * kernel.cols());
            multiplySerial(kernel, m, k, cols, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
        for (ForkJoinTask<?> other : others) {
            other.join();
        }
    }

    private static void multiplySerial(MicroKernel kernel, int m, int k, int n, float alpha,
                                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                       float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(beta, c, cOff, ldc, m, n);
            return;
        }
        if (beta != 0f && beta != 1f) {
            scale(beta, c, cOff, ldc, m, n);
        }
        int mr = kernel.rows();
        int nr = kernel.cols();
        int mcStep = Math.max(mr, MC / mr * mr);
        int ncStep = Math.max(nr, NC / nr * nr);
        Workspace workspace = WORKSPACE.get();
        float[] edgeTile = workspace.edgeTile(mr * nr);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0 || beta != 0f;
                float[] bPacked = workspace.packedB(ceilDiv(nc, nr) * nr * kc);
                packB(b, bOff + pc * ldb + jc, ldb, kc, nc, nr, bPacked);
                for (int ic = 0; ic < m; ic += mcStep) {
                    int mc = Math.min(mcStep, m - ic);
                    float[] aPacked = workspace.packedA(ceilDiv(mc, mr) * mr * kc);
                    packA(alpha, a, aOff + ic * lda + pc, lda, mc, kc, mr, aPacked);
                    multiplyBlock(kernel, mc, kc, nc, aPacked, bPacked,
                            c, cOff + ic * ldc + jc, ldc, accumulate, edgeTile);
                }
            }
        }
    }

    /** C[mc x nc] (+)= packed A block * packed B panel, tile by tile. */
    private static void multiplyBlock(MicroKernel kernel, int mc, int kc, int nc, float[] aPacked, float[] bPacked,
                                      float[] c, int cOff, int ldc, boolean accumulate, float[] edgeTile) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int cAt = cOff + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.multiply(kc, aPacked, ir * kc, bPacked, jr * kc, c, cAt, ldc, accumulate);
                } else {
                    kernel.multiply(kc, aPacked, ir * kc, bPacked, jr * kc, edgeTile, 0, nr, false);
                    writeBack(edgeTile, nr, rows, cols, c, cAt, ldc, accumulate);
                }
            }
        }
    }

    private static void writeBack(float[] tile, int nr, int rows, int cols, float[] c, int cAt, int ldc,
                                  boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            int t = r * nr;
            int at = cAt + r * ldc;
            for (int j = 0; j < cols; j++) {
                c[at + j] = accumulate ? c[at + j] + tile[t + j] : tile[t + j];
            }
        }
    }

    /**
     * Packs alpha * A[0..mc, 0..kc] (row-major, leading dimension lda, starting at aOff) into slivers
     * of mr rows: sliver s, step p, row r goes to {@code packed[s*mr*kc + p*mr + r]}; missing rows are 0.
     */
    private static void packA(float alpha, float[] a, int aOff, int lda, int mc, int kc, int mr, float[] packed) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int sliver = ir * kc;
            for (int r = 0; r < mr; r++) {
                if (r < rows) {
                    int src = aOff + (ir + r) * lda;
                    for (int p = 0; p < kc; p++) {
                        packed[sliver + p * mr + r] = alpha * a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[sliver + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs B[0..kc, 0..nc] (row-major, leading dimension ldb, starting at bOff) into slivers of nr
     * columns: sliver s, step p, column j goes to {@code packed[s*nr*kc + p*nr + j]}; missing columns are 0.
     */
    private static void packB(float[] b, int bOff, int ldb, int kc, int nc, int nr, float[] packed) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int sliver = jr * kc;
            for (int p = 0; p < kc; p++) {
                int dst = sliver + p * nr;
                System.arraycopy(b, bOff + p * ldb + jr, packed, dst, cols);
                if (cols < nr) {
                    Arrays.fill(packed, dst + cols, dst + nr, 0f);
                }
            }
        }
    }

    /** C = beta * C; beta = 0 writes zeros even over NaN. */
    private static void scale(float beta, float[] c, int cOff, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** Pack buffers of one thread; they only grow. */
    private static final class Workspace {
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        private float[] edgeTile = new float[0];

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }

        float[] edgeTile(int size) {
            if (edgeTile.length < size) {
                edgeTile = new float[size];
            }
            return edgeTile;
        }
    }

    /**
     * The helper threads: one fewer than the processors (the caller is the other one), at least one.
     * Created on first multi-threaded use; its daemon threads never block the JVM from exiting.
     */
    private static final class WorkerPool {
        static final ForkJoinPool INSTANCE = new ForkJoinPool(
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                pool -> {
                    ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    thread.setName("wisekit-gemm-" + thread.getPoolIndex());
                    return thread;
                },
                null, false);
    }
}
