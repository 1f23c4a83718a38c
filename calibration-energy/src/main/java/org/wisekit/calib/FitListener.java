package org.wisekit.calib;

/**
 * Where an iterative fit (vector, matrix and Dirichlet scaling, Beta calibration) reports each iteration,
 * e.g. to draw a progress bar. Called on the fitting thread; must not throw.
 */
@FunctionalInterface
public interface FitListener {

    /**
     * One iteration done.
     *
     * @param iteration     its number, from 1
     * @param maxIterations the limit (the fit may stop earlier, when it has converged)
     * @param loss          the objective after it
     */
    void iteration(int iteration, int maxIterations, double loss);

    /** Ignores every call. */
    FitListener NONE = (i, m, l) -> { };
}
