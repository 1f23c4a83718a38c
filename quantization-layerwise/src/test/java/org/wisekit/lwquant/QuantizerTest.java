package org.wisekit.lwquant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wisekit.lwquant.quant.BitPacking;
import org.wisekit.lwquant.quant.GgmlQuantizer;
import org.wisekit.lwquant.quant.GptqQuantizer;
import org.wisekit.lwquant.quant.Half;
import org.wisekit.lwquant.quant.HessianAccumulator;
import org.wisekit.lwquant.quant.QuantizedMatrix;
import org.wisekit.lwquant.quant.RtnQuantizer;

class QuantizerTest {

    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) r.nextGaussian();
        }
        return w;
    }

    @Test
    void halfConversionKnownValuesAndRounding() {
        assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Half.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 1);
        // 1 + 2^-11 is a tie between 1 and 1 + 2^-10: ties to even -> 1.
        assertThat(Half.round(1f + 0x1p-11f)).isEqualTo(1f);
        assertThat(Half.round(1f + 0x1p-11f + 0x1p-20f)).isEqualTo(1f + 0x1p-10f);
        for (int h = 0; h < 0x7c00; h++) {
            assertThat(Half.fromFloat(Half.toFloat((short) h))).isEqualTo((short) h);
        }
    }

    @ParameterizedTest
    @CsvSource({"2,1", "2,7", "3,13", "4,16", "4,5", "8,9", "3,1000"})
    void packUnpackIsBitExact(int bits, int count) {
        Random r = new Random(bits * 31L + count);
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = r.nextInt(1 << bits);
        }
        byte[] packed = BitPacking.pack(codes, bits);
        assertThat(packed).hasSize((count * bits + 7) / 8);
        assertThat(BitPacking.unpack(packed, bits, count)).containsExactly(codes);
    }

    @Test
    void int4PacksLowNibbleFirst() {
        assertThat(BitPacking.pack(new int[] {0x3, 0xA, 0xF}, 4)).containsExactly((byte) 0xA3, (byte) 0x0F);
        assertThat(BitPacking.pack(new int[] {1, 2, 3, 0}, 2)).containsExactly((byte) 0b00111001);
    }

    @ParameterizedTest
    @CsvSource({"2,32,true", "3,64,false", "4,128,true", "4,32,false", "8,64,true", "2,128,false"})
    void rtnErrorIsWithinHalfAStep(int bits, int group, boolean symmetric) {
        int rows = 8;
        int cols = 200; // a partial last group too
        float[] w = gaussian(rows * cols, bits * 100 + group);
        QuantizedMatrix q = new RtnQuantizer(group, symmetric).quantize(w, rows, cols, bits, null);
        float[] d = q.dequantize();
        int perRow = (cols + group - 1) / group;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float scale = Math.abs(Half.toFloat(q.scales()[r * perRow + c / group]));
                assertThat(Math.abs(w[r * cols + c] - d[r * cols + c])).isLessThanOrEqualTo(scale * 0.5f * 1.002f);
            }
        }
        // Bits accounting: codes + fp16 scales (+ packed zeros).
        double expected = bits + 16.0 * rows * perRow / (rows * cols)
                + (symmetric ? 0 : 8.0 * BitPacking.packedBytes((long) rows * perRow, bits) / (rows * cols));
        assertThat(q.bitsPerWeight()).isCloseTo(expected, org.assertj.core.data.Offset.offset(8.0 / (rows * cols)));
    }

    @Test
    void rtnOnGridValuesIsExact() {
        float[] w = {-2, -1, 0, 1, -2, 0, 1, 1};
        // Asymmetric 2-bit on [-2, 1]: scale 1, zero point 2, levels -2..1 hold every weight exactly.
        float[] a = new RtnQuantizer(4, false).quantize(w, 2, 4, 2, null).dequantize();
        assertThat(a).containsExactly(w);
    }

    @Test
    void ggmlBlocksMatchTheirDefinitions() {
        float[] w = gaussian(64, 3);
        QuantizedMatrix q8 = new GgmlQuantizer(GgmlQuantizer.Type.Q8_0).quantize(w, 1, 64, 8, null);
        QuantizedMatrix q4 = new GgmlQuantizer(GgmlQuantizer.Type.Q4_0).quantize(w, 1, 64, 4, null);
        assertThat(q8.bitsPerWeight()).isEqualTo(8.5);
        assertThat(q4.bitsPerWeight()).isEqualTo(4.5);
        float[] d8 = q8.dequantize();
        float[] d4 = q4.dequantize();
        for (int i = 0; i < 64; i++) {
            assertThat(Math.abs(w[i] - d8[i])).isLessThanOrEqualTo(Math.abs(Half.toFloat(q8.scales()[i / 32])) * 0.51f);
            // Q4_0's grid is -8d..7d with d set by the signed extreme: the far end may clip by up to |d|.
            assertThat(Math.abs(w[i] - d4[i])).isLessThanOrEqualTo(Math.abs(Half.toFloat(q4.scales()[i / 32])) * 1.01f);
        }
        assertThatThrownBy(() -> new GgmlQuantizer(GgmlQuantizer.Type.Q4_0).quantize(w, 1, 64, 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits 2");
    }

    @ParameterizedTest
    @CsvSource({"2,32,true", "3,16,false", "4,64,true"})
    void gptqWithIdentityHessianEqualsRtn(int bits, int group, boolean symmetric) {
        int rows = 6;
        int cols = 64;
        float[] w = gaussian(rows * cols, 11);
        double[] identity = new double[cols * cols];
        for (int i = 0; i < cols; i++) {
            identity[i * cols + i] = 1;
        }
        QuantizedMatrix g = new GptqQuantizer(group, symmetric, 16, 0.01, false).quantize(w, rows, cols, bits, identity);
        QuantizedMatrix r = new RtnQuantizer(group, symmetric).quantize(w, rows, cols, bits, null);
        assertThat(g.packedCodes()).containsExactly(r.packedCodes());
        assertThat(g.scales()).containsExactly(r.scales());
    }

    @ParameterizedTest
    @CsvSource({"false,2", "true,3", "false,4"})
    void gptqBeatsRtnOnOutputErrorWithARealHessian(boolean actOrder, int bits) {
        int rows = 32;
        int cols = 64;
        int n = 512;
        Random rnd = new Random(5);
        // Correlated inputs: x = z A with a random mixing matrix.
        float[] a = gaussian(cols * cols, 6);
        float[] x = new float[n * cols];
        for (int t = 0; t < n; t++) {
            float[] z = new float[cols];
            for (int i = 0; i < cols; i++) {
                z[i] = (float) rnd.nextGaussian();
            }
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    s += z[i] * a[i * cols + j] * (i < 8 ? 1 : 0.2);
                }
                x[t * cols + j] = (float) s;
            }
        }
        HessianAccumulator acc = new HessianAccumulator(cols);
        acc.add(x, n);
        float[] w = gaussian(rows * cols, 7);
        float[] gptq = new GptqQuantizer(32, true, 16, 0.01, actOrder).quantize(w, rows, cols, bits, acc.hessian()).dequantize();
        float[] rtn = new RtnQuantizer(32, true).quantize(w, rows, cols, bits, null).dequantize();
        assertThat(outputError(w, gptq, x, rows, cols, n)).isLessThan(0.9 * outputError(w, rtn, x, rows, cols, n));
    }

    static double outputError(float[] w, float[] q, float[] x, int rows, int cols, int n) {
        double e = 0;
        for (int t = 0; t < n; t++) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += (w[r * cols + c] - q[r * cols + c]) * x[t * cols + c];
                }
                e += s * s;
            }
        }
        return e;
    }

    @Test
    void hessianMatchesTheDefinition() {
        float[] x = {1, 2, 3, -1, 0, 2};
        HessianAccumulator acc = new HessianAccumulator(2);
        acc.add(x, 3);
        // X = [[1,2],[3,-1],[0,2]]; X^T X = [[10,-1],[-1,9]]; H = 2/3 X^T X.
        assertThat(acc.hessian()).containsExactly(20.0 / 3, -2.0 / 3, -2.0 / 3, 6.0);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> new RtnQuantizer(32, true).quantize(new float[10], 2, 4, 4, null))
                .hasMessageContaining("weights: expected 8");
        assertThatThrownBy(() -> new RtnQuantizer(32, true).quantize(new float[8], 2, 4, 9, null))
                .hasMessageContaining("bits 9");
        assertThatThrownBy(() -> new GptqQuantizer(32, true).quantize(new float[8], 2, 4, 4, null))
                .hasMessageContaining("hessian");
        assertThatThrownBy(() -> BitPacking.unpack(new byte[1], 4, 3)).hasMessageContaining("packed");
    }
}
