package org.wisekit.vitdw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Structure, invariants and gradients of the SameDiff ViT with DW shortcuts. */
class ViTModelTest {

    /** 8 x 12 images, patch 4: a 2 x 3 grid (H != W), so a row/column mix-up shows. */
    static final ViTConfig TINY = new ViTConfig(8, 12, 1, 4, 6, 2, 2, 3, 8, 3);
    /** The reproduction's Fashion-MNIST micro-ViT: patch 7 (4 x 4 grid), D = 48, 4 blocks, 3 heads of 16, MLP 96. */
    static final ViTConfig FASHION = new ViTConfig(28, 28, 1, 7, 48, 4, 3, 16, 96, 10);

    static INDArray images(int n, ViTConfig c, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, c.imageHeight(), c.imageWidth(), c.channels());
    }

    /** Parameters of the plain ViT by hand: embedding, cls, positions, blocks, head. */
    static long vitParameters(ViTConfig c) {
        long d = c.width();
        long block = 2 * 2 * d + 3 * d * c.innerDim() + c.innerDim() * d + d + d * c.mlpDim() + c.mlpDim()
                + c.mlpDim() * d + d;
        return c.patchDim() * d + d + d + (c.patches() + 1) * d + c.depth() * block + 2 * d + d * c.classes()
                + c.classes();
    }

    @Test
    void parameterCountsOfEveryVariant() {
        ViTConfig c = FASHION;
        long vit = vitParameters(c);
        long d = c.width();
        assertThat(ViTModel.create(c, DwShortcut.none(), 1).parameterCount()).isEqualTo(vit);
        ViTModel perBlock = ViTModel.create(c, DwShortcut.perBlock(), 1);
        assertThat(perBlock.dwParameterCount()).isEqualTo(12 * d * 4).isEqualTo(DwShortcut.perBlock().parameters(c));
        assertThat(perBlock.parameterCount()).isEqualTo(vit + 12 * d * 4);
        ViTModel bypass = ViTModel.create(c, DwShortcut.bypass(2), 1);
        assertThat(bypass.dwParameterCount()).isEqualTo(12 * d * 2).isEqualTo(DwShortcut.bypass(2).parameters(c));
        ViTModel bypass4 = ViTModel.create(c, DwShortcut.bypass(4), 1);
        assertThat(bypass4.dwParameterCount()).isEqualTo(12 * d);
        ViTModel parallel = ViTModel.create(c, DwShortcut.parallel(3, 5), 1);
        assertThat(parallel.dwParameterCount()).isEqualTo((12 + 28) * d * 4)
                .isEqualTo(DwShortcut.parallel(3, 5).parameters(c));
    }

    @Test
    void sharedPartsStartIdenticalAcrossArms() {
        ViTModel vit = ViTModel.create(TINY, DwShortcut.none(), 5);
        ViTModel dw = ViTModel.create(TINY, DwShortcut.parallel(3, 5), 5);
        for (Map.Entry<String, INDArray> p : vit.parameters().entrySet()) {
            assertThat(dw.parameters().get(p.getKey())).as(p.getKey()).isEqualTo(p.getValue());
        }
        assertThat(ViTModel.create(TINY, DwShortcut.none(), 6).parameters().get("pos"))
                .isNotEqualTo(vit.parameters().get("pos"));
    }

    @Test
    void zeroDwWeightsGiveThePlainVitBitForBit() {
        ViTModel vit = ViTModel.create(TINY, DwShortcut.none(), 3);
        for (DwShortcut shortcut : new DwShortcut[] {DwShortcut.perBlock(), DwShortcut.bypass(2),
                DwShortcut.parallel(3, 5)}) {
            ViTModel dw = ViTModel.create(TINY, shortcut, 3);
            dw.parameters().entrySet().stream().filter(e -> e.getKey().contains(".conv."))
                    .forEach(e -> e.getValue().assign(0));
            INDArray x = images(5, TINY, 1);
            assertThat(dw.logits(x)).as(shortcut.label()).isEqualTo(vit.logits(x));
            INDArray targets = Nd4j.ones(DataType.FLOAT, 5, 3).divi(3);
            assertThat(dw.gradients(x, targets).loss()).isEqualTo(vit.gradients(x, targets).loss());
        }
    }

    @Test
    void shortcutIsZeroOnTheClsTokenAndNonZeroElsewhere() {
        ViTModel dw = ViTModel.create(TINY, DwShortcut.perBlock(), 2);
        INDArray s = dw.shortcutOutput(images(4, TINY, 2), "dw1.k3");
        assertThat(s.shape()).containsExactly(4, 7, 6);
        for (int b = 0; b < 4; b++) {
            for (int d = 0; d < 6; d++) {
                assertThat(s.getDouble(b, 0, d)).isEqualTo(0.0);
            }
        }
        assertThat(s.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 7),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).norm2Number().doubleValue()).isGreaterThan(0);
    }

    @Test
    void attentionRowsSumToOne() {
        ViTModel model = ViTModel.create(TINY, DwShortcut.perBlock(), 4);
        INDArray probs = model.attention(images(3, TINY, 3), 1);
        assertThat(probs.shape()).containsExactly(3, 2, 7, 7);
        INDArray sums = probs.sum(3);
        for (double v : sums.dup().data().asDouble()) {
            assertThat(v).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void tokenGridReshapesAreInverseAndRowMajor() {
        SameDiff sd = SameDiff.create();
        SDVariable tokens = sd.placeHolder("t", DataType.FLOAT, -1, 6, 4);
        SDVariable grid = ViTModel.tokensToGrid(tokens, 2, 3, 4);
        grid.rename("grid");
        ViTModel.gridToTokens(grid, 6, 4).rename("back");
        INDArray t = Nd4j.arange(2 * 6 * 4).castTo(DataType.FLOAT).reshape(2, 6, 4);
        Map<String, INDArray> out = sd.output(Map.of("t", t), "grid", "back");
        assertThat(out.get("back")).isEqualTo(t);
        for (int b = 0; b < 2; b++) {
            for (int n = 0; n < 6; n++) {
                for (int d = 0; d < 4; d++) {
                    assertThat(out.get("grid").getFloat(b, n / 3, n % 3, d)).isEqualTo(t.getFloat(b, n, d));
                }
            }
        }
        // the selection matrix agrees with the same (row, column) layout: tap (0, 0) of token 4 = (1, 1) is token 0
        double[] s = ViTModel.tapSelection(3, 2, 3);
        assertThat(s[4 * 6]).isEqualTo(1.0);
        assertThat(s[4 * 6 + 1]).isEqualTo(0.0);
    }

    @Test
    void gradientsEqualFiniteDifferencesInDoublePrecision() {
        ViTModel model = ViTModel.create(TINY, DwShortcut.parallel(3, 5), 9, DataType.DOUBLE);
        INDArray x = images(6, TINY, 4).castTo(DataType.DOUBLE);
        INDArray targets = Nd4j.create(new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8},
                {0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}});
        Map<String, INDArray> grads = model.gradients(x, targets).gradients();
        double h = 1e-6;
        int checked = 0;
        for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
            INDArray w = p.getValue();
            INDArray g = grads.get(p.getKey());
            for (long i = 0; i < w.length(); i += Math.max(1, w.length() / 2)) {
                double original = w.getDouble(i);
                w.putScalar(i, original + h);
                double plus = model.loss(x, targets);
                w.putScalar(i, original - h);
                double minus = model.loss(x, targets);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * h);
                assertThat(g.getDouble(i)).as(p.getKey() + "[" + i + "]")
                        .isCloseTo(numeric, within(1e-6 + 1e-4 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void runningStatisticsFollowPyTorchMomentum() {
        ViTModel model = ViTModel.create(TINY, DwShortcut.perBlock(), 1, DataType.DOUBLE);
        INDArray x = images(4, TINY, 5).castTo(DataType.DOUBLE);
        INDArray targets = Nd4j.ones(DataType.DOUBLE, 4, 3).divi(3);
        model.gradients(x, targets);
        INDArray[] first = model.runningStatistics("dw0.k3");
        // the first module's input is the embedded tokens, identical in a plain ViT: recompute GELU + moments
        INDArray mean1 = first[0].dup();
        INDArray var1 = first[1].dup();
        model.gradients(x, targets);
        INDArray[] second = model.runningStatistics("dw0.k3");
        // same batch twice, weights unchanged: batch moments m, v; after two updates mean = 0.19 m and
        // var = 0.81 + 0.19 * v * n / (n - 1)
        INDArray m = mean1.div(0.1);
        INDArray vUnbiased = var1.sub(0.9).div(0.1);
        assertThat(second[0].sub(m.mul(0.19)).norm2Number().doubleValue()).isLessThan(1e-12);
        assertThat(second[1].sub(vUnbiased.mul(0.19).add(0.81)).norm2Number().doubleValue()).isLessThan(1e-12);
        // eval mode uses them: changing the running mean changes the logits
        INDArray before = model.logits(x);
        first[0].addi(1);
        assertThat(model.logits(x)).isNotEqualTo(before);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> new ViTConfig(28, 28, 1, 5, 48, 4, 3, 16, 96, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not divisible by the patch size 5");
        assertThatThrownBy(() -> DwShortcut.parallel(3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel size must be odd");
        assertThatThrownBy(() -> ViTModel.create(FASHION, DwShortcut.bypass(3), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth 4 is not divisible by the bypass length 3");
        ViTModel model = ViTModel.create(TINY, DwShortcut.none(), 1);
        assertThatThrownBy(() -> model.logits(Nd4j.zeros(DataType.FLOAT, 2, 8, 8, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images must be [n, 8, 12, 1]");
    }
}
