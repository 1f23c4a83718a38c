package org.wisekit.dfmsd.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Top-k masks against a sorted reference (ties included), the sampled and random masks, and enhancement. */
class MasksTest {

    @Test
    void maskedCountIsTheCeilingWithoutRoundingUpExactProducts() {
        assertThat(Masks.maskedCount(0.5, 144)).isEqualTo(72);
        assertThat(Masks.maskedCount(0.5, 9)).isEqualTo(5);
        assertThat(Masks.maskedCount(0.65, 36)).isEqualTo(24); // 23.4 -> 24
        assertThat(Masks.maskedCount(0.14, 100)).isEqualTo(14); // 0.14 * 100 = 14.000000000000002 in double
        assertThat(Masks.maskedCount(0.001, 10)).isEqualTo(1);
        assertThat(Masks.maskedCount(0.99, 10)).isEqualTo(10);
    }

    @Test
    void topSpatialHidesExactlyTheTopScoresLikeTheSortedReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] sizes = {{1, 1}, {1, 7}, {3, 5}, {4, 4}, {12, 12}, {6, 8}, {24, 24}};
        double[] rhos = {0.01, 0.1, 0.25, 0.3, 0.5, 0.65, 0.9, 0.999};
        for (int[] s : sizes) {
            int n = s[0] * s[1];
            for (double rho : rhos) {
                for (int trial = 0; trial < 10; trial++) {
                    float[] score = new float[n];
                    for (int p = 0; p < n; p++) {
                        score[p] = trial % 2 == 0 ? (float) rnd.nextDouble() : rnd.nextInt(4); // odd trials: many ties
                    }
                    float[] out = new float[n];
                    Masks.topSpatial(score, s[0], s[1], rho, out);
                    assertThat(out).containsExactly(sortedReference(score, Masks.maskedCount(rho, n)));
                    assertThat(zeros(out)).isEqualTo((int) Math.ceil(rho * n - 1e-9));
                }
            }
        }
    }

    @Test
    void topChannelHidesExactlyCeilRhoCChannels() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int c : new int[] {1, 2, 3, 16, 32, 64, 255}) {
            for (double rho : new double[] {0.05, 0.3, 0.5, 0.77}) {
                float[] score = new float[c];
                for (int k = 0; k < c; k++) {
                    score[k] = rnd.nextInt(5) * 0.5f;
                }
                float[] out = new float[c];
                Masks.topChannel(score, c, rho, out);
                assertThat(zeros(out)).isEqualTo(Math.max(1, (int) Math.ceil(rho * c - 1e-9)));
                assertThat(out).containsExactly(sortedReference(score, Masks.maskedCount(rho, c)));
            }
        }
    }

    @Test
    void tiesGoToTheLowerIndexAndAllEqualScoresAreHandled() {
        float[] out = new float[6];
        Masks.topChannel(new float[] {1, 2, 2, 2, 0, 2}, 6, 0.5, out); // k = 3 of four 2s: indices 1, 2, 3
        assertThat(out).containsExactly(1, 0, 0, 0, 1, 1);
        float[] flat = new float[15];
        Arrays.fill(flat, 0.25f);
        float[] m = new float[15];
        Masks.topSpatial(flat, 3, 5, 0.4, m); // k = 6: the first six
        assertThat(m).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        // adversarial orders for the selection (sorted, reversed, organ pipe) at a larger size
        int n = 4096;
        float[][] orders = new float[3][n];
        for (int p = 0; p < n; p++) {
            orders[0][p] = p;
            orders[1][p] = n - p;
            orders[2][p] = Math.min(p, n - p);
        }
        for (float[] score : orders) {
            float[] o = new float[n];
            Masks.topSpatial(score, 64, 64, 0.37, o);
            assertThat(o).containsExactly(sortedReference(score, Masks.maskedCount(0.37, n)));
        }
    }

    @Test
    void sampledMaskFollowsTheScoresAndIsSeeded() {
        int h = 40;
        int w = 50;
        float[] score = new float[h * w];
        for (int p = 0; p < score.length; p++) {
            score[p] = p % 2 == 0 ? 0.5f : 1.5f; // mean 1: masked with probability rho/2 and 3 rho/2
        }
        double rho = 0.4;
        float[] a = new float[h * w];
        float[] b = new float[h * w];
        Masks.sampledSpatial(score, h, w, rho, new SplittableRandom(5), a);
        Masks.sampledSpatial(score, h, w, rho, new SplittableRandom(5), b);
        assertThat(a).containsExactly(b);
        int lowHidden = 0;
        int highHidden = 0;
        for (int p = 0; p < a.length; p++) {
            assertThat(a[p]).isIn(0f, 1f);
            if (a[p] == 0f) {
                if (p % 2 == 0) {
                    lowHidden++;
                } else {
                    highHidden++;
                }
            }
        }
        // 1000 positions each: expected 200 and 600 hidden, binomial sd about 13 and 15
        assertThat(lowHidden).isBetween(140, 260);
        assertThat(highHidden).isBetween(540, 660);
        // a dominant score is clipped to probability 1
        float[] peaked = new float[10];
        peaked[3] = 100;
        float[] o = new float[10];
        for (int seed = 0; seed < 20; seed++) {
            Masks.sampledSpatial(peaked, 2, 5, 0.5, new SplittableRandom(seed), o);
            assertThat(o[3]).isEqualTo(0f);
            assertThat(o[0]).isEqualTo(1f); // probability 0
        }
    }

    @Test
    void randomMaskIsMgdsRuleWithTheSeededStream() {
        float[] out = new float[30 * 30];
        Masks.random(30, 30, 0.65, new SplittableRandom(9), out);
        SplittableRandom ref = new SplittableRandom(9);
        for (float v : out) {
            assertThat(v).isEqualTo(ref.nextDouble() > 1 - 0.65 ? 0f : 1f);
        }
        assertThat(zeros(out) / 900.0).isCloseTo(0.65, within(0.06));
    }

    @Test
    void enhancementRaisesOnlyInBoxScores() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] att = new float[15];
        for (int p = 0; p < att.length; p++) {
            att[p] = (float) (0.1 + rnd.nextDouble());
        }
        float[] inside = new float[15];
        BoxMaps.inside(new float[] {13, 1, 5, 2}, 1, 4, 3, 5, inside); // rows 0-1, columns 3-4
        float[] out = new float[15];
        Masks.enhance(att, inside, 0.5, out);
        for (int p = 0; p < att.length; p++) {
            if (inside[p] == 1f) {
                assertThat(out[p]).isGreaterThan(att[p]).isCloseTo(1.5f * att[p], within(1e-6f));
            } else {
                assertThat(out[p]).isEqualTo(att[p]);
            }
        }
        assertThat(zeros(inside)).isEqualTo(11);
        // with gamma 0 nothing changes; the enhanced map moves the top mask into the box
        Masks.enhance(att, inside, 0, out);
        assertThat(out).containsExactly(att);
        float[] strong = new float[15];
        Masks.enhance(att, inside, 100, strong);
        float[] mask = new float[15];
        Masks.topSpatial(strong, 3, 5, 4.0 / 15, mask);
        for (int p = 0; p < 15; p++) {
            assertThat(mask[p]).isEqualTo(inside[p] == 1f ? 0f : 1f);
        }
    }

    @Test
    void ratiosOutsideTheOpenUnitIntervalAreRejectedByName() {
        float[] s = new float[4];
        float[] o = new float[4];
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Masks.topSpatial(s, 2, 2, bad, o))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rho must be in (0, 1)")
                    .hasMessageContaining(String.valueOf(bad));
            assertThatThrownBy(() -> Masks.topChannel(s, 4, bad, o))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rho");
            assertThatThrownBy(() -> Masks.sampledSpatial(s, 2, 2, bad, new SplittableRandom(1), o))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rho");
            assertThatThrownBy(() -> Masks.random(2, 2, bad, new SplittableRandom(1), o))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda must be in (0, 1)");
        }
        assertThatThrownBy(() -> Masks.topSpatial(new float[] {1, Float.NaN, 0, 0}, 2, 2, 0.5, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score[1] is NaN");
        assertThatThrownBy(() -> Masks.topSpatial(s, 2, 3, 0.5, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score must have length 6");
        assertThatThrownBy(() -> Masks.enhance(s, new float[3], 1, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside");
        assertThatThrownBy(() -> Masks.enhance(s, s, -1, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
    }

    /** 0 at the first k indices of a full sort by (score descending, index ascending), 1 elsewhere. */
    static float[] sortedReference(float[] score, int k) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));
        float[] out = new float[score.length];
        Arrays.fill(out, 1f);
        for (int r = 0; r < k; r++) {
            out[idx[r]] = 0f;
        }
        return out;
    }

    static int zeros(float[] v) {
        int z = 0;
        for (float x : v) {
            if (x == 0f) {
                z++;
            }
        }
        return z;
    }
}
