package org.wisekit.geohard.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassF1RunsTest {

    private static final String[][] WORDS = {{"ball", "goal", "team", "match"}, {"stock", "bank", "market", "trade"},
        {"cell", "gene", "virus", "brain"}};

    /** Texts of three topics, each drawn from its own words plus shared filler. */
    private static List<String> texts(int n, int[] labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            StringBuilder text = new StringBuilder("the news of today");
            for (int w = 0; w < 3; w++) {
                text.append(' ').append(WORDS[random.nextInt(10) == 0 ? random.nextInt(3) : labels[i]][random.nextInt(4)]);
            }
            out.add(text.toString());
        }
        return out;
    }

    @Test
    void scoresBothLearnersAndSeedsOnlyChooseTheSubsample() {
        int[] trainLabels = new int[90];
        int[] testLabels = new int[60];
        List<String> train = texts(90, trainLabels, 1);
        List<String> test = texts(60, testLabels, 2);
        for (TextLearner learner : List.of(TextLearner.naiveBayes(2, 1, 1.0),
                TextLearner.tfidfLogistic(TfidfVectorizer.Settings.defaults(), LogisticRegression.Settings.defaults()))) {
            ClassF1Runs.Result all = ClassF1Runs.run(learner, train, trainLabels, test, testLabels, 3, new long[] {1, 2}, 0);
            assertThat(all.runs()).hasSize(2);
            assertThat(all.runs().get(1).f1()).containsExactly(all.runs().get(0).f1());
            assertThat(all.runs().get(0).macroF1()).isGreaterThan(0.8);
            ClassF1Runs.Result sub = ClassF1Runs.run(learner, train, trainLabels, test, testLabels, 3, new long[] {7, 7}, 30);
            assertThat(sub.runs().get(1).f1()).containsExactly(sub.runs().get(0).f1());
            assertThat(sub.meanF1()).hasSize(3);
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        TextLearner nb = TextLearner.naiveBayes(1, 1, 1);
        List<String> texts = List.of("a", "b");
        int[] labels = {0, 1};
        assertThatThrownBy(() -> ClassF1Runs.run(nb, texts, labels, texts, labels, 2, new long[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seeds: empty");
        assertThatThrownBy(() -> ClassF1Runs.run(nb, texts, labels, texts, labels, 2, new long[] {1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainSize: 3");
        assertThatThrownBy(() -> TextLearner.naiveBayes(1, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: NaN");
    }
}
