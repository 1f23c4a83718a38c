/**
 * The baselines of MADDNESS's comparison, behind one interface ({@link org.wisekit.lutmm.baseline.ApproxMatmul}):
 * exact GEMM (the project's own and ND4J sgemm), int8 scalar quantization, PCA, product quantization
 * (PQ, 256 centroids, float tables) and Bolt (16 centroids, 8-bit tables), plus MADDNESS itself.
 */
package org.wisekit.lutmm.baseline;
