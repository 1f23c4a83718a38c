package org.wisekit.asr.select;

/**
 * The two training stages of a selection method: stage 1 learns the module scores, stage 2 trains the fixed
 * nested subnets (sandwich rule). Steps are the global training step counted from 0, as the official code's
 * {@code global_train_step}; stage 1 is every step {@code t <= lastStageOneStep()} (the code's {@code <=}
 * test), so it holds {@code lastStageOneStep() + 1} steps, and the supernet's layer-drop probability switches
 * from p1 to p2 at {@link #firstStageTwoStep()}.
 */
public sealed interface StageSchedule permits KAnnealing, IterativeZeroOut {

    /** The last step of stage 1 (inclusive). */
    long lastStageOneStep();

    /** The first step of stage 2, {@code lastStageOneStep() + 1}. */
    default long firstStageTwoStep() {
        return lastStageOneStep() + 1;
    }

    /**
     * Whether a step belongs to stage 1.
     *
     * @param step the global step, at least 0
     * @return {@code step <= lastStageOneStep()}
     */
    default boolean inStageOne(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return step <= lastStageOneStep();
    }

    /**
     * The stage of a step.
     *
     * @param step the global step, at least 0
     * @return 1 or 2
     */
    default int stage(long step) {
        return inStageOne(step) ? 1 : 2;
    }

    /**
     * How many of {@code totalSteps} steps (steps {@code 0..totalSteps-1}) fall in stage 2.
     *
     * @param totalSteps the training budget, at least 0
     * @return {@code max(0, totalSteps - firstStageTwoStep())}
     */
    default long stageTwoSteps(long totalSteps) {
        if (totalSteps < 0) {
            throw new IllegalArgumentException("totalSteps must be >= 0, got " + totalSteps);
        }
        return Math.max(0, totalSteps - firstStageTwoStep());
    }
}
