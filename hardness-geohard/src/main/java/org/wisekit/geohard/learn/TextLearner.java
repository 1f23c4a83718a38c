package org.wisekit.geohard.learn;

import java.util.List;

/**
 * Something that learns a text classifier from labelled texts: the learners whose class-wise F1 GeoHard's
 * hardness is compared with. The two built in are deterministic.
 */
@FunctionalInterface
public interface TextLearner {

    /** A fitted text classifier. */
    @FunctionalInterface
    interface Classifier {
        /** The predicted class of each text. */
        int[] predict(List<String> texts);
    }

    /**
     * Fits a classifier.
     *
     * @param texts   training texts
     * @param labels  class of each text, in {@code [0, classes)}
     * @param classes number of classes, at least 2
     */
    Classifier fit(List<String> texts, int[] labels, int classes);

    /** TF-IDF features ({@link TfidfVectorizer}) and a softmax {@link LogisticRegression}. */
    static TextLearner tfidfLogistic(TfidfVectorizer.Settings features, LogisticRegression.Settings settings) {
        if (features == null || settings == null) {
            throw new IllegalArgumentException((features == null ? "features" : "settings") + ": null");
        }
        return (texts, labels, classes) -> {
            TfidfVectorizer tfidf = TfidfVectorizer.fit(texts, features);
            LogisticRegression model = LogisticRegression.fit(tfidf.transform(texts), labels, classes, settings);
            return test -> model.predict(tfidf.transform(test));
        };
    }

    /** N-gram counts ({@link Vocabulary#counts}) and multinomial {@link NaiveBayes}. */
    static TextLearner naiveBayes(int maxNgram, int minDf, double alpha) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: " + alpha + " (must be positive and finite)");
        }
        new TfidfVectorizer.Settings(maxNgram, minDf, false);   // validates maxNgram and minDf
        return (texts, labels, classes) -> {
            Vocabulary vocabulary = Vocabulary.fit(texts, maxNgram, minDf);
            NaiveBayes model = NaiveBayes.fit(vocabulary.counts(texts), labels, classes, alpha);
            return test -> model.predict(vocabulary.counts(test));
        };
    }
}
