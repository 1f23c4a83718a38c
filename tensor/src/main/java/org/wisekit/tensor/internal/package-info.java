/**
 * Kernels behind {@link org.wisekit.tensor.Tensor} and {@link org.wisekit.tensor.Gemm}: static
 * methods on primitive arrays with offsets, no validation (the public facades validate) and no
 * allocation in their inner loops. Not API (may change in any release); use the facades.
 *
 * <ul>
 *   <li>{@link org.wisekit.tensor.internal.BlockedGemm}: GEMM blocking, packing and threading;</li>
 *   <li>{@link org.wisekit.tensor.internal.MicroKernel} with
 *       {@link org.wisekit.tensor.internal.VectorMicroKernel} (8 x 2 vectors, FMA) and
 *       {@link org.wisekit.tensor.internal.ScalarMicroKernel} (4 x 4);</li>
 *   <li>{@link org.wisekit.tensor.internal.AxisKernels}: reductions and softmax along an axis;</li>
 *   <li>{@link org.wisekit.tensor.internal.LayoutKernels}: transpose and permute.</li>
 * </ul>
 */
package org.wisekit.tensor.internal;
