package org.wisekit.dfmsd.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link CocoEvaluator}, as pycocotools' {@code Params} for boxes. The four area ranges are
 * {@code all = [0, 1e10]}, {@code small = [0, smallArea]}, {@code medium = [smallArea, largeArea]} and
 * {@code large = [largeArea, 1e10]}, bounds included (an object of area exactly {@code smallArea} is small and
 * medium, as in pycocotools).
 *
 * @param iouThresholds IoU thresholds, each in [0, 1] (COCO: {@code linspace(0.5, 0.95, 10)})
 * @param recallPoints  number of recall thresholds {@code linspace(0, 1, recallPoints)} (COCO: 101)
 * @param maxDets       three detection limits per image and class, non-decreasing (COCO: 1, 10, 100); AP uses the
 *                      last, AR is reported at each
 * @param smallArea     upper bound of "small" and lower bound of "medium" (COCO: {@code 32 * 32})
 * @param largeArea     upper bound of "medium" and lower bound of "large" (COCO: {@code 96 * 96})
 */
public record EvalSettings(List<Double> iouThresholds, int recallPoints, List<Integer> maxDets, double smallArea,
        double largeArea) {

    /** Upper bound of the "all" and "large" ranges: pycocotools' {@code 1e5 ** 2}. */
    public static final double MAX_AREA = 1e10;

    /** The area-range labels, in the order of {@link #areaRanges()}. */
    public static final List<String> AREA_LABELS = List.of("all", "small", "medium", "large");

    /** Validates and copies; an {@link IllegalArgumentException} names the parameter and its value. */
    public EvalSettings {
        if (iouThresholds == null || iouThresholds.isEmpty()) {
            throw new IllegalArgumentException("iouThresholds must not be empty, got " + iouThresholds);
        }
        for (Double t : iouThresholds) {
            if (t == null || !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("iouThresholds must lie in [0, 1], got " + t);
            }
        }
        iouThresholds = List.copyOf(iouThresholds);
        if (recallPoints < 2) {
            throw new IllegalArgumentException("recallPoints must be >= 2, got " + recallPoints);
        }
        if (maxDets == null || maxDets.size() != 3) {
            throw new IllegalArgumentException("maxDets must hold 3 limits (for AR at each), got " + maxDets);
        }
        int previous = 1;
        for (Integer m : maxDets) {
            if (m == null || m < previous) {
                throw new IllegalArgumentException("maxDets must be >= 1 and non-decreasing, got " + maxDets);
            }
            previous = m;
        }
        maxDets = List.copyOf(maxDets);
        if (!(smallArea > 0) || !(smallArea < largeArea) || !(largeArea < MAX_AREA)) {
            throw new IllegalArgumentException("area bounds must satisfy 0 < smallArea < largeArea < 1e10, got smallArea="
                    + smallArea + ", largeArea=" + largeArea);
        }
    }

    /** pycocotools' defaults: IoU .50:.05:.95, 101 recall points, maxDets 1/10/100, areas 32^2 and 96^2. */
    public static EvalSettings coco() {
        return new EvalSettings(boxed(linspace(0.5, 0.95, 10)), 101, List.of(1, 10, 100), 32.0 * 32.0, 96.0 * 96.0);
    }

    /**
     * COCO's settings with other area bounds, for canvases much smaller than COCO's images (e.g. COCO's bounds
     * scaled by {@code (side / 640)^2}).
     *
     * @param smallArea upper bound of "small", in squared units, {@code > 0}
     * @param largeArea lower bound of "large", {@code > smallArea}
     */
    public static EvalSettings scaledAreas(double smallArea, double largeArea) {
        EvalSettings c = coco();
        return new EvalSettings(c.iouThresholds, c.recallPoints, c.maxDets, smallArea, largeArea);
    }

    /** These settings with other area bounds (see {@link #scaledAreas}). */
    public EvalSettings withAreas(double smallArea, double largeArea) {
        return new EvalSettings(iouThresholds, recallPoints, maxDets, smallArea, largeArea);
    }

    /**
     * These settings with {@code maxDet} detections per image and class for AP; the AR limits become
     * {@code min(1, maxDet), min(10, maxDet), maxDet}.
     */
    public EvalSettings withMaxDets(int maxDet) {
        if (maxDet < 1) {
            throw new IllegalArgumentException("maxDets must be >= 1, got " + maxDet);
        }
        return new EvalSettings(iouThresholds, recallPoints, List.of(Math.min(1, maxDet), Math.min(10, maxDet), maxDet),
                smallArea, largeArea);
    }

    /** These settings with other IoU thresholds (each in [0, 1]). */
    public EvalSettings withIouThresholds(List<Double> thresholds) {
        return new EvalSettings(thresholds, recallPoints, maxDets, smallArea, largeArea);
    }

    /** The recall thresholds, {@code linspace(0, 1, recallPoints)} exactly as numpy computes it. */
    public double[] recallThresholds() {
        return linspace(0, 1, recallPoints);
    }

    /** The area ranges {@code [lo, hi]} in the order of {@link #AREA_LABELS}. */
    public double[][] areaRanges() {
        return new double[][] {{0, MAX_AREA}, {0, smallArea}, {smallArea, largeArea}, {largeArea, MAX_AREA}};
    }

    /**
     * {@code numpy.linspace(start, stop, num)}: {@code start + i * ((stop - start) / (num - 1))}, the last value set to
     * {@code stop}; the same doubles as numpy, so that thresholds compare equal to pycocotools' ones.
     */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
