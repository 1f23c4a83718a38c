package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.kernel.PackedCodes;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.lutmm.kernel.VectorKernels;
import org.wisekit.lutmm.kernel.VectorWidth;

/**
 * The Vector API kernels equal the scalar kernels bit for bit, and the scalar kernels equal hand-written
 * references. Never skipped: the module's build runs this class at 512, 256 and 128 bits
 * ({@code -Dwisekit.lutmm.vectorBits}), whatever the machine offers.
 */
@Tag("kernels")
class KernelEquivalenceTest {

    @Test
    void theForcedWidthIsTheOneInUse() {
        String forced = System.getProperty(VectorWidth.PROPERTY);
        assertThat(KernelPath.isVectorAvailable()).as("tests run with the Vector API module").isTrue();
        if (forced != null) {
            assertThat(VectorWidth.BITS).isEqualTo(Integer.parseInt(forced));
        }
        assertThat(PackedCodes.BLOCK).isEqualTo(VectorWidth.BITS / 8);
        System.out.println("KernelEquivalenceTest: vector width " + VectorWidth.BITS + " bits");
    }

    @Test
    void packedPositionsAreABijectionAndPackRoundTrips() {
        SplittableRandom rng = new SplittableRandom(10);
        int c = 5;
        int n = 3 * PackedCodes.BLOCK + 7;
        int pairs = PackedCodes.pairs(c);
        boolean[] seen = new boolean[PackedCodes.length(n, c)];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < pairs; p++) {
                int at = PackedCodes.position(i, p, pairs);
                assertThat(seen[at]).as("row %d pair %d", i, p).isFalse();
                seen[at] = true;
            }
        }
        byte[] codes = randomCodes(rng, c * n);
        byte[] packed = new byte[PackedCodes.length(n, c)];
        Arrays.fill(packed, (byte) -1);
        PackedCodes.pack(codes, n, c, packed);
        byte[] back = new byte[c * n];
        PackedCodes.unpack(packed, n, c, back);
        assertThat(back).isEqualTo(codes);
        for (int at = 0; at < packed.length; at++) {
            if (!seen[at]) {
                assertThat(packed[at]).as("padding byte %d", at).isZero();
            }
        }
        for (int i = 0; i < n; i++) {   // odd C: the last pair's high nibble is 0
            assertThat(packed[PackedCodes.position(i, pairs - 1, pairs)] & 0xF0).isZero();
        }
    }

    @Test
    void everyEncoderEqualsTheScalarDefinitionWithTiesAndOutOfRangeValues() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int d = 1 + rng.nextInt(40);
            int c = 1 + rng.nextInt(12);
            int n = rng.nextInt(3 * PackedCodes.BLOCK + 20);
            MaddnessEncoder encoder = randomEncoder(rng, d, c);
            float[] a = hardInputs(rng, encoder, n);
            byte[] reference = new byte[c * n];
            ScalarKernels.encode(a, d, 0, n, n, c, encoder.splitDims(), encoder.offsets(), encoder.scales(),
                    encoder.thresholds(), reference);
            float[] aT = transpose(a, n, d);
            for (KernelPath path : KernelPath.values()) {
                byte[] rows = filled(encoder.newCodes(n));
                encoder.encodeRows(a, n, rows, path);
                byte[] columns = filled(encoder.newCodes(n));
                encoder.encodeColumns(aT, n, columns, path);
                byte[] plain = new byte[c * n];
                encoder.encode(a, n, plain, path);
                assertThat(columns).as("trial %d %s: column-major == row-major input", trial, path).isEqualTo(rows);
                byte[] unpacked = new byte[c * n];
                PackedCodes.unpack(rows, n, c, unpacked);
                assertThat(unpacked).as("trial %d %s", trial, path).isEqualTo(reference);
                assertThat(plain).as("trial %d %s codebook-major", trial, path).isEqualTo(reference);
                int length = PackedCodes.length(n, c);
                byte[] repacked = new byte[length];
                PackedCodes.pack(reference, n, c, repacked);
                assertThat(Arrays.copyOf(rows, length)).as("trial %d %s: padding rows hold code 0", trial, path)
                        .isEqualTo(repacked);
            }
        }
    }

    @Test
    void scalarEncodeFollowsTheTreeByHand() {
        // one codebook, D = 2: level splits on column 1, 0, 0, 1, unit scale, zero offset
        int[] dims = {1, 0, 0, 1};
        float[] offsets = new float[4];
        float[] scales = {1f, 1f, 1f, 1f};
        byte[] thresholds = new byte[64];
        thresholds[0] = 10;             // level 0, node 0
        thresholds[16 + 1] = 3;         // level 1, node 1
        thresholds[32 + 3] = (byte) 200; // level 2, node 3
        thresholds[48 + 6] = 7;         // level 3, node 6
        float[] a = {100f, 11f};        // 11 > 10 -> 1; 100 > 3 -> 3; 100 <= 200 -> 6; 11 > 7 -> 13
        byte[] codes = new byte[1];
        ScalarKernels.encode(a, 2, 0, 1, 1, 1, dims, offsets, scales, thresholds, codes);
        assertThat(codes[0]).isEqualTo((byte) 13);
        byte[] packed = new byte[PackedCodes.length(1, 1)];
        ScalarKernels.encodePacked(a, 2, 1, 0, 1, 1, dims, offsets, scales, thresholds, packed);
        assertThat(PackedCodes.code(packed, 0, 0, 1)).isEqualTo(13);
    }

    @Test
    void scansEqualTheObviousSumAndEachOther() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            int group = 1 << rng.nextInt(1, 5);
            int c = trial % 4 == 0 ? 1 + rng.nextInt(9) : group * (1 + rng.nextInt(3));
            int m = 1 + rng.nextInt(5);
            int n = rng.nextInt(3 * PackedCodes.BLOCK + 20);
            byte[] codes = randomCodes(rng, c * n);
            byte[] packed = new byte[PackedCodes.length(n, c)];
            PackedCodes.pack(codes, n, c, packed);
            byte[] table = new byte[m * c * 16];
            rng.nextBytes(table);
            int[] obvious = new int[m * n];
            for (int o = 0; o < m; o++) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c; k++) {
                        obvious[o * n + i] += table[(o * c + k) * 16 + codes[k * n + i]] & 0xFF;
                    }
                }
            }
            QuantizedLut sum = new QuantizedLut(m, c, table, 0.5f, 0f, Aggregation.SUM);
            for (KernelPath path : KernelPath.values()) {
                int[] sums = new int[m * n];
                sum.scan(packed, n, sums, path);
                assertThat(sums).as("trial %d sum %s", trial, path).isEqualTo(obvious);
            }
            if (Integer.bitCount(c) == 1 && c >= 2) {
                QuantizedLut average = new QuantizedLut(m, c, table, 0.5f, 0f, Aggregation.AVERAGE);
                int[] scalar = new int[m * n];
                int[] vector = new int[m * n];
                average.scan(packed, n, scalar, KernelPath.SCALAR);
                average.scan(packed, n, vector, KernelPath.VECTOR);
                assertThat(vector).as("trial %d average", trial).isEqualTo(scalar);
            }
        }
    }

    @Test
    void sumScanAtMaximumBytesDoesNotOverflow() {
        int c = MaddnessConfig.MAX_CODEBOOKS;
        int n = 2 * PackedCodes.BLOCK;
        byte[] table = new byte[c * 16];
        Arrays.fill(table, (byte) 255);
        byte[] codes = randomCodes(new SplittableRandom(3), c * n);
        byte[] packed = new byte[PackedCodes.length(n, c)];
        PackedCodes.pack(codes, n, c, packed);
        int[] sums = new int[n];
        new QuantizedLut(1, c, table, 1f, 0f, Aggregation.SUM).scan(packed, n, sums, KernelPath.VECTOR);
        assertThat(sums).containsOnly(c * 255);
    }

    @Test
    void averagingEqualsTheReferenceFormula() {
        SplittableRandom rng = new SplittableRandom(13);
        int c = 32;
        int group = 16;
        int n = PackedCodes.BLOCK + 20;
        byte[] codes = randomCodes(rng, c * n);
        byte[] packed = new byte[PackedCodes.length(n, c)];
        PackedCodes.pack(codes, n, c, packed);
        byte[] table = new byte[c * 16];
        rng.nextBytes(table);
        QuantizedLut lut = new QuantizedLut(1, c, table, 1f, 0f, Aggregation.AVERAGE);
        for (KernelPath path : KernelPath.values()) {
            int[] sums = new int[n];
            lut.scan(packed, n, sums, path);
            for (int i = 0; i < n; i++) {
                long total = 0;
                for (int g = 0; g < c; g += group) {
                    total += treeMean(codes, n, i, table, g, group);
                }
                // dists *= upcast_every; dists -= int(ncodebooks / 4 * log2(upcast_every))
                assertThat(sums[i]).as("%s row %d", path, i).isEqualTo((int) (total * group - (int) (c / 4.0 * 4)));
            }
        }
    }

    @Test
    void vectorFusedEncodeEqualsScalar() {
        SplittableRandom rng = new SplittableRandom(14);
        int block = PackedCodes.BLOCK;
        for (int trial = 0; trial < 20; trial++) {
            int columns = 1 + rng.nextInt(20);
            int c = 1 + rng.nextInt(8);
            int blocks = 1 + rng.nextInt(3);
            int n = blocks * block;
            int[] input = new int[columns * n];
            for (int p = 0; p < input.length; p++) {
                input[p] = rng.nextInt(-50, 50);
            }
            int[] split = new int[4 * c];
            int[] thresholds = new int[4 * c * 16];
            for (int k = 0; k < 4 * c; k++) {
                split[k] = rng.nextInt(columns);
            }
            for (int p = 0; p < thresholds.length; p++) {
                thresholds[p] = rng.nextInt(-50, 50);
            }
            byte[] scalar = new byte[PackedCodes.length(n, c)];
            byte[] vector = new byte[PackedCodes.length(n, c)];
            ScalarKernels.encodeFused(input, n, 0, n, c, split, thresholds, scalar);
            int[] base = new int[4 * c];
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < base.length; k++) {
                    base[k] = split[k] * n + b * block;
                }
                VectorKernels.encodeFusedBlock(input, base, c, thresholds, VectorKernels.nodes(c), vector,
                        b * PackedCodes.pairs(c) * block);
            }
            assertThat(vector).as("trial %d", trial).isEqualTo(scalar);
        }
    }

    @Test
    void columnDecodeEqualsTheScalarDecode() {
        SplittableRandom rng = new SplittableRandom(15);
        int m = 3;
        int n = 2 * PackedCodes.BLOCK + 5;
        QuantizedLut lut = new QuantizedLut(m, 4, new byte[m * 4 * 16], 255.5f / 0.37f, -1.25f, Aggregation.SUM);
        int[] sums = new int[m * n];
        for (int p = 0; p < sums.length; p++) {
            sums[p] = rng.nextInt(-100, 4 * 255);
        }
        float[] rowMajor = new float[m * n];
        lut.decode(sums, n, rowMajor);
        for (KernelPath path : KernelPath.values()) {
            float[] columns = new float[m * n];
            lut.decodeColumns(sums, n, columns, path);
            for (int o = 0; o < m; o++) {
                for (int i = 0; i < n; i++) {
                    assertThat(columns[o * n + i]).isEqualTo(lut.decode(sums[o * n + i]))
                            .isEqualTo(rowMajor[i * m + o]);
                }
            }
        }
    }

    static MaddnessEncoder randomEncoder(SplittableRandom rng, int d, int c) {
        int[] dims = new int[4 * c];
        float[] offsets = new float[4 * c];
        float[] scales = new float[4 * c];
        byte[] thresholds = new byte[4 * c * 16];
        for (int k = 0; k < 4 * c; k++) {
            dims[k] = rng.nextInt(d);
            offsets[k] = (float) rng.nextGaussian();
            scales[k] = Math.scalb(1f, rng.nextInt(-3, 8));
        }
        rng.nextBytes(thresholds);
        return new MaddnessEncoder(d, c, dims, offsets, scales, thresholds);
    }

    /** Values on a threshold's grid (ties must not go right) and one ulp either side, NaN, far out of range, ±MAX_VALUE, ±infinity, and ordinary ones. */
    static float[] hardInputs(SplittableRandom rng, MaddnessEncoder encoder, int n) {
        int d = encoder.inputs();
        int splits = 4 * encoder.codebooks();
        float[] offsets = encoder.offsets();
        float[] scales = encoder.scales();
        byte[] thresholds = encoder.thresholds();
        float[] a = new float[n * d];
        for (int p = 0; p < a.length; p++) {
            int k = rng.nextInt(splits);
            float grid = offsets[k] + (thresholds[k * 16 + rng.nextInt(16)] & 0xFF) / scales[k];
            a[p] = switch (rng.nextInt(6)) {
                case 0 -> grid;
                case 1 -> Math.nextUp(grid);
                case 2 -> Math.nextDown(grid);
                case 3 -> Float.NaN;
                case 4 -> switch (rng.nextInt(3)) {
                    case 0 -> (float) (rng.nextGaussian() * 1e6);
                    case 1 -> rng.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
                    default -> rng.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                };
                default -> (float) rng.nextGaussian() * 20;
            };
        }
        return a;
    }

    static float[] transpose(float[] a, int n, int d) {
        float[] t = new float[a.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                t[j * n + i] = a[i * d + j];
            }
        }
        return t;
    }

    private static byte[] filled(byte[] codes) {
        Arrays.fill(codes, (byte) 0x5A);   // stale contents must not survive encoding
        return codes;
    }

    private static int treeMean(byte[] codes, int n, int i, byte[] table, int first, int count) {
        if (count == 1) {
            return table[first * 16 + codes[first * n + i]] & 0xFF;
        }
        int a = treeMean(codes, n, i, table, first, count / 2);
        int b = treeMean(codes, n, i, table, first + count / 2, count / 2);
        return (a + b + 1) / 2;
    }

    static byte[] randomCodes(SplittableRandom rng, int size) {
        byte[] codes = new byte[size];
        for (int p = 0; p < size; p++) {
            codes[p] = (byte) rng.nextInt(16);
        }
        return codes;
    }
}
