/**
 * wisekit and ND4J: the bridge between wisekit tensors and ND4J arrays, and the SameDiff training code that
 * wisekit's trainers share.
 * <ul>
 *   <li>{@link org.wisekit.tensor.nd4j.Nd4jBridge} copies a {@link org.wisekit.tensor.Tensor} into an
 *   {@code INDArray} and back.</li>
 *   <li>{@link org.wisekit.tensor.nd4j.Nd4jThreads}: the deterministic set-up, one ND4J thread for a piece of
 *   work and SameDiff sessions that never reuse arrays.</li>
 *   <li>{@link org.wisekit.tensor.nd4j.AdamW}: the one AdamW, on {@code float[]} or {@code INDArray}
 *   parameters, with global-norm clipping and FedProx's proximal term.</li>
 *   <li>{@link org.wisekit.tensor.nd4j.SeededInit}: initial values seeded per parameter name.</li>
 *   <li>{@link org.wisekit.tensor.nd4j.TransformerBlock}: the pre-LayerNorm transformer block as SameDiff
 *   ops.</li>
 *   <li>seeded permutations and normals for minibatch order and initialisation are JDK-only and live in
 *       {@code wisekit-tensor}: {@link org.wisekit.tensor.Shuffles}, {@link org.wisekit.tensor.Normals}.</li>
 * </ul>
 * Modules that train with Deeplearning4j / SameDiff depend on this module; pure modules depend on
 * {@code wisekit-tensor} alone and never pull ND4J. The ND4J natives ({@code nd4j-native} with a platform
 * classifier) are the application's choice.
 */
package org.wisekit.tensor.nd4j;
