package org.wisekit.ubp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseMatrixFileTest {

    @TempDir
    Path dir;

    /** The documented layout, written field by field. */
    private static byte[] bytes(int magic, int version, int kernel, int rows, int cols, int v, int blocks, int type,
                                int[] rowStart, int[] columns, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(32 + 4 * (rowStart.length + columns.length + values.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putInt(version).putInt(kernel).putInt(rows).putInt(cols).putInt(v).putInt(blocks).putInt(type);
        Arrays.stream(rowStart).forEach(b::putInt);
        Arrays.stream(columns).forEach(b::putInt);
        for (float f : values) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static final int MAGIC = 'U' | 'B' << 8 | 'P' << 16 | 'M' << 24;

    @Test
    void writesTheDocumentedBytes() {
        // W (3 x 2) keeps one block of V = 2 at rows 1-2 of column 1; WROS stores weight j at slot (1 + j) mod 2.
        float[] w = {9, 9, 9, 2, 9, 3};
        BlockSelection sel = new BlockSelection(3, 2, 2, new int[] {1}, new int[] {1});
        assertThat(SparseMatrix.pack(w, sel, SparseKernel.UBP_WROS).toBytes()).isEqualTo(
                bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, new int[] {0, 0, 1, 1}, new int[] {1}, new float[] {3, 2}));
        assertThat(SparseMatrix.pack(w, sel, SparseKernel.UBP_SLIDING).toBytes()).isEqualTo(
                bytes(MAGIC, 1, 2, 3, 2, 2, 1, 1, new int[] {0, 0, 1, 1}, new int[] {1}, new float[] {2, 3}));
        assertThat(SparseMatrix.pack(w, sel, SparseKernel.CSR).toBytes()).isEqualTo(
                bytes(MAGIC, 1, 0, 3, 2, 1, 2, 1, new int[] {0, 0, 1, 2}, new int[] {1, 1}, new float[] {2, 3}));
        BlockSelection aligned = new BlockSelection(3, 2, 2, new int[] {0}, new int[] {0});
        assertThat(SparseMatrix.pack(w, aligned, SparseKernel.ABP).toBytes()).isEqualTo(
                bytes(MAGIC, 1, 1, 3, 2, 2, 1, 1, new int[] {0, 1, 1, 1}, new int[] {0}, new float[] {9, 9}));
        assertThat(new String(SparseMatrix.pack(w, sel, SparseKernel.CSR).toBytes(), 0, 4)).isEqualTo("UBPM");
    }

    @Test
    void roundTripGivesTheSameProductAsTheDensePrunedMatrix() throws Exception {
        SplittableRandom rng = new SplittableRandom(77);
        int[][] shapes = {{16, 8, 33, 4}, {17, 9, 5, 4}, {9, 6, 31, 2}, {7, 7, 50, 3}, {8, 12, 40, 1}, {4, 1, 3, 4},
                {64, 32, 70, 4}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int pixels = shape[2];
            int v = shape[3];
            float[] w = Matrices.weights(rng, rows, cols);
            float[] x = Matrices.weights(rng, cols, pixels);
            ScoreMatrix scores = ScoreMatrix.of(w, rows, cols, Importance.L1);
            Budget budget = new Budget(v, (int) Math.min(rows * cols * 0.3 / v, new Budget(v, 0).maxBlocks(rows, cols)));
            BlockSelection unaligned = new BedSelector().select(scores, budget);
            BlockSelection aligned = new AlignedSelector().select(scores, budget);
            for (SparseKernel kernel : SparseKernel.values()) {
                BlockSelection sel = kernel == SparseKernel.ABP ? aligned : unaligned;
                SparseMatrix packed = SparseMatrix.pack(w, sel, kernel);
                Path file = dir.resolve(kernel.id() + ".ubp");
                packed.write(file);
                SparseMatrix back = SparseMatrix.read(file);
                assertThat(Files.readAllBytes(file)).isEqualTo(packed.toBytes());
                assertThat(back.toBytes()).isEqualTo(packed.toBytes());
                assertThat(back.kernel()).isEqualTo(kernel);
                float[] pruned = w.clone();
                sel.applyTo(pruned);
                assertThat(back.toDense()).as("%s %s", kernel, Arrays.toString(shape)).containsExactly(pruned);
                BlockSelection expectedSel = kernel == SparseKernel.CSR ? BlockSelection.ofMask(rows, cols, sel.mask()) : sel;
                assertThat(back.selection()).isEqualTo(expectedSel);
                for (KernelPath path : KernelPath.values()) {
                    float[] y = new float[rows * pixels];
                    Arrays.fill(y, Float.NaN);
                    back.multiply(x, pixels, y, path);
                    double worst = 0;   // largest error relative to sum |w x|
                    for (int r = 0; r < rows; r++) {
                        for (int p = 0; p < pixels; p++) {
                            double sum = 0;
                            double scale = 1e-30;
                            for (int k = 0; k < cols; k++) {
                                sum += (double) pruned[r * cols + k] * x[k * pixels + p];
                                scale += Math.abs((double) pruned[r * cols + k] * x[k * pixels + p]);
                            }
                            double err = Math.abs(y[r * pixels + p] - sum) / scale;
                            worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : Math.max(worst, err);
                        }
                    }
                    assertThat(worst).as("%s %s %s", kernel, path, Arrays.toString(shape)).isLessThan(1e-4);
                }
            }
        }
    }

    @Test
    void rejectsMalformedFiles() {
        int[] rs = {0, 0, 1, 1};
        int[] cs = {1};
        float[] vs = {3, 2};
        assertThat(SparseMatrix.fromBytes(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, rs, cs, vs), "p").rows()).isEqualTo(3);
        bad(new byte[31], "p: 31 bytes, shorter than the 32-byte header of a packed UBP matrix");
        bad(bytes(0x12345678, 1, 3, 3, 2, 2, 1, 1, rs, cs, vs), "p: not a packed UBP matrix (no UBPM magic)");
        bad(bytes(MAGIC, 2, 3, 3, 2, 2, 1, 1, rs, cs, vs), "p: unsupported packed-matrix version 2 (this reader knows 1)");
        bad(bytes(MAGIC, 1, 7, 3, 2, 2, 1, 1, rs, cs, vs), "p: unknown kernel code 7 (0 CSR, 1 ABP, 2 UBP_SLIDING, 3 UBP_WROS)");
        bad(bytes(MAGIC, 1, 3, 0, 2, 2, 1, 1, rs, cs, vs), "p: bad dimensions 0 x 2");
        bad(bytes(MAGIC, 1, 3, 3, -1, 2, 1, 1, rs, cs, vs), "p: bad dimensions 3 x 4294967295");
        bad(bytes(MAGIC, 1, 3, 3, 2, 4, 1, 1, rs, cs, vs), "p: bad block size V = 4 for UBP_WROS with 3 rows");
        bad(bytes(MAGIC, 1, 0, 3, 2, 2, 1, 1, rs, cs, vs), "p: bad block size V = 2 for CSR with 3 rows");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, -1, 1, rs, cs, vs), "p: bad block count 4294967295");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 2, rs, cs, vs), "p: unsupported value type 2 (1 = float32)");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 2, 1, rs, cs, vs), "p: a 3 x 2 matrix of 2 blocks of V = 2 needs 72 bytes, the file has 60");
        byte[] trailing = Arrays.copyOf(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, rs, cs, vs), 64);
        bad(trailing, "p: a 3 x 2 matrix of 1 blocks of V = 2 needs 60 bytes, the file has 64");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, new int[] {0, 0, 1, 2}, cs, vs), "p: rowStart must run from 0 to the block count 1, got 0 ... 2");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, new int[] {1, 0, 1, 1}, cs, vs), "p: rowStart must run from 0");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, new int[] {0, 2, 0, 1}, cs, vs), "p: rowStart decreases at row 1 (2 then 0)");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, new int[] {0, 0, 0, 1}, cs, vs), "p: a block starts at row 2, past the last possible start 1");
        bad(bytes(MAGIC, 1, 1, 3, 2, 2, 1, 1, rs, cs, vs), "p: ABP block at row 1 is not aligned to V = 2");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, rs, new int[] {2}, vs), "p: block 0 has column 2, outside [0, 2)");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, rs, new int[] {-1}, vs), "p: block 0 has column 4294967295, outside [0, 2)");
        bad(bytes(MAGIC, 1, 2, 4, 2, 2, 2, 1, new int[] {0, 2, 2, 2, 2}, new int[] {1, 0}, new float[4]),
                "p: blocks of row 0 are not in increasing column order (column 0 after 1)");
        bad(bytes(MAGIC, 1, 2, 4, 2, 2, 2, 1, new int[] {0, 2, 2, 2, 2}, new int[] {1, 1}, new float[4]),
                "p: blocks of row 0 are not in increasing column order (column 1 after 1)");
        bad(bytes(MAGIC, 1, 2, 4, 2, 2, 2, 1, new int[] {0, 1, 2, 2, 2}, new int[] {1, 1}, new float[4]),
                "p: block at row 1, column 1 overlaps the block of the same column that ends at row 1");
        bad(bytes(MAGIC, 1, 3, 3, 2, 2, 1, 1, rs, cs, new float[] {3, Float.NaN}), "p: value 1 (block 0) is not finite: NaN");
    }

    private static void bad(byte[] bytes, String message) {
        assertThatThrownBy(() -> SparseMatrix.fromBytes(bytes, "p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
