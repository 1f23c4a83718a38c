package org.wisekit.geohard.learn;

import java.util.List;

/**
 * TF-IDF features of word n-grams (by default unigrams and bigrams), fitted on a training corpus.
 *
 * <p>For an n-gram t of the {@link Vocabulary} and a document d: {@code tf = count(t, d)}, or
 * {@code 1 + ln count(t, d)} with sublinear tf; {@code idf(t) = ln((1 + n) / (1 + df(t))) + 1} with n the number
 * of training documents (the smoothed idf of scikit-learn's {@code TfidfVectorizer}); the row
 * {@code tf * idf} is divided by its L2 norm (a document without known n-grams stays all zero). Deterministic:
 * the columns are the vocabulary's sorted n-grams.
 *
 * <pre>{@code
 * TfidfVectorizer tfidf = TfidfVectorizer.fit(trainTexts, TfidfVectorizer.Settings.defaults());
 * SparseFeatures x = tfidf.transform(testTexts);
 * }</pre>
 */
public final class TfidfVectorizer {

    /**
     * How to build the features.
     *
     * @param maxNgram    longest n-gram, at least 1 (2: unigrams and bigrams)
     * @param minDf       keep n-grams occurring in at least this many training documents, at least 1
     * @param sublinearTf use {@code 1 + ln tf} instead of the raw count
     */
    public record Settings(int maxNgram, int minDf, boolean sublinearTf) {

        public Settings {
            if (maxNgram < 1) {
                throw new IllegalArgumentException("maxNgram: " + maxNgram + " (must be >= 1)");
            }
            if (minDf < 1) {
                throw new IllegalArgumentException("minDf: " + minDf + " (must be >= 1)");
            }
        }

        /** Unigrams and bigrams, every n-gram kept, raw tf. */
        public static Settings defaults() {
            return new Settings(2, 1, false);
        }

        public Settings withMinDf(int value) {
            return new Settings(maxNgram, value, sublinearTf);
        }

        public Settings withMaxNgram(int value) {
            return new Settings(value, minDf, sublinearTf);
        }

        public Settings withSublinearTf(boolean value) {
            return new Settings(maxNgram, minDf, value);
        }
    }

    private final Settings settings;
    private final Vocabulary vocabulary;
    private final double[] idf;

    private TfidfVectorizer(Settings settings, Vocabulary vocabulary) {
        this.settings = settings;
        this.vocabulary = vocabulary;
        this.idf = new double[vocabulary.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1.0 + vocabulary.documents()) / (1.0 + vocabulary.documentFrequency(i))) + 1;
        }
    }

    /** Fits the vocabulary and idf on {@code texts}. */
    public static TfidfVectorizer fit(List<String> texts, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: null");
        }
        return new TfidfVectorizer(settings, Vocabulary.fit(texts, settings.maxNgram(), settings.minDf()));
    }

    /** The L2-normalised TF-IDF rows of {@code texts}. */
    public SparseFeatures transform(List<String> texts) {
        SparseFeatures counts = vocabulary.counts(texts);
        for (int r = 0; r < counts.rows(); r++) {
            int[] idx = counts.indices()[r];
            double[] val = counts.values()[r];
            double norm = 0;
            for (int j = 0; j < idx.length; j++) {
                double tf = settings.sublinearTf() ? 1 + Math.log(val[j]) : val[j];
                val[j] = tf * idf[idx[j]];
                norm += val[j] * val[j];
            }
            if (norm > 0) {
                double inv = 1 / Math.sqrt(norm);
                for (int j = 0; j < val.length; j++) {
                    val[j] *= inv;
                }
            }
        }
        return counts;
    }

    /** The idf of column {@code i}. */
    public double idf(int i) {
        return idf[i];
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Settings settings() {
        return settings;
    }
}
