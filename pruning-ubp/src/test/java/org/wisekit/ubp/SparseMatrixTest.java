package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wisekit.ubp.kernel.VectorSpmm;

class SparseMatrixTest {

    /** Relative tolerance of the issue, against sum_k |w_ik x_kj| (a product's natural scale). */
    private static final double TOLERANCE = 1e-4;

    private static final int TILE = VectorSpmm.TILE;

    @Test
    void handComputedUnalignedProduct() {
        // W (3 x 2) keeps one block of V = 2 at rows 1-2 of column 1: W = [[0, 0], [0, 2], [0, 3]].
        float[] w = {9, 9, 9, 2, 9, 3};
        BlockSelection sel = new BlockSelection(3, 2, 2, new int[] {1}, new int[] {1});
        float[] x = {1, 1, 1, 4, 5, 6};   // X is 2 x 3
        for (SparseKernel kernel : new SparseKernel[] {SparseKernel.CSR, SparseKernel.UBP_SLIDING, SparseKernel.UBP_WROS}) {
            for (KernelPath path : KernelPath.values()) {
                float[] y = new float[9];
                Arrays.fill(y, Float.NaN);
                SparseMatrix.pack(w, sel, kernel).multiply(x, 3, y, path);
                assertThat(y).as(kernel + " " + path).containsExactly(0, 0, 0, 8, 10, 12, 12, 15, 18);
            }
        }
    }

    @Test
    void everyKernelEqualsDenseMaskedGemmOnRandomAndEdgeShapes() {
        SplittableRandom rng = new SplittableRandom(31);
        // rows, cols, pixels, V: P below, at and around the tile; Co not a multiple of V; V = 1, 2, 3, 4.
        int[][] shapes = {
                {16, 8, TILE, 4}, {17, 9, TILE + 1, 4}, {19, 5, 2 * TILE + 7, 4}, {6, 3, 3 * TILE - 1, 4},
                {4, 1, TILE, 4}, {13, 7, 5, 4}, {9, 6, TILE - 1, 2}, {11, 4, 49, 2}, {10, 10, 1, 2},
                {7, 7, 50, 3}, {8, 12, 40, 1}, {64, 32, 196, 4}, {5, 16, 2 * TILE, 4}, {4, 4, 100, 4}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int pixels = shape[2];
            int v = shape[3];
            float[] w = Matrices.weights(rng, rows, cols);
            float[] x = Matrices.weights(rng, cols, pixels);
            ScoreMatrix scores = ScoreMatrix.of(w, rows, cols, Importance.L1);
            for (double sparsity : new double[] {0.5, 0.8, 0.95}) {
                Budget budget = new Budget(v, (int) Math.min(Math.floor(rows * cols * (1 - sparsity) / v),
                        new Budget(v, 0).maxBlocks(rows, cols)));
                BlockSelection unaligned = new BedSelector().select(scores, budget);
                BlockSelection aligned = new AlignedSelector().select(scores, budget);
                String label = rows + "x" + cols + "x" + pixels + " V=" + v + " s=" + sparsity;
                check(w, aligned, SparseKernel.ABP, x, pixels, label);
                check(w, aligned, SparseKernel.UBP_SLIDING, x, pixels, label);
                check(w, aligned, SparseKernel.UBP_WROS, x, pixels, label);
                check(w, unaligned, SparseKernel.UBP_SLIDING, x, pixels, label);
                check(w, unaligned, SparseKernel.UBP_WROS, x, pixels, label);
                check(w, unaligned, SparseKernel.CSR, x, pixels, label);
                check(w, new UnstructuredSelector().select(scores, budget), SparseKernel.CSR, x, pixels, label);
            }
        }
    }

    @Test
    void blocksAtTheLastRowsAndEmptyRowsAreHandled() {
        // Every block starts at Co - V (the last possible row) or row 0; the rows between are empty.
        int rows = 11;
        int cols = 5;
        int pixels = TILE + 3;
        SplittableRandom rng = new SplittableRandom(4);
        float[] w = Matrices.weights(rng, rows, cols);
        float[] x = Matrices.weights(rng, cols, pixels);
        BlockSelection sel = new BlockSelection(rows, cols, 4, new int[] {7, 7, 7, 0, 7}, new int[] {0, 1, 2, 3, 4});
        for (SparseKernel kernel : new SparseKernel[] {SparseKernel.CSR, SparseKernel.UBP_SLIDING, SparseKernel.UBP_WROS}) {
            check(w, sel, kernel, x, pixels, "last rows");
        }
        BlockSelection none = new BlockSelection(rows, cols, 4, new int[0], new int[0]);
        for (SparseKernel kernel : SparseKernel.values()) {
            float[] y = new float[rows * pixels];
            Arrays.fill(y, 1f);
            SparseMatrix.pack(w, none, kernel).multiply(x, pixels, y);
            assertThat(y).as(kernel.id()).containsOnly(0f);
        }
    }

    @Test
    void vectorAndScalarPathsGiveTheSameBits() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int[] shape : new int[][] {{64, 32, 196, 4}, {30, 20, 2 * TILE + 5, 2}, {21, 13, 3 * TILE, 4}}) {
            int rows = shape[0];
            int cols = shape[1];
            int pixels = shape[2];
            int v = shape[3];
            float[] w = Matrices.weights(rng, rows, cols);
            float[] x = Matrices.weights(rng, cols, pixels);
            ScoreMatrix scores = ScoreMatrix.of(w, rows, cols, Importance.L2);
            Budget budget = Budget.forSparsity(rows - rows % v, cols, v, 0.7);
            BlockSelection unaligned = new GreedySelector().select(scores, budget);
            BlockSelection aligned = new AlignedSelector().select(scores, budget);
            for (SparseKernel kernel : SparseKernel.values()) {
                SparseMatrix m = SparseMatrix.pack(w, kernel == SparseKernel.ABP ? aligned : unaligned, kernel);
                float[] vector = new float[rows * pixels];
                float[] scalar = new float[rows * pixels];
                m.multiply(x, pixels, vector, KernelPath.VECTOR);
                m.multiply(x, pixels, scalar, KernelPath.SCALAR);
                assertThat(vector).as(kernel.id()).containsExactly(scalar);
            }
        }
    }

    @Test
    void badInputGetsAClearError() {
        float[] w = new float[16];
        BlockSelection unaligned = new BlockSelection(4, 4, 2, new int[] {1}, new int[] {0});
        assertThatThrownBy(() -> SparseMatrix.pack(w, unaligned, SparseKernel.ABP))
                .hasMessage("ABP needs an aligned selection (every block starting at a multiple of V = 2)");
        assertThatThrownBy(() -> SparseMatrix.pack(new float[15], unaligned, SparseKernel.CSR))
                .hasMessage("weights must hold rows * cols = 16 values for a 4 x 4 selection, got 15");
        SparseMatrix m = SparseMatrix.pack(w, unaligned, SparseKernel.UBP_WROS);
        assertThatThrownBy(() -> m.multiply(new float[8], 0, new float[8]))
                .hasMessage("pixels must be >= 1, got 0");
        assertThatThrownBy(() -> m.multiply(new float[7], 2, new float[8]))
                .hasMessage("x must hold cols * pixels = 8 values, got 7");
        assertThatThrownBy(() -> m.multiply(new float[8], 2, new float[7]))
                .hasMessage("y must hold rows * pixels = 8 values, got 7");
        float[] same = new float[8];
        assertThatThrownBy(() -> m.multiply(same, 2, same)).hasMessage("y must not be the same array as x");
    }

    /** Packs, multiplies on both paths and compares with the dense product of the masked weights. */
    private static void check(float[] w, BlockSelection sel, SparseKernel kernel, float[] x, int pixels, String label) {
        int rows = sel.rows();
        int cols = sel.cols();
        float[] masked = w.clone();
        sel.applyTo(masked);
        SparseMatrix m = SparseMatrix.pack(w, sel, kernel);
        assertThat(m.storedWeights()).as(label).isEqualTo(sel.keptWeights());
        for (KernelPath path : KernelPath.values()) {
            float[] y = new float[rows * pixels];
            Arrays.fill(y, Float.NaN);   // every output must be written
            m.multiply(x, pixels, y, path);
            for (int r = 0; r < rows; r++) {
                for (int p = 0; p < pixels; p++) {
                    double exact = 0;
                    double scale = 0;
                    for (int k = 0; k < cols; k++) {
                        exact += (double) masked[r * cols + k] * x[k * pixels + p];
                        scale += Math.abs((double) masked[r * cols + k] * x[k * pixels + p]);
                    }
                    double error = Math.abs(y[r * pixels + p] - exact);
                    if (!(error <= TOLERANCE * scale)) {
                        throw new AssertionError(kernel + " " + path + " " + label + ": y[" + r + "][" + p + "] = "
                                + y[r * pixels + p] + ", dense masked GEMM gives " + exact);
                    }
                }
            }
        }
    }
}
