package org.wisekit.geohard.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.wisekit.tensor.Shuffles;

/**
 * Class-wise F1 of a learner over seeds: train on (a seeded subsample of) the training texts, predict the
 * test texts, score with {@link ClassF1#perClass}. The seed only chooses the subsample
 * ({@code trainSize} rows drawn without replacement with {@link Shuffles#permutation} and a
 * {@link SplittableRandom}, then kept in their original order); with {@code trainSize = 0} every run trains on
 * all rows and, the built-in learners being deterministic, every seed gives the same F1.
 *
 * <pre>{@code
 * ClassF1Runs.Result r = ClassF1Runs.run(TextLearner.naiveBayes(2, 1, 1.0), trainTexts, trainLabels,
 *         testTexts, testLabels, classes, new long[] {1, 2, 3}, 2000);
 * double[] f1 = r.meanF1();        // per class, the mean over seeds
 * }</pre>
 */
public final class ClassF1Runs {

    private ClassF1Runs() {
    }

    /**
     * One seed's outcome.
     *
     * @param seed the seed
     * @param f1   F1 per class on the test texts (NaN: class neither true nor predicted)
     */
    public record Run(long seed, double[] f1) {

        /** Mean of the defined class F1 values. */
        public double macroF1() {
            return ClassF1.macro(f1);
        }
    }

    /** All runs, in seed order. */
    public record Result(List<Run> runs) {

        public Result {
            runs = List.copyOf(runs);
        }

        /** Per class, the mean F1 over runs (NaN where any run has NaN). */
        public double[] meanF1() {
            double[] mean = new double[runs.get(0).f1().length];
            for (Run run : runs) {
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += run.f1()[c] / runs.size();
                }
            }
            return mean;
        }
    }

    /**
     * Trains and scores once per seed.
     *
     * @param learner     the learner
     * @param trainTexts  training texts
     * @param trainLabels their classes
     * @param testTexts   test texts
     * @param testLabels  their classes
     * @param classes     number of classes, at least 2
     * @param seeds       at least one seed
     * @param trainSize   rows drawn per seed, in {@code [0, trainTexts.size()]}; 0 = all rows, no draw
     */
    public static Result run(TextLearner learner, List<String> trainTexts, int[] trainLabels, List<String> testTexts,
                             int[] testLabels, int classes, long[] seeds, int trainSize) {
        if (learner == null) {
            throw new IllegalArgumentException("learner: null");
        }
        Vocabulary.checkTexts(trainTexts);
        Vocabulary.checkTexts(testTexts);
        Checks.labels(trainLabels, trainTexts.size(), classes);
        Checks.labels(testLabels, testTexts.size(), classes);
        if (seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException("seeds: " + (seeds == null ? "null" : "empty"));
        }
        if (trainSize < 0 || trainSize > trainTexts.size()) {
            throw new IllegalArgumentException("trainSize: " + trainSize + " (must be in [0, " + trainTexts.size() + "])");
        }
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            List<String> texts = trainTexts;
            int[] labels = trainLabels;
            if (trainSize > 0) {
                int[] rows = Arrays.copyOf(Shuffles.permutation(trainTexts.size(), new SplittableRandom(seed)), trainSize);
                Arrays.sort(rows);
                texts = new ArrayList<>(trainSize);
                labels = new int[trainSize];
                for (int i = 0; i < trainSize; i++) {
                    texts.add(trainTexts.get(rows[i]));
                    labels[i] = trainLabels[rows[i]];
                }
            }
            int[] predicted = learner.fit(texts, labels, classes).predict(testTexts);
            runs.add(new Run(seed, ClassF1.perClass(testLabels, predicted, classes)));
        }
        return new Result(runs);
    }
}
