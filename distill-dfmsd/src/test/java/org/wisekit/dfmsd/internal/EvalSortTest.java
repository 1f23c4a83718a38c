package org.wisekit.dfmsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link EvalSort} against the JDK's stable object sort, with many ties. */
class EvalSortTest {

    @Test
    void stableDescendingLikeTheJdkSort() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = rnd.nextInt(0, 120);
            double[] key = new double[n];
            for (int i = 0; i < n; i++) {
                key[i] = rnd.nextInt(0, 6) * 0.25; // many ties
            }
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -key[i])).mapToInt(Integer::intValue).toArray();
            assertThat(EvalSort.argsortDescending(key)).containsExactly(expected);

            // a sub-range of a larger index array, as the evaluator sorts its buckets
            int from = n == 0 ? 0 : rnd.nextInt(0, n);
            int[] idx = IntStream.range(0, n).toArray();
            EvalSort.sortDescending(idx, from, n, key, new int[n]);
            int[] sub = IntStream.range(from, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -key[i])).mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < from; i++) {
                assertThat(idx[i]).isEqualTo(i);
            }
            for (int i = from; i < n; i++) {
                assertThat(idx[i]).isEqualTo(sub[i - from]);
            }
        }
    }
}
