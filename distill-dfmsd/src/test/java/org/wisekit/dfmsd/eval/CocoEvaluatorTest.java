package org.wisekit.dfmsd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link CocoEvaluator} on small cases whose metrics are computed by hand. */
class CocoEvaluatorTest {

    private static final Offset<Double> TOL = within(1e-12);

    private static GroundTruth gt(long image, int cat, double x, double y, double w, double h) {
        return new GroundTruth(image, cat, new Box(x, y, w, h));
    }

    private static Detection det(long image, int cat, double x, double y, double w, double h, double score) {
        return new Detection(image, cat, new Box(x, y, w, h), score);
    }

    private static CocoMetrics eval(EvalSettings s, List<GroundTruth> gts, List<Detection> dts, Set<Long> images,
            Set<Integer> cats) {
        return new CocoEvaluator(s).evaluate(gts, dts, images, cats);
    }

    @Test
    void perfectPredictionsGiveApOne() {
        List<GroundTruth> gts = new ArrayList<>();
        List<Detection> dts = new ArrayList<>();
        // small (area 100), medium (2500) and large (10000) objects of two classes over three images,
        // at most one object per image and class so that AR1 is 1 too
        double[] sides = {10, 50, 100};
        int n = 0;
        for (long image = 1; image <= 3; image++) {
            for (int cat = 1; cat <= 2; cat++) {
                double side = sides[(int) ((image + cat) % 3)];
                gts.add(gt(image, cat, 5 * cat, 7 * image, side, side));
                dts.add(det(image, cat, 5 * cat, 7 * image, side, side, 0.3 + 0.1 * n++));
            }
        }
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L, 2L, 3L), Set.of(1, 2));
        for (double v : m.stats()) {
            assertThat(v).isCloseTo(1.0, TOL);
        }
        assertThat(m.perCategoryAp()).containsOnlyKeys(1, 2);
        m.perCategoryAp().values().forEach(v -> assertThat(v).isCloseTo(1.0, TOL));
    }

    @Test
    void iouExactlyHalfCountsAtFiftyButNotAtFiftyFive() {
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10));
        List<Detection> dts = List.of(det(1, 1, 0, 0, 10, 5, 0.9)); // IoU 50 / 100 = 0.5 exactly
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L), Set.of(1));
        assertThat(m.ap50()).isCloseTo(1.0, TOL);
        assertThat(m.ap75()).isZero();
        assertThat(m.ap()).isCloseTo(0.1, TOL); // matched at the first of ten thresholds only
        assertThat(m.ar100()).isCloseTo(0.1, TOL);

        EvalSettings at55 = EvalSettings.coco().withIouThresholds(List.of(0.55));
        CocoMetrics strict = eval(at55, gts, dts, Set.of(1L), Set.of(1));
        assertThat(strict.ap()).isZero();
        assertThat(strict.ap50()).isEqualTo(-1); // 0.5 is not among the thresholds, as pycocotools
    }

    @Test
    void handComputedPrecisionRecallCurve() {
        // one class, 3 objects over two images; ranked detections TP, FP, TP, FP (the TPs exact, the FPs off)
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10), gt(1, 1, 20, 20, 10, 10), gt(2, 1, 0, 0, 10, 10));
        List<Detection> dts = List.of(
                det(2, 1, 0, 0, 10, 10, 0.9),     // TP
                det(1, 1, 50, 50, 10, 10, 0.8),   // FP
                det(1, 1, 20, 20, 10, 10, 0.7),   // TP
                det(2, 1, 40, 0, 10, 10, 0.6));   // FP
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L, 2L), Set.of(1));
        // precision 1, 1/2, 2/3, 1/2 at recall 1/3, 1/3, 2/3, 2/3; from the right: 1, 2/3, 2/3, 1/2.
        // recall points 0.00..0.33 (34 of them) read 1, 0.34..0.66 (33) read 2/3, 0.67..1.00 (34) read 0
        double expected = (34 * 1.0 + 33 * (2.0 / 3.0)) / 101;
        assertThat(m.ap50()).isCloseTo(expected, TOL);
        assertThat(m.ap()).isCloseTo(expected, TOL); // every match has IoU 1
        assertThat(m.ar100()).isCloseTo(2.0 / 3.0, TOL);
        // one detection per image: image 1's best is the FP, image 2's the TP
        assertThat(m.ar1()).isCloseTo(1.0 / 3.0, TOL);
    }

    @Test
    void crowdRegionsIgnoreTheDetectionsOnThemRepeatedly() {
        GroundTruth person = gt(1, 1, 0, 0, 10, 10);
        GroundTruth crowd = new GroundTruth(1, 1, new Box(50, 50, 40, 40), 1600, true);
        List<Detection> dts = List.of(
                det(1, 1, 52, 52, 10, 10, 0.9),   // inside the crowd: IoU = intersection / own area = 1
                det(1, 1, 70, 70, 10, 10, 0.8),   // inside the crowd again
                det(1, 1, 0, 0, 10, 10, 0.7),     // TP
                det(1, 1, 20, 0, 10, 10, 0.6));   // FP
        CocoMetrics m = new CocoEvaluator().evaluate(List.of(person, crowd), dts, Set.of(1L), Set.of(1));
        // ignored, ignored, TP, FP: precision 1 at recall 1
        assertThat(m.ap50()).isCloseTo(1.0, TOL);
        assertThat(m.ap()).isCloseTo(1.0, TOL);

        // the same region as a regular object: the two detections on it are false positives (IoU 0.0625)
        GroundTruth region = new GroundTruth(1, 1, new Box(50, 50, 40, 40), 1600, false);
        CocoMetrics plain = new CocoEvaluator().evaluate(List.of(person, region), dts, Set.of(1L), Set.of(1));
        assertThat(plain.ap50()).isLessThan(0.5);

        // a detection overlapping a regular object (IoU 0.6) and a crowd (IoU 1) takes the regular object
        GroundTruth big = new GroundTruth(2, 1, new Box(0, 0, 100, 100), 10000, true);
        GroundTruth small = gt(2, 1, 0, 0, 10, 10);
        CocoMetrics both = new CocoEvaluator().evaluate(List.of(big, small), List.of(det(2, 1, 0, 0, 10, 6, 0.5)),
                Set.of(2L), Set.of(1));
        assertThat(both.ap50()).isCloseTo(1.0, TOL);
    }

    @Test
    void areaRangesIgnoreObjectsAndUnmatchedDetectionsOutsideThem() {
        EvalSettings s = EvalSettings.scaledAreas(400, 2500);
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10), gt(1, 1, 100, 100, 100, 100)); // areas 100, 10000
        List<Detection> dts = List.of(
                det(1, 1, 50, 0, 10, 10, 0.9),       // small false positive
                det(1, 1, 0, 0, 10, 10, 0.8),        // on the small object
                det(1, 1, 100, 100, 100, 100, 0.7),  // on the large object
                det(1, 1, 0, 50, 30, 30, 0.6));      // medium false positive (area 900)
        CocoMetrics m = eval(s, gts, dts, Set.of(1L), Set.of(1));
        // all: FP, TP, TP, FP -> precision from the right 2/3 everywhere
        assertThat(m.ap()).isCloseTo(2.0 / 3.0, TOL);
        // small: FP, TP, ignored (matched to the ignored large object), ignored (unmatched, out of range)
        assertThat(m.apSmall()).isCloseTo(0.5, TOL);
        // medium: no object -> -1; large: the small FP and the medium FP are out of range, the small TP ignored
        assertThat(m.apMedium()).isEqualTo(-1);
        assertThat(m.arMedium()).isEqualTo(-1);
        assertThat(m.apLarge()).isCloseTo(1.0, TOL);
        assertThat(m.arSmall()).isCloseTo(1.0, TOL);
        assertThat(m.arLarge()).isCloseTo(1.0, TOL);

        // bounds are inclusive: an object of area exactly 400 is small and medium
        CocoMetrics edge = eval(s, List.of(gt(1, 1, 0, 0, 20, 20)), List.of(det(1, 1, 0, 0, 20, 20, 1)), Set.of(1L),
                Set.of(1));
        assertThat(edge.apSmall()).isCloseTo(1.0, TOL);
        assertThat(edge.apMedium()).isCloseTo(1.0, TOL);
        assertThat(edge.apLarge()).isEqualTo(-1);
    }

    @Test
    void maxDetsCutsEachImagesLowestScoringDetections() {
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10));
        List<Detection> dts = List.of(det(1, 1, 30, 0, 10, 10, 0.9), det(1, 1, 60, 0, 10, 10, 0.8),
                det(1, 1, 0, 0, 10, 10, 0.7));
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L), Set.of(1));
        assertThat(m.ar1()).isZero();
        assertThat(m.ar10()).isCloseTo(1.0, TOL);
        assertThat(m.ap50()).isCloseTo(1.0 / 3.0, TOL);
        CocoMetrics two = eval(EvalSettings.coco().withMaxDets(2), gts, dts, Set.of(1L), Set.of(1));
        assertThat(two.ap()).isZero(); // the object exists, its detection is cut: 0, not -1
        assertThat(two.ar100()).isZero();
        assertThat(EvalSettings.coco().withMaxDets(2).maxDets()).containsExactly(1, 2, 2);
    }

    @Test
    void equalScoresKeepImageIdOrderThenInputOrder() {
        List<GroundTruth> gts = List.of(gt(5, 1, 0, 0, 10, 10));
        // image 2 sorts before image 5: its FP comes first among equal scores
        List<Detection> fpFirst = List.of(det(5, 1, 0, 0, 10, 10, 0.5), det(2, 1, 0, 0, 10, 10, 0.5));
        Set<Long> images = new HashSet<>(List.of(5L, 2L));
        assertThat(new CocoEvaluator().evaluate(gts, fpFirst, images, Set.of(1)).ap50()).isCloseTo(0.5, TOL);
        List<GroundTruth> gts2 = List.of(gt(2, 1, 0, 0, 10, 10));
        assertThat(new CocoEvaluator().evaluate(gts2, fpFirst, images, Set.of(1)).ap50()).isCloseTo(1.0, TOL);
        // within one image, ties keep the input order
        List<GroundTruth> one = List.of(gt(1, 1, 0, 0, 10, 10));
        List<Detection> tpFirst = List.of(det(1, 1, 0, 0, 10, 10, 0.5), det(1, 1, 40, 0, 10, 10, 0.5));
        List<Detection> tpLast = List.of(tpFirst.get(1), tpFirst.get(0));
        assertThat(new CocoEvaluator().evaluate(one, tpFirst, Set.of(1L), Set.of(1)).ap50()).isCloseTo(1.0, TOL);
        assertThat(new CocoEvaluator().evaluate(one, tpLast, Set.of(1L), Set.of(1)).ap50()).isCloseTo(0.5, TOL);
    }

    @Test
    void undefinedMetricsAreMinusOneAndLeftOutOfTheMean() {
        // no ground truth at all
        CocoMetrics none = new CocoEvaluator().evaluate(List.of(), List.of(det(1, 1, 0, 0, 5, 5, 0.9)), Set.of(1L),
                Set.of(1));
        for (double v : none.stats()) {
            assertThat(v).isEqualTo(-1);
        }
        // category 2 has detections but no objects: AP averages category 1 only
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10));
        List<Detection> dts = List.of(det(1, 1, 0, 0, 10, 10, 0.9), det(1, 2, 0, 0, 10, 10, 0.8));
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L), Set.of(1, 2));
        assertThat(m.ap()).isCloseTo(1.0, TOL);
        assertThat(m.perCategoryAp()).containsEntry(2, -1.0);
        // a category with objects but no detections counts as 0
        CocoMetrics missed = new CocoEvaluator().evaluate(List.of(gts.get(0), gt(1, 3, 0, 0, 10, 10)), dts,
                Set.of(1L), Set.of(1, 3));
        assertThat(missed.ap()).isCloseTo(0.5, TOL);
        assertThat(missed.perCategoryAp()).containsEntry(3, 0.0);
    }

    @Test
    void onlyTheGivenImagesAndCategoriesAreEvaluated() {
        List<GroundTruth> gts = List.of(gt(1, 1, 0, 0, 10, 10), gt(9, 1, 0, 0, 10, 10), gt(1, 7, 0, 0, 10, 10));
        List<Detection> dts = List.of(det(1, 1, 0, 0, 10, 10, 0.9), det(9, 1, 50, 50, 10, 10, 0.95),
                det(1, 7, 50, 50, 10, 10, 0.99));
        CocoMetrics m = new CocoEvaluator().evaluate(gts, dts, Set.of(1L), Set.of(1));
        assertThat(m.ap()).isCloseTo(1.0, TOL);
        assertThat(m.perCategoryAp()).containsOnlyKeys(1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new CocoEvaluator().evaluate(null, List.of(), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groundTruths");
        List<Detection> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new CocoEvaluator().evaluate(List.of(), withNull, Set.of(), Set.of()))
                .hasMessageContaining("detections").hasMessageContaining("element 0");
        assertThatThrownBy(() -> EvalSettings.scaledAreas(500, 100)).hasMessageContaining("smallArea=500.0");
        assertThatThrownBy(() -> EvalSettings.coco().withMaxDets(0)).hasMessageContaining("maxDets")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> EvalSettings.coco().withIouThresholds(List.of(1.5)))
                .hasMessageContaining("iouThresholds").hasMessageContaining("1.5");
    }

    @Test
    void defaultSettingsAreCocos() {
        EvalSettings s = EvalSettings.coco();
        assertThat(s.iouThresholds()).hasSize(10);
        assertThat(s.iouThresholds().get(0)).isEqualTo(0.5);
        assertThat(s.iouThresholds().get(5)).isEqualTo(0.75);
        assertThat(s.iouThresholds().get(9)).isEqualTo(0.95);
        double[] r = s.recallThresholds();
        assertThat(r).hasSize(101);
        assertThat(r[0]).isZero();
        assertThat(r[33]).isEqualTo(33 * 0.01);
        assertThat(r[100]).isEqualTo(1.0);
        assertThat(s.maxDets()).containsExactly(1, 10, 100);
        assertThat(s.areaRanges()).isDeepEqualTo(new double[][] {{0, 1e10}, {0, 1024}, {1024, 9216}, {9216, 1e10}});
    }
}
