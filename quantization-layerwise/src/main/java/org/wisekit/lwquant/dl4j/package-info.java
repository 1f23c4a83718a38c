/**
 * SameDiff integration: {@link org.wisekit.lwquant.dl4j.DecoderTrainer} trains a llama-style decoder
 * ({@link org.wisekit.lwquant.llama.LlamaModel}) from scratch, deterministically from a seed. Uses the
 * optional dependencies {@code org.nd4j:nd4j-native} (plus its platform artifact) and
 * {@code org.wisekit:wisekit-tensor-nd4j}, which the application adds.
 */
package org.wisekit.lwquant.dl4j;
