package org.wisekit.lutmm.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.KernelPath;
import org.wisekit.lutmm.kernel.VectorWidth;
import org.wisekit.tensor.Tensor;

/**
 * The int8 baseline: quantization against {@link Math#round(float)}, the vector quantization and GEMM bit
 * for bit against the scalar ones and against a long-integer reference, on ragged shapes and at the
 * +-127 extremes. Run at 512, 256 and 128 bits by the module's build ({@code -Dwisekit.lutmm.vectorBits}).
 */
@Tag("kernels")
class Int8KernelsTest {

    @Test
    void theVectorStepIsOneVectorOfTheForcedWidth() {
        assertThat(KernelPath.isVectorAvailable()).as("tests run with the Vector API module").isTrue();
        assertThat(Int8Kernels.paddedDepth(1)).isEqualTo(VectorWidth.BITS / 8);
        assertThat(Int8Kernels.paddedDepth(0)).isZero();
    }

    @Test
    void quantizeRoundsHalfUpClampsAndSendsNanToZero() {
        float[] x = {0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f, -0.49999997f, 126.5f, -126.5f, 127.5f,
                -127.5f, 1e30f, Float.NEGATIVE_INFINITY, Float.NaN, -0f, 3.4f, -3.6f};
        int[] expected = {1, 0, 2, -1, 3, -2, 0, 0, 127, -126, 127, -127, 127, -127, 0, 0, 3, -4};
        for (int p = 0; p < x.length; p++) {
            assertThat(Int8Kernels.quantize(x[p], 1f)).as("x = %s", x[p]).isEqualTo((byte) expected[p]);
        }
        // a true division: x / scale = -77.50001 rounds to -78, where x * (1 / scale) = -77.5 would give -77
        assertThat(Int8Kernels.quantize(-1.3407501f, 0.0173f)).isEqualTo((byte) -78);
    }

    @Test
    void packedIndexPermutesEachStep() {
        int step = Int8Kernels.paddedDepth(1);
        for (int s = 0; s < 3; s++) {
            boolean[] seen = new boolean[step];
            for (int w = 0; w < step; w++) {
                int p = Int8Kernels.packedIndex(s * step + w);
                assertThat(p / step).isEqualTo(s);
                assertThat(seen[p % step]).as("position %d taken twice", p).isFalse();
                seen[p % step] = true;
            }
        }
    }

    @Test
    void vectorQuantizationIsBitIdenticalToScalar() {
        SplittableRandom rng = new SplittableRandom(3);
        int step = Int8Kernels.paddedDepth(1);
        int[] depths = {0, 1, step - 1, step, step + 1, 3 * step + 5, 784};
        float[] scales = {0.25f, 1f, 0.0173f, 3.3e-3f, 1e-30f};
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f};
        for (int d : depths) {
            for (float scale : scales) {
                float[] a = new float[d + 3];
                for (int k = 0; k < a.length; k++) {
                    int kind = rng.nextInt(4);
                    if (kind == 0) {
                        a[k] = (rng.nextInt(301) - 150 + 0.5f) * scale;      // ties, including past the clamp
                    } else if (kind == 1) {
                        a[k] = special[rng.nextInt(special.length)];
                    } else {
                        a[k] = (float) (rng.nextGaussian() * 60 * scale);
                    }
                }
                int dp = Int8Kernels.paddedDepth(d);
                byte[] packed = new byte[dp + 2];
                Arrays.fill(packed, (byte) 99);
                Int8Kernels.quantizeRow(a, 3, d, scale, packed, 1, new float[Int8Kernels.step()]);
                byte[] expected = new byte[dp + 2];
                expected[0] = 99;
                expected[dp + 1] = 99;
                for (int k = 0; k < d; k++) {
                    expected[1 + Int8Kernels.packedIndex(k)] = Int8Kernels.quantize(a[3 + k], scale);
                }
                assertThat(packed).as("d = %d, scale = %s", d, scale).isEqualTo(expected);
            }
        }
    }

    @Test
    void vectorGemmEqualsScalarAndReferenceOnRaggedShapesAndExtremes() {
        SplittableRandom rng = new SplittableRandom(4);
        int step = Int8Kernels.paddedDepth(1);
        for (int trial = 0; trial < 40; trial++) {
            int n = rng.nextInt(12);
            int d = trial < 4 ? 3 * step : 1 + rng.nextInt(3 * step + 40);
            int m = rng.nextInt(14);
            byte[] a = extremes(rng, n * d, trial % 4);
            byte[] bt = extremes(rng, m * d, (trial + 1) % 4);
            int[] reference = new int[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    long s = 0;
                    for (int k = 0; k < d; k++) {
                        s += (long) a[i * d + k] * bt[j * d + k];
                    }
                    reference[i * m + j] = Math.toIntExact(s);
                }
            }
            for (KernelPath path : KernelPath.values()) {
                int[] out = new int[n * m + 1];
                out[n * m] = 7;
                Int8Kernels.gemm(a, n, d, bt, m, out, path);
                assertThat(Arrays.copyOf(out, n * m)).as("%s, n %d d %d m %d", path, n, d, m).isEqualTo(reference);
                assertThat(out[n * m]).as("nothing written past n x m").isEqualTo(7);
            }
        }
    }

    @Test
    void longRowsOfTheLargestProductsDoNotOverflow() {
        int d = 5000;
        byte[] plus = new byte[d];
        byte[] minus = new byte[d];
        Arrays.fill(plus, (byte) 127);
        Arrays.fill(minus, (byte) -127);
        byte[] a = new byte[2 * d];
        System.arraycopy(plus, 0, a, 0, d);
        System.arraycopy(minus, 0, a, d, d);
        for (KernelPath path : KernelPath.values()) {
            int[] out = new int[4];
            Int8Kernels.gemm(a, 2, d, a, 2, out, path);
            assertThat(out).as("%s", path).containsExactly(16129 * d, -16129 * d, -16129 * d, 16129 * d);
        }
    }

    @Test
    void int8MatmulPathsAgreeBitForBitAndMatchTheQuantizedProduct() {
        SplittableRandom rng = new SplittableRandom(5);
        int panel = Int8Kernels.panelRows(100);
        int[][] shapes = {{1, 1, 1}, {5, 27, 2}, {2 * panel + 3, 100, 10}, {37, 784, 13}, {0, 8, 3}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int d = shape[1];
            int m = shape[2];
            Tensor train = Tensor.normal(rng.nextInt(), 0f, 1f, 50, d);
            Tensor b = Tensor.normal(rng.nextInt(), 0f, 0.3f, d, m);
            float[] a = Tensor.normal(rng.nextInt(), 0f, 1.5f, Math.max(n, 1), d).data();
            if (n > 0) {
                a[0] = Float.NaN;                        // quantized to 0
                a[a.length - 1] = Float.POSITIVE_INFINITY; // clamped to 127
            }
            float aScale = Int8Matmul.symmetricScale(train.data());
            float bScale = Int8Matmul.symmetricScale(b.data());
            float[] reference = new float[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    int s = 0;
                    for (int k = 0; k < d; k++) {
                        s += Int8Kernels.quantize(a[i * d + k], aScale)
                                * Int8Kernels.quantize(b.data()[k * m + j], bScale);
                    }
                    reference[i * m + j] = s * (aScale * bScale);
                }
            }
            for (KernelPath path : KernelPath.values()) {
                Int8Matmul mm = new Int8Matmul(train, b, path);
                float[] out = new float[n * m];
                mm.multiply(a, n, out);
                assertThat(out).as("%s, n %d d %d m %d", path, n, d, m).isEqualTo(reference);
                mm.multiply(a, n, out);   // buffers reused: same result
                assertThat(out).isEqualTo(reference);
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        int[] out = new int[4];
        assertThatThrownBy(() -> Int8Kernels.gemm(new byte[]{1, -128}, 1, 2, new byte[2], 1, out, KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a[1] = -128");
        assertThatThrownBy(() -> Int8Kernels.gemm(new short[]{1, 200}, 1, 2, new short[2], 1, out, KernelPath.VECTOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a[1] = 200");
        assertThatThrownBy(() -> Int8Kernels.gemm(new byte[3], 2, 2, new byte[2], 1, out, KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a has length 3");
        assertThatThrownBy(() -> Int8Kernels.gemm(new byte[2], 1, -2, new byte[2], 1, out, KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = -2");
        Tensor b = Tensor.normal(1, 0f, 1f, 4, 3);
        Tensor train = Tensor.normal(2, 0f, 1f, 10, 4);
        assertThatThrownBy(() -> new Int8Matmul(Tensor.normal(2, 0f, 1f, 10, 5), b, KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[10, 5]");
        float[] bad = train.data().clone();
        bad[7] = Float.NaN;
        assertThatThrownBy(() -> new Int8Matmul(Tensor.wrap(bad, 10, 4), b, KernelPath.SCALAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 7 is NaN");
        Int8Matmul mm = new Int8Matmul(train, b, KernelPath.SCALAR);
        assertThatThrownBy(() -> mm.multiply(new float[7], 2, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.length = 7");
        assertThatThrownBy(() -> mm.multiply(new float[8], -1, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = -1");
    }

    /** Random int8 values; {@code kind} 0: uniform, 1: only +-127, 2: all 127, 3: mostly -127. */
    private static byte[] extremes(SplittableRandom rng, int count, int kind) {
        byte[] x = new byte[count];
        for (int p = 0; p < count; p++) {
            x[p] = (byte) switch (kind) {
                case 0 -> rng.nextInt(-127, 128);
                case 1 -> rng.nextBoolean() ? 127 : -127;
                case 2 -> 127;
                default -> rng.nextInt(4) == 0 ? rng.nextInt(-127, 128) : -127;
            };
        }
        return x;
    }
}
