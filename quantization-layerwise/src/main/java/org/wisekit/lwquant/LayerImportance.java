package org.wisekit.lwquant;

import java.util.List;
import org.wisekit.lwquant.internal.Vectors;
import org.wisekit.lwquant.llama.ForwardTrace;
import org.wisekit.lwquant.llama.Linear;
import org.wisekit.lwquant.llama.LlamaModel;

/**
 * Layer-importance scores of the paper (definitions reconstructed, see the module README):
 * <ul>
 *   <li>{@code LIM(l) = -(1/T) sum_t cos(h_in(l, t), h_out(l, t))} over the residual stream entering and
 *       leaving block l on T calibration tokens; higher = the block changes the representation more =
 *       more important. ShortGPT's Block Influence is {@code BI = 1 - E cos = LIM + 1}.</li>
 *   <li>{@code ZD(l)} = the fraction of the block's linear weights whose z-score (against the block's mean
 *       and standard deviation) exceeds 1 ({@link ZdVariant} for |z| > 1 and per-matrix averaging).</li>
 * </ul>
 */
public final class LayerImportance {

    /** How ZD counts outlying weights. */
    public enum ZdVariant {
        /** z > 1 against the mean and std of all the block's linear weights (the reconstruction's default). */
        POOLED,
        /** |z| > 1, pooled. */
        POOLED_ABS,
        /** z > 1 per matrix, averaged over the block's seven matrices. */
        PER_MATRIX
    }

    private LayerImportance() {
    }

    /** LIM per layer on calibration windows (each at most the model's context). */
    public static double[] lim(LlamaModel model, List<int[]> windows) {
        return lim(model, windows, w -> { });
    }

    /** As {@link #lim(LlamaModel, List)}, calling {@code onWindow} with the index of each window done. */
    public static double[] lim(LlamaModel model, List<int[]> windows, java.util.function.IntConsumer onWindow) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("windows: need at least one calibration window");
        }
        int layers = model.config().layers();
        int d = model.config().dim();
        double[] cosSum = new double[layers];
        long[] tokens = {0};
        ForwardTrace trace = new ForwardTrace() {
            private float[] input;

            @Override
            public void blockInput(int layer, float[] hidden, int t) {
                input = java.util.Arrays.copyOf(hidden, t * d);
            }

            @Override
            public void blockOutput(int layer, float[] hidden, int t) {
                for (int i = 0; i < t; i++) {
                    cosSum[layer] += Vectors.cosine(input, hidden, i * d, d);
                }
            }
        };
        int done = 0;
        for (int[] w : windows) {
            model.logits(w, null, trace);
            tokens[0] += w.length;
            onWindow.accept(done++);
        }
        double[] lim = new double[layers];
        for (int l = 0; l < layers; l++) {
            lim[l] = -cosSum[l] / tokens[0];
        }
        return lim;
    }

    /** ShortGPT's Block Influence, {@code 1 - E cos}, computed independently of {@link #lim}. */
    public static double[] blockInfluence(LlamaModel model, List<int[]> windows) {
        double[] lim = lim(model, windows);
        double[] bi = new double[lim.length];
        for (int l = 0; l < lim.length; l++) {
            bi[l] = 1 + lim[l];
        }
        return bi;
    }

    /** ZD per layer of a llama model. */
    public static double[] zd(LlamaModel model, ZdVariant variant) {
        int layers = model.config().layers();
        double[] out = new double[layers];
        for (int l = 0; l < layers; l++) {
            float[][] matrices = new float[Linear.values().length][];
            for (Linear lin : Linear.values()) {
                matrices[lin.ordinal()] = model.matrix(l, lin);
            }
            out[l] = zd(matrices, variant);
        }
        return out;
    }

    /** ZD of one block given its weight matrices. */
    public static double zd(float[][] matrices, ZdVariant variant) {
        if (variant == ZdVariant.PER_MATRIX) {
            double sum = 0;
            for (float[] m : matrices) {
                sum += zFraction(new float[][] {m}, false);
            }
            return sum / matrices.length;
        }
        return zFraction(matrices, variant == ZdVariant.POOLED_ABS);
    }

    private static double zFraction(float[][] matrices, boolean absolute) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (float[] m : matrices) {
            for (float v : m) {
                sum += v;
                sumSq += (double) v * v;
            }
            n += m.length;
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        if (std == 0) {
            return 0;
        }
        long count = 0;
        for (float[] m : matrices) {
            for (float v : m) {
                double z = (v - mean) / std;
                if (absolute ? Math.abs(z) > 1 : z > 1) {
                    count++;
                }
            }
        }
        return (double) count / n;
    }
}
