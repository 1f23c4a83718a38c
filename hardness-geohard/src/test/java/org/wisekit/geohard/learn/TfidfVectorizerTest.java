package org.wisekit.geohard.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {

    private static final List<String> CORPUS = List.of("A, b!", "a C", "a");

    @Test
    void tokenisesOnNonLetterOrDigitAndLowerCases() {
        assertThat(Vocabulary.tokens("Hello, World-42 x\tÉté")).containsExactly("hello", "world", "42", "x", "été");
        assertThat(Vocabulary.ngrams("The cat sat", 2)).containsExactly("the", "cat", "sat", "the cat", "cat sat");
        assertThat(Vocabulary.tokens(" ,. ")).isEmpty();
    }

    @Test
    void matchesHandComputedValues() {
        // docs {a, b, "a b"}, {a, c, "a c"}, {a}; n = 3; df(a) = 3, every other n-gram 1
        TfidfVectorizer tfidf = TfidfVectorizer.fit(CORPUS, TfidfVectorizer.Settings.defaults());
        assertThat(tfidf.vocabulary().terms()).containsExactly("a", "a b", "a c", "b", "c");
        double idfA = Math.log(4.0 / 4.0) + 1;          // = 1
        double idfRare = Math.log(4.0 / 2.0) + 1;       // 1 + ln 2
        assertThat(tfidf.idf(0)).isCloseTo(idfA, within(1e-15));
        assertThat(tfidf.idf(3)).isCloseTo(idfRare, within(1e-15));
        SparseFeatures x = tfidf.transform(CORPUS);
        double norm = Math.sqrt(idfA * idfA + 2 * idfRare * idfRare);
        assertThat(x.indices()[0]).containsExactly(0, 1, 3);
        assertThat(x.values()[0][0]).isCloseTo(idfA / norm, within(1e-15));
        assertThat(x.values()[0][1]).isCloseTo(idfRare / norm, within(1e-15));
        assertThat(x.values()[0][2]).isCloseTo(idfRare / norm, within(1e-15));
        assertThat(x.indices()[1]).containsExactly(0, 2, 4);
        assertThat(x.indices()[2]).containsExactly(0);
        assertThat(x.values()[2][0]).isCloseTo(1.0, within(1e-15));
        // unknown n-grams are ignored; a text without known n-grams stays zero
        SparseFeatures unseen = tfidf.transform(List.of("a a z", "zzz"));
        assertThat(unseen.indices()[0]).containsExactly(0);
        assertThat(unseen.values()[0][0]).isCloseTo(1.0, within(1e-15));
        assertThat(unseen.indices()[1]).isEmpty();
    }

    @Test
    void sublinearTfAndMinDf() {
        TfidfVectorizer sub = TfidfVectorizer.fit(List.of("a a b", "b"),
                TfidfVectorizer.Settings.defaults().withMaxNgram(1).withSublinearTf(true));
        // n = 2, df(a) = 1 -> idf = ln(3/2) + 1; df(b) = 2 -> idf = 1; tf(a) = 1 + ln 2
        double a = (1 + Math.log(2)) * (Math.log(1.5) + 1);
        double b = 1;
        double norm = Math.hypot(a, b);
        SparseFeatures x = sub.transform(List.of("a a b"));
        assertThat(x.values()[0][0]).isCloseTo(a / norm, within(1e-15));
        assertThat(x.values()[0][1]).isCloseTo(b / norm, within(1e-15));

        TfidfVectorizer min2 = TfidfVectorizer.fit(CORPUS, TfidfVectorizer.Settings.defaults().withMinDf(2));
        assertThat(min2.vocabulary().terms()).containsExactly("a");
    }

    @Test
    void isDeterministic() {
        List<String> texts = List.of("zeta alpha beta", "beta gamma", "alpha alpha delta zeta", "gamma");
        TfidfVectorizer one = TfidfVectorizer.fit(texts, TfidfVectorizer.Settings.defaults());
        TfidfVectorizer two = TfidfVectorizer.fit(List.copyOf(texts), TfidfVectorizer.Settings.defaults());
        assertThat(two.vocabulary().terms()).isEqualTo(one.vocabulary().terms());
        SparseFeatures a = one.transform(texts);
        SparseFeatures b = two.transform(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(b.indices()[i]).containsExactly(a.indices()[i]);
            assertThat(b.values()[i]).containsExactly(a.values()[i]);
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> new TfidfVectorizer.Settings(0, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNgram: 0");
        assertThatThrownBy(() -> TfidfVectorizer.Settings.defaults().withMinDf(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minDf: 0");
        assertThatThrownBy(() -> TfidfVectorizer.fit(Arrays.asList("a", null), TfidfVectorizer.Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1]: null");
        assertThatThrownBy(() -> new SparseFeatures(new int[][] {{1, 1}}, new double[][] {{1, 2}}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indices[0][1]: 1");
    }
}
