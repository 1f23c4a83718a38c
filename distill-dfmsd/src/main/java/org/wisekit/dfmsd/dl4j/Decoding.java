package org.wisekit.dfmsd.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.Nms;

/** The last step of both detectors' inference: per-class NMS and the cap on detections per image. */
final class Decoding {

    private Decoding() {
    }

    static List<Detection> nms(List<Box> boxes, List<Double> scores, List<Integer> labels, long imageId,
                               int categoryOffset, double iou, int maxKeep) {
        int n = boxes.size();
        Box[] b = boxes.toArray(new Box[0]);
        double[] s = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = scores.get(i);
            c[i] = labels.get(i);
        }
        int[] keep = Nms.perClass(b, s, c, iou, maxKeep);
        List<Detection> out = new ArrayList<>(keep.length);
        for (int i : keep) {
            out.add(new Detection(imageId, c[i] + categoryOffset, b[i], s[i]));
        }
        return out;
    }
}
