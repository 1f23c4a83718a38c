package org.wisekit.eeg.baselines;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic motor-imagery baseline: {@link Csp} spatial filters, log-variance features, {@link Lda}.
 *
 * <p>Two classes: one CSP of class 0 against class 1, {@code 2m} features. More classes: one CSP per class
 * against the rest ({@link Csp#oneVsRest}), their {@code 2m K} features concatenated, one multi-class LDA (a
 * cheap, common extension; Ramoser et al. define the two-class case). Immutable and thread-safe.
 */
public final class CspLda {

    /**
     * Settings.
     *
     * @param pairs     CSP filters kept per class {@code m}, at least 1 (Ramoser et al.: 2 to 3)
     * @param shrinkage LDA's shrinkage {@code s} in {@code [0, 1]} (0: plain LDA)
     */
    public record Settings(int pairs, double shrinkage) {

        /** Validates. */
        public Settings {
            if (pairs < 1) {
                throw new IllegalArgumentException("pairs must be >= 1, got " + pairs);
            }
            if (!(shrinkage >= 0 && shrinkage <= 1)) {
                throw new IllegalArgumentException("shrinkage must be in [0, 1], got " + shrinkage);
            }
        }

        /** Three pairs (6 features for two classes), no shrinkage. */
        public static Settings defaults() {
            return new Settings(3, 0);
        }
    }

    private final Settings settings;
    private final List<Csp> spatialFilters;
    private final Lda lda;

    private CspLda(Settings settings, List<Csp> spatialFilters, Lda lda) {
        this.settings = settings;
        this.spatialFilters = List.copyOf(spatialFilters);
        this.lda = lda;
    }

    /**
     * Fits CSP then LDA on the CSP features of the same trials.
     *
     * @param trials   {@code [trial][channel][sample]}, rectangular per trial, same channels, finite
     * @param labels   the class of each trial, in {@code 0..K-1}, every class present, {@code K >= 2}
     * @param settings pairs and shrinkage
     * @return the fitted pipeline
     * @throws IllegalArgumentException naming the argument
     */
    public static CspLda fit(double[][][] trials, int[] labels, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        Checks.check(trials);
        int classes = Checks.classes(labels, trials.length);
        if (classes < 2) {
            throw new IllegalArgumentException("labels must hold at least 2 classes, got " + classes);
        }
        double[][][] covariances = Csp.covariances(trials);
        List<Csp> filters = new ArrayList<>();
        if (classes == 2) {
            filters.add(Csp.fromClassCovariances(Csp.mean(covariances, labels, 0, true),
                    Csp.mean(covariances, labels, 1, true), settings.pairs()));
        } else {
            for (int k = 0; k < classes; k++) {
                filters.add(Csp.ofCovariances(covariances, labels, k, settings.pairs()));
            }
        }
        CspLda untrained = new CspLda(settings, filters, null);
        double[][] features = new double[trials.length][];
        for (int i = 0; i < trials.length; i++) {
            features[i] = untrained.featuresOfChecked(trials[i]);
        }
        return new CspLda(settings, filters, Lda.fit(features, labels, settings.shrinkage()));
    }

    /** The settings it was fitted with. */
    public Settings settings() {
        return settings;
    }

    /** The CSP filter banks: one for two classes, one per class (against the rest) otherwise. */
    public List<Csp> spatialFilters() {
        return spatialFilters;
    }

    /** The LDA on the concatenated log-variance features. */
    public Lda lda() {
        return lda;
    }

    /** The number of classes. */
    public int classes() {
        return lda.classes();
    }

    /** The concatenated log-variance features of one trial. */
    public double[] features(double[][] trial) {
        Checks.checkTrial(trial, spatialFilters.get(0).channels(), "trial");
        return featuresOfChecked(trial);
    }

    /** The predicted class of one trial. */
    public int predict(double[][] trial) {
        return lda.predict(features(trial));
    }

    /** The predicted class of each trial. */
    public int[] predict(double[][][] trials) {
        if (trials == null || trials.length == 0) {
            throw new IllegalArgumentException("trials must hold at least one trial");
        }
        int[] out = new int[trials.length];
        for (int i = 0; i < trials.length; i++) {
            Checks.checkTrial(trials[i], spatialFilters.get(0).channels(), "trials[" + i + "]");
            out[i] = lda.predict(featuresOfChecked(trials[i]));
        }
        return out;
    }

    /** The share of trials predicted as labelled, in [0, 1]. */
    public double accuracy(double[][][] trials, int[] labels) {
        int[] predicted = predict(trials);
        if (labels == null || labels.length != predicted.length) {
            throw new IllegalArgumentException("labels has " + (labels == null ? "no" : labels.length)
                    + " entries for " + predicted.length + " trials");
        }
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    private double[] featuresOfChecked(double[][] trial) {
        int per = 2 * settings.pairs();
        double[] out = new double[per * spatialFilters.size()];
        double[] z = new double[trial[0].length];
        for (int b = 0; b < spatialFilters.size(); b++) {
            spatialFilters.get(b).features(trial, z, out, b * per);
        }
        return out;
    }
}
