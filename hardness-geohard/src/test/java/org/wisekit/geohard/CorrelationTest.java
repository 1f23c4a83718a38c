package org.wisekit.geohard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    /** Class-wise F1 and GeoHard (test split, three seeds) for Amazon, from the paper's analysis notebook. */
    @Test
    void amazonNotebookValues() {
        double[] f1 = {87.58, 71.01, 80.55};
        double[][] seeds = {{-6.755, -2.669, -5.365}, {-6.761, -2.657, -5.387}, {-6.553, -2.577, -5.242}};
        double[] expected = {-0.9955, -0.9949, -0.9943};
        double mean = 0;
        for (int s = 0; s < 3; s++) {
            Correlation.Result r = Correlation.pearson(seeds[s], f1);
            assertThat(r.defined()).isTrue();
            assertThat(r.trivial()).isFalse();
            assertThat(r.value()).isCloseTo(expected[s], within(1e-4));
            assertThat(r.signAdjusted()).isCloseTo(-expected[s], within(1e-4));
            mean += r.value() / 3;
        }
        assertThat(mean).isCloseTo(-0.9949, within(1e-4));
    }

    @Test
    void agNewsNotebookValues() {
        double[] f1 = {0.964, 0.9916, 0.9271, 0.9317};
        double[] geoHard = {-11.02, -13.79, -9.340, -9.377};
        assertThat(Correlation.pearson(geoHard, f1).value()).isCloseTo(-0.981, within(1e-3));
        // Ranks: hardness order 3,4,1,2 against F1 order 2,1,4,3 (1 = largest): a perfect inverse ranking.
        assertThat(Correlation.spearman(geoHard, f1).value()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void constantVectorIsFlaggedNeverSilentlyZero() {
        Correlation.Result r = Correlation.pearson(new double[] {1, 1, 1}, new double[] {0.5, 0.7, 0.9});
        assertThat(r.defined()).isFalse();
        assertThat(r.value()).isNaN();
        assertThat(r.signAdjusted()).isNaN();
        assertThat(r.notebookValue()).isZero();
        assertThat(r.reason()).contains("hardness is constant");
        Correlation.Result s = Correlation.spearman(new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5});
        assertThat(s.defined()).isFalse();
        assertThat(s.reason()).contains("f1 is constant");
    }

    @Test
    void twoClassesAreTrivial() {
        Correlation.Result r = Correlation.pearson(new double[] {1, 2}, new double[] {0.9, 0.3});
        assertThat(r.defined()).isTrue();
        assertThat(r.trivial()).isTrue();
        assertThat(r.value()).isCloseTo(-1, within(1e-12));
        assertThat(r.reason()).contains("K = 2");
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        Correlation.Result r = Correlation.spearman(new double[] {1, 2, 2, 3}, new double[] {4, 3, 2, 1});
        // ranks (1, 2.5, 2.5, 4) vs (4, 3, 2, 1): Pearson of ranks
        assertThat(r.value()).isCloseTo(-0.9486832980505138, within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 and 1");
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1}, new double[] {1}))
                .hasMessageContaining(">= 2 classes, got 1");
        assertThatThrownBy(() -> Correlation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("hardness[1] is NaN");
    }
}
