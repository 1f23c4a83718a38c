package org.wisekit.dfmsd.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.nd4j.linalg.ops.transforms.Transforms;
import org.wisekit.dfmsd.mask.Attention;
import org.wisekit.dfmsd.mask.BoxMaps;
import org.wisekit.dfmsd.mask.FeatureNorm;
import org.wisekit.dfmsd.mask.Masks;
import org.wisekit.tensor.nd4j.Nd4jThreads;
import org.wisekit.tensor.nd4j.SeededInit;

/**
 * The distillation losses in SameDiff against the plain-Java references of {@link DistillReference}, the graph's
 * attention and normalisation against the mask package, the zero loss for equal inputs with an identity
 * generator, and the argument checks.
 */
class DistillationLossTest {

    static final int N = 2;
    static final int CS = 2;
    static final int C = 4;
    static final int H = 3;
    static final int W = 5;
    static final SeededInit INIT = new SeededInit(7, SeededInit.Mixing.XOR_PRODUCT);

    // ------------------------------------------------------------------------------------------- kernels

    @Test
    void convolutionWeightsAreKhKwCinCoutAgainstPlainJava() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int k : new int[] {1, 3}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, H, W);
            INDArray wt = randn(rnd, DataType.DOUBLE, k, k, 2, 3);
            INDArray b = randn(rnd, DataType.DOUBLE, 3);
            SDVariable y = sd.cnn().conv2d(x, sd.constant(wt), sd.constant(b), DistillationLosses.convConfig(k));
            INDArray in = randn(rnd, DataType.DOUBLE, N, 2, H, W);
            Nd4jThreads.withoutArrayReuse(sd);
            INDArray out = sd.output(Map.of("x", in), y.name()).get(y.name());
            assertThat(out.shape()).containsExactly(N, 3, H, W);
            double[] ref = DistillReference.conv(DistillReference.flat(in), N, 2, H, W, DistillReference.flat(wt),
                    DistillReference.flat(b), 3, k);
            assertClose(DistillReference.flat(out), ref, 1e-12);
        }
    }

    @Test
    void graphAttentionEqualsTheMaskPackage() {
        SplittableRandom rnd = new SplittableRandom(2);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, C, H, W);
        SDVariable[] att = DistillationLosses.attention(sd, x, C, H, W, 0.5);
        INDArray in = randn(rnd, DataType.FLOAT, N, C, H, W).muli(2);
        Nd4jThreads.withoutArrayReuse(sd);
        Map<String, INDArray> out = sd.output(Map.of("x", in), att[0].name(), att[1].name());
        assertThat(out.get(att[0].name()).shape()).containsExactly(N, 1, H, W);
        assertThat(out.get(att[1].name()).shape()).containsExactly(N, C, 1, 1);
        for (int n = 0; n < N; n++) {
            float[] feat = in.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).dup('c').data().asFloat();
            float[] sp = new float[H * W];
            float[] ch = new float[C];
            Attention.spatial(feat, C, H, W, 0.5, sp);
            Attention.channel(feat, C, H, W, 0.5, ch);
            float[] gsp = out.get(att[0].name()).get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).dup('c').data().asFloat();
            float[] gch = out.get(att[1].name()).get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).dup('c').data().asFloat();
            assertThat(gsp).containsExactly(sp, within(2e-5f));
            assertThat(gch).containsExactly(ch, within(2e-5f));
        }
    }

    @Test
    void graphNormalisationHasMeanZeroStdOnePerSampleAndChannelAndEqualsFeatureNorm() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", type, -1, C, H, W);
            SDVariable y = DistillationLosses.standardize(sd, "y", x, 1e-6);
            INDArray in = randn(rnd, type, N, C, H, W).muli(3).addi(5);
            Nd4jThreads.withoutArrayReuse(sd);
            INDArray out = sd.output(Map.of("x", in), "y").get("y");
            INDArray mean = out.mean(2, 3);
            INDArray std = out.std(false, 2, 3);
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    assertThat(mean.getDouble(n, c)).isCloseTo(0, within(1e-5));
                    assertThat(std.getDouble(n, c)).isCloseTo(1, within(1e-5));
                }
                float[] feat = in.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).castTo(DataType.FLOAT).dup('c')
                        .data().asFloat();
                float[] ref = new float[feat.length];
                FeatureNorm.standardize(feat, C, H, W, 1e-6, ref);
                float[] got = out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)).castTo(DataType.FLOAT).dup('c')
                        .data().asFloat();
                assertThat(got).containsExactly(ref, within(1e-5f));
            }
        }
    }

    // ----------------------------------------------------------------------------------- against references

    @Test
    void fgdEqualsTheReference() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int cs : new int[] {CS, C}) {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.DOUBLE, cs, rnd);
            SDVariable fg = sd.placeHolder("fg", DataType.DOUBLE, -1, 1, H, W);
            SDVariable bg = sd.placeHolder("bg", DataType.DOUBLE, -1, 1, H, W);
            FgdSettings s = new FgdSettings(0.3, 0.2, 0.7, 0.11, 0.5);
            DistillationLosses.Loss loss = DistillationLosses.fgd(sd, "p3", in.student, in.teacher, fg, bg, s, INIT);
            assertThat(loss.trainable()).allMatch(n -> n.startsWith("p3."))
                    .contains("p3.gc.s.add2.w", "p3.gc.t.mask.w").hasSize(cs == C ? 16 : 18);
            randomise(sd, loss.trainable(), rnd);
            float[][] masks = fgdMasks(new float[][] {{1, 2, 9, 5, 10, 0, 9, 11}, {}});
            Map<String, INDArray> feed = in.feed();
            feed.put("fg", Nd4j.create(toDouble(masks[0]), new long[] {N, 1, H, W}, 'c'));
            feed.put("bg", Nd4j.create(toDouble(masks[1]), new long[] {N, 1, H, W}, 'c'));
            double[] ref = DistillReference.fgd(in.s, in.t, toDouble(masks[0]), toDouble(masks[1]), N, cs, C, H, W,
                    params(sd, "p3", loss.trainable()), s);
            String[] names = {"p3.fg", "p3.bg", "p3.mask", "p3.global", "p3.loss"};
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> out = sd.output(feed, names);
            for (int i = 0; i < names.length; i++) {
                assertThat(out.get(names[i]).getDouble(0)).as(names[i]).isCloseTo(ref[i], within(1e-9 * Math.abs(ref[i])));
                assertThat(ref[i]).as(names[i] + " is not trivially zero").isGreaterThan(1e-6);
            }
            assertThat(loss.total().name()).isEqualTo("p3.loss");
        }
    }

    @Test
    void fgdStartsAsFgdDoes() {
        // FGD's reset_parameters: zero last conv of each channel_add branch (the GcBlock starts as the identity),
        // LayerNorm gain 1 and bias 0, context convolution bias 0
        SameDiff sd = SameDiff.create();
        Inputs in = Inputs.of(sd, DataType.FLOAT, C, new SplittableRandom(5));
        SDVariable fg = sd.placeHolder("fg", DataType.FLOAT, -1, 1, H, W);
        DistillationLosses.fgd(sd, "a", in.student, in.teacher, fg, fg, FgdSettings.defaults(), INIT);
        assertThat(sd.getArrForVarName("a.gc.s.add2.w").sumNumber().doubleValue()).isZero();
        assertThat(sd.getArrForVarName("a.gc.t.add2.b").sumNumber().doubleValue()).isZero();
        assertThat(sd.getArrForVarName("a.gc.s.ln.g").minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(sd.getArrForVarName("a.gc.s.mask.b").getDouble(0)).isZero();
        assertThat(sd.getArrForVarName("a.gc.s.mask.w").std(true).getDouble(0)).isGreaterThan(0.2);
        assertThat(FgdSettings.defaults()).isEqualTo(new FgdSettings(1e-3, 5e-4, 1e-3, 5e-6, 0.5));
    }

    @Test
    void mgdEqualsTheReference() {
        SplittableRandom rnd = new SplittableRandom(6);
        SameDiff sd = SameDiff.create();
        Inputs in = Inputs.of(sd, DataType.DOUBLE, CS, rnd);
        SDVariable mask = sd.placeHolder("m", DataType.DOUBLE, -1, 1, H, W);
        DistillationLosses.Loss loss = DistillationLosses.mgd(sd, "m4", in.student, in.teacher, mask,
                new MgdSettings(0.01, 0.65), INIT);
        assertThat(loss.trainable()).containsExactly("m4.align.w", "m4.align.b", "m4.gen.conv1.w", "m4.gen.conv1.b",
                "m4.gen.conv2.w", "m4.gen.conv2.b");
        float[] m = new float[N * H * W];
        float[] one = new float[H * W];
        SplittableRandom masks = new SplittableRandom(60);
        for (int n = 0; n < N; n++) {
            Masks.random(H, W, 0.65, masks, one);
            System.arraycopy(one, 0, m, n * H * W, H * W);
        }
        Map<String, INDArray> feed = in.feed();
        feed.put("m", Nd4j.create(toDouble(m), new long[] {N, 1, H, W}, 'c'));
        double ref = DistillReference.mgd(in.s, in.t, toDouble(m), N, CS, C, H, W, params(sd, "m4", loss.trainable()), 0.01);
        assertThat(eval(sd, feed, "m4.loss")).isCloseTo(ref, within(1e-10 * ref));
    }

    @Test
    void pkdEqualsTheReferenceAndNormalisesPerChannelOverTheBatch() {
        SplittableRandom rnd = new SplittableRandom(7);
        SameDiff sd = SameDiff.create();
        Inputs in = Inputs.of(sd, DataType.DOUBLE, C, rnd);
        DistillationLosses.Loss loss = DistillationLosses.pkd(sd, in.student, in.teacher, 2.5);
        assertThat(loss.trainable()).isEmpty();
        double ref = DistillReference.pkd(in.s, in.t, N, C, H * W, 2.5);
        assertThat(eval(sd, in.feed(), loss.total().name())).isCloseTo(ref, within(1e-10 * ref));
        // PKD's loss is weight * (1 - r) / ... : for T = a S + b (a > 0) it is 0 up to eps, for T = -S it is 2 * weight
        // times (M-1)/M
        Map<String, INDArray> feed = in.feed();
        feed.put("t", feed.get("s").mul(3).add(1));
        assertThat(eval(sd, feed, loss.total().name())).isCloseTo(0, within(1e-9));
        feed.put("t", feed.get("s").neg());
        int m = N * H * W;
        assertThat(eval(sd, feed, loss.total().name())).isCloseTo(2.5 * 2 * (m - 1.0) / m, within(1e-5));
        // with an align conv (mmrazor's connector) when the channels differ
        SameDiff sd2 = SameDiff.create();
        Inputs in2 = Inputs.of(sd2, DataType.DOUBLE, CS, rnd);
        DistillationLosses.Loss aligned = DistillationLosses.pkd(sd2, "k", in2.student, CS, in2.teacher, 1.0, INIT);
        assertThat(aligned.trainable()).containsExactly("k.align.w", "k.align.b");
        double[] x = DistillReference.align(in2.s, N, CS, C, H, W, params(sd2, "k", aligned.trainable()));
        assertThat(eval(sd2, in2.feed(), "k.loss"))
                .isCloseTo(DistillReference.pkd(x, in2.t, N, C, H * W, 1.0), within(1e-10));
    }

    @Test
    void dfmsdEqualsTheReferenceForEverySwitch() {
        SplittableRandom rnd = new SplittableRandom(8);
        DfmsdSettings full = DfmsdSettings.defaults(0.01);
        List<DfmsdSettings> variants = List.of(full, full.withAlign(false), full.withEca(false),
                full.withLearnableSigma(false), new DfmsdSettings(0.3, 0.6, 1, 5, true, true, true, true, false, 1));
        for (DfmsdSettings s : variants) {
            for (int cs : new int[] {CS, C}) {
                SameDiff sd = SameDiff.create();
                Inputs in = Inputs.of(sd, DataType.DOUBLE, cs, rnd);
                SDVariable msp = sd.placeHolder("msp", DataType.DOUBLE, -1, 1, H, W);
                SDVariable mch = sd.placeHolder("mch", DataType.DOUBLE, -1, C, 1, 1);
                DistillationLosses.DfmsdLoss loss = DistillationLosses.dfmsd(sd, "d", in.student, in.teacher, msp, mch,
                        s, INIT);
                assertThat(loss.trainable()).hasSize((cs == C ? 0 : 2) + 8 + (s.eca() ? 2 : 0)
                        + (s.learnableSigma() ? 2 : 0));
                assertThat(loss.logSigmaSp() == null).isEqualTo(!s.learnableSigma());
                randomise(sd, loss.trainable(), rnd);
                float[][] masks = dfmsdMasks(in.t, s, 2, 2);
                Map<String, INDArray> feed = in.feed();
                feed.put("msp", Nd4j.create(toDouble(masks[0]), new long[] {N, 1, H, W}, 'c'));
                feed.put("mch", Nd4j.create(toDouble(masks[1]), new long[] {N, C, 1, 1}, 'c'));
                double[] ref = DistillReference.dfmsd(in.s, in.t, toDouble(masks[0]), toDouble(masks[1]), N, cs, C, H, W,
                        params(sd, "d", loss.trainable()), s);
                Nd4jThreads.withoutArrayReuse(sd);
                Map<String, INDArray> out = sd.output(feed, loss.spatial().name(), loss.channel().name(),
                        loss.total().name());
                assertThat(out.get(loss.spatial().name()).getDouble(0)).isCloseTo(ref[0], within(1e-9 * ref[0]));
                assertThat(out.get(loss.channel().name()).getDouble(0)).isCloseTo(ref[1], within(1e-9 * ref[1]));
                assertThat(out.get("d.loss").getDouble(0)).isCloseTo(ref[2], within(1e-9 * Math.abs(ref[2])));
            }
        }
    }

    // --------------------------------------------------------------------------------- equal inputs: zero

    @Test
    void everyLossIsZeroForEqualInputsWithAnIdentityGenerator() {
        SplittableRandom rnd = new SplittableRandom(9);
        // FGD: equal features, the two GcBlocks sharing (random, non-zero) weights
        {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.DOUBLE, C, rnd);
            SDVariable fg = sd.placeHolder("fg", DataType.DOUBLE, -1, 1, H, W);
            SDVariable bg = sd.placeHolder("bg", DataType.DOUBLE, -1, 1, H, W);
            DistillationLosses.Loss loss = DistillationLosses.fgd(sd, "f", in.student, in.teacher, fg, bg,
                    new FgdSettings(1, 1, 1, 1, 0.5), INIT);
            randomise(sd, loss.trainable(), rnd);
            for (String n : loss.trainable()) {
                if (n.startsWith("f.gc.t.")) {
                    sd.getArrForVarName(n).assign(sd.getArrForVarName(n.replace("f.gc.t.", "f.gc.s.")));
                }
            }
            float[][] masks = fgdMasks(new float[][] {{0, 0, 8, 8}, {4, 4, 12, 7}});
            Map<String, INDArray> feed = in.feed();
            feed.put("t", feed.get("s").dup());
            feed.put("fg", Nd4j.create(toDouble(masks[0]), new long[] {N, 1, H, W}, 'c'));
            feed.put("bg", Nd4j.create(toDouble(masks[1]), new long[] {N, 1, H, W}, 'c'));
            for (String term : new String[] {"f.fg", "f.bg", "f.mask", "f.global", "f.loss"}) {
                assertThat(eval(sd, feed, term)).as(term).isCloseTo(0, within(1e-12));
            }
            // not vacuous: different features or unshared GcBlocks give a positive loss
            sd.getArrForVarName("f.gc.t.add2.b").addi(0.1);
            assertThat(eval(sd, feed, "f.global")).isGreaterThan(1e-3);
            feed.put("t", feed.get("s").add(0.1));
            assertThat(eval(sd, feed, "f.fg")).isGreaterThan(1e-4);
        }
        // MGD: equal features, mask of ones, G = identity: both convs Dirac (centre tap 1 on the diagonal), the
        // first with bias +10 and the second with bias -10, so that ReLU(x + 10) - 10 = x for every x >= -10 (the
        // inputs are in (-5, 5)); in DOUBLE, so that the +-10 shift is exact to 1e-15
        {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.DOUBLE, C, rnd);
            SDVariable mask = sd.placeHolder("m", DataType.DOUBLE, -1, 1, H, W);
            DistillationLosses.Loss loss = DistillationLosses.mgd(sd, "g", in.student, in.teacher, mask,
                    new MgdSettings(1, 0.5), INIT);
            identityGenerator(sd, "g.gen", 10);
            Map<String, INDArray> feed = in.feed();
            feed.put("t", feed.get("s").dup());
            feed.put("m", Nd4j.ones(DataType.DOUBLE, N, 1, H, W));
            assertThat(eval(sd, feed, "g.loss")).isCloseTo(0, within(1e-20));
            feed.put("m", feed.get("m").putScalar(3, 0.0));
            assertThat(eval(sd, feed, "g.loss")).isGreaterThan(1e-6);
        }
        // MGD in FLOAT on non-negative features with plain Dirac kernels and zero biases: exactly 0
        {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.FLOAT, C, rnd);
            SDVariable mask = sd.placeHolder("m", DataType.FLOAT, -1, 1, H, W);
            DistillationLosses.mgd(sd, "g", in.student, in.teacher, mask, MgdSettings.defaults(), INIT);
            identityGenerator(sd, "g.gen", 0);
            Map<String, INDArray> feed = in.feed();
            INDArray nonNegative = Transforms.abs(feed.get("s"));
            feed.put("s", nonNegative);
            feed.put("t", nonNegative.dup());
            feed.put("m", Nd4j.ones(DataType.FLOAT, N, 1, H, W));
            assertThat(eval(sd, feed, "g.loss")).isZero();
        }
        // PKD
        {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.FLOAT, C, rnd);
            DistillationLosses.Loss loss = DistillationLosses.pkd(sd, in.student, in.teacher, 1);
            Map<String, INDArray> feed = in.feed();
            feed.put("t", feed.get("s").dup());
            assertThat(eval(sd, feed, loss.total().name())).isZero();
        }
        // DFMSD: equal features, masks of ones, both generators the identity as above, ECA off (its gate
        // sigmoid(.) < 1 cannot be the identity); learnable log sigma at its start 0, or fixed weights;
        // standardisation on or off
        DfmsdSettings base = DfmsdSettings.defaults(1).withEca(false);
        for (DfmsdSettings s : List.of(base, base.withLearnableSigma(false), base.withAlign(false))) {
            SameDiff sd = SameDiff.create();
            Inputs in = Inputs.of(sd, DataType.DOUBLE, C, rnd);
            SDVariable msp = sd.placeHolder("msp", DataType.DOUBLE, -1, 1, H, W);
            SDVariable mch = sd.placeHolder("mch", DataType.DOUBLE, -1, C, 1, 1);
            DistillationLosses.DfmsdLoss loss = DistillationLosses.dfmsd(sd, "d", in.student, in.teacher, msp, mch, s,
                    INIT);
            identityGenerator(sd, "d.gsp", 10);
            identityGenerator(sd, "d.gch", 10);
            Map<String, INDArray> feed = in.feed();
            feed.put("t", feed.get("s").dup());
            feed.put("msp", Nd4j.ones(DataType.DOUBLE, N, 1, H, W));
            feed.put("mch", Nd4j.ones(DataType.DOUBLE, N, C, 1, 1));
            Nd4jThreads.withoutArrayReuse(sd);
            Map<String, INDArray> out = sd.output(feed, loss.spatial().name(), loss.channel().name(), "d.loss");
            assertThat(out.get(loss.spatial().name()).getDouble(0)).isCloseTo(0, within(1e-20));
            assertThat(out.get(loss.channel().name()).getDouble(0)).isCloseTo(0, within(1e-20));
            assertThat(out.get("d.loss").getDouble(0)).isCloseTo(0, within(1e-20));
            feed.put("mch", feed.get("mch").putScalar(1, 0.0));
            assertThat(eval(sd, feed, loss.channel().name())).isGreaterThan(1e-3);
        }
    }

    // ------------------------------------------------------------------------------------- graph structure

    @Test
    void levelsAndStagesCoexistUnderTheirPrefixes() {
        SameDiff sd = SameDiff.create();
        SDVariable s3 = sd.placeHolder("s3", DataType.FLOAT, -1, CS, 6, 6);
        SDVariable t3 = sd.placeHolder("t3", DataType.FLOAT, -1, C, 6, 6);
        SDVariable s4 = sd.placeHolder("s4", DataType.FLOAT, -1, CS, 3, 3);
        SDVariable t4 = sd.placeHolder("t4", DataType.FLOAT, -1, C, 3, 3);
        SDVariable m3 = sd.placeHolder("m3", DataType.FLOAT, -1, 1, 6, 6);
        SDVariable c3 = sd.placeHolder("c3", DataType.FLOAT, -1, C, 1, 1);
        SDVariable m4 = sd.placeHolder("m4", DataType.FLOAT, -1, 1, 3, 3);
        SDVariable c4 = sd.placeHolder("c4", DataType.FLOAT, -1, C, 1, 1);
        DfmsdSettings s = DfmsdSettings.defaults(1e-3);
        var a = DistillationLosses.dfmsd(sd, "stage1.p3", s3, t3, m3, c3, s, INIT);
        var b = DistillationLosses.dfmsd(sd, "stage1.p4", s4, t4, m4, c4, s, INIT);
        var f = DistillationLosses.fgd(sd, "fgd.p3", s3, t3, m3, m3, FgdSettings.defaults(), INIT);
        assertThat(a.trainable()).allMatch(n -> n.startsWith("stage1.p3.")).doesNotContainAnyElementsOf(b.trainable());
        assertThat(f.trainable()).doesNotContainAnyElementsOf(a.trainable());
        SDVariable total = a.total().add(b.total()).add(f.total());
        SplittableRandom rnd = new SplittableRandom(10);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("s3", randn(rnd, DataType.FLOAT, N, CS, 6, 6));
        feed.put("t3", randn(rnd, DataType.FLOAT, N, C, 6, 6));
        feed.put("s4", randn(rnd, DataType.FLOAT, N, CS, 3, 3));
        feed.put("t4", randn(rnd, DataType.FLOAT, N, C, 3, 3));
        feed.put("m3", Nd4j.ones(DataType.FLOAT, N, 1, 6, 6));
        feed.put("c3", Nd4j.ones(DataType.FLOAT, N, C, 1, 1));
        feed.put("m4", Nd4j.ones(DataType.FLOAT, N, 1, 3, 3));
        feed.put("c4", Nd4j.ones(DataType.FLOAT, N, C, 1, 1));
        double sum = eval(sd, feed, a.total().name()) + eval(sd, feed, b.total().name()) + eval(sd, feed, f.total().name());
        assertThat(eval(sd, feed, total.name())).isCloseTo(sum, within(1e-5 * Math.abs(sum)));
        // the same (seed, name) gives the same start values in another graph
        SameDiff other = SameDiff.create();
        DistillationLosses.dfmsd(other, "stage1.p3", other.placeHolder("s", DataType.FLOAT, -1, CS, 6, 6),
                other.placeHolder("t", DataType.FLOAT, -1, C, 6, 6), other.placeHolder("m", DataType.FLOAT, -1, 1, 6, 6),
                other.placeHolder("c", DataType.FLOAT, -1, C, 1, 1), s, INIT);
        for (String n : a.trainable()) {
            assertThat(other.getArrForVarName(n)).isEqualTo(sd.getArrForVarName(n));
        }
    }

    @Test
    void badInputGetsAClearError() {
        SameDiff sd = SameDiff.create();
        SDVariable s = sd.placeHolder("s", DataType.FLOAT, -1, CS, H, W);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, -1, C, H, W);
        SDVariable tWide = sd.placeHolder("tw", DataType.FLOAT, -1, C, H, W + 1);
        SDVariable msp = sd.placeHolder("msp", DataType.FLOAT, -1, 1, H, W);
        SDVariable mch = sd.placeHolder("mch", DataType.FLOAT, -1, C, 1, 1);
        SDVariable mchWrong = sd.placeHolder("mchw", DataType.FLOAT, -1, C + 1, 1, 1);
        SDVariable tDouble = sd.placeHolder("td", DataType.DOUBLE, -1, C, H, W);
        SDVariable unknown = sd.placeHolder("u", DataType.FLOAT, (long[]) null);
        DfmsdSettings ds = DfmsdSettings.defaults(1);
        assertThatThrownBy(() -> DistillationLosses.dfmsd(sd, "a", s, tWide, msp, mch, ds, INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in H or W");
        assertThatThrownBy(() -> DistillationLosses.dfmsd(sd, "a", s, t, msp, mchWrong, ds, INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channelMask must be [N, 4, 1, 1]");
        assertThatThrownBy(() -> DistillationLosses.mgd(sd, "a", s, t, mch, MgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask must be [N, 1, 3, 5]");
        assertThatThrownBy(() -> DistillationLosses.fgd(sd, "a", s, tDouble, msp, msp, FgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher has data type DOUBLE");
        assertThatThrownBy(() -> DistillationLosses.fgd(sd, "a", s, unknown, msp, msp, FgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher must have a known shape");
        SDVariable convOut = s.mul(2.0); // an op output: SameDiff does not know its shape when the graph is built
        assertThatThrownBy(() -> DistillationLosses.mgd(sd, "a", convOut, t, msp, MgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass studentChannels");
        assertThatThrownBy(() -> DistillationLosses.mgd(sd, "a", s, 3, t, msp, MgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("studentChannels is 3");
        assertThatThrownBy(() -> DistillationLosses.pkd(sd, s, t, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in dimension 1");
        assertThatThrownBy(() -> DistillationLosses.pkd(sd, s, t, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> DistillationLosses.fgd(sd, "", s, t, msp, msp, FgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        SDVariable t1 = sd.placeHolder("t1", DataType.FLOAT, -1, 1, H, W);
        assertThatThrownBy(() -> DistillationLosses.fgd(sd, "a", s, t1, msp, msp, FgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 2");
        // a builder that works once, then the same prefix again
        DistillationLosses.mgd(sd, "once", s, CS, t, msp, MgdSettings.defaults(), INIT);
        assertThatThrownBy(() -> DistillationLosses.mgd(sd, "once", s, t, msp, MgdSettings.defaults(), INIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix 'once' is already used");
        // settings
        assertThatThrownBy(() -> new DfmsdSettings(1.0, 0.5, 1, 3, true, true, true, true, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rhoSpatial must be in (0, 1)")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> new DfmsdSettings(0.5, 0, 1, 3, true, true, true, true, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rhoChannel");
        assertThatThrownBy(() -> new DfmsdSettings(0.5, 0.5, 1, 4, true, true, true, true, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ecaKernel must be odd");
        assertThatThrownBy(() -> new MgdSettings(2e-5, 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda must be in (0, 1)")
                .hasMessageContaining("1.2");
        assertThatThrownBy(() -> new FgdSettings(1e-3, 5e-4, 1e-3, 5e-6, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ds.gamma(3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage must be in 1..2, got 3");
        assertThat(ds.gamma(1, 2)).isEqualTo(0.5);
        assertThat(ds.withEnhancement(false).gamma(2, 2)).isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Student and teacher placeholders with random values ({@code s}, {@code t} as doubles too). */
    static final class Inputs {
        SDVariable student;
        SDVariable teacher;
        INDArray studentValue;
        INDArray teacherValue;
        double[] s;
        double[] t;

        static Inputs of(SameDiff sd, DataType type, int cs, SplittableRandom rnd) {
            Inputs in = new Inputs();
            in.student = sd.placeHolder("s", type, -1, cs, H, W);
            in.teacher = sd.placeHolder("t", type, -1, C, H, W);
            in.studentValue = randn(rnd, type, N, cs, H, W).muli(1.5);
            in.teacherValue = randn(rnd, type, N, C, H, W).muli(1.5).addi(0.3);
            in.s = DistillReference.flat(in.studentValue);
            in.t = DistillReference.flat(in.teacherValue);
            return in;
        }

        Map<String, INDArray> feed() {
            Map<String, INDArray> f = new HashMap<>();
            f.put("s", studentValue);
            f.put("t", teacherValue);
            return f;
        }
    }

    static INDArray randn(SplittableRandom rnd, DataType type, long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        double[] v = new double[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(-3.3, Math.min(3.3, rnd.nextGaussian()));
        }
        return Nd4j.create(v, shape, 'c').castTo(type);
    }

    /** Every listed variable set to random values (scale 0.4, so that nothing is trivially zero). */
    static void randomise(SameDiff sd, List<String> names, SplittableRandom rnd) {
        for (String n : names) {
            INDArray a = sd.getArrForVarName(n);
            a.assign(randn(rnd, a.dataType(), a.shape()).muli(0.4));
        }
    }

    /** The variables' values by local name (without {@code prefix.}). */
    static Map<String, double[]> params(SameDiff sd, String prefix, List<String> names) {
        Map<String, double[]> p = new HashMap<>();
        for (String n : names) {
            p.put(n.substring(prefix.length() + 1), DistillReference.flat(sd.getArrForVarName(n)));
        }
        return p;
    }

    /** Sets the generator {@code g} to {@code ReLU(x + shift) - shift}: Dirac 3x3 kernels, biases +-shift. */
    static void identityGenerator(SameDiff sd, String g, double shift) {
        INDArray dirac = Nd4j.zeros(sd.getArrForVarName(g + ".conv1.w").dataType(), 3, 3, C, C);
        for (int c = 0; c < C; c++) {
            dirac.putScalar(new long[] {1, 1, c, c}, 1.0);
        }
        sd.getArrForVarName(g + ".conv1.w").assign(dirac);
        sd.getArrForVarName(g + ".conv2.w").assign(dirac);
        sd.getArrForVarName(g + ".conv1.b").assign(shift);
        sd.getArrForVarName(g + ".conv2.b").assign(-shift);
    }

    /** FGD's foreground and background masks [N*H*W] for per-sample box lists (pixel xywh, stride 4). */
    static float[][] fgdMasks(float[][] boxesPerSample) {
        float[] fg = new float[N * H * W];
        float[] bg = new float[N * H * W];
        float[] f = new float[H * W];
        float[] b = new float[H * W];
        for (int n = 0; n < N; n++) {
            float[] boxes = n < boxesPerSample.length ? boxesPerSample[n] : new float[0];
            BoxMaps.fgdForeground(boxes, boxes.length / 4, 4, H, W, f);
            BoxMaps.fgdBackground(f, b);
            System.arraycopy(f, 0, fg, n * H * W, H * W);
            System.arraycopy(b, 0, bg, n * H * W, H * W);
        }
        return new float[][] {fg, bg};
    }

    /**
     * DFMSD's masks [N*H*W] and [N*C] computed from the teacher as the reproduction does: FGD attention, in-box
     * enhancement at stage {@code stage} of {@code stages} (one box per sample), top-k selection.
     */
    static float[][] dfmsdMasks(double[] teacher, DfmsdSettings s, int stage, int stages) {
        float[] sp = new float[N * H * W];
        float[] ch = new float[N * C];
        float[] att = new float[H * W];
        float[] cAtt = new float[C];
        float[] inside = new float[H * W];
        float[] m = new float[H * W];
        float[] cm = new float[C];
        for (int n = 0; n < N; n++) {
            float[] feat = new float[C * H * W];
            for (int i = 0; i < feat.length; i++) {
                feat[i] = (float) teacher[n * C * H * W + i];
            }
            Attention.spatial(feat, C, H, W, DfmsdSettings.ATTENTION_TEMPERATURE, att);
            Attention.channel(feat, C, H, W, DfmsdSettings.ATTENTION_TEMPERATURE, cAtt);
            BoxMaps.inside(new float[] {4 * n, 2, 7, 5}, 1, 4, H, W, inside);
            Masks.enhance(att, inside, s.gamma(stage, stages), att);
            Masks.topSpatial(att, H, W, s.rhoSpatial(), m);
            Masks.topChannel(cAtt, C, s.rhoChannel(), cm);
            System.arraycopy(m, 0, sp, n * H * W, H * W);
            System.arraycopy(cm, 0, ch, n * C, C);
        }
        return new float[][] {sp, ch};
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** The scalar output {@code name}, computed with ND4J on one thread. */
    static double eval(SameDiff sd, Map<String, INDArray> feed, String name) {
        return Nd4jThreads.single(() -> {
            Nd4jThreads.withoutArrayReuse(sd);
            return sd.output(feed, name).get(name).getDouble(0);
        });
    }

    static void assertClose(double[] got, double[] want, double rel) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("index %d", i).isCloseTo(want[i], within(rel * Math.max(1, Math.abs(want[i]))));
        }
    }
}
