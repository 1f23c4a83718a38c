package org.wisekit.lutmm;

import org.wisekit.lutmm.kernel.PackedCodes;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.lutmm.kernel.VectorKernels;

/**
 * The lookup tables h(B) of M output columns, quantized to unsigned bytes jointly over all columns
 * (reference code {@code _mithral_quantize_luts}): per codebook c, {@code min_c} over all columns and
 * codes; {@code gap = max_c (max_c - min_c)}; {@code scale = 2^-ceil(log2 gap) * (255.5 - 1e-10)};
 * {@code q = floor((lut - min_c) * scale + 0.5)} in [0, 255]; {@code offset = sum_c min_c}. An output
 * is decoded as {@code S * (1 / scale) + offset} in float, S being the aggregated bytes (the reciprocal is
 * computed once, so decoding multiplies instead of dividing). Immutable and thread-safe.
 */
public final class QuantizedLut {

    private final int outputs;
    private final int codebooks;
    private final byte[] table;
    private final float scale;
    private final float offset;
    private final float inverseScale;
    private final Aggregation aggregation;
    private final byte[] wideTable;

    QuantizedLut(int outputs, int codebooks, byte[] table, float scale, float offset, Aggregation aggregation) {
        this.outputs = outputs;
        this.codebooks = codebooks;
        this.table = table;
        this.scale = scale;
        this.offset = offset;
        this.inverseScale = (float) (1.0 / scale);
        this.aggregation = codebooks < 2 ? Aggregation.SUM : aggregation;
        this.wideTable = KernelPath.isVectorAvailable() ? VectorKernels.wideTables(table, outputs, codebooks) : null;
    }

    /**
     * Quantizes float tables {@code lut[(m * C + c) * 16 + k]} (also used for Bolt's 16-centroid tables).
     */
    public static QuantizedLut quantize(float[] lut, int outputs, int codebooks, Aggregation aggregation) {
        float[] mins = new float[codebooks];
        float gap = 0f;
        for (int c = 0; c < codebooks; c++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int m = 0; m < outputs; m++) {
                for (int k = 0; k < 16; k++) {
                    float v = lut[(m * codebooks + c) * 16 + k];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            mins[c] = lo;
            gap = Math.max(gap, hi - lo);
        }
        double scale = gap > 0 ? Math.scalb(255.5 - 1e-10, -Math.getExponent(nextPowerOfTwo(gap))) : 1.0;
        byte[] table = new byte[lut.length];
        double offset = 0;
        for (int c = 0; c < codebooks; c++) {
            offset += mins[c];
        }
        for (int m = 0; m < outputs; m++) {
            for (int c = 0; c < codebooks; c++) {
                for (int k = 0; k < 16; k++) {
                    int p = (m * codebooks + c) * 16 + k;
                    long q = (long) Math.floor((lut[p] - mins[c]) * scale + 0.5);
                    table[p] = (byte) Math.max(0, Math.min(255, q));
                }
            }
        }
        return new QuantizedLut(outputs, codebooks, table, (float) scale, (float) offset, aggregation);
    }

    /** 2^ceil(log2 v) for v > 0. */
    private static double nextPowerOfTwo(double v) {
        double p = Math.scalb(1.0, Math.getExponent(v));
        return p < v ? 2 * p : p;
    }

    public int outputs() {
        return outputs;
    }

    public int codebooks() {
        return codebooks;
    }

    public float scale() {
        return scale;
    }

    public float offset() {
        return offset;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** The table bytes {@code [(m * C + c) * 16 + k]} (a copy). */
    public byte[] table() {
        return table.clone();
    }

    /** Bytes held by the tables: M · C · 16. */
    public long bytes() {
        return table.length;
    }

    /** A table holding only the given output columns, with the same bytes, scale and offset (so the same sums). */
    public QuantizedLut selectColumns(int[] columns) {
        byte[] t = new byte[columns.length * codebooks * 16];
        for (int r = 0; r < columns.length; r++) {
            if (columns[r] < 0 || columns[r] >= outputs) {
                throw new IllegalArgumentException("column " + columns[r] + " is outside [0, " + outputs + ")");
            }
            System.arraycopy(table, columns[r] * codebooks * 16, t, r * codebooks * 16, codebooks * 16);
        }
        return new QuantizedLut(columns.length, codebooks, t, scale, offset, aggregation);
    }

    /**
     * Aggregates the looked-up bytes of n rows encoded in the {@link PackedCodes} layout
     * ({@link MaddnessEncoder#newCodes}): {@code sums[m * n + i]} (output-major).
     */
    public void scan(byte[] codes, int n, int[] sums, KernelPath path) {
        if (n < 0 || codes == null || codes.length < PackedCodes.length(n, codebooks)) {
            throw new IllegalArgumentException("codes must hold " + PackedCodes.length(n, codebooks) + " bytes for n = "
                    + n + " rows of " + codebooks + " codebooks, got " + (codes == null ? "null" : codes.length));
        }
        if (sums == null || sums.length < (long) outputs * n) {
            throw new IllegalArgumentException("sums must hold " + outputs + " x " + n + " ints");
        }
        int group = Math.min(codebooks, 16);
        boolean average = aggregation == Aggregation.AVERAGE;
        int from = 0;
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            int blocks = n / PackedCodes.BLOCK;
            if (average) {
                VectorKernels.scanAverage(codes, blocks, codebooks, group, wideTable, outputs, n, sums);
            } else {
                VectorKernels.scanSum(codes, blocks, codebooks, wideTable, outputs, n, sums);
            }
            from = blocks * PackedCodes.BLOCK;
        }
        if (average) {
            ScalarKernels.scanAverage(codes, n, codebooks, group, table, outputs, from, n, sums);
        } else {
            ScalarKernels.scanSum(codes, n, codebooks, table, outputs, from, n, sums);
        }
    }

    /** The decoded value of one aggregated sum: {@code S * (1 / scale) + offset}, in float arithmetic. */
    public float decode(int sum) {
        return sum * inverseScale + offset;
    }

    /** Decodes output-major sums of n rows into row-major {@code out[i * M + m]}. */
    public void decode(int[] sums, int n, float[] out) {
        for (int m = 0; m < outputs; m++) {
            int base = m * n;
            for (int i = 0; i < n; i++) {
                out[i * outputs + m] = sums[base + i] * inverseScale + offset;
            }
        }
    }

    /** Decodes output-major sums of n rows into output-major (column-major) {@code out[m * n + i]}. */
    public void decodeColumns(int[] sums, int n, float[] out, KernelPath path) {
        if (KernelPath.checked(path) == KernelPath.VECTOR) {
            VectorKernels.decode(sums, outputs * n, inverseScale, offset, out);
        } else {
            for (int p = 0; p < outputs * n; p++) {
                out[p] = sums[p] * inverseScale + offset;
            }
        }
    }
}
