/**
 * Shared numerical optimisers, JDK only.
 *
 * <p>{@link org.wisekit.tensor.optim.Lbfgs} is a deterministic limited-memory BFGS for smooth unconstrained
 * minimisation with an analytic gradient (backtracking Armijo line search, memory 10). Paper modules fit their
 * convex objectives with it (calibration maps in {@code calibration-energy}, logistic regression in
 * {@code hardness-geohard}) instead of keeping their own copies.
 */
package org.wisekit.tensor.optim;
