package org.wisekit.ubp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaxHeapTest {

    @Test
    void popsByLargerKeyThenSmallerIdWhetherPushedOrHeapified() {
        SplittableRandom rng = new SplittableRandom(2);
        for (boolean bulk : new boolean[] {false, true}) {
            MaxHeap heap = new MaxHeap(1);
            List<double[]> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                double key = rng.nextInt(20);
                int id = rng.nextInt(1000);
                entries.add(new double[] {key, id, i});
                if (bulk) {
                    heap.addUnordered(key, id, i);
                } else {
                    heap.push(key, id, i);
                }
            }
            if (bulk) {
                heap.heapify();
            }
            entries.sort(Comparator.comparingDouble((double[] e) -> -e[0]).thenComparingDouble(e -> e[1]));
            for (double[] e : entries) {
                assertThat(heap.topKey()).isEqualTo(e[0]);
                assertThat(heap.topId()).isEqualTo((int) e[1]);
                heap.pop();
            }
            assertThat(heap.isEmpty()).isTrue();
        }
    }
}
