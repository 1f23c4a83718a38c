package org.wisekit.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mean pooling + L2 normalization: a hand-computed padded case, a slow double-precision reference, errors. */
class PoolingTest {

    @Test
    void handComputedCaseWithPadding() {
        // two sequences of width 2 in one padded batch of length 3: the first has 2 tokens, the second 3
        float[] hidden = {
            1, 2, 3, 6, 1000, -1000,   // sequence 0: tokens (1, 2), (3, 6); padding row (1000, -1000)
            0, 3, 4, 0, 2, 3};         // sequence 1: (0, 3), (4, 0), (2, 3)
        float[] out = new float[5];
        out[0] = 99;                   // values before and after the slot stay untouched
        out[4] = 99;
        Pooling.meanPoolL2(hidden, 0, 2, 2, out, 1);
        // mean (2, 4), norm sqrt(20): (1, 2) / sqrt(5)
        assertThat(out[1]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-7f));
        assertThat(out[2]).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-7f));
        assertThat(out[0]).isEqualTo(99f);
        assertThat(out[3]).isEqualTo(0f);
        assertThat(out[4]).isEqualTo(99f);
        float[] second = new float[2];
        Pooling.meanPoolL2(hidden, 6, 3, 2, second, 0);
        // mean (2, 2): (1, 1) / sqrt(2)
        assertThat(second[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
        assertThat(second[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
    }

    @Test
    void zeroMeanStaysZeroInsteadOfNaN() {
        float[] v = Pooling.meanPoolL2(new float[] {1, -1, -1, 1}, 2, 2);
        assertThat(v).containsExactly(0f, 0f);
    }

    @Test
    void agreesWithADoublePrecisionReference() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int tokens = 1 + r.nextInt(130);
            int dim = 1 + r.nextInt(40);
            int pad = r.nextInt(5);
            float[] hidden = new float[(tokens + pad) * dim];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = (float) (r.nextGaussian() * 3 + 0.5);
            }
            float[] got = Pooling.meanPoolL2(hidden, tokens, dim);
            double[] mean = new double[dim];
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < dim; j++) {
                    mean[j] += hidden[i * dim + j];
                }
            }
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                mean[j] /= tokens;
                norm += mean[j] * mean[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                assertThat((double) got[j]).as("trial %d, %d tokens, dim %d, j %d", trial, tokens, dim, j)
                        .isCloseTo(mean[j] / norm, within(2e-5 + 1e-4 * Math.abs(mean[j] / norm)));
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        float[] h = new float[12];
        float[] out = new float[4];
        assertThatThrownBy(() -> Pooling.meanPoolL2(h, 0, 0, 4, out, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tokens: must be >= 1, got 0");
        assertThatThrownBy(() -> Pooling.meanPoolL2(h, 0, 1, 0, out, 0)).hasMessage("dim: must be >= 1, got 0");
        assertThatThrownBy(() -> Pooling.meanPoolL2(h, 4, 3, 4, out, 0))
                .hasMessage("offset: 3 rows of 4 from 4 do not fit in hidden of length 12");
        assertThatThrownBy(() -> Pooling.meanPoolL2(h, 0, 3, 4, out, 1))
                .hasMessage("outOffset: 4 values from 1 do not fit in out of length 4");
    }
}
