/**
 * The baselines of MADDNESS's comparison, behind one interface ({@link org.wisekit.lutmm.baseline.ApproxMatmul}):
 * exact GEMM (the project's own), int8 scalar quantization, PCA, product quantization (PQ, 256 centroids,
 * float tables) and Bolt (16 centroids, 8-bit tables), plus MADDNESS itself; the ND4J sgemm baseline is
 * {@code org.wisekit.lutmm.dl4j.Nd4jMatmul}. {@link org.wisekit.lutmm.baseline.AbstractApproxMatmul} holds
 * the name and shape every method reports.
 */
package org.wisekit.lutmm.baseline;
