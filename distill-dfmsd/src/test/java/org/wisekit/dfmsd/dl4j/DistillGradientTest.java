package org.wisekit.dfmsd.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wisekit.dfmsd.mask.Masks;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * SameDiff's gradients of the distillation losses against central finite differences in a DOUBLE graph (N = 2,
 * 4x4 maps): DFMSD (C = 3) with respect to the student features, the align convolution, both generators, the ECA
 * weights and both log sigma; FGD, MGD and PKD with respect to the student and their own variables.
 */
class DistillGradientTest {

    static final int N = 2;
    static final int H = 4;
    static final int W = 4;
    static final double STEP = 1e-5;
    static final int ENTRIES = 3;
    static final int DIRECTIONS = 2;
    static final SeededInit INIT = new SeededInit(17, SeededInit.Mixing.XOR_PRODUCT);

    @Test
    void dfmsdGradientsEqualFiniteDifferences() {
        int c = 3;
        SplittableRandom rnd = new SplittableRandom(31);
        // every component on with Cs = C; then Cs = 2 (the align convolution), no standardisation, no ECA
        DfmsdSettings full = DfmsdSettings.defaults(0.05);
        for (DfmsdSettings s : List.of(full, full.withAlign(false).withEca(false))) {
            int cs = s.align() ? c : 2;
            SameDiff sd = SameDiff.create();
            SDVariable student = sd.var("student", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, cs, H, W));
            SDVariable teacher = sd.placeHolder("t", DataType.DOUBLE, -1, c, H, W);
            SDVariable msp = sd.placeHolder("msp", DataType.DOUBLE, -1, 1, H, W);
            SDVariable mch = sd.placeHolder("mch", DataType.DOUBLE, -1, c, 1, 1);
            DistillationLosses.DfmsdLoss loss = DistillationLosses.dfmsd(sd, "d", student, cs, teacher, msp, mch, s,
                    INIT);
            DistillationLossTest.randomise(sd, loss.trainable(), rnd); // log sigma away from 0 as well
            Map<String, INDArray> feed = new HashMap<>();
            feed.put("t", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, c, H, W));
            feed.put("msp", spatialMasks(rnd));
            feed.put("mch", channelMasks(rnd, c));
            List<String> thorough = List.of("student", "d.logSigmaSp", "d.logSigmaCh", "d.gsp.conv1.w",
                    "d.gch.conv2.w");
            assertThat(loss.trainable()).containsAll(thorough.subList(1, thorough.size()))
                    .contains("d.gsp.conv2.w", "d.gch.conv1.w");
            assertThat(loss.trainable().contains("d.eca.sp.w")).isEqualTo(s.eca());
            assertThat(loss.trainable().contains("d.align.w")).isEqualTo(cs != c);
            List<String> light = new ArrayList<>(loss.trainable());
            light.removeAll(thorough);
            checkGradients(sd, "d.loss", feed, thorough, light, rnd);
        }
    }

    @Test
    void fgdMgdAndPkdGradientsEqualFiniteDifferences() {
        int c = 4;
        SplittableRandom rnd = new SplittableRandom(32);
        // FGD (through the attention's abs and softmax, the masks, both GcBlocks)
        {
            SameDiff sd = SameDiff.create();
            SDVariable student = sd.var("student", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, 3, H, W));
            SDVariable teacher = sd.placeHolder("t", DataType.DOUBLE, -1, c, H, W);
            SDVariable fg = sd.placeHolder("fg", DataType.DOUBLE, -1, 1, H, W);
            SDVariable bg = sd.placeHolder("bg", DataType.DOUBLE, -1, 1, H, W);
            DistillationLosses.Loss loss = DistillationLosses.fgd(sd, "f", student, 3, teacher, fg, bg,
                    new FgdSettings(0.5, 0.3, 0.2, 0.1, 0.5), INIT);
            DistillationLossTest.randomise(sd, loss.trainable(), rnd);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put("t", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, c, H, W));
            feed.put("fg", spatialMasks(rnd).muli(0.25));
            feed.put("bg", spatialMasks(rnd).muli(0.1));
            checkGradients(sd, "f.loss", feed, List.of("student"), loss.trainable(), rnd);
        }
        // MGD
        {
            SameDiff sd = SameDiff.create();
            SDVariable student = sd.var("student", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, 2, H, W));
            SDVariable teacher = sd.placeHolder("t", DataType.DOUBLE, -1, c, H, W);
            SDVariable mask = sd.placeHolder("m", DataType.DOUBLE, -1, 1, H, W);
            DistillationLosses.Loss loss = DistillationLosses.mgd(sd, "g", student, 2, teacher, mask,
                    new MgdSettings(0.1, 0.65), INIT);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put("t", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, c, H, W));
            feed.put("m", spatialMasks(rnd));
            checkGradients(sd, "g.loss", feed, List.of("student"), loss.trainable(), rnd);
        }
        // PKD (unbiased std over (N, H, W))
        {
            SameDiff sd = SameDiff.create();
            SDVariable student = sd.var("student", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, c, H, W));
            SDVariable teacher = sd.placeHolder("t", DataType.DOUBLE, -1, c, H, W);
            DistillationLosses.Loss loss = DistillationLosses.pkd(sd, student, teacher, 3.0);
            Map<String, INDArray> feed = new HashMap<>();
            feed.put("t", DistillationLossTest.randn(rnd, DataType.DOUBLE, N, c, H, W));
            checkGradients(sd, loss.total().name(), feed, List.of("student"), List.of(), rnd);
        }
    }

    /**
     * Checks d loss / d v by central differences with step 1e-5: for each {@code thorough} variable at
     * {@link #ENTRIES} random entries and along {@link #DIRECTIONS} random normal directions {@code u} (the whole
     * gradient at once: {@code (L(v + h u) - L(v - h u)) / 2h} against {@code <grad, u>}), for each {@code light}
     * variable along one random direction; relative error below 1e-6, or absolute below 1e-9 near 0. Runs with
     * ND4J on one thread (8x faster on a loaded 2-core machine; each loss evaluation still costs milliseconds,
     * hence the sampling).
     */
    static void checkGradients(SameDiff sd, String lossName, Map<String, INDArray> feed, List<String> thorough,
                               List<String> light, SplittableRandom rnd) {
        List<String> names = new ArrayList<>(thorough);
        names.addAll(light);
        int checked = Nd4jThreads.single(() -> {
            sd.setLossVariables(lossName);
            PrintStream stdout = System.out; // SameDiff prints "Added differentiated op ..." there: keep tests quiet
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(stdout);
            }
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> grads = sd.calculateGradients(feed, names);
            int count = 0;
            for (String name : names) {
                boolean full = thorough.contains(name);
                INDArray value = sd.getArrForVarName(name);
                INDArray grad = grads.get(name);
                assertThat(grad).as("gradient of " + name).isNotNull();
                assertThat(grad.shape()).containsExactly(value.shape());
                long length = value.length();
                for (int t = 0; full && t < Math.min(length, ENTRIES); t++) {
                    long i = rnd.nextLong(length);
                    INDArray unit = Nd4j.zeros(value.dataType(), value.shape());
                    unit.putScalar(i, 1.0);
                    compare(sd, lossName, feed, value, unit, grad.getDouble(i), name + "[" + i + "]");
                    count++;
                }
                for (int d = 0; d < (full ? DIRECTIONS : 1); d++) {
                    INDArray u = DistillationLossTest.randn(rnd, value.dataType(), value.shape());
                    compare(sd, lossName, feed, value, u, grad.mul(u).sumNumber().doubleValue(),
                            name + " along a random direction");
                    count++;
                }
            }
            return count;
        });
        assertThat(checked).isGreaterThanOrEqualTo(names.size());
    }

    private static void compare(SameDiff sd, String lossName, Map<String, INDArray> feed, INDArray value,
                                INDArray direction, double analytic, String what) {
        INDArray orig = value.dup();
        value.addi(direction.mul(STEP));
        double up = DistillationLossTest.eval(sd, feed, lossName);
        value.assign(orig).subi(direction.mul(STEP));
        double down = DistillationLossTest.eval(sd, feed, lossName);
        value.assign(orig);
        double numeric = (up - down) / (2 * STEP);
        double err = Math.abs(numeric - analytic);
        double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
        assertThat(err <= 1e-6 * scale || err <= 1e-9)
                .as("%s: analytic %.10g, numeric %.10g", what, analytic, numeric).isTrue();
    }

    /** Random 0/1 spatial masks [N, 1, H, W] (MGD's rule, about half hidden). */
    static INDArray spatialMasks(SplittableRandom rnd) {
        double[] v = new double[N * H * W];
        float[] one = new float[H * W];
        for (int n = 0; n < N; n++) {
            Masks.random(H, W, 0.5, rnd, one);
            for (int p = 0; p < H * W; p++) {
                v[n * H * W + p] = one[p];
            }
        }
        return Nd4j.create(v, new long[] {N, 1, H, W}, 'c');
    }

    /** Top-k channel masks [N, c, 1, 1] of random scores. */
    static INDArray channelMasks(SplittableRandom rnd, int c) {
        double[] v = new double[N * c];
        float[] score = new float[c];
        float[] m = new float[c];
        for (int n = 0; n < N; n++) {
            for (int k = 0; k < c; k++) {
                score[k] = (float) rnd.nextDouble();
            }
            Masks.topChannel(score, c, 0.5, m);
            for (int k = 0; k < c; k++) {
                v[n * c + k] = m[k];
            }
        }
        return Nd4j.create(v, new long[] {N, c, 1, 1}, 'c');
    }
}
