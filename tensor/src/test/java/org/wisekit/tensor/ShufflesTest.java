package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShufflesTest {

    @Test
    void permutationIsAPermutationAndDependsOnlyOnTheSeed() {
        int[] p = Shuffles.permutation(1000, new SplittableRandom(7));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(Shuffles.identity(1000));
        assertThat(p).isNotEqualTo(Shuffles.identity(1000));
        assertThat(Shuffles.permutation(1000, new SplittableRandom(7))).isEqualTo(p);
        assertThat(Shuffles.permutation(1000, new SplittableRandom(8))).isNotEqualTo(p);
    }

    @Test
    void walksFromTheEndDrawingNextIntOfIPlusOne() {
        // the reference walk written out: the order every trainer relied on before the helpers were shared
        Random reference = new Random(3);
        int[] expected = {0, 1, 2, 3, 4, 5};
        for (int i = expected.length - 1; i > 0; i--) {
            int j = reference.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        int[] a = Shuffles.identity(6);
        Shuffles.shuffle(a, new Random(3));
        assertThat(a).isEqualTo(expected);
    }

    @Test
    void rejectsNegativeSize() {
        assertThatThrownBy(() -> Shuffles.identity(-1)).hasMessageContaining("n must be >= 0, got -1");
    }
}
