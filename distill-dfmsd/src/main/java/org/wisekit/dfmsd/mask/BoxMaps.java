package org.wisekit.dfmsd.mask;

import java.util.Arrays;

/**
 * Maps of ground-truth boxes on one feature level, with FGD's cell rule and H and W in the right order.
 *
 * <p>Boxes are pixel {@code (x, y, w, h)} on the input canvas, {@code (x, y)} the top-left corner, {@code x}
 * along the columns; box {@code b} is {@code boxes[4b .. 4b+3]}. A level has a {@code stride} (pixels per
 * feature cell) and an {@code h x w} map; cell {@code (i, j)} is row {@code i}, column {@code j}, index
 * {@code i*w + j}.
 *
 * <p><b>Cell rule (FGD's).</b> FGD ({@code yzd-v/FGD}, {@code fgd.py}) scales a box to the level and takes
 * {@code floor} of its low edges and {@code ceil} of its high edges, both ends included: a box covers the cells
 * <pre>
 *   rows    floor(y / stride) .. ceil((y + h) / stride)
 *   columns floor(x / stride) .. ceil((x + w) / stride)
 * </pre>
 * clipped to the map. This covers every cell whose receptive centre {@code ((j + 0.5) stride, (i + 0.5) stride)}
 * lies inside the box, plus the border cells the box touches and the cell just past its high edges (FGD's
 * inclusive upper end). The x range selects columns (the W axis) and the y range rows (the H axis): FGD's code
 * indexes the first spatial axis with the x range, transposing H and W, which is not copied here. Two
 * further departures, both where FGD's behaviour is an accident: the level coordinate is {@code x / stride}
 * (FGD: {@code x / img_w * W}, equal when the canvas is {@code W * stride} wide, up to float rounding), and
 * cells before the map are clipped (a negative slice start in FGD's Python would wrap around). DFMSD's
 * enhancement map {@code E} ({@link #inside}) uses the same rule [reconstructed: the note says "FGD-style"].
 */
public final class BoxMaps {

    private BoxMaps() {
    }

    /**
     * {@code E}: 1 at the cells covered by at least one box, else 0.
     *
     * @param boxes  {@code k} boxes, pixel xywh, at least {@code 4k} values (the first {@code 4k} are used)
     * @param k      number of boxes, {@code >= 0}
     * @param stride pixels per feature cell, positive
     * @param h      rows of the level
     * @param w      columns of the level
     * @param out    receives the map, {@code h*w} values
     * @throws IllegalArgumentException on a bad size, a box with a non-finite value or a non-positive width or
     *                                  height, or arrays of the wrong length
     */
    public static void inside(float[] boxes, int k, int stride, int h, int w, float[] out) {
        fill(boxes, k, stride, h, w, out, false);
    }

    /**
     * FGD's foreground mask: at each cell the largest {@code 1 / (rows * columns)} over the boxes covering it,
     * where {@code rows * columns} is the box's cell count before clipping ({@code (ceil(y2) + 1 - floor(y1)) *
     * (ceil(x2) + 1 - floor(x1))} in level units, as FGD computes its {@code area}); 0 where no box covers.
     *
     * @param boxes  {@code k} boxes, pixel xywh, at least {@code 4k} values
     * @param k      number of boxes, {@code >= 0}
     * @param stride pixels per feature cell, positive
     * @param h      rows of the level
     * @param w      columns of the level
     * @param out    receives the mask, {@code h*w} values
     * @throws IllegalArgumentException as {@link #inside}
     */
    public static void fgdForeground(float[] boxes, int k, int stride, int h, int w, float[] out) {
        fill(boxes, k, stride, h, w, out, true);
    }

    /**
     * FGD's background mask: {@code 1[fg = 0] / sum 1[fg = 0]}; all zero when every cell is foreground.
     *
     * @param fg  a foreground mask ({@link #fgdForeground}), any length
     * @param out receives the background mask, same length as {@code fg} (may be {@code fg} itself)
     * @throws IllegalArgumentException when the lengths differ
     */
    public static void fgdBackground(float[] fg, float[] out) {
        if (fg == null) {
            throw new IllegalArgumentException("fg must not be null");
        }
        Checks.length("out", out, fg.length);
        int background = 0;
        for (float v : fg) {
            if (v == 0f) {
                background++;
            }
        }
        float share = background == 0 ? 0f : (float) (1.0 / background);
        for (int p = 0; p < fg.length; p++) {
            out[p] = fg[p] == 0f ? share : 0f;
        }
    }

    private static void fill(float[] boxes, int k, int stride, int h, int w, float[] out, boolean area) {
        Checks.positive("stride", stride);
        Checks.positive("h", h);
        Checks.positive("w", w);
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (boxes == null) {
            throw new IllegalArgumentException("boxes must not be null");
        }
        if (boxes.length < 4L * k) {
            throw new IllegalArgumentException("boxes must hold 4*k = " + 4L * k + " values, got " + boxes.length);
        }
        Checks.length("out", out, Checks.size("h*w", h, w));
        for (int b = 0; b < k; b++) {
            float bx = boxes[4 * b];
            float by = boxes[4 * b + 1];
            float bw = boxes[4 * b + 2];
            float bh = boxes[4 * b + 3];
            if (!Float.isFinite(bx) || !Float.isFinite(by) || !(bw > 0) || !(bh > 0)
                    || !Float.isFinite(bw) || !Float.isFinite(bh)) {
                throw new IllegalArgumentException("boxes[" + b + "] must be finite with positive width and height, got ("
                        + bx + ", " + by + ", " + bw + ", " + bh + ")");
            }
        }
        Arrays.fill(out, 0f);
        for (int b = 0; b < k; b++) {
            double x1 = boxes[4 * b] / (double) stride;
            double y1 = boxes[4 * b + 1] / (double) stride;
            double x2 = ((double) boxes[4 * b] + boxes[4 * b + 2]) / stride;
            double y2 = ((double) boxes[4 * b + 1] + boxes[4 * b + 3]) / stride;
            long colMin = (long) Math.floor(x1);
            long colMax = (long) Math.ceil(x2);
            long rowMin = (long) Math.floor(y1);
            long rowMax = (long) Math.ceil(y2);
            float value = area ? (float) (1.0 / ((double) (rowMax + 1 - rowMin) * (colMax + 1 - colMin))) : 1f;
            int r0 = (int) Math.max(0, rowMin);
            int r1 = (int) Math.min(h - 1L, rowMax);
            int c0 = (int) Math.max(0, colMin);
            int c1 = (int) Math.min(w - 1L, colMax);
            for (int i = r0; i <= r1; i++) {
                int row = i * w;
                for (int j = c0; j <= c1; j++) {
                    if (value > out[row + j]) {
                        out[row + j] = value;
                    }
                }
            }
        }
    }
}
