package org.wisekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorCoreTest {

    @Test
    void wrapSharesAndChecksLength() {
        float[] d = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.wrap(d, 2, 3);
        assertThat(t.get(1, 2)).isEqualTo(6f);
        d[0] = 9;
        assertThat(t.get(0, 0)).isEqualTo(9f);
        assertThatThrownBy(() -> Tensor.wrap(d, 4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6").hasMessageContaining("[4, 2]");
    }

    @Test
    void reshapeInfersOneDimensionAndRejectsBadSizes() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertThat(t.reshape(-1, 4).shape()).containsExactly(6, 4);
        assertThatThrownBy(() -> t.reshape(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> t.reshape(-1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seededRandomIsDeterministic() {
        assertThat(Tensor.normal(7, 0, 1, 100)).isEqualTo(Tensor.normal(7, 0, 1, 100));
        assertThat(Tensor.normal(7, 0, 1, 100)).isNotEqualTo(Tensor.normal(8, 0, 1, 100));
        Tensor u = Tensor.uniform(3, -2, 5, 1000);
        for (float v : u.data()) {
            assertThat(v).isBetween(-2f, 5f);
        }
        Tensor n = Tensor.normal(11, 1f, 2f, 20000);
        double mean = 0;
        for (float v : n.data()) {
            mean += v;
        }
        mean /= n.size();
        double var = 0;
        for (float v : n.data()) {
            var += (v - mean) * (v - mean);
        }
        var /= n.size();
        assertThat(mean).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(var).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.15));
    }

    @Test
    void indexingIsBoundsChecked() {
        Tensor t = Tensor.zeros(2, 2);
        assertThatThrownBy(() -> t.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.get(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
