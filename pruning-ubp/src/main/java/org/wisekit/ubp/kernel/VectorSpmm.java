package org.wisekit.ubp.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link ScalarSpmm} kernels. The pixels are cut into tiles of two vectors
 * ({@link #TILE} floats, 32 with AVX-512); a tile of Y is computed in registers and stored once. When P
 * is not a multiple of the tile, the last tile is shifted left to end at P: it recomputes a few pixels of
 * the previous tile with the same operations, so it rewrites the same values. Products with fewer than
 * {@link #TILE} pixels, and block sizes other than 2 and 4, run the scalar kernels.
 *
 * <p>Loop order as in XNNPACK: tile outermost, so the tile of X (K x TILE) stays in cache while every
 * output row is computed from it. Only load this class when {@code jdk.incubator.vector} is present.
 */
public final class VectorSpmm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Pixels per tile: two vectors. */
    public static final int TILE = 2 * L;

    private VectorSpmm() {
    }

    /** Whether the vector kernels handle this block size and pixel count (else they run the scalar ones). */
    public static boolean handles(int blockSize, int pixels) {
        return pixels >= TILE && (blockSize == 2 || blockSize == 4);
    }

    /** CSR: per output row, one accumulator pair per tile. */
    public static void csr(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels, float[] y) {
        if (pixels < TILE) {
            ScalarSpmm.csr(rows, rowStart, columns, values, x, pixels, y);
            return;
        }
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            for (int r = 0; r < rows; r++) {
                FloatVector a0 = FloatVector.zero(SPECIES);
                FloatVector a1 = FloatVector.zero(SPECIES);
                for (int b = rowStart[r]; b < rowStart[r + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector w = FloatVector.broadcast(SPECIES, values[b]);
                    a0 = FloatVector.fromArray(SPECIES, x, in).fma(w, a0);
                    a1 = FloatVector.fromArray(SPECIES, x, in + L).fma(w, a1);
                }
                int out = r * pixels + p0;
                a0.intoArray(y, out);
                a1.intoArray(y, out + L);
            }
        }
    }

    /** ABP / BSR: per aligned group of V rows, V accumulator pairs, stored together. */
    public static void aligned(int rows, int blockSize, int[] rowStart, int[] columns, float[] values, float[] x,
                               int pixels, float[] y) {
        if (!handles(blockSize, pixels)) {
            ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
            return;
        }
        int covered = rows / blockSize * blockSize;
        Arrays.fill(y, covered * pixels, rows * pixels, 0f);   // rows no aligned block can reach
        if (blockSize == 4) {
            aligned4(covered, rowStart, columns, values, x, pixels, y);
        } else {
            aligned2(covered, rowStart, columns, values, x, pixels, y);
        }
    }

    private static void aligned4(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                                 float[] y) {
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            for (int n = 0; n < rows; n += 4) {
                FloatVector a00 = FloatVector.zero(SPECIES);
                FloatVector a01 = FloatVector.zero(SPECIES);
                FloatVector a10 = FloatVector.zero(SPECIES);
                FloatVector a11 = FloatVector.zero(SPECIES);
                FloatVector a20 = FloatVector.zero(SPECIES);
                FloatVector a21 = FloatVector.zero(SPECIES);
                FloatVector a30 = FloatVector.zero(SPECIES);
                FloatVector a31 = FloatVector.zero(SPECIES);
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    a00 = x0.fma(w0, a00);
                    a01 = x1.fma(w0, a01);
                    a10 = x0.fma(w1, a10);
                    a11 = x1.fma(w1, a11);
                    a20 = x0.fma(w2, a20);
                    a21 = x1.fma(w2, a21);
                    a30 = x0.fma(w3, a30);
                    a31 = x1.fma(w3, a31);
                }
                int out = n * pixels + p0;
                a00.intoArray(y, out);
                a01.intoArray(y, out + L);
                a10.intoArray(y, out + pixels);
                a11.intoArray(y, out + pixels + L);
                a20.intoArray(y, out + 2 * pixels);
                a21.intoArray(y, out + 2 * pixels + L);
                a30.intoArray(y, out + 3 * pixels);
                a31.intoArray(y, out + 3 * pixels + L);
            }
        }
    }

    private static void aligned2(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                                 float[] y) {
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            for (int n = 0; n < rows; n += 2) {
                FloatVector a00 = FloatVector.zero(SPECIES);
                FloatVector a01 = FloatVector.zero(SPECIES);
                FloatVector a10 = FloatVector.zero(SPECIES);
                FloatVector a11 = FloatVector.zero(SPECIES);
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[2 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[2 * b + 1]);
                    a00 = x0.fma(w0, a00);
                    a01 = x1.fma(w0, a01);
                    a10 = x0.fma(w1, a10);
                    a11 = x1.fma(w1, a11);
                }
                int out = n * pixels + p0;
                a00.intoArray(y, out);
                a01.intoArray(y, out + L);
                a10.intoArray(y, out + pixels);
                a11.intoArray(y, out + pixels + L);
            }
        }
    }

    /**
     * UBP with the sliding output window of U-XNNPACK: accumulator pair j holds output row n + j; after the
     * blocks starting at row n, row n is finished, stored, and the window slides down by one row.
     */
    public static void sliding(int rows, int blockSize, int[] rowStart, int[] columns, float[] values, float[] x,
                               int pixels, float[] y) {
        if (!handles(blockSize, pixels)) {
            ScalarSpmm.blocks(rows, blockSize, rowStart, columns, values, x, pixels, y);
        } else if (blockSize == 4) {
            sliding4(rows, rowStart, columns, values, x, pixels, y);
        } else {
            sliding2(rows, rowStart, columns, values, x, pixels, y);
        }
    }

    private static void sliding4(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                                 float[] y) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            FloatVector a00 = zero;
            FloatVector a01 = zero;
            FloatVector a10 = zero;
            FloatVector a11 = zero;
            FloatVector a20 = zero;
            FloatVector a21 = zero;
            FloatVector a30 = zero;
            FloatVector a31 = zero;
            for (int n = 0; n < rows; n++) {
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    a00 = x0.fma(w0, a00);
                    a01 = x1.fma(w0, a01);
                    a10 = x0.fma(w1, a10);
                    a11 = x1.fma(w1, a11);
                    a20 = x0.fma(w2, a20);
                    a21 = x1.fma(w2, a21);
                    a30 = x0.fma(w3, a30);
                    a31 = x1.fma(w3, a31);
                }
                int out = n * pixels + p0;
                a00.intoArray(y, out);
                a01.intoArray(y, out + L);
                a00 = a10;
                a01 = a11;
                a10 = a20;
                a11 = a21;
                a20 = a30;
                a21 = a31;
                a30 = zero;
                a31 = zero;
            }
        }
    }

    private static void sliding2(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                                 float[] y) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            FloatVector a00 = zero;
            FloatVector a01 = zero;
            FloatVector a10 = zero;
            FloatVector a11 = zero;
            for (int n = 0; n < rows; n++) {
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[2 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[2 * b + 1]);
                    a00 = x0.fma(w0, a00);
                    a01 = x1.fma(w0, a01);
                    a10 = x0.fma(w1, a10);
                    a11 = x1.fma(w1, a11);
                }
                int out = n * pixels + p0;
                a00.intoArray(y, out);
                a01.intoArray(y, out + L);
                a00 = a10;
                a01 = a11;
                a10 = zero;
                a11 = zero;
            }
        }
    }

    /**
     * UBP with WROS (reconstructed): accumulator pair s is the ring slot of the rows congruent to s
     * modulo V. Weights were rotated at pack time so that every block updates slot s with
     * {@code values[b V + s]}, whatever its start row; the row loop is unrolled by V so that the slot to
     * store and clear after row n (slot n mod V) is a constant. No accumulator moves.
     */
    public static void ring(int rows, int blockSize, int[] rowStart, int[] columns, float[] values, float[] x,
                            int pixels, float[] y) {
        if (!handles(blockSize, pixels)) {
            ScalarSpmm.ring(rows, blockSize, rowStart, columns, values, x, pixels, y);
        } else if (blockSize == 4) {
            ring4(rows, rowStart, columns, values, x, pixels, y);
        } else {
            ring2(rows, rowStart, columns, values, x, pixels, y);
        }
    }

    private static void ring4(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                              float[] y) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int fullGroups = rows / 4 * 4;
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            FloatVector s00 = zero;
            FloatVector s01 = zero;
            FloatVector s10 = zero;
            FloatVector s11 = zero;
            FloatVector s20 = zero;
            FloatVector s21 = zero;
            FloatVector s30 = zero;
            FloatVector s31 = zero;
            int n = 0;
            for (; n < fullGroups; n += 4) {
                // row n: slot 0
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                    s20 = x0.fma(w2, s20);
                    s21 = x1.fma(w2, s21);
                    s30 = x0.fma(w3, s30);
                    s31 = x1.fma(w3, s31);
                }
                s00.intoArray(y, n * pixels + p0);
                s01.intoArray(y, n * pixels + p0 + L);
                s00 = zero;
                s01 = zero;
                // row n + 1: slot 1
                for (int b = rowStart[n + 1]; b < rowStart[n + 2]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                    s20 = x0.fma(w2, s20);
                    s21 = x1.fma(w2, s21);
                    s30 = x0.fma(w3, s30);
                    s31 = x1.fma(w3, s31);
                }
                s10.intoArray(y, (n + 1) * pixels + p0);
                s11.intoArray(y, (n + 1) * pixels + p0 + L);
                s10 = zero;
                s11 = zero;
                // row n + 2: slot 2
                for (int b = rowStart[n + 2]; b < rowStart[n + 3]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                    s20 = x0.fma(w2, s20);
                    s21 = x1.fma(w2, s21);
                    s30 = x0.fma(w3, s30);
                    s31 = x1.fma(w3, s31);
                }
                s20.intoArray(y, (n + 2) * pixels + p0);
                s21.intoArray(y, (n + 2) * pixels + p0 + L);
                s20 = zero;
                s21 = zero;
                // row n + 3: slot 3
                for (int b = rowStart[n + 3]; b < rowStart[n + 4]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[4 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[4 * b + 1]);
                    FloatVector w2 = FloatVector.broadcast(SPECIES, values[4 * b + 2]);
                    FloatVector w3 = FloatVector.broadcast(SPECIES, values[4 * b + 3]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                    s20 = x0.fma(w2, s20);
                    s21 = x1.fma(w2, s21);
                    s30 = x0.fma(w3, s30);
                    s31 = x1.fma(w3, s31);
                }
                s30.intoArray(y, (n + 3) * pixels + p0);
                s31.intoArray(y, (n + 3) * pixels + p0 + L);
                s30 = zero;
                s31 = zero;
            }
            // No block starts in the last rows % 4 rows (a block needs 4 rows); store what they hold.
            int tail = rows - fullGroups;
            if (tail > 0) {
                s00.intoArray(y, n * pixels + p0);
                s01.intoArray(y, n * pixels + p0 + L);
            }
            if (tail > 1) {
                s10.intoArray(y, (n + 1) * pixels + p0);
                s11.intoArray(y, (n + 1) * pixels + p0 + L);
            }
            if (tail > 2) {
                s20.intoArray(y, (n + 2) * pixels + p0);
                s21.intoArray(y, (n + 2) * pixels + p0 + L);
            }
        }
    }

    private static void ring2(int rows, int[] rowStart, int[] columns, float[] values, float[] x, int pixels,
                              float[] y) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int fullGroups = rows / 2 * 2;
        int tiles = (pixels + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int p0 = Math.min(t * TILE, pixels - TILE);
            FloatVector s00 = zero;
            FloatVector s01 = zero;
            FloatVector s10 = zero;
            FloatVector s11 = zero;
            int n = 0;
            for (; n < fullGroups; n += 2) {
                // row n: slot 0
                for (int b = rowStart[n]; b < rowStart[n + 1]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[2 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[2 * b + 1]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                }
                s00.intoArray(y, n * pixels + p0);
                s01.intoArray(y, n * pixels + p0 + L);
                s00 = zero;
                s01 = zero;
                // row n + 1: slot 1
                for (int b = rowStart[n + 1]; b < rowStart[n + 2]; b++) {
                    int in = columns[b] * pixels + p0;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, x, in);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, x, in + L);
                    FloatVector w0 = FloatVector.broadcast(SPECIES, values[2 * b]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, values[2 * b + 1]);
                    s00 = x0.fma(w0, s00);
                    s01 = x1.fma(w0, s01);
                    s10 = x0.fma(w1, s10);
                    s11 = x1.fma(w1, s11);
                }
                s10.intoArray(y, (n + 1) * pixels + p0);
                s11.intoArray(y, (n + 1) * pixels + p0 + L);
                s10 = zero;
                s11 = zero;
            }
            // No block starts in an odd last row (a block needs 2 rows); store what it holds.
            if (rows > fullGroups) {
                s00.intoArray(y, n * pixels + p0);
                s01.intoArray(y, n * pixels + p0 + L);
            }
        }
    }
}
