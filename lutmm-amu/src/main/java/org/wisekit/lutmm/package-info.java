/**
 * MADDNESS approximate matrix multiplication (Blalock and Guttag, "Multiplying Matrices Without
 * Multiplying", ICML 2021, arXiv 2106.10860) with the AMU-style stacked LUT layers of Zhu et al.,
 * "Fast, Scalable, Energy-Efficient Non-element-wise Matrix Multiplication on FPGA" (arXiv 2407.02362).
 *
 * <p>{@link org.wisekit.lutmm.MaddnessModel#fit} learns the hash trees and prototypes from training rows;
 * {@link org.wisekit.lutmm.MaddnessModel#bind} turns a fixed B into 8-bit tables; the result,
 * {@link org.wisekit.lutmm.MaddnessMatmul}, approximates {@code A · B} with 4C comparisons per row and
 * M · C byte lookups per row. Baselines are in {@code .baseline}, the stacked network in {@code .amu},
 * the kernels in {@code .kernel}.
 *
 * <p>These packages need only {@code wisekit-tensor} and Commons Math. Training the float MLP with DL4J
 * ({@code org.wisekit.lutmm.dl4j.MlpTraining}) and the ND4J sgemm baseline
 * ({@code org.wisekit.lutmm.dl4j.Nd4jMatmul}) are in {@code org.wisekit.lutmm.dl4j} and need DL4J on the
 * class path (see the module README); the reproduction {@code lutmm-amu/pareto} is in
 * {@code org.wisekit.lutmm.repro}.
 */
package org.wisekit.lutmm;
