package org.wisekit.asr.select;

import java.util.Arrays;

/**
 * The k schedule of Simple-Top-k (stage 1). With L modules, reduction r per iteration and N steps per
 * iteration, the relaxed top-k at step t uses
 * <pre>
 *   k(t) = max(L - r - floor(t / N) * r, kMin)
 * </pre>
 * (so already {@code L - r} at step 0), and stage 1 lasts while {@code t <= N * (L - kMin) / r}, compared in
 * exact arithmetic as the code's {@code global_train_step <= k_anneal_num_steps_per_iter * k_anneal_num_iters}
 * (with a float {@code num_iters = (L - kMin) / r}). Counting steps from 0, stage 1 therefore holds
 * {@code floor(N (L - kMin) / r) + 1} steps: one more than the nominal {@code N (L - kMin) / r}; its extra last
 * step runs with {@code k = kMin}. In the supernet pass of a stage-1 step the L - k modules with the smallest
 * relaxed gates get layer-drop ({@link #supernetDrop}). Scores start at {@link #INITIAL_SCORE}.
 */
public final class KAnnealing implements StageSchedule {

    /** The initial value of every score ({@code layer_gates} initialised to 0.5). */
    public static final double INITIAL_SCORE = 0.5;

    private final int modules;
    private final int kMin;
    private final int reduction;
    private final long stepsPerIteration;

    /**
     * A schedule.
     *
     * @param modules           L, the number of prunable modules (at least 2)
     * @param kMin              the smallest subnet size, in {@code 1..L-1}
     * @param reduction         r, modules removed per iteration, in {@code 1..L-kMin}
     * @param stepsPerIteration N, steps per iteration (at least 1)
     */
    public KAnnealing(int modules, int kMin, int reduction, long stepsPerIteration) {
        validate(modules, kMin, reduction);
        if (stepsPerIteration < 1) {
            throw new IllegalArgumentException("stepsPerIteration must be >= 1, got " + stepsPerIteration);
        }
        this.modules = modules;
        this.kMin = kMin;
        this.reduction = reduction;
        this.stepsPerIteration = stepsPerIteration;
    }

    /**
     * The schedule whose nominal stage-1 length {@code N (L - kMin) / r} is at most {@code nominalStageOneSteps}:
     * {@code N = floor(nominalStageOneSteps * r / (L - kMin))}. The note's CPU setting (L = 16, kMin = 4, r = 2,
     * 900 steps) gives N = 150.
     *
     * @param modules              L (at least 2)
     * @param kMin                 the smallest subnet size, in {@code 1..L-1}
     * @param reduction            r, in {@code 1..L-kMin}
     * @param nominalStageOneSteps the stage-1 budget; must give N of at least 1
     * @return the schedule
     */
    public static KAnnealing forStageOneSteps(int modules, int kMin, int reduction, long nominalStageOneSteps) {
        validate(modules, kMin, reduction);
        if (nominalStageOneSteps < 1) {
            throw new IllegalArgumentException("nominalStageOneSteps must be >= 1, got " + nominalStageOneSteps);
        }
        long n = nominalStageOneSteps * reduction / (modules - kMin);
        if (n < 1) {
            throw new IllegalArgumentException("nominalStageOneSteps " + nominalStageOneSteps + " gives fewer than one"
                    + " step per iteration for " + (modules - kMin) + " modules removed " + reduction + " at a time");
        }
        return new KAnnealing(modules, kMin, reduction, n);
    }

    private static void validate(int modules, int kMin, int reduction) {
        if (modules < 2) {
            throw new IllegalArgumentException("modules must be >= 2, got " + modules);
        }
        if (kMin < 1 || kMin >= modules) {
            throw new IllegalArgumentException("kMin is " + kMin + ", outside 1.." + (modules - 1));
        }
        if (reduction < 1 || reduction > modules - kMin) {
            throw new IllegalArgumentException("reduction is " + reduction + ", outside 1.." + (modules - kMin));
        }
    }

    /**
     * The k of a step, {@code max(L - r - floor(step / N) * r, kMin)}.
     *
     * @param step the global step, at least 0
     * @return k, in {@code kMin..L-r}
     */
    public int k(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        long k = (long) modules - reduction - (step / stepsPerIteration) * reduction;
        return (int) Math.max(k, kMin);
    }

    @Override
    public long lastStageOneStep() {
        return stepsPerIteration * (modules - kMin) / reduction;
    }

    /**
     * The modules that get layer-drop in the supernet pass of a stage-1 step: the {@code L - k} smallest
     * relaxed gates (ties: the higher index is dropped first, as in {@link Masks#topK}).
     *
     * @param gates the relaxed gates of step t ({@link RelaxedTopK#forward})
     * @param k     the step's k
     * @return {@code drop[m]} true for the L - k dropped candidates
     */
    public boolean[] supernetDrop(double[] gates, int k) {
        if (gates == null || gates.length != modules) {
            throw new IllegalArgumentException("gates has " + (gates == null ? "no" : gates.length)
                    + " entries, expected " + modules);
        }
        boolean[] keep = Masks.topK(gates, k);
        boolean[] drop = new boolean[modules];
        for (int m = 0; m < modules; m++) {
            drop[m] = !keep[m];
        }
        return drop;
    }

    /** A new score vector, every entry {@link #INITIAL_SCORE}. */
    public double[] initialScores() {
        double[] s = new double[modules];
        Arrays.fill(s, INITIAL_SCORE);
        return s;
    }

    /** L. */
    public int modules() {
        return modules;
    }

    /** The smallest subnet size. */
    public int kMin() {
        return kMin;
    }

    /** r. */
    public int reduction() {
        return reduction;
    }

    /** N. */
    public long stepsPerIteration() {
        return stepsPerIteration;
    }
}
