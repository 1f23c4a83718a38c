package org.wisekit.lutmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wisekit.lutmm.MaddnessAblation.Tables;
import org.wisekit.lutmm.MaddnessAblation.Thresholds;
import org.wisekit.lutmm.MaddnessAblation.Variant;
import org.wisekit.tensor.Tensor;

/** The ablation variants against brute-force references and against the model's own product. */
class MaddnessAblationTest {

    private static final int D = 40;
    private static final int C = 8;
    private static final int M = 5;

    private static Tensor train() {
        return MaddnessModelTest.clustered(21, 3000, D, C, 2f);
    }

    /** Rows drawn like the training rows, a count that is not a multiple of any block size. */
    private static float[] testRows(int n) {
        return MaddnessModelTest.clustered(22, n, D, C, 2f).data();
    }

    /** The tree walk with the trees' float thresholds, written out independently: x > v goes right. */
    private static int floatCode(MaddnessModel model, float[] a, int i, int c) {
        int[] dims = model.encoder().splitDims();
        float[] v = model.floatThresholds();
        int node = 0;
        for (int t = 0; t < 4; t++) {
            float x = a[i * D + dims[4 * c + t]];
            float threshold = v[(4 * c + t) * 16 + node];
            node = 2 * node + (!Float.isNaN(threshold) && x > threshold ? 1 : 0);
        }
        return node;
    }

    @Test
    void prototypesAloneAreTheSumOfPrototypeTimesB() {
        MaddnessModel model = MaddnessModel.fit(train(), MaddnessConfig.maddness(C));
        Tensor b = Tensor.normal(23, 0f, 1f, D, M);
        int n = 517;
        float[] a = testRows(n);
        float[] out = new MaddnessAblation(model, b).multiply(a, n, Variant.PROTOTYPES);
        float[] p = model.prototypes();
        float[] w = b.data();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < M; m++) {
                double expected = 0;
                double magnitude = 0;
                for (int c = 0; c < C; c++) {
                    int proto = (16 * c + floatCode(model, a, i, c)) * D;
                    for (int j = 0; j < D; j++) {
                        expected += (double) p[proto + j] * w[j * M + m];
                        magnitude += Math.abs((double) p[proto + j] * w[j * M + m]);
                    }
                }
                assertThat((double) out[i * M + m]).isCloseTo(expected,
                        offset(1e-5 * magnitude + 1e-6));
            }
        }
    }

    @Test
    void eightBitVariantsAreTheModelsProductBitForBit() {
        MaddnessModel model = MaddnessModel.fit(train(), MaddnessConfig.maddness(C));
        Tensor b = Tensor.normal(24, 0f, 1f, D, M);
        int n = 333;
        float[] a = testRows(n);
        MaddnessAblation ablation = new MaddnessAblation(model, b);
        assertBits(ablation.multiply(a, n, Variant.MADDNESS), model.bind(b).multiply(Tensor.wrap(a, n, D)).data());
        Variant summed = new Variant(Thresholds.QUANTIZED, Tables.QUANTIZED, Aggregation.SUM);
        assertBits(ablation.multiply(a, n, summed),
                model.withAggregation(Aggregation.SUM).bind(b).multiply(Tensor.wrap(a, n, D)).data());
    }

    private static void assertBits(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int p = 0; p < expected.length; p++) {
            assertThat(Float.floatToIntBits(actual[p])).as("output %d", p).isEqualTo(Float.floatToIntBits(expected[p]));
        }
    }

    @Test
    void floatThresholdsGiveTheLearnersBucketsOnTheTrainingRows() {
        // without the ridge step the prototypes are the leaf means over each slice, so the float tree walk of
        // the training rows must reproduce exactly the buckets they were averaged over
        Tensor train = train();
        int n = train.dim(0);
        MaddnessModel model = MaddnessModel.fit(train, MaddnessConfig.maddnessPq(C));
        byte[] codes = new MaddnessAblation(model, Tensor.normal(25, 0f, 1f, D, 1)).encode(train.data(), n, Thresholds.FLOAT);
        float[] x = train.data();
        float[] p = model.prototypes();
        for (int c = 0; c < C; c++) {
            int start = MaddnessModel.sliceStart(D, C, c);
            int end = MaddnessModel.sliceStart(D, C, c + 1);
            double[][] sums = new double[16][D];
            int[] counts = new int[16];
            for (int i = 0; i < n; i++) {
                int k = codes[c * n + i];
                assertThat(k).isEqualTo(floatCode(model, x, i, c));
                counts[k]++;
                for (int j = start; j < end; j++) {
                    sums[k][j] += x[i * D + j];
                }
            }
            for (int k = 0; k < 16; k++) {
                for (int j = start; j < end && counts[k] > 0; j++) {
                    assertThat((double) p[(16 * c + k) * D + j]).isCloseTo(sums[k][j] / counts[k],
                            offset(1e-4));
                }
            }
        }
    }

    @Test
    void floatTablesSummedStayWithinHalfAStepPerCodebookOfTheEightBitSum() {
        MaddnessModel model = MaddnessModel.fit(train(), MaddnessConfig.maddness(C));
        Tensor b = Tensor.normal(26, 0f, 1f, D, M);
        int n = 400;
        float[] a = testRows(n);
        MaddnessAblation ablation = new MaddnessAblation(model, b);
        byte[] codes = ablation.encode(a, n, Thresholds.QUANTIZED);
        float[] exactTables = ablation.multiply(codes, n, Tables.FLOAT, Aggregation.SUM);
        float[] byteTables = ablation.multiply(codes, n, Tables.QUANTIZED, Aggregation.SUM);
        double step = 1.0 / model.lut(b).scale();
        for (int p = 0; p < exactTables.length; p++) {
            assertThat(Math.abs(exactTables[p] - byteTables[p])).isLessThanOrEqualTo((float) (C * 0.5 * step * 1.0001 + 1e-4));
        }
    }

    @Test
    void nearestCodesMinimiseTheSliceDistance() {
        MaddnessModel model = MaddnessModel.fit(train(), MaddnessConfig.maddness(C));
        int n = 101;
        float[] a = testRows(n);
        byte[] codes = new MaddnessAblation(model, Tensor.normal(27, 0f, 1f, D, 2)).encodeNearest(a, n);
        float[] p = model.prototypes();
        for (int c = 0; c < C; c++) {
            int start = MaddnessModel.sliceStart(D, C, c);
            int end = MaddnessModel.sliceStart(D, C, c + 1);
            for (int i = 0; i < n; i++) {
                double[] dist = new double[16];
                for (int k = 0; k < 16; k++) {
                    for (int j = start; j < end; j++) {
                        double e = a[i * D + j] - p[(16 * c + k) * D + j];
                        dist[k] += e * e;
                    }
                }
                int chosen = codes[c * n + i];
                for (int k = 0; k < 16; k++) {
                    assertThat(dist[chosen]).isLessThanOrEqualTo(dist[k]);
                }
            }
        }
    }

    @Test
    void sixDistinctVariantsFromMaddnessToThePrototypesAlone() {
        List<Variant> all = Variant.all();
        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(all.get(0)).isEqualTo(Variant.MADDNESS);
        assertThat(all.get(5)).isEqualTo(Variant.PROTOTYPES);
        assertThat(Variant.MADDNESS.label()).isEqualTo("8-bit thresholds, 8-bit tables, average");
        assertThat(Variant.PROTOTYPES.label()).isEqualTo("float thresholds, float tables, exact sum");
    }

    @Test
    void badInputGetsClearErrors() {
        assertThatThrownBy(() -> new Variant(Thresholds.FLOAT, Tables.FLOAT, Aggregation.AVERAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AVERAGE");
        assertThatThrownBy(() -> new Variant(null, Tables.FLOAT, Aggregation.SUM)).hasMessageContaining("thresholds");
        Tensor b = Tensor.normal(28, 0f, 1f, D, 3);
        assertThatThrownBy(() -> new MaddnessAblation(null, b)).hasMessageContaining("model");
        MaddnessModel six = MaddnessModel.fit(MaddnessModelTest.clustered(29, 500, D, 6, 1f),
                new MaddnessConfig(6, Aggregation.SUM, true, 1.0));
        assertThatThrownBy(() -> new MaddnessAblation(six, Tensor.zeros(D + 1, 3))).hasMessageContaining("[" + D);
        MaddnessAblation ablation = new MaddnessAblation(six, b);
        float[] a = testRows(10);
        assertThatThrownBy(() -> ablation.multiply(a, 10, Variant.MADDNESS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C = 6");
        assertThatThrownBy(() -> ablation.multiply(a, 11, Variant.PROTOTYPES)).hasMessageContaining("n = 11");
        assertThatThrownBy(() -> ablation.multiply(new byte[5], 10, Tables.FLOAT, Aggregation.SUM))
                .hasMessageContaining("6 x 10");
    }
}
