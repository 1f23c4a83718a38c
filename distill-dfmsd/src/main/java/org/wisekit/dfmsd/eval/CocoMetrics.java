package org.wisekit.dfmsd.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The twelve COCO box metrics, as pycocotools' {@code COCOeval.stats}, and AP per category. A value is {@code -1}
 * where pycocotools prints -1: no category has a non-ignored ground truth in that area range (or the IoU threshold
 * 0.5 or 0.75 is not among the settings' thresholds). "max" below is the settings' last {@code maxDets} (100).
 *
 * @param ap            AP averaged over the IoU thresholds (.50:.95), area all, max detections
 * @param ap50          AP at IoU 0.50
 * @param ap75          AP at IoU 0.75
 * @param apSmall       AP, small objects
 * @param apMedium      AP, medium objects
 * @param apLarge       AP, large objects
 * @param ar1           AR with the first {@code maxDets} limit (1) per image and class
 * @param ar10          AR with the second limit (10)
 * @param ar100         AR with the third limit (100)
 * @param arSmall       AR, small objects, max detections
 * @param arMedium      AR, medium objects
 * @param arLarge       AR, large objects
 * @param perCategoryAp AP (.50:.95, area all, max detections) per category id, ascending; -1 for a category
 *                      without non-ignored ground truth
 */
public record CocoMetrics(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
        double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge,
        Map<Integer, Double> perCategoryAp) {

    /** Names of {@link #stats()}, in order. */
    public static final List<String> STAT_NAMES = List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10",
            "AR100", "ARs", "ARm", "ARl");

    /** Copies {@code perCategoryAp} into an unmodifiable map sorted by category id. */
    public CocoMetrics {
        if (perCategoryAp == null) {
            throw new IllegalArgumentException("perCategoryAp must not be null");
        }
        perCategoryAp = Collections.unmodifiableMap(new TreeMap<>(perCategoryAp));
    }

    /** The twelve values in pycocotools' {@code stats} order (names in {@link #STAT_NAMES}). */
    public double[] stats() {
        return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
    }
}
