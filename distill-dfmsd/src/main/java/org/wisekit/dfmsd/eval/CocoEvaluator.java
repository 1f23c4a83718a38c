package org.wisekit.dfmsd.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wisekit.dfmsd.internal.EvalSort;

/**
 * COCO box AP and AR with the semantics of pycocotools' {@code COCOeval} ({@code iouType="bbox"}), step by step:
 * <ol>
 *   <li>per image and category, detections sorted by score (descending, stable: input order among ties), the
 *       first {@code maxDets[2]} kept; ground truths sorted ignored-last (stable), where a ground truth is
 *       ignored when it is a crowd or its {@code area} lies outside the area range;</li>
 *   <li>per IoU threshold {@code t}, each detection in turn takes the unmatched ground truth with the highest
 *       IoU {@code >= min(t, 1 - 1e-10)} (a later ground truth wins an IoU tie; a crowd region can be taken again
 *       and its IoU is intersection over the detection's area; once a regular ground truth is matched, ignored
 *       ones are not considered); a detection matched to an ignored ground truth is ignored, and so is an
 *       unmatched detection whose area {@code w * h} is outside the area range;</li>
 *   <li>per category, area range and max-detections limit, the images' detections (each image's first
 *       {@code maxDet}) are concatenated in image-id order and merge-sorted by score; cumulative TP and FP give
 *       recall {@code tp / nGt} and precision {@code tp / (tp + fp + eps)}; precision is made non-increasing from
 *       the right and read at the recall thresholds with a left {@code searchsorted} (0 past the last recall);</li>
 *   <li>AP is the mean of these precisions over thresholds, recall points and the categories that have a
 *       non-ignored ground truth (others are -1 and left out); AR is the mean final recall likewise.</li>
 * </ol>
 * Only the given image and category ids are evaluated (annotations and detections of others are left out, as
 * pycocotools does with {@code params.imgIds}); images are taken in ascending id order. One difference from
 * pycocotools: it tells a matched detection by a non-zero ground-truth id, so a ground truth with id 0 counts
 * as unmatched there; here a match is a match.
 */
public final class CocoEvaluator {

    private static final double IOU_CAP = 1 - 1e-10;
    /** {@code np.spacing(1)}. */
    private static final double EPS = Math.ulp(1.0);
    private static final int AREAS = 4;

    private final EvalSettings settings;

    /** An evaluator with pycocotools' default settings ({@link EvalSettings#coco()}). */
    public CocoEvaluator() {
        this(EvalSettings.coco());
    }

    /** An evaluator with {@code settings}. */
    public CocoEvaluator(EvalSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.settings = settings;
    }

    /** The settings. */
    public EvalSettings settings() {
        return settings;
    }

    /**
     * Evaluates {@code detections} against {@code groundTruths} over the images {@code imageIds} and the
     * categories {@code categoryIds} (an image without ground truth still counts its detections as false
     * positives).
     *
     * @param groundTruths the annotations; those of other images or categories are left out
     * @param detections   the detections; those of other images or categories are left out
     * @param imageIds     the images evaluated
     * @param categoryIds  the categories evaluated
     * @return the twelve COCO metrics and AP per category
     */
    public CocoMetrics evaluate(List<GroundTruth> groundTruths, List<Detection> detections, Set<Long> imageIds,
            Set<Integer> categoryIds) {
        check(groundTruths, "groundTruths");
        check(detections, "detections");
        check(imageIds, "imageIds");
        check(categoryIds, "categoryIds");
        long[] images = imageIds.stream().mapToLong(Long::longValue).sorted().toArray();
        int[] categories = categoryIds.stream().mapToInt(Integer::intValue).sorted().toArray();
        Accumulated acc = accumulate(groundTruths, detections, images, categories);
        return summarize(acc, categories);
    }

    private static void check(java.util.Collection<?> values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException(name + " must not hold null (element " + i + ")");
            }
            i++;
        }
    }

    /** pycocotools' {@code eval['precision']} {@code [T][R][K][A][M]} and {@code eval['recall']} {@code [T][K][A][M]}, flat. */
    private record Accumulated(double[] precision, double[] recall, int t, int r, int k, int a, int m) {
        int p(int ti, int ri, int ki, int ai, int mi) {
            return (((ti * r + ri) * k + ki) * a + ai) * m + mi;
        }

        int q(int ti, int ki, int ai, int mi) {
            return ((ti * k + ki) * a + ai) * m + mi;
        }
    }

    private Accumulated accumulate(List<GroundTruth> gts, List<Detection> dts, long[] images, int[] categories) {
        final int nImg = images.length;
        final int nCat = categories.length;
        final int buckets = nCat * nImg;
        final double[] thr = settings.iouThresholds().stream().mapToDouble(Double::doubleValue).toArray();
        final double[] recThr = settings.recallThresholds();
        final double[][] ranges = settings.areaRanges();
        final int[] maxDets = settings.maxDets().stream().mapToInt(Integer::intValue).toArray();
        final int nT = thr.length;
        final int nR = recThr.length;
        final int nM = maxDets.length;
        final int maxDet = maxDets[nM - 1];

        // ground truths per (category, image), input order kept
        int[] gtStart = new int[buckets + 1];
        int[] gtBucket = bucketOf(gts.size(), j -> bucket(gts.get(j).imageId(), gts.get(j).categoryId(), images,
                categories), gtStart);
        int nGt = gtStart[buckets];
        Box[] gtBox = new Box[nGt];
        double[] gtArea = new double[nGt];
        boolean[] gtCrowd = new boolean[nGt];
        int[] fill = Arrays.copyOf(gtStart, buckets);
        for (int j = 0; j < gts.size(); j++) {
            if (gtBucket[j] >= 0) {
                int s = fill[gtBucket[j]]++;
                GroundTruth g = gts.get(j);
                gtBox[s] = g.box();
                gtArea[s] = g.area();
                gtCrowd[s] = g.crowd();
            }
        }

        // detections per (category, image), sorted by score (stable), first maxDet kept
        int[] dtStart = new int[buckets + 1];
        int[] dtBucket = bucketOf(dts.size(), j -> bucket(dts.get(j).imageId(), dts.get(j).categoryId(), images,
                categories), dtStart);
        int nDt = dtStart[buckets];
        double[] allScores = new double[dts.size()];
        for (int j = 0; j < allScores.length; j++) {
            allScores[j] = dts.get(j).score();
        }
        int[] dtOrder = new int[nDt];
        fill = Arrays.copyOf(dtStart, buckets);
        for (int j = 0; j < dts.size(); j++) {
            if (dtBucket[j] >= 0) {
                dtOrder[fill[dtBucket[j]]++] = j;
            }
        }
        int[] tmp = new int[nDt];
        int maxG = 0;
        int maxD = 0;
        int[] dtKept = new int[buckets];
        for (int b = 0; b < buckets; b++) {
            EvalSort.sortDescending(dtOrder, dtStart[b], dtStart[b + 1], allScores, tmp);
            dtKept[b] = Math.min(dtStart[b + 1] - dtStart[b], maxDet);
            maxD = Math.max(maxD, dtKept[b]);
            maxG = Math.max(maxG, gtStart[b + 1] - gtStart[b]);
        }
        Box[] dtBox = new Box[nDt];
        double[] dtScore = new double[nDt];
        for (int s = 0; s < nDt; s++) {
            Detection d = dts.get(dtOrder[s]);
            dtBox[s] = d.box();
            dtScore[s] = d.score();
        }
        int cap = 0;
        for (int k = 0; k < nCat; k++) {
            int n = 0;
            for (int i = 0; i < nImg; i++) {
                n += dtKept[k * nImg + i];
            }
            cap = Math.max(cap, n);
        }

        double[] precision = new double[nT * nR * nCat * AREAS * nM];
        double[] recall = new double[nT * nCat * AREAS * nM];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
        Accumulated acc = new Accumulated(precision, recall, nT, nR, nCat, AREAS, nM);

        // work buffers, reused for every image and category
        double[] ious = new double[Math.max(1, maxD * maxG)];
        int[] perm = new int[maxG];
        boolean[] gtTaken = new boolean[maxG];
        double[] catScore = new double[cap];
        int[] catRank = new int[cap];
        boolean[][] matched = new boolean[AREAS][nT * cap];
        boolean[][] ignored = new boolean[AREAS][nT * cap];
        int[] nonIgnoredGt = new int[AREAS];
        boolean[] present = new boolean[AREAS];
        int[] sel = new int[cap];
        int[] selTmp = new int[cap];
        double[] rc = new double[cap];
        double[] pr = new double[cap];

        for (int k = 0; k < nCat; k++) {
            int n = 0;
            Arrays.fill(nonIgnoredGt, 0);
            Arrays.fill(present, false);
            for (int i = 0; i < nImg; i++) {
                int b = k * nImg + i;
                int g0 = gtStart[b];
                int nG = gtStart[b + 1] - g0;
                int d0 = dtStart[b];
                int nD = dtKept[b];
                if (nG == 0 && nD == 0) {
                    continue; // pycocotools: evaluateImg returns None
                }
                for (int d = 0; d < nD; d++) {
                    Box db = dtBox[d0 + d];
                    double dArea = db.area();
                    for (int g = 0; g < nG; g++) {
                        Box gb = gtBox[g0 + g];
                        double inter = db.intersection(gb);
                        double v;
                        if (inter == 0) {
                            v = 0;
                        } else if (gtCrowd[g0 + g]) {
                            v = inter / dArea;
                        } else {
                            v = inter / (dArea + gb.area() - inter);
                        }
                        ious[d * nG + g] = v;
                    }
                }
                for (int a = 0; a < AREAS; a++) {
                    present[a] = true;
                    double lo = ranges[a][0];
                    double hi = ranges[a][1];
                    int regular = 0;
                    for (int g = 0; g < nG; g++) {
                        if (!isIgnoredGt(gtCrowd[g0 + g], gtArea[g0 + g], lo, hi)) {
                            perm[regular++] = g;
                        }
                    }
                    int p = regular;
                    for (int g = 0; g < nG; g++) {
                        if (isIgnoredGt(gtCrowd[g0 + g], gtArea[g0 + g], lo, hi)) {
                            perm[p++] = g;
                        }
                    }
                    nonIgnoredGt[a] += regular;
                    boolean[] mA = matched[a];
                    boolean[] iA = ignored[a];
                    for (int t = 0; t < nT; t++) {
                        Arrays.fill(gtTaken, 0, nG, false);
                        double floor = Math.min(thr[t], IOU_CAP);
                        for (int d = 0; d < nD; d++) {
                            double best = floor;
                            int m = -1;
                            int row = d * nG;
                            for (int q = 0; q < nG; q++) {
                                int g = perm[q];
                                if (gtTaken[q] && !gtCrowd[g0 + g]) {
                                    continue;
                                }
                                if (m > -1 && m < regular && q >= regular) {
                                    break;
                                }
                                double v = ious[row + g];
                                if (v < best) {
                                    continue;
                                }
                                best = v;
                                m = q;
                            }
                            int o = t * cap + n + d;
                            if (m == -1) {
                                double dArea = dtBox[d0 + d].area();
                                mA[o] = false;
                                iA[o] = dArea < lo || dArea > hi;
                            } else {
                                mA[o] = true;
                                iA[o] = m >= regular;
                                gtTaken[m] = true;
                            }
                        }
                    }
                }
                for (int d = 0; d < nD; d++) {
                    catScore[n + d] = dtScore[d0 + d];
                    catRank[n + d] = d;
                }
                n += nD;
            }
            for (int a = 0; a < AREAS; a++) {
                int nPos = nonIgnoredGt[a];
                if (!present[a] || nPos == 0) {
                    continue;
                }
                boolean[] mA = matched[a];
                boolean[] iA = ignored[a];
                for (int mi = 0; mi < nM; mi++) {
                    int limit = maxDets[mi];
                    int s = 0;
                    for (int j = 0; j < n; j++) {
                        if (catRank[j] < limit) {
                            sel[s++] = j;
                        }
                    }
                    EvalSort.sortDescending(sel, 0, s, catScore, selTmp);
                    for (int t = 0; t < nT; t++) {
                        int tp = 0;
                        int fp = 0;
                        int base = t * cap;
                        for (int j = 0; j < s; j++) {
                            int o = base + sel[j];
                            if (!iA[o]) {
                                if (mA[o]) {
                                    tp++;
                                } else {
                                    fp++;
                                }
                            }
                            rc[j] = (double) tp / nPos;
                            pr[j] = tp / ((double) fp + tp + EPS);
                        }
                        recall[acc.q(t, k, a, mi)] = s > 0 ? rc[s - 1] : 0;
                        for (int j = s - 1; j > 0; j--) {
                            if (pr[j] > pr[j - 1]) {
                                pr[j - 1] = pr[j];
                            }
                        }
                        int at = 0;
                        for (int r = 0; r < nR; r++) {
                            while (at < s && rc[at] < recThr[r]) {
                                at++;
                            }
                            precision[acc.p(t, r, k, a, mi)] = at < s ? pr[at] : 0;
                        }
                    }
                }
            }
        }
        return acc;
    }

    private static boolean isIgnoredGt(boolean crowd, double area, double lo, double hi) {
        return crowd || area < lo || area > hi;
    }

    private interface BucketFn {
        int bucket(int j);
    }

    /** The bucket of each of {@code n} items (-1: not evaluated); counts into {@code start} as prefix sums. */
    private static int[] bucketOf(int n, BucketFn fn, int[] start) {
        int[] bucket = new int[n];
        for (int j = 0; j < n; j++) {
            bucket[j] = fn.bucket(j);
            if (bucket[j] >= 0) {
                start[bucket[j] + 1]++;
            }
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        return bucket;
    }

    private static int bucket(long imageId, int categoryId, long[] images, int[] categories) {
        int i = Arrays.binarySearch(images, imageId);
        int k = Arrays.binarySearch(categories, categoryId);
        return i < 0 || k < 0 ? -1 : k * images.length + i;
    }

    private CocoMetrics summarize(Accumulated acc, int[] categories) {
        double[] thr = settings.iouThresholds().stream().mapToDouble(Double::doubleValue).toArray();
        int last = acc.m() - 1;
        Map<Integer, Double> perCategory = new HashMap<>();
        for (int k = 0; k < acc.k(); k++) {
            double sum = 0;
            int count = 0;
            for (int t = 0; t < acc.t(); t++) {
                for (int r = 0; r < acc.r(); r++) {
                    double v = acc.precision()[acc.p(t, r, k, 0, last)];
                    if (v > -1) {
                        sum += v;
                        count++;
                    }
                }
            }
            perCategory.put(categories[k], count == 0 ? -1 : sum / count);
        }
        return new CocoMetrics(
                ap(acc, thr, Double.NaN, 0, last), ap(acc, thr, 0.5, 0, last), ap(acc, thr, 0.75, 0, last),
                ap(acc, thr, Double.NaN, 1, last), ap(acc, thr, Double.NaN, 2, last), ap(acc, thr, Double.NaN, 3, last),
                ar(acc, 0, 0), ar(acc, 0, 1), ar(acc, 0, 2),
                ar(acc, 1, last), ar(acc, 2, last), ar(acc, 3, last), perCategory);
    }

    /** pycocotools' {@code _summarize(ap=1)}: mean of the precisions {@code > -1}; NaN {@code iou}: every threshold. */
    private static double ap(Accumulated acc, double[] thr, double iou, int a, int m) {
        double sum = 0;
        long count = 0;
        for (int t = 0; t < acc.t(); t++) {
            if (!Double.isNaN(iou) && thr[t] != iou) {
                continue;
            }
            for (int r = 0; r < acc.r(); r++) {
                for (int k = 0; k < acc.k(); k++) {
                    double v = acc.precision()[acc.p(t, r, k, a, m)];
                    if (v > -1) {
                        sum += v;
                        count++;
                    }
                }
            }
        }
        return count == 0 ? -1 : sum / count;
    }

    /** pycocotools' {@code _summarize(ap=0)} over every threshold: mean of the recalls {@code > -1}. */
    private static double ar(Accumulated acc, int a, int m) {
        double sum = 0;
        long count = 0;
        for (int t = 0; t < acc.t(); t++) {
            for (int k = 0; k < acc.k(); k++) {
                double v = acc.recall()[acc.q(t, k, a, m)];
                if (v > -1) {
                    sum += v;
                    count++;
                }
            }
        }
        return count == 0 ? -1 : sum / count;
    }
}
