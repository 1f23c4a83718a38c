package org.wisekit.eeg.preprocess;

/**
 * Per-trial, per-channel z-scoring, the obvious competitor of ICWMH (the note's baseline (b)):
 * {@code z_c(t) = (x_c(t) - mean_c) / std_c} with the trial's own mean and population standard deviation
 * ({@code std_c = sqrt(mean_t (x_c(t) - mean_c)^2)}, ddof 0). An exactly constant channel gives zeros, never NaN.
 *
 * <p>Stateless; thread-safe.
 */
public final class ChannelZScore {

    private ChannelZScore() {
    }

    /**
     * Z-scores every channel of a trial into a new array.
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample
     * @return {@code z} of the same shape
     * @throws IllegalArgumentException on an empty, ragged or non-finite trial
     */
    public static double[][] apply(double[][] trial) {
        Kernels.checkTrial(trial, "trial");
        double[][] out = new double[trial.length][trial[0].length];
        applyChecked(trial, out);
        return out;
    }

    /**
     * Z-scores every channel of a trial into {@code out} ({@code out} may be {@code trial}: in place).
     *
     * @param trial {@code [C][T]}, rectangular, finite, at least one sample
     * @param out   {@code [C][T]}
     * @throws IllegalArgumentException on a bad trial or an {@code out} of another shape
     */
    public static void apply(double[][] trial, double[][] out) {
        Kernels.checkTrial(trial, "trial");
        if (out == null || out.length != trial.length) {
            throw new IllegalArgumentException("out must have " + trial.length + " channels");
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c] == null || out[c].length != trial[c].length) {
                throw new IllegalArgumentException("out[" + c + "] must have " + trial[c].length + " samples");
            }
        }
        applyChecked(trial, out);
    }

    private static void applyChecked(double[][] trial, double[][] out) {
        double[] mean = new double[trial.length];
        double[] std = new double[trial.length];
        stats(trial, mean, std);
        for (int c = 0; c < trial.length; c++) {
            double[] x = trial[c];
            double[] y = out[c];
            for (int t = 0; t < x.length; t++) {
                y[t] = Kernels.normalise(x[t], mean[c], std[c]);
            }
        }
    }

    /** Kernel: per-channel mean and population std (0 for an exactly constant channel). */
    static void stats(double[][] trial, double[] mean, double[] std) {
        for (int c = 0; c < trial.length; c++) {
            double[] x = trial[c];
            int n = x.length;
            double min = x[0];
            double max = x[0];
            double sum = 0.0;
            for (int t = 0; t < n; t++) {
                min = Math.min(min, x[t]);
                max = Math.max(max, x[t]);
                sum += x[t];
            }
            double mu = sum / n;
            mean[c] = mu;
            if (min == max) {
                std[c] = 0.0;
                continue;
            }
            double ss = 0.0;
            for (int t = 0; t < n; t++) {
                double d = x[t] - mu;
                ss += d * d;
            }
            std[c] = Math.sqrt(ss / n);
        }
    }
}
