/**
 * Resource-efficient federated multimodal learning with SameDiff: FedMML, LW-FedMML (layer-wise: each stage
 * appends encoder layers and trains only them and the heads) and Prog-FedMML (progressive: each stage appends
 * layers, all train), after Tun, Thwal, Nguyen and Hong, "Resource-Efficient Federated Multimodal Learning via
 * Layer-wise and Progressive Training", arXiv:2407.15426 (2024).
 *
 * <p>{@link org.wisekit.fedmml.dl4j.FederatedRun} drives stages of rounds ({@link org.wisekit.fedmml.dl4j.StagePlan}
 * of a {@link org.wisekit.fedmml.dl4j.Scheme}) over any {@link org.wisekit.fedmml.fl.ClientConnection};
 * {@link org.wisekit.fedmml.dl4j.SameDiffClient} adapts a user's own SameDiff graph and data to the
 * {@link org.wisekit.fedmml.fl.Client} API; {@link org.wisekit.fedmml.dl4j.MultimodalClient} (also a {@code Client})
 * trains the SameDiff model of
 * {@link org.wisekit.fedmml.dl4j.model} with {@link org.wisekit.fedmml.dl4j.MultimodalTrainer}, which measures
 * memory and FLOPs from the ops it runs. This package needs ND4J, which the module declares optional: add
 * {@code org.nd4j:nd4j-native}, its natives (the same with a platform classifier) and
 * {@code org.wisekit:wisekit-tensor-nd4j} to use it.
 */
package org.wisekit.fedmml.dl4j;
