package org.wisekit.dfmsd.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FGD attention: the hand-computed 2x2x2 case, the sums H*W and C, and a direct double-precision reference. */
class AttentionTest {

    @Test
    void handComputedTwoByTwoByTwo() {
        // channel 0 holds a_p, channel 1 holds -2 a_p, so mean_c |T| at position p is 1.5 a_p. With
        // a_p = ln(p + 1) / 3 and tau = 0.5, mean/tau = ln(p + 1): the softmax is (1, 2, 3, 4) / 10 and
        // A_sp = 4 * that = 0.4, 0.8, 1.2, 1.6.
        float[] a = new float[4];
        for (int p = 0; p < 4; p++) {
            a[p] = (float) (Math.log(p + 1) / 3);
        }
        float[] feat = {a[0], a[1], a[2], a[3], -2 * a[0], -2 * a[1], -2 * a[2], -2 * a[3]};
        float[] sp = new float[4];
        Attention.spatial(feat, 2, 2, 2, 0.5, sp);
        assertThat(sp).containsExactly(new float[] {0.4f, 0.8f, 1.2f, 1.6f}, within(1e-5f));
        // channel means over positions: m0 = ln(24)/12, m1 = 2 m0; divided by tau: ln(24)/6 and ln(24)/3.
        // With x = 24^(1/6) = 1.698381: A_ch = 2 (x, x^2) / (x + x^2) = (2 / (1 + x), 2x / (1 + x)).
        float[] ch = new float[2];
        Attention.channel(feat, 2, 2, 2, 0.5, ch);
        assertThat(ch).containsExactly(new float[] {0.741185f, 1.258815f}, within(1e-5f));
    }

    @Test
    void sumsAreHwAndCAndMatchTheDirectFormula() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] sizes = {{1, 1, 1}, {3, 2, 5}, {32, 12, 12}, {7, 5, 3}, {64, 6, 6}};
        for (int[] s : sizes) {
            int c = s[0];
            int h = s[1];
            int w = s[2];
            float[] feat = new float[c * h * w];
            for (int i = 0; i < feat.length; i++) {
                feat[i] = (float) (3 * rnd.nextGaussian());
            }
            for (double tau : new double[] {0.5, 0.8, 2.0}) {
                float[] sp = new float[h * w];
                float[] ch = new float[c];
                Attention.spatial(feat, c, h, w, tau, sp);
                Attention.channel(feat, c, h, w, tau, ch);
                assertThat(sum(sp)).isCloseTo(h * w, within(1e-4 * h * w));
                assertThat(sum(ch)).isCloseTo(c, within(1e-4 * c));
                double[] refSp = referenceSpatial(feat, c, h, w, tau);
                double[] refCh = referenceChannel(feat, c, h, w, tau);
                for (int p = 0; p < h * w; p++) {
                    assertThat((double) sp[p]).isCloseTo(refSp[p], within(1e-5 * Math.max(1, refSp[p])));
                }
                for (int k = 0; k < c; k++) {
                    assertThat((double) ch[k]).isCloseTo(refCh[k], within(1e-5 * Math.max(1, refCh[k])));
                }
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        float[] feat = new float[8];
        assertThatThrownBy(() -> Attention.spatial(feat, 2, 2, 2, 0, new float[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> Attention.spatial(feat, 2, 2, 2, 0.5, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> Attention.channel(feat, 2, 2, 3, 0.5, new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feat");
        assertThatThrownBy(() -> Attention.channel(feat, 0, 2, 2, 0.5, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c must be positive, got 0");
    }

    /** A_sp by the formula, without max subtraction, in double. */
    static double[] referenceSpatial(float[] feat, int c, int h, int w, double tau) {
        double[] e = new double[h * w];
        double z = 0;
        for (int p = 0; p < h * w; p++) {
            double m = 0;
            for (int k = 0; k < c; k++) {
                m += Math.abs(feat[k * h * w + p]);
            }
            e[p] = Math.exp(m / c / tau);
            z += e[p];
        }
        for (int p = 0; p < h * w; p++) {
            e[p] = h * w * e[p] / z;
        }
        return e;
    }

    /** A_ch by the formula, in double. */
    static double[] referenceChannel(float[] feat, int c, int h, int w, double tau) {
        double[] e = new double[c];
        double z = 0;
        for (int k = 0; k < c; k++) {
            double m = 0;
            for (int p = 0; p < h * w; p++) {
                m += Math.abs(feat[k * h * w + p]);
            }
            e[k] = Math.exp(m / (h * w) / tau);
            z += e[k];
        }
        for (int k = 0; k < c; k++) {
            e[k] = c * e[k] / z;
        }
        return e;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
