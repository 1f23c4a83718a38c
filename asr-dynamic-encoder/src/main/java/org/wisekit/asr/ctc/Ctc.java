package org.wisekit.asr.ctc;

import java.util.Arrays;

/**
 * Connectionist temporal classification loss (Graves et al., 2006) in log space, for one sequence or a padded
 * batch, with its gradient with respect to the logits.
 *
 * <p>Conventions: logits are row-major {@code [frames][vocab]} (unnormalised; the loss applies the log-softmax
 * itself), label 0 is the blank ({@link #BLANK}), target labels lie in {@code 1..vocab-1}. The loss is the
 * negative log-likelihood {@code -log p(target | logits)}, summed over all frame-level paths that collapse to
 * the target (merge repeats, then drop blanks), computed with the forward (alpha) and backward (beta)
 * recursions and a stable log-sum-exp. Two equal adjacent labels need a blank between them, so a target of
 * {@code U} labels with {@code R} adjacent repeats needs at least {@code U + R} frames.
 *
 * <p>The gradient with respect to the logits is the closed form {@code softmax(t, k) - gamma(t, k)}, where
 * {@code gamma(t, k)} is the posterior probability that frame {@code t} emits symbol {@code k}.
 *
 * <p><b>Impossible targets ("zero infinity").</b> When no path produces the target (too few frames) the loss
 * is {@code +Infinity} and the gradient is zero, the choice PyTorch makes with {@code zero_infinity=True}
 * for the gradient. The batch reduction ({@link #batch}) goes one step further, as {@code zero_infinity=True}
 * does for the loss: such items add zero to the reduced loss (their entry in {@code itemLosses} stays
 * {@code +Infinity}), so one bad utterance cannot turn a batch loss into infinity.
 *
 * <p>An instance keeps scratch buffers that grow to the largest sequence seen, so repeated calls allocate
 * nothing; it is therefore not thread-safe (use one instance per thread).
 */
public final class Ctc {

    /** The blank label. */
    public static final int BLANK = 0;

    /** How {@link #batch} reduces the per-item losses. */
    public enum Reduction {
        /** The sum of the item losses. */
        SUM,
        /**
         * The sum of the item losses divided by the total number of input frames of the batch (the sum of
         * {@code frames}), the reduction of the paper's RWTH i6 setup ({@code reduction="sum"}, then divided
         * by the summed sequence lengths).
         */
        SUM_PER_FRAME
    }

    private double[] logProbs = new double[0];   // [T][V] log-softmax
    private double[] alpha = new double[0];      // [T][S] forward variables, emission at t included
    private double[] beta = new double[0];       // [T][S] backward variables, emission at t excluded
    private double[] occupancy = new double[0];  // [T][V] gradient before it is written out
    private int[] extended = new int[0];         // [S] blank-interleaved target

    /** A CTC evaluator with empty scratch buffers. */
    public Ctc() {
    }

    /**
     * The CTC loss of one sequence, in double precision.
     *
     * @param logits row-major {@code [frames][vocab]} logits; at least {@code frames * vocab} entries
     * @param frames number of frames T (at least 1)
     * @param vocab  number of symbols V including the blank (at least 2)
     * @param target labels in {@code 1..vocab-1} (may be empty)
     * @param grad   receives {@code d loss / d logits} in its first {@code frames * vocab} entries; may be null
     * @return {@code -log p(target | logits)}, or {@code +Infinity} (and a zero gradient) for an impossible
     *         target
     */
    public double loss(double[] logits, int frames, int vocab, int[] target, double[] grad) {
        validate(logits == null ? -1 : logits.length, frames, vocab, target, grad == null ? -1 : grad.length);
        ensure(frames, vocab, target.length);
        logSoftmax(logits, 0, frames, vocab);
        double nll = lossFromLogProbs(frames, vocab, target, grad != null);
        if (grad != null) {
            System.arraycopy(occupancy, 0, grad, 0, frames * vocab);
        }
        return nll;
    }

    /**
     * The CTC loss of one sequence given float logits; the recursions run in double precision.
     *
     * @param logits row-major {@code [frames][vocab]} logits; at least {@code frames * vocab} entries
     * @param frames number of frames T (at least 1)
     * @param vocab  number of symbols V including the blank (at least 2)
     * @param target labels in {@code 1..vocab-1} (may be empty)
     * @param grad   receives {@code d loss / d logits} in its first {@code frames * vocab} entries; may be null
     * @return {@code -log p(target | logits)}, or {@code +Infinity} (and a zero gradient) for an impossible
     *         target
     */
    public double loss(float[] logits, int frames, int vocab, int[] target, float[] grad) {
        validate(logits == null ? -1 : logits.length, frames, vocab, target, grad == null ? -1 : grad.length);
        ensure(frames, vocab, target.length);
        logSoftmax(logits, 0, frames, vocab);
        double nll = lossFromLogProbs(frames, vocab, target, grad != null);
        if (grad != null) {
            copyScaled(grad, 0, frames * vocab, 1.0);
        }
        return nll;
    }

    /**
     * The reduced CTC loss of a padded batch and, optionally, its gradient.
     *
     * @param logits     row-major {@code [batch][maxFrames][vocab]} logits, {@code batch = frames.length}; the
     *                   frames of item b past {@code frames[b]} are padding and ignored
     * @param frames     number of valid frames of each item, each in {@code 1..maxFrames}
     * @param maxFrames  the padded time length
     * @param vocab      number of symbols V including the blank (at least 2)
     * @param targets    the target of each item (labels in {@code 1..vocab-1}); {@code targets.length} must
     *                   equal {@code frames.length}
     * @param reduction  how the item losses are combined
     * @param grad       receives {@code d reducedLoss / d logits} in the layout of {@code logits} (zero on
     *                   padding frames and for impossible items); may be null
     * @param itemLosses receives each item's unreduced loss ({@code +Infinity} for an impossible target);
     *                   may be null, else at least {@code frames.length} entries
     * @return the reduced loss, impossible items counted as zero (see the class comment)
     */
    public double batch(float[] logits, int[] frames, int maxFrames, int vocab, int[][] targets,
                        Reduction reduction, float[] grad, double[] itemLosses) {
        if (frames == null || targets == null) {
            throw new IllegalArgumentException("frames and targets must not be null");
        }
        if (frames.length != targets.length) {
            throw new IllegalArgumentException("targets has " + targets.length + " items, frames has "
                    + frames.length);
        }
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
        }
        if (vocab < 2) {
            throw new IllegalArgumentException("vocab must be >= 2, got " + vocab);
        }
        int items = frames.length;
        long size = (long) items * maxFrames * vocab;
        if (logits == null || logits.length != size) {
            throw new IllegalArgumentException("logits has " + (logits == null ? "no" : logits.length)
                    + " entries, expected " + items + " x " + maxFrames + " x " + vocab + " = " + size);
        }
        if (grad != null && grad.length != size) {
            throw new IllegalArgumentException("grad has " + grad.length + " entries, expected " + size);
        }
        if (itemLosses != null && itemLosses.length < items) {
            throw new IllegalArgumentException("itemLosses has " + itemLosses.length + " entries, expected at least "
                    + items);
        }
        long totalFrames = 0;
        int maxTarget = 0;
        for (int b = 0; b < items; b++) {
            if (frames[b] < 1 || frames[b] > maxFrames) {
                throw new IllegalArgumentException("frames[" + b + "] is " + frames[b] + ", outside 1.." + maxFrames);
            }
            validateTarget(targets[b], vocab, "targets[" + b + "]");
            totalFrames += frames[b];
            maxTarget = Math.max(maxTarget, targets[b].length);
        }
        ensure(maxFrames, vocab, maxTarget);
        double scale = reduction == Reduction.SUM ? 1.0 : 1.0 / totalFrames;
        int stride = maxFrames * vocab;
        double total = 0;
        for (int b = 0; b < items; b++) {
            int offset = b * stride;
            logSoftmax(logits, offset, frames[b], vocab);
            double nll = lossFromLogProbs(frames[b], vocab, targets[b], grad != null);
            if (itemLosses != null) {
                itemLosses[b] = nll;
            }
            if (nll != Double.POSITIVE_INFINITY) {
                total += nll;
            }
            if (grad != null) {
                copyScaled(grad, offset, frames[b] * vocab, scale);
                Arrays.fill(grad, offset + frames[b] * vocab, offset + stride, 0f);
            }
        }
        return total * scale;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void validate(int logitsLength, int frames, int vocab, int[] target, int gradLength) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (vocab < 2) {
            throw new IllegalArgumentException("vocab must be >= 2, got " + vocab);
        }
        long size = (long) frames * vocab;
        if (logitsLength < size) {
            throw new IllegalArgumentException("logits has " + (logitsLength < 0 ? "no" : logitsLength)
                    + " entries, expected at least " + frames + " x " + vocab + " = " + size);
        }
        if (gradLength >= 0 && gradLength < size) {
            throw new IllegalArgumentException("grad has " + gradLength + " entries, expected at least " + size);
        }
        validateTarget(target, vocab, "target");
    }

    private static void validateTarget(int[] target, int vocab, String name) {
        if (target == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int u = 0; u < target.length; u++) {
            if (target[u] < 1 || target[u] >= vocab) {
                throw new IllegalArgumentException(name + "[" + u + "] is " + target[u] + ", outside 1.." + (vocab - 1)
                        + " (0 is the blank)");
            }
        }
    }

    private void ensure(int frames, int vocab, int targetLength) {
        int tv = frames * vocab;
        int s = 2 * targetLength + 1;
        if (logProbs.length < tv) {
            logProbs = new double[tv];
            occupancy = new double[tv];
        }
        if (alpha.length < frames * s) {
            alpha = new double[frames * s];
            beta = new double[frames * s];
        }
        if (extended.length < s) {
            extended = new int[s];
        }
    }

    private void logSoftmax(double[] logits, int offset, int frames, int vocab) {
        System.arraycopy(logits, offset, logProbs, 0, frames * vocab);
        logSoftmaxInPlace(frames, vocab);
    }

    private void logSoftmax(float[] logits, int offset, int frames, int vocab) {
        for (int i = 0; i < frames * vocab; i++) {
            logProbs[i] = logits[offset + i];
        }
        logSoftmaxInPlace(frames, vocab);
    }

    /** Row-wise log-softmax of {@code logProbs[0 .. frames * vocab)}, stable (the row maximum subtracted first). */
    private void logSoftmaxInPlace(int frames, int vocab) {
        for (int t = 0; t < frames; t++) {
            int row = t * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < vocab; k++) {
                max = Math.max(max, logProbs[row + k]);
            }
            double sum = 0;
            for (int k = 0; k < vocab; k++) {
                sum += Math.exp(logProbs[row + k] - max);
            }
            double shift = max + Math.log(sum);
            for (int k = 0; k < vocab; k++) {
                logProbs[row + k] -= shift;
            }
        }
    }

    /** Writes {@code scale * occupancy} (the gradient) into {@code out[offset ..]}. */
    private void copyScaled(float[] out, int offset, int length, double scale) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (float) (occupancy[i] * scale);
        }
    }

    /**
     * The loss from {@link #logProbs}; with {@code gradient}, fills {@link #occupancy} with
     * {@code softmax - gamma} (zero for an impossible target).
     */
    private double lossFromLogProbs(int frames, int vocab, int[] target, boolean gradient) {
        int u = target.length;
        int s = 2 * u + 1;
        for (int i = 0; i < s; i++) {
            extended[i] = (i & 1) == 0 ? BLANK : target[i >> 1];
        }
        int repeats = 0;
        for (int i = 1; i < u; i++) {
            if (target[i] == target[i - 1]) {
                repeats++;
            }
        }
        double nll;
        if (frames < u + repeats) {
            nll = Double.POSITIVE_INFINITY;
        } else {
            nll = -forward(frames, vocab, s);
        }
        if (nll == Double.POSITIVE_INFINITY) {
            if (gradient) {
                Arrays.fill(occupancy, 0, frames * vocab, 0.0);
            }
            return Double.POSITIVE_INFINITY;
        }
        if (gradient) {
            backward(frames, vocab, s);
            occupancyGradient(frames, vocab, s, -nll);
        }
        return nll;
    }

    /** Fills alpha and returns {@code log p(target)}. */
    private double forward(int frames, int vocab, int s) {
        double[] a = alpha;
        double[] lp = logProbs;
        int[] ext = extended;
        Arrays.fill(a, 0, s, Double.NEGATIVE_INFINITY);
        a[0] = lp[BLANK];
        if (s > 1) {
            a[1] = lp[ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * s;
            int cur = t * s;
            int row = t * vocab;
            for (int i = 0; i < s; i++) {
                double sum = a[prev + i];
                if (i >= 1) {
                    sum = logAdd(sum, a[prev + i - 1]);
                }
                if (i >= 2 && ext[i] != BLANK && ext[i] != ext[i - 2]) {
                    sum = logAdd(sum, a[prev + i - 2]);
                }
                a[cur + i] = sum + lp[row + ext[i]];
            }
        }
        int last = (frames - 1) * s;
        return s > 1 ? logAdd(a[last + s - 1], a[last + s - 2]) : a[last];
    }

    /** Fills beta: {@code beta[t][i] = log p(rest of the target after frame t | state i at frame t)}. */
    private void backward(int frames, int vocab, int s) {
        double[] b = beta;
        double[] lp = logProbs;
        int[] ext = extended;
        int last = (frames - 1) * s;
        Arrays.fill(b, last, last + s, Double.NEGATIVE_INFINITY);
        b[last + s - 1] = 0;
        if (s > 1) {
            b[last + s - 2] = 0;
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = (t + 1) * s;
            int cur = t * s;
            int row = (t + 1) * vocab;
            for (int i = 0; i < s; i++) {
                double sum = b[next + i] + lp[row + ext[i]];
                if (i + 1 < s) {
                    sum = logAdd(sum, b[next + i + 1] + lp[row + ext[i + 1]]);
                }
                if (i + 2 < s && ext[i + 2] != BLANK && ext[i + 2] != ext[i]) {
                    sum = logAdd(sum, b[next + i + 2] + lp[row + ext[i + 2]]);
                }
                b[cur + i] = sum;
            }
        }
    }

    private void occupancyGradient(int frames, int vocab, int s, double logLikelihood) {
        double[] g = occupancy;
        double[] lp = logProbs;
        double[] a = alpha;
        double[] b = beta;
        int[] ext = extended;
        for (int t = 0; t < frames; t++) {
            int row = t * vocab;
            for (int k = 0; k < vocab; k++) {
                g[row + k] = Math.exp(lp[row + k]);
            }
            int cur = t * s;
            for (int i = 0; i < s; i++) {
                double logGamma = a[cur + i] + b[cur + i] - logLikelihood;
                if (logGamma != Double.NEGATIVE_INFINITY) {
                    g[row + ext[i]] -= Math.exp(logGamma);
                }
            }
        }
    }

    /** {@code log(exp(x) + exp(y))} without overflow; {@code -Infinity} is the neutral element. */
    static double logAdd(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
    }
}
