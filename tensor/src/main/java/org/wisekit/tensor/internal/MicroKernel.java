package org.wisekit.tensor.internal;

/**
 * The innermost GEMM step: one register tile of C updated with the product of a packed sliver of A
 * and a packed sliver of B.
 *
 * <p>Packed layouts (written by {@link BlockedGemm}): the A sliver holds {@code kc} steps of
 * {@link #rows()} values (step p holds A[0..rows, p]); the B sliver holds {@code kc} steps of
 * {@link #cols()} values (step p holds B[p, 0..cols]). Rows and columns past the matrix edge are
 * zero-padded, so a kernel always computes a full tile.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface MicroKernel {

    /** Rows of the register tile (MR). */
    int rows();

    /** Columns of the register tile (NR). */
    int cols();

    /**
     * T = sum over p &lt; kc of aSliver[p] (outer product) bSliver[p]; then
     * {@code C[r][j] = T[r][j]} or, when {@code accumulate}, {@code C[r][j] += T[r][j]},
     * for the full rows() x cols() tile starting at {@code c[cAt]} with row stride {@code ldc}.
     */
    void multiply(int kc, float[] aSliver, int aAt, float[] bSliver, int bAt,
                  float[] c, int cAt, int ldc, boolean accumulate);
}
