package org.wisekit.bench.dfmsd;

import java.util.List;
import org.wisekit.bench.BenchSuite;

/**
 * The {@code dfmsd} suite: DFMSD's top-k spatial mask by O(n) selection against sorting a copy, at the student's
 * 12 x 12 map, a 32 x 32 map and a COCO-sized 100 x 152 P3 map; and the COCO evaluator and per-class NMS at the
 * reproduction's scale (1000 canvases, 10 classes).
 */
public final class DfmsdSuite implements BenchSuite {

    @Override
    public String name() {
        return "dfmsd";
    }

    @Override
    public String description() {
        return "top-k mask: O(n) selection vs full sort; COCO evaluator and NMS at 1000 images x 10 classes";
    }

    @Override
    public String includePattern() {
        return "org\\.wisekit\\.bench\\.dfmsd\\..*";
    }

    @Override
    public List<Integer> threadCounts() {
        return List.of(1);
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("selection / sort", "selectionMask", "sortMask"));
    }

    @Override
    public String notes() {
        return "Both mask methods write the same mask (ties to the lower index). `evaluate`: pycocotools-equivalent"
                + " COCOeval (10 IoU thresholds, 4 area ranges, 3 maxDets) on 1000 images with about 2.5 boxes and"
                + " 20 detections each; `nms`: per-class greedy NMS of 500 scored boxes, 10 classes, keep 100.";
    }
}
