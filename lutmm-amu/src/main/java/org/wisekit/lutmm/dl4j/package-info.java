/**
 * DL4J / ND4J integrations: {@link org.wisekit.lutmm.dl4j.MlpTraining} trains the float ReLU MLP
 * ({@link org.wisekit.lutmm.amu.FloatMlp}) that {@link org.wisekit.lutmm.amu.StackedLutNetwork} replaces
 * with LUT layers, and {@link org.wisekit.lutmm.dl4j.Nd4jMatmul} is the exact ND4J sgemm baseline.
 *
 * <p>Needs, besides this module, {@code org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1},
 * {@code org.nd4j:nd4j-native:1.0.0-M2.1} with its platform natives (the same artifact with a classifier
 * such as {@code linux-x86_64}) and {@code org.wisekit:wisekit-tensor-nd4j}.
 */
package org.wisekit.lutmm.dl4j;
