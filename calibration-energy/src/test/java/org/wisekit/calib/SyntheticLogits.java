package org.wisekit.calib;

import java.util.SplittableRandom;

/** Test data: logits whose labels are drawn from {@code softmax(z / trueTemperature)}. */
public final class SyntheticLogits {

    private SyntheticLogits() {
    }

    /**
     * {@code n} rows of {@code classes} logits, i.i.d. N(0, scale^2), labels sampled from
     * {@code softmax(z / trueTemperature)}: for trueTemperature > 1 the raw softmax is over-confident.
     */
    public static Logits sample(int n, int classes, double scale, double trueTemperature, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] z = new double[n * classes];
        int[] labels = new int[n];
        double[] p = new double[classes];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                z[i * classes + k] = scale * random.nextGaussian();
            }
            org.wisekit.calib.internal.Softmax.softmax(z, i * classes, classes, trueTemperature, p, 0);
            double u = random.nextDouble();
            int label = classes - 1;
            double cumulative = 0;
            for (int k = 0; k < classes; k++) {
                cumulative += p[k];
                if (u < cumulative) {
                    label = k;
                    break;
                }
            }
            labels[i] = label;
        }
        return new Logits(classes, z, labels);
    }

    /** {@code n} OOD rows: flatter logits (scale {@code scale}), labels {@link Logits#NO_CLASS}. */
    public static Logits outOfDistribution(int n, int classes, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] z = new double[n * classes];
        for (int i = 0; i < z.length; i++) {
            z[i] = scale * random.nextGaussian();
        }
        return Logits.outOfDistribution(classes, z);
    }
}
