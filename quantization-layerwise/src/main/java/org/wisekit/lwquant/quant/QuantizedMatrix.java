package org.wisekit.lwquant.quant;

import java.util.Objects;

/**
 * A weight matrix W (rows = outputs, cols = inputs, row-major) stored as packed integer codes with one
 * scale (binary16) and one zero point per group of {@code groupSize} consecutive inputs of a row:
 * {@code w = scale_g * (code - zero_g)}. Symmetric formats keep the zero point implicit at
 * {@code 2^(bits-1)} and store none; asymmetric ones store it packed at {@code bits} bits.
 *
 * <p>{@link #storageBytes()} is the exact size of the arrays written by the quantized-model writer, so
 * {@link #bitsPerWeight()} includes the scale and zero-point overhead. Immutable.
 */
public final class QuantizedMatrix {

    private final int rows;
    private final int cols;
    private final int bits;
    private final int groupSize;
    private final byte[] codes;
    private final short[] scales;
    private final byte[] zeros;

    /**
     * @param zeros packed zero points (one per group), or {@code null} for the symmetric format
     */
    public QuantizedMatrix(int rows, int cols, int bits, int groupSize, byte[] codes, short[] scales, byte[] zeros) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("shape must be positive, got " + rows + " x " + cols);
        }
        BitPacking.checkBits(bits);
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        int groups = rows * groupsPerRow(cols, groupSize);
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(scales, "scales");
        if (codes.length != BitPacking.packedBytes((long) rows * cols, bits)) {
            throw new IllegalArgumentException("codes: expected " + BitPacking.packedBytes((long) rows * cols, bits)
                    + " bytes for " + rows + " x " + cols + " at " + bits + " bits, got " + codes.length);
        }
        if (scales.length != groups) {
            throw new IllegalArgumentException("scales: expected " + groups + ", got " + scales.length);
        }
        if (zeros != null && zeros.length != BitPacking.packedBytes(groups, bits)) {
            throw new IllegalArgumentException("zeros: expected " + BitPacking.packedBytes(groups, bits) + " bytes, got "
                    + zeros.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.bits = bits;
        this.groupSize = groupSize;
        this.codes = codes;
        this.scales = scales;
        this.zeros = zeros;
    }

    static int groupsPerRow(int cols, int groupSize) {
        return (cols + groupSize - 1) / groupSize;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int bits() {
        return bits;
    }

    public int groupSize() {
        return groupSize;
    }

    public boolean symmetric() {
        return zeros == null;
    }

    /** The packed codes (not copied: do not modify). */
    public byte[] packedCodes() {
        return codes;
    }

    /** The binary16 scales, one per group, row-major (not copied). */
    public short[] scales() {
        return scales;
    }

    /** The packed zero points, or {@code null} when symmetric (not copied). */
    public byte[] packedZeros() {
        return zeros;
    }

    /** Bytes of codes + scales + zero points. */
    public long storageBytes() {
        return codes.length + 2L * scales.length + (zeros == null ? 0 : zeros.length);
    }

    /** Average stored bits per weight, overhead included. */
    public double bitsPerWeight() {
        return 8.0 * storageBytes() / ((long) rows * cols);
    }

    /** The dequantized matrix, row-major rows x cols. */
    public float[] dequantize() {
        int[] q = BitPacking.unpack(codes, bits, rows * cols);
        int perRow = groupsPerRow(cols, groupSize);
        int[] z = zeros == null ? null : BitPacking.unpack(zeros, bits, rows * perRow);
        int implicitZero = 1 << (bits - 1);
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < perRow; g++) {
                int gi = r * perRow + g;
                float scale = Half.toFloat(scales[gi]);
                int zero = z == null ? implicitZero : z[gi];
                int end = Math.min(cols, (g + 1) * groupSize);
                for (int c = g * groupSize; c < end; c++) {
                    w[r * cols + c] = scale * (q[r * cols + c] - zero);
                }
            }
        }
        return w;
    }
}
