package org.wisekit.lutmm.baseline;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.kernel.VectorWidth;

/**
 * int8 x int8 to int32 products {@code out[i * m + j] = sum_k a[i * d + k] * bt[j * d + k]} (B stored
 * transposed, one row per output) and the per-tensor symmetric quantization that feeds them. Values must
 * lie in [-127, 127], as symmetric quantization gives them; both paths are exact integer arithmetic, so
 * they are bit-identical.
 *
 * <p>The vector path ({@code jdk.incubator.vector} at {@link VectorWidth#BITS}) is the {@code pmaddwd}
 * pattern written with operations C2 compiles well on JDK 17. A step of k is one byte vector of A (64, 32
 * or 16 int8 values). Reinterpreted as 16-bit lanes, each lane holds two neighbouring bytes: two shifts
 * give the even bytes, one gives the odd ones, sign-extended (a byte-to-short {@code convertShape} of a
 * half-width vector was measured no faster). B is fixed, so it is packed once into the same even and odd
 * halves, already widened to 16 bits (widening B in the loop as well cost about 20 %). {@code even * even
 * + odd * odd} is a pair sum per 16-bit lane, at most 2 * 127 * 127 = 32258 in magnitude, so it cannot
 * overflow; the two pair sums of each 32-bit lane are then sign-extended and added into a 32-bit
 * accumulator. A register tile of 2 rows x 4 columns shares each A vector among four B columns and each B
 * vector between two rows: 8 accumulators and 6 operands, within AVX2's 16 registers (2 x 3 and 3 x 4
 * tiles measured within 5 %). Each accumulator is summed across lanes once, after the last step. Rows
 * are zero-padded to whole steps and B's columns to whole tiles, so there are no tail loops. Rows are
 * quantized a panel at a time, and each B tile sweeps the panel while it stays in L1.
 *
 * <p>Quantization {@code clamp(round(x / scale), -127, 127)} ({@link #quantize(float, float)}) is
 * vectorised bit-identically without masks (a JDK 17 mask costs a compare, a conversion and a blend, and
 * Java's float min/max several instructions: measured 1.9x slower): the same IEEE division; the clamp of
 * |y| to 127 and NaN to 0 as int operations on the bit patterns; {@code y + 1.5 * 2^23} rounds to an
 * integer (ties to even) whose low mantissa bits are the result; and a second such sum on
 * {@code 2 (y - rint(y))} adds the 1 that {@link Math#round(float)}'s ties-up gives where rint rounded
 * down. Four int vectors are packed into one byte vector with shifts (int lane l, byte q holds element
 * {@code q * lanes + l} of the step), so the packed layout permutes k within a step; B is packed with the
 * same permutation, and the sums do not depend on the order. A last partial step goes through a zeroed
 * scratch copy (0 quantizes to 0), so no element takes a scalar path.
 *
 * <p>How the code is written keeps C2 (JDK 17) from boxing vectors, which makes a kernel 10-50x slower and
 * allocate gigabytes per call; each rule below fixed a measured case. (1) C2 parses every Vector API call
 * as a class-checked call on its receiver, and once a compilation has used up its class-check traps
 * ({@code -XX:PerMethodTrapLimit}, 100, counted over every inlined method, and the API's shared methods
 * carry traps from other kernels) the calls are left virtual until the intrinsics give exact types. That
 * never happens for a loop-carried vector used as a receiver, so an accumulator is only ever an argument
 * ({@code x.add(acc)}). (2) The tile is written out in full: helper methods holding vector code were not
 * inlined past C2's node-count cutoff. (3) Float operations are called as {@code lanewise(op, vector)}
 * with vectors broadcast in the method: the scalar-operand and named forms ({@code div(float)}) dispatch
 * inside the API from a call site every float kernel of the JVM shares, and with the GEMM running 512-bit
 * floats while this runs at 128 bits C2 inlined both classes there and boxed the result. (4) The tile is
 * one call per 2 x 4 outputs, so it is compiled during the first product instead of waiting for an
 * on-stack replacement. Species are {@code static final} constants (C2 needs them constant) in a nested
 * class that loads only on the vector path, so the scalar path runs without the
 * {@code jdk.incubator.vector} module.
 */
public final class Int8Kernels {

    /** Rows of A per register tile. */
    static final int ROWS = 2;
    /** Columns of B per register tile. */
    static final int COLS = 4;
    /** Quantized A rows per panel, in bytes (the panel sits in L2; each B tile, 4 x dp shorts, in L1). */
    private static final int PANEL_BYTES = 64 * 1024;
    private static final int MAX_PANEL_ROWS = 256;

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
     * @param tail    {@link #step()} floats of scratch
     */
    static void multiplyVector(float[] a, int n, int d, float aScale, short[] packedB, int m, float outScale,
                               float[] out, byte[] panel, int[] tile, float[] tail) {
        int dp = Simd.paddedDepth(d);
        int panelRows = panelRows(d);
        for (int i0 = 0; i0 < n; i0 += panelRows) {
            int rows = Math.min(panelRows, n - i0);
            for (int r = 0; r < rows; r++) {
                Simd.quantizeRow(a, (i0 + r) * d, d, aScale, panel, r * dp, tail);
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

    /**
     * Quantizes one row of d floats into the packed layout (dp bytes, zero-padded), vector path.
     *
     * @param tail {@link #step()} floats of scratch
     */
    static void quantizeRow(float[] a, int from, int d, float scale, byte[] out, int at, float[] tail) {
        Simd.quantizeRow(a, from, d, scale, out, at, tail);
    }

    /** Elements of A per vector step (the scratch {@link #quantizeRow} and {@link #multiplyVector} need). */
    static int step() {
        return Simd.STEP;
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
            throw new IllegalArgumentException("gemm: n, d and m must be >= 0, got n = " + n + ", d = " + d
                    + ", m = " + m);
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
            throw new IllegalArgumentException("gemm: " + name + " has length " + length + " but " + needed
                    + " are needed");
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
                throw new IllegalArgumentException("gemm: " + name + "[" + p + "] = " + x[p]
                        + " is outside [-127, 127]");
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
        /**
         * 1.5 * 2^24 + 2: the float grid there has step 2, and this point is an odd multiple of it, so v + TIE_MAGIC
         * for v in [-1, 1] rounds to one step above only for v = 1 (ties to even), one step below for v = -1.
         */
        private static final float TIE_MAGIC = 25165826f;
        private static final int TIE_MAGIC_BITS = Float.floatToRawIntBits(TIE_MAGIC);
        private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
        private static final int LIMIT_BITS = Float.floatToRawIntBits(127f);

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
         * {@code tile[r * COLS + c]} = the row-r, column-c dot product. Accumulators appear only as arguments.
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
                ShortVector be0 = ShortVector.fromArray(SHORTS, packedB, b);
                ShortVector bo0 = ShortVector.fromArray(SHORTS, packedB, b + HALF);
                IntVector p00 = even0.mul(be0).add(odd0.mul(bo0)).reinterpretAsInts();
                c00 = p00.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p00.lanewise(VectorOperators.ASHR, 16)).add(c00);
                IntVector p10 = even1.mul(be0).add(odd1.mul(bo0)).reinterpretAsInts();
                c10 = p10.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p10.lanewise(VectorOperators.ASHR, 16)).add(c10);
                ShortVector be1 = ShortVector.fromArray(SHORTS, packedB, b + STEP);
                ShortVector bo1 = ShortVector.fromArray(SHORTS, packedB, b + STEP + HALF);
                IntVector p01 = even0.mul(be1).add(odd0.mul(bo1)).reinterpretAsInts();
                c01 = p01.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p01.lanewise(VectorOperators.ASHR, 16)).add(c01);
                IntVector p11 = even1.mul(be1).add(odd1.mul(bo1)).reinterpretAsInts();
                c11 = p11.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p11.lanewise(VectorOperators.ASHR, 16)).add(c11);
                ShortVector be2 = ShortVector.fromArray(SHORTS, packedB, b + 2 * STEP);
                ShortVector bo2 = ShortVector.fromArray(SHORTS, packedB, b + 2 * STEP + HALF);
                IntVector p02 = even0.mul(be2).add(odd0.mul(bo2)).reinterpretAsInts();
                c02 = p02.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p02.lanewise(VectorOperators.ASHR, 16)).add(c02);
                IntVector p12 = even1.mul(be2).add(odd1.mul(bo2)).reinterpretAsInts();
                c12 = p12.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p12.lanewise(VectorOperators.ASHR, 16)).add(c12);
                ShortVector be3 = ShortVector.fromArray(SHORTS, packedB, b + 3 * STEP);
                ShortVector bo3 = ShortVector.fromArray(SHORTS, packedB, b + 3 * STEP + HALF);
                IntVector p03 = even0.mul(be3).add(odd0.mul(bo3)).reinterpretAsInts();
                c03 = p03.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p03.lanewise(VectorOperators.ASHR, 16)).add(c03);
                IntVector p13 = even1.mul(be3).add(odd1.mul(bo3)).reinterpretAsInts();
                c13 = p13.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p13.lanewise(VectorOperators.ASHR, 16)).add(c13);
            }
            tile[0] = zero.add(c00).reduceLanes(VectorOperators.ADD);
            tile[1] = zero.add(c01).reduceLanes(VectorOperators.ADD);
            tile[2] = zero.add(c02).reduceLanes(VectorOperators.ADD);
            tile[3] = zero.add(c03).reduceLanes(VectorOperators.ADD);
            tile[4] = zero.add(c10).reduceLanes(VectorOperators.ADD);
            tile[5] = zero.add(c11).reduceLanes(VectorOperators.ADD);
            tile[6] = zero.add(c12).reduceLanes(VectorOperators.ADD);
            tile[7] = zero.add(c13).reduceLanes(VectorOperators.ADD);
        }

        /**
         * Quantizes {@code a[from, from + d)} into the packed layout at {@code out[at, at + dp)}: for each
         * quarter of a step, {@link #quantize(float, float)} of each lane, its low byte shifted into place.
         * A last partial step is copied into {@code tail} (STEP floats) and zero-filled, as 0 quantizes to 0.
         */
        static void quantizeRow(float[] a, int from, int d, float scale, byte[] out, int at, float[] tail) {
            // float operands as vectors made here, float calls as lanewise (rule 3 of the class comment)
            FloatVector divisor = FloatVector.broadcast(FLOATS, scale);
            FloatVector magic = FloatVector.broadcast(FLOATS, MAGIC);
            FloatVector tieMagic = FloatVector.broadcast(FLOATS, TIE_MAGIC);
            for (int k = 0; k < d; k += STEP) {
                float[] src = a;
                int p = from + k;
                if (d - k < STEP) {
                    System.arraycopy(a, p, tail, 0, d - k);
                    Arrays.fill(tail, d - k, STEP, 0f);
                    src = tail;
                    p = 0;
                }
                IntVector word = IntVector.zero(INTS);
                for (int q = 0; q < 4; q++) {
                    IntVector bits = FloatVector.fromArray(FLOATS, src, p + q * QUARTER)
                            .lanewise(VectorOperators.DIV, divisor).reinterpretAsInts();
                    // |y| clamped to 127 and NaN to 0 on the bit patterns: int min, and a shift for the NaN mask
                    IntVector abs = bits.lanewise(VectorOperators.AND, 0x7FFFFFFF);
                    IntVector nan = abs.lanewise(VectorOperators.NEG).add(INFINITY_BITS)
                            .lanewise(VectorOperators.ASHR, 31);
                    FloatVector y = abs.min(LIMIT_BITS).lanewise(VectorOperators.AND_NOT, nan)
                            .or(bits.lanewise(VectorOperators.AND, 0x80000000)).reinterpretAsFloats();
                    FloatVector t = y.lanewise(VectorOperators.ADD, magic);
                    // y - rint(y) is exact; 2 (y - rint(y)) + TIE_MAGIC moves one grid step up only at +1
                    FloatVector frac = y.lanewise(VectorOperators.SUB, t.lanewise(VectorOperators.SUB, magic));
                    IntVector up = frac.lanewise(VectorOperators.ADD, frac).lanewise(VectorOperators.ADD, tieMagic)
                            .reinterpretAsInts().sub(TIE_MAGIC_BITS).max(0);
                    word = t.reinterpretAsInts().sub(MAGIC_BITS).add(up)
                            .lanewise(VectorOperators.AND, 0xFF).lanewise(VectorOperators.LSHL, 8 * q).or(word);
                }
                word.reinterpretAsBytes().intoArray(out, at + k);
            }
        }
    }
}
