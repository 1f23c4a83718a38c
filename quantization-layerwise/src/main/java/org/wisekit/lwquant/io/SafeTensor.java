package org.wisekit.lwquant.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.wisekit.lwquant.quant.Half;

/**
 * One tensor of a safetensors file: dtype ({@code F32}, {@code F16}, {@code BF16}, {@code U8}, {@code I8}),
 * shape and the little-endian bytes. Immutable (arrays are not copied; do not modify them).
 */
public record SafeTensor(String dtype, long[] shape, byte[] data) {

    public SafeTensor {
        int width = elementBytes(dtype);
        long count = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape: negative dimension in " + Arrays.toString(shape));
            }
            count *= s;
        }
        if (count * width != data.length) {
            throw new IllegalArgumentException("data: " + dtype + " " + Arrays.toString(shape) + " needs " + count * width
                    + " bytes, got " + data.length);
        }
    }

    static int elementBytes(String dtype) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "U8", "I8", "BOOL" -> 1;
            case "F64", "I64" -> 8;
            default -> throw new IllegalArgumentException("dtype: unsupported '" + dtype + "'");
        };
    }

    public long elements() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** A float32 tensor. */
    public static SafeTensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new SafeTensor("F32", shape, b.array());
    }

    /** A binary16 tensor from raw half bits. */
    public static SafeTensor ofHalves(short[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return new SafeTensor("F16", shape, b.array());
    }

    /** A raw byte tensor (packed codes). */
    public static SafeTensor ofBytes(byte[] values) {
        return new SafeTensor("U8", new long[] {values.length}, values);
    }

    /** The values as float32, converting F16/BF16/F64. */
    public float[] toFloats() {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) elements();
        float[] out = new float[n];
        switch (dtype) {
            case "F32" -> b.asFloatBuffer().get(out);
            case "F16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(b.getShort(2 * i));
                }
            }
            case "BF16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            case "F64" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            default -> throw new IllegalArgumentException("tensor of dtype " + dtype + " is not a float tensor");
        }
        return out;
    }

    /** The raw binary16 bits of an F16 tensor. */
    public short[] toHalves() {
        if (!dtype.equals("F16")) {
            throw new IllegalArgumentException("tensor of dtype " + dtype + " is not F16");
        }
        short[] out = new short[(int) elements()];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
