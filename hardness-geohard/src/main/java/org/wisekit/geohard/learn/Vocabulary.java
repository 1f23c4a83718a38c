package org.wisekit.geohard.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Word n-grams of a training corpus and their document frequencies, in a fixed order.
 *
 * <p>Tokenisation: the text is lower-cased ({@link Locale#ROOT}) and split into maximal runs of letters and
 * digits ({@link Character#isLetterOrDigit(int)}); everything else separates tokens. The n-grams of a text are
 * its tokens and, for {@code maxNgram >= 2}, every run of 2..maxNgram adjacent tokens joined by one space. The
 * vocabulary keeps the n-grams that occur in at least {@code minDf} training documents, sorted by
 * {@link String#compareTo}, so that column indices depend only on the corpus, never on hashing or order of
 * arrival. Unknown n-grams are ignored when counting new texts.
 */
public final class Vocabulary {

    private final int maxNgram;
    private final String[] terms;
    private final int[] documentFrequency;
    private final int documents;
    private final Map<String, Integer> index;

    private Vocabulary(int maxNgram, String[] terms, int[] documentFrequency, int documents) {
        this.maxNgram = maxNgram;
        this.terms = terms;
        this.documentFrequency = documentFrequency;
        this.documents = documents;
        this.index = new HashMap<>(terms.length * 2);
        for (int i = 0; i < terms.length; i++) {
            index.put(terms[i], i);
        }
    }

    /**
     * Collects the n-grams of {@code texts}.
     *
     * @param texts    the training documents (non-null strings)
     * @param maxNgram the longest n-gram, at least 1 (2 = unigrams and bigrams)
     * @param minDf    keep n-grams that occur in at least this many documents, at least 1
     */
    public static Vocabulary fit(List<String> texts, int maxNgram, int minDf) {
        checkTexts(texts);
        if (maxNgram < 1) {
            throw new IllegalArgumentException("maxNgram: " + maxNgram + " (must be >= 1)");
        }
        if (minDf < 1) {
            throw new IllegalArgumentException("minDf: " + minDf + " (must be >= 1)");
        }
        TreeMap<String, Integer> df = new TreeMap<>();
        for (String text : texts) {
            for (String term : new HashSet<>(ngrams(text, maxNgram))) {
                df.merge(term, 1, Integer::sum);
            }
        }
        List<String> kept = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= minDf) {
                kept.add(e.getKey());
                counts.add(e.getValue());
            }
        }
        return new Vocabulary(maxNgram, kept.toArray(String[]::new),
                counts.stream().mapToInt(Integer::intValue).toArray(), texts.size());
    }

    /** The tokens of {@code text}: lower-cased maximal runs of letters and digits. */
    public static List<String> tokens(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text: null");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < lower.length()) {
            int cp = lower.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(lower.substring(start));
        }
        return tokens;
    }

    /** The n-grams of {@code text} for n = 1..maxNgram, with repeats, unigrams first. */
    public static List<String> ngrams(String text, int maxNgram) {
        List<String> tokens = tokens(text);
        List<String> grams = new ArrayList<>(tokens);
        for (int n = 2; n <= maxNgram; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                grams.add(String.join(" ", tokens.subList(i, i + n)));
            }
        }
        return grams;
    }

    /** Raw n-gram counts of {@code texts} over this vocabulary (unknown n-grams ignored). */
    public SparseFeatures counts(List<String> texts) {
        checkTexts(texts);
        int[][] indices = new int[texts.size()][];
        double[][] values = new double[texts.size()][];
        for (int r = 0; r < texts.size(); r++) {
            TreeMap<Integer, Integer> row = new TreeMap<>();
            for (String gram : ngrams(texts.get(r), maxNgram)) {
                Integer column = index.get(gram);
                if (column != null) {
                    row.merge(column, 1, Integer::sum);
                }
            }
            indices[r] = new int[row.size()];
            values[r] = new double[row.size()];
            int j = 0;
            for (Map.Entry<Integer, Integer> e : row.entrySet()) {
                indices[r][j] = e.getKey();
                values[r][j] = e.getValue();
                j++;
            }
        }
        return new SparseFeatures(indices, values, terms.length);
    }

    /** Number of n-grams kept. */
    public int size() {
        return terms.length;
    }

    /** The n-gram of column {@code i}. */
    public String term(int i) {
        return terms[i];
    }

    /** The n-grams in column order. */
    public List<String> terms() {
        return List.of(terms);
    }

    /** The column of {@code term}, or -1 when it is not in the vocabulary. */
    public int indexOf(String term) {
        Integer i = index.get(term);
        return i == null ? -1 : i;
    }

    /** In how many training documents the n-gram of column {@code i} occurs. */
    public int documentFrequency(int i) {
        return documentFrequency[i];
    }

    /** Number of training documents. */
    public int documents() {
        return documents;
    }

    /** The longest n-gram. */
    public int maxNgram() {
        return maxNgram;
    }

    static void checkTexts(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts: null");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts[" + i + "]: null");
            }
        }
    }
}
