package org.wisekit.lwquant.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.wisekit.lwquant.quant.Half;

/**
 * The ggml tensor types this module writes and reads, with ggml's type ids, block sizes and bytes per
 * block. Quantization follows ggml's reference functions ({@code quantize_row_q8_0_ref},
 * {@code quantize_row_q4_0_ref}) on blocks of 32 values:
 * <ul>
 *   <li>{@code Q8_0} (34 bytes): {@code d = amax / 127} stored as binary16, {@code q = roundf(x / d)} as int8
 *       (rounding half away from zero), {@code x = d q};</li>
 *   <li>{@code Q4_0} (18 bytes): {@code d = max / -8} where max is the value of largest magnitude (sign kept),
 *       {@code q = min(15, (int8) (x / d + 8.5))}; byte j holds value j in its low nibble and value j + 16 in
 *       its high nibble; {@code x = d (q - 8)}.</li>
 * </ul>
 * In both, {@code 1/d} is computed from the float32 d (0 when d is 0) before d is rounded to binary16.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q8_0(8, 32, 34);

    /** ggml's {@code enum ggml_type} value. */
    public final int id;
    /** Values per block. */
    public final int blockSize;
    /** Bytes per block. */
    public final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The type with ggml id {@code id}, or {@code null} if this module does not support it. */
    public static GgmlType ofId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** Bytes of {@code n} values ({@code n} a multiple of {@link #blockSize}). */
    public long bytes(long n) {
        if (n % blockSize != 0) {
            throw new IllegalArgumentException(name() + " needs a multiple of " + blockSize + " values, got " + n);
        }
        return n / blockSize * typeSize;
    }

    /** Bits stored per value (scales included): 32, 16, 4.5, 8.5. */
    public double bitsPerValue() {
        return 8.0 * typeSize / blockSize;
    }

    /** Encodes {@code x} (its length a multiple of {@link #blockSize}) as ggml stores it. */
    public byte[] encode(float[] x) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes(x.length))).order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case F32 -> {
                for (float v : x) {
                    out.putFloat(v);
                }
            }
            case F16 -> {
                for (float v : x) {
                    out.putShort(Half.fromFloat(v));
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < x.length; b += 32) {
                    float amax = 0;
                    for (int j = 0; j < 32; j++) {
                        amax = Math.max(amax, Math.abs(x[b + j]));
                    }
                    float d = amax / 127f;
                    float id = d != 0 ? 1f / d : 0f;
                    out.putShort(Half.fromFloat(d));
                    for (int j = 0; j < 32; j++) {
                        out.put((byte) roundf(x[b + j] * id));
                    }
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < x.length; b += 32) {
                    float amax = 0;
                    float max = 0;
                    for (int j = 0; j < 32; j++) {
                        if (amax < Math.abs(x[b + j])) {
                            amax = Math.abs(x[b + j]);
                            max = x[b + j];
                        }
                    }
                    float d = max / -8f;
                    float id = d != 0 ? 1f / d : 0f;
                    out.putShort(Half.fromFloat(d));
                    for (int j = 0; j < 16; j++) {
                        int lo = Math.min(15, (byte) (x[b + j] * id + 8.5f));
                        int hi = Math.min(15, (byte) (x[b + 16 + j] * id + 8.5f));
                        out.put((byte) (lo | (hi << 4)));
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
        return out.array();
    }

    /** Decodes {@code n} values stored as this type. */
    public float[] decode(byte[] data, int n) {
        if (data.length != bytes(n)) {
            throw new IllegalArgumentException(name() + ": " + data.length + " bytes for " + n + " values, expected "
                    + bytes(n));
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[n];
        switch (this) {
            case F32 -> in.asFloatBuffer().get(x);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    x[i] = Half.toFloat(in.getShort());
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < n; b += 32) {
                    float d = Half.toFloat(in.getShort());
                    for (int j = 0; j < 32; j++) {
                        x[b + j] = in.get() * d;
                    }
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < n; b += 32) {
                    float d = Half.toFloat(in.getShort());
                    for (int j = 0; j < 16; j++) {
                        int q = in.get() & 0xff;
                        x[b + j] = ((q & 0x0f) - 8) * d;
                        x[b + 16 + j] = ((q >>> 4) - 8) * d;
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
        return x;
    }

    /** C's {@code roundf}: to nearest, halves away from zero. */
    static float roundf(float v) {
        return (float) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }
}
