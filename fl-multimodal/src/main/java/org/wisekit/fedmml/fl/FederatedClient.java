package org.wisekit.fedmml.fl;

/** The client side of federated training: trains the model it holds on its local data. */
public interface FederatedClient {

    /** Overwrites the task's tensors in the local model, trains the task's trainable tensors, returns them. */
    ClientUpdate fit(FitTask task);
}
