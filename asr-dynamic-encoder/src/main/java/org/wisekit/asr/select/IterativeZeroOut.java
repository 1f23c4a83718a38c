package org.wisekit.asr.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Iterative-Zero-Out (stage 1), as in the official code. Gates are {@code sigmoid(s)}, scores start at
 * {@link #INITIAL_SCORE} (gates about 1). Stage 1 is split into iterations of given lengths with cumulative
 * zero-out targets {@code n_0 <= n_1 <= ...}; with {@code c_i} the cumulative step counts:
 * <ul>
 *   <li>iteration 0 covers steps {@code 0..c_0}, iteration i steps {@code c_(i-1)+1..c_i} (the code's
 *   {@code while step > cum[i]: i += 1}); stage 1 ends with step {@code c_last} inclusive;</li>
 *   <li>during iteration i the loss adds {@link #sparsityLoss} with target {@code n_i}:
 *   {@code 5 |(L - sum sigmoid(s)) / L - n_i / L|};</li>
 *   <li>during iteration i the supernet pass gives layer-drop to the {@code n_(i-1)} smallest scores (none in
 *   iteration 0), see {@link #supernetDrop};</li>
 *   <li>at the last step of iteration i, {@code c_i}, the {@code n_i} smallest scores are overwritten with
 *   {@link #ZERO_OUT_VALUE} ({@link #zeroOutIfDue}); they are not frozen and keep learning. As in the code
 *   ({@code step == cum[i] and step < cum[-1]}) nothing is overwritten at the end of the last iteration: the
 *   stage-2 masks are the top-k of the raw scores anyway.</li>
 * </ul>
 * A zeroed module that no longer ranks among the {@code n_i} smallest scores at the end of a later iteration i
 * has revived; each such event is logged ({@link #revivals}).
 *
 * <p>Call order: the code overwrites the scores inside the training step, after the forward pass and before
 * the optimizer update, so the zeroed scores still receive that step's update. Calling
 * {@link #zeroOutIfDue} after the update instead leaves them exactly at -5 when the next iteration starts; the
 * difference is one optimizer step on up to L scores.
 *
 * <p>Instances keep the zeroed set and the revival log; they are not thread-safe.
 */
public final class IterativeZeroOut implements StageSchedule {

    /** The initial value of every score (sigmoid(10) is about 0.99995). */
    public static final double INITIAL_SCORE = 10;
    /** The value a zeroed score is set to (sigmoid(-5) is about 0.0067). */
    public static final double ZERO_OUT_VALUE = -5;
    /** The weight of the sparsity loss. */
    public static final double LOSS_WEIGHT = 5;

    /**
     * A revived module: zeroed at the end of an earlier iteration, it is not among the {@code n_i} smallest
     * scores at the end of iteration {@code iteration}.
     *
     * @param step      the step at which it was observed (the last step of {@code iteration})
     * @param iteration the iteration that just ended
     * @param module    the module index
     * @param score     its score at that step (above 0 means its gate is above 1/2)
     */
    public record Revival(long step, int iteration, int module, double score) {
    }

    private final int modules;
    private final int[] targets;
    private final long[] cumulative;
    private boolean[] zeroed;
    private final List<Revival> revivals = new ArrayList<>();

    /**
     * A schedule.
     *
     * @param modules           L, the number of prunable modules (at least 2)
     * @param stepsPerIteration the length of each iteration in steps (each at least 1); iteration 0 also holds
     *                          step 0, so it runs one step longer than its length
     * @param targets           the cumulative zero-out targets {@code n_i}, non-decreasing, in {@code 1..L-1},
     *                          one per iteration (the last is {@code L - kMin})
     */
    public IterativeZeroOut(int modules, int[] stepsPerIteration, int[] targets) {
        if (modules < 2) {
            throw new IllegalArgumentException("modules must be >= 2, got " + modules);
        }
        if (stepsPerIteration == null || targets == null || stepsPerIteration.length == 0) {
            throw new IllegalArgumentException("stepsPerIteration and targets must name at least one iteration");
        }
        if (stepsPerIteration.length != targets.length) {
            throw new IllegalArgumentException("stepsPerIteration has " + stepsPerIteration.length
                    + " iterations, targets has " + targets.length);
        }
        cumulative = new long[stepsPerIteration.length];
        long sum = 0;
        for (int i = 0; i < stepsPerIteration.length; i++) {
            if (stepsPerIteration[i] < 1) {
                throw new IllegalArgumentException("stepsPerIteration[" + i + "] is " + stepsPerIteration[i]
                        + "; each iteration needs at least 1 step");
            }
            if (targets[i] < 1 || targets[i] >= modules) {
                throw new IllegalArgumentException("targets[" + i + "] is " + targets[i] + ", outside 1.."
                        + (modules - 1));
            }
            if (i > 0 && targets[i] < targets[i - 1]) {
                throw new IllegalArgumentException("targets " + Arrays.toString(targets) + " decrease at " + i);
            }
            sum += stepsPerIteration[i];
            cumulative[i] = sum;
        }
        this.modules = modules;
        this.targets = targets.clone();
        this.zeroed = new boolean[modules];
    }

    /**
     * The schedule whose iteration lengths follow {@code template} scaled to a nominal stage-1 length (the sum
     * of the lengths), rounded by largest remainders so that the lengths sum exactly to it; e.g. the note's
     * {@code [400, 100, 100, 100, 100, 100]} scaled to 450 gives {@code [200, 50, 50, 50, 50, 50]}.
     *
     * @param modules              L
     * @param template             relative iteration lengths (each at least 1)
     * @param targets              the cumulative zero-out targets, one per iteration
     * @param nominalStageOneSteps the sum of the scaled lengths, at least {@code template.length}
     * @return the schedule (each scaled length at least 1)
     */
    public static IterativeZeroOut proportional(int modules, int[] template, int[] targets, long nominalStageOneSteps) {
        if (template == null || template.length == 0) {
            throw new IllegalArgumentException("template must name at least one iteration");
        }
        if (nominalStageOneSteps < template.length || nominalStageOneSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nominalStageOneSteps is " + nominalStageOneSteps + ", outside "
                    + template.length + ".." + Integer.MAX_VALUE);
        }
        long total = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i] < 1) {
                throw new IllegalArgumentException("template[" + i + "] is " + template[i] + "; must be >= 1");
            }
            total += template[i];
        }
        int n = template.length;
        int[] steps = new int[n];
        double[] remainder = new double[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            double exact = (double) template[i] * nominalStageOneSteps / total;
            steps[i] = Math.max(1, (int) Math.floor(exact));
            remainder[i] = exact - Math.floor(exact);
            assigned += steps[i];
        }
        while (assigned < nominalStageOneSteps) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            steps[best]++;
            remainder[best] = -1;
            assigned++;
        }
        while (assigned > nominalStageOneSteps) {   // only when the floor of 1 lifted a length
            int longest = 0;
            for (int i = 1; i < n; i++) {
                if (steps[i] > steps[longest]) {
                    longest = i;
                }
            }
            steps[longest]--;
            assigned--;
        }
        return new IterativeZeroOut(modules, steps, targets);
    }

    @Override
    public long lastStageOneStep() {
        return cumulative[cumulative.length - 1];
    }

    /** The number of iterations. */
    public int iterations() {
        return targets.length;
    }

    /**
     * The iteration of a stage-1 step: the smallest i with {@code step <= c_i}.
     *
     * @param step a stage-1 step, in {@code 0..lastStageOneStep()}
     * @return the iteration index
     */
    public int iteration(long step) {
        if (step < 0 || step > lastStageOneStep()) {
            throw new IllegalArgumentException("step is " + step + ", outside stage 1 (0.." + lastStageOneStep() + ")");
        }
        int i = 0;
        while (step > cumulative[i]) {
            i++;
        }
        return i;
    }

    /**
     * The sparsity target {@code n_i} of a stage-1 step's iteration.
     *
     * @param step a stage-1 step
     * @return the number of modules the sparsity loss aims to switch off
     */
    public int target(long step) {
        return targets[iteration(step)];
    }

    /**
     * The modules given layer-drop in the supernet pass of a stage-1 step: the {@code n_(i-1)} smallest scores
     * (none in iteration 0); ties: the higher index first.
     *
     * @param step   a stage-1 step
     * @param scores the current scores
     * @return {@code drop[m]} true for the dropped candidates
     */
    public boolean[] supernetDrop(long step, double[] scores) {
        checkScores(scores);
        int i = iteration(step);
        int n = i == 0 ? 0 : targets[i - 1];
        return smallest(scores, n);
    }

    /** A new score vector, every entry {@link #INITIAL_SCORE}. */
    public double[] initialScores() {
        double[] s = new double[modules];
        Arrays.fill(s, INITIAL_SCORE);
        return s;
    }

    /**
     * The gates {@code sigmoid(s)}.
     *
     * @param scores the scores
     * @return one gate per score, in (0, 1)
     */
    public static double[] gates(double[] scores) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        double[] g = new double[scores.length];
        for (int m = 0; m < g.length; m++) {
            g[m] = sigmoid(scores[m]);
        }
        return g;
    }

    /**
     * The weighted sparsity loss {@code 5 |(L - sum_m sigmoid(s_m)) / L - target / L|} and, optionally, its
     * gradient {@code -5 sign(d) sigmoid'(s_m) / L} with d the expression inside the absolute value. At
     * {@code d = 0} the subgradient 0 is used (PyTorch's {@code abs} backward, {@code sign(0) = 0}).
     *
     * @param scores the scores, one per module
     * @param target the number of modules to switch off, in {@code 0..L}
     * @param grad   receives {@code dLoss/dscores}; may be null
     * @return the loss value, weight included
     */
    public double sparsityLoss(double[] scores, int target, double[] grad) {
        checkScores(scores);
        if (target < 0 || target > modules) {
            throw new IllegalArgumentException("target is " + target + ", outside 0.." + modules);
        }
        if (grad != null && grad.length != modules) {
            throw new IllegalArgumentException("grad has " + grad.length + " entries, expected " + modules);
        }
        double sum = 0;
        for (double s : scores) {
            sum += sigmoid(s);
        }
        double d = (modules - sum) / modules - (double) target / modules;
        if (grad != null) {
            double factor = -LOSS_WEIGHT * Math.signum(d) / modules;
            for (int m = 0; m < modules; m++) {
                double g = sigmoid(scores[m]);
                grad[m] = factor == 0 ? 0.0 : factor * g * (1 - g);
            }
        }
        return LOSS_WEIGHT * Math.abs(d);
    }

    /**
     * The end-of-iteration step: when {@code step} is the last step {@code c_i} of an iteration, logs the
     * revivals (zeroed modules no longer among the {@code n_i} smallest scores) and, unless i is the last
     * iteration, sets the {@code n_i} smallest scores to {@link #ZERO_OUT_VALUE}. Call it once per step.
     *
     * @param step   the global step
     * @param scores the scores, changed in place when due
     * @return the indices set to the zero-out value, ascending (empty when nothing was due)
     */
    public int[] zeroOutIfDue(long step, double[] scores) {
        checkScores(scores);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        int i = Arrays.binarySearch(cumulative, step);
        if (i < 0) {
            return new int[0];
        }
        boolean[] lowest = smallest(scores, targets[i]);
        for (int m = 0; m < modules; m++) {
            if (zeroed[m] && !lowest[m]) {
                revivals.add(new Revival(step, i, m, scores[m]));
            }
        }
        if (i == targets.length - 1) {
            return new int[0];
        }
        zeroed = lowest;
        int[] indices = new int[targets[i]];
        int n = 0;
        for (int m = 0; m < modules; m++) {
            if (lowest[m]) {
                scores[m] = ZERO_OUT_VALUE;
                indices[n++] = m;
            }
        }
        return indices;
    }

    /** The revivals logged so far, in order. */
    public List<Revival> revivals() {
        return List.copyOf(revivals);
    }

    /** The modules zeroed at the most recent zero-out ({@code zeroed[m]}); a copy. */
    public boolean[] zeroed() {
        return zeroed.clone();
    }

    /** L. */
    public int modules() {
        return modules;
    }

    /** The cumulative targets {@code n_i}; a copy. */
    public int[] targets() {
        return targets.clone();
    }

    private void checkScores(double[] scores) {
        if (scores == null || scores.length != modules) {
            throw new IllegalArgumentException("scores has " + (scores == null ? "no" : scores.length)
                    + " entries, expected " + modules);
        }
    }

    /** The n smallest scores (complement of the top-(L - n), so ties drop the higher index first). */
    private boolean[] smallest(double[] scores, int n) {
        boolean[] keep = Masks.topK(scores, modules - n);
        boolean[] low = new boolean[modules];
        for (int m = 0; m < modules; m++) {
            low[m] = !keep[m];
        }
        return low;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
