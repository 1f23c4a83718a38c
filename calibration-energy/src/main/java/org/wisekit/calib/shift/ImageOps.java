package org.wisekit.calib.shift;

/**
 * Small operations on square or rectangular grey images stored row-major as {@code float[]} in [0, 1].
 * Pixel centres sit at integer coordinates; sampling outside the image uses the nearest edge pixel
 * (clamp) unless stated otherwise.
 */
public final class ImageOps {

    private ImageOps() {
    }

    /**
     * Bilinear resize with half-pixel-centre alignment (as PIL/OpenCV without antialiasing): output pixel
     * (y, x) samples the input at {@code ((y + 0.5) h / outH - 0.5, (x + 0.5) w / outW - 0.5)}.
     */
    public static float[] resizeBilinear(float[] src, int height, int width, int outHeight, int outWidth) {
        float[] out = new float[outHeight * outWidth];
        double sy = (double) height / outHeight;
        double sx = (double) width / outWidth;
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                out[y * outWidth + x] = (float) sampleClamped(src, height, width, (y + 0.5) * sy - 0.5, (x + 0.5) * sx - 0.5);
            }
        }
        return out;
    }

    /** ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B} of an interleaved RGB image. */
    public static float[] luma(float[] rgb, int offset, int pixels) {
        float[] grey = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            int p = offset + 3 * i;
            grey[i] = (float) (0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2]);
        }
        return grey;
    }

    /** Bilinear sample at (y, x), edge pixels repeated outside the image. */
    static double sampleClamped(float[] img, int height, int width, double y, double x) {
        y = Math.max(0, Math.min(height - 1, y));
        x = Math.max(0, Math.min(width - 1, x));
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        int y1 = Math.min(height - 1, y0 + 1);
        int x1 = Math.min(width - 1, x0 + 1);
        double fy = y - y0;
        double fx = x - x0;
        double top = img[y0 * width + x0] * (1 - fx) + img[y0 * width + x1] * fx;
        double bottom = img[y1 * width + x0] * (1 - fx) + img[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** Bilinear sample at (y, x), zero outside the image (for rotation: no smeared edges). */
    static double sampleZero(float[] img, int height, int width, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return pixelOrZero(img, height, width, y0, x0) * (1 - fy) * (1 - fx)
                + pixelOrZero(img, height, width, y0, x0 + 1) * (1 - fy) * fx
                + pixelOrZero(img, height, width, y0 + 1, x0) * fy * (1 - fx)
                + pixelOrZero(img, height, width, y0 + 1, x0 + 1) * fy * fx;
    }

    /** Correlation with a square kernel of odd size, edge pixels repeated outside the image. */
    static float[] filter(float[] img, int side, double[] kernel, int kernelSize) {
        int half = kernelSize / 2;
        float[] out = new float[img.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                for (int ky = 0; ky < kernelSize; ky++) {
                    int yy = Math.max(0, Math.min(side - 1, y + ky - half));
                    for (int kx = 0; kx < kernelSize; kx++) {
                        int xx = Math.max(0, Math.min(side - 1, x + kx - half));
                        sum += kernel[ky * kernelSize + kx] * img[yy * side + xx];
                    }
                }
                out[y * side + x] = (float) sum;
            }
        }
        return out;
    }

    private static double pixelOrZero(float[] img, int height, int width, int y, int x) {
        return y < 0 || x < 0 || y >= height || x >= width ? 0 : img[y * width + x];
    }
}
