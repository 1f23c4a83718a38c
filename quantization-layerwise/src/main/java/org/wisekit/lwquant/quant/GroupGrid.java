package org.wisekit.lwquant.quant;

/**
 * The uniform grid of one group, as GPTQ's reference quantizer defines it: the range always contains 0
 * ({@code xmin = min(min, 0)}, {@code xmax = max(max, 0)}); symmetric uses {@code [-amax, amax]} with zero
 * point {@code 2^(bits-1)}; asymmetric uses {@code [xmin, xmax]} with a rounded zero point. The scale is
 * rounded up to binary16 before use (so the grid still covers the range and {@code |w - q(w)| <= scale/2}),
 * and codes are computed with the scale that is stored.
 */
final class GroupGrid {

    final float scale;
    final int zero;
    final int maxq;

    private GroupGrid(float scale, int zero, int maxq) {
        this.scale = scale;
        this.zero = zero;
        this.maxq = maxq;
    }

    static GroupGrid fit(double[] x, int offset, int stride, int count, int bits, boolean symmetric) {
        int maxq = (1 << bits) - 1;
        double xmin = 0;
        double xmax = 0;
        for (int i = 0; i < count; i++) {
            double v = x[offset + i * stride];
            xmin = Math.min(xmin, v);
            xmax = Math.max(xmax, v);
        }
        if (symmetric) {
            xmax = Math.max(-xmin, xmax);
            xmin = -xmax;
        }
        if (xmin == 0 && xmax == 0) {
            xmin = -1;
            xmax = 1;
        }
        float scale = Half.roundUp((float) ((xmax - xmin) / maxq));
        if (scale == 0f) {
            scale = Half.toFloat((short) 1); // smallest subnormal: the group is (numerically) all zeros
        }
        int zero = symmetric ? (maxq + 1) / 2 : (int) Math.min(maxq, Math.max(0, Math.rint(-xmin / scale)));
        return new GroupGrid(scale, zero, maxq);
    }

    int code(double w) {
        double q = Math.rint(w / scale) + zero;
        return (int) Math.max(0, Math.min(maxq, q));
    }

    double dequantize(int code) {
        return (double) scale * (code - zero);
    }
}
