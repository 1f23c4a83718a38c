package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassStatisticsTest {

    @Test
    void welfordEqualsTwoPassUnderALargeOffset() {
        int n = 200_000;
        int dims = 4;
        double offset = 1e6;
        Random random = new Random(42);
        double[][] x = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                x[i][d] = offset + (d + 1) * random.nextGaussian();
            }
        }
        ClassStatistics stats = new ClassStatistics(1, dims);
        for (double[] row : x) {
            stats.add(0, row);
        }
        double[] variance = stats.variance(0);
        double[] mean = stats.mean(0);
        for (int d = 0; d < dims; d++) {
            double m = 0;
            for (double[] row : x) {
                m += row[d];
            }
            m /= n;
            double v = 0;
            double sum = 0;
            double sumSq = 0;
            for (double[] row : x) {
                v += (row[d] - m) * (row[d] - m);
                sum += row[d];
                sumSq += row[d] * row[d];
            }
            v /= n;
            assertThat(Math.abs(variance[d] - v) / v).as("dimension %d", d).isLessThan(1e-9);
            assertThat(Math.abs(mean[d] - m) / m).isLessThan(1e-12);
            // The textbook one-pass formula fails here: that is what Welford avoids.
            double naive = sumSq / n - (sum / n) * (sum / n);
            assertThat(Math.abs(naive - v) / v).isGreaterThan(1e-6);
        }
        assertThat(stats.count(0)).isEqualTo(n);
    }

    @Test
    void populationVarianceOfExactPoints() {
        ClassStatistics s = new ClassStatistics(2, 2);
        s.add(0, new double[] {1, 10});
        s.add(0, new double[] {3, 10});
        s.add(1, new float[] {0f, 0f});
        s.add(1, new float[] {0f, 4f});
        s.add(1, new float[] {0f, 8f});
        assertThat(s.mean(0)).containsExactly(2, 10);
        assertThat(s.variance(0)).containsExactly(1, 0);
        assertThat(s.variance(1)).containsExactly(0, 32.0 / 3);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> new ClassStatistics(0, 3)).hasMessageContaining("classes must be >= 1, got 0");
        ClassStatistics s = new ClassStatistics(2, 3);
        assertThatThrownBy(() -> s.add(2, new double[3])).hasMessageContaining("got 2");
        assertThatThrownBy(() -> s.add(0, new double[2])).hasMessageContaining("row length must be 3, got 2");
    }
}
