/**
 * Kernels behind the public calibration API: max-shifted log-sum-exp and softmax with a temperature,
 * the fitting losses (NLL, all-class MSE with zero targets for OOD rows), pool-adjacent-violators and the
 * exact simplex-constrained quadratic minimiser used by ETS, and the linear-softmax NLL with its analytic gradient
 * ({@code LinearSoftmax}) used by vector, matrix and Dirichlet scaling, which the shared L-BFGS of wisekit-tensor
 * ({@link org.wisekit.tensor.optim.Lbfgs}) minimises. Kernels trust their
 * input; validation happens in the public types. Not API: may change in any release.
 */
package org.wisekit.calib.internal;
