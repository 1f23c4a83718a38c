package org.wisekit.ddescent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.wisekit.ddescent.internal.Checks;
import org.wisekit.ddescent.internal.Dense;

/**
 * Full-batch discrete gradient descent on the two-layer linear network with per-layer rates:
 * {@code W1 -= stepSize eta_a dL/dW1}, {@code W2 -= stepSize eta_b dL/dW2}, both gradients from the same
 * (old) weights. Step k corresponds to flow time {@code k stepSize}. The loop works on flat {@code double[]}
 * arrays and uses the covariances {@code Sigma_xx}, {@code Sigma_yx} (the exact full-batch gradient, at a cost
 * independent of n); it allocates only at the recorded steps.
 */
public final class GradientDescent {

    private GradientDescent() {
    }

    /**
     * Runs {@code steps} steps, recording the network at step 0, every {@code recordEvery} steps and at the
     * last step.
     *
     * @param init the network at step 0
     * @param data the training set (shapes must match)
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @param stepSize the step eta_GD, {@code > 0}
     * @param steps number of steps, {@code >= 0}
     * @param recordEvery recording period, {@code >= 1}
     * @return snapshots at times {@code k stepSize}
     * @throws IllegalArgumentException on a bad argument, or naming stepSize when the iteration diverges
     */
    public static Trajectory run(LinearNet init, RegressionData data, double etaA, double etaB, double stepSize,
            int steps, int recordEvery) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (recordEvery < 1) {
            throw new IllegalArgumentException("recordEvery must be >= 1, got " + recordEvery);
        }
        int count = steps / recordEvery + 1 + (steps % recordEvery == 0 ? 0 : 1);
        long[] at = new long[count];
        for (int k = 0; k < count; k++) {
            at[k] = Math.min((long) k * recordEvery, steps);
        }
        return runAt(init, data, etaA, etaB, stepSize, at);
    }

    /**
     * Runs until the last requested step, recording the network at each requested step (log-spaced steps
     * suit epoch-wise curves).
     *
     * @param init the network at step 0
     * @param data the training set (shapes must match)
     * @param etaA first-layer rate, {@code > 0}
     * @param etaB second-layer rate, {@code > 0}
     * @param stepSize the step eta_GD, {@code > 0}
     * @param recordSteps step counts to record, {@code >= 0} and non-decreasing, at least one
     * @return snapshots at times {@code recordSteps[k] stepSize}
     * @throws IllegalArgumentException on a bad argument, or naming stepSize when the iteration diverges
     */
    public static Trajectory runAt(LinearNet init, RegressionData data, double etaA, double etaB,
            double stepSize, long[] recordSteps) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(data, "data");
        data.requireShape(init);
        Checks.positive("etaA", etaA);
        Checks.positive("etaB", etaB);
        Checks.positive("stepSize", stepSize);
        Objects.requireNonNull(recordSteps, "recordSteps");
        if (recordSteps.length == 0) {
            throw new IllegalArgumentException("recordSteps must hold at least one step, got none");
        }
        for (int k = 0; k < recordSteps.length; k++) {
            if (recordSteps[k] < 0 || (k > 0 && recordSteps[k] < recordSteps[k - 1])) {
                throw new IllegalArgumentException("recordSteps must be >= 0 and non-decreasing, got recordSteps["
                        + k + "] = " + recordSteps[k]);
            }
        }
        int h = init.hidden();
        int dx = init.inputs();
        int dy = init.outputs();
        double[] w1 = init.rawW1().clone();
        double[] w2 = init.rawW2().clone();
        double[] sxx = data.sxx();
        double[] syx = data.syx();
        double[] p = new double[dy * dx];
        double[] g = new double[dy * dx];
        double[] d1 = new double[h * dx];
        double[] d2 = new double[dy * h];
        double[] w1t = new double[dx * h];
        double sa = stepSize * etaA;
        double sb = stepSize * etaB;
        List<LinearNet> nets = new ArrayList<>(recordSteps.length);
        double[] times = new double[recordSteps.length];
        long done = 0;
        for (int r = 0; r < recordSteps.length; r++) {
            long target = recordSteps[r];
            for (; done < target; done++) {
                Dense.velocity(w1, w2, sxx, syx, h, dx, dy, 1, 1, p, g, d1, d2, w1t);
                for (int i = 0; i < w1.length; i++) {
                    w1[i] += sa * d1[i];
                }
                for (int i = 0; i < w2.length; i++) {
                    w2[i] += sb * d2[i];
                }
            }
            for (double x : w1) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("stepSize = " + stepSize + " made gradient descent diverge"
                            + " before step " + done + "; use a smaller step");
                }
            }
            for (double x : w2) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("stepSize = " + stepSize + " made gradient descent diverge"
                            + " before step " + done + "; use a smaller step");
                }
            }
            nets.add(new LinearNet(h, dx, dy, w1.clone(), w2.clone()));
            times[r] = target * stepSize;
        }
        return new Trajectory(times, nets);
    }
}
