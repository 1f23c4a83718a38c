package org.wisekit.asr.ctc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecodingTest {

    private static float[] oneHot(int[] symbols, int vocab) {
        float[] logits = new float[symbols.length * vocab];
        for (int t = 0; t < symbols.length; t++) {
            Arrays.fill(logits, t * vocab, (t + 1) * vocab, -1f);
            logits[t * vocab + symbols[t]] = 2f;
        }
        return logits;
    }

    @Test
    void greedyMergesRepeatsThenDropsBlanks() {
        int[] frames = {1, 1, 0, 1, 2, 2, 0, 0};
        assertThat(CtcDecoder.greedy(oneHot(frames, 3), frames.length, 3)).containsExactly(1, 1, 2);
        assertThat(CtcDecoder.greedy(oneHot(new int[] {0, 0, 0}, 3), 3, 3)).isEmpty();
        assertThat(CtcDecoder.greedy(oneHot(new int[] {2, 2, 2, 1}, 3), 4, 3)).containsExactly(2, 1);
        assertThat(CtcDecoder.greedy(new float[0], 0, 3)).isEmpty();
    }

    @Test
    void greedyBreaksTiesTowardsTheLowerSymbolAndReadsAtAnOffset() {
        float[] tie = {0f, 1f, 1f};                      // symbols 1 and 2 tie: 1 wins
        assertThat(CtcDecoder.greedy(tie, 1, 3)).containsExactly(1);
        float[] batch = new float[2 * 4 * 3];
        float[] second = oneHot(new int[] {2, 0, 2, 1}, 3);
        System.arraycopy(second, 0, batch, 4 * 3, second.length);
        assertThat(CtcDecoder.greedy(batch, 4 * 3, 4, 3)).containsExactly(2, 2, 1);
        assertThatThrownBy(() -> CtcDecoder.greedy(batch, 4 * 3, 5, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 12 + 5 x 3");
    }

    /** Exponential recursion, independent of the dynamic programme. */
    private static int slowDistance(int[] a, int i, int[] b, int j) {
        if (i == a.length) {
            return b.length - j;
        }
        if (j == b.length) {
            return a.length - i;
        }
        int substitute = slowDistance(a, i + 1, b, j + 1) + (a[i] == b[j] ? 0 : 1);
        int delete = slowDistance(a, i + 1, b, j) + 1;
        int insert = slowDistance(a, i, b, j + 1) + 1;
        return Math.min(substitute, Math.min(delete, insert));
    }

    @Test
    void editDistanceKnownCasesAndRecursiveReference() {
        assertThat(EditDistance.levenshtein(new int[] {1, 2, 3}, new int[] {1, 2, 3})).isZero();
        assertThat(EditDistance.levenshtein(new int[0], new int[] {1, 2})).isEqualTo(2);
        assertThat(EditDistance.levenshtein(new int[] {1, 2, 3}, new int[0])).isEqualTo(3);
        assertThat(EditDistance.levenshtein(new int[] {1, 2, 3}, new int[] {1, 9, 3})).isEqualTo(1);
        assertThat(EditDistance.levenshtein(new int[] {1, 2, 3, 4}, new int[] {2, 3, 4, 5})).isEqualTo(2);
        assertThat(EditDistance.levenshtein(new int[] {1, 3, 5}, new int[] {1, 2, 3, 4, 5})).isEqualTo(2);
        // "kitten" -> "sitting" = 3
        assertThat(EditDistance.levenshtein(new int[] {'k', 'i', 't', 't', 'e', 'n'},
                new int[] {'s', 'i', 't', 't', 'i', 'n', 'g'})).isEqualTo(3);
        Random random = new Random(21);
        for (int trial = 0; trial < 300; trial++) {
            int[] a = random.ints(random.nextInt(7), 0, 3).toArray();
            int[] b = random.ints(random.nextInt(7), 0, 3).toArray();
            assertThat(EditDistance.levenshtein(a, b)).isEqualTo(slowDistance(a, 0, b, 0))
                    .isEqualTo(EditDistance.levenshtein(b, a));
        }
    }

    @Test
    void digitErrorRateIsSummedDistancesOverSummedReferenceLengths() {
        DigitErrorRate der = new DigitErrorRate();
        assertThatThrownBy(der::rate).isInstanceOf(IllegalStateException.class);
        assertThat(der.add(new int[] {1, 2, 3}, new int[] {1, 2, 3})).isZero();
        assertThat(der.add(new int[] {4, 5}, new int[] {4})).isEqualTo(1);
        assertThat(der.add(new int[] {7, 7, 7, 7, 7}, new int[] {7, 8, 7, 7, 7, 9})).isEqualTo(2);
        assertThat(der.errors()).isEqualTo(3);
        assertThat(der.referenceLabels()).isEqualTo(10);
        assertThat(der.sequences()).isEqualTo(3);
        assertThat(der.wrongSequences()).isEqualTo(2);
        assertThat(der.rate()).isCloseTo(0.3, within(1e-15));
    }
}
