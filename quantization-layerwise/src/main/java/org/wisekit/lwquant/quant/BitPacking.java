package org.wisekit.lwquant.quant;

/**
 * Packs unsigned {@code bits}-bit codes into a little-endian bit stream: code i occupies bits
 * {@code [i*bits, (i+1)*bits)}, bit 0 being the least significant bit of byte 0. So int4 codes are two
 * per byte (low nibble first), int2 four per byte, and int3 codes straddle byte boundaries.
 */
public final class BitPacking {

    private BitPacking() {
    }

    /** Bytes needed for {@code count} codes of {@code bits} bits. */
    public static int packedBytes(long count, int bits) {
        return (int) ((count * bits + 7) / 8);
    }

    /** Packs codes (each in [0, 2^bits)); the caller guarantees the range. */
    public static byte[] pack(int[] codes, int bits) {
        checkBits(bits);
        byte[] out = new byte[packedBytes(codes.length, bits)];
        long bit = 0;
        for (int code : codes) {
            int byteIndex = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            int v = code << shift; // at most 8 + 7 bits
            out[byteIndex] |= (byte) v;
            if (shift + bits > 8) {
                out[byteIndex + 1] |= (byte) (v >>> 8);
            }
            bit += bits;
        }
        return out;
    }

    /** The {@code count} codes of {@code bits} bits stored in {@code packed}. */
    public static int[] unpack(byte[] packed, int bits, int count) {
        checkBits(bits);
        if (packed.length < packedBytes(count, bits)) {
            throw new IllegalArgumentException("packed: " + packed.length + " bytes hold fewer than " + count
                    + " codes of " + bits + " bits");
        }
        int[] codes = new int[count];
        int mask = (1 << bits) - 1;
        long bit = 0;
        for (int i = 0; i < count; i++) {
            int byteIndex = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            int v = packed[byteIndex] & 0xff;
            if (shift + bits > 8) {
                v |= (packed[byteIndex + 1] & 0xff) << 8;
            }
            codes[i] = (v >>> shift) & mask;
            bit += bits;
        }
        return codes;
    }

    static void checkBits(int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits must be in 1..8, got " + bits);
        }
    }
}
