package org.wisekit.geohard.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    @Test
    void matchesHandComputedPosteriors() {
        // class 0 = pos: "good good fun", "good"; class 1 = neg: "bad fun"; vocabulary bad, fun, good (V = 3)
        List<String> train = List.of("good good fun", "bad fun", "good");
        int[] labels = {0, 1, 0};
        Vocabulary vocabulary = Vocabulary.fit(train, 1, 1);
        assertThat(vocabulary.terms()).containsExactly("bad", "fun", "good");
        NaiveBayes nb = NaiveBayes.fit(vocabulary.counts(train), labels, 2, 1.0);
        // pos counts: bad 0, fun 1, good 3 (N = 4) -> theta = 1/7, 2/7, 4/7; neg: 1, 1, 0 (N = 2) -> 2/5, 2/5, 1/5
        assertThat(nb.logTheta(0, 2)).isCloseTo(Math.log(4.0 / 7), within(1e-14));
        assertThat(nb.logTheta(1, 0)).isCloseTo(Math.log(2.0 / 5), within(1e-14));
        assertThat(nb.logPrior(0)).isCloseTo(Math.log(2.0 / 3), within(1e-14));
        // "good bad": pos 2/3 * 4/7 * 1/7 = 8/147, neg 1/3 * 1/5 * 2/5 = 2/75
        double pos = 8.0 / 147;
        double neg = 2.0 / 75;
        double[][] p = nb.probabilities(vocabulary.counts(List.of("good bad", "bad bad unknown")));
        assertThat(p[0][0]).isCloseTo(pos / (pos + neg), within(1e-14));
        assertThat(p[0][1]).isCloseTo(neg / (pos + neg), within(1e-14));
        // "bad bad": pos 2/3 / 49, neg 1/3 * 4/25
        double pos2 = 2.0 / 3 / 49;
        double neg2 = 1.0 / 3 * 4 / 25;
        assertThat(p[1][1]).isCloseTo(neg2 / (pos2 + neg2), within(1e-14));
        assertThat(nb.predict(vocabulary.counts(List.of("good bad", "bad bad")))).containsExactly(0, 1);
    }

    @Test
    void lidstoneAlphaAndDeterminism() {
        List<String> train = List.of("good good fun", "bad fun", "good");
        Vocabulary vocabulary = Vocabulary.fit(train, 2, 1);
        NaiveBayes a = NaiveBayes.fit(vocabulary.counts(train), new int[] {0, 1, 0}, 2, 0.5);
        NaiveBayes b = NaiveBayes.fit(vocabulary.counts(train), new int[] {0, 1, 0}, 2, 0.5);
        // pos: N_good = 3, N = 3 + 1 + 1 ("good good") + 1 ("good fun") = 6 unigram+bigram counts, V = 5
        int good = vocabulary.indexOf("good");
        assertThat(a.logTheta(0, good)).isCloseTo(Math.log(3.5 / (6 + 0.5 * vocabulary.size())), within(1e-14));
        assertThat(b.probabilities(vocabulary.counts(train))).isDeepEqualTo(a.probabilities(vocabulary.counts(train)));
    }

    @Test
    void rejectsBadInputNamingIt() {
        SparseFeatures x = new SparseFeatures(new int[][] {{0}, {0}}, new double[][] {{1}, {-1}}, 1);
        assertThatThrownBy(() -> NaiveBayes.fit(x, new int[] {0, 1}, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: 0.0");
        assertThatThrownBy(() -> NaiveBayes.fit(x, new int[] {0, 1}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.values[1][0]: -1.0");
        assertThatThrownBy(() -> NaiveBayes.fit(x, new int[] {0, 2}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1]: 2");
        assertThatThrownBy(() -> NaiveBayes.fit(x, new int[] {0}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels: length 1");
    }
}
