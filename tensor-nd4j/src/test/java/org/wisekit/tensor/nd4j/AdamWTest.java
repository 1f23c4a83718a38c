package org.wisekit.tensor.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamWTest {

    @Test
    void firstTwoStepsMatchTheFormulaWrittenOut() {
        AdamW adam = new AdamW();
        float[] w = {1f, -2f};
        double lr = 0.1;
        double wd = 0.01;
        adam.nextStep();
        adam.update("w", w, new float[] {0.5f, -1f}, lr, wd);
        // step 1: m = 0.1 g, v = 0.001 g^2, so m_hat / (sqrt(v_hat) + eps) = g / (|g| + eps) = sign(g)
        assertThat(w[0]).isCloseTo((float) (1 - lr * (1 + wd * 1)), within(1e-6f));
        assertThat(w[1]).isCloseTo((float) (-2 - lr * (-1 + wd * -2)), within(1e-6f));
        double w0 = w[0];
        adam.nextStep();
        adam.update("w", w, new float[] {0.5f, -1f}, lr, wd);
        // the same gradient again: the bias-corrected moments are still g and g^2
        assertThat(w[0]).isCloseTo((float) (w0 - lr * (1 + wd * w0)), within(1e-6f));
        assertThat(adam.steps()).isEqualTo(2);
        assertThat(adam.stateBytes()).isEqualTo(2 * 2 * 4);
    }

    @Test
    void theProximalTermPullsTowardsTheAnchor() {
        AdamW plain = new AdamW();
        AdamW prox = new AdamW();
        float[] a = {0.5f};
        float[] b = {0.5f};
        plain.nextStep();
        prox.nextStep();
        plain.update("w", a, new float[] {0f}, 0.1, 0);
        prox.update("w", b, new float[] {0f}, 0.1, 0, new float[] {0f}, 1.0);
        assertThat(a[0]).isEqualTo(0.5f);           // zero gradient: m = 0, no move
        assertThat(b[0]).isCloseTo(0.4f, within(1e-6f)); // gradient mu (w - 0) = 0.5 > 0: one lr step down
    }

    @Test
    void nd4jUpdatesAgreeWithArrayUpdates() {
        AdamW arrays = new AdamW();
        AdamW nd4j = new AdamW();
        float[] w = {0.3f, -0.7f, 1.1f, 0.0f, 2.5f, -1.5f};
        INDArray wNd = Nd4j.create(w.clone(), new long[] {2, 3}, 'c');
        java.util.Random rng = new java.util.Random(4);
        for (int step = 0; step < 5; step++) {
            float[] g = new float[w.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rng.nextGaussian();
            }
            arrays.nextStep();
            nd4j.nextStep();
            arrays.update("w", w, g, 0.01, 0.05);
            nd4j.update("w", wNd, Nd4j.create(g.clone(), new long[] {2, 3}, 'c'), 0.01, 0.05);
        }
        float[] fromNd = wNd.data().asFloat();
        for (int i = 0; i < w.length; i++) {
            assertThat(fromNd[i]).as("w[%d]", i).isCloseTo(w[i], within(1e-5f));
        }
        assertThat(nd4j.stateBytes()).isEqualTo(arrays.stateBytes());
    }

    @Test
    void clipScaleUsesTheGlobalNorm() {
        INDArray a = Nd4j.create(new float[] {3f}, new long[] {1}, 'c');
        INDArray b = Nd4j.create(new float[] {4f}, new long[] {1}, 'c');
        assertThat(AdamW.clipScale(List.of(a, b), 10)).isEqualTo(1.0);
        assertThat(AdamW.clipScale(List.of(a, b), 1)).isCloseTo(1 / (5 + 1e-6), within(1e-12));
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void rejectsMisuse() {
        AdamW adam = new AdamW();
        assertThatThrownBy(() -> adam.update("w", new float[1], new float[1], 0.1, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nextStep");
        adam.nextStep();
        assertThatThrownBy(() -> adam.update("w", new float[2], new float[1], 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter w");
        assertThatThrownBy(() -> new AdamW(1, 0.9, 1e-8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdamW.clipScale(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
