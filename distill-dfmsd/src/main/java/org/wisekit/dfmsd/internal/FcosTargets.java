package org.wisekit.dfmsd.internal;

/**
 * FCOS training targets for one image and one FPN level (Tian et al., ICCV'19, with its centre-sampling
 * improvement). The location of cell (i, j) is {@code (j*s + s/2, i*s + s/2)} for stride s (i = row, y;
 * j = column, x). A location is positive for a box when it lies inside the box, within {@code radius*s} of the
 * box centre (clipped to the box), and the box's largest distance {@code max(l, t, r, b)} falls in the level's
 * range {@code (lo, hi]}; among several such boxes the smallest wins. Regression targets are
 * {@code (l, t, r, b) / s}; the centerness target is {@code sqrt(min(l,r)/max(l,r) * min(t,b)/max(t,b))}.
 */
public final class FcosTargets {

    private FcosTargets() {
    }

    /**
     * Fills one level's targets.
     *
     * @param boxes   {@code k x 4} boxes (x, y, width, height) in input pixels
     * @param labels  class index of each box
     * @param k       number of boxes
     * @param stride  the level's stride
     * @param h       the level's height in cells
     * @param w       the level's width in cells
     * @param lo      the level's range start (exclusive) for {@code max(l, t, r, b)} in pixels
     * @param hi      the level's range end (inclusive)
     * @param radius  centre-sampling radius in strides
     * @param classes number of classes
     * @param cls     out: one-hot class targets {@code [classes][h][w]}
     * @param reg     out: {@code [4][h][w]} (l, t, r, b) / stride; 1 where negative (ignored by the loss)
     * @param ctr     out: {@code [h][w]} centerness target, 0 where negative
     * @param pos     out: {@code [h][w]} 1 for positive locations
     * @return the number of positive locations
     */
    public static int assign(float[] boxes, int[] labels, int k, int stride, int h, int w, double lo, double hi,
                             double radius, int classes, float[] cls, float[] reg, float[] ctr, float[] pos) {
        int hw = h * w;
        java.util.Arrays.fill(cls, 0, classes * hw, 0f);
        java.util.Arrays.fill(reg, 0, 4 * hw, 1f);
        java.util.Arrays.fill(ctr, 0, hw, 0f);
        java.util.Arrays.fill(pos, 0, hw, 0f);
        int positives = 0;
        for (int i = 0; i < h; i++) {
            double y = i * stride + stride / 2;
            for (int j = 0; j < w; j++) {
                double x = j * stride + stride / 2;
                int best = -1;
                double bestArea = Double.POSITIVE_INFINITY;
                double bl = 0;
                double bt = 0;
                double br = 0;
                double bb = 0;
                for (int b = 0; b < k; b++) {
                    double x0 = boxes[4 * b];
                    double y0 = boxes[4 * b + 1];
                    double x1 = x0 + boxes[4 * b + 2];
                    double y1 = y0 + boxes[4 * b + 3];
                    double l = x - x0;
                    double t = y - y0;
                    double r = x1 - x;
                    double bo = y1 - y;
                    if (Math.min(Math.min(l, t), Math.min(r, bo)) <= 0) {
                        continue;
                    }
                    double cx = (x0 + x1) / 2;
                    double cy = (y0 + y1) / 2;
                    double cx0 = Math.max(cx - radius * stride, x0);
                    double cy0 = Math.max(cy - radius * stride, y0);
                    double cx1 = Math.min(cx + radius * stride, x1);
                    double cy1 = Math.min(cy + radius * stride, y1);
                    if (x <= cx0 || x >= cx1 || y <= cy0 || y >= cy1) {
                        continue;
                    }
                    double m = Math.max(Math.max(l, t), Math.max(r, bo));
                    if (m <= lo || m > hi) {
                        continue;
                    }
                    double area = (x1 - x0) * (y1 - y0);
                    if (area < bestArea) {
                        bestArea = area;
                        best = b;
                        bl = l;
                        bt = t;
                        br = r;
                        bb = bo;
                    }
                }
                if (best >= 0) {
                    int at = i * w + j;
                    cls[labels[best] * hw + at] = 1f;
                    reg[at] = (float) (bl / stride);
                    reg[hw + at] = (float) (bt / stride);
                    reg[2 * hw + at] = (float) (br / stride);
                    reg[3 * hw + at] = (float) (bb / stride);
                    ctr[at] = (float) Math.sqrt(Math.min(bl, br) / Math.max(bl, br) * Math.min(bt, bb) / Math.max(bt, bb));
                    pos[at] = 1f;
                    positives++;
                }
            }
        }
        return positives;
    }
}
