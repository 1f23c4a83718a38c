package org.wisekit.fedmml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    private static void assertCoversOnce(int[][] parts, int n) {
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
    }

    @Test
    void iidShardsCoverEveryExampleOnceWithEqualSizes() {
        int[][] parts = Partitions.iid(103, 10, 1);
        assertCoversOnce(parts, 103);
        assertThat(java.util.Arrays.asList(parts)).allSatisfy(p -> assertThat(p.length).isBetween(10, 11));
        assertThat(Partitions.iid(103, 10, 1)).isDeepEqualTo(parts);
    }

    @Test
    void dirichletSkewsLabelsAndCoversEveryExampleOnce() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        int[][] parts = Partitions.dirichlet(labels, 10, 10, 0.5, 8, 3);
        assertCoversOnce(parts, 1000);
        assertThat(Partitions.dirichlet(labels, 10, 10, 0.5, 8, 3)).isDeepEqualTo(parts);
        // label skew: some client draws over 30 % of its examples from one class (IID gives about 10 %)
        boolean skewed = false;
        for (int[] p : parts) {
            int[] counts = new int[10];
            for (int i : p) {
                counts[labels[i]]++;
            }
            skewed |= Arrays.stream(counts).max().getAsInt() > 0.3 * p.length;
        }
        assertThat(skewed).isTrue();
        assertThat(java.util.Arrays.asList(parts)).allSatisfy(p -> assertThat(p.length).isGreaterThanOrEqualTo(8));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Partitions.iid(5, 6, 1)).hasMessageContaining("clients");
        assertThatThrownBy(() -> Partitions.dirichlet(new int[20], 1, 2, 0, 1, 1)).hasMessageContaining("alpha");
    }
}
