package org.wisekit.tensor.nd4j;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization"): bias-corrected first and second
 * moments and weight decay applied to the weights, not to the gradient. Every wisekit trainer that runs Adam
 * uses this class; the state (two moment arrays per parameter, created at the parameter's first update) is
 * kept by parameter name.
 *
 * <p>One step is {@link #nextStep()} followed by one {@code update} per parameter. With learning rate
 * {@code lr}, decay {@code wd}, step count {@code t} and gradient {@code g}:
 * <pre>
 * m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
 * w = w - lr (wd w + (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps))
 * </pre>
 * Parameters come in two forms, each with its own arithmetic: {@code float[]} arrays are updated element by
 * element in double precision (moments stored as float), and {@link INDArray}s with ND4J's float operations in
 * PyTorch's order (decay {@code w *= 1 - lr wd} first, then the Adam step). The two agree to float rounding;
 * a given parameter name must always be updated in the same form.
 *
 * <p>The learning rate and weight decay are passed per update, so that schedules and per-parameter decay
 * policies (e.g. no decay on biases and norms) stay with the caller. Not thread-safe.
 */
public final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, float[][]> arrays = new HashMap<>();
    private final Map<String, INDArray[]> nd4jMoments = new HashMap<>();
    private long t;

    /** AdamW with PyTorch's defaults: beta1 0.9, beta2 0.999, eps 1e-8. */
    public AdamW() {
        this(0.9, 0.999, 1e-8);
    }

    /**
     * AdamW with the given moment decay rates and denominator epsilon.
     *
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps   added to the square root of the second moment, &gt; 0
     */
    public AdamW(double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("need beta1, beta2 in [0, 1) and eps > 0, got " + beta1 + ", " + beta2
                    + ", " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Starts the next optimiser step (the bias corrections use the step count); call before its updates. */
    public void nextStep() {
        t++;
    }

    /** Optimiser steps started so far. */
    public long steps() {
        return t;
    }

    /**
     * Updates {@code w} in place from its gradient.
     *
     * @param name        the parameter's name (its moments are kept under it)
     * @param w           the weights, updated in place
     * @param gradient    the gradient of the loss with respect to {@code w}, same length
     * @param lr          learning rate
     * @param weightDecay decoupled weight decay (0: none)
     */
    public void update(String name, float[] w, float[] gradient, double lr, double weightDecay) {
        update(name, w, gradient, lr, weightDecay, null, 0);
    }

    /**
     * Updates {@code w} in place from its gradient plus FedProx's proximal term {@code mu (w - anchor)}.
     *
     * @param name        the parameter's name (its moments are kept under it)
     * @param w           the weights, updated in place
     * @param gradient    the gradient of the loss with respect to {@code w}, same length
     * @param lr          learning rate
     * @param weightDecay decoupled weight decay (0: none)
     * @param anchor      the global weights the proximal term pulls towards, or null for none
     * @param mu          the proximal coefficient (ignored when {@code anchor} is null)
     */
    public void update(String name, float[] w, float[] gradient, double lr, double weightDecay, float[] anchor,
                       double mu) {
        checkStarted();
        if (gradient.length != w.length || (anchor != null && anchor.length != w.length)) {
            throw new IllegalArgumentException("parameter " + name + ": weights, gradient and anchor must have one length,"
                    + " got " + w.length + ", " + gradient.length + (anchor == null ? "" : ", " + anchor.length));
        }
        float[][] mv = arrays.computeIfAbsent(name, k -> new float[][] {new float[w.length], new float[w.length]});
        float[] m = mv[0];
        float[] v = mv[1];
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < w.length; i++) {
            double g = gradient[i];
            if (anchor != null) {
                g += mu * (w[i] - anchor[i]);
            }
            m[i] = (float) (beta1 * m[i] + (1 - beta1) * g);
            v[i] = (float) (beta2 * v[i] + (1 - beta2) * g * g);
            double step = (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            w[i] = (float) (w[i] - lr * (step + weightDecay * w[i]));
        }
    }

    /**
     * Updates {@code w} in place with ND4J operations: weight decay {@code w *= 1 - lr weightDecay} first, then
     * the Adam step. {@code gradient} (cast to {@code w}'s type) may be overwritten.
     *
     * @param name        the parameter's name (its moments are kept under it)
     * @param w           the weights, updated in place
     * @param gradient    the gradient of the loss with respect to {@code w}, same shape; used as scratch space
     * @param lr          learning rate
     * @param weightDecay decoupled weight decay (0: none)
     */
    public void update(String name, INDArray w, INDArray gradient, double lr, double weightDecay) {
        checkStarted();
        INDArray[] mv = nd4jMoments.computeIfAbsent(name, k -> new INDArray[] {Nd4j.zerosLike(w), Nd4j.zerosLike(w)});
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray g = gradient.castTo(w.dataType());
        mv[0].muli(beta1).addi(g.mul(1 - beta1));
        mv[1].muli(beta2).addi(g.muli(g).muli(1 - beta2));
        if (weightDecay > 0) {
            w.muli(1 - lr * weightDecay);
        }
        INDArray denominator = Transforms.sqrt(mv[1].div(c2), false).addi(eps);
        w.subi(mv[0].mul(lr / c1).divi(denominator));
    }

    /** Bytes of optimiser state (both moments of every parameter updated so far). */
    public long stateBytes() {
        long bytes = 0;
        for (float[][] mv : arrays.values()) {
            bytes += 4L * (mv[0].length + mv[1].length);
        }
        for (INDArray[] mv : nd4jMoments.values()) {
            bytes += mv[0].length() * mv[0].dataType().width() + mv[1].length() * mv[1].dataType().width();
        }
        return bytes;
    }

    /**
     * The factor that clips gradients to a global L2 norm: {@code maxNorm / (norm + 1e-6)} when the norm over all
     * {@code gradients} together exceeds {@code maxNorm}, else 1 (as PyTorch's {@code clip_grad_norm_}).
     *
     * @param gradients every gradient of one step
     * @param maxNorm   the largest global norm allowed (&gt; 0)
     * @return the factor to multiply every gradient by
     */
    public static double clipScale(Iterable<INDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        double squares = 0;
        for (INDArray g : gradients) {
            double norm = g.norm2Number().doubleValue();
            squares += norm * norm;
        }
        double norm = Math.sqrt(squares);
        return norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    }

    private void checkStarted() {
        if (t == 0) {
            throw new IllegalStateException("call nextStep() before the first update");
        }
    }
}
