package org.wisekit.tensor.internal;

/**
 * Plain-Java 4 x 4 micro-kernel: sixteen float accumulators held in registers. The fallback when
 * the Vector API is absent and the reference the vector kernel is tested against.
 */
public final class ScalarMicroKernel implements MicroKernel {

    public static final ScalarMicroKernel INSTANCE = new ScalarMicroKernel();

    private static final int ROWS = 4;
    private static final int COLS = 4;

    private ScalarMicroKernel() {
    }

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int cols() {
        return COLS;
    }

    @Override
    public void multiply(int kc, float[] aSliver, int aAt, float[] bSliver, int bAt,
                         float[] c, int cAt, int ldc, boolean accumulate) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int ai = aAt;
        int bi = bAt;
        for (int p = 0; p < kc; p++) {
            float b0 = bSliver[bi];
            float b1 = bSliver[bi + 1];
            float b2 = bSliver[bi + 2];
            float b3 = bSliver[bi + 3];
            float a0 = aSliver[ai];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            float a1 = aSliver[ai + 1];
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            float a2 = aSliver[ai + 2];
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            float a3 = aSliver[ai + 3];
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
            ai += ROWS;
            bi += COLS;
        }
        storeRow(c, cAt, c00, c01, c02, c03, accumulate);
        storeRow(c, cAt + ldc, c10, c11, c12, c13, accumulate);
        storeRow(c, cAt + 2 * ldc, c20, c21, c22, c23, accumulate);
        storeRow(c, cAt + 3 * ldc, c30, c31, c32, c33, accumulate);
    }

    private static void storeRow(float[] c, int at, float v0, float v1, float v2, float v3, boolean accumulate) {
        if (accumulate) {
            c[at] += v0;
            c[at + 1] += v1;
            c[at + 2] += v2;
            c[at + 3] += v3;
        } else {
            c[at] = v0;
            c[at + 1] = v1;
            c[at + 2] = v2;
            c[at + 3] = v3;
        }
    }
}
