package org.wisekit.lwquant.quant;

import org.wisekit.tensor.Gemm;

/**
 * Accumulates GPTQ's proxy Hessian {@code H = 2 X^T X / n} of a linear layer's inputs, X being the n x cols
 * matrix of calibration activations (one row per token), over any number of batches.
 */
public final class HessianAccumulator {

    private final int cols;
    private final double[] sum;
    private long samples;

    public HessianAccumulator(int cols) {
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        }
        this.cols = cols;
        this.sum = new double[cols * cols];
    }

    /** Adds {@code n} input rows (row-major n x cols). */
    public void add(float[] x, int n) {
        if (x.length < n * cols) {
            throw new IllegalArgumentException("x: expected " + n + " x " + cols + " values, got " + x.length);
        }
        float[] xt = new float[cols * n];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < cols; c++) {
                xt[c * n + t] = x[t * cols + c];
            }
        }
        float[] gram = new float[cols * cols];
        Gemm.multiply(xt, x, gram, cols, n, cols);
        for (int i = 0; i < gram.length; i++) {
            sum[i] += gram[i];
        }
        samples += n;
    }

    public long samples() {
        return samples;
    }

    /** {@code 2 X^T X / n} (a new array); all zeros before any sample. */
    public double[] hessian() {
        double[] h = new double[cols * cols];
        if (samples > 0) {
            for (int i = 0; i < h.length; i++) {
                h[i] = 2.0 * sum[i] / samples;
            }
        }
        return h;
    }
}
