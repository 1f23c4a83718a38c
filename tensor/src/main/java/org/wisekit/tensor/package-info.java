/**
 * The small shared tensor API of wisekit, JDK only.
 *
 * <p>{@link org.wisekit.tensor.Tensor} is a dense float32 row-major tensor with element-wise ops,
 * row-vector broadcasting, axis reductions, stable softmax / logSoftmax / logSumExp, layout copies and
 * matmul; {@link org.wisekit.tensor.Gemm} is the project's own cache-blocked, register-tiled GEMM on
 * plain {@code float[]} arrays (Vector API path with a tested scalar fallback), the baseline that the
 * sparse and lookup-table kernels of the paper modules are measured against. Kernels live in
 * {@link org.wisekit.tensor.internal}; the shared L-BFGS optimiser is {@link org.wisekit.tensor.optim.Lbfgs}; conversion to ND4J lives in the separate {@code tensor-nd4j}
 * module so that depending on this package never pulls native libraries.
 */
package org.wisekit.tensor;
