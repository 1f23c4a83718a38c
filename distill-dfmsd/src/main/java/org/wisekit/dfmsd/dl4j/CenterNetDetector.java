package org.wisekit.dfmsd.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.internal.CenterNetTargets;

/**
 * A CenterNet-style detector (Zhou et al., "Objects as Points", 2019), the heterogeneous teacher: a ResNet-style
 * backbone of basic blocks with batch norm ({@code 32-64-128} channels at strides 2/4/8, two blocks per stage after
 * the stem), an FPN of two levels (strides 4 and 8, the level-8 output feeding the level-4 one top-down) and, on the
 * stride-4 level, a class heatmap (penalty-reduced focal loss, alpha 2, beta 4, Gaussian targets), a size head and an
 * offset head (L1, weights 0.1 and 1). Inference: 3x3 max-pool peaks of the heatmap, score above 0.05, at most 100
 * detections (no box NMS, as CenterNet). The sizes are this project's CPU-scale choice.
 */
public final class CenterNetDetector extends Detector {

    static final double SIZE_WEIGHT = 0.1;
    static final double SCORE_THRESHOLD = 0.05;
    static final int MAX_DETECTIONS = 100;


    /**
     * A CenterNet-style detector.
     *
     * @param classes       number of classes
     * @param inputChannels 1 (grey) or 3 (colour)
     * @param canvas        input side in pixels, a multiple of 8
     * @param width         backbone width multiplier (1 = 32-64-128)
     * @param fpnChannels   channels of the FPN levels and the heads
     * @param seed          seed of the initial weights
     */
    public CenterNetDetector(int classes, int inputChannels, int canvas, int width, int fpnChannels, long seed) {
        super(classes, inputChannels, canvas, width, fpnChannels, seed);
    }

    @Override
    public String describe() {
        return "CenterNet (ResNet-style backbone " + 32 * width() + "-" + 64 * width() + "-" + 128 * width()
                + ", FPN " + fpnChannels() + " channels at strides 4/8, heatmap + size + offset heads at stride 4)";
    }

    @Override
    Built build(Blocks b, SDVariable images) {
        SameDiff sd = b.graph();
        int c1 = 32 * width();
        int c2 = 64 * width();
        int c3 = 128 * width();
        SDVariable x = b.relu(b.batchNorm("stem.bn", b.convNoBias("stem", images, inputChannels(), c1, 3, 2), c1));
        x = basic(b, "l1a", x, c1, c2, 2);
        SDVariable c4 = basic(b, "l1b", x, c2, c2, 1);
        x = basic(b, "l2a", c4, c2, c3, 2);
        SDVariable c8 = basic(b, "l2b", x, c3, c3, 1);
        SDVariable p8 = b.conv("fpn.out8", b.conv("fpn.lat8", c8, c3, fpnChannels(), 1, 1), fpnChannels(), fpnChannels(), 3, 1);
        SDVariable p4 = b.conv("fpn.out4", b.conv("fpn.lat4", c4, c2, fpnChannels(), 1, 1).add(b.upsample2(p8)), fpnChannels(), fpnChannels(), 3, 1);
        SDVariable heat = b.conv("head.heat2", b.relu(b.conv("head.heat1", p4, fpnChannels(), fpnChannels(), 3, 1)), fpnChannels(), classes(), 1,
                -2.19).rename("heat");
        SDVariable size = b.conv("head.size2", b.relu(b.conv("head.size1", p4, fpnChannels(), fpnChannels(), 3, 1)), fpnChannels(), 2, 1, 1)
                .rename("size");
        SDVariable offset = b.conv("head.off2", b.relu(b.conv("head.off1", p4, fpnChannels(), fpnChannels(), 3, 1)), fpnChannels(), 2, 1, 1)
                .rename("offset");
        return new Built(new SDVariable[] {p4, p8}, loss(sd, heat, size, offset));
    }

    private static SDVariable basic(Blocks b, String name, SDVariable x, int in, int out, int stride) {
        SDVariable y = b.relu(b.batchNorm(name + ".bn1", b.convNoBias(name + ".c1", x, in, out, 3, stride), out));
        y = b.batchNorm(name + ".bn2", b.convNoBias(name + ".c2", y, out, out, 3, 1), out);
        SDVariable shortcut = in == out && stride == 1 ? x
                : b.batchNorm(name + ".bnd", b.convNoBias(name + ".down", x, in, out, 1, stride), out);
        return b.relu(y.add(shortcut));
    }

    private SDVariable loss(SameDiff sd, SDVariable heat, SDVariable size, SDVariable offset) {
        DataType type = DataType.FLOAT;
        SDVariable heatT = sd.placeHolder("cn.heat", type, -1, classes(), -1, -1);
        SDVariable sizeT = sd.placeHolder("cn.size", type, -1, 2, -1, -1);
        SDVariable offT = sd.placeHolder("cn.offset", type, -1, 2, -1, -1);
        SDVariable centre = sd.placeHolder("cn.centre", type, -1, 1, -1, -1);
        SDVariable objects = sd.placeHolder("cn.objects", type);
        // log p = -softplus(-x), log(1 - p) = -softplus(x), softplus(x) = max(x, 0) + log1p(exp(-|x|))
        SDVariable soft = sd.math().log1p(sd.math().exp(sd.math().abs(heat).neg()));
        SDVariable logP = sd.nn().relu(heat.neg(), 0).add(soft).neg();
        SDVariable log1mP = sd.nn().relu(heat, 0).add(soft).neg();
        SDVariable p = sd.nn().sigmoid(heat);
        SDVariable isPeak = sd.math().floor(heatT); // exactly 1 at centres, 0 elsewhere (targets lie in [0, 1])
        SDVariable oneMinusP = p.rsub(1.0);
        SDVariable posTerm = oneMinusP.mul(oneMinusP).mul(logP).mul(isPeak);
        SDVariable g = heatT.rsub(1.0);
        SDVariable g2 = g.mul(g);
        SDVariable negTerm = g2.mul(g2).mul(p.mul(p)).mul(log1mP).mul(isPeak.rsub(1.0));
        SDVariable focal = posTerm.add(negTerm).sum().neg().div(objects);
        SDVariable sizeLoss = sd.math().abs(size.sub(sizeT)).mul(centre).sum().div(objects).mul(SIZE_WEIGHT);
        SDVariable offLoss = sd.math().abs(offset.sub(offT)).mul(centre).sum().div(objects);
        return focal.add(sizeLoss).add(offLoss);
    }

    @Override
    void targets(DetectionSet data, int[] index, Map<String, INDArray> feed) {
        int n = index.length;
        int k = classes();
        int s = side(4);
        int hw = s * s;
        float[] heat = new float[n * k * hw];
        float[] size = new float[n * 2 * hw];
        float[] off = new float[n * 2 * hw];
        float[] centre = new float[n * hw];
        float[] h1 = new float[k * hw];
        float[] s1 = new float[2 * hw];
        float[] o1 = new float[2 * hw];
        float[] c1 = new float[hw];
        int objects = 0;
        for (int i = 0; i < n; i++) {
            int img = index[i];
            objects += CenterNetTargets.assign(data.boxes(img), data.labels(img), data.boxCount(img), 4, s, s, k, h1, s1,
                    o1, c1);
            System.arraycopy(h1, 0, heat, i * k * hw, k * hw);
            System.arraycopy(s1, 0, size, i * 2 * hw, 2 * hw);
            System.arraycopy(o1, 0, off, i * 2 * hw, 2 * hw);
            System.arraycopy(c1, 0, centre, i * hw, hw);
        }
        feed.put("cn.heat", Nd4j.create(heat, new long[] {n, k, s, s}, 'c'));
        feed.put("cn.size", Nd4j.create(size, new long[] {n, 2, s, s}, 'c'));
        feed.put("cn.offset", Nd4j.create(off, new long[] {n, 2, s, s}, 'c'));
        feed.put("cn.centre", Nd4j.create(centre, new long[] {n, 1, s, s}, 'c'));
        feed.put("cn.objects", Nd4j.scalar((float) Math.max(1, objects)));
    }

    @Override
    List<String> predictionOutputs() {
        return List.of("heat", "size", "offset");
    }

    @Override
    List<Detection> decode(Map<String, INDArray> outputs, int i, long imageId, int categoryOffset) {
        int k = classes();
        int s = side(4);
        int hw = s * s;
        float[] heat = outputs.get("heat").slice(i).dup('c').data().asFloat();
        float[] size = outputs.get("size").slice(i).dup('c').data().asFloat();
        float[] off = outputs.get("offset").slice(i).dup('c').data().asFloat();
        List<Box> boxes = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    float v = heat[c * hw + y * s + x];
                    if (!isPeak(heat, c * hw, s, y, x, v)) {
                        continue;
                    }
                    double score = FcosLite.sigmoid(v);
                    if (score <= SCORE_THRESHOLD) {
                        continue;
                    }
                    int at = y * s + x;
                    double cx = (x + off[at]) * 4;
                    double cy = (y + off[hw + at]) * 4;
                    double w = Math.max(0, size[at]) * 4;
                    double h = Math.max(0, size[hw + at]) * 4;
                    double x0 = Math.max(0, cx - w / 2);
                    double y0 = Math.max(0, cy - h / 2);
                    double x1 = Math.min(canvas(), cx + w / 2);
                    double y1 = Math.min(canvas(), cy + h / 2);
                    if (x1 <= x0 || y1 <= y0) {
                        continue;
                    }
                    boxes.add(Box.fromCorners(x0, y0, x1, y1));
                    scores.add(score);
                    labels.add(c);
                }
            }
        }
        // CenterNet keeps the top peaks without box NMS: an IoU threshold of 1 suppresses nothing
        return Decoding.nms(boxes, scores, labels, imageId, categoryOffset, 1.0, MAX_DETECTIONS);
    }

    /** 3x3 max-pool peak test (CenterNet's NMS): no neighbour is larger. */
    private static boolean isPeak(float[] heat, int base, int s, int y, int x, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if ((dy != 0 || dx != 0) && yy >= 0 && yy < s && xx >= 0 && xx < s && heat[base + yy * s + xx] > v) {
                    return false;
                }
            }
        }
        return true;
    }
}
