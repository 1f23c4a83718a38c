package org.wisekit.geohard.repro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.wisekit.datasets.Datasets;
import org.wisekit.datasets.LabeledTexts;
import org.wisekit.datasets.Split;
import org.wisekit.tensor.Shuffles;

/**
 * One text-classification set of the study: a train and a test split over the same classes.
 *
 * @param id      short name used in tables and file names
 * @param title   what it is, for the report
 * @param classes class names, in label order
 * @param train   the training split
 * @param test    the test split
 * @param note    how the splits were made
 */
record TextSet(String id, String title, List<String> classes, LabeledTexts train, LabeledTexts test, String note) {

    /** TREC fine classes with at least this many training questions are kept (the rule). */
    static final int TREC_FINE_MIN_TRAIN = 30;
    /** Share of SpamAssassin e-mails that go to the training split (stratified, seeded). */
    static final double SPAM_TRAIN_SHARE = 0.7;

    int k() {
        return classes.size();
    }

    /** Sets with K = 2 report a correlation but stay out of every average (any defined Pearson is +-1). */
    boolean inAverages() {
        return k() >= 3;
    }

    static TextSet trecCoarse(Datasets data, int trainCap, int testCap, long seed) {
        return capped("trec-coarse", "TREC questions, 6 coarse classes", data.trec(Split.TRAIN), data.trec(Split.TEST),
                trainCap, testCap, seed, "train 5444 / test 499 (TREC_10)");
    }

    static TextSet trecFine(Datasets data, int trainCap, int testCap, long seed) {
        LabeledTexts train = data.trecFine(Split.TRAIN);
        LabeledTexts test = data.trecFine(Split.TEST);
        int[] counts = counts(train.labels(), train.classNames().size());
        int[] map = new int[counts.length];
        List<String> kept = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            map[c] = counts[c] >= TREC_FINE_MIN_TRAIN ? kept.size() : -1;
            if (map[c] >= 0) {
                kept.add(train.classNames().get(c));
            }
        }
        LabeledTexts keptTrain = remap(train, map, kept);
        LabeledTexts keptTest = remap(test, map, kept);
        return capped("trec-fine", "TREC questions, the " + kept.size() + " fine classes with >= " + TREC_FINE_MIN_TRAIN
                        + " training questions", keptTrain, keptTest, trainCap, testCap, seed,
                "train " + keptTrain.size() + " of 5444 / test " + keptTest.size() + " of 499 (rows of the other "
                        + (counts.length - kept.size()) + " fine classes dropped)");
    }

    static TextSet agNews(Datasets data, int trainCap, int testCap, long seed) {
        return capped("agnews", "AG News topics, 4 classes", data.agNews(Split.DEV), data.agNews(Split.TEST),
                trainCap, testCap, seed, "train = the mirror's dev split (10001), test 7600 (the mirror has no train split)");
    }

    static TextSet sst2(Datasets data, int trainCap, int testCap, long seed) {
        return capped("sst2", "SST-2 sentiment, 2 classes", data.sst2(Split.TRAIN), data.sst2(Split.TEST),
                trainCap, testCap, seed, "train drawn from the ALPS train split (60614), test = GLUE dev (872)");
    }

    static TextSet spamAssassin(Datasets data, int trainCap, int testCap, long seed) {
        LabeledTexts all = data.spamAssassin();
        int k = all.classNames().size();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < k; c++) {
            int[] rows = rowsOf(all.labels(), c);
            Shuffles.shuffle(rows, rng);
            int cut = (int) Math.round(rows.length * SPAM_TRAIN_SHARE);
            for (int i = 0; i < rows.length; i++) {
                (i < cut ? trainRows : testRows).add(rows[i]);
            }
        }
        LabeledTexts train = select(all, trainRows.stream().sorted().mapToInt(Integer::intValue).toArray());
        LabeledTexts test = select(all, testRows.stream().sorted().mapToInt(Integer::intValue).toArray());
        return capped("spam", "SpamAssassin e-mails: easy ham, hard ham, spam", train, test, trainCap, testCap, seed,
                "stratified seeded split of the 6046 e-mails, " + Math.round(SPAM_TRAIN_SHARE * 100) + " % train");
    }

    /** The set with at most {@code trainCap} / {@code testCap} rows per split (0: all), drawn stratified and seeded. */
    private static TextSet capped(String id, String title, LabeledTexts train, LabeledTexts test, int trainCap,
                                  int testCap, long seed, String note) {
        LabeledTexts tr = stratifiedCap(train, trainCap, seed);
        LabeledTexts te = stratifiedCap(test, testCap, seed + 1);
        String capNote = (tr.size() < train.size() ? "; " + tr.size() + " training rows drawn" : "")
                + (te.size() < test.size() ? "; " + te.size() + " test rows drawn" : "");
        return new TextSet(id, title, train.classNames(), tr, te, note + capNote);
    }

    /** At most {@code cap} rows keeping each class's share (rounded, at least 2 per class where it has 2). */
    static LabeledTexts stratifiedCap(LabeledTexts texts, int cap, long seed) {
        if (cap <= 0 || texts.size() <= cap) {
            return texts;
        }
        int k = texts.classNames().size();
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int[] rows = rowsOf(texts.labels(), c);
            Shuffles.shuffle(rows, rng);
            int take = Math.min(rows.length, Math.max(2, (int) Math.round((double) rows.length * cap / texts.size())));
            for (int i = 0; i < take; i++) {
                keep.add(rows[i]);
            }
        }
        return select(texts, keep.stream().sorted().mapToInt(Integer::intValue).toArray());
    }

    static int[] counts(int[] labels, int k) {
        int[] counts = new int[k];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    static int[] rowsOf(int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    private static LabeledTexts select(LabeledTexts texts, int[] rows) {
        List<String> t = new ArrayList<>(rows.length);
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t.add(texts.texts().get(rows[i]));
            y[i] = texts.labels()[rows[i]];
        }
        return new LabeledTexts(t, y, texts.classNames());
    }

    /** Keeps the rows whose class maps to a kept class ({@code map[c] >= 0}), relabelled. */
    private static LabeledTexts remap(LabeledTexts texts, int[] map, List<String> kept) {
        List<String> t = new ArrayList<>();
        int[] y = new int[texts.size()];
        int n = 0;
        for (int i = 0; i < texts.size(); i++) {
            int c = map[texts.labels()[i]];
            if (c >= 0) {
                t.add(texts.texts().get(i));
                y[n++] = c;
            }
        }
        return new LabeledTexts(t, Arrays.copyOf(y, n), kept);
    }
}
