package org.wisekit.lutmm.repro;

import org.wisekit.tensor.Tensor;

/** Image-filter task helpers (MADDNESS's Caltech101 filter task, on other photos). */
public final class ImagePatches {

    private ImagePatches() {
    }

    /**
     * All k x k x 3 patches of an RGB image [h, w, 3] at the given stride, one row each, laid out
     * {@code [dy][dx][channel]}: shape [rows, 3k²].
     */
    public static Tensor patches(Tensor image, int k, int stride) {
        if (image == null || image.rank() != 3 || image.dim(2) != 3) {
            throw new IllegalArgumentException("image must be [h, w, 3]");
        }
        if (k < 1 || stride < 1 || image.dim(0) < k || image.dim(1) < k) {
            throw new IllegalArgumentException("need 1 <= k <= image side and stride >= 1, got k=" + k + ", stride=" + stride);
        }
        int h = image.dim(0);
        int w = image.dim(1);
        int rowsY = (h - k) / stride + 1;
        int rowsX = (w - k) / stride + 1;
        int d = 3 * k * k;
        float[] px = image.data();
        float[] out = new float[rowsY * rowsX * d];
        int r = 0;
        for (int y = 0; y + k <= h; y += stride) {
            for (int x = 0; x + k <= w; x += stride) {
                int p = 0;
                for (int dy = 0; dy < k; dy++) {
                    System.arraycopy(px, ((y + dy) * w + x) * 3, out, r * d + p, 3 * k);
                    p += 3 * k;
                }
                r++;
            }
        }
        return Tensor.wrap(out, rowsY * rowsX, d);
    }

    /** The top-left {@code size x size} crop of an [h, w, 3] image. */
    public static Tensor crop(Tensor image, int size) {
        int w = image.dim(1);
        int side = Math.min(size, Math.min(image.dim(0), w));
        float[] out = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            System.arraycopy(image.data(), y * w * 3, out, y * side * 3, side * 3);
        }
        return Tensor.wrap(out, side, side, 3);
    }

    /**
     * The Sobel pair on luminance (0.299 R + 0.587 G + 0.114 B) as a [27, 2] matrix for 3 x 3 x 3 patches:
     * column 0 the horizontal gradient, column 1 the vertical.
     */
    public static Tensor sobelPair() {
        int[][] gx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
        float[] lum = {0.299f, 0.587f, 0.114f};
        float[] b = new float[27 * 2];
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                for (int ch = 0; ch < 3; ch++) {
                    int row = (dy * 3 + dx) * 3 + ch;
                    b[row * 2] = gx[dy][dx] * lum[ch];
                    b[row * 2 + 1] = gx[dx][dy] * lum[ch];
                }
            }
        }
        return Tensor.wrap(b, 27, 2);
    }
}
