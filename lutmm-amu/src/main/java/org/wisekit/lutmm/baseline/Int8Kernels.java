package org.wisekit.lutmm.baseline;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.kernel.VectorWidth;

/**
 * int8 x int8 -> int32 products {@code out[i * m + j] = sum_k a[i * d + k] * bt[j * d + k]} (B stored
 * transposed, one row per output) and the per-tensor symmetric quantization that feeds them. Values must
 * lie in [-127, 127], as symmetric quantization gives them; both paths are exact integer arithmetic, so
 * they are bit-identical.
 *
 * <p>The vector path ({@code jdk.incubator.vector} at {@link VectorWidth#BITS}) is the {@code pmaddwd}
 * pattern written with the operations C2 compiles well on JDK 17. A step of k is one byte vector of A
 * (64, 32 or 16 int8 values). Reinterpreted as 16-bit lanes, each lane holds two neighbouring bytes; two
 * shifts give the even bytes, one gives the odd ones, sign-extended (a lane-crossing byte-to-short
 * {@code convertShape} is slower). B is packed once into the same even and odd halves, already widened.
 * {@code even * even + odd * odd} is a pair sum per 16-bit lane, at most 2 * 127 * 127 = 32258 in
 * magnitude, so it cannot overflow; the two pair sums of each 32-bit lane are then sign-extended and
 * added into a 32-bit accumulator. A register tile of {@value #ROWS} rows x {@value #COLS} columns shares
 * each A vector among four B columns and each B vector between two rows; each accumulator is summed
 * across lanes once, after the last step. A row is zero-padded to whole steps, B's columns to whole
 * tiles, so there are no tail loops; the caller zero-fills missing rows.
 *
 * <p>Quantization {@code clamp(round(x / scale), -127, 127)} ({@link #quantize(float, float)}) is
 * vectorised bit-identically: the same IEEE division, NaN to 0, clamping in float, then
 * {@code y + 1.5 * 2^23} rounds to an integer (ties to even) whose low mantissa bits are the result, and
 * one compare corrects the ties that {@link Math#round(float)} sends up. Four int vectors are packed into
 * one byte vector with shifts (int lane l, byte q holds the element {@code q * lanes + l} of the step),
 * so the packed layout permutes k within a step; B is packed with the same permutation, and the sums do
 * not depend on the order.
 *
 * <p>On JDK 17, C2 parses every Vector API call as a class-checked call on its receiver. In a kernel as
 * large as this one the class-check budget ({@code -XX:PerMethodTrapLimit}, 100 by default, counted over
 * every inlined method, and the API's shared methods carry traps from other kernels) runs out, and from
 * then on a call whose receiver is a loop-carried vector stays virtual: the vector is boxed on the heap
 * and the kernel runs about 50x slower. So an accumulator is never a receiver here, only an argument
 * ({@code x.add(acc)}); receivers are always fresh results, whose exact type C2 learns when it expands
 * the intrinsics. Species are {@code static final} constants in a nested class that loads only on the
 * vector path, so the scalar path runs without the {@code jdk.incubator.vector} module.
 */
public final class Int8Kernels {

    /** Rows of A per register tile. */
    static final int ROWS = 2;
    /** Columns of B per register tile. */
    static final int COLS = 4;
    /** Target size of the block of quantized A rows that one B tile sweeps while it stays in L1. */
    private static final int PANEL_BYTES = 16 * 1024;
    private static final int MAX_PANEL_ROWS = 64;

    private Int8Kernels() {
    }

    /** {@code clamp(round(x / scale), -127, 127)}, rounding as {@link Math#round(float)} (ties up, NaN to 0). */
    public static byte quantize(float x, float scale) {
        return (byte) Math.max(-127, Math.min(127, Math.round(x / scale)));
    }

    /**
     * {@code out[i * m + j] = sum_k a[i * d + k] * bt[j * d + k]}, exactly. The vector path packs A and B
     * first (it allocates); {@link Int8Matmul} keeps B packed and quantizes A straight into the packed form.
     *
     * @param a  n x d int8 values in [-127, 127], row-major
     * @param bt m x d int8 values in [-127, 127], row-major (B transposed)
     * @param out at least n x m, overwritten
     * @throws IllegalArgumentException for negative sizes, short arrays, a value -128, or a path that cannot run here
     */
    public static void gemm(byte[] a, int n, int d, byte[] bt, int m, int[] out, KernelPath path) {
        checkShape(n, d, m, a == null ? -1 : a.length, bt == null ? -1 : bt.length, out == null ? -1 : out.length);
        checkRange("a", a, n * d);
        checkRange("bt", bt, m * d);
        if (KernelPath.checked(path) == KernelPath.SCALAR) {
            scalarGemm(a, n, d, bt, m, out);
            return;
        }
        int dp = Simd.paddedDepth(d);
        byte[] qa = new byte[(n + ROWS - 1) / ROWS * ROWS * dp];
        for (int i = 0; i < n; i++) {
            Simd.packRow(a, i * d, d, qa, i * dp);
        }
        Simd.gemm(qa, n, dp, Simd.packB(bt, m, d), m, out, new int[ROWS * COLS]);
    }

    /**
     * {@link #gemm(byte[], int, int, byte[], int, int[], KernelPath)} for int8 values held in 16-bit
     * elements (narrowed first, so this allocates).
     *
     * @throws IllegalArgumentException also for a value outside [-127, 127]
     */
    public static void gemm(short[] a, int n, int d, short[] bt, int m, int[] out, KernelPath path) {
        checkShape(n, d, m, a == null ? -1 : a.length, bt == null ? -1 : bt.length, out == null ? -1 : out.length);
        gemm(narrow("a", a, n * d), n, d, narrow("bt", bt, m * d), m, out, path);
    }

    /** The reference product, plain loops in k order. */
    static void scalarGemm(byte[] a, int n, int d, byte[] bt, int m, int[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = dot(a, i * d, bt, j * d, d);
            }
        }
    }

    private static int dot(byte[] a, int aAt, byte[] b, int bAt, int d) {
        int s = 0;
        for (int k = 0; k < d; k++) {
            s += a[aAt + k] * b[bAt + k];
        }
        return s;
    }

    /**
     * Scalar path of {@link Int8Matmul}: row i of A quantized into {@code row} (d bytes), then
     * {@code out[i * m + j] = outScale * (row . bt_j)}.
     */
    static void multiplyScalar(float[] a, int n, int d, float aScale, byte[] bt, int m, float outScale, float[] out,
                               byte[] row) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                row[k] = quantize(a[i * d + k], aScale);
            }
            for (int j = 0; j < m; j++) {
                out[i * m + j] = dot(row, 0, bt, j * d, d) * outScale;
            }
        }
    }

    /** Rows of A quantized per panel for depth d (an even number, so whole tiles). */
    static int panelRows(int d) {
        int rows = PANEL_BYTES / Math.max(1, Simd.paddedDepth(d)) / ROWS * ROWS;
        return Math.max(ROWS, Math.min(MAX_PANEL_ROWS, rows));
    }

    /** Bytes of the work buffer {@link #multiplyVector} needs for depth d. */
    static int panelBytes(int d) {
        return panelRows(d) * Simd.paddedDepth(d);
    }

    /** B^T (m x d, row-major) widened and laid out for the vector tiles. */
    static short[] packB(byte[] bt, int m, int d) {
        return Simd.packB(bt, m, d);
    }

    /**
     * Vector path of {@link Int8Matmul}: {@code out[i * m + j] = outScale * sum_k quantize(a[i * d + k], aScale)
     * * b[k][j]}, equal to {@link #multiplyScalar}. Rows are quantized a panel at a time into {@code panel}
     * ({@link #panelBytes}), and each B tile sweeps the whole panel.
     *
     * @param packedB {@link #packB} of B^T
     * @param tile    {@code ROWS * COLS} ints of scratch
     */
    static void multiplyVector(float[] a, int n, int d, float aScale, short[] packedB, int m, float outScale,
                               float[] out, byte[] panel, int[] tile) {
        int dp = Simd.paddedDepth(d);
        int panelRows = panelRows(d);
        for (int i0 = 0; i0 < n; i0 += panelRows) {
            int rows = Math.min(panelRows, n - i0);
            for (int r = 0; r < rows; r++) {
                Simd.quantizeRow(a, (i0 + r) * d, d, aScale, panel, r * dp);
            }
            int tiles = (rows + ROWS - 1) / ROWS;
            Arrays.fill(panel, rows * dp, tiles * ROWS * dp, (byte) 0);
            for (int j0 = 0; j0 < m; j0 += COLS) {
                int cols = Math.min(COLS, m - j0);
                int b = j0 * dp;
                for (int t = 0; t < tiles; t++) {
                    Simd.tile(panel, t * ROWS * dp, dp, packedB, b, tile);
                    int r1 = Math.min(ROWS, rows - t * ROWS);
                    for (int r = 0; r < r1; r++) {
                        int o = (i0 + t * ROWS + r) * m + j0;
                        for (int c = 0; c < cols; c++) {
                            out[o + c] = tile[r * COLS + c] * outScale;
                        }
                    }
                }
            }
        }
    }

    /** Quantizes one row of d floats into the packed layout (dp bytes, zero-padded); for tests. */
    static void quantizeRow(float[] a, int from, int d, float scale, byte[] out, int at) {
        Simd.quantizeRow(a, from, d, scale, out, at);
    }

    /** Where element k of a row sits in the packed layout. */
    static int packedIndex(int k) {
        return Simd.packedIndex(k);
    }

    /** dp: d rounded up to whole vector steps. */
    static int paddedDepth(int d) {
        return Simd.paddedDepth(d);
    }

    private static void checkShape(int n, int d, int m, int aLength, int btLength, int outLength) {
        if (n < 0 || d < 0 || m < 0) {
            throw new IllegalArgumentException("gemm: n, d and m must be >= 0, got n = " + n + ", d = " + d + ", m = " + m);
        }
        checkLength("a", aLength, (long) n * d);
        checkLength("bt", btLength, (long) m * d);
        checkLength("out", outLength, (long) n * m);
    }

    private static void checkLength(String name, int length, long needed) {
        if (length < 0) {
            throw new IllegalArgumentException("gemm: " + name + " must not be null");
        }
        if (length < needed) {
            throw new IllegalArgumentException("gemm: " + name + " has length " + length + " but " + needed + " are needed");
        }
    }

    private static void checkRange(String name, byte[] x, int count) {
        for (int p = 0; p < count; p++) {
            if (x[p] == Byte.MIN_VALUE) {
                throw new IllegalArgumentException("gemm: " + name + "[" + p + "] = -128 is outside [-127, 127]");
            }
        }
    }

    private static byte[] narrow(String name, short[] x, int count) {
        byte[] out = new byte[count];
        for (int p = 0; p < count; p++) {
            if (x[p] < -127 || x[p] > 127) {
                throw new IllegalArgumentException("gemm: " + name + "[" + p + "] = " + x[p] + " is outside [-127, 127]");
            }
            out[p] = (byte) x[p];
        }
        return out;
    }

    /** The vector kernels; loaded only on the vector path. */
    private static final class Simd {

        private static final VectorShape SHAPE = VectorShape.forBitSize(VectorWidth.BITS > 0 ? VectorWidth.BITS : 128);
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128.withShape(SHAPE);
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128.withShape(SHAPE);
        private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128.withShape(SHAPE);
        private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128.withShape(SHAPE);
        /** Bytes of A per step of k. */
        private static final int STEP = BYTES.length();
        /** 16-bit lanes: the even (or odd) half of a step. */
        private static final int HALF = SHORTS.length();
        /** 32-bit lanes: a quarter of a step. */
        private static final int QUARTER = INTS.length();
        /** 1.5 * 2^23: for |y| <= 2^22, y + MAGIC is rint(y) + MAGIC exactly, with rint(y) in the low bits. */
        private static final float MAGIC = 12582912f;
        private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);

        private Simd() {
        }

        static int paddedDepth(int d) {
            return (d + STEP - 1) / STEP * STEP;
        }

        static int packedIndex(int k) {
            int w = k % STEP;
            return k - w + w % QUARTER * 4 + w / QUARTER;
        }

        /** Natural int8 row {@code a[from, from + d)} to the packed layout at {@code out[at, at + dp)}. */
        static void packRow(byte[] a, int from, int d, byte[] out, int at) {
            for (int k = 0; k < d; k++) {
                out[at + packedIndex(k)] = a[from + k];
            }
        }

        /**
         * Tiles of COLS columns, step-major within a tile: {@code [((t * steps + s) * COLS + c) * STEP + h * HALF + l]}
         * = packed byte {@code 2 l + h} of step s of column {@code t * COLS + c}, widened (zero for padding).
         */
        static short[] packB(byte[] bt, int m, int d) {
            int dp = paddedDepth(d);
            int steps = dp / STEP;
            int tiles = (m + COLS - 1) / COLS;
            short[] packed = new short[tiles * COLS * dp];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    int p = packedIndex(k) % STEP;
                    int at = ((j / COLS * steps + k / STEP) * COLS + j % COLS) * STEP + p % 2 * HALF + p / 2;
                    packed[at] = bt[j * d + k];
                }
            }
            return packed;
        }

        /** Integer product of packed rows: out[i * m + j] for i < n, j < m (qa holds whole tiles of rows). */
        static void gemm(byte[] qa, int n, int dp, short[] packedB, int m, int[] out, int[] tile) {
            for (int j0 = 0; j0 < m; j0 += COLS) {
                int cols = Math.min(COLS, m - j0);
                for (int i0 = 0; i0 < n; i0 += ROWS) {
                    tile(qa, i0 * dp, dp, packedB, j0 * dp, tile);
                    for (int r = 0; r < Math.min(ROWS, n - i0); r++) {
                        System.arraycopy(tile, r * COLS, out, (i0 + r) * m + j0, cols);
                    }
                }
            }
        }

        /**
         * One ROWS x COLS tile: rows at {@code qa[a]} and {@code qa[a + dp]}, B tile at {@code packedB[b]};
         * {@code tile[r * COLS + c]} = the row-r, column-c dot product.
         */
        static void tile(byte[] qa, int a, int dp, short[] packedB, int b, int[] tile) {
            IntVector zero = IntVector.zero(INTS);
            IntVector c00 = zero;
            IntVector c01 = zero;
            IntVector c02 = zero;
            IntVector c03 = zero;
            IntVector c10 = zero;
            IntVector c11 = zero;
            IntVector c12 = zero;
            IntVector c13 = zero;
            for (int k = 0; k < dp; k += STEP, b += COLS * STEP) {
                ShortVector x0 = ByteVector.fromArray(BYTES, qa, a + k).reinterpretAsShorts();
                ShortVector x1 = ByteVector.fromArray(BYTES, qa, a + dp + k).reinterpretAsShorts();
                ShortVector even0 = x0.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8);
                ShortVector odd0 = x0.lanewise(VectorOperators.ASHR, 8);
                ShortVector even1 = x1.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8);
                ShortVector odd1 = x1.lanewise(VectorOperators.ASHR, 8);
                ShortVector be = ShortVector.fromArray(SHORTS, packedB, b);
                ShortVector bo = ShortVector.fromArray(SHORTS, packedB, b + HALF);
                c00 = madd(even0, odd0, be, bo, c00);
                c10 = madd(even1, odd1, be, bo, c10);
                be = ShortVector.fromArray(SHORTS, packedB, b + STEP);
                bo = ShortVector.fromArray(SHORTS, packedB, b + STEP + HALF);
                c01 = madd(even0, odd0, be, bo, c01);
                c11 = madd(even1, odd1, be, bo, c11);
                be = ShortVector.fromArray(SHORTS, packedB, b + 2 * STEP);
                bo = ShortVector.fromArray(SHORTS, packedB, b + 2 * STEP + HALF);
                c02 = madd(even0, odd0, be, bo, c02);
                c12 = madd(even1, odd1, be, bo, c12);
                be = ShortVector.fromArray(SHORTS, packedB, b + 3 * STEP);
                bo = ShortVector.fromArray(SHORTS, packedB, b + 3 * STEP + HALF);
                c03 = madd(even0, odd0, be, bo, c03);
                c13 = madd(even1, odd1, be, bo, c13);
            }
            tile[0] = sum(zero, c00);
            tile[1] = sum(zero, c01);
            tile[2] = sum(zero, c02);
            tile[3] = sum(zero, c03);
            tile[4] = sum(zero, c10);
            tile[5] = sum(zero, c11);
            tile[6] = sum(zero, c12);
            tile[7] = sum(zero, c13);
        }

        /** acc + the sign-extended halves of each 32-bit lane of {@code even * be + odd * bo} (acc an argument only). */
        private static IntVector madd(ShortVector even, ShortVector odd, ShortVector be, ShortVector bo, IntVector acc) {
            IntVector p = even.mul(be).add(odd.mul(bo)).reinterpretAsInts();
            return p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                    .add(p.lanewise(VectorOperators.ASHR, 16)).add(acc);
        }

        private static int sum(IntVector zero, IntVector acc) {
            return zero.add(acc).reduceLanes(VectorOperators.ADD);
        }

        /** Quantizes {@code a[from, from + d)} into the packed layout at {@code out[at, at + dp)}. */
        static void quantizeRow(float[] a, int from, int d, float scale, byte[] out, int at) {
            int full = d - d % STEP;
            for (int k = 0; k < full; k += STEP) {
                IntVector q0 = round(FloatVector.fromArray(FLOATS, a, from + k), scale);
                IntVector q1 = round(FloatVector.fromArray(FLOATS, a, from + k + QUARTER), scale);
                IntVector q2 = round(FloatVector.fromArray(FLOATS, a, from + k + 2 * QUARTER), scale);
                IntVector q3 = round(FloatVector.fromArray(FLOATS, a, from + k + 3 * QUARTER), scale);
                q0.lanewise(VectorOperators.AND, 0xFF)
                        .or(q1.lanewise(VectorOperators.AND, 0xFF).lanewise(VectorOperators.LSHL, 8))
                        .or(q2.lanewise(VectorOperators.AND, 0xFF).lanewise(VectorOperators.LSHL, 16))
                        .or(q3.lanewise(VectorOperators.LSHL, 24))
                        .reinterpretAsBytes().intoArray(out, at + k);
            }
            if (full < d) {
                Arrays.fill(out, at + full, at + full + STEP, (byte) 0);
                for (int k = full; k < d; k++) {
                    out[at + packedIndex(k)] = quantize(a[from + k], scale);
                }
            }
        }

        /** {@link #quantize(float, float)} of each lane, as ints. */
        private static IntVector round(FloatVector x, float scale) {
            FloatVector y = x.div(scale);
            y = y.blend(0f, y.compare(VectorOperators.NE, y)).max(-127f).min(127f);
            FloatVector t = y.add(MAGIC);
            VectorMask<Integer> tie = y.sub(t.sub(MAGIC)).compare(VectorOperators.EQ, 0.5f).cast(INTS);
            return t.reinterpretAsInts().sub(MAGIC_BITS).add(1, tie);
        }
    }
}
