/**
 * Epoch-wise double descent in two-layer linear networks (Olmin and Lindsten, "Towards Understanding Epoch-wise
 * Double Descent in Two-layer Linear Neural Networks", arXiv:2407.09845).
 *
 * <p>From the paper (as quoted by a review): the model {@code yhat = x W^T}, {@code W = W2 W1}, the loss
 * {@code (1/2n) tr((Y - X W^T)^T (Y - X W^T))}, gradient flow with per-layer rates, the decoupled modes of
 * Saxe et al. and the per-mode equation {@code dz/dt = sqrt(gamma^2 + 4 eta^2 z^2)(sigma - lambda z)}.
 * <b>Reconstructed</b> (derived in the project's note and verified numerically by the tests): the closed form
 * ({@link org.wisekit.ddescent.ModeDynamics#z}), the factor identities
 * ({@link org.wisekit.ddescent.ModeDynamics#gamma}), the test-error decomposition
 * ({@link org.wisekit.ddescent.TestError}), the necessary conditions C1/C2
 * ({@link org.wisekit.ddescent.Conditions}) and the four fixtures ({@link org.wisekit.ddescent.Fixtures}).
 *
 * <p>Three ways to the same dynamics: the closed form and the adaptive ODE per mode
 * ({@link org.wisekit.ddescent.ModeDynamics}); full matrices on aligned data
 * ({@link org.wisekit.ddescent.AlignedTeacherStudent}, {@link org.wisekit.ddescent.LinearNet}) under gradient
 * flow ({@link org.wisekit.ddescent.GradientFlow}) or discrete gradient descent
 * ({@link org.wisekit.ddescent.GradientDescent}). Curves are sampled on log grids
 * ({@link org.wisekit.ddescent.LogGrid}) and checked by the appendix detector
 * ({@link org.wisekit.ddescent.DoubleDescent}).
 *
 * <p>This package needs only Commons Math and wisekit-tensor (seeded normals); the reproduction
 * ({@code .repro}) and the tool ({@code .cli}) add wisekit-harness and picocli, optional dependencies of this
 * artifact. Values are immutable; entry points are stateless and thread-safe. Bad input gets an
 * {@link java.lang.IllegalArgumentException} naming the parameter and the value.
 */
package org.wisekit.ddescent;
