/**
 * A small federated-learning framework: model state as {@link org.wisekit.fedmml.fl.NamedTensors}, a
 * {@link org.wisekit.fedmml.fl.FederatedServer} that samples clients, sends each only the trainable tensors
 * (plus frozen tensors it has not seen), enforces a round deadline and quorum, validates updates and aggregates
 * them with a {@link org.wisekit.fedmml.fl.Strategy} ({@link org.wisekit.fedmml.fl.FedAvg},
 * {@link org.wisekit.fedmml.fl.FedProx}); a versioned protobuf {@link org.wisekit.fedmml.fl.Wire} format used by
 * every transport, the in-process one included.
 */
package org.wisekit.fedmml.fl;
