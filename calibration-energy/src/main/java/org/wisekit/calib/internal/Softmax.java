package org.wisekit.calib.internal;

/**
 * Row-wise log-sum-exp and softmax with a temperature, shifted by the row maximum so that no exponent
 * overflows: {@code LSE(z / T) = m / T + log sum_k exp((z_k - m) / T)} with {@code m = max_k z_k}.
 * Kernels trust their input (finite logits, {@code temperature > 0}).
 */
public final class Softmax {

    private Softmax() {
    }

    /** {@code log sum_k exp(z_k / temperature)} over {@code z[offset .. offset + classes)}. */
    public static double logSumExp(double[] z, int offset, int classes, double temperature) {
        double max = max(z, offset, classes);
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp((z[offset + k] - max) / temperature);
        }
        return max / temperature + Math.log(sum);
    }

    /** The free energy {@code F(z) = -LSE(z)} at temperature 1 (the paper's energy score). */
    public static double freeEnergy(double[] z, int offset, int classes) {
        return -logSumExp(z, offset, classes, 1.0);
    }

    /** The free energy {@link #freeEnergy} of every row of {@code z} ({@code classes} logits per row). */
    public static double[] freeEnergies(double[] z, int classes) {
        double[] e = new double[z.length / classes];
        for (int i = 0; i < e.length; i++) {
            e[i] = freeEnergy(z, i * classes, classes);
        }
        return e;
    }

    /** Writes {@code softmax(z / temperature)} of one row into {@code out[outOffset ..]}. */
    public static void softmax(double[] z, int offset, int classes, double temperature, double[] out, int outOffset) {
        double max = max(z, offset, classes);
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp((z[offset + k] - max) / temperature);
            out[outOffset + k] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int k = 0; k < classes; k++) {
            out[outOffset + k] *= inv;
        }
    }

    /** Row-wise softmax of every row at one temperature. */
    public static double[] softmaxRows(double[] z, int classes, double temperature) {
        double[] out = new double[z.length];
        for (int offset = 0; offset < z.length; offset += classes) {
            softmax(z, offset, classes, temperature, out, offset);
        }
        return out;
    }

    /** The first index of the largest logit of the row. */
    public static int argmax(double[] z, int offset, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (z[offset + k] > z[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double max(double[] z, int offset, int classes) {
        double max = z[offset];
        for (int k = 1; k < classes; k++) {
            max = Math.max(max, z[offset + k]);
        }
        return max;
    }
}
