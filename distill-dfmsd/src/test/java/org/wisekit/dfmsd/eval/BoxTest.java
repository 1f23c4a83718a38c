package org.wisekit.dfmsd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Box}: validation, area and COCO's IoU (no +1 pixel convention). */
class BoxTest {

    @Test
    void iouOfHandComputedPairs() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(0, 0, 10, 5))).isEqualTo(0.5);
        // overlap 5 x 10 = 50, union 100 + 100 - 50 = 150
        assertThat(a.iou(new Box(5, 0, 10, 10))).isEqualTo(50.0 / 150.0);
        assertThat(new Box(5, 0, 10, 10).iou(a)).isEqualTo(a.iou(new Box(5, 0, 10, 10)));
        // touching edges and disjoint boxes: 0; an empty box overlaps nothing
        assertThat(a.iou(new Box(10, 0, 5, 5))).isZero();
        assertThat(a.iou(new Box(20, 20, 5, 5))).isZero();
        assertThat(a.iou(new Box(2, 2, 0, 5))).isZero();
        assertThat(a.intersection(new Box(-5, -5, 10, 10))).isEqualTo(25.0);
        assertThat(new Box(1.5, 2, 3, 4).area()).isEqualTo(12.0);
        assertThat(Box.fromCorners(1, 2, 4, 8)).isEqualTo(new Box(1, 2, 3, 6));
    }

    @Test
    void badBoxesNameTheComponent() {
        assertThatThrownBy(() -> new Box(0, 0, -1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new Box(0, 0, 1, -2)).hasMessageContaining("height").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> new Box(Double.NaN, 0, 1, 1)).hasMessageContaining("x").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Box(0, Double.POSITIVE_INFINITY, 1, 1)).hasMessageContaining("y");
        assertThatThrownBy(() -> new Box(0, 0, Double.POSITIVE_INFINITY, 1)).hasMessageContaining("width");
        assertThatThrownBy(() -> new Detection(1, 1, new Box(0, 0, 1, 1), Double.NaN))
                .hasMessageContaining("score").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new GroundTruth(1, 1, new Box(0, 0, 1, 1), -3, false))
                .hasMessageContaining("area").hasMessageContaining("-3.0");
        assertThat(new GroundTruth(1, 2, new Box(0, 0, 3, 4))).isEqualTo(
                new GroundTruth(1, 2, new Box(0, 0, 3, 4), 12, false));
    }
}
