package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.kernel.ScalarKernels;
import org.wisekit.lutmm.kernel.VectorKernels;

/** The Vector API kernels equal the scalar kernels bit for bit; the scalar kernels equal hand-written references. */
class KernelEquivalenceTest {

    @BeforeEach
    void needVectors() {
        assumeTrue(KernelPath.isVectorAvailable(), "512-bit Vector API not available");
    }

    @Test
    void vectorEncodeEqualsScalarWithTiesAndOutOfRangeValues() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            int d = 1 + rng.nextInt(40);
            int c = 1 + rng.nextInt(12);
            int n = rng.nextInt(70);
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
            float[] a = new float[n * d];
            for (int p = 0; p < a.length; p++) {
                int k = rng.nextInt(4 * c);
                a[p] = switch (rng.nextInt(4)) {
                    // exactly on a threshold's grid value: the tie q == v must not go right
                    case 0 -> offsets[k] + (thresholds[k * 16 + rng.nextInt(16)] & 0xFF) / scales[k];
                    case 1 -> (float) (rng.nextGaussian() * 1e6);          // far outside [0, 255] after scaling
                    case 2 -> rng.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
                    default -> (float) rng.nextGaussian() * 20;
                };
            }
            byte[] scalar = new byte[c * n];
            byte[] vector = new byte[c * n];
            ScalarKernels.encode(a, d, 0, n, n, c, dims, offsets, scales, thresholds, scalar);
            VectorKernels.encode(a, d, n, c, dims, offsets, scales, thresholds, VectorKernels.limitBits(thresholds), vector,
                    new float[4 * c * 16]);
            assertThat(vector).as("trial %d", trial).isEqualTo(scalar);
            for (byte code : scalar) {
                assertThat(code).isBetween((byte) 0, (byte) 15);
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
    }

    @Test
    void vectorScansEqualScalarScans() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 30; trial++) {
            int group = 1 << rng.nextInt(1, 5);
            int c = group * (1 + rng.nextInt(3));
            int m = 1 + rng.nextInt(5);
            int n = rng.nextInt(80);
            byte[] codes = randomCodes(rng, c * n);
            byte[] table = new byte[m * c * 16];
            rng.nextBytes(table);
            int[] scalar = new int[m * n];
            int[] vector = new int[m * n];
            ScalarKernels.scanSum(codes, n, c, table, m, 0, n, scalar);
            VectorKernels.scanSum(codes, n, c, table, m, vector);
            assertThat(vector).isEqualTo(scalar);
            ScalarKernels.scanAverage(codes, n, c, group, table, m, 0, n, scalar);
            VectorKernels.scanAverage(codes, n, c, group, table, m, vector);
            assertThat(vector).isEqualTo(scalar);
        }
    }

    @Test
    void sumScanAtMaximumBytesDoesNotOverflow() {
        int c = MaddnessConfig.MAX_CODEBOOKS;
        int n = 32;
        byte[] table = new byte[c * 16];
        java.util.Arrays.fill(table, (byte) 255);
        int[] sums = new int[n];
        VectorKernels.scanSum(new byte[c * n], n, c, table, 1, sums);
        assertThat(sums).containsOnly(c * 255);
    }

    @Test
    void averagingEqualsTheReferenceFormula() {
        SplittableRandom rng = new SplittableRandom(13);
        int c = 32;
        int group = 16;
        int n = 20;
        byte[] codes = randomCodes(rng, c * n);
        byte[] table = new byte[c * 16];
        rng.nextBytes(table);
        int[] sums = new int[n];
        ScalarKernels.scanAverage(codes, n, c, group, table, 1, 0, n, sums);
        for (int i = 0; i < n; i++) {
            long total = 0;
            for (int g = 0; g < c; g += group) {
                total += treeMean(codes, n, i, table, g, group);
            }
            // dists *= upcast_every; dists -= int(ncodebooks / 4 * log2(upcast_every))
            assertThat(sums[i]).isEqualTo((int) (total * group - (int) (c / 4.0 * 4)));
        }
    }

    @Test
    void vectorFusedEncodeEqualsScalar() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 20; trial++) {
            int columns = 1 + rng.nextInt(20);
            int c = 1 + rng.nextInt(8);
            int n = rng.nextInt(70);
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
            byte[] scalar = new byte[c * n];
            byte[] vector = new byte[c * n];
            ScalarKernels.encodeFused(input, n, 0, n, c, split, thresholds, scalar);
            VectorKernels.encodeFused(input, n, c, split, thresholds, vector);
            assertThat(vector).isEqualTo(scalar);
        }
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
