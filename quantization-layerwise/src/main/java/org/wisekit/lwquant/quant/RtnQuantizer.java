package org.wisekit.lwquant.quant;

/**
 * Round-to-nearest group-wise quantization (the "Quanto-like" baseline): each group of
 * {@code groupSize} consecutive inputs of a row gets its own grid ({@link GroupGrid}) and every weight is
 * rounded to the nearest grid point, so {@code |w - q(w)| <= scale/2} inside the grid's range.
 */
public final class RtnQuantizer implements Quantizer {

    private final int groupSize;
    private final boolean symmetric;

    /**
     * @param groupSize inputs per group (the paper setting uses 32, 64 or 128)
     */
    public RtnQuantizer(int groupSize, boolean symmetric) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        this.groupSize = groupSize;
        this.symmetric = symmetric;
    }

    @Override
    public boolean supportsBits(int bits) {
        return bits >= 2 && bits <= 8;
    }

    @Override
    public String name() {
        return "rtn-" + (symmetric ? "sym" : "asym") + "-g" + groupSize;
    }

    @Override
    public QuantizedMatrix quantize(float[] weights, int rows, int cols, int bits, double[] hessian) {
        Quantizer.checkShape(weights, rows, cols);
        checkBits(bits);
        int perRow = QuantizedMatrix.groupsPerRow(cols, groupSize);
        int[] codes = new int[rows * cols];
        short[] scales = new short[rows * perRow];
        int[] zeros = new int[rows * perRow];
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                row[c] = weights[r * cols + c];
            }
            for (int g = 0; g < perRow; g++) {
                int start = g * groupSize;
                int count = Math.min(groupSize, cols - start);
                GroupGrid grid = GroupGrid.fit(row, start, 1, count, bits, symmetric);
                scales[r * perRow + g] = Half.fromFloat(grid.scale);
                zeros[r * perRow + g] = grid.zero;
                for (int c = start; c < start + count; c++) {
                    codes[r * cols + c] = grid.code(row[c]);
                }
            }
        }
        return new QuantizedMatrix(rows, cols, bits, groupSize, BitPacking.pack(codes, bits), scales,
                symmetric ? null : BitPacking.pack(zeros, bits));
    }
}
