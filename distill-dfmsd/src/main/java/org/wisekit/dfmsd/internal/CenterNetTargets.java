package org.wisekit.dfmsd.internal;

/**
 * CenterNet training targets for one image (Zhou et al., "Objects as Points", 2019) at output stride s: a
 * Gaussian peak per object on its class's heatmap at the floored centre {@code floor(c / s)}, radius from
 * CornerNet's {@code gaussian_radius} with minimum overlap 0.7 and sigma {@code (2r + 1) / 6} (element-wise
 * maximum where peaks overlap), and at the centre cell the size {@code (w, h) / s} and the sub-cell offset
 * {@code c / s - floor(c / s)}.
 */
public final class CenterNetTargets {

    private CenterNetTargets() {
    }

    /**
     * Fills the targets of one image.
     *
     * @param boxes   {@code k x 4} boxes (x, y, width, height) in input pixels
     * @param labels  class of each box
     * @param k       number of boxes
     * @param stride  output stride
     * @param h       output height
     * @param w       output width
     * @param classes number of classes
     * @param heat    out: {@code [classes][h][w]} heatmap
     * @param size    out: {@code [2][h][w]} (w, h) / stride at centre cells
     * @param offset  out: {@code [2][h][w]} sub-cell offsets at centre cells
     * @param centre  out: {@code [h][w]} 1 at centre cells
     * @return the number of objects
     */
    public static int assign(float[] boxes, int[] labels, int k, int stride, int h, int w, int classes,
                             float[] heat, float[] size, float[] offset, float[] centre) {
        int hw = h * w;
        java.util.Arrays.fill(heat, 0, classes * hw, 0f);
        java.util.Arrays.fill(size, 0, 2 * hw, 0f);
        java.util.Arrays.fill(offset, 0, 2 * hw, 0f);
        java.util.Arrays.fill(centre, 0, hw, 0f);
        for (int b = 0; b < k; b++) {
            double bw = boxes[4 * b + 2] / stride;
            double bh = boxes[4 * b + 3] / stride;
            double cx = (boxes[4 * b] + boxes[4 * b + 2] / 2.0) / stride;
            double cy = (boxes[4 * b + 1] + boxes[4 * b + 3] / 2.0) / stride;
            int ix = Math.min(w - 1, Math.max(0, (int) Math.floor(cx)));
            int iy = Math.min(h - 1, Math.max(0, (int) Math.floor(cy)));
            int radius = Math.max(0, (int) gaussianRadius(bh, bw, 0.7));
            double sigma = (2 * radius + 1) / 6.0;
            int base = labels[b] * hw;
            for (int dy = -radius; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++) {
                    int y = iy + dy;
                    int x = ix + dx;
                    if (y < 0 || y >= h || x < 0 || x >= w) {
                        continue;
                    }
                    float g = (float) Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    int at = base + y * w + x;
                    heat[at] = Math.max(heat[at], g);
                }
            }
            int at = iy * w + ix;
            heat[base + at] = 1f;
            size[at] = (float) bw;
            size[hw + at] = (float) bh;
            offset[at] = (float) (cx - ix);
            offset[hw + at] = (float) (cy - iy);
            centre[at] = 1f;
        }
        return k;
    }

    /** CornerNet's radius: the smallest of the three cases' roots for a box of {@code height x width}. */
    static double gaussianRadius(double height, double width, double minOverlap) {
        double a1 = 1;
        double b1 = height + width;
        double c1 = width * height * (1 - minOverlap) / (1 + minOverlap);
        double r1 = (b1 + Math.sqrt(b1 * b1 - 4 * a1 * c1)) / 2;
        double a2 = 4;
        double b2 = 2 * (height + width);
        double c2 = (1 - minOverlap) * width * height;
        double r2 = (b2 + Math.sqrt(b2 * b2 - 4 * a2 * c2)) / 2;
        double a3 = 4 * minOverlap;
        double b3 = -2 * minOverlap * (height + width);
        double c3 = (minOverlap - 1) * width * height;
        double r3 = (b3 + Math.sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
        return Math.min(r1, Math.min(r2, r3));
    }
}
