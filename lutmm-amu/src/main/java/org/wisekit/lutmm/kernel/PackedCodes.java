package org.wisekit.lutmm.kernel;

/**
 * The layout of encoded rows that the scan reads: 4-bit codes, two codebooks per byte (codebook 2p in the
 * low nibble, 2p + 1 in the high nibble; an odd C leaves the last high nibble 0), rows in blocks of
 * {@link #BLOCK}, block-major: {@code [block][pair][BLOCK bytes]}. One vector load of a block's pair feeds two
 * table lookups for {@code BLOCK} rows (mithral's row-block layout, bolt's {@code zip_bolt_colmajor}, adapted
 * to a vector of any width).
 *
 * <p>Inside a block, byte {@code 4k + q} holds row {@code q * BLOCK / 4 + k}. The scan widens looked-up bytes
 * to 16-bit lanes by reinterpreting them as shorts and masking/shifting (even bytes, odd bytes) and later
 * to 32-bit lanes the same way, so after both steps the four int vectors hold rows in order, without any
 * lane-crossing shuffle; the encoder builds each byte from four row-quarters with shifts and ors.
 */
public final class PackedCodes {

    /** Rows per block: the byte count of one vector (64 at 512 bits, 32 at 256, 16 at 128; 64 without vectors). */
    public static final int BLOCK = VectorWidth.BITS > 0 ? VectorWidth.BITS / 8 : 64;

    /** Rows per quarter block: the lane count of an int vector. */
    static final int QUARTER = BLOCK / 4;

    private PackedCodes() {
    }

    /** Code bytes per block row: ceil(C / 2). */
    public static int pairs(int codebooks) {
        return (codebooks + 1) / 2;
    }

    /** Bytes needed for n rows of C codes (whole blocks; padding rows hold code 0). */
    public static int length(int n, int codebooks) {
        return (n + BLOCK - 1) / BLOCK * pairs(codebooks) * BLOCK;
    }

    /** Index of the byte holding row i's codes of codebooks 2 pair and 2 pair + 1. */
    public static int position(int i, int pair, int pairs) {
        int r = i % BLOCK;
        return (i / BLOCK * pairs + pair) * BLOCK + 4 * (r % QUARTER) + r / QUARTER;
    }

    /** Row i's code of codebook c. */
    public static int code(byte[] packed, int i, int c, int pairs) {
        int b = packed[position(i, c >> 1, pairs)];
        return (c & 1) == 0 ? b & 0x0F : (b >> 4) & 0x0F;
    }

    /**
     * Sets to 0 the bytes of the block holding row {@code from} and of every block after it up to n rows: the
     * scalar encoders then write rows {@code [from, n)}, and the padding rows of the last block stay code 0.
     */
    public static void clearFrom(byte[] packed, int from, int n, int codebooks) {
        java.util.Arrays.fill(packed, from / BLOCK * pairs(codebooks) * BLOCK, length(n, codebooks), (byte) 0);
    }

    /** Packs codebook-major codes {@code codes[c * n + i]} (values 0..15) of n rows; padding rows get 0. */
    public static void pack(byte[] codes, int n, int codebooks, byte[] packed) {
        int pairs = pairs(codebooks);
        java.util.Arrays.fill(packed, 0, length(n, codebooks), (byte) 0);
        for (int c = 0; c < codebooks; c++) {
            int shift = 4 * (c & 1);
            for (int i = 0; i < n; i++) {
                packed[position(i, c >> 1, pairs)] |= (byte) ((codes[c * n + i] & 0x0F) << shift);
            }
        }
    }

    /** The inverse of {@link #pack}: {@code codes[c * n + i]}. */
    public static void unpack(byte[] packed, int n, int codebooks, byte[] codes) {
        int pairs = pairs(codebooks);
        for (int c = 0; c < codebooks; c++) {
            for (int i = 0; i < n; i++) {
                codes[c * n + i] = (byte) code(packed, i, c, pairs);
            }
        }
    }
}
