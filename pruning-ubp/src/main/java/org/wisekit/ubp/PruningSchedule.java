package org.wisekit.ubp;

/**
 * Gradual magnitude pruning's cubic schedule (Zhu and Gupta, as in the authors' sparseml recipes):
 * sparsity 0 before {@code startStep}, then s(t) = s_f (1 - (1 - (t - t0) / (t1 - t0))^3), reaching
 * {@code finalSparsity} at {@code endStep} and staying there. Blocks are re-selected every
 * {@code interval} steps from {@code startStep}, and at {@code endStep}.
 *
 * @param finalSparsity s_f, in [0, 1)
 * @param startStep     t0, at least 0
 * @param endStep       t1, greater than t0
 * @param interval      steps between re-selections, at least 1
 */
public record PruningSchedule(double finalSparsity, int startStep, int endStep, int interval) {

    public PruningSchedule {
        if (!(finalSparsity >= 0 && finalSparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + finalSparsity);
        }
        if (startStep < 0 || endStep <= startStep) {
            throw new IllegalArgumentException("need 0 <= startStep < endStep, got " + startStep + " and " + endStep);
        }
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be >= 1, got " + interval);
        }
    }

    /** The target sparsity after step {@code step}. */
    public double sparsityAt(int step) {
        if (step <= startStep) {
            return 0;
        }
        if (step >= endStep) {
            return finalSparsity;
        }
        double remaining = 1 - (double) (step - startStep) / (endStep - startStep);
        return finalSparsity * (1 - remaining * remaining * remaining);
    }

    /** Whether blocks are re-selected after step {@code step}. */
    public boolean selectsAt(int step) {
        return step >= startStep && step <= endStep && ((step - startStep) % interval == 0 || step == endStep);
    }
}
