package org.wisekit.ubp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wisekit.datasets.io.AtomicFiles;
import org.wisekit.ubp.kernel.ScalarSpmm;
import org.wisekit.ubp.kernel.VectorSpmm;

/**
 * A pruned weight matrix W (Co x K) packed for one {@link SparseKernel}, multiplying dense inputs:
 * Y = W X with X of K x P and Y of Co x P, row-major (the CHW layout of a 1 x 1 convolution, or the
 * transposed activations of a fully connected layer; a k x k convolution after im2col has K = Ci k k).
 *
 * <p>The packed stream follows XNNPACK's sparse-weights layout: blocks in order of start row, then column;
 * {@code rowStart[n] .. rowStart[n+1]} are the blocks that start at output row n, each with its input
 * channel and V weights. CSR is the same stream with V = 1. The WROS format stores each block's weights
 * rotated so that weight j of a block starting at row n sits at position (n + j) mod V. Bias and
 * activation are left to the caller.
 *
 * <p><b>File format</b> ({@link #write(Path)}, {@link #toBytes()}; read back, validated, with
 * {@link #read(Path)} and {@link #fromBytes}), version {@value #FORMAT_VERSION}, every field little-endian:
 * <pre>
 * offset  size            field
 *      0  4               magic "UBPM" (0x55 0x42 0x50 0x4D)
 *      4  4               u32 format version = 1
 *      8  4               u32 kernel: 0 CSR, 1 ABP, 2 UBP_SLIDING, 3 UBP_WROS
 *     12  4               u32 rows Co (at least 1)
 *     16  4               u32 cols K (at least 1)
 *     20  4               u32 block size V (1 ... rows; 1 for CSR)
 *     24  4               u32 blocks NB
 *     28  4               u32 value type: 1 = float32 (the only one)
 *     32  4 (rows + 1)    u32 rowStart[0..rows]: blocks rowStart[n] .. rowStart[n+1]-1 start at output row n;
 *                         rowStart[0] = 0, non-decreasing, rowStart[rows] = NB
 *      .  4 NB            u32 columns[b]: the input channel of block b
 *      .  4 NB V          f32 values[b V + j]: the V weights of block b; weight j belongs to row n + j for
 *                         CSR, ABP and UBP_SLIDING, to row n + ((j - n) mod V) for UBP_WROS (rotated)
 * </pre>
 * Nothing follows the values: the file is exactly 32 + 4 (rows + 1) + 4 NB + 4 NB V bytes. Blocks are in
 * stream order (by start row, then by column, each (row, column) at most once); a block starts at a row
 * n &lt;= rows - V; blocks of one column do not overlap; ABP blocks start at multiples of V. {@link #read}
 * checks all of it, so a matrix read from a file is as safe to multiply as one packed in memory.
 *
 * <p>Immutable and thread-safe; {@link #multiply} allocates nothing.
 */
public final class SparseMatrix {

    /** The version of the file format written by {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x4D504255;   // "UBPM" read as a little-endian int
    private static final int HEADER_BYTES = 32;
    private static final int FLOAT32 = 1;

    private final SparseKernel kernel;
    private final int rows;
    private final int cols;
    private final int blockSize;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    private SparseMatrix(SparseKernel kernel, int rows, int cols, int blockSize, int[] rowStart, int[] columns,
                         float[] values) {
        this.kernel = kernel;
        this.rows = rows;
        this.cols = cols;
        this.blockSize = blockSize;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * Packs the kept weights of {@code weights} (row-major {@code rows x cols}) for {@code kernel}.
     * CSR accepts any selection (blocks are split into single weights); ABP needs an aligned one.
     */
    public static SparseMatrix pack(float[] weights, BlockSelection selection, SparseKernel kernel) {
        int rows = selection.rows();
        int cols = selection.cols();
        if (weights == null || weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("weights must hold rows * cols = " + (long) rows * cols
                    + " values for a " + rows + " x " + cols + " selection, got "
                    + (weights == null ? "null" : weights.length));
        }
        if (kernel == SparseKernel.ABP && !selection.isAligned()) {
            throw new IllegalArgumentException("ABP needs an aligned selection (every block starting at a multiple of V = "
                    + selection.blockSize() + ")");
        }
        BlockSelection blocks = kernel == SparseKernel.CSR && selection.blockSize() > 1
                ? BlockSelection.ofMask(rows, cols, selection.mask())
                : selection;
        int v = blocks.blockSize();
        int count = blocks.count();
        int[] rowStart = new int[rows + 1];
        int[] columns = new int[count];
        float[] values = new float[count * v];
        boolean rotate = kernel == SparseKernel.UBP_WROS;
        for (int b = 0; b < count; b++) {
            int start = blocks.startRow(b);
            int c = blocks.column(b);
            rowStart[start + 1]++;
            columns[b] = c;
            for (int j = 0; j < v; j++) {
                int slot = rotate ? (start + j) % v : j;
                values[b * v + slot] = weights[(start + j) * cols + c];
            }
        }
        for (int n = 0; n < rows; n++) {
            rowStart[n + 1] += rowStart[n];
        }
        return new SparseMatrix(kernel, rows, cols, v, rowStart, columns, values);
    }

    public SparseKernel kernel() {
        return kernel;
    }

    /** Output channels Co. */
    public int rows() {
        return rows;
    }

    /** Input channels K. */
    public int cols() {
        return cols;
    }

    /** V of the stored blocks (1 for CSR). */
    public int blockSize() {
        return blockSize;
    }

    /** Stored weights: blocks times V (the multiply-adds per pixel). */
    public long storedWeights() {
        return (long) columns.length * blockSize;
    }

    /** Y = W X on the {@link KernelPath#defaultPath()}; Y ({@code rows x pixels}) is overwritten. */
    public void multiply(float[] x, int pixels, float[] y) {
        multiply(x, pixels, y, KernelPath.defaultPath());
    }

    /** Y = W X; a new {@code rows x pixels} array. */
    public float[] multiply(float[] x, int pixels) {
        float[] y = new float[Math.multiplyExact(rows, Math.max(pixels, 0))];
        multiply(x, pixels, y, KernelPath.defaultPath());
        return y;
    }

    /**
     * Y = W X on the given path; Y ({@code rows x pixels}, row-major) is overwritten.
     *
     * @param x      K x P inputs, row-major; at least {@code cols * pixels} long
     * @param pixels P, at least 1
     * @param y      at least {@code rows * pixels} long; not the same array as {@code x}
     */
    public void multiply(float[] x, int pixels, float[] y, KernelPath path) {
        if (pixels < 1) {
            throw new IllegalArgumentException("pixels must be >= 1, got " + pixels);
        }
        if (x == null || x.length < (long) cols * pixels) {
            throw new IllegalArgumentException("x must hold cols * pixels = " + (long) cols * pixels + " values, got "
                    + (x == null ? "null" : x.length));
        }
        if (y == null || y.length < (long) rows * pixels) {
            throw new IllegalArgumentException("y must hold rows * pixels = " + (long) rows * pixels + " values, got "
                    + (y == null ? "null" : y.length));
        }
        if (x == y) {
            throw new IllegalArgumentException("y must not be the same array as x");
        }
        if (path == KernelPath.VECTOR && !KernelPath.isVectorAvailable()) {
            throw new IllegalStateException("path VECTOR needs the jdk.incubator.vector module; start the JVM with"
                    + " --add-modules jdk.incubator.vector or use KernelPath.SCALAR");
        }
        boolean vector = path == KernelPath.VECTOR;
        switch (kernel) {
            case CSR -> {
                if (vector) {
                    VectorSpmm.csr(rows, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.csr(rows, rowStart, columns, values, x, pixels, y);
                }
            }
            case ABP -> {
                if (vector) {
                    VectorSpmm.aligned(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
            case UBP_SLIDING -> {
                if (vector) {
                    VectorSpmm.sliding(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
            case UBP_WROS -> {
                if (vector) {
                    VectorSpmm.ring(rows, blockSize, rowStart, columns, values, x, pixels, y);
                } else {
                    ScalarSpmm.ring(rows, blockSize, rowStart, columns, values, x, pixels, y);
                }
            }
        }
    }

    /** The kept blocks (for CSR: 1 x 1 blocks, one per stored weight). */
    public BlockSelection selection() {
        int count = columns.length;
        int[] starts = new int[count];
        for (int n = 0; n < rows; n++) {
            for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                starts[b] = n;
            }
        }
        return new BlockSelection(rows, cols, blockSize, starts, columns.clone());
    }

    /** The pruned weights as a dense row-major {@code rows x cols} array (0 where nothing is stored). */
    public float[] toDense() {
        float[] w = new float[Math.multiplyExact(rows, cols)];
        boolean rotate = kernel == SparseKernel.UBP_WROS;
        for (int n = 0; n < rows; n++) {
            for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                for (int j = 0; j < blockSize; j++) {
                    int slot = rotate ? (n + j) % blockSize : j;
                    w[(n + j) * cols + columns[b]] = values[b * blockSize + slot];
                }
            }
        }
        return w;
    }

    /** The kernel's code in the file format (fixed, independent of the enum's order). */
    private static int kernelCode(SparseKernel kernel) {
        return switch (kernel) {
            case CSR -> 0;
            case ABP -> 1;
            case UBP_SLIDING -> 2;
            case UBP_WROS -> 3;
        };
    }

    /** The bytes of the file format above. */
    public byte[] toBytes() {
        long size = HEADER_BYTES + 4L * (rows + 1) + 4L * columns.length + 4L * values.length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packed matrix of " + size + " bytes is over the 2 GiB limit of one file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(kernelCode(kernel)).putInt(rows).putInt(cols).putInt(blockSize)
                .putInt(columns.length).putInt(FLOAT32);
        for (int r : rowStart) {
            out.putInt(r);
        }
        for (int c : columns) {
            out.putInt(c);
        }
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /** Writes the file format above to {@code file}, atomically (temporary file, then rename). */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    /** Reads and checks a packed matrix file; {@link #fromBytes} with the path as name. */
    public static SparseMatrix read(Path file) {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": files over 2 GiB are not supported");
            }
            return fromBytes(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and checks the file format above.
     *
     * @param bytes the whole file
     * @param name  what to call it in error messages
     * @throws IllegalArgumentException when the bytes are not a valid packed matrix; the message starts with
     *                                  {@code name} and says what is wrong
     */
    public static SparseMatrix fromBytes(byte[] bytes, String name) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException(name + ": " + bytes.length + " bytes, shorter than the " + HEADER_BYTES
                    + "-byte header of a packed UBP matrix");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != MAGIC) {
            throw new IllegalArgumentException(name + ": not a packed UBP matrix (no UBPM magic)");
        }
        int version = in.getInt(4);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(name + ": unsupported packed-matrix version " + Integer.toUnsignedString(version)
                    + " (this reader knows " + FORMAT_VERSION + ")");
        }
        int kernelCode = in.getInt(8);
        SparseKernel kernel = switch (kernelCode) {
            case 0 -> SparseKernel.CSR;
            case 1 -> SparseKernel.ABP;
            case 2 -> SparseKernel.UBP_SLIDING;
            case 3 -> SparseKernel.UBP_WROS;
            default -> throw new IllegalArgumentException(name + ": unknown kernel code "
                    + Integer.toUnsignedString(kernelCode) + " (0 CSR, 1 ABP, 2 UBP_SLIDING, 3 UBP_WROS)");
        };
        int rows = in.getInt(12);
        int cols = in.getInt(16);
        int v = in.getInt(20);
        int count = in.getInt(24);
        int valueType = in.getInt(28);
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": bad dimensions " + Integer.toUnsignedString(rows) + " x "
                    + Integer.toUnsignedString(cols));
        }
        if (v < 1 || v > rows || (kernel == SparseKernel.CSR && v != 1)) {
            throw new IllegalArgumentException(name + ": bad block size V = " + Integer.toUnsignedString(v) + " for "
                    + kernel + " with " + rows + " rows");
        }
        if (count < 0) {
            throw new IllegalArgumentException(name + ": bad block count " + Integer.toUnsignedString(count));
        }
        if (valueType != FLOAT32) {
            throw new IllegalArgumentException(name + ": unsupported value type " + Integer.toUnsignedString(valueType)
                    + " (1 = float32)");
        }
        long expected = HEADER_BYTES + 4L * (rows + 1L) + 4L * count + 4L * count * v;
        if (bytes.length != expected) {
            throw new IllegalArgumentException(name + ": a " + rows + " x " + cols + " matrix of " + count + " blocks of V = "
                    + v + " needs " + expected + " bytes, the file has " + bytes.length);
        }
        int at = HEADER_BYTES;
        int[] rowStart = new int[rows + 1];
        for (int n = 0; n <= rows; n++, at += 4) {
            rowStart[n] = in.getInt(at);
        }
        if (rowStart[0] != 0 || rowStart[rows] != count) {
            throw new IllegalArgumentException(name + ": rowStart must run from 0 to the block count " + count + ", got "
                    + rowStart[0] + " ... " + rowStart[rows]);
        }
        for (int n = 0; n < rows; n++) {
            if (rowStart[n + 1] < rowStart[n]) {
                throw new IllegalArgumentException(name + ": rowStart decreases at row " + n + " (" + rowStart[n] + " then "
                        + rowStart[n + 1] + ")");
            }
            if (n > rows - v && rowStart[n + 1] > rowStart[n]) {
                throw new IllegalArgumentException(name + ": a block starts at row " + n + ", past the last possible start "
                        + (rows - v));
            }
            if (kernel == SparseKernel.ABP && n % v != 0 && rowStart[n + 1] > rowStart[n]) {
                throw new IllegalArgumentException(name + ": ABP block at row " + n + " is not aligned to V = " + v);
            }
        }
        int[] columns = new int[count];
        int[] freeFrom = new int[cols];
        for (int n = 0, b = 0; n < rows; n++) {
            for (int previous = -1; b < rowStart[n + 1]; b++, at += 4) {
                int c = in.getInt(at);
                if (c < 0 || c >= cols) {
                    throw new IllegalArgumentException(name + ": block " + b + " has column " + Integer.toUnsignedString(c)
                            + ", outside [0, " + cols + ")");
                }
                if (c <= previous) {
                    throw new IllegalArgumentException(name + ": blocks of row " + n + " are not in increasing column order"
                            + " (column " + c + " after " + previous + ")");
                }
                if (n < freeFrom[c]) {
                    throw new IllegalArgumentException(name + ": block at row " + n + ", column " + c
                            + " overlaps the block of the same column that ends at row " + (freeFrom[c] - 1));
                }
                freeFrom[c] = n + v;
                previous = c;
                columns[b] = c;
            }
        }
        float[] values = new float[count * v];
        for (int i = 0; i < values.length; i++, at += 4) {
            values[i] = in.getFloat(at);
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": value " + i + " (block " + i / v + ") is not finite: "
                        + values[i]);
            }
        }
        return new SparseMatrix(kernel, rows, cols, v, rowStart, columns, values);
    }
}
