package org.wisekit.dfmsd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Nms} against an O(n^2) reference that repeatedly takes the best remaining box and deletes its overlaps. */
class NmsTest {

    @Test
    void handCase() {
        Box[] boxes = {new Box(0, 0, 10, 10), new Box(1, 0, 10, 10), new Box(20, 20, 5, 5), new Box(0, 0, 10, 5)};
        double[] scores = {0.5, 0.9, 0.7, 0.6};
        // box 1 (0.9) suppresses box 0 (IoU 90/110); box 3 has IoU 45/105 with box 1: kept at 0.5
        assertThat(Nms.greedy(boxes, scores, 0.5)).containsExactly(1, 2, 3);
        assertThat(Nms.greedy(boxes, scores, 0.4)).containsExactly(1, 2);
        // IoU exactly 0.5 is not above 0.5: kept
        assertThat(Nms.greedy(new Box[] {boxes[0], boxes[3]}, new double[] {1, 1}, 0.5)).containsExactly(0, 1);
        assertThat(Nms.greedy(new Box[] {boxes[0], boxes[3]}, new double[] {1, 1}, 0.49)).containsExactly(0);
        // per class: boxes of another class do not suppress
        assertThat(Nms.perClass(boxes, scores, new int[] {0, 1, 0, 0}, 0.5, 10)).containsExactly(1, 2, 3, 0);
        assertThat(Nms.perClass(boxes, scores, new int[] {0, 1, 0, 0}, 0.5, 2)).containsExactly(1, 2);
        assertThat(Nms.greedy(new Box[0], new double[0], 0.5)).isEmpty();
    }

    @Test
    void randomCasesEqualTheReferenceIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (int trial = 0; trial < 300; trial++) {
            int n = rnd.nextInt(0, 60);
            boolean integer = rnd.nextBoolean(); // integer boxes make exact IoU ties with the threshold possible
            Box[] boxes = new Box[n];
            double[] scores = new double[n];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                boxes[i] = integer
                        ? new Box(rnd.nextInt(0, 20), rnd.nextInt(0, 20), rnd.nextInt(0, 12), rnd.nextInt(0, 12))
                        : new Box(rnd.nextDouble(0, 30), rnd.nextDouble(0, 30), rnd.nextDouble(0, 15),
                                rnd.nextDouble(0, 15));
                scores[i] = rnd.nextInt(0, 5) * 0.2; // many equal scores
                classes[i] = rnd.nextInt(0, 3);
            }
            double thr = integer ? rnd.nextInt(0, 5) * 0.25 : rnd.nextDouble();
            int maxKeep = rnd.nextInt(0, n + 2);
            assertThat(Nms.greedy(boxes, scores, thr)).as("trial %d", trial)
                    .containsExactly(reference(boxes, scores, null, thr, Integer.MAX_VALUE));
            assertThat(Nms.perClass(boxes, scores, classes, thr, maxKeep)).as("trial %d", trial)
                    .containsExactly(reference(boxes, scores, classes, thr, maxKeep));
        }
    }

    /** Take the best remaining (ties: lowest index), drop the remaining same-class boxes that overlap it. */
    private static int[] reference(Box[] boxes, double[] scores, int[] classes, double thr, int maxKeep) {
        int n = boxes.length;
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        List<Integer> keep = new ArrayList<>();
        while (true) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (alive[i] && (best < 0 || scores[i] > scores[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            keep.add(best);
            alive[best] = false;
            for (int j = 0; j < n; j++) {
                if (alive[j] && (classes == null || classes[j] == classes[best]) && iou(boxes[best], boxes[j]) > thr) {
                    alive[j] = false;
                }
            }
        }
        return keep.stream().limit(maxKeep).mapToInt(Integer::intValue).toArray();
    }

    private static double iou(Box a, Box b) {
        double x1 = Math.max(a.x(), b.x());
        double y1 = Math.max(a.y(), b.y());
        double x2 = Math.min(a.x() + a.width(), b.x() + b.width());
        double y2 = Math.min(a.y() + a.height(), b.y() + b.height());
        if (x2 <= x1 || y2 <= y1) {
            return 0;
        }
        double inter = (x2 - x1) * (y2 - y1);
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }

    @Test
    void badInputIsNamed() {
        Box[] one = {new Box(0, 0, 1, 1)};
        assertThatThrownBy(() -> Nms.greedy(one, new double[] {1, 2}, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scores").hasMessageContaining("2");
        assertThatThrownBy(() -> Nms.greedy(one, new double[] {Double.NaN}, 0.5)).hasMessageContaining("scores[0]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Nms.greedy(one, new double[] {1}, 1.5)).hasMessageContaining("iouThreshold")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> Nms.perClass(one, new double[] {1}, new int[2], 0.5, 1)).hasMessageContaining("classes");
        assertThatThrownBy(() -> Nms.perClass(one, new double[] {1}, new int[1], 0.5, -1)).hasMessageContaining("maxKeep")
                .hasMessageContaining("-1");
    }
}
