package org.wisekit.dfmsd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CocoEvaluator} against a brute force written from the COCO definitions, sharing no code with it:
 * per category, area range, detection limit and IoU threshold, every image's detections are matched one by one
 * (the best-IoU free regular object, else the best ignorable one), the ranked list is enumerated, and the
 * precision at each recall point is the largest precision reached at a recall at least that large.
 */
class CocoEvaluatorBruteForceTest {

    private static final int TP = 0;
    private static final int FP = 1;
    private static final int IGNORED = 2;

    @Test
    void randomCasesEqualTheBruteForce() {
        SplittableRandom rnd = new SplittableRandom(20240718L);
        for (int trial = 0; trial < 60; trial++) {
            int images = rnd.nextInt(1, 7);
            int cats = rnd.nextInt(1, 4);
            List<GroundTruth> gts = new ArrayList<>();
            List<Detection> dts = new ArrayList<>();
            Set<Double> scores = new HashSet<>();
            for (int i = 0; i < images; i++) {
                long image = 10L * i + rnd.nextInt(0, 3);
                for (int c = 0; c < cats; c++) {
                    int nObjects = rnd.nextInt(0, 5);
                    for (int o = 0; o < nObjects; o++) {
                        Box b = new Box(rnd.nextDouble(0, 60), rnd.nextDouble(0, 60), rnd.nextDouble(2, 40),
                                rnd.nextDouble(2, 40));
                        boolean crowd = rnd.nextInt(8) == 0;
                        double area = b.area() * rnd.nextDouble(0.6, 1.0); // COCO's area is the segment's
                        gts.add(new GroundTruth(image, c + 1, b, area, crowd));
                        int copies = rnd.nextInt(0, 3); // near-duplicates of the object, jittered
                        for (int d = 0; d < copies; d++) {
                            Box j = new Box(b.x() + rnd.nextDouble(-4, 4), b.y() + rnd.nextDouble(-4, 4),
                                    b.width() * rnd.nextDouble(0.7, 1.3), b.height() * rnd.nextDouble(0.7, 1.3));
                            dts.add(new Detection(image, c + 1, j, distinctScore(rnd, scores)));
                        }
                    }
                    int noise = rnd.nextInt(0, 4);
                    for (int d = 0; d < noise; d++) {
                        Box j = new Box(rnd.nextDouble(0, 80), rnd.nextDouble(0, 80), rnd.nextDouble(1, 40),
                                rnd.nextDouble(1, 40));
                        dts.add(new Detection(image, c + 1, j, distinctScore(rnd, scores)));
                    }
                }
            }
            // shuffle the detections' order: the evaluator sorts them
            for (int k = dts.size() - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                Detection t = dts.get(k);
                dts.set(k, dts.get(j));
                dts.set(j, t);
            }
            Set<Long> imageIds = new LinkedHashSet<>();
            gts.forEach(g -> imageIds.add(g.imageId()));
            dts.forEach(d -> imageIds.add(d.imageId()));
            imageIds.add(999L); // an image with nothing on it
            Set<Integer> catIds = new LinkedHashSet<>();
            for (int c = 1; c <= cats + 1; c++) { // one category with nothing
                catIds.add(c);
            }
            EvalSettings s = EvalSettings.scaledAreas(rnd.nextDouble(50, 300), rnd.nextDouble(400, 1200))
                    .withMaxDets(rnd.nextInt(2) == 0 ? 100 : rnd.nextInt(2, 6));

            CocoMetrics fast = new CocoEvaluator(s).evaluate(gts, dts, imageIds, catIds);
            double[] slow = bruteForce(s, gts, dts, imageIds, catIds);
            double[] got = fast.stats();
            for (int i = 0; i < 12; i++) {
                assertThat(got[i]).as("trial %d, %s", trial, CocoMetrics.STAT_NAMES.get(i))
                        .isCloseTo(slow[i], within(1e-9));
            }
            for (int c : catIds) {
                double expected = categoryAp(s, gts, dts, imageIds, c);
                assertThat(fast.perCategoryAp().get(c)).as("trial %d, category %d", trial, c)
                        .isCloseTo(expected, within(1e-9));
            }
        }
    }

    private static double distinctScore(SplittableRandom rnd, Set<Double> used) {
        double s;
        do {
            s = rnd.nextDouble();
        } while (!used.add(s));
        return s;
    }

    /** The twelve stats by brute force. */
    private static double[] bruteForce(EvalSettings s, List<GroundTruth> gts, List<Detection> dts, Set<Long> images,
            Set<Integer> cats) {
        double small = s.smallArea();
        double large = s.largeArea();
        double[][] ranges = {{0, 1e10}, {0, small}, {small, large}, {large, 1e10}};
        int maxDet = s.maxDets().get(2);
        double[] out = new double[12];
        out[0] = meanAp(s, gts, dts, images, cats, ranges[0], maxDet, null);
        out[1] = meanAp(s, gts, dts, images, cats, ranges[0], maxDet, 0.5);
        out[2] = meanAp(s, gts, dts, images, cats, ranges[0], maxDet, 0.75);
        out[3] = meanAp(s, gts, dts, images, cats, ranges[1], maxDet, null);
        out[4] = meanAp(s, gts, dts, images, cats, ranges[2], maxDet, null);
        out[5] = meanAp(s, gts, dts, images, cats, ranges[3], maxDet, null);
        out[6] = meanAr(s, gts, dts, images, cats, ranges[0], s.maxDets().get(0));
        out[7] = meanAr(s, gts, dts, images, cats, ranges[0], s.maxDets().get(1));
        out[8] = meanAr(s, gts, dts, images, cats, ranges[0], maxDet);
        out[9] = meanAr(s, gts, dts, images, cats, ranges[1], maxDet);
        out[10] = meanAr(s, gts, dts, images, cats, ranges[2], maxDet);
        out[11] = meanAr(s, gts, dts, images, cats, ranges[3], maxDet);
        return out;
    }

    private static double categoryAp(EvalSettings s, List<GroundTruth> gts, List<Detection> dts, Set<Long> images,
            int cat) {
        return meanAp(s, gts, dts, images, Set.of(cat), new double[] {0, 1e10}, s.maxDets().get(2), null);
    }

    /** Mean over categories with objects in range, and over thresholds (or the one given), of the 101-point AP. */
    private static double meanAp(EvalSettings s, List<GroundTruth> gts, List<Detection> dts, Set<Long> images,
            Set<Integer> cats, double[] range, int maxDet, Double only) {
        double sum = 0;
        int n = 0;
        for (int c : cats) {
            for (double t : s.iouThresholds()) {
                if (only != null && t != only) {
                    continue;
                }
                Ranked r = rank(gts, dts, images, c, range, maxDet, t);
                if (r.positives == 0) {
                    continue;
                }
                sum += interpolatedAp(r, s.recallPoints());
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private static double meanAr(EvalSettings s, List<GroundTruth> gts, List<Detection> dts, Set<Long> images,
            Set<Integer> cats, double[] range, int maxDet) {
        double sum = 0;
        int n = 0;
        for (int c : cats) {
            for (double t : s.iouThresholds()) {
                Ranked r = rank(gts, dts, images, c, range, maxDet, t);
                if (r.positives == 0) {
                    continue;
                }
                long tp = r.entries.stream().filter(e -> e[1] == TP).count();
                sum += (double) tp / r.positives;
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    /** Entries {score, status} of one category over all images, and the number of non-ignored objects. */
    private record Ranked(List<double[]> entries, int positives) {
    }

    private static Ranked rank(List<GroundTruth> gts, List<Detection> dts, Set<Long> images, int cat, double[] range,
            int maxDet, double t) {
        List<double[]> entries = new ArrayList<>();
        int positives = 0;
        for (long image : images) {
            List<GroundTruth> objects = gts.stream().filter(g -> g.imageId() == image && g.categoryId() == cat).toList();
            List<Detection> mine = dts.stream().filter(d -> d.imageId() == image && d.categoryId() == cat)
                    .sorted(Comparator.comparingDouble(Detection::score).reversed()).limit(maxDet).toList();
            boolean[] regular = new boolean[objects.size()];
            for (int g = 0; g < objects.size(); g++) {
                GroundTruth o = objects.get(g);
                regular[g] = !o.crowd() && o.area() >= range[0] && o.area() <= range[1];
                positives += regular[g] ? 1 : 0;
            }
            boolean[] used = new boolean[objects.size()];
            for (Detection d : mine) {
                int best = -1;
                double bestIou = -1;
                // 1) the best free regular object at IoU >= t
                for (int g = 0; g < objects.size(); g++) {
                    if (regular[g] && !used[g]) {
                        double v = overlap(d.box(), objects.get(g).box(), false);
                        if (v >= t && v > bestIou) {
                            best = g;
                            bestIou = v;
                        }
                    }
                }
                int status;
                if (best >= 0) {
                    used[best] = true;
                    status = TP;
                } else {
                    // 2) else an ignorable object (crowds may be reused) makes the detection ignored
                    for (int g = 0; g < objects.size(); g++) {
                        GroundTruth o = objects.get(g);
                        if (!regular[g] && (o.crowd() || !used[g])) {
                            double v = overlap(d.box(), o.box(), o.crowd());
                            if (v >= t && v > bestIou) {
                                best = g;
                                bestIou = v;
                            }
                        }
                    }
                    if (best >= 0) {
                        used[best] = true;
                        status = IGNORED;
                    } else {
                        double a = d.box().width() * d.box().height();
                        status = a >= range[0] && a <= range[1] ? FP : IGNORED;
                    }
                }
                entries.add(new double[] {d.score(), status});
            }
        }
        entries.sort(Comparator.comparingDouble((double[] e) -> e[0]).reversed());
        return new Ranked(entries, positives);
    }

    /** IoU from the corners; for a crowd, intersection over the detection's own area. */
    private static double overlap(Box d, Box g, boolean crowd) {
        double left = Math.max(d.x(), g.x());
        double right = Math.min(d.x() + d.width(), g.x() + g.width());
        double top = Math.max(d.y(), g.y());
        double bottom = Math.min(d.y() + d.height(), g.y() + g.height());
        if (right <= left || bottom <= top) {
            return 0;
        }
        double inter = (right - left) * (bottom - top);
        double own = d.width() * d.height();
        return crowd ? inter / own : inter / (own + g.width() * g.height() - inter);
    }

    /** The points (recall, precision) after each non-ignored detection; precision at r = max over recall >= r. */
    private static double interpolatedAp(Ranked r, int points) {
        List<double[]> pr = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        for (double[] e : r.entries) {
            if (e[1] == IGNORED) {
                continue;
            }
            if (e[1] == TP) {
                tp++;
            } else {
                fp++;
            }
            pr.add(new double[] {(double) tp / r.positives, (double) tp / (tp + fp)});
        }
        double sum = 0;
        for (int i = 0; i < points; i++) {
            double level = i == points - 1 ? 1.0 : i * (1.0 / (points - 1));
            double best = 0;
            for (double[] p : pr) {
                if (p[0] >= level) {
                    best = Math.max(best, p[1]);
                }
            }
            sum += best;
        }
        return sum / points;
    }

    @Test
    void bruteForceAgreesOnTheHandCase() {
        // guards the brute force itself: TP, FP, TP, FP over 3 objects -> (34 + 33 * 2/3) / 101
        List<GroundTruth> gts = List.of(new GroundTruth(1, 1, new Box(0, 0, 10, 10)),
                new GroundTruth(1, 1, new Box(20, 20, 10, 10)), new GroundTruth(1, 1, new Box(40, 40, 10, 10)));
        List<Detection> dts = List.of(new Detection(1, 1, new Box(0, 0, 10, 10), 0.9),
                new Detection(1, 1, new Box(70, 0, 10, 10), 0.8), new Detection(1, 1, new Box(20, 20, 10, 10), 0.7),
                new Detection(1, 1, new Box(0, 70, 10, 10), 0.6));
        double[] slow = bruteForce(EvalSettings.coco(), gts, dts, Set.of(1L), Set.of(1));
        assertThat(slow[1]).isCloseTo((34 + 33 * 2.0 / 3.0) / 101, within(1e-12));
        assertThat(new CocoEvaluator().evaluate(gts, dts, Set.of(1L), Set.of(1)).ap50())
                .isCloseTo(slow[1], within(1e-12));
    }
}
