/**
 * Resource-efficient federated multimodal learning: FedMML, LW-FedMML (layer-wise: each stage appends encoder
 * layers and trains only them and the heads) and Prog-FedMML (progressive: each stage appends layers, all train),
 * after Tun, Thwal, Nguyen and Hong, "Resource-Efficient Federated Multimodal Learning via Layer-wise and
 * Progressive Training", arXiv:2407.15426 (2024).
 *
 * <p>{@link org.wisekit.fedmml.FederatedRun} drives stages of rounds over any
 * {@link org.wisekit.fedmml.fl.ClientConnection}; {@link org.wisekit.fedmml.MultimodalClient} trains the SameDiff
 * model of {@link org.wisekit.fedmml.model} with {@link org.wisekit.fedmml.MultimodalTrainer}, which measures
 * memory and FLOPs from the ops it runs. {@code fl} is the transport-independent framework, {@code grpc} its
 * network runtime, {@code data} the audio-visual digits task.
 */
package org.wisekit.fedmml;
