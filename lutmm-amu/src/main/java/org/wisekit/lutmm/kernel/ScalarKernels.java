package org.wisekit.lutmm.kernel;

/**
 * Plain-Java reference kernels, the definition the vector kernels are tested against bit for bit (layouts:
 * {@link PackedCodes}, tables {@code [(m * C + c) * 16 + k]}, sums output-major {@code [m * n + i]}).
 */
public final class ScalarKernels {

    private ScalarKernels() {
    }

    /** The 8-bit input quantization of one split: {@code clamp(floor((x - offset) * scale), 0, 255)}. */
    public static int quantize(float x, float offset, float scale) {
        float v = (x - offset) * scale;
        v = Math.min(Math.max(v, 0f), 255f);
        return (int) v;
    }

    /**
     * Encodes rows {@code [from, to)}: for codebook c the node starts at 0 and at level t becomes
     * {@code 2 * node + (q > threshold[node])}, q being the quantized input at {@code splitDims[4c + t]}.
     *
     * @param thresholds unsigned bytes, {@code thresholds[(4c + t) * 16 + node]}
     */
    public static void encode(float[] a, int d, int from, int to, int n, int codebooks, int[] splitDims,
                              float[] offsets, float[] scales, byte[] thresholds, byte[] codes) {
        for (int i = from; i < to; i++) {
            int row = i * d;
            for (int c = 0; c < codebooks; c++) {
                int node = 0;
                for (int t = 0; t < 4; t++) {
                    int k = 4 * c + t;
                    int q = quantize(a[row + splitDims[k]], offsets[k], scales[k]);
                    node = 2 * node + (q > (thresholds[k * 16 + node] & 0xFF) ? 1 : 0);
                }
                codes[c * n + i] = (byte) node;
            }
        }
    }

    /**
     * Encodes rows {@code [from, to)} into the {@link PackedCodes} layout. Element (row i, column j) of the
     * input is {@code a[i * rowStride + j * columnStride]}: {@code (d, 1)} for row-major [n, d],
     * {@code (1, n)} for column-major [d, n]. Same comparisons as {@link #encode}.
     */
    public static void encodePacked(float[] a, int rowStride, int columnStride, int from, int to, int codebooks,
                                    int[] splitDims, float[] offsets, float[] scales, byte[] thresholds, byte[] packed) {
        int pairs = PackedCodes.pairs(codebooks);
        for (int i = from; i < to; i++) {
            for (int p = 0; p < pairs; p++) {
                int b = 0;
                for (int c = 2 * p; c < Math.min(2 * p + 2, codebooks); c++) {
                    int node = 0;
                    for (int t = 0; t < 4; t++) {
                        int k = 4 * c + t;
                        int q = quantize(a[i * rowStride + splitDims[k] * columnStride], offsets[k], scales[k]);
                        node = 2 * node + (q > (thresholds[k * 16 + node] & 0xFF) ? 1 : 0);
                    }
                    b |= node << (4 * (c - 2 * p));
                }
                packed[PackedCodes.position(i, p, pairs)] = (byte) b;
            }
        }
    }

    /**
     * Exact aggregation of {@link PackedCodes}: {@code sums[m * n + i] = sum_c table[m][c][code(i, c)]} for
     * rows {@code [from, to)}; tables {@code [(m * C + c) * 16 + k]}.
     */
    public static void scanSum(byte[] packed, int n, int codebooks, byte[] table, int outputs, int from, int to,
                               int[] sums) {
        int pairs = PackedCodes.pairs(codebooks);
        for (int m = 0; m < outputs; m++) {
            int base = m * codebooks * 16;
            for (int i = from; i < to; i++) {
                int s = 0;
                for (int c = 0; c < codebooks; c++) {
                    s += table[base + c * 16 + PackedCodes.code(packed, i, c, pairs)] & 0xFF;
                }
                sums[m * n + i] = s;
            }
        }
    }

    /**
     * MADDNESS's averaging aggregation ({@code accumulate_how='mean'}) of {@link PackedCodes}: within each
     * group of {@code group} consecutive codebooks a binary tree of rounding-up averages
     * {@code (a + b + 1) >> 1}, the group results added, then {@code sum * group - (int) (C / 4 * log2(group))}.
     */
    public static void scanAverage(byte[] packed, int n, int codebooks, int group, byte[] table, int outputs,
                                   int from, int to, int[] sums) {
        int pairs = PackedCodes.pairs(codebooks);
        int bias = averagingBias(codebooks, group);
        int[] level = new int[group];
        for (int m = 0; m < outputs; m++) {
            int base = m * codebooks * 16;
            for (int i = from; i < to; i++) {
                int total = 0;
                for (int g = 0; g < codebooks; g += group) {
                    for (int u = 0; u < group; u++) {
                        level[u] = table[base + (g + u) * 16 + PackedCodes.code(packed, i, g + u, pairs)] & 0xFF;
                    }
                    for (int width = group; width > 1; width /= 2) {
                        for (int u = 0; u < width / 2; u++) {
                            level[u] = (level[2 * u] + level[2 * u + 1] + 1) >> 1;
                        }
                    }
                    total += level[0];
                }
                sums[m * n + i] = total * group - bias;
            }
        }
    }

    /** The reference code's empirical bias correction {@code int(C / 4 * log2(U))}. */
    public static int averagingBias(int codebooks, int group) {
        return (int) (codebooks / 4.0 * (31 - Integer.numberOfLeadingZeros(group)));
    }

    /**
     * Encodes from integer accumulators (the fused stacked-layer path) into {@link PackedCodes}, rows
     * {@code [from, to)}: {@code input[j * n + i]} is the previous layer's raw sum for output j, compared with
     * integer thresholds {@code thresholds[(4c + t) * 16 + node]}; the bit is {@code input > threshold}.
     */
    public static void encodeFused(int[] input, int n, int from, int to, int codebooks, int[] splitColumns,
                                   int[] thresholds, byte[] packed) {
        int pairs = PackedCodes.pairs(codebooks);
        for (int i = from; i < to; i++) {
            for (int p = 0; p < pairs; p++) {
                int b = 0;
                for (int c = 2 * p; c < Math.min(2 * p + 2, codebooks); c++) {
                    int node = 0;
                    for (int t = 0; t < 4; t++) {
                        int k = 4 * c + t;
                        node = 2 * node + (input[splitColumns[k] * n + i] > thresholds[k * 16 + node] ? 1 : 0);
                    }
                    b |= node << (4 * (c - 2 * p));
                }
                packed[PackedCodes.position(i, p, pairs)] = (byte) b;
            }
        }
    }
}
