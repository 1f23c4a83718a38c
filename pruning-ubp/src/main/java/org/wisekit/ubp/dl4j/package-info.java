/**
 * Pruning-aware training of DL4J networks with any {@link org.wisekit.ubp.BlockSelector}:
 * {@link org.wisekit.ubp.dl4j.GradualPruning} (gradual magnitude pruning on a
 * {@link org.wisekit.ubp.PruningSchedule}, masks re-applied after every optimizer step) of the
 * {@link org.wisekit.ubp.dl4j.PrunableLayer}s of a {@link org.wisekit.ubp.dl4j.PrunableNetwork};
 * {@link org.wisekit.ubp.dl4j.Networks} builds the reproduction's MLP and small MobileNetV1, and
 * {@link org.wisekit.ubp.dl4j.Training} runs seeded minibatch training and scoring on
 * {@link org.wisekit.ubp.dl4j.ImageData}.
 *
 * <p>Needs, besides this module, {@code org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1},
 * {@code org.nd4j:nd4j-native:1.0.0-M2.1} with its platform natives (the same artifact with a classifier
 * such as {@code linux-x86_64}) and {@code org.wisekit:wisekit-tensor-nd4j} (which brings
 * {@code wisekit-tensor}, home of the seeded shuffles).
 */
package org.wisekit.ubp.dl4j;
