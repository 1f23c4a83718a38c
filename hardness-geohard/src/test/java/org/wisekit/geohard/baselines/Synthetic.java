package org.wisekit.geohard.baselines;

import java.util.SplittableRandom;

/**
 * Three 2-d Gaussian classes of unit spread: class 0 isolated at (6, 0), classes 1 and 2 overlapping at (0, 0) and
 * (0.7, 0); a training and a held-out split drawn from the same generator.
 */
record Synthetic(double[][] train, int[] trainLabels, double[][] test, int[] testLabels) {

    private static final double[] CENTRE_X = {6, 0, 0.7};

    static Synthetic overlapping(int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 3 * perClass;
        double[][] train = new double[n][];
        double[][] test = new double[n][];
        int[] trainLabels = new int[n];
        int[] testLabels = new int[n];
        for (int i = 0; i < n; i++) {
            trainLabels[i] = i % 3;
            train[i] = new double[] {CENTRE_X[i % 3] + random.nextGaussian(), random.nextGaussian()};
        }
        for (int i = 0; i < n; i++) {
            testLabels[i] = i % 3;
            test[i] = new double[] {CENTRE_X[i % 3] + random.nextGaussian(), random.nextGaussian()};
        }
        return new Synthetic(train, trainLabels, test, testLabels);
    }
}
