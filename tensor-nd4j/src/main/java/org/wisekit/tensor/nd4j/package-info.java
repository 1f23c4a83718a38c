/**
 * The bridge between wisekit tensors and ND4J: {@link org.wisekit.tensor.nd4j.Nd4jBridge} copies a
 * {@link org.wisekit.tensor.Tensor} into an {@code INDArray} and back. Modules that train with
 * Deeplearning4j / SameDiff depend on this module; pure modules depend on {@code wisekit-tensor}
 * alone and never pull the ND4J natives.
 */
package org.wisekit.tensor.nd4j;
