package org.wisekit.dfmsd.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.dfmsd.data.DetectionSet;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.Nms;
import org.wisekit.dfmsd.internal.FcosTargets;

/**
 * FCOS-lite (Tian et al., ICCV'19, scaled down; the sizes are this project's CPU-scale choice): a depthwise-separable
 * backbone ({@code 16w-32w-64w} channels at strides 2/4/8, batch norm), an FPN of two levels (strides 4 and 8,
 * {@code fpn} channels, top-down nearest upsampling) and one shared head (two 3x3 conv + ReLU) predicting, per
 * location, class logits (sigmoid focal loss, alpha 0.25, gamma 2), (l, t, r, b) distances as
 * {@code exp(scale_level * x)} strides (GIoU loss weighted by the centerness target) and centerness (BCE). Targets
 * use centre sampling (radius 1.5 strides) and the level ranges {@code (0, split]} and {@code (split, inf)} pixels
 * of {@code max(l, t, r, b)}. Inference: score {@code sqrt(sigmoid(cls) * sigmoid(centerness))} above 0.05, per-class
 * NMS at IoU 0.6, at most 100 detections.
 */
public final class FcosLite extends Detector {

    static final double FOCAL_ALPHA = 0.25;
    static final double CENTRE_RADIUS = 1.5;
    static final double SCORE_THRESHOLD = 0.05;
    static final double NMS_IOU = 0.6;
    static final int MAX_DETECTIONS = 100;

    private final double split;

    /**
     * An FCOS-lite detector.
     *
     * @param classes       number of classes
     * @param inputChannels 1 (grey) or 3 (colour)
     * @param canvas        input side in pixels, a multiple of 8
     * @param width         backbone width multiplier (1 = student 16-32-64, 2 = the bridge teacher 32-64-128)
     * @param fpnChannels   channels of the FPN and the head
     * @param seed          seed of the initial weights
     */
    public FcosLite(int classes, int inputChannels, int canvas, int width, int fpnChannels, long seed) {
        super(classes, inputChannels, canvas, width, fpnChannels, seed);
        this.split = canvas / 4.0;
    }

    @Override
    public String describe() {
        return "FCOS-lite (depthwise-separable backbone " + 16 * width() + "-" + 32 * width() + "-" + 64 * width()
                + ", FPN " + fpnChannels() + " channels at strides 4/8, shared 2-conv head)";
    }

    @Override
    Built build(Blocks b, SDVariable images) {
        SameDiff sd = b.graph();
        int c1 = 16 * width();
        int c2 = 32 * width();
        int c3 = 64 * width();
        SDVariable x = b.relu(b.batchNorm("stem.bn", b.convNoBias("stem", images, inputChannels(), c1, 3, 2), c1));
        x = separable(b, "s2a", x, c1, c2, 2);
        x = separable(b, "s2b", x, c2, c2, 1);
        SDVariable c4 = x;
        x = separable(b, "s3a", x, c2, c3, 2);
        SDVariable c8 = separable(b, "s3b", x, c3, c3, 1);
        SDVariable lat4 = b.conv("fpn.lat4", c4, c2, fpnChannels(), 1, 1);
        SDVariable lat8 = b.conv("fpn.lat8", c8, c3, fpnChannels(), 1, 1);
        SDVariable p8 = b.conv("fpn.out8", lat8, fpnChannels(), fpnChannels(), 3, 1);
        SDVariable p4 = b.conv("fpn.out4", lat4.add(b.upsample2(lat8)), fpnChannels(), fpnChannels(), 3, 1);
        SDVariable[] features = {p4, p8};
        SDVariable loss = null;
        double prior = -Math.log((1 - 0.01) / 0.01);
        for (int l = 0; l < 2; l++) {
            SDVariable t = b.relu(b.conv("head.t1", features[l], fpnChannels(), fpnChannels(), 3, 1));
            t = b.relu(b.conv("head.t2", t, fpnChannels(), fpnChannels(), 3, 1));
            SDVariable cls = b.conv("head.cls", t, fpnChannels(), classes(), 3, prior).rename("cls" + l);
            SDVariable scale = b.filledParam("head.scale" + l, 1.0, 1);
            SDVariable reg = sd.math().exp(b.conv("head.reg", t, fpnChannels(), 4, 3, 1).mul(scale)).rename("reg" + l);
            SDVariable ctr = b.conv("head.ctr", t, fpnChannels(), 1, 3, 1).rename("ctr" + l);
            SDVariable levelLoss = levelLoss(sd, l, cls, reg, ctr);
            loss = loss == null ? levelLoss : loss.add(levelLoss);
        }
        return new Built(features, loss);
    }

    private static SDVariable separable(Blocks b, String name, SDVariable x, int in, int out, int stride) {
        SDVariable d = b.relu(b.batchNorm(name + ".dw.bn", b.depthwise(name + ".dw", x, in, 3, stride), in));
        return b.relu(b.batchNorm(name + ".pw.bn", b.convNoBias(name + ".pw", d, in, out, 1, 1), out));
    }

    /** Focal + GIoU + centerness loss of one level, normalised by the batch's positives (placeholders). */
    private SDVariable levelLoss(SameDiff sd, int l, SDVariable cls, SDVariable reg, SDVariable ctr) {
        DataType type = DataType.FLOAT;
        SDVariable clsT = sd.placeHolder("fcos.cls" + l, type, -1, classes(), -1, -1);
        SDVariable regT = sd.placeHolder("fcos.reg" + l, type, -1, 4, -1, -1);
        SDVariable ctrT = sd.placeHolder("fcos.ctr" + l, type, -1, 1, -1, -1);
        SDVariable pos = sd.placeHolder("fcos.pos" + l, type, -1, 1, -1, -1);
        SDVariable numPos = placeholderScalar(sd, "fcos.numPos");
        SDVariable ctrSum = placeholderScalar(sd, "fcos.ctrSum");
        // sigmoid focal loss on logits, BCE in its stable form max(x,0) - x t + log(1 + exp(-|x|))
        SDVariable p = sd.nn().sigmoid(cls);
        SDVariable bce = sd.nn().relu(cls, 0).sub(cls.mul(clsT)).add(sd.math().log1p(sd.math().exp(sd.math().abs(cls).neg())));
        SDVariable pt = p.mul(clsT).add(p.rsub(1.0).mul(clsT.rsub(1.0)));
        SDVariable alpha = clsT.mul(FOCAL_ALPHA).add(clsT.rsub(1.0).mul(1 - FOCAL_ALPHA));
        SDVariable oneMinus = pt.rsub(1.0);
        SDVariable focal = alpha.mul(oneMinus.mul(oneMinus)).mul(bce).sum().div(numPos);
        // GIoU between predicted and target (l, t, r, b) at positives, weighted by the centerness target
        SDVariable[] pr = channels(reg, 4);
        SDVariable[] tr = channels(regT, 4);
        SDVariable predArea = pr[0].add(pr[2]).mul(pr[1].add(pr[3]));
        SDVariable targetArea = tr[0].add(tr[2]).mul(tr[1].add(tr[3]));
        SDVariable iw = sd.math().min(pr[0], tr[0]).add(sd.math().min(pr[2], tr[2]));
        SDVariable ih = sd.math().min(pr[1], tr[1]).add(sd.math().min(pr[3], tr[3]));
        SDVariable inter = iw.mul(ih);
        SDVariable union = predArea.add(targetArea).sub(inter);
        SDVariable ew = sd.math().max(pr[0], tr[0]).add(sd.math().max(pr[2], tr[2]));
        SDVariable eh = sd.math().max(pr[1], tr[1]).add(sd.math().max(pr[3], tr[3]));
        SDVariable enclose = ew.mul(eh).add(1e-7);
        SDVariable giou = inter.div(union.add(1e-7)).sub(enclose.sub(union).div(enclose));
        SDVariable giouLoss = giou.rsub(1.0).mul(ctrT).mul(pos).sum().div(ctrSum);
        SDVariable ctrBce = sd.nn().relu(ctr, 0).sub(ctr.mul(ctrT))
                .add(sd.math().log1p(sd.math().exp(sd.math().abs(ctr).neg())));
        SDVariable ctrLoss = ctrBce.mul(pos).sum().div(numPos);
        return focal.add(giouLoss).add(ctrLoss);
    }

    static SDVariable placeholderScalar(SameDiff sd, String name) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.placeHolder(name, DataType.FLOAT);
    }

    /** The {@code n} channels of {@code x} [N, n, H, W] as [N, 1, H, W] slices. */
    static SDVariable[] channels(SDVariable x, int n) {
        SDVariable[] out = new SDVariable[n];
        for (int c = 0; c < n; c++) {
            out[c] = x.get(SDIndex.all(), SDIndex.interval(c, c + 1), SDIndex.all(), SDIndex.all());
        }
        return out;
    }

    @Override
    void targets(DetectionSet data, int[] index, Map<String, INDArray> feed) {
        int n = index.length;
        int k = classes();
        int positives = 0;
        double ctrSum = 0;
        for (int l = 0; l < 2; l++) {
            int stride = STRIDES[l];
            int s = side(stride);
            int hw = s * s;
            float[] cls = new float[n * k * hw];
            float[] reg = new float[n * 4 * hw];
            float[] ctr = new float[n * hw];
            float[] pos = new float[n * hw];
            float[] clsOne = new float[k * hw];
            float[] regOne = new float[4 * hw];
            float[] ctrOne = new float[hw];
            float[] posOne = new float[hw];
            double lo = l == 0 ? 0 : split;
            double hi = l == 0 ? split : Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                int img = index[i];
                positives += FcosTargets.assign(data.boxes(img), data.labels(img), data.boxCount(img), stride, s, s, lo,
                        hi, CENTRE_RADIUS, k, clsOne, regOne, ctrOne, posOne);
                System.arraycopy(clsOne, 0, cls, i * k * hw, k * hw);
                System.arraycopy(regOne, 0, reg, i * 4 * hw, 4 * hw);
                System.arraycopy(ctrOne, 0, ctr, i * hw, hw);
                System.arraycopy(posOne, 0, pos, i * hw, hw);
                for (int c = 0; c < hw; c++) {
                    ctrSum += ctrOne[c];
                }
            }
            feed.put("fcos.cls" + l, Nd4j.create(cls, new long[] {n, k, s, s}, 'c'));
            feed.put("fcos.reg" + l, Nd4j.create(reg, new long[] {n, 4, s, s}, 'c'));
            feed.put("fcos.ctr" + l, Nd4j.create(ctr, new long[] {n, 1, s, s}, 'c'));
            feed.put("fcos.pos" + l, Nd4j.create(pos, new long[] {n, 1, s, s}, 'c'));
        }
        feed.put("fcos.numPos", Nd4j.scalar((float) Math.max(1, positives)));
        feed.put("fcos.ctrSum", Nd4j.scalar((float) Math.max(1e-6, ctrSum)));
    }

    @Override
    List<String> predictionOutputs() {
        return List.of("cls0", "reg0", "ctr0", "cls1", "reg1", "ctr1");
    }

    @Override
    List<Detection> decode(Map<String, INDArray> outputs, int i, long imageId, int categoryOffset) {
        List<Box> boxes = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int k = classes();
        for (int l = 0; l < 2; l++) {
            int stride = STRIDES[l];
            int s = side(stride);
            int hw = s * s;
            float[] cls = outputs.get("cls" + l).slice(i).dup('c').data().asFloat();
            float[] reg = outputs.get("reg" + l).slice(i).dup('c').data().asFloat();
            float[] ctr = outputs.get("ctr" + l).slice(i).dup('c').data().asFloat();
            for (int at = 0; at < hw; at++) {
                double centerness = sigmoid(ctr[at]);
                double y = (at / s) * stride + stride / 2;
                double x = (at % s) * stride + stride / 2;
                for (int c = 0; c < k; c++) {
                    double p = sigmoid(cls[c * hw + at]);
                    if (p <= SCORE_THRESHOLD) {
                        continue;
                    }
                    double x0 = clamp(x - reg[at] * stride);
                    double y0 = clamp(y - reg[hw + at] * stride);
                    double x1 = clamp(x + reg[2 * hw + at] * stride);
                    double y1 = clamp(y + reg[3 * hw + at] * stride);
                    if (x1 <= x0 || y1 <= y0) {
                        continue;
                    }
                    boxes.add(Box.fromCorners(x0, y0, x1, y1));
                    scores.add(Math.sqrt(p * centerness));
                    labels.add(c);
                }
            }
        }
        return Decoding.nms(boxes, scores, labels, imageId, categoryOffset, NMS_IOU, MAX_DETECTIONS);
    }

    private double clamp(double v) {
        return Math.max(0, Math.min(canvas(), v));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
