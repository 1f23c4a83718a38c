package org.wisekit.lwquant.quant;

/**
 * llama.cpp's block formats on 32 consecutive weights with one binary16 scale d and no zero point:
 * <ul>
 *   <li>{@code Q8_0}: {@code d = amax / 127}, {@code q = roundf(w / d)} (halves away from zero) in [-127, 127];</li>
 *   <li>{@code Q4_0}: {@code d = m / -8} where m is the weight of largest magnitude (sign kept),
 *       {@code q = min(15, (int)(w / d + 8.5))}, {@code w = d (q - 8)}.</li>
 * </ul>
 * Stored as a symmetric {@link QuantizedMatrix} (implicit zero point 128 / 8): 8.5 and 4.5 bits per weight.
 */
public final class GgmlQuantizer implements Quantizer {

    /** The block size of both formats. */
    public static final int BLOCK = 32;

    /** The two supported block types. */
    public enum Type {
        Q8_0(8), Q4_0(4);

        final int bits;

        Type(int bits) {
            this.bits = bits;
        }
    }

    private final Type type;

    public GgmlQuantizer(Type type) {
        this.type = type;
    }

    @Override
    public boolean supportsBits(int bits) {
        return bits == type.bits;
    }

    @Override
    public String name() {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public QuantizedMatrix quantize(float[] weights, int rows, int cols, int bits, double[] hessian) {
        Quantizer.checkShape(weights, rows, cols);
        checkBits(bits);
        int perRow = QuantizedMatrix.groupsPerRow(cols, BLOCK);
        int[] codes = new int[rows * cols];
        short[] scales = new short[rows * perRow];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < perRow; g++) {
                int start = r * cols + g * BLOCK;
                int end = r * cols + Math.min(cols, (g + 1) * BLOCK);
                float amax = 0;
                float max = 0;
                for (int i = start; i < end; i++) {
                    if (Math.abs(weights[i]) > amax) {
                        amax = Math.abs(weights[i]);
                        max = weights[i];
                    }
                }
                float d = type == Type.Q8_0 ? amax / 127f : max / -8f;
                float id = d != 0 ? 1f / d : 0f;
                scales[r * perRow + g] = Half.fromFloat(d);
                for (int i = start; i < end; i++) {
                    codes[i] = type == Type.Q8_0
                            ? roundf(weights[i] * id) + 128
                            : Math.min(15, (int) (weights[i] * id + 8.5f));
                }
            }
        }
        return new QuantizedMatrix(rows, cols, type.bits, BLOCK, BitPacking.pack(codes, type.bits), scales, null);
    }

    /** C's {@code roundf} (halves away from zero), as ggml's Q8_0 reference uses. */
    private static int roundf(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }
}
