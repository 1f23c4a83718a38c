package org.wisekit.ubp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void picksTheLargestAndBreaksTiesTowardsTheSmallerIndex() {
        assertThat(TopK.largest(new double[] {1, 5, 3, 5, 5, 0}, 2)).containsExactly(1, 3);
        assertThat(TopK.largest(new float[] {2, 2, 2}, 2)).containsExactly(0, 1);
        assertThat(TopK.largest(new double[] {4, 1}, 0)).isEmpty();
        assertThat(TopK.largest(new double[] {4, 1}, 2)).containsExactly(0, 1);
    }

    @Test
    void agreesWithSortingOnRandomArraysWithManyTies() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(200);
            int distinct = 1 + rng.nextInt(12);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(distinct) == 0 ? Double.NEGATIVE_INFINITY : rng.nextInt(distinct);
            }
            int k = rng.nextInt(n + 1);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).sorted().toArray();
            assertThat(TopK.largest(values, k)).as(Arrays.toString(values) + " k=" + k).containsExactly(expected);
        }
    }

    @Test
    void rejectsAKOutOfRange() {
        assertThatThrownBy(() -> TopK.largest(new double[3], 4)).hasMessage("k must be in [0, 3], got 4");
    }
}
