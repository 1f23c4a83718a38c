package org.wisekit.fedmml;

import java.util.HashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter): decoupled weight decay, bias-corrected moments, optional FedProx proximal
 * gradient {@code mu (w - w_global)}. State (two moment arrays per trained tensor) lives here and is counted in
 * {@link #stateBytes()}; a client starts a fresh optimiser every round, as the official code does.
 */
final class AdamW {

    private final double lr;
    private final double weightDecay;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final Map<String, float[]> m = new HashMap<>();
    private final Map<String, float[]> v = new HashMap<>();
    private int t;

    AdamW(double lr, double weightDecay) {
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    void nextStep() {
        t++;
    }

    /** Updates {@code w} in place from its gradient; {@code anchor} (FedProx) may be null. */
    void update(String name, float[] w, float[] grad, float[] anchor, double mu) {
        float[] mt = m.computeIfAbsent(name, k -> new float[w.length]);
        float[] vt = v.computeIfAbsent(name, k -> new float[w.length]);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < w.length; i++) {
            double g = grad[i];
            if (anchor != null) {
                g += mu * (w[i] - anchor[i]);
            }
            mt[i] = (float) (beta1 * mt[i] + (1 - beta1) * g);
            vt[i] = (float) (beta2 * vt[i] + (1 - beta2) * g * g);
            double step = (mt[i] / c1) / (Math.sqrt(vt[i] / c2) + eps);
            w[i] = (float) (w[i] - lr * (step + weightDecay * w[i]));
        }
    }

    long stateBytes() {
        long n = 0;
        for (float[] a : m.values()) {
            n += 4L * a.length;
        }
        return 2 * n;
    }
}
