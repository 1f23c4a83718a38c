package org.wisekit.dfmsd.data;

/**
 * Bilinear resizing with half-pixel centres (output pixel {@code x} samples the input at
 * {@code (x + 0.5) * inW / outW - 0.5}, clamped to the edge pixels; no antialiasing), as PIL's and OpenCV's plain
 * bilinear do. Reads HWC (grey: HW), writes CHW. Scratch index and weight tables come from the caller, so a call
 * allocates nothing.
 */
final class CanvasResize {

    private final int[] x0;
    private final int[] x1;
    private final float[] wx;
    private final int[] y0;
    private final int[] y1;
    private final float[] wy;

    /** Tables for outputs of up to {@code maxOut} pixels per side. */
    CanvasResize(int maxOut) {
        x0 = new int[maxOut];
        x1 = new int[maxOut];
        wx = new float[maxOut];
        y0 = new int[maxOut];
        y1 = new int[maxOut];
        wy = new float[maxOut];
    }

    /**
     * Resizes the {@code inH x inW x ch} image at {@code src[off ..]} (HWC) to {@code dst[0 .. ch*outH*outW)} (CHW).
     * {@code outH} and {@code outW} must not exceed the {@code maxOut} given to the constructor.
     */
    void resize(float[] src, int off, int inH, int inW, int ch, float[] dst, int outH, int outW) {
        table(inW, outW, x0, x1, wx);
        table(inH, outH, y0, y1, wy);
        int rowStride = inW * ch;
        int plane = outH * outW;
        for (int c = 0; c < ch; c++) {
            int o = c * plane;
            for (int y = 0; y < outH; y++) {
                int r0 = off + y0[y] * rowStride + c;
                int r1 = off + y1[y] * rowStride + c;
                float fy = wy[y];
                for (int x = 0; x < outW; x++) {
                    int a = x0[x] * ch;
                    int b = x1[x] * ch;
                    float fx = wx[x];
                    float top = src[r0 + a] + fx * (src[r0 + b] - src[r0 + a]);
                    float bottom = src[r1 + a] + fx * (src[r1 + b] - src[r1 + a]);
                    dst[o++] = top + fy * (bottom - top);
                }
            }
        }
    }

    private static void table(int in, int out, int[] i0, int[] i1, float[] w) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double s = (i + 0.5) * scale - 0.5;
            if (s < 0) {
                s = 0;
            } else if (s > in - 1) {
                s = in - 1;
            }
            int f = (int) s;
            i0[i] = f;
            i1[i] = Math.min(f + 1, in - 1);
            w[i] = (float) (s - f);
        }
    }
}
