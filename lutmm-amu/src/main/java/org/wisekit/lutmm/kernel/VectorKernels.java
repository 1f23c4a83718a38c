package org.wisekit.lutmm.kernel;

import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code jdk.incubator.vector} kernels at the width {@link VectorWidth#BITS}, bit-identical to
 * {@link ScalarKernels}. A block of {@link PackedCodes#BLOCK} rows is one byte vector: the scan loads a
 * block's code byte for two codebooks once and looks both up with a byte {@code rearrange} of a table
 * vector ({@code vpermb} with AVX-512 VBMI, {@code pshufb} sequences otherwise); looked-up bytes are widened
 * by reinterpreting them as shorts and masking or shifting (no lane-crossing conversion); the averaging
 * aggregation is {@code (a | b) - (((a ^ b) >>> 1) & 0x7F7F)} in 16-bit lanes ({@code vpavgb}'s result
 * per byte, with 16-bit shifts, since x86 has no byte shift). The encoder compares a quarter block
 * of rows per vector with each node's float limit, looked up with a {@code rearrange}.
 *
 * <p>Every species is a {@code static final} constant: C2 compiles the Vector API to single
 * instructions only then. Callers handle the rows after the last whole block with {@link ScalarKernels}.
 */
public final class VectorKernels {

    private static final int BITS = VectorWidth.BITS > 0 ? VectorWidth.BITS : 128;
    private static final VectorShape SHAPE = VectorShape.forBitSize(BITS);
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128.withShape(SHAPE);
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128.withShape(SHAPE);
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128.withShape(SHAPE);
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128.withShape(SHAPE);
    /** Rows per block (bytes per vector). */
    private static final int L = BITS / 8;
    /** Rows per quarter block (ints per vector). */
    private static final int Q = L / 4;
    /** Outputs scanned together: each code load and index preparation serves all of them. */
    static final int TILE = 4;

    /** Per-thread scratch, so that the kernels allocate nothing per call once warm. */
    private static final ThreadLocal<int[]> NODES = ThreadLocal.withInitial(() -> new int[0]);
    /** Per tile output: 8 pair-mean slots of a group's tree, then 8 group-mean slots (C <= 128); L / 2 shorts each. */
    private static final int GROUP_SLOTS = TILE * 8;
    private static final ThreadLocal<short[]> TOTALS = ThreadLocal.withInitial(() -> new short[2 * L]);
    private static final ThreadLocal<short[]> GROUP_MEANS = ThreadLocal.withInitial(() -> new short[2 * GROUP_SLOTS * L / 2]);

    private VectorKernels() {
    }

    /**
     * This thread's scratch for {@link #encodeBlock} and {@link #encodeFusedBlock} with C codebooks:
     * at least {@code (C + 1) * BLOCK} ints, the last {@code BLOCK} of them 0.
     */
    public static int[] nodes(int codebooks) {
        int[] nodes = NODES.get();
        int need = (codebooks + 1) * L;
        if (nodes.length < need) {
            nodes = new int[need];
            NODES.set(nodes);
        }
        java.util.Arrays.fill(nodes, codebooks * L, need, 0);
        return nodes;
    }

    /**
     * The tables laid out for {@link #scanSum} and {@link #scanAverage}: one vector per (output, codebook),
     * in tiles of {@link #TILE} outputs, {@code [(((t * pairs + p) * TILE + j) * 2 + h) * BLOCK + k]} = table k of
     * codebook {@code 2p + h} for output {@code t * TILE + j}, for {@code k < 16}; zero elsewhere, for the missing
     * codebook of an odd C and for the outputs that pad M to whole tiles.
     */
    public static byte[] wideTables(byte[] table, int outputs, int codebooks) {
        int pairs = PackedCodes.pairs(codebooks);
        int tiles = (outputs + TILE - 1) / TILE;
        byte[] wide = new byte[tiles * pairs * TILE * 2 * L];
        for (int m = 0; m < outputs; m++) {
            for (int c = 0; c < codebooks; c++) {
                int at = (((m / TILE * pairs + c / 2) * TILE + m % TILE) * 2 + c % 2) * L;
                System.arraycopy(table, (m * codebooks + c) * 16, wide, at, 16);
            }
        }
        return wide;
    }

    /**
     * Encodes one block of rows into {@code packed[at ...]} ({@link PackedCodes} layout). Input of split k
     * for block row r is {@code x[splitBase[k] + r]}, i.e. each split's column is contiguous over the block's
     * rows (column-major input, or a block gathered from row-major input). A row goes right at split k,
     * node j when {@code x >= limits[k * 16 + j]}, the smallest input whose quantized value exceeds the
     * node's 8-bit threshold (NaN: never), so the comparison is exactly the scalar kernel's. {@code nodes} is scratch from {@link #nodes}: its last {@code BLOCK} ints stand for
     * the missing partner of an odd C's last codebook.
     */
    public static void encodeBlock(float[] x, int[] splitBase, int codebooks, float[] limits, int[] nodes,
                                   byte[] packed, int at) {
        for (int c = 0; c < codebooks; c++) {
            encodeCodebook(x, splitBase, 4 * c, limits, nodes, c * L);
        }
        for (int p = 0; p < PackedCodes.pairs(codebooks); p++) {
            pack(nodes, 2 * p * L, packed, at + p * L);
        }
    }

    /**
     * One codebook's codes ({@code k = 4c}) for the block, a quarter block (one int vector of rows) at a
     * time, into {@code nodes[out ...]}. The 1, 2, 4 and 8 candidate limits of levels 0 to 3 are broadcast once
     * per block and chosen by blends on the earlier levels' comparison masks: no shuffle, so no index can be
     * out of range whatever the vector width (an int {@code rearrange} among 8 limits needed a two-vector
     * form at 128 bits, which JDK 17 got wrong when C2 compiled one half of it and not the other).
     */
    private static void encodeCodebook(float[] x, int[] splitBase, int k, float[] limits, int[] nodes, int out) {
        IntVector one = IntVector.broadcast(INTS, 1);
        int k1 = (k + 1) * 16;
        int k2 = (k + 2) * 16;
        int k3 = (k + 3) * 16;
        FloatVector l0 = FloatVector.broadcast(FLOATS, limits[k * 16]);
        FloatVector l10 = FloatVector.broadcast(FLOATS, limits[k1]);
        FloatVector l11 = FloatVector.broadcast(FLOATS, limits[k1 + 1]);
        FloatVector l20 = FloatVector.broadcast(FLOATS, limits[k2]);
        FloatVector l21 = FloatVector.broadcast(FLOATS, limits[k2 + 1]);
        FloatVector l22 = FloatVector.broadcast(FLOATS, limits[k2 + 2]);
        FloatVector l23 = FloatVector.broadcast(FLOATS, limits[k2 + 3]);
        FloatVector l30 = FloatVector.broadcast(FLOATS, limits[k3]);
        FloatVector l31 = FloatVector.broadcast(FLOATS, limits[k3 + 1]);
        FloatVector l32 = FloatVector.broadcast(FLOATS, limits[k3 + 2]);
        FloatVector l33 = FloatVector.broadcast(FLOATS, limits[k3 + 3]);
        FloatVector l34 = FloatVector.broadcast(FLOATS, limits[k3 + 4]);
        FloatVector l35 = FloatVector.broadcast(FLOATS, limits[k3 + 5]);
        FloatVector l36 = FloatVector.broadcast(FLOATS, limits[k3 + 6]);
        FloatVector l37 = FloatVector.broadcast(FLOATS, limits[k3 + 7]);
        for (int row = 0; row < L; row += Q) {
            VectorMask<Float> r0 = FloatVector.fromArray(FLOATS, x, splitBase[k] + row).compare(VectorOperators.GE, l0);
            VectorMask<Float> r1 = FloatVector.fromArray(FLOATS, x, splitBase[k + 1] + row)
                    .compare(VectorOperators.GE, l10.blend(l11, r0));
            FloatVector limit2 = l20.blend(l21, r1).blend(l22.blend(l23, r1), r0);
            VectorMask<Float> r2 = FloatVector.fromArray(FLOATS, x, splitBase[k + 2] + row)
                    .compare(VectorOperators.GE, limit2);
            FloatVector limit3 = l30.blend(l31, r2).blend(l32.blend(l33, r2), r1)
                    .blend(l34.blend(l35, r2).blend(l36.blend(l37, r2), r1), r0);
            VectorMask<Float> r3 = FloatVector.fromArray(FLOATS, x, splitBase[k + 3] + row)
                    .compare(VectorOperators.GE, limit3);
            IntVector node = IntVector.zero(INTS).add(one, r0.cast(INTS));
            node = node.add(node).add(one, r1.cast(INTS));
            node = node.add(node).add(one, r2.cast(INTS));
            node.add(node).add(one, r3.cast(INTS)).intoArray(nodes, out + row);
        }
    }

    /**
     * Packs the codes of codebooks 2p ({@code nodes[low ...]}) and 2p + 1 (the next {@code BLOCK} ints) into
     * one block byte per row: byte {@code 4k + q} of the block is row {@code q * Q + k}.
     */
    private static void pack(int[] nodes, int low, byte[] packed, int at) {
        int high = low + L;
        IntVector word = IntVector.fromArray(INTS, nodes, low)
                .or(IntVector.fromArray(INTS, nodes, high).lanewise(VectorOperators.LSHL, 4));
        for (int q = 1; q < 4; q++) {
            IntVector codes = IntVector.fromArray(INTS, nodes, low + q * Q)
                    .or(IntVector.fromArray(INTS, nodes, high + q * Q).lanewise(VectorOperators.LSHL, 4));
            word = word.or(codes.lanewise(VectorOperators.LSHL, 8 * q));
        }
        word.intoByteArray(packed, at, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@link ScalarKernels#encodeFused} for one block: integer inputs of split k at {@code input[splitBase[k] + r]},
     * compared with integer thresholds ({@code input > threshold}); {@code nodes} as for {@link #encodeBlock}.
     */
    public static void encodeFusedBlock(int[] input, int[] splitBase, int codebooks, int[] thresholds, int[] nodes,
                                        byte[] packed, int at) {
        for (int c = 0; c < codebooks; c++) {
            for (int row = 0; row < L; row += Q) {
                encodeFusedQuarter(input, splitBase, row, 4 * c, thresholds, nodes, c * L + row);
            }
        }
        for (int p = 0; p < PackedCodes.pairs(codebooks); p++) {
            pack(nodes, 2 * p * L, packed, at + p * L);
        }
    }

    private static void encodeFusedQuarter(int[] input, int[] splitBase, int row, int k, int[] thresholds, int[] nodes,
                                           int out) {
        int k1 = (k + 1) * 16;
        int k2 = (k + 2) * 16;
        int k3 = (k + 3) * 16;
        IntVector one = IntVector.broadcast(INTS, 1);
        VectorMask<Integer> r0 = IntVector.fromArray(INTS, input, splitBase[k] + row)
                .compare(VectorOperators.GT, thresholds[k * 16]);
        VectorMask<Integer> r1 = IntVector.fromArray(INTS, input, splitBase[k + 1] + row)
                .compare(VectorOperators.GT, pick(thresholds, k1, r0));
        IntVector limit2 = pick(thresholds, k2, r1).blend(pick(thresholds, k2 + 2, r1), r0);
        VectorMask<Integer> r2 = IntVector.fromArray(INTS, input, splitBase[k + 2] + row).compare(VectorOperators.GT, limit2);
        IntVector limit3 = pick(thresholds, k3, r2).blend(pick(thresholds, k3 + 2, r2), r1)
                .blend(pick(thresholds, k3 + 4, r2).blend(pick(thresholds, k3 + 6, r2), r1), r0);
        VectorMask<Integer> r3 = IntVector.fromArray(INTS, input, splitBase[k + 3] + row).compare(VectorOperators.GT, limit3);
        IntVector node = IntVector.zero(INTS).add(one, r0);
        node = node.add(node).add(one, r1);
        node = node.add(node).add(one, r2);
        node.add(node).add(one, r3).intoArray(nodes, out);
    }

    /** {@code table[at + 1]} where the mask is set, else {@code table[at]}. */
    private static IntVector pick(int[] table, int at, VectorMask<Integer> right) {
        return IntVector.broadcast(INTS, table[at]).blend(table[at + 1], right);
    }

    /**
     * {@link ScalarKernels#scanSum} for the first {@code blocks} whole blocks: {@code sums[m * n + i]}, tables
     * from {@link #wideTables}. Needs {@code C <= 128} (sums below 2^15 in the 16-bit lanes).
     */
    public static void scanSum(byte[] packed, int blocks, int codebooks, byte[] wide, int outputs, int n, int[] sums) {
        int pairs = PackedCodes.pairs(codebooks);
        for (int m = 0; m < outputs; m += TILE) {
            int tables = m / TILE * pairs * TILE * 2 * L;
            for (int b = 0; b < blocks; b++) {
                for (int j = 0; j < TILE; j += 2) {
                    sumTwo(packed, b * pairs * L, pairs, wide, tables, j, sums, m + j, outputs, n, b * L);
                }
            }
        }
    }

    /**
     * One block's sums for outputs {@code m} and {@code m + 1} (tile slots j and j + 1): a pair's code byte is
     * loaded and split into two index shuffles once, then looked up in four tables; the looked-up bytes are
     * widened by masking (even bytes) and shifting (odd bytes) 16-bit lanes. (Four outputs in one method
     * exceeded C2's NodeCountInliningCutoff, and then its vectors were boxed.)
     */
    private static void sumTwo(byte[] packed, int codes, int pairs, byte[] wide, int tables, int j, int[] sums, int m,
                               int outputs, int n, int row) {
        ByteVector low = ByteVector.broadcast(BYTES, (byte) 0x0F);
        ShortVector e0 = ShortVector.zero(SHORTS);
        ShortVector o0 = e0;
        ShortVector e1 = e0;
        ShortVector o1 = e0;
        for (int p = 0; p < pairs; p++) {
            ByteVector v = ByteVector.fromArray(BYTES, packed, codes + p * L);
            VectorShuffle<Byte> lo = v.and(low).toShuffle();
            VectorShuffle<Byte> hi = high(v, low).toShuffle();
            int at = tables + (p * TILE + j) * 2 * L;
            ShortVector a = ByteVector.fromArray(BYTES, wide, at).rearrange(lo).reinterpretAsShorts();
            ShortVector b = ByteVector.fromArray(BYTES, wide, at + L).rearrange(hi).reinterpretAsShorts();
            e0 = e0.add(a.and((short) 0xFF)).add(b.and((short) 0xFF));
            o0 = o0.add(a.lanewise(VectorOperators.LSHR, 8)).add(b.lanewise(VectorOperators.LSHR, 8));
            a = ByteVector.fromArray(BYTES, wide, at + 2 * L).rearrange(lo).reinterpretAsShorts();
            b = ByteVector.fromArray(BYTES, wide, at + 3 * L).rearrange(hi).reinterpretAsShorts();
            e1 = e1.add(a.and((short) 0xFF)).add(b.and((short) 0xFF));
            o1 = o1.add(a.lanewise(VectorOperators.LSHR, 8)).add(b.lanewise(VectorOperators.LSHR, 8));
        }
        // through memory: a call to store with vector arguments, if C2 does not inline it, boxes them
        short[] totals = TOTALS.get();
        e0.intoArray(totals, 0);
        o0.intoArray(totals, L / 2);
        e1.intoArray(totals, L);
        o1.intoArray(totals, 3 * L / 2);
        if (m < outputs) {
            store(totals, 0, 1, 0, sums, m * n + row);
        }
        if (m + 1 < outputs) {
            store(totals, L, 1, 0, sums, (m + 1) * n + row);
        }
    }



    /**
     * {@link ScalarKernels#scanAverage} for the first {@code blocks} whole blocks; {@code group} is 2, 4, 8
     * or 16 and divides C. The averaging tree of a group goes through a small per-thread scratch array,
     * level by level, in loops whatever the group size.
     */
    public static void scanAverage(byte[] packed, int blocks, int codebooks, int group, byte[] wide, int outputs,
                                   int n, int[] sums) {
        short[] scratch = GROUP_MEANS.get();
        int pairs = PackedCodes.pairs(codebooks);
        int bias = ScalarKernels.averagingBias(codebooks, group);
        int groups = codebooks / group;
        int half = group / 2;
        int s = L / 2;
        for (int m = 0; m < outputs; m += TILE) {
            int tables = m / TILE * pairs * TILE * 2 * L;
            for (int b = 0; b < blocks; b++) {
                int codes = b * pairs * L;
                for (int g = 0; g < groups; g++) {
                    for (int u = 0; u < half; u++) {
                        int p = g * half + u;
                        for (int j = 0; j < TILE; j += 2) {
                            pairMeans(packed, codes + p * L, wide, tables + p * TILE * 2 * L, j, scratch, u);
                        }
                    }
                    for (int j = 0; j < TILE; j++) {
                        tree(scratch, j * 8 * s, half, (GROUP_SLOTS + j * 8 + g) * s);
                    }
                }
                for (int j = 0; j < TILE && m + j < outputs; j++) {
                    addGroups(scratch, (GROUP_SLOTS + j * 8) * s, groups, group, bias, sums, (m + j) * n + b * L);
                }
            }
        }
    }

    // Each method below keeps its vectors to itself or passes them to methods small enough to be inlined
    // (results of larger steps go through memory): a vector returned from or passed to a method that C2
    // did not inline is boxed on the heap, and C2 stops inlining in a method grown past
    // NodeCountInliningCutoff, into calls nested deeper than MaxInlineLevel, or of a callee already compiled
    // big. -XX:+PrintInlining showed all three on the first versions of these kernels ("NodeCountInliningCutoff",
    // "inlining too deep", "already compiled into a big method"), with megabytes allocated per call and a
    // 3-5x slower kernel; the allocation check in the tests guards against their return.

    /**
     * For the pair at {@code codes} and the tile's outputs j and j + 1, the average of the pair's two
     * codebooks into scratch slots {@code 8j + u} and {@code 8(j + 1) + u}; the code byte is loaded and split
     * into shuffles once. (Written out for two outputs: in a loop over outputs, or for four, C2 left
     * {@code toShuffle} to its heap-allocating Java fallback.)
     */
    private static void pairMeans(byte[] packed, int codes, byte[] wide, int tables, int j, short[] scratch, int u) {
        ByteVector low = ByteVector.broadcast(BYTES, (byte) 0x0F);
        ByteVector v = ByteVector.fromArray(BYTES, packed, codes);
        VectorShuffle<Byte> lo = v.and(low).toShuffle();
        VectorShuffle<Byte> hi = high(v, low).toShuffle();
        int at = tables + 2 * j * L;
        // lookups written out: a helper taking the shuffle was compiled with "unloaded signature classes"
        // and returned its vector boxed until the caller's own compilation inlined it
        ShortVector a = ByteVector.fromArray(BYTES, wide, at).rearrange(lo).reinterpretAsShorts();
        ShortVector b = ByteVector.fromArray(BYTES, wide, at + L).rearrange(hi).reinterpretAsShorts();
        avg(a, b).intoArray(scratch, (8 * j + u) * L / 2);
        a = ByteVector.fromArray(BYTES, wide, at + 2 * L).rearrange(lo).reinterpretAsShorts();
        b = ByteVector.fromArray(BYTES, wide, at + 3 * L).rearrange(hi).reinterpretAsShorts();
        avg(a, b).intoArray(scratch, (8 * j + 8 + u) * L / 2);
    }

    /**
     * The rounding-up averaging tree over {@code width} slots from {@code base}, level by level in place
     * (slot u of a level is the average of slots 2u and 2u + 1 of the one before); the root goes to {@code out}.
     */
    private static void tree(short[] scratch, int base, int width, int out) {
        int s = L / 2;
        for (; width > 1; width /= 2) {
            for (int u = 0; u < width / 2; u++) {
                avg(ShortVector.fromArray(SHORTS, scratch, base + 2 * u * s),
                        ShortVector.fromArray(SHORTS, scratch, base + (2 * u + 1) * s)).intoArray(scratch, base + u * s);
            }
        }
        ShortVector.fromArray(SHORTS, scratch, base).intoArray(scratch, out);
    }

    /** Widens and adds {@code groups} group means from slot {@code first} on and writes the block's sums. */
    private static void addGroups(short[] scratch, int first, int groups, int group, int bias, int[] sums, int at) {
        ShortVector even = ShortVector.zero(SHORTS);
        ShortVector odd = even;
        for (int g = 0; g < groups; g++) {
            ShortVector mean = ShortVector.fromArray(SHORTS, scratch, first + g * L / 2);
            even = even.add(mean.and((short) 0xFF));
            odd = odd.add(mean.lanewise(VectorOperators.LSHR, 8));
        }
        short[] totals = TOTALS.get();
        even.intoArray(totals, 0);
        odd.intoArray(totals, L / 2);
        store(totals, 0, group, bias, sums, at);
    }

    /**
     * Decodes output-major sums into output-major floats, {@code out[p] = sums[p] * inverseScale + offset}
     * for p in [0, count), in float, as {@code QuantizedLut.decode} does one at a time.
     */
    public static void decode(int[] sums, int count, float inverseScale, float offset, float[] out) {
        int full = count - count % Q;
        for (int p = 0; p < full; p += Q) {
            ((FloatVector) IntVector.fromArray(INTS, sums, p).convert(VectorOperators.I2F, 0))
                    .mul(inverseScale).add(offset).intoArray(out, p);
        }
        for (int p = full; p < count; p++) {
            out[p] = sums[p] * inverseScale + offset;
        }
    }


    /** The high nibbles, shifted in 16-bit lanes (x86 has no byte shift) and masked. */
    private static ByteVector high(ByteVector v, ByteVector low) {
        return v.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and(low);
    }

    /**
     * Rounding-up average of the unsigned bytes of two vectors, {@code (a + b + 1) >> 1} per byte, as
     * {@code (a | b) - ((a ^ b) >>> 1)} computed in 16-bit lanes: the shift's carry into each low byte's
     * top bit is masked off, and no byte borrows in the subtraction since {@code a | b >= (a ^ b) >>> 1}.
     */
    private static ShortVector avg(ShortVector a, ShortVector b) {
        return a.or(b).sub(a.lanewise(VectorOperators.XOR, b).lanewise(VectorOperators.LSHR, 1).and((short) 0x7F7F));
    }

    /**
     * Writes a block's sums {@code (16-bit total) * mul - sub} in row order from {@code totals[at ...]}: the
     * totals of the even block bytes, then of the odd ones. As ints, the even totals hold block bytes 4k (low
     * halves) and 4k + 2 (high halves), the odd ones 4k + 1 and 4k + 3; byte {@code 4k + q} is row
     * {@code q * Q + k} ({@link PackedCodes}). The totals come through memory, not as vector arguments,
     * which C2 boxes whenever it does not inline the call.
     */
    private static void store(short[] totals, int at, int mul, int sub, int[] sums, int out) {
        IntVector e = ShortVector.fromArray(SHORTS, totals, at).reinterpretAsInts();
        IntVector o = ShortVector.fromArray(SHORTS, totals, at + L / 2).reinterpretAsInts();
        e.and(0xFFFF).mul(mul).sub(sub).intoArray(sums, out);
        o.and(0xFFFF).mul(mul).sub(sub).intoArray(sums, out + Q);
        e.lanewise(VectorOperators.LSHR, 16).mul(mul).sub(sub).intoArray(sums, out + 2 * Q);
        o.lanewise(VectorOperators.LSHR, 16).mul(mul).sub(sub).intoArray(sums, out + 3 * Q);
    }
}
