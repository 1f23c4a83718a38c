package org.wisekit.lutmm.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code jdk.incubator.vector} kernels, bit-identical to {@link ScalarKernels}. Rows go in blocks of 16
 * (one 128-bit byte vector: one code per row); a table lookup is {@code rearrange} of a 16-byte table
 * by the codes ({@code pshufb}); the rows left after the last full block go to the scalar kernel.
 *
 * <p>On JDK 17, float-to-byte {@code convertShape} chains and shuffles cast between element types are
 * not compiled to single instructions (measured: they made the encoder slower than the scalar one), so
 * the encoder compares in float and looks node limits up with an int {@code rearrange}.
 */
public final class VectorKernels {

    /** Rows per block. */
    public static final int BLOCK = 16;

    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;

    private VectorKernels() {
    }

    /**
     * {@link ScalarKernels#encode} for all n rows. A 16-row block's 4C split inputs are first copied
     * into {@code scratch} (4C x 16 floats, split-major), so that every level reads 16 rows with one
     * contiguous load. The comparison works in float: for an integer threshold v,
     * {@code (int) clamp(y, 0, 255) > v} is exactly {@code min(y, 255) >= v + 1} (v + 1 >= 1 makes the
     * lower clamp irrelevant, and NaN fails both), so the node's limit {@code v + 1} is looked up in a
     * 16-entry table ({@code limitBits[(4c + t) * 16 + node]}, float bits, see {@link #limitBits}) by an
     * int {@code rearrange} indexed by the current node.
     */
    public static void encode(float[] a, int d, int n, int codebooks, int[] splitDims, float[] offsets,
                              float[] scales, byte[] thresholds, int[] limitBits, byte[] codes, float[] scratch) {
        int full = n - n % BLOCK;
        int splits = 4 * codebooks;
        IntVector zero = IntVector.zero(I512);
        IntVector one = IntVector.broadcast(I512, 1);
        for (int i = 0; i < full; i += BLOCK) {
            for (int r = 0; r < BLOCK; r++) {
                int row = (i + r) * d;
                for (int k = 0; k < splits; k++) {
                    scratch[k * BLOCK + r] = a[row + splitDims[k]];
                }
            }
            for (int c = 0; c < codebooks; c++) {
                IntVector node = zero;
                for (int t = 0; t < 4; t++) {
                    int k = 4 * c + t;
                    FloatVector y = FloatVector.fromArray(F512, scratch, k * BLOCK).sub(offsets[k]).mul(scales[k]).min(255f);
                    FloatVector limit = IntVector.fromArray(I512, limitBits, k * 16).rearrange(node.toShuffle())
                            .reinterpretAsFloats();
                    node = node.add(node).add(one, y.compare(VectorOperators.GE, limit).cast(I512));
                }
                ((ByteVector) node.convertShape(VectorOperators.I2B, B128, 0)).intoArray(codes, c * n + i);
            }
        }
        ScalarKernels.encode(a, d, full, n, n, codebooks, splitDims, offsets, scales, thresholds, codes);
    }

    /** The float limits {@code v + 1} of unsigned byte thresholds v, as raw int bits, for {@link #encode}. */
    public static int[] limitBits(byte[] thresholds) {
        int[] out = new int[thresholds.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = Float.floatToIntBits((thresholds[p] & 0xFF) + 1);
        }
        return out;
    }

    /** {@link ScalarKernels#scanSum} for all n rows; needs {@code codebooks <= 128} (16-bit lanes). */
    public static void scanSum(byte[] codes, int n, int codebooks, byte[] table, int outputs, int[] sums) {
        int full = n - n % BLOCK;
        ShortVector zero = ShortVector.zero(S256);
        for (int i = 0; i < full; i += BLOCK) {
            for (int m = 0; m < outputs; m++) {
                int base = m * codebooks * 16;
                ShortVector acc = zero;
                for (int c = 0; c < codebooks; c++) {
                    acc = acc.add(widen(lookup(codes, c * n + i, table, base + c * 16)));
                }
                ((IntVector) acc.convertShape(VectorOperators.S2I, I512, 0)).intoArray(sums, m * n + i);
            }
        }
        ScalarKernels.scanSum(codes, n, codebooks, table, outputs, full, n, sums);
    }

    /**
     * {@link ScalarKernels#scanAverage} for all n rows; {@code group} must be 2, 4, 8 or 16 and divide
     * {@code codebooks}. The average of two unsigned bytes rounding up is {@code (a | b) - ((a ^ b) >>> 1)}
     * ({@code vpavgb}), which never leaves 8 bits.
     */
    public static void scanAverage(byte[] codes, int n, int codebooks, int group, byte[] table, int outputs,
                                   int[] sums) {
        int full = n - n % BLOCK;
        int bias = ScalarKernels.averagingBias(codebooks, group);
        ShortVector zero = ShortVector.zero(S256);
        for (int i = 0; i < full; i += BLOCK) {
            for (int m = 0; m < outputs; m++) {
                int base = m * codebooks * 16;
                ShortVector acc = zero;
                for (int g = 0; g < codebooks; g += group) {
                    ByteVector mean = switch (group) {
                        case 2 -> mean2(codes, n, i, table, base, g);
                        case 4 -> mean4(codes, n, i, table, base, g);
                        case 8 -> mean8(codes, n, i, table, base, g);
                        default -> mean16(codes, n, i, table, base, g);
                    };
                    acc = acc.add(widen(mean));
                }
                ((IntVector) acc.convertShape(VectorOperators.S2I, I512, 0)).mul(group).sub(bias)
                        .intoArray(sums, m * n + i);
            }
        }
        ScalarKernels.scanAverage(codes, n, codebooks, group, table, outputs, full, n, sums);
    }

    /**
     * {@link ScalarKernels#encodeFused} for all n rows: 16 integer accumulators per load (contiguous,
     * since the input is output-major), node thresholds looked up with a 16-int {@code rearrange}.
     */
    public static void encodeFused(int[] input, int n, int codebooks, int[] splitColumns, int[] thresholds,
                                   byte[] codes) {
        int full = n - n % BLOCK;
        IntVector zero = IntVector.zero(I512);
        IntVector one = IntVector.broadcast(I512, 1);
        for (int i = 0; i < full; i += BLOCK) {
            for (int c = 0; c < codebooks; c++) {
                IntVector node = zero;
                for (int t = 0; t < 4; t++) {
                    int k = 4 * c + t;
                    IntVector x = IntVector.fromArray(I512, input, splitColumns[k] * n + i);
                    IntVector limit = IntVector.fromArray(I512, thresholds, k * 16).rearrange(node.toShuffle());
                    node = node.add(node).add(one, x.compare(VectorOperators.GT, limit));
                }
                ((ByteVector) node.convertShape(VectorOperators.I2B, B128, 0)).intoArray(codes, c * n + i);
            }
        }
        ScalarKernels.encodeFused(input, n, full, n, codebooks, splitColumns, thresholds, codes);
    }

    private static ByteVector lookup(byte[] codes, int codeOffset, byte[] table, int tableOffset) {
        ByteVector idx = ByteVector.fromArray(B128, codes, codeOffset);
        return ByteVector.fromArray(B128, table, tableOffset).rearrange(idx.toShuffle());
    }

    /** Unsigned widening of 16 bytes to 16 shorts. */
    private static ShortVector widen(ByteVector v) {
        return ((ShortVector) v.convertShape(VectorOperators.B2S, S256, 0)).and((short) 0xFF);
    }

    private static ByteVector avg(ByteVector a, ByteVector b) {
        return a.or(b).sub(a.lanewise(VectorOperators.XOR, b).lanewise(VectorOperators.LSHR, 1));
    }

    private static ByteVector mean2(byte[] codes, int n, int i, byte[] table, int base, int c) {
        return avg(lookup(codes, c * n + i, table, base + c * 16),
                lookup(codes, (c + 1) * n + i, table, base + (c + 1) * 16));
    }

    private static ByteVector mean4(byte[] codes, int n, int i, byte[] table, int base, int c) {
        return avg(mean2(codes, n, i, table, base, c), mean2(codes, n, i, table, base, c + 2));
    }

    private static ByteVector mean8(byte[] codes, int n, int i, byte[] table, int base, int c) {
        return avg(mean4(codes, n, i, table, base, c), mean4(codes, n, i, table, base, c + 4));
    }

    private static ByteVector mean16(byte[] codes, int n, int i, byte[] table, int base, int c) {
        return avg(mean8(codes, n, i, table, base, c), mean8(codes, n, i, table, base, c + 8));
    }
}
