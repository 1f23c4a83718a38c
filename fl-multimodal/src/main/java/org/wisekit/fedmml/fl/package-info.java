/**
 * A small federated-learning framework over named float32 tensors, ND4J-free. Users plug their own model in as a
 * {@link org.wisekit.fedmml.fl.Client} (Flower-style {@code fit} and {@code evaluate}; the SameDiff adapter is
 * {@code org.wisekit.fedmml.dl4j.SameDiffClient}) and run it with {@link org.wisekit.fedmml.fl.Federation} through a
 * {@link org.wisekit.fedmml.fl.Schedule} (end-to-end FedAvg, or the layer-wise and progressive training of Tun et al.,
 * arXiv:2407.15426, over layer groups declared by name prefix), in one process
 * ({@link org.wisekit.fedmml.fl.InProcessConnection}) or over gRPC ({@code org.wisekit.fedmml.grpc}). Underneath,
 * model state is {@link org.wisekit.fedmml.fl.NamedTensors}; a {@link org.wisekit.fedmml.fl.FederatedServer} samples
 * clients, sends each only the trainable tensors (plus frozen tensors it has not seen), enforces a round deadline and
 * quorum, validates updates, aggregates them with a {@link org.wisekit.fedmml.fl.Strategy}
 * ({@link org.wisekit.fedmml.fl.FedAvg}, {@link org.wisekit.fedmml.fl.FedProx}) and runs federated evaluations; a
 * versioned protobuf {@link org.wisekit.fedmml.fl.Wire} format is used by every transport, the in-process one included.
 */
package org.wisekit.fedmml.fl;
