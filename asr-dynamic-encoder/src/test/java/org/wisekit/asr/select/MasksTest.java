package org.wisekit.asr.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MasksTest {

    private static final int[] SIZES = {4, 8, 12, 16};

    private static int[] kept(boolean[] mask) {
        return IntStream.range(0, mask.length).filter(m -> mask[m]).toArray();
    }

    @Test
    void dataDrivenMasksAreTheTopKOfTheScoresNestedAndSized() {
        Random random = new Random(61);
        for (int trial = 0; trial < 100; trial++) {
            double[] scores = new double[16];
            for (int m = 0; m < 16; m++) {
                scores[m] = trial % 4 == 0 ? random.nextInt(4) : random.nextGaussian();   // many ties every 4th
            }
            boolean[][] masks = Masks.fromScores(scores, SIZES);
            assertThat(Masks.nested(masks)).isTrue();
            for (int i = 0; i < SIZES.length; i++) {
                assertThat(Masks.count(masks[i])).isEqualTo(SIZES[i]);
                for (int m = 0; m < 16; m++) {
                    // rank of m: modules before it (larger score, or equal score and lower index)
                    int rank = 0;
                    for (int o = 0; o < 16; o++) {
                        if (scores[o] > scores[m] || (scores[o] == scores[m] && o < m)) {
                            rank++;
                        }
                    }
                    assertThat(masks[i][m]).isEqualTo(rank < SIZES[i]);
                }
            }
        }
    }

    @Test
    void equalScoresKeepTheLowerIndices() {
        boolean[][] masks = Masks.fromScores(new double[16], SIZES);
        assertThat(kept(masks[0])).containsExactly(0, 1, 2, 3);
        assertThat(Masks.ranking(new double[] {1, 3, 3, 0})).containsExactly(1, 2, 0, 3);
        assertThat(Masks.topK(new double[] {1, 3, 3, 0}, 2)).containsExactly(false, true, true, false);
    }

    @Test
    void naiveMasks() {
        boolean[][] first = Masks.firstK(16, SIZES);
        assertThat(kept(first[1])).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(Masks.nested(first)).isTrue();

        boolean[][] spread = Masks.everyOther(16, SIZES);
        assertThat(kept(spread[0])).containsExactly(0, 4, 8, 12);
        assertThat(kept(spread[1])).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
        assertThat(kept(spread[2])).containsExactly(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14);
        assertThat(Masks.count(spread[3])).isEqualTo(16);
        assertThat(Masks.nested(spread)).isTrue();
        assertThat(kept(Masks.everyOther(16, new int[] {8, 16})[0])).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);

        boolean[][] paper = Masks.everyOther(48, new int[] {12, 24, 36, 48});
        assertThat(kept(paper[0])).isEqualTo(IntStream.range(0, 12).map(j -> 4 * j).toArray());
        assertThat(kept(paper[1])).isEqualTo(IntStream.range(0, 24).map(j -> 2 * j).toArray());
        assertThat(Masks.nested(paper)).isTrue();
        // L not a power of two: every other module still at L / 2
        assertThat(kept(Masks.everyOther(12, new int[] {3, 6, 12})[1])).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(kept(Masks.everyOther(12, new int[] {3, 6, 12})[0])).containsExactly(0, 4, 8);
    }

    @Test
    void nestingCheckAndDescription() {
        boolean[][] notNested = {{true, false, false}, {false, true, true}, {true, true, true}};
        assertThat(Masks.nested(notNested)).isFalse();
        assertThat(Masks.describe(Masks.everyOther(16, new int[] {4, 16}), new int[] {4, 16}))
                .isEqualTo("4: [0, 4, 8, 12]; 16: all");
    }

    @Test
    void sizeSetsAreValidated() {
        assertThat(Masks.validateSizes(SIZES, 16)).isSameAs(SIZES);
        assertThatThrownBy(() -> Masks.validateSizes(new int[] {8, 4, 16}, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not strictly increasing (8 then 4)");
        assertThatThrownBy(() -> Masks.validateSizes(new int[] {4, 8, 8, 16}, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not strictly increasing");
        assertThatThrownBy(() -> Masks.validateSizes(new int[] {4, 8, 17}, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 17 is outside 1..16");
        assertThatThrownBy(() -> Masks.validateSizes(new int[] {0, 16}, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 0 is outside 1..16");
        assertThatThrownBy(() -> Masks.validateSizes(new int[] {4, 8}, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the last size is 8; it must be 16");
        assertThatThrownBy(() -> Masks.validateSizes(new int[0], 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one size");
        assertThatThrownBy(() -> Masks.fromScores(new double[15], SIZES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 16 is outside 1..15");
        assertThatThrownBy(() -> Masks.topK(new double[] {1, Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1] is NaN");
    }
}
