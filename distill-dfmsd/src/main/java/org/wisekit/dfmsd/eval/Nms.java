package org.wisekit.dfmsd.eval;

import java.util.Arrays;
import org.wisekit.dfmsd.internal.EvalSort;

/**
 * Greedy non-maximum suppression: boxes are visited by score, highest first (ties: lower index first), and a box
 * is kept unless its IoU ({@link Box#iou}) with an already kept box is strictly greater than the threshold (as
 * torchvision's {@code nms}). Worst case {@code O(n * kept)} IoUs; nothing is allocated per pair.
 */
public final class Nms {

    private Nms() {
    }

    /**
     * Class-agnostic NMS.
     *
     * @param boxes        the boxes
     * @param scores       their scores, finite
     * @param iouThreshold suppress a box whose IoU with a kept box exceeds this, in [0, 1]
     * @return indices of the kept boxes, by score descending (ties by lower index)
     */
    public static int[] greedy(Box[] boxes, double[] scores, double iouThreshold) {
        validate(boxes, scores, iouThreshold);
        return run(boxes, scores, null, iouThreshold, boxes.length);
    }

    /**
     * NMS within each class: a box suppresses only boxes of its own class; at most {@code maxKeep} boxes are kept
     * over all classes (the highest-scoring ones).
     *
     * @param boxes        the boxes
     * @param scores       their scores, finite
     * @param classes      their classes
     * @param iouThreshold suppress a box whose IoU with a kept box of its class exceeds this, in [0, 1]
     * @param maxKeep      most boxes returned, {@code >= 0}
     * @return indices of the kept boxes, by score descending (ties by lower index)
     */
    public static int[] perClass(Box[] boxes, double[] scores, int[] classes, double iouThreshold, int maxKeep) {
        validate(boxes, scores, iouThreshold);
        if (classes == null || classes.length != boxes.length) {
            throw new IllegalArgumentException("classes must hold one class per box (" + boxes.length + "), got "
                    + (classes == null ? "null" : classes.length));
        }
        if (maxKeep < 0) {
            throw new IllegalArgumentException("maxKeep must be >= 0, got " + maxKeep);
        }
        return run(boxes, scores, classes, iouThreshold, maxKeep);
    }

    private static void validate(Box[] boxes, double[] scores, double iouThreshold) {
        if (boxes == null || scores == null) {
            throw new IllegalArgumentException("boxes and scores must not be null");
        }
        if (scores.length != boxes.length) {
            throw new IllegalArgumentException("scores must hold one score per box (" + boxes.length + "), got "
                    + scores.length);
        }
        for (int i = 0; i < boxes.length; i++) {
            if (boxes[i] == null) {
                throw new IllegalArgumentException("boxes[" + i + "] is null");
            }
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be finite, got " + scores[i]);
            }
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("iouThreshold must lie in [0, 1], got " + iouThreshold);
        }
    }

    private static int[] run(Box[] boxes, double[] scores, int[] classes, double iouThreshold, int maxKeep) {
        int[] order = EvalSort.argsortDescending(scores);
        int[] kept = new int[Math.min(maxKeep, boxes.length)];
        int nKept = 0;
        for (int j = 0; j < order.length && nKept < kept.length; j++) {
            int cand = order[j];
            Box b = boxes[cand];
            boolean keep = true;
            for (int q = 0; q < nKept; q++) {
                int other = kept[q];
                if (classes != null && classes[other] != classes[cand]) {
                    continue;
                }
                if (b.iou(boxes[other]) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept[nKept++] = cand;
            }
        }
        return Arrays.copyOf(kept, nKept);
    }
}
